"""Revisionslog / Audit log: who did what, when and from where, filtered by user, action, dates
and free text; and a check that the chain of hashes is intact."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from planwatch.access import audit
from planwatch.access.audit import AuditEntry
from planwatch.domain.clock import local_day_end, local_day_start
from planwatch.ui import cards, state
from planwatch.ui.app_pages.audit_words import action_name, details_text, subject_text
from planwatch.ui.components import local_time
from planwatch.ui.i18n import t

MAX_ROWS = 2000


def table(entries: list[AuditEntry], language: str) -> pd.DataFrame:
    """One row per entry, one value per cell; times in Danish local time (ISO 8601)."""
    return pd.DataFrame(
        {
            t("col_seq", language): [e.seq for e in entries],
            t("col_time_local", language): [local_time(e.recorded_at, iso=True) for e in entries],
            t("col_actor", language): [e.actor for e in entries],
            t("col_action", language): [action_name(e.action, language) for e in entries],
            t("col_audit_subject", language): [subject_text(e.subject, language) for e in entries],
            t("col_details_text", language): [
                details_text(e.details, language, e.action) for e in entries
            ],
            t("col_origin", language): [e.origin for e in entries],
            t("col_entry_hash", language): [e.entry_hash for e in entries],
            t("col_action_code", language): [e.action for e in entries],  # for machines
        }
    )


def render() -> None:
    language = state.language()
    store = state.store()
    reader = state.actor()
    st.title(t("audit-log", language))
    st.caption(t("audit_intro", language))
    _verification(language)
    everyone = sorted({e.actor for e in audit.entries(store, reader)})
    actions = audit.actions_in_log(store, reader)
    every = t("filter_all", language)
    who_column, what_column, since_column, until_column = st.columns(4)
    who = who_column.selectbox(
        t("filter_user", language), options=[every, *everyone], key="audit_user"
    )
    what = what_column.selectbox(
        t("filter_action", language),
        options=[every, *actions],
        format_func=lambda a: a if a == every else action_name(a, language),
        key="audit_action",
    )
    date_format = "DD-MM-YYYY" if language == "da" else "YYYY-MM-DD"
    since = since_column.date_input(
        t("filter_from", language), value=None, format=date_format, key="audit_since"
    )
    until = until_column.date_input(
        t("filter_to", language), value=None, format=date_format, key="audit_until"
    )
    text = st.text_input(t("filter_text", language), key="audit_text")
    found = audit.entries(
        store,
        reader,
        actor=None if who == every else who,
        action=None if what == every else what,
        since=local_day_start(since) if isinstance(since, dt.date) else None,
        until=local_day_end(until) if isinstance(until, dt.date) else None,
        text=text.strip() or None,
    )
    if not found:
        st.info(t("no_entries", language))
        return
    newest_first = list(reversed(found))[:MAX_ROWS]
    if len(found) > MAX_ROWS:
        st.caption(t("audit_truncated", language, count=len(found), shown=MAX_ROWS))
    else:
        st.caption(t("audit_count", language, count=len(found)))
    cards.wide_table(
        table(newest_first, language),
        key="audit-entries",
        language=language,
        title=t("col_action", language),
        hide_index=True,
    )


def _verification(language: str) -> None:
    """The chain is checked when asked, and the answer shown for that moment only."""
    if st.button(t("verify_chain", language), key="audit_verify"):
        result = audit.verify(state.store(), state.actor())
        (st.success if result.ok else st.error)(result.message(language))
        if result.findings:  # rows as text: they may quote what users typed
            cards.wide_table(
                pd.DataFrame(
                    {t("col_finding", language): [f.message(language) for f in result.findings]}
                ),
                key="audit-findings",
                language=language,
                hide_index=True,
            )

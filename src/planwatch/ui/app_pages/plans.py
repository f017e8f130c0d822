"""Planer / Plans (issue 19): an admin defines the next plan or revises a stored one in the app,
in its tables (:mod:`planwatch.ui.app_pages.plan_form`) or through the plan workbook: download
the empty template or a stored plan filled in, send the workbook back with a reason, and see
every problem by sheet, row and column, or the receipt. What is sent waits for another person's
approval on Godkendelse (never the sender's own)."""

from __future__ import annotations

import streamlit as st

from planwatch.errors import StorageError
from planwatch.figures import reporting
from planwatch.settings import upload_limits
from planwatch.storage import Store
from planwatch.ui import signin, state
from planwatch.ui.app_pages import plan_form
from planwatch.ui.i18n import t
from planwatch.ui.user_text import user_text
from planwatch.uploads import ingest, plan_import
from planwatch.uploads.raw_tables import ReadLimits

_REPORT = "plans_report"  # session key: (sha256, report) of the last check or submission
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def render() -> None:
    language = state.language()
    store = state.store()
    sender = state.actor()
    st.title(t("plans_page", language))
    st.caption(t("plans_intro", language))
    if sender is None:
        st.warning(t("not_signed_in", language))
        return
    st.info(t("plans_send_as", language, name=user_text(signin.shown_name(sender))))
    plan_form.render(store, sender, language)
    _downloads(store, language)
    st.subheader(t("plans_send", language))
    uploaded = st.file_uploader(t("plans_file", language), type=["xlsx"], key="plans_file")
    reason = st.text_area(t("plans_reason", language), key="plans_reason", height=80)
    if uploaded is None:
        st.session_state.pop(_REPORT, None)
        return
    data = uploaded.getvalue()
    max_bytes, max_rows = upload_limits(state.settings())
    limits = ReadLimits(max_bytes=max_bytes, max_rows=max_rows)
    left, right = st.columns(2)
    check = left.button(t("check_file", language), key="plans_check")
    send = right.button(t("plans_submit", language), type="primary", key="plans_submit")
    if check or send:
        try:
            with st.spinner(t("reading_file", language)):
                report = plan_import.import_plan(
                    store,
                    data,
                    uploaded.name,
                    actor=sender,
                    reason=reason,
                    dry_run=not send,
                    limits=limits,
                )
        except StorageError as error:  # busy, or the disk refused: nothing stored
            st.error(user_text(error.message(language)))
            return
        st.session_state[_REPORT] = (report.sha256, report)
    shown = st.session_state.get(_REPORT)
    if shown is None or shown[0] != ingest.sha256(data):
        return
    plan_form.show_report(shown[1], language)


def _downloads(store: Store, language: str) -> None:
    """The empty template, and each stored plan as a filled workbook to revise."""
    st.subheader(t("plans_get", language))
    sender = state.actor()
    st.download_button(
        t("plans_template", language),
        data=plan_import.plan_template(store, sender, language),
        file_name=f"planwatch-plan-{language}.xlsx",
        mime=_XLSX,
        key="plans_template",
    )
    plans = sorted(reporting.plans(store), key=lambda p: p.start_date, reverse=True)
    if not plans:
        return
    chosen = st.selectbox(
        t("plans_choose", language),
        options=[p.plan_id for p in plans],
        format_func=lambda plan_id: next(p.name(language) for p in plans if p.plan_id == plan_id),
        key="plans_chosen",
    )
    if chosen is None:
        return
    st.download_button(
        t("plans_stored", language),
        data=plan_import.export_plan(store, sender, str(chosen), language),
        file_name=f"plan-{chosen}.xlsx",
        mime=_XLSX,
        key="plans_stored",
    )

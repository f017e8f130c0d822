"""Mine indberetninger / My submissions: what the signed-in uploader has sent, its status, the
approver's comment when it was returned, and the figures in each.

Also holds the pieces the approval page shares: a submission's figures as a table (each beside
the approved value it would replace, revisions marked) and times in Danish local time.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from planwatch.access import approvals
from planwatch.access.approvals import Submission, SubmittedFigure
from planwatch.domain.periods import Period
from planwatch.domain.permissions import Actor
from planwatch.domain.vocab import ALL, BREAKDOWN_DIMENSIONS
from planwatch.figures.names import Names, names
from planwatch.formatting import format_number
from planwatch.storage import Store
from planwatch.ui import cards, state
from planwatch.ui.app_pages import large_submissions, plan_preview
from planwatch.ui.components import local_time
from planwatch.ui.i18n import TEXTS, t
from planwatch.ui.user_text import user_text

REVISION_COLOUR = "background-color: #fff3bf"  # a pale yellow, readable in print


def number_text(value: Decimal | None, language: str) -> str:
    """A stored figure as a reader writes it, with as many decimals as it has ("" for none)."""
    if value is None:
        return ""
    exponent = value.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format_number(value, language, decimals)


def _term(dimension: str, code: str | None, language: str) -> str:
    if code is None:
        return ""
    if code == ALL:
        return t("total", language)
    term = BREAKDOWN_DIMENSIONS[dimension].get(code)
    if term is None:
        return code
    return term.label_da if language == "da" else term.label_en


def source_name(source_id: str, language: str) -> str:
    """An upload's source by name (issue 18: not ``cmm-upload``); another source by its id."""
    key = f"source_{source_id}"
    return t(key, language) if key in TEXTS else source_id


def figures_table(
    figures: list[SubmittedFigure], language: str, names: Names | None = None
) -> pd.DataFrame:
    """One row per figure, one value per cell; indicators and initiatives by their names."""
    named = names or Names({})
    return pd.DataFrame(
        {
            t("col_table", language): [t(f"table_{f.table}", language) for f in figures],
            t("col_subject", language): [named.subject(f.subject, language) for f in figures],
            t("col_period", language): [Period(f.year, f.quarter).label(language) for f in figures],
            t("col_sex", language): [_term("sex", f.sex, language) for f in figures],
            t("col_age_group", language): [
                _term("age_group", f.age_group, language) for f in figures
            ],
            t("col_exploitation", language): [
                _term("exploitation", f.exploitation, language) for f in figures
            ],
            t("col_source", language): [source_name(f.source_id, language) for f in figures],
            t("col_new_value", language): [number_text(f.new_value, language) for f in figures],
            t("col_approved_value", language): [
                number_text(f.approved_value, language) for f in figures
            ],
            t("col_revision_short", language): [
                t("yes", language) if f.is_revision else "" for f in figures
            ],
        }
    )


def _columns(language: str) -> dict[str, Any]:
    """Widths chosen so that names are read whole, and the revision column's meaning as help."""
    return {
        t("col_subject", language): st.column_config.TextColumn(width="large"),
        t("col_source", language): st.column_config.TextColumn(width="medium"),
        t("col_revision_short", language): st.column_config.TextColumn(
            help=t("col_revision_help", language)
        ),
    }


def show_figures(
    figures: list[SubmittedFigure], language: str, key: str, names: Names | None = None
) -> None:
    """The figures of a submission, revisions of approved figures highlighted; a large one
    summarised and shown a page at a time (``key``: the submission's, for its page chooser)."""
    if not figures:
        st.caption(t("no_figures_in_submission", language))
        return
    shown = large_submissions.page_of(figures, key, language, names)
    table = figures_table(shown, language, names)
    revised = [f.is_revision for f in shown]
    styled: pd.DataFrame | Styler = table
    if table.size <= large_submissions.MAX_STYLED_CELLS:
        styled = table.style.apply(
            lambda row: [REVISION_COLOUR if revised[row.name] else ""] * len(row), axis=1
        )
    cards.wide_table(
        styled,
        key=f"figures-{key}",
        language=language,
        title=t("col_subject", language),
        hide_index=True,
        column_config=_columns(language),
    )
    count = sum(f.is_revision for f in figures)
    if count:
        st.caption(t("revisions_count", language, count=count))


def status_text(submission: Submission, language: str) -> str:
    return t(f"status_{submission.status}", language)


def heading(submission: Submission, language: str) -> str:
    what = (
        user_text(submission.file_name)
        if submission.file_name
        else t(f"kind_{submission.kind}", language)
    )
    return t(
        "submission_heading",
        language,
        id=submission.change_set_id,
        what=what,
        status=status_text(submission, language),
    )


def describe(submission: Submission, language: str) -> None:
    """Who sent it when, why, and how it was reviewed."""
    st.caption(
        t(
            "plan_submission_meta" if submission.is_plan else "submission_meta",
            language,
            at=local_time(submission.recorded_at),
            user=user_text(submission.recorded_by),
            figures=submission.figures,
        )
    )
    if submission.reason:
        st.caption(t("submission_reason", language, reason=user_text(submission.reason)))
    if submission.reviewed_at is not None:
        st.caption(
            t(
                "reviewed_meta",
                language,
                status=status_text(submission, language).capitalize(),
                at=local_time(submission.reviewed_at),
                user=user_text(submission.reviewed_by or ""),
            )
        )


def render() -> None:
    language = state.language()
    store = state.store()
    reader = state.actor()
    st.title(t("submissions", language))
    st.caption(t("submissions_intro", language))
    mine = [
        s
        for s in approvals.submissions(store, reader)
        if reader is not None and s.recorded_by == reader.name
    ]
    if not mine:
        st.info(t("no_submissions", language))
        return
    named = names(store)
    for submission in sorted(mine, key=lambda s: s.recorded_at, reverse=True):
        with st.expander(heading(submission, language), expanded=submission.status == "returned"):
            describe(submission, language)
            if submission.status == "returned" and submission.review_comment:
                comment = user_text(submission.review_comment)
                st.warning(t("review_comment_shown", language, comment=comment))
            elif submission.review_comment:
                comment = user_text(submission.review_comment)
                st.info(t("review_comment_shown", language, comment=comment))
            show_contents(store, reader, submission, language, named)


def show_contents(
    store: Store, reader: Actor | None, submission: Submission, language: str, named: Names
) -> list[SubmittedFigure]:
    """What a submission holds: a plan workbook's plan, or the figures (returned, for the
    approval page's own checks of them)."""
    number = submission.change_set_id
    if submission.is_plan:
        plan = approvals.submitted_plan(store, reader, number)
        if plan is not None:
            plan_preview.show_plan(plan, language, str(number), named)
            return []
    figures = approvals.figures(store, reader, number)
    show_figures(figures, language, str(number), named)
    return figures

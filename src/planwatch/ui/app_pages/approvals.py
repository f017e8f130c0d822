"""Godkendelse / Approvals: submissions awaiting approval, each with its figures beside the
approved values they would replace (a plan workbook: the plan it would create); approve, or
return with a comment, after a confirmation.

The service decides: nobody reviews their own submission, a submission is reviewed once, and a
return needs a comment. Its refusals are shown as messages.
"""

from __future__ import annotations

from typing import Literal

import pandas as pd
import streamlit as st

from planwatch.access import approvals
from planwatch.access.approvals import Submission, SubmittedFigure
from planwatch.charts.series import period_label
from planwatch.domain.periods import Period
from planwatch.domain.permissions import Actor
from planwatch.errors import PlanwatchError
from planwatch.figures import kept_patterns, reporting
from planwatch.figures.approval_preview import totals_withheld_on_approval
from planwatch.figures.names import names
from planwatch.storage import Store
from planwatch.ui import cards, state
from planwatch.ui.app_pages import plan_preview
from planwatch.ui.app_pages.submissions import (
    describe,
    heading,
    show_contents,
    status_text,
)
from planwatch.ui.components import local_time
from planwatch.ui.i18n import t
from planwatch.ui.user_text import user_text

_ASKED = "_planwatch_review_asked"  # (decision, change_set_id, comment) awaiting confirmation
_RESULT = "_planwatch_review_result"  # (level, {"da": ..., "en": ...}) of the last review
RECENT = 10

Decision = Literal["approved", "returned"]


def render() -> None:
    language = state.language()
    store = state.store()
    reviewer = state.actor()
    st.title(t("approvals", language))
    st.caption(t("approvals_intro", language))
    result = st.session_state.pop(_RESULT, None)
    if isinstance(result, tuple):
        level, message = result
        (st.success if level == "success" else st.error)(message[language])
    pending = approvals.submissions(store, reviewer, status="submitted")
    if not pending:
        st.info(t("no_pending", language))
    named = names(store)
    for submission in sorted(pending, key=lambda s: s.recorded_at):
        st.subheader(heading(submission, language))
        describe(submission, language)
        if reviewer is not None and submission.recorded_by == reviewer.name:
            st.caption(t("own_submission", language))
        figures = show_contents(store, reviewer, submission, language, named)
        _withheld_totals(store, figures, language)
        _decide(store, reviewer, submission, language)
        st.divider()
    _recent(store, reviewer, language)


def _withheld_totals(store: Store, figures: list[SubmittedFigure], language: str) -> None:
    """Warn the approver when approving would withhold totals from viewers (a correction that
    adds a small count to a published total: docs/access.md, Small counts)."""
    totals = [
        (f.subject, Period(f.year, f.quarter))
        for f in figures
        if f.table == "observation" and f.sex == f.age_group == f.exploitation == "all"
    ]
    if not totals:
        return
    withheld = totals_withheld_on_approval(
        store, totals, threshold=state.settings().small_count_threshold
    )
    if not withheld:
        return
    names = {i.code: i.name(language) for i in reporting.indicators(store)}
    listed = "; ".join(
        f"{names.get(code, code)}, "
        + (str(p.year) if p.quarter is None else period_label(str(p), language))
        for code, p in withheld
    )
    st.warning(t("approval_withholds_totals", language, totals=listed))


def _decide(store: Store, reviewer: Actor | None, submission: Submission, language: str) -> None:
    number = submission.change_set_id
    asked = st.session_state.get(_ASKED)
    confirming = isinstance(asked, tuple) and asked[1] == number
    # Shown while confirming too (locked), so that a cancelled review keeps its comment.
    comment = st.text_area(
        t("review_comment", language), key=f"review_comment_{number}", disabled=confirming
    )
    if not confirming:
        # side by side, each as wide as its text (fixed columns cut "Returnér med kommentar")
        row = st.container(horizontal=True)
        left = right = row
        if left.button(t("approve", language), key=f"approve_{number}", type="primary"):
            asked = ("approved", number, comment)
        elif right.button(t("return", language), key=f"return_{number}"):
            if not comment.strip():
                st.warning(t("need_comment", language))
                return
            asked = ("returned", number, comment)
        else:
            return
        st.session_state[_ASKED] = asked
    if isinstance(asked, tuple):
        _confirm(store, reviewer, submission, asked[0], asked[2], language)


def _confirm(
    store: Store,
    reviewer: Actor | None,
    submission: Submission,
    decision: Decision,
    comment: str,
    language: str,
) -> None:
    number = submission.change_set_id
    plan = _plan_name(store, reviewer, submission, language)
    if decision == "approved" and plan is not None:
        st.warning(t("confirm_approve_plan", language, id=number, name=plan))
    elif decision == "approved":
        st.warning(t("confirm_approve", language, id=number, figures=submission.figures))
    else:
        st.warning(
            t(
                "confirm_return",
                language,
                id=number,
                user=user_text(submission.recorded_by),
                comment=user_text(comment),
            )
        )
    yes = no = st.container(horizontal=True)
    if yes.button(
        t("confirm_yes_approve" if decision == "approved" else "confirm_yes_return", language),
        key=f"confirm_{number}",
        type="primary",
    ):
        st.session_state.pop(_ASKED, None)
        st.session_state[_RESULT] = _review(store, reviewer, submission, decision, comment)
        st.rerun()
    if no.button(t("cancel", language), key=f"cancel_{number}"):
        st.session_state.pop(_ASKED, None)
        st.rerun()


def _plan_name(
    store: Store, reader: Actor | None, submission: Submission, language: str
) -> str | None:
    """The name of the plan a plan workbook's submission defines; None for other submissions."""
    if not submission.is_plan:
        return None
    plan = approvals.submitted_plan(store, reader, submission.change_set_id)
    return None if plan is None else plan_preview.plan_name(plan, language)


def _review(
    store: Store, reviewer: Actor | None, submission: Submission, decision: Decision, comment: str
) -> tuple[str, dict[str, str]]:
    number = submission.change_set_id
    try:
        if decision == "approved":
            approvals.approve(store, reviewer, number, comment=comment or None)
        else:
            approvals.return_submission(store, reviewer, number, comment=comment)
    except PlanwatchError as refused:
        return "error", {lang: user_text(refused.message(lang)) for lang in ("da", "en")}
    kept_patterns.after_review(store, number, state.settings().small_count_threshold)
    if decision == "approved" and submission.is_plan:
        return "success", {
            lang: t(
                "approved_plan_done",
                lang,
                id=number,
                name=_plan_name(store, reviewer, submission, lang),
            )
            for lang in ("da", "en")
        }
    if decision == "approved":
        return "success", {lang: t("approved_done", lang, id=number) for lang in ("da", "en")}
    return "success", {
        lang: t("returned_done", lang, id=number, user=user_text(submission.recorded_by))
        for lang in ("da", "en")
    }


def _recent(store: Store, reviewer: Actor | None, language: str) -> None:
    reviewed = [s for s in approvals.submissions(store, reviewer) if s.reviewed_at is not None]
    if not reviewed:
        return
    reviewed.sort(key=lambda s: s.reviewed_at or s.recorded_at, reverse=True)
    shown = reviewed[:RECENT]
    st.subheader(t("recently_reviewed", language))
    cards.wide_table(
        pd.DataFrame(
            {
                t("col_id", language): [s.change_set_id for s in shown],
                t("col_sent_by", language): [s.recorded_by for s in shown],
                t("col_sent_at", language): [local_time(s.recorded_at) for s in shown],
                t("col_status", language): [status_text(s, language) for s in shown],
                t("col_reviewed_by", language): [s.reviewed_by or "" for s in shown],
                t("col_reviewed_at", language): [local_time(s.reviewed_at) for s in shown],
                t("col_comment", language): [s.review_comment or "" for s in shown],
            }
        ),
        key="recently-reviewed",
        language=language,
        hide_index=True,
    )

"""Planer / Plans in forms (issue 19): an admin defines the next plan or revises a stored one cell
by cell in the app, one table per sheet of the plan workbook, and sends it with a reason.

What the tables hold is written as a plan workbook, every cell as typed, and sent through
:func:`planwatch.uploads.plan_import.import_plan` like a workbook from disk: the same checks
(every problem by sheet, row and column, nothing stored on any error), the same file in the
archive and the rebuild, the same approval by another person. The forms are another way of
filling in the workbook, not a second set of rules. A problem's row is the table's row as shown.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any, Final

import pandas as pd
import streamlit as st

from planwatch.domain.permissions import Actor
from planwatch.domain.plan_workbook import SHEETS, PlanSheet
from planwatch.errors import Problem, StorageError
from planwatch.figures import reporting
from planwatch.settings import upload_limits
from planwatch.storage import Store
from planwatch.ui import state
from planwatch.ui.app_pages import upload_report
from planwatch.ui.i18n import t
from planwatch.ui.user_text import user_text
from planwatch.uploads import plan_import
from planwatch.uploads.raw_tables import ReadLimits

NEW: Final = ""
"""The choice "a new plan": empty tables."""
_REPORT: Final = "plan_form_report"  # session key: (the plan chosen, the report shown)

TypedRows = dict[str, list[dict[str, str | None]]]


def cell_text(value: object) -> str | None:
    """A stored value as a person would type it: amounts without trailing zeros, dates as
    YYYY-MM-DD, nothing as an empty cell."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def frame(spec: PlanSheet, rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """A sheet's rows as the table the editor shows: one text column per workbook column (an
    empty cell as empty text: the grid shows None as the word "None"), rows numbered from 1."""
    columns = [c.name for c in spec.columns]
    data = {name: [cell_text(row.get(name)) or "" for row in rows] for name in columns}
    shown = pd.DataFrame(data, columns=columns, dtype="object")
    shown.index = pd.RangeIndex(1, len(rows) + 1)
    return shown


def typed_rows(edited: pd.DataFrame) -> tuple[list[dict[str, str | None]], list[object]]:
    """The rows a person left in a table, each cell as typed (blank: None), and each row's
    number in the table; rows left wholly blank are no rows."""
    rows: list[dict[str, str | None]] = []
    labels: list[object] = []
    for label, record in zip(edited.index, edited.to_dict("records"), strict=True):
        cells = {str(k): _typed(v) for k, v in record.items()}
        if any(v is not None for v in cells.values()):
            rows.append(cells)
            labels.append(label)
    return rows, labels


def _typed(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    text = str(value).strip()
    return text or None


def table_rows(
    problems: Sequence[Problem], labels: Mapping[str, Sequence[object]]
) -> list[Problem]:
    """Each problem with the row of the table it is in (a workbook's row 2 is a table's first
    row; a row added in the table has no number of its own: its place)."""
    mapped: list[Problem] = []
    for found in problems:
        numbers = labels.get(found.sheet or "")
        if found.row is None or numbers is None or not 2 <= found.row < len(numbers) + 2:
            mapped.append(found)
            continue
        label = numbers[found.row - 2]
        shown = found.row - 1  # its place
        if isinstance(label, int | float) and math.isfinite(label) and label == int(label):
            shown = int(label)
        mapped.append(replace(found, row=shown))
    return mapped


def _editor_key(chosen: str, spec: PlanSheet) -> str:
    return f"plan_form_{chosen or 'ny'}_{spec.key.value}"


def render(store: Store, sender: Actor, language: str) -> None:
    """The forms: choose a new plan or a stored one, edit its tables, check or send."""
    st.subheader(t("plan_form_heading", language))
    st.caption(t("plan_form_intro", language))
    plans = sorted(reporting.plans(store), key=lambda p: p.start_date, reverse=True)
    names = {p.plan_id: p.name(language) for p in plans}
    chosen = str(
        st.selectbox(
            t("plan_form_choose", language),
            options=[NEW, *names],
            format_func=lambda plan_id: names.get(plan_id) or t("plan_form_new", language),
            key="plan_form_plan",
        )
        or NEW
    )
    stored = plan_import.plan_rows(store, sender, chosen) if chosen else {}
    _codes(store, language)
    edited: dict[str, pd.DataFrame] = {}
    tabs = st.tabs([spec.name(language) for spec in SHEETS])
    for tab, spec in zip(tabs, SHEETS, strict=True):
        with tab:
            st.caption(spec.help_da if language == "da" else spec.help_en)
            edited[spec.key.value] = st.data_editor(
                frame(spec, stored.get(spec.key.value, [])),
                key=_editor_key(chosen, spec),
                num_rows="dynamic",
                column_config={
                    c.name: st.column_config.TextColumn(
                        c.name_da if language == "da" else c.name,
                        help=c.help_da if language == "da" else c.help_en,
                    )
                    for c in spec.columns
                },
            )
    reason = st.text_area(t("plans_reason", language), key="plan_form_reason", height=80)
    left, right = st.columns(2)
    check = left.button(t("plan_form_check", language), key="plan_form_check")
    send = right.button(t("plans_submit", language), type="primary", key="plan_form_submit")
    if check or send:
        report = _sent(store, sender, chosen, edited, reason, language, dry_run=not send)
        if report is None:
            return
        st.session_state[_REPORT] = (chosen, report)
    shown = st.session_state.get(_REPORT)
    if shown is not None and shown[0] == chosen:
        show_report(shown[1], language)


def _sent(
    store: Store,
    sender: Actor,
    chosen: str,
    edited: Mapping[str, pd.DataFrame],
    reason: str,
    language: str,
    *,
    dry_run: bool,
) -> plan_import.PlanImportReport | None:
    rows: TypedRows = {}
    labels: dict[str, list[object]] = {}
    for spec in SHEETS:
        rows[spec.key.value], labels[spec.name(language)] = typed_rows(edited[spec.key.value])
    try:
        data = plan_import.typed_workbook(store, sender, rows, language)
        max_bytes, max_rows = upload_limits(state.settings())
        report = plan_import.import_plan(
            store,
            data,
            f"formular-{chosen or 'ny-plan'}.xlsx",
            actor=sender,
            reason=reason,
            dry_run=dry_run,
            limits=ReadLimits(max_bytes=max_bytes, max_rows=max_rows),  # as a sent workbook
        )
    except StorageError as error:  # busy, or the disk refused: nothing stored
        st.error(user_text(error.message(language)))
        return None
    report.problems = table_rows(report.problems, labels)
    return report


def _codes(store: Store, language: str) -> None:
    """The indicators' codes, for the tables Mål and Resultatindikatorer."""
    with st.expander(t("plan_form_codes", language)):
        known = reporting.indicators(store)
        st.dataframe(
            pd.DataFrame(
                {
                    t("plan_form_code", language): [i.code for i in known],
                    t("col_indicator", language): [i.name(language) for i in known],
                }
            ),
            hide_index=True,
        )


def show_report(report: plan_import.PlanImportReport, language: str) -> None:
    """A checked or sent plan's outcome: every problem, or the receipt."""
    summary = user_text(report.summary(language))
    if report.status == "refused":
        st.error(summary)
        st.markdown(upload_report.problem_list(report.problems, language))
    else:
        st.success(summary)
    if report.status == "stored":
        st.info(t("plans_awaiting", language))

"""The overview's last part (issue 19): the plan chosen and the one before it side by side,
each plan's money and the core indicators over its complete years
(:mod:`planwatch.figures.plan_comparison`), as one table that wraps on a phone."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import streamlit as st

from planwatch.domain.plans import Plan
from planwatch.figures import reporting
from planwatch.figures.plan_comparison import PeriodFigure, PlanColumn
from planwatch.formatting import format_dkk_millions, format_number
from planwatch.ui import data
from planwatch.ui.controls import Controls
from planwatch.ui.frame import plan_label
from planwatch.ui.i18n import t


def render(plan: Plan, controls: Controls) -> None:
    """The plan chosen and the one before it (or any the user picks), side by side. The chooser
    offers the plans defined at the sidebar's moment: a plan approved later is not offered."""
    language = controls.language
    plans = sorted(data.plans(controls.db, controls.as_of), key=lambda p: p.start_date)
    if len(plans) < 2:
        return
    st.subheader(t("plans_side_by_side", language))
    st.caption(t("plans_side_by_side_intro", language))
    by_id = {p.plan_id: p for p in plans}
    index = [p.plan_id for p in plans].index(plan.plan_id)
    default = [p.plan_id for p in plans[max(0, index - 1) : index + 1]]
    if len(default) < 2:
        default = [p.plan_id for p in plans[:2]]
    chosen = st.multiselect(
        t("plans_to_compare", language),
        options=list(by_id),
        default=default,
        format_func=lambda plan_id: plan_label(by_id[plan_id], plans, language),
        # A choice belongs to the plans offered: another moment offering other plans starts
        # again from its default (the plan and the one before it), not from a choice cut short.
        key=f"plans_side_by_side_{language}_{'|'.join(by_id)}",
    )
    ordered = tuple(p.plan_id for p in plans if p.plan_id in chosen)
    if len(ordered) < 2:
        st.info(t("plans_choose_two", language))
        return
    columns = data.plans_side_by_side(controls.db, ordered, controls.as_of, controls.view)
    known = data.sources(controls.db, controls.as_of)
    made_up = {p.plan_id for p in plans if reporting.total_is_illustrative(p, known)}
    st.table(_side_by_side_frame(columns, plans, language, made_up))


def _side_by_side_frame(
    columns: list[PlanColumn], plans: list[Plan], language: str, made_up: set[str]
) -> pd.DataFrame:
    """Rows: the total, the total per year, each core indicator; a column per plan. The money
    of a plan whose total is made up (``made_up``: their codes) is marked ILLUSTRATIVT."""

    def money(column: PlanColumn, amount: Decimal) -> str:
        text = format_dkk_millions(amount, language)
        if column.plan.plan_id in made_up:
            return f"{t('plans_illustrative', language)}: {text}"
        return text

    rows: dict[str, list[str]] = {
        t("plans_total_row", language): [money(c, c.plan.total_dkk) for c in columns],
        t("plans_per_year_row", language): [money(c, c.per_year_dkk) for c in columns],
    }
    for position, figure in enumerate(columns[0].figures):
        name = figure.indicator.name(language)
        rows[name] = [_period_cell(c.figures[position], language) for c in columns]
    frame = pd.DataFrame(rows, index=[plan_label(c.plan, plans, language) for c in columns]).T
    frame.index.name = t("plans_row", language)
    return frame


def _period_cell(figure: PeriodFigure, language: str) -> str:
    if figure.total is None:
        text = t("plans_no_figures", language)
    elif figure.per_year is None:  # a stock: its last value
        text = t(
            "plans_stock_cell",
            language,
            total=format_number(figure.total, language),
            year=figure.years[-1],
        )
    else:
        text = t(
            "plans_flow_cell",
            language,
            total=format_number(figure.total, language),
            years=_years(figure.years),
            per_year=format_number(figure.per_year, language, 1),
        )
    if figure.missing:
        text += " · " + t("plans_missing", language, years=_years(figure.missing))
    if figure.illustrative:
        text = f"{t('plans_illustrative', language)}: {text}"
    return text


def _years(years: tuple[int, ...]) -> str:
    """'2019–2021' for a run of years, '2019, 2021' otherwise."""
    if len(years) > 2 and list(years) == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(y) for y in years)

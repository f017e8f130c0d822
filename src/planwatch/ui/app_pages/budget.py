"""Budget: allocation and spending per action area and initiative; the spending path.

Each chart carries its own title (no heading above it says the same), its unit, source and
"tal pr." date, and says ILLUSTRATIVT once; the allocation chart shows one year at a time (a
year picker), as wide as the page. Money is written one way everywhere: millions with one
decimal ("10,0 mio. kr."), as the overview writes it. Table columns are as wide as their
longest text, so nothing is cut off."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from planwatch.charts import spending, tables
from planwatch.domain.targets import Standing
from planwatch.figures import reporting
from planwatch.figures.dashboard import BudgetView
from planwatch.figures.initiative_results import InitiativeResult
from planwatch.formatting import format_dkk_millions, format_number, format_percent
from planwatch.notes.targets import direction_text
from planwatch.ui import cards, data
from planwatch.ui.components import chart_with_downloads, submitted_banner, value_text
from planwatch.ui.controls import Controls
from planwatch.ui.i18n import t


def render(controls: Controls) -> None:
    language = controls.language
    st.title(t("budget", language))
    st.caption(controls.as_of_text())
    if controls.plan is None:
        st.info(t("no_plan", language))
        return
    submitted_banner(controls.view, language)
    view = data.budget(controls.db, controls.plan.plan_id, controls.as_of, controls.view)
    made_up = reporting.total_is_illustrative(
        controls.plan, data.sources(controls.db, controls.as_of)
    )
    st.caption(
        f"{controls.plan.name(language)} · {t('plan_total', language)}: "
        f"{format_dkk_millions(controls.plan.total_dkk, language)}"
        + (f" ({t('illustrative', language)})" if made_up else "")
    )
    if view.illustrative:
        st.warning(t("illustrative_banner", language))
    if not view.initiatives:
        st.info(t("no_allocations", language))
        return
    _path(view, controls)
    _initiatives(view, controls)
    _money_and_results(view, language)
    _quarters(view, language)
    _pace(view, language)


def _path(view: BudgetView, controls: Controls) -> None:
    language = controls.language
    if not view.path:
        st.subheader(t("budget_path", language))
        st.info(t("no_spending", language))
        return
    frame = pd.DataFrame(
        {
            "period_end": [p.period.end for p in view.path]
            + [p.period.end for p in view.projection],
            "cumulative_spent": [float(p.cumulative) for p in view.path]
            + [None] * len(view.projection),
            "even_path": [float(p.even_path) for p in view.path]
            + [float(p.even_path) for p in view.projection],
            "projection_low": [None] * len(view.path) + [float(p.low) for p in view.projection],
            "projection_mid": [None] * len(view.path) + [float(p.mid) for p in view.projection],
            "projection_high": [None] * len(view.path) + [float(p.high) for p in view.projection],
        }
    )
    chart_with_downloads(
        spending.budget_path_chart,
        frame,
        language,
        table=tables.budget_path_table,
        key="budget-path",
        file_stem=f"planwatch-forbrugssti-{view.plan.plan_id}",
        title=_title(t("budget_path", language), view, language),
        illustrative=view.illustrative,
        source=t("budget_source", language),
        as_of=controls.as_of_date,
    )
    if view.projection:
        st.caption(t("projection_note", language))


def _initiatives(view: BudgetView, controls: Controls) -> None:
    language = controls.language
    years = sorted({r.year for r in view.initiatives})
    year = st.radio(
        t("budget_year", language),
        options=years,
        index=years.index(controls.as_of_date.year)
        if controls.as_of_date.year in years
        else len(years) - 1,
        horizontal=True,
        key="budget-year",
    )
    rows = view.initiatives
    names = [r.name_da if language == "da" else r.name_en for r in rows]
    frame = pd.DataFrame(
        {
            "initiative": names,
            "action_area": [
                r.action_area_da if language == "da" else r.action_area_en for r in rows
            ],
            "year": [r.year for r in rows],
            "allocated": [float(r.allocated or 0) for r in rows],
            "spent": [float(r.spent or 0) for r in rows],
        }
    )
    chart_with_downloads(
        spending.allocation_vs_spending_chart,
        frame[frame["year"] == year].reset_index(drop=True),
        language,
        table=tables.allocation_table,
        key="allocations",
        file_stem=f"planwatch-bevillinger-{view.plan.plan_id}-{year}",
        title=_title(t("allocation_in_year", language, year=year), view, language),
        illustrative=view.illustrative,
        source=t("budget_source", language),
        as_of=controls.as_of_date,
    )
    _table(
        {
            t("col_action_area", language): frame["action_area"],
            t("col_initiative", language): names,
            t("col_year", language): [str(r.year) for r in rows],
            t("col_allocated", language): [_money(r.allocated, language) for r in rows],
            t("col_spent", language): [_money(r.spent, language) for r in rows],
            t("col_mark", language): [
                _marks(language, illustrative=r.illustrative, submitted=r.submitted) for r in rows
            ],
        },
        "initiatives",
        language,
        title=t("col_initiative", language),
    )


def _money_and_results(view: BudgetView, language: str) -> None:
    """Each initiative's money and what it achieved, on one row (issue 19): shown when the
    plan names result indicators for its initiatives. The table wraps its cells: a result with
    its target is long ("Opsøgende kontakter (eksempel): 95 (1.–2. kvt. 2026) · mål 2027: mindst
    500 (ILLUSTRATIVT)"), and a grid as wide as its text was cut at its column's edge beside an
    open sidebar at 1440 px."""
    if not view.results:
        return
    st.subheader(t("money_and_results", language), help=t("money_and_results_help", language))
    names = {r.code: (r.name_da if language == "da" else r.name_en) for r in view.initiatives}
    results: dict[str, list[str]] = {}
    for result in view.results:
        results.setdefault(result.initiative_code, []).append(_result_text(result, language))
    codes = [p.code for p in view.pace]
    codes += [code for code in results if code not in codes]
    money = {p.code: p for p in view.pace}
    illustrative = {r.code for r in view.initiatives if r.illustrative}
    _table(
        {
            t("col_initiative", language): [names.get(code, code) for code in codes],
            t("col_allocated", language): [
                _money(money[c].allocated if c in money else None, language) for c in codes
            ],
            t("col_spent", language): [
                _money(money[c].spent if c in money else None, language) for c in codes
            ],
            t("col_results", language): [
                "; ".join(results.get(c, [t("no_result_indicators", language)])) for c in codes
            ],
            t("col_mark", language): [
                _marks(language, illustrative=c in illustrative, submitted=False) for c in codes
            ],
        },
        "results",
        language,
        title=t("col_initiative", language),
        wrap=True,
    )


def _result_text(result: InitiativeResult, language: str) -> str:
    """ "Udredninger: 290 (2025)", a partial year as such ("1.–2. kvt. 2026"), a suppressed
    count as the view shows it, and a figure resting on a made-up or waiting source marked."""
    name = result.indicator.name(language)
    latest = result.latest
    if latest is None:
        text = f"{name}: {t('no_result_figures', language)}"
    else:
        figure = value_text(latest.value, latest.suppressed, language)
        text = f"{name}: {figure} ({latest.label(language)})"
        marks = _marks(language, illustrative=latest.is_illustrative, submitted=latest.submitted)
        text = f"{text}, {marks}" if marks else text
    if result.standing is not None:
        text += f" · {_target_text(result.standing, language)}"
    return text


def _target_text(standing: Standing, language: str) -> str:
    """ "mål 2027: mindst 500, nået" / "target 2027: at least 500, 405 below the target": the
    distance only against a complete year (:mod:`planwatch.domain.targets`)."""
    target = standing.target
    goal = f"{direction_text(target.direction, language)} {format_number(target.value, language)}"
    key = "result_target_end" if standing.for_plan_end else "result_target"
    text = t(key, language, year=standing.year, goal=goal.strip())
    gap = standing.gap
    if standing.met:
        text += f", {t('result_target_met', language)}"
    elif standing.met is False and gap is not None:
        side = "result_target_below" if gap < 0 else "result_target_above"
        text += f", {t(side, language, amount=format_number(abs(gap), language))}"
    if target.is_illustrative:
        text += f" ({t('illustrative', language)})"
    return text


def _money(amount: Any, language: str) -> str:
    """An amount as every page writes money: millions, one decimal ("10,0 mio. kr.")."""
    return "–" if amount is None else format_dkk_millions(amount, language)


def _width(column: str, values: pd.Series) -> int:
    """Pixels for a column to show its heading and its longest value whole (about 8 pixels a
    character at the table's type size, and the cell's padding)."""
    longest = max([len(column)] + [len(str(value)) for value in values])
    return 8 * longest + 24


def _table(
    columns: Mapping[str, Any],
    key: str,
    language: str,
    title: str | None = None,
    *,
    wrap: bool = False,
) -> None:
    """A table whose every column is as wide as its longest text: nothing cut off; on a phone,
    a card per row titled by the column ``title`` (:mod:`planwatch.ui.cards`). ``wrap``: a
    table whose cells wrap instead (``st.table``), for texts too long for one line."""
    frame = pd.DataFrame(columns)
    cards.wide_table(
        frame,
        key=f"budget-{key}",
        language=language,
        title=title,
        wrap=wrap,
        hide_index=True,
        column_config={
            str(name): st.column_config.Column(width=_width(str(name), frame[name]))
            for name in frame.columns
        },
    )


def _pace(view: BudgetView, language: str) -> None:
    """Each initiative's pace, next to its name: the columns are as wide as their text, so the
    table may scroll sideways inside itself, and the pace is what it is read for."""
    st.subheader(t("pace", language), help=t("pace_help", language))
    names = {r.code: (r.name_da if language == "da" else r.name_en) for r in view.initiatives}
    illustrative = {r.code for r in view.initiatives if r.illustrative}
    submitted = {r.code for r in view.initiatives if r.submitted}
    _table(
        {
            t("col_initiative", language): [names[p.code] for p in view.pace],
            t("col_pace", language): [t(f"pace_{p.pace}", language) for p in view.pace],
            t("col_allocated", language): [_money(p.allocated, language) for p in view.pace],
            t("col_spent", language): [_money(p.spent, language) for p in view.pace],
            t("col_share_spent", language): [
                "–" if p.share_spent is None else format_percent(p.share_spent * 100, language, 0)
                for p in view.pace
            ],
            t("share_elapsed", language): [
                format_percent(p.share_elapsed * 100, language, 0) for p in view.pace
            ],
            t("col_mark", language): [
                _marks(
                    language,
                    illustrative=p.code in illustrative,
                    submitted=p.code in submitted,
                )
                for p in view.pace
            ],
        },
        "pace",
        language,
    )


def _quarters(view: BudgetView, language: str) -> None:
    if not view.quarters:
        return
    names = {r.code: (r.name_da if language == "da" else r.name_en) for r in view.initiatives}
    with st.expander(t("spending_per_quarter", language)):
        table = pd.DataFrame(
            {
                "initiative": [names.get(q.code, q.code) for q in view.quarters],
                "period": [q.period.label(language) for q in view.quarters],
                "order": [str(q.period) for q in view.quarters],
                "spent": [
                    _money(q.spent, language)
                    + (f" ({t('illustrative', language)})" if q.illustrative else "")
                    + (f" ({t('submitted_mark', language)})" if q.submitted else "")
                    for q in view.quarters
                ],
            }
        )
        order = table.drop_duplicates("order").sort_values("order")["period"].tolist()
        wide = table.pivot(index="initiative", columns="period", values="spent")[order]
        by_initiative = wide.rename_axis(index=t("col_initiative", language), columns=None)
        flat = by_initiative.reset_index().fillna("")
        _table({str(column): flat[column] for column in flat.columns}, "quarters", language)


def _marks(language: str, *, illustrative: bool, submitted: bool) -> str:
    marks = [t("illustrative", language)] if illustrative else []
    if submitted:
        marks.append(t("submitted_mark", language))
    return ", ".join(marks)


def _title(title: str, view: BudgetView, language: str) -> str:
    """A chart's title, saying so when it includes money awaiting approval (the PNG and SVG
    files keep the title)."""
    return f"{title} ({t('submitted_mark', language)})" if view.submitted else title

"""Budget: allocation and spending per action area and initiative; the spending path."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planwatch.charts import spending
from planwatch.figures.dashboard import BudgetView
from planwatch.formatting import format_dkk_millions, format_percent
from planwatch.ui import data
from planwatch.ui.components import chart_with_downloads, submitted_banner
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
    st.caption(
        f"{controls.plan.name(language)} · {t('plan_total', language)}: "
        f"{format_dkk_millions(controls.plan.total_dkk, language)}"
    )
    if view.illustrative:
        st.warning(t("illustrative_banner", language))
    if not view.initiatives:
        st.info(t("no_allocations", language))
        return
    _path(view, language)
    _initiatives(view, language)
    _quarters(view, language)
    _pace(view, language)


def _path(view: BudgetView, language: str) -> None:
    st.subheader(t("budget_path", language))
    if not view.path:
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
        key="budget-path",
        file_stem=f"planwatch-forbrugssti-{view.plan.plan_id}",
        title=_title(t("budget_path", language), view, language),
        illustrative=view.illustrative,
    )
    if view.projection:
        st.caption(t("projection_note", language))


def _initiatives(view: BudgetView, language: str) -> None:
    st.subheader(t("allocation_vs_spending", language))
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
        frame,
        language,
        key="allocations",
        file_stem=f"planwatch-bevillinger-{view.plan.plan_id}",
        title=_title(t("allocation_vs_spending", language), view, language),
        illustrative=view.illustrative,
    )
    st.dataframe(
        pd.DataFrame(
            {
                t("col_action_area", language): frame["action_area"],
                t("col_initiative", language): names,
                t("col_year", language): [str(r.year) for r in rows],
                t("col_allocated", language): [
                    "–" if r.allocated is None else format_dkk_millions(r.allocated, language, 2)
                    for r in rows
                ],
                t("col_spent", language): [
                    "–" if r.spent is None else format_dkk_millions(r.spent, language, 2)
                    for r in rows
                ],
                t("col_mark", language): [
                    _marks(language, illustrative=r.illustrative, submitted=r.submitted)
                    for r in rows
                ],
            }
        ),
        hide_index=True,
    )


def _pace(view: BudgetView, language: str) -> None:
    st.subheader(t("pace", language), help=t("pace_help", language))
    names = {r.code: (r.name_da if language == "da" else r.name_en) for r in view.initiatives}
    illustrative = {r.code for r in view.initiatives if r.illustrative}
    submitted = {r.code for r in view.initiatives if r.submitted}
    st.dataframe(
        pd.DataFrame(
            {
                t("col_initiative", language): [names[p.code] for p in view.pace],
                t("col_allocated", language): [
                    format_dkk_millions(p.allocated, language, 2) for p in view.pace
                ],
                t("col_spent", language): [
                    format_dkk_millions(p.spent, language, 2) for p in view.pace
                ],
                t("col_share_spent", language): [
                    "–"
                    if p.share_spent is None
                    else format_percent(p.share_spent * 100, language, 0)
                    for p in view.pace
                ],
                t("share_elapsed", language): [
                    format_percent(p.share_elapsed * 100, language, 0) for p in view.pace
                ],
                t("col_pace", language): [t(f"pace_{p.pace}", language) for p in view.pace],
                t("col_mark", language): [
                    _marks(
                        language,
                        illustrative=p.code in illustrative,
                        submitted=p.code in submitted,
                    )
                    for p in view.pace
                ],
            }
        ),
        hide_index=True,
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
                    format_dkk_millions(q.spent, language, 2)
                    + (f" ({t('illustrative', language)})" if q.illustrative else "")
                    + (f" ({t('submitted_mark', language)})" if q.submitted else "")
                    for q in view.quarters
                ],
            }
        )
        order = table.drop_duplicates("order").sort_values("order")["period"].tolist()
        wide = table.pivot(index="initiative", columns="period", values="spent")[order]
        st.dataframe(wide.rename_axis(index=t("col_initiative", language), columns=None))


def _marks(language: str, *, illustrative: bool, submitted: bool) -> str:
    marks = [t("illustrative", language)] if illustrative else []
    if submitted:
        marks.append(t("submitted_mark", language))
    return ", ".join(marks)


def _title(title: str, view: BudgetView, language: str) -> str:
    """A chart's title, saying so when it includes money awaiting approval (the PNG and SVG
    files keep the title)."""
    return f"{title} ({t('submitted_mark', language)})" if view.submitted else title

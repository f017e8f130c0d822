"""Overblik / Overview: the plan's money and the latest core figures."""

from __future__ import annotations

import streamlit as st

from planwatch.domain.clock import today_in_denmark
from planwatch.formatting import format_dkk_millions, format_number, format_percent, percent_change
from planwatch.reporting import LatestFigure, PlanMoney
from planwatch.ui import data, state
from planwatch.ui.i18n import t


def render() -> None:
    language = state.language()
    store = state.store()
    version = state.data_version(store)
    plans = data.plans(store.path, store.lock_timeout, version)
    st.title(t("overview", language))
    if not plans:
        st.info(t("no_figure", language))
        return
    by_id = {p.plan_id: p for p in plans}
    default = max(by_id, key=lambda plan_id: by_id[plan_id].start_date)
    plan_id = st.selectbox(
        t("plan", language),
        options=list(by_id),
        index=list(by_id).index(st.session_state.get("plan_id", default)),
        format_func=lambda plan_id: by_id[plan_id].name(language),
        key="plan_id",
    )
    plan = by_id[plan_id]
    today = today_in_denmark()
    st.caption(
        f"{t('period', language)}: {plan.start_date:%Y}–{plan.end_date:%Y} · "
        + t(f"phase_{plan.phase(today).value}", language)
    )
    money = data.plan_money(store.path, store.lock_timeout, version, plan_id)
    _money_row(money, language)
    st.subheader(t("core_indicators", language))
    figures = data.latest_core_figures(store.path, store.lock_timeout, version)
    titles = data.source_titles(store.path, store.lock_timeout, version)
    columns = st.columns(len(figures) or 1)
    for column, latest in zip(columns, figures, strict=False):
        with column:
            _indicator_tile(latest, language, titles)


def _money_row(money: PlanMoney, language: str) -> None:
    illustrative = money.allocated_illustrative or money.spent_illustrative
    if illustrative:
        st.warning(t("illustrative_banner", language))
    mark = f" · {t('illustrative', language)}"
    total, allocated, spent, remaining = st.columns(4)
    total.metric(t("plan_total", language), format_dkk_millions(money.plan.total_dkk, language))
    allocated.metric(
        t("allocated", language) + (mark if money.allocated_illustrative else ""),
        format_dkk_millions(money.allocated_dkk, language)
        if money.allocated_dkk is not None
        else t("no_money", language),
    )
    spent.metric(
        t("spent", language) + (mark if money.spent_illustrative else ""),
        format_dkk_millions(money.spent_dkk, language)
        if money.spent_dkk is not None
        else t("no_money", language),
    )
    remaining.metric(
        t("remaining", language) + (mark if money.spent_illustrative else ""),
        format_dkk_millions(money.remaining_dkk, language)
        if money.remaining_dkk is not None
        else t("no_money", language),
    )


def _indicator_tile(latest: LatestFigure, language: str, titles: dict[str, str]) -> None:
    name = latest.indicator.name(language)
    if latest.latest is None:
        st.metric(name, "–", help=t("no_figure", language))
        return
    current = latest.latest
    delta = None
    if latest.previous is not None:
        change = current.value - latest.previous.value
        pct = percent_change(latest.previous.value, current.value)
        delta = f"{'+' if change > 0 else ''}{format_number(change, language)}"
        if pct is not None:
            delta += f" ({format_percent(pct, language, signed=True)})"
        delta += " " + t("change_vs", language, year=latest.previous.year)
    label = name
    if current.is_illustrative:
        label += f" · {t('illustrative', language)}"
    st.metric(
        label,
        format_number(current.value, language),
        delta=delta,
        delta_color="off",
        help=latest.indicator.definition_da if language == "da" else latest.indicator.definition_en,
    )
    sources = ", ".join(titles.get(s, s) for s in current.source_ids)
    caption = f"**{current.year}** · {t('source', language)}: {sources}"
    if current.basis == "quarters":
        caption += " · " + t(
            "from_quarters", language, quarters=", ".join(map(str, current.quarters))
        )
    st.caption(caption)

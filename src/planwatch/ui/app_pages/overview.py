"""Overblik / Overview: the plan's money against time, and the latest core figures."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from planwatch.figures.dashboard import Progress, Tile
from planwatch.formatting import format_dkk_millions, format_moment, format_number, format_percent
from planwatch.ui import data
from planwatch.ui.components import submitted_banner, value_text
from planwatch.ui.controls import Controls
from planwatch.ui.i18n import t


def render(controls: Controls) -> None:
    language = controls.language
    st.title(t("overview", language))
    st.caption(controls.as_of_text())
    if controls.plan is None:
        st.info(t("no_plan", language))
        return
    plan = controls.plan
    submitted_banner(controls.view, language)
    progress = data.progress(controls.db, plan.plan_id, controls.as_of, controls.view)
    st.caption(
        f"{plan.name(language)} · {t('period', language)}: "
        f"{plan.start_date:%Y}–{plan.end_date:%Y} · " + t(f"phase_{progress.phase.value}", language)
    )
    _money(progress, language)
    st.subheader(t("core_indicators", language))
    titles = {s.source_id: s.title for s in data.sources(controls.db)}
    tiles = data.tiles(controls.db, controls.as_of, controls.view)
    for column, tile in zip(st.columns(len(tiles) or 1), tiles, strict=False):
        with column:
            _tile(tile, language, titles)


def _money(progress: Progress, language: str) -> None:
    money = progress.money
    if money.allocated_illustrative or money.spent_illustrative:
        st.warning(t("illustrative_banner", language))
    mark = f" · {t('illustrative', language)}"
    submitted = f" · {t('submitted_mark', language)}"
    spent_marks = (mark if money.spent_illustrative else "") + (
        submitted if money.spent_submitted else ""
    )
    not_there = t("no_money", language)
    total, allocated, spent, remaining = st.columns(4)
    total.metric(t("plan_total", language), format_dkk_millions(money.plan.total_dkk, language))
    allocated.metric(
        t("allocated", language)
        + (mark if money.allocated_illustrative else "")
        + (submitted if money.allocated_submitted else ""),
        not_there
        if money.allocated_dkk is None
        else format_dkk_millions(money.allocated_dkk, language),
    )
    spent.metric(
        t("spent", language) + spent_marks,
        not_there if money.spent_dkk is None else format_dkk_millions(money.spent_dkk, language),
    )
    remaining.metric(
        t("remaining", language) + spent_marks,
        not_there
        if money.remaining_dkk is None
        else format_dkk_millions(money.remaining_dkk, language),
    )
    elapsed = format_percent(progress.share_elapsed * 100, language, decimals=0)
    left, right = st.columns(2)
    with left:
        st.progress(
            min(progress.share_elapsed, 1.0), text=f"{t('share_elapsed', language)}: {elapsed}"
        )
    with right:
        if progress.share_spent is None:
            st.caption(f"{t('share_spent', language)}: {not_there}")
        else:
            spent_text = format_percent(progress.share_spent * 100, language, decimals=0)
            label = f"{t('share_spent', language)}: {spent_text}" + spent_marks
            st.progress(min(progress.share_spent, 1.0), text=label)
    if progress.phase.value == "ended":
        st.caption(t("final_outturn", language))


def _tile(tile: Tile, language: str, titles: dict[str, str]) -> None:
    name = tile.indicator.name(language)
    definition = tile.indicator.definition_da if language == "da" else tile.indicator.definition_en
    current = tile.latest
    if current is None:
        st.metric(name, "–", help=definition)
        st.caption(t("no_figure", language))
        return
    delta = None
    if tile.change is not None and tile.previous is not None:
        delta = f"{'+' if tile.change > 0 else ''}{format_number(tile.change, language)}"
        if tile.change_percent is not None:
            delta += f" ({format_percent(tile.change_percent, language, signed=True)})"
        previous = value_text(tile.previous.value, tile.previous.suppressed, language)
        delta += " " + t("change_vs", language, value=previous, year=tile.previous.year)
    label = name + (f" · {t('illustrative', language)}" if current.is_illustrative else "")
    st.metric(
        label,
        value_text(current.value, current.suppressed, language),
        delta=delta,
        delta_color="off",
        help=definition,
    )
    notes = [f"**{current.year}**"]
    if tile.submitted:
        notes.append(f"**{t('submitted_mark', language)}**")
    if tile.revised:
        notes.append(_revised(current.corrected_at, current.correction_reason, language))
    if tile.highest is not None:
        key = "highest_record" if tile.highest.record else "highest_since"
        notes.append(t(key, language, year=tile.highest.since))
    if tile.lowest is not None:
        key = "lowest_record" if tile.lowest.record else "lowest_since"
        notes.append(t(key, language, year=tile.lowest.since))
    sources = ", ".join(titles.get(s, s) for s in current.source_ids)
    notes.append(f"{t('source', language)}: {sources}")
    if current.basis == "quarters":
        quarters = ", ".join(map(str, current.quarters))
        notes.append(t("from_quarters", language, quarters=quarters))
    st.caption(" · ".join(notes))


def _revised(when: dt.datetime | None, why: str | None, language: str) -> str:
    text = t("revised_mark", language)
    if when is not None:
        text += f" {format_moment(when, language)}"
    return f"{text}: {why}" if why else text

"""Overblik / Overview: the plan's money against time, and the core indicators: each with its
latest complete year (the change from the year before, "the highest since"), a sparkline of
its complete years, and the running year to date against the same quarters a year earlier.
An indicator whose latest figure is older than the year the overview reports
says so ("Seneste tal: 2019") and is set apart."""

from __future__ import annotations

import datetime as dt
from html import escape

import streamlit as st

from planwatch.domain.clock import to_local
from planwatch.domain.coverage import Coverage, NoBaseline
from planwatch.domain.preliminary import is_preliminary
from planwatch.domain.targets import next_target, standing
from planwatch.figures.comparisons import Comparison
from planwatch.figures.dashboard import Progress, Tile
from planwatch.figures.reporting import YearValue
from planwatch.formatting import format_dkk_millions, format_moment, format_number, format_percent
from planwatch.notes.targets import tile_line
from planwatch.ui import data
from planwatch.ui.app_pages import side_by_side
from planwatch.ui.components import submitted_banner, value_text
from planwatch.ui.controls import Controls
from planwatch.ui.i18n import t
from planwatch.ui.user_text import user_text


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
    tiles = data.tiles(controls.db, controls.as_of, controls.view)
    st.html(_key_figures(progress, tiles, controls))
    with st.container(key="pw-money"):  # two to a row on a phone (ui/frame.css)
        _money(progress, language)
    titles = {s.source_id: s.title for s in data.sources(controls.db, controls.as_of)}
    _tiles(tiles, controls, titles)
    side_by_side.render(plan, controls)


def _key_figures(progress: Progress, tiles: list[Tile], controls: Controls) -> str:
    """The plan's money and the key indicators in a few words each, for the first screen of a
    phone (shown there only: ui/frame.css); the tiles below say the rest."""
    language = controls.language
    money = progress.money
    mark = f" · {t('illustrative', language)}"
    total_label = t("plan_total", language) + (mark if money.total_illustrative else "")
    cards = [(total_label, format_dkk_millions(money.plan.total_dkk, language))]
    spent = t("no_money", language)
    if money.spent_dkk is not None:
        spent = format_dkk_millions(money.spent_dkk, language)
    cards.append((t("spent", language) + (mark if money.spent_illustrative else ""), spent))
    for tile in tiles:
        name = tile.indicator.name(language)
        if tile.latest is None:
            cards.append((name, "–"))
            continue
        label = f"{name}, {tile.latest.label(language)}"
        if tile.latest.is_illustrative:
            label += mark
        cards.append((label, _value(tile.latest, controls, markdown=False)))
    body = "".join(
        f'<div class="pw-key"><span class="pw-key-label">{escape(label)}</span>'
        f'<span class="pw-key-value">{escape(value)}</span></div>'
        for label, value in cards
    )
    return (
        f'<div class="pw-key-figures" role="group" '
        f'aria-label="{escape(t("key_figures", language))}">{body}</div>'
    )


def _money(progress: Progress, language: str) -> None:
    money = progress.money
    if money.allocated_illustrative or money.spent_illustrative or money.total_illustrative:
        st.warning(t("illustrative_banner", language))
    mark = f" · {t('illustrative', language)}"
    submitted = f" · {t('submitted_mark', language)}"
    spent_marks = (mark if money.spent_illustrative else "") + (
        submitted if money.spent_submitted else ""
    )
    not_there = t("no_money", language)
    total, allocated, spent, remaining = st.columns(4)
    total.metric(
        t("plan_total", language) + (mark if money.total_illustrative else ""),
        format_dkk_millions(money.plan.total_dkk, language),
    )
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


_TILE_STYLE = """<style>
[class*="st-key-tile-"] [data-testid="stMetricLabel"] *,
[class*="st-key-tile-"] [data-testid="stMetricDelta"] * {
  white-space: normal !important;
  overflow: visible !important;
  text-overflow: clip !important;
}
[class*="st-key-tile-stale-"] {
  background-color: #f2f2f2;
  border-style: dashed !important;
  border-color: #6b6b6b !important;
}
[class*="st-key-tile-stale-"] [data-testid="stMetricValue"] { color: #4a4a4a; }
</style>"""
"""A tile's name and its change are written out in full, never cut off with an ellipsis. An
indicator whose latest figure is older than the year the overview reports is drawn muted, in a
dashed frame, and says so in words ("Seneste tal: 2019"): never by colour alone."""


def _tiles(tiles: list[Tile], controls: Controls, titles: dict[str, str]) -> None:
    language = controls.language
    year = next((tile.reporting_year for tile in tiles if tile.reporting_year), None)
    st.subheader(
        t("core_indicators", language)
        if year is None
        else t("core_indicators_for", language, year=year)
    )
    st.html(_TILE_STYLE)
    marked = False
    with st.container(key="pw-tiles"):  # two to a row on a phone (ui/frame.css)
        for column, tile in zip(st.columns(len(tiles) or 1), tiles, strict=False):
            with column:
                marked = _tile(tile, controls, titles) or marked
    if marked:
        st.caption(t("preliminary_note", language, days=controls.preliminary_days))


def _preliminary(value: YearValue, controls: Controls) -> bool:
    return is_preliminary(
        submitted=value.submitted,
        revised_at=value.corrected_at if value.corrected else None,
        moment=controls.moment(),
        days=controls.preliminary_days,
    )


def _value(value: YearValue, controls: Controls, *, markdown: bool = True) -> str:
    """A year's value as a tile writes it, with an asterisk when it is preliminary."""
    text = value_text(value.value, value.suppressed, controls.language)
    if not _preliminary(value, controls):
        return text
    return text + ("\\*" if markdown else "*")


def _tile(tile: Tile, controls: Controls, titles: dict[str, str]) -> bool:
    """Draw one indicator's tile; True when it shows a preliminary value."""
    code = tile.indicator.code
    stale = tile.stale
    with st.container(border=True, key=f"tile-{'stale-' if stale else ''}{code}"):
        return _tile_body(tile, controls, titles, stale=stale)


def _tile_body(tile: Tile, controls: Controls, titles: dict[str, str], *, stale: bool) -> bool:
    language = controls.language
    name = tile.indicator.name(language)
    definition = tile.indicator.definition_da if language == "da" else tile.indicator.definition_en
    current = tile.latest
    ytd = tile.year_to_date
    if current is None:
        st.metric(name, "–", help=definition)
        st.caption(t("no_figure" if ytd is None else "no_complete_year", language))
        if ytd is not None:
            st.caption(_year_to_date(ytd, controls))
        return ytd is not None and _preliminary(ytd.current, controls)
    if stale:
        st.badge(
            t("latest_figure", language, year=current.year), icon=":material/history:", color="gray"
        )
    delta = None
    if tile.change is not None and tile.previous is not None:
        delta = f"{'+' if tile.change > 0 else ''}{format_number(tile.change, language)}"
        if tile.change_percent is not None:
            delta += f" ({format_percent(tile.change_percent, language, signed=True)})"
        previous = _value(tile.previous, controls, markdown=False)
        delta += " " + t("change_vs", language, value=previous, year=tile.previous.label(language))
    label = name + (f" · {t('illustrative', language)}" if current.is_illustrative else "")
    spark = _sparkline(tile)
    help_text = definition
    if spark is not None:
        help_text += "\n\n" + t("sparkline_help", language, first=spark[0], last=spark[1])
    st.metric(
        label,
        _value(current, controls, markdown=False),
        delta=delta,
        delta_color="off",
        help=help_text,
        chart_data=None if spark is None else spark[2],
        chart_type="line",
    )
    notes = [] if stale else [f"**{current.label(language)}**"]
    if tile.submitted:
        notes.append(f"**{t('submitted_mark', language)}**")
    if tile.revised:
        notes.append(_revised(current.corrected_at, current.correction_reason, language))
    if tile.missing is not None:
        reason = _no_baseline(tile.missing, current.covers.in_year(current.year - 1), language)
        notes.append(t("nothing_to_compare", language, reason=reason))
    if tile.highest is not None:
        key = "highest_record" if tile.highest.record else "highest_since"
        notes.append(t(key, language, year=tile.highest.since))
    if tile.lowest is not None:
        key = "lowest_record" if tile.lowest.record else "lowest_since"
        notes.append(t(key, language, year=tile.lowest.since))
    sources = ", ".join(titles.get(s, s) for s in current.source_ids)
    notes.append(f"{t('source', language)}: {sources}")
    st.caption(" · ".join(notes))
    target = _target_line(tile, controls)
    if target is not None:
        st.caption(user_text(target))
    if ytd is not None:
        st.caption(_year_to_date(ytd, controls))
    shown = [current] + ([] if tile.previous is None else [tile.previous])
    shown += [] if ytd is None else [ytd.current]
    return any(_preliminary(value, controls) for value in shown)


def _target_line(tile: Tile, controls: Controls) -> str | None:
    """'Mål 2027: mindst 150 udredninger · 2025: 290, nået' when the plan sets a target."""
    plan = controls.plan
    if plan is None:
        return None
    code = tile.indicator.code
    found = data.targets(controls.db, code, plan.plan_id, controls.as_of, controls.view)
    current = tile.latest
    target = next_target(found, plan, None if current is None else current.year)
    if target is None:
        return None
    shown = current is not None and current.suppressed is None and current.value is not None
    where = standing(
        target,
        plan,
        current.year if shown and current is not None else None,
        current.value if shown and current is not None else None,
    )
    return tile_line(where, tile.indicator, controls.language)


def _sparkline(tile: Tile) -> tuple[int, int, list[float]] | None:
    """The complete years of the latest unbroken run (a gap is never drawn as a slope), when
    there are two or more: (first year, last year, values)."""
    run: list[YearValue] = []
    for value in reversed(tile.series):
        if value.value is None or (run and value.year != run[-1].year - 1):
            break
        run.append(value)
    if len(run) < 2:
        return None
    run.reverse()
    return run[0].year, run[-1].year, [float(v.value) for v in run if v.value is not None]


def _year_to_date(ytd: Comparison, controls: Controls) -> str:
    """ "Hidtil i år: 1.–2. kvt. 2025: 54 mod 50 i 1.–2. kvt. 2024, +8,0 %", or why there is
    nothing to compare it with."""
    language = controls.language
    current = ytd.current
    value = _value(current, controls)
    if ytd.baseline is not None and ytd.change is None:  # its own value is not shown
        return t("year_to_date_only", language, period=current.label(language), value=value)
    if ytd.baseline is None or ytd.change is None:
        span = current.covers.in_year(current.year - 1)
        reason = _no_baseline(ytd.missing or "no-year-before", span, language)
        reason += "" if reason.endswith(".") else "."
        return t(
            "year_to_date_alone",
            language,
            period=current.label(language),
            value=value,
            reason=reason,
        )
    change = (
        format_percent(ytd.change_percent, language, signed=True)
        if ytd.change_percent is not None
        else f"{'+' if ytd.change > 0 else ''}{format_number(ytd.change, language)}"
    )
    return t(
        "year_to_date",
        language,
        period=current.label(language),
        value=value,
        before=format_number(ytd.baseline.value, language),
        before_period=ytd.baseline.coverage.label(language),
        change=change,
    )


def _no_baseline(reason: NoBaseline, span: Coverage, language: str) -> str:
    """Why there is nothing to compare with, in words: "2024 har ingen kvartalstal for 1. kvt."."""
    return t(
        f"no_baseline_{reason}",
        language,
        year=span.year,
        quarters=span.quarters_label(language),
    )


def _revised(when: dt.datetime | None, why: str | None, language: str) -> str:
    text = t("revised_mark", language)
    if when is not None:
        text += f" {format_moment(to_local(when), language)}"
    return f"{text}: {user_text(why)}" if why else text

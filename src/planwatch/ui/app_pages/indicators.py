"""Indikatorer / Indicators: one chart per indicator, yearly and quarterly, with breakdowns,
targets, revisions and sources; figures awaiting approval and suppressed small counts marked.

The yearly charts show complete years; the year in progress (a partial year, "1.–2. kvt. 2025")
only when the reader asks for it, drawn hollow and not joined to the complete years, in the
total and its breakdowns alike. Preliminary figures (awaiting approval, or revised within
``PLANWATCH_PRELIMINARY_DAYS``) carry an asterisk."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from planwatch.charts import series, tables
from planwatch.domain.clock import to_local
from planwatch.domain.indicators import CORE_INDICATORS, Indicator
from planwatch.domain.preliminary import is_preliminary
from planwatch.domain.vocab import BREAKDOWN_DIMENSIONS
from planwatch.figures import comparisons
from planwatch.figures.reporting import QuarterValue, YearValue
from planwatch.formatting import format_moment
from planwatch.ui import data
from planwatch.ui.components import chart_with_downloads, small_counts_note, submitted_banner
from planwatch.ui.controls import Controls
from planwatch.ui.i18n import t
from planwatch.ui.user_text import user_text


def render(controls: Controls) -> None:
    language = controls.language
    st.title(t("indicators", language))
    st.caption(controls.as_of_text())
    submitted_banner(controls.view, language)
    indicators = data.indicators(controls.db, controls.as_of)
    by_code = {i.code: i for i in indicators}
    core = [by_code[c] for c in CORE_INDICATORS if c in by_code]
    others = [i for i in indicators if i.code not in CORE_INDICATORS]
    for indicator in core:
        _indicator(controls, indicator)
    if others:
        st.divider()
        chosen = st.selectbox(
            t("choose_indicator", language),
            options=[i.code for i in others],
            format_func=lambda code: next(i.name(language) for i in others if i.code == code),
            key="other_indicator",
        )
        _indicator(controls, next(i for i in others if i.code == chosen))


def _series_frame(
    values: list[YearValue], series: str, titles: dict[str, str], controls: Controls
) -> pd.DataFrame:
    language = controls.language
    moment = controls.moment()
    return pd.DataFrame(
        {
            "year": [v.year for v in values],
            "value": [None if v.value is None else float(v.value) for v in values],
            "suppressed": [
                None if v.suppressed is None else v.suppressed.label(language) for v in values
            ],
            "submitted": [v.submitted for v in values],
            "series": series,
            "source": [", ".join(titles.get(s, s) for s in v.source_ids) for v in values],
            "corrected": [v.corrected for v in values],
            "correction_note": [
                None
                if not v.corrected
                else f"{_when(v.corrected_at, language)}: {v.correction_reason or ''}"
                for v in values
            ],
            "illustrative": [v.is_illustrative for v in values],
            "basis": [
                ""
                if v.basis == "reported"
                else t("from_quarters", language, quarters=", ".join(map(str, v.quarters)))
                for v in values
            ],
            "complete": [v.complete for v in values],
            "coverage_label": [v.covers.quarters_label(language) or None for v in values],
            "preliminary": [
                is_preliminary(
                    submitted=v.submitted,
                    revised_at=v.corrected_at if v.corrected else None,
                    moment=moment,
                    days=controls.preliminary_days,
                )
                for v in values
            ],
        }
    )


def _shown(values: list[YearValue], with_running_year: bool) -> list[YearValue]:
    """A series as a chart shows it: without the year in progress unless asked for. (A partial
    year before the latest complete one, a year CMM never finished reporting, stays: drawn
    hollow and named by its quarters.)"""
    if with_running_year:
        return values
    running = comparisons.running_year(values)
    return [v for v in values if v is not running]


def _running_year_toggle(controls: Controls, indicator: Indicator, yearly: list[YearValue]) -> bool:
    """Offer the year in progress ("Vis året, der er i gang (1.–2. kvt. 2025)"), off by
    default; True when the reader chose to see it."""
    running = comparisons.running_year(yearly)
    if running is None:
        return False
    language = controls.language
    return st.toggle(
        t("show_running_year", language, period=running.label(language)),
        value=False,
        key=f"{indicator.code}-running-year",
        help=t("show_running_year_help", language),
    )


def _synonyms(indicator: Indicator, language: str) -> None:
    """The words the claim check knows the indicator by, as of the moment (folded: a core
    indicator has dozens)."""
    words = indicator.synonyms(language)
    if not words:
        return
    with st.expander(t("synonyms_title", language, count=len(words))):
        st.caption(t("synonyms_help", language))
        st.markdown(", ".join(user_text(word) for word in words))


def _indicator(controls: Controls, indicator: Indicator) -> None:
    language = controls.language
    name = indicator.name(language)
    st.subheader(name)
    st.caption(indicator.definition_da if language == "da" else indicator.definition_en)
    _synonyms(indicator, language)
    titles = {s.source_id: s.title for s in data.sources(controls.db, controls.as_of)}
    yearly = data.year_series(controls.db, indicator.code, controls.as_of, controls.view)
    if not yearly:
        st.info(t("no_series", language))
        return
    with_running_year = _running_year_toggle(controls, indicator, yearly)
    shown = _shown(yearly, with_running_year)
    if shown:
        _yearly_chart(controls, indicator, shown, titles)
    else:
        st.info(t("no_complete_year", language))
    if controls.plan is not None:
        _quarters(controls, indicator, controls.plan.start_date.year)
    _breakdowns(controls, indicator, titles, with_running_year)


def _yearly_chart(
    controls: Controls, indicator: Indicator, shown: list[YearValue], titles: dict[str, str]
) -> None:
    language = controls.language
    name = indicator.name(language)
    frame = _series_frame(shown, t("total", language), titles, controls)
    plan = controls.plan
    targets = (
        data.targets(controls.db, indicator.code, plan.plan_id, controls.as_of, controls.view)
        if plan
        else []
    )
    target_frame = (
        pd.DataFrame(
            {
                "year": [x.year for x in targets],
                "value": [float(x.value) for x in targets],
                "kind": [x.kind.value for x in targets],
                "direction": [None if x.direction is None else x.direction.value for x in targets],
            }
        )
        if targets
        else None
    )
    withheld = _withheld_total(shown, language)
    chart_with_downloads(
        series.yearly_series_chart,
        frame,
        language,
        table=tables.yearly_table,
        key=f"{indicator.code}-yearly",
        file_stem=f"planwatch-{indicator.code}",
        title=f"{name} · {_span(shown, language)}",
        unit_label=t(f"unit_{indicator.unit}", language),
        targets=target_frame,
        note=withheld,
        as_of=controls.as_of_date,
    )
    _marked(frame.assign(label=[v.label(language) for v in shown]), controls)
    if withheld:
        st.caption(withheld)


def _span(values: Sequence[YearValue], language: str) -> str:
    """The years a chart draws, for its title: "år for år, 2007–2023", or the one year."""
    years = sorted({v.year for v in values})
    if len(years) == 1:
        return t("yearly_one", language, year=years[0])
    return t("yearly_span", language, first=years[0], last=years[-1])


def _withheld_total(values: Sequence[YearValue | QuarterValue], language: str) -> str | None:
    """Why a total is shown as withheld, when one is (issue 16: a correction that adds a
    small count to a published total)."""
    return t("total_withheld_note", language) if any(v.suppressed for v in values) else None


def _marks_explained(frame: pd.DataFrame, labels: list[str], controls: Controls) -> None:
    """Say in words what a chart's hollow markers (partial years, named) and asterisks
    (preliminary figures) mean, when it has them. ``labels`` name the frame's rows."""
    language = controls.language
    if "complete" in frame:
        partial = [label for label, c in zip(labels, frame["complete"], strict=True) if not c]
        if partial:
            periods = ", ".join(dict.fromkeys(partial))
            st.caption(t("partial_note", language, periods=periods))
    if frame["preliminary"].any():
        st.caption(t("preliminary_note", language, days=controls.preliminary_days))


def _marked(frame: pd.DataFrame, controls: Controls, label: str = "label") -> None:
    """Say in words what the marks of a chart mean, which figures are revised (when and why)
    and which await approval."""
    language = controls.language
    # the columns as Python lists, not frames filtered by a mask: on a busy server filtering
    # the chart's frame twice took 6 % of the time (issue 17)
    labels = frame[label].tolist()
    _marks_explained(frame, [str(x) for x in labels], controls)
    revised = [
        (when, note)
        for when, corrected, note in zip(
            labels, frame["corrected"].tolist(), frame["correction_note"].tolist(), strict=True
        )
        if corrected
    ]
    if revised:
        st.caption(
            f"{t('revised_figures', language)}: "
            + "; ".join(f"{when} ({user_text(note)})" for when, note in revised)
        )
    submitted = [when for when, s in zip(labels, frame["submitted"].tolist(), strict=True) if s]
    if submitted:
        st.caption(
            f"**{t('submitted_figures', language)}**: " + ", ".join(str(when) for when in submitted)
        )


def _quarters(controls: Controls, indicator: Indicator, from_year: int) -> None:
    language = controls.language
    quarters = data.quarter_series(
        controls.db, indicator.code, from_year, controls.as_of, controls.view
    )
    with st.expander(t("quarterly_series", language)):
        if not quarters:
            st.caption(t("no_quarters", language))
            return
        moment = controls.moment()
        frame = pd.DataFrame(
            {
                "period": [str(q.period) for q in quarters],
                "period_start": [q.period.start for q in quarters],
                "value": [None if q.value is None else float(q.value) for q in quarters],
                "suppressed": [
                    None if q.suppressed is None else q.suppressed.label(language) for q in quarters
                ],
                "series": t("total", language),
                "source": [q.source_title for q in quarters],
                "corrected": [q.corrected for q in quarters],
                "correction_note": [
                    None
                    if not q.corrected
                    else f"{_when(q.recorded_at, language)}: {q.correction_reason or ''}"
                    for q in quarters
                ],
                "illustrative": [q.is_illustrative for q in quarters],
                "submitted": [q.submitted for q in quarters],
                "basis": "",
                "preliminary": [
                    is_preliminary(
                        submitted=q.submitted,
                        revised_at=q.recorded_at if q.corrected else None,
                        moment=moment,
                        days=controls.preliminary_days,
                    )
                    for q in quarters
                ],
            }
        )
        withheld = _withheld_total(quarters, language)
        chart_with_downloads(
            series.quarterly_series_chart,
            frame,
            language,
            table=tables.quarterly_table,
            key=f"{indicator.code}-quarterly",
            file_stem=f"planwatch-{indicator.code}-kvartaler",
            title=f"{indicator.name(language)} · {t('quarterly_series', language)}",
            unit_label=t(f"unit_{indicator.unit}", language),
            note=withheld,
            as_of=controls.as_of_date,
        )
        if withheld:
            st.caption(withheld)
        _marked(frame.assign(label=[q.period.label(language) for q in quarters]), controls)


def _breakdowns(
    controls: Controls, indicator: Indicator, titles: dict[str, str], with_running_year: bool
) -> None:
    language = controls.language
    with st.expander(t("breakdown_by", language) + " …"):
        dimension = st.radio(
            t("breakdown_by", language),
            options=list(BREAKDOWN_DIMENSIONS),
            format_func=lambda d: t(f"dimension_{d}", language),
            horizontal=True,
            key=f"{indicator.code}-dimension",
        )
        by_term = data.breakdown_series(
            controls.db, indicator.code, dimension, controls.as_of, controls.view
        )
        if not by_term:
            st.caption(t("no_breakdown", language, dimension=t(f"dimension_{dimension}", language)))
            return
        terms = BREAKDOWN_DIMENSIONS[dimension]
        shown = {
            code: values
            for code, all_values in by_term.items()
            if (values := _shown(all_values, with_running_year))
        }
        if not shown:
            st.caption(t("no_breakdown", language, dimension=t(f"dimension_{dimension}", language)))
            return
        frame = pd.concat(
            [
                _series_frame(
                    values,
                    terms[code].label_da if language == "da" else terms[code].label_en,
                    titles,
                    controls,
                )
                for code, values in shown.items()
            ]
        )
        labels = [v.label(language) for values in shown.values() for v in values]
        by = f"{t('breakdown_by', language)} {t(f'dimension_{dimension}', language)}"
        suppressed = any(v.suppressed is not None for values in by_term.values() for v in values)
        note = small_counts_note(controls.view, language) if suppressed else None
        chart_with_downloads(
            series.yearly_series_chart,
            frame,
            language,
            table=tables.yearly_table,
            key=f"{indicator.code}-{dimension}",
            file_stem=f"planwatch-{indicator.code}-{dimension}",
            title=f"{indicator.name(language)} · {by}",
            unit_label=t(f"unit_{indicator.unit}", language),
            note=note,
            as_of=controls.as_of_date,
        )
        _marks_explained(frame, labels, controls)
        if note:
            st.caption(note)


def _when(moment: dt.datetime | None, language: str) -> str:
    """When a figure was revised, in Danish time ("" when unknown)."""
    return "" if moment is None else format_moment(to_local(moment), language)

"""Om data / About the data: definitions, sources, disagreements, plans. Disagreements about
small counts of persons in a breakdown are shown suppressed, as everywhere else.

Everything in words (issue 18): how a year is counted, a source's kind and a breakdown
("udnyttelsesform: seksuel udnyttelse") in the user's language, never as codes; the indicators,
disagreements and plans are tables that wrap long text (``st.table``) instead of cutting it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planwatch.domain.vocab import ALL, BREAKDOWN_DIMENSIONS, Breakdown
from planwatch.figures.dashboard import SourceValue
from planwatch.formatting import format_dkk_millions
from planwatch.ui import cards, data
from planwatch.ui.components import small_counts_note, submitted_banner, value_text
from planwatch.ui.controls import Controls
from planwatch.ui.i18n import t


def render(controls: Controls) -> None:
    language = controls.language
    st.title(t("about", language))
    st.caption(t("about_intro", language))
    st.caption(controls.as_of_text())
    submitted_banner(controls.view, language)
    indicators = data.indicators(controls.db, controls.as_of)
    sources = data.indicator_sources(controls.db, controls.as_of, controls.view)
    st.table(
        pd.DataFrame(
            {
                t("col_indicator", language): [i.name(language) for i in indicators],
                t("col_definition", language): [
                    i.definition_da if language == "da" else i.definition_en for i in indicators
                ],
                t("col_unit", language): [t(f"unit_{i.unit}", language) for i in indicators],
                t("about_col_counted", language): [
                    t(f"about_{i.aggregation.value}", language) for i in indicators
                ],
                t("col_direction", language): [
                    t(f"direction_{i.direction.value}", language) for i in indicators
                ],
            }
        ).set_index(t("col_indicator", language)),
    )
    st.subheader(t("sources_of", language))
    for indicator in indicators:
        rows = sources.get(indicator.code, [])
        if not rows:
            continue
        with st.expander(f"{indicator.name(language)} ({len(rows)})"):
            cards.wide_table(
                pd.DataFrame(
                    {
                        t("col_source", language): [r["title"] for r in rows],
                        t("col_publisher", language): [r["publisher"] for r in rows],
                        t("col_kind", language): [
                            t(f"about_kind_{r['kind']}", language) for r in rows
                        ],
                        t("col_figures", language): [r["figures"] for r in rows],
                        t("col_years", language): [
                            f"{r['first_year']}–{r['last_year']}" for r in rows
                        ],
                        "URL": [r["url"] for r in rows],
                    }
                ),
                key=f"sources-{indicator.code}",
                language=language,
                hide_index=True,
                column_config={"URL": st.column_config.LinkColumn("URL")},
            )
    _disagreements(controls, {i.code: i.name(language) for i in indicators})
    _plans(controls)


def _disagreements(controls: Controls, names: dict[str, str]) -> None:
    language = controls.language
    st.subheader(t("disagreements", language))
    found = data.disagreements(controls.db, controls.as_of, controls.view)
    if not found:
        st.caption(t("no_disagreements", language))
        return
    st.table(
        pd.DataFrame(
            {
                t("col_indicator", language): [names.get(d.indicator, d.indicator) for d in found],
                t("col_period", language): [d.period.label(language) for d in found],
                t("col_breakdown", language): [breakdown_words(d.parts, language) for d in found],
                t("col_values", language): [
                    "; ".join(_source_value(v, language) for v in d.values) for d in found
                ],
            }
        ).set_index(t("col_indicator", language)),
    )
    note = small_counts_note(controls.view, language)
    if note and any(v.suppressed is not None for d in found for v in d.values):
        st.caption(note)


def breakdown_words(breakdown: Breakdown, language: str) -> str:
    """A breakdown in words: "udnyttelsesform: seksuel udnyttelse" / "form of exploitation:
    sexual exploitation"; "I alt" / "Total" for none."""
    parts = []
    for dimension, vocabulary in BREAKDOWN_DIMENSIONS.items():
        code = getattr(breakdown, dimension)
        if code == ALL:
            continue
        term = vocabulary[code]
        label = term.label_da if language == "da" else term.label_en
        parts.append(f"{t(f'dimension_{dimension}', language)}: {label[:1].lower()}{label[1:]}")
    return "; ".join(parts) or t("about_total", language)


def _source_value(value: SourceValue, language: str) -> str:
    marks = [value.title]
    if value.is_preferred:
        marks.append(t("preferred", language))
    if value.submitted:
        marks.append(t("submitted_mark", language))
    return f"{value_text(value.value, value.suppressed, language)} ({', '.join(marks)})"


def _plans(controls: Controls) -> None:
    language = controls.language
    st.subheader(t("plans", language))
    plans = data.plans(controls.db)
    titles = {s.source_id: s.title for s in data.sources(controls.db, controls.as_of)}
    st.table(
        pd.DataFrame(
            {
                t("col_plan", language): [p.name(language) for p in plans],
                t("col_period", language): [f"{p.start_date:%Y}–{p.end_date:%Y}" for p in plans],
                t("col_total", language): [
                    format_dkk_millions(p.total_dkk, language) for p in plans
                ],
                t("col_source", language): [titles.get(p.source_id, p.source_id) for p in plans],
            }
        ).set_index(t("col_plan", language)),
    )

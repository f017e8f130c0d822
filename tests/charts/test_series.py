"""Indicator charts (yearly, quarterly, breakdowns): language, accessibility, markings,
targets, gaps, and suppressed and submitted figures."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import pytest

from planwatch.charts import render, series, spending, style
from tests.charts.helpers import (
    LANGUAGES,
    all_rows,
    axes,
    axis_titles,
    budget_frame,
    filters,
    mark,
    quarterly_frame,
    rows,
    svg_texts,
    text_marks,
    title_text,
    tooltip_titles,
    views,
    yearly_frame,
    yearly_spec,
)

# --- language --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "year", "source", "corrected", "legend"),
    [("da", "År", "Kilde", "Revideret", "Serie"), ("en", "Year", "Source", "Revised", "Series")],
)
def test_yearly_chart_speaks_the_language(
    language: str, year: str, source: str, corrected: str, legend: str
) -> None:
    spec = yearly_spec(language)
    assert title_text(spec) == "Personer vurderet som ofre"
    assert axis_titles(spec) == {year, "Personer"}
    tips = tooltip_titles(spec)
    assert tips["source"] == source
    assert tips["corrected_text"] == corrected
    assert tips["year_text"] == year
    legends = {
        channel["legend"]["title"]
        for view in views(spec)
        for channel in view.get("encoding", {}).values()
        if isinstance(channel, dict) and isinstance(channel.get("legend"), dict)
    }
    assert legend in legends


@pytest.mark.parametrize(
    ("language", "big", "basis", "note"),
    [
        ("da", "1.233", "Opgjort ud fra kvartalerne 1-3", "Ja: 3. maj 2024: dobbelttælling"),
        ("en", "1,233", "Derived from quarters 1-3", "Yes: 3. maj 2024: dobbelttælling"),
    ],
)
def test_tooltips_show_formatted_text_source_basis_and_correction(
    language: str, big: str, basis: str, note: str
) -> None:
    spec = yearly_spec(language)
    assert {"value_text", "series", "source", "basis_text", "corrected_text"} <= set(
        tooltip_titles(spec)
    )
    data = {(r["series"], r["year"]): r for r in rows(spec)}
    assert data[("I alt", 2024)]["value_text"] == big
    assert data[("I alt", 2024)]["basis_text"] == basis
    assert data[("I alt", 2023)]["corrected_text"] == note
    assert data[("I alt", 2022)]["corrected_text"] in {"Nej", "No"}
    assert data[("I alt", 2022)]["source"] == "Center mod Menneskehandel"


def test_quarterly_values_keep_one_decimal_in_the_language() -> None:
    da = {
        r["period"]: r
        for r in rows(
            series.quarterly_series_chart(
                quarterly_frame(), "da", title="t", unit_label="u"
            ).to_dict()
        )
    }
    en = {
        r["period"]: r
        for r in rows(
            series.quarterly_series_chart(
                quarterly_frame(), "en", title="t", unit_label="u"
            ).to_dict()
        )
    }
    assert da["2025-Q1"]["value_text"] == "53,4"
    assert en["2025-Q1"]["value_text"] == "53.4"
    assert da["2025-Q2"]["value_text"] == "1.233,0"


def test_an_unknown_language_or_a_missing_column_is_refused() -> None:
    with pytest.raises(ValueError, match="language"):
        series.yearly_series_chart(yearly_frame(), "de", title="t", unit_label="u")
    with pytest.raises(ValueError, match="source"):
        series.yearly_series_chart(
            yearly_frame().drop(columns=["source"]), "da", title="t", unit_label="u"
        )


# --- accessibility ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_series_differ_by_shape_and_dash_not_colour_alone(language: str) -> None:
    spec = yearly_spec(language)
    encodings = [view.get("encoding", {}) for view in views(spec)]
    fields = {
        channel: enc[channel]["field"]
        for enc in encodings
        for channel in ("color", "shape", "strokeDash")
        if channel in enc and "field" in enc[channel]
    }
    assert fields == {"color": "series", "shape": "series", "strokeDash": "series"}
    shapes = next(e["shape"]["scale"]["range"] for e in encodings if "shape" in e)
    assert len(set(shapes[:2])) == 2
    colours = next(e["color"]["scale"]["range"] for e in encodings if "color" in e)
    assert set(colours) <= set(style.OKABE_ITO)


def test_the_description_says_what_the_chart_shows_in_the_language() -> None:
    da = yearly_spec("da")["description"]
    en = yearly_spec("en")["description"]
    assert da.startswith("Linjediagram: Personer vurderet som ofre.")
    assert "I alt 1.233 (2024)" in da
    assert "Mål (2026): 150" in da
    assert en.startswith("Line chart:")
    assert "I alt 1,233 (2024)" in en
    budget = spending.budget_path_chart(budget_frame(), "da", title="F", illustrative=False)
    assert "14,0 mio. kr. pr. 30. juni 2025" in budget.to_dict()["description"]


def test_end_of_line_labels_name_each_series() -> None:
    spec = yearly_spec("da")
    labelled = [v for v in views(spec) if "datum.is_last" in filters(v)]
    assert labelled
    assert labelled[0]["encoding"]["text"]["field"] == "end_label"
    ends = {r["end_label"] for r in rows(spec) if r["is_last"]}
    assert ends == {"I alt: 1.233", "Kvinder: 80"}


# --- markings --------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "word"), [("da", "Revideret"), ("en", "Revised")])
def test_corrected_points_get_a_diamond_with_a_legend_entry(language: str, word: str) -> None:
    spec = yearly_spec(language, corrected=True)
    rings = [v for v in views(spec) if mark(v).get("shape") == "diamond"]
    assert len(rings) == 1
    assert filters(rings[0]) == ["datum.corrected"]
    assert rings[0]["encoding"]["opacity"]["scale"]["domain"] == [word]
    assert "source" in {t["field"] for t in rings[0]["encoding"]["tooltip"]}
    plain = yearly_spec(language, corrected=False)
    assert not [v for v in views(plain) if mark(v).get("shape") == "diamond"]


@pytest.mark.parametrize(("language", "word"), [("da", "ILLUSTRATIVT"), ("en", "ILLUSTRATIVE")])
def test_illustrative_points_are_hollow_and_labelled(language: str, word: str) -> None:
    spec = yearly_spec(language, illustrative=True)
    hollow = [v for v in views(spec) if "datum.illustrative" in filters(v)]
    assert len(hollow) == 1
    assert mark(hollow[0])["filled"] is False
    assert any(word in text for text in text_marks(spec))
    assert word in spec["description"]
    plain = yearly_spec(language, illustrative=False)
    assert not any(word in text for text in text_marks(plain))
    assert word not in plain["description"]
    # No layer for points that are not there: an empty layer is an unnamed image to a screen
    # reader (axe-core's svg-img-alt, issue 18).
    assert not [v for v in views(plain) if "datum.illustrative" in filters(v)]


def test_targets_are_rules_with_labels() -> None:
    spec = yearly_spec("da")
    rules = [v for v in views(spec) if mark(v)["type"] == "rule"]
    assert len(rules) == 2
    labels = {r["label"] for r in all_rows(spec) if "label" in r}
    assert labels == {"Udgangspunkt (hele planen): 100", "Mål (2026): 150"}
    assert {r["year"] for r in all_rows(spec) if "label" in r} == {None, 2026}
    en = {r["label"] for r in all_rows(yearly_spec("en")) if "label" in r}
    assert en == {"Baseline (whole plan): 100", "Target (2026): 150"}


# --- the individual charts -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected", "axis_format", "quarter"),
    [("da", "1. kvt. 2025", "%q. kvt. %Y", "Kvartal"), ("en", "Q1 2025", "Q%q %Y", "Quarter")],
)
def test_quarterly_chart_labels_quarters_in_the_language(
    language: str, expected: str, axis_format: str, quarter: str
) -> None:
    spec = series.quarterly_series_chart(
        quarterly_frame(), language, title="Ofre", unit_label="Personer"
    ).to_dict()
    assert {r["period"]: r["period_label"] for r in rows(spec)}["2025-Q1"] == expected
    x_axes = [a for a in axes(spec) if a.get("formatType") == "time"]
    assert {a["format"] for a in x_axes} == {axis_format}
    assert tooltip_titles(spec)["period_label"] == quarter
    assert rows(spec)[0]["period_start"] == "2024-10-01T00:00:00"
    with pytest.raises(ValueError, match="2025-Q1"):
        series.period_label("2025-5", language)


def test_a_line_does_not_bridge_years_without_a_figure() -> None:
    years = [2007, 2008, 2012, 2015, 2016]
    frame = pd.DataFrame(
        {
            "year": years,
            "value": [17.0, 28.0, 66.0, 93.0, 121.0],
            "series": "I alt",
            "source": "CMM",
            "corrected": False,
            "correction_note": None,
            "illustrative": False,
            "basis": "reported",
        }
    )
    spec = series.yearly_series_chart(frame, "da", title="Ofre", unit_label="Personer").to_dict()
    values = spec["datasets"][spec["data"]["name"]]
    rows = {row["year"]: row["segment"] for row in values}
    assert rows[2007] == rows[2008]
    assert len({rows[2007], rows[2012], rows[2015]}) == 3
    assert rows[2015] == rows[2016]
    line = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "line")
    assert line["encoding"]["detail"]["field"] == "segment"


# --- suppressed and submitted figures --------------------------------------------------------


def breakdown_frame(**columns: Any) -> pd.DataFrame:
    """Women, men and transgender persons in 2018-2020; in 2019 men are hidden and
    transgender persons are fewer than 3 (the frame still carries numbers: they must not
    reach the chart)."""
    frame = pd.DataFrame(
        {
            "year": [2018, 2019, 2020, 2018, 2019, 2020, 2019],
            "value": [61.0, 8641.0, 21.0, 40.0, 41.0, 55.0, 2.0],
            "series": ["Mænd"] * 3 + ["Kvinder"] * 3 + ["Transkønnede"],
            "source": "CMM",
            "corrected": False,
            "correction_note": None,
            "illustrative": False,
            "basis": "reported",
            "suppressed": [None, "skjult", None, None, None, None, "<3"],
            "submitted": False,
        }
    )
    return frame.assign(**columns)


def test_a_suppressed_value_never_reaches_the_chart_and_its_label_stands_in() -> None:
    chart = series.yearly_series_chart(
        breakdown_frame(), "da", title="Ofre", unit_label="Personer", note="Små antal: <3."
    )
    spec = chart.to_dict()
    data = {(r["series"], r["year"]): r for r in rows(spec)}
    hidden, small = data[("Mænd", 2019)], data[("Transkønnede", 2019)]
    assert (hidden["value"], hidden["value_text"]) == (None, "skjult")
    assert (small["value"], small["value_text"]) == (None, "<3")
    text = json.dumps(spec, ensure_ascii=False)
    assert "8641" not in text and "8.641" not in text
    assert "Transkønnede, 2019: <3 Personer" in small["aria_text"]
    labels = [v for v in views(spec) if "datum.is_suppressed" in filters(v)]
    assert len(labels) == 1 and labels[0]["encoding"]["text"]["field"] == "value_text"
    assert spec["title"]["subtitle"][-1] == "Små antal: <3."  # under the unit and source
    assert "Små antal: <3." in spec["description"]
    # The line breaks around the hidden year instead of joining 2018 and 2020.
    assert data[("Mænd", 2018)]["segment"] != data[("Mænd", 2020)]["segment"]
    svg = svg_texts(render.to_svg(chart, "da"))
    assert "skjult" in svg and "&lt;3" in svg
    assert not any("8641" in t or "8.641" in t for t in svg)


def test_without_suppression_the_chart_is_as_before() -> None:
    plain = yearly_frame()
    assert "suppressed" not in plain.columns
    spec = series.yearly_series_chart(plain, "da", title="t", unit_label="u").to_dict()
    assert not [v for v in views(spec) if "datum.is_suppressed" in filters(v)]
    assert not any("<3" in line for line in spec["title"]["subtitle"])  # no note without one
    assert all(r["value"] is not None for r in rows(spec))


@pytest.mark.parametrize(
    ("language", "word"), [("da", "Indsendt – ikke godkendt"), ("en", "Submitted – not approved")]
)
def test_submitted_points_get_a_dashed_square_with_a_legend_entry(language: str, word: str) -> None:
    frame = breakdown_frame(suppressed=None, submitted=[False] * 6 + [True])
    spec = series.yearly_series_chart(frame, language, title="t", unit_label="u").to_dict()
    squares = [v for v in views(spec) if "datum.submitted" in filters(v)]
    assert len(squares) == 1
    assert mark(squares[0])["shape"] == "square"
    assert squares[0]["encoding"]["opacity"]["scale"]["domain"] == [word]
    assert spec["resolve"]["scale"]["opacity"] == "independent"
    statuses = {(r["series"], r["year"]): r["status_text"] for r in rows(spec)}
    assert statuses[("Transkønnede", 2019)] == word
    assert tooltip_titles(spec)["status_text"] == "Status"
    assert word in svg_texts(
        render.to_svg(
            series.yearly_series_chart(frame, language, title="t", unit_label="u"), language
        )
    )

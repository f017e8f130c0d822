"""Issue 14 in the indicator charts: a partial year (the year to date) is a hollow point that no
line joins, named by its quarters; a preliminary figure carries an asterisk on its value, with
a tooltip and a legend entry; a chart without either is drawn as before."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from planwatch.charts import render, series, style
from tests.charts.helpers import filters, mark, quarterly_frame, rows, svg_texts, views

QUARTERS = {"da": "1.–2. kvt.", "en": "Q1–Q2"}


def running_frame(language: str, **columns: Any) -> pd.DataFrame:
    """Persons assessed as victims, 2022-2024 complete and 2025 from two quarters, the total
    and women (the figures of tests/scenarios.py)."""
    frame = pd.DataFrame(
        {
            "year": [2022, 2023, 2024, 2025] * 2,
            "value": [73.0, 112.0, 100.0, 54.0, 40.0, 60.0, 64.0, 43.0],
            "series": ["I alt"] * 4 + ["Kvinder"] * 4,
            "source": "CMM",
            "corrected": False,
            "correction_note": None,
            "illustrative": False,
            "basis": "reported",
            "complete": [True, True, True, False] * 2,
            "coverage_label": [None, None, None, QUARTERS[language]] * 2,
            "preliminary": False,
        }
    )
    return frame.assign(**columns)


def spec_of(frame: pd.DataFrame, language: str) -> dict[str, Any]:
    chart = series.yearly_series_chart(frame, language, title="Ofre", unit_label="Personer")
    return chart.to_dict()


def passes(view: dict[str, Any], row: dict[str, Any]) -> bool:
    """Whether a row gets through a view's filters (the few simple ones the builders use)."""
    for expression in filters(view):
        field = expression.lstrip("!").removeprefix("datum.")
        assert field.isidentifier(), expression
        if bool(row[field]) is expression.startswith("!"):
            return False
    return True


def line_view(spec: dict[str, Any]) -> dict[str, Any]:
    (line,) = [v for v in views(spec) if mark(v)["type"] == "line"]
    return line


# --- partial years ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_partial_year_is_hollow_and_not_joined_by_the_line(language: str) -> None:
    spec = spec_of(running_frame(language), language)
    data = {(r["series"], r["year"]): r for r in rows(spec)}
    partial, complete = data[("I alt", 2025)], data[("I alt", 2024)]
    line = line_view(spec)
    assert passes(line, complete) and not passes(line, partial), "2025 is not on the line"
    assert partial["segment"].endswith("#-"), "it belongs to no run of joined years"
    assert data[("I alt", 2023)]["segment"] == complete["segment"]
    drawn = [v for v in views(spec) if mark(v)["type"] == "point" and passes(v, partial)]
    assert drawn and all(mark(v)["filled"] is False for v in drawn if mark(v).get("size")), (
        "the partial point is drawn hollow only"
    )
    filled = [v for v in views(spec) if mark(v)["type"] == "point" and mark(v).get("filled")]
    assert filled and not any(passes(v, partial) for v in filled)
    assert all(passes(v, complete) for v in filled)


@pytest.mark.parametrize(
    ("language", "label", "entry", "sentence"),
    [
        (
            "da",
            "1.–2. kvt. 2025",
            "Hul: ikke et helt år",
            "Hule punkter er år, der ikke er slut, og dækker kun de nævnte kvartaler: "
            "I alt 54 (1.–2. kvt. 2025); Kvinder 43 (1.–2. kvt. 2025).",
        ),
        (
            "en",
            "Q1–Q2 2025",
            "Hollow: not a whole year",
            "Hollow points are years not yet over, covering only the quarters named: "
            "I alt 54 (Q1–Q2 2025); Kvinder 43 (Q1–Q2 2025).",
        ),
    ],
)
def test_a_partial_year_is_named_by_its_quarters(
    language: str, label: str, entry: str, sentence: str
) -> None:
    chart = series.yearly_series_chart(
        running_frame(language), language, title="Ofre", unit_label="Personer"
    )
    spec = chart.to_dict()
    data = {(r["series"], r["year"]): r for r in rows(spec)}
    assert data[("I alt", 2025)]["year_text"] == label, "tooltips name the quarters"
    assert data[("I alt", 2024)]["year_text"] == "2024"
    assert label in data[("Kvinder", 2025)]["aria_text"]
    # The quarters are written once over the year, whatever the number of series.
    (over,) = [
        v
        for v in views(spec)
        if v.get("encoding", {}).get("text", {}).get("field") == ("coverage_label")
    ]
    assert "!datum.complete" in filters(over)
    (grouped,) = [step for step in over["transform"] if "aggregate" in step]
    assert grouped["groupby"] == ["year", "coverage_label"]
    # A legend entry says what hollow means; the description says it in words.
    legends = [
        v["encoding"]["opacity"]
        for v in views(spec)
        if v.get("encoding", {}).get("opacity", {}).get("field") == "partial_marker"
    ]
    assert [o["scale"]["domain"] for o in legends] == [[entry]]
    assert legends[0]["legend"]["symbolType"] == "circle"
    assert sentence in spec["description"]
    assert spec["resolve"]["legend"]["opacity"] == "independent"
    texts = svg_texts(render.to_svg(chart, language))
    assert QUARTERS[language] in texts and entry in texts


def test_a_partial_year_between_complete_years_breaks_the_line() -> None:
    frame = running_frame("da").iloc[:4].copy()
    frame["year"] = [2022, 2023, 2024, 2025]
    frame["complete"] = [True, False, True, True]
    frame["coverage_label"] = [None, "1.–3. kvt.", None, None]
    data = {r["year"]: r for r in rows(spec_of(frame, "da"))}
    assert data[2022]["segment"] != data[2024]["segment"], "2022 and 2024 are not joined"
    assert data[2024]["segment"] == data[2025]["segment"]
    assert data[2023]["year_text"] == "1.–3. kvt. 2023"


def test_without_the_new_columns_every_year_is_complete_and_nothing_is_marked() -> None:
    frame = running_frame("da").drop(columns=["complete", "coverage_label", "preliminary"])
    spec = spec_of(frame, "da")
    assert all(r["complete"] and not r["preliminary"] for r in rows(spec))
    assert {r["value_text"] for r in rows(spec)} >= {"54", "100"}
    fields = {v.get("encoding", {}).get("opacity", {}).get("field") for v in views(spec)} - {None}
    assert fields == set(), "no legend entry for marks the chart does not have"
    assert "resolve" not in spec
    data = {(r["series"], r["year"]): r for r in rows(spec)}
    assert data[("I alt", 2024)]["segment"] == data[("I alt", 2025)]["segment"]


# --- preliminary figures ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "entry", "submitted", "revised", "no"),
    [
        ("da", "foreløbigt tal", "Ja – indsendt, ikke godkendt", "Ja – revideret for nylig", "Nej"),
        (
            "en",
            "preliminary figure",
            "Yes – submitted, not approved",
            "Yes – recently revised",
            "No",
        ),
    ],
)
def test_a_preliminary_value_carries_an_asterisk_a_tooltip_and_a_legend_entry(
    language: str, entry: str, submitted: str, revised: str, no: str
) -> None:
    frame = running_frame(
        language,
        preliminary=[False, True, False, True, False, False, False, False],
        submitted=[False, False, False, True, False, False, False, False],
        corrected=[False, True, False, False, False, False, False, False],
    )
    chart = series.yearly_series_chart(frame, language, title="Ofre", unit_label="Personer")
    spec = chart.to_dict()
    data = {(r["series"], r["year"]): r for r in rows(spec)}
    assert data[("I alt", 2023)]["value_text"] == "112*"
    assert data[("I alt", 2025)]["value_text"] == "54*"
    assert data[("I alt", 2025)]["end_label"] == "I alt: 54*", "on the value itself"
    assert data[("I alt", 2024)]["value_text"] == "100"
    assert data[("I alt", 2025)]["preliminary_text"] == submitted
    assert data[("I alt", 2023)]["preliminary_text"] == revised
    assert data[("I alt", 2024)]["preliminary_text"] == no
    tips = {
        tip["field"]: tip["title"]
        for v in views(spec)
        for tip in v.get("encoding", {}).get("tooltip", [])
    }
    assert tips["preliminary_text"] == style.word("preliminary", language)
    # An asterisk by a point without an end label (2023); the last point says it in its label.
    (asterisks,) = [v for v in views(spec) if mark(v).get("text") == "*"]
    assert passes(asterisks, data[("I alt", 2023)])
    assert not passes(asterisks, data[("I alt", 2025)])
    assert not passes(asterisks, data[("I alt", 2024)])
    legends = [
        v["encoding"]["opacity"]
        for v in views(spec)
        if v.get("encoding", {}).get("opacity", {}).get("field") == "preliminary_marker"
    ]
    assert [o["scale"]["domain"] for o in legends] == [[entry]]
    assert legends[0]["legend"]["symbolType"] == style.ASTERISK
    assert (
        "Foreløbige tal: 2, markeret med *."
        if language == "da"
        else "Preliminary figures: 2, marked with *."
    ) in spec["description"]
    texts = svg_texts(render.to_svg(chart, language))
    assert "*" in texts and entry in texts and "I alt: 54*" in texts


def test_a_preliminary_quarter_is_marked_in_the_quarterly_chart() -> None:
    frame = quarterly_frame().assign(preliminary=[False, False, True])
    spec = series.quarterly_series_chart(frame, "da", title="t", unit_label="u").to_dict()
    data = {r["period"]: r for r in rows(spec)}
    assert data["2025-Q2"]["value_text"] == "1.233,0*"
    assert data["2025-Q1"]["value_text"] == "53,4"
    assert all(r["complete"] for r in rows(spec)), "every quarter is drawn, joined"
    assert len({data["2024-Q4"]["segment"], data["2025-Q2"]["segment"]}) == 1


def test_a_suppressed_preliminary_value_stays_suppressed() -> None:
    frame = running_frame("da", preliminary=True, suppressed=[None] * 7 + ["<3"])
    data = {(r["series"], r["year"]): r for r in rows(spec_of(frame, "da"))}
    assert data[("Kvinder", 2025)]["value"] is None
    assert data[("Kvinder", 2025)]["value_text"] == "<3*"


def test_a_withheld_quarter_is_labelled_not_drawn_in_the_quarterly_chart() -> None:
    """A quarter's total withheld after a correction (issue 16): no number in the data, its
    label where the point would be, in the picture too."""
    frame = quarterly_frame().assign(suppressed=[None, "ikke vist", None], value=[20.0, None, 9.0])
    chart = series.quarterly_series_chart(frame, "da", title="t", unit_label="u")
    data = {r["period"]: r for r in rows(chart.to_dict())}
    assert data["2025-Q1"]["value"] is None
    assert data["2025-Q1"]["value_text"] == "ikke vist"
    assert "53" not in str(data["2025-Q1"])
    assert "ikke vist" in svg_texts(render.to_svg(chart, "da"))

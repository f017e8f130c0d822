"""Money charts (budget path, allocation against spending): millions, the projection band,
bars per initiative and year, and the illustrative marking."""

from __future__ import annotations

import json
from typing import Any

import pytest

from planwatch.charts import spending
from tests.charts.helpers import (
    all_rows,
    allocation_frame,
    axis_titles,
    budget_frame,
    mark,
    rows,
    text_marks,
    title_text,
    views,
)

# --- markings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("builder", "frame"),
    [
        (spending.budget_path_chart, budget_frame),
        (spending.allocation_vs_spending_chart, allocation_frame),
    ],
)
@pytest.mark.parametrize(("language", "word"), [("da", "ILLUSTRATIVT"), ("en", "ILLUSTRATIVE")])
def test_money_charts_are_marked_illustrative_only_when_asked(
    builder: Any, frame: Any, language: str, word: str
) -> None:
    marked = builder(frame(), language, title="Penge", illustrative=True).to_dict()
    assert title_text(marked) == "Penge"  # issue 18: marked once, in the plot, not in the title
    assert word in text_marks(marked)
    assert word in marked["description"]
    plain = builder(frame(), language, title="Penge", illustrative=False).to_dict()
    assert title_text(plain) == "Penge"
    assert word not in text_marks(plain)
    assert word not in json.dumps(plain, ensure_ascii=False)


# --- the individual charts -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "unit", "amount"),
    [("da", "Mio. kr.", "14,0 mio. kr."), ("en", "DKK m", "DKK 14.0m")],
)
def test_budget_chart_in_millions_with_a_projection_band(
    language: str, unit: str, amount: str
) -> None:
    spec = spending.budget_path_chart(
        budget_frame(), language, title="F", illustrative=False
    ).to_dict()
    assert unit in axis_titles(spec)
    band = [v for v in views(spec) if mark(v)["type"] == "area"]
    assert len(band) == 1
    assert band[0]["encoding"]["y2"]["field"] == "high_m"
    band_rows = rows(spec, band[0]["data"])
    # the band starts on the last actual quarter, so it joins the spent line
    assert [r["low_m"] for r in band_rows] == [14.0, 18.0, 22.0]
    line_rows = rows(spec)
    assert amount in {r["amount_text"] for r in line_rows}
    assert max(r["value_m"] for r in line_rows) == 50.0
    shapes = [v["encoding"]["shape"] for v in views(spec) if "shape" in v.get("encoding", {})]
    assert shapes and shapes[0]["field"] == "measure"


@pytest.mark.parametrize(
    ("language", "allocated", "spent", "year"),
    [("da", "Bevilget", "Forbrugt", "År"), ("en", "Allocated", "Spent", "Year")],
)
def test_allocation_chart_groups_bars_by_initiative_per_year(
    language: str, allocated: str, spent: str, year: str
) -> None:
    chart = spending.allocation_vs_spending_chart(
        allocation_frame(), language, title="B", illustrative=False
    )
    spec = chart.to_dict()
    assert spec["facet"]["row"]["field"] == "year"
    assert spec["facet"]["row"]["header"]["title"] == year
    bars = next(v for v in views(spec) if mark(v)["type"] == "bar")
    encoding = bars["encoding"]
    assert encoding["yOffset"]["field"] == "measure"
    assert encoding["strokeDash"]["scale"]["domain"] == [allocated, spent]
    assert encoding["fill"]["scale"]["range"][0] == "#FFFFFF"  # allocated is hollow
    labels = {r["label"] for r in all_rows(spec)}
    assert ("1.233,0" if language == "da" else "1,233.0") in labels
    assert ("10,1 (1 %)" if language == "da" else "10.1 (1%)") in labels

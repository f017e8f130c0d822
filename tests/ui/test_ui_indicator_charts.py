"""Issue 18, the Indicators page (headless, both languages, on the demo database): a chart's
title says the years it draws (not "since 2007" over one point), and every chart carries the
page's "tal pr." date and its source in the image."""

from __future__ import annotations

import pytest

from planwatch.storage import Store
from tests.ui.test_ui_pages import _charts, _run_page

INDICATORS = "src/planwatch/ui/pages/indicators.py"


@pytest.mark.parametrize(
    ("language", "span", "as_of", "source"),
    [
        ("da", "år for år, {first}–{last}", "Tal pr. ", "Kilde: "),
        ("en", "year by year, {first}–{last}", "Figures as of ", "Source: "),
    ],
)
def test_yearly_chart_titles_say_the_years_drawn(
    demo_store: Store,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    span: str,
    as_of: str,
    source: str,
) -> None:
    app = _run_page(demo_store.path, monkeypatch, INDICATORS, language)
    charts = _charts(app)
    yearly = {title: rows for title, (_, rows) in charts.items() if "year" in (rows or [{}])[0]}
    assert yearly
    for title, rows in yearly.items():
        years = sorted({int(r["year"]) for r in rows})
        if any(word in title for word in ("Fordelt på", "Broken down by")):
            continue  # a breakdown's title names its dimension, not years
        expected = str(years[0]) if len(years) == 1 else span.format(first=years[0], last=years[-1])
        assert title.endswith(f" · {expected}"), (title, years)
    assert any("år for år" in t or "year by year" in t for t in yearly)
    for title, (spec, _) in charts.items():
        lines = " ".join(spec["title"]["subtitle"])  # lines broken to fit a phone
        assert as_of in lines and source in lines, (title, lines)

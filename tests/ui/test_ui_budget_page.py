"""Issue 18, the Budget page (headless, both languages, on the demo database): one title per
chart, one number format for money, one year of the allocation chart at a time, columns sized
for their text, and charts that carry their source and "tal pr." date."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from planwatch.storage import Store
from tests.ui.test_ui_pages import _charts, _run_page

BUDGET = "src/planwatch/ui/pages/budget.py"
PATH_TITLE = {
    "da": "Samlet forbrug mod en jævn forbrugssti",
    "en": "Cumulative spending against an even spending path",
}


def _budget(store: Store, monkeypatch: pytest.MonkeyPatch, language: str) -> AppTest:
    return _run_page(store.path, monkeypatch, BUDGET, language)


@pytest.mark.parametrize("language", ["da", "en"])
def test_each_chart_has_one_title_not_repeated_as_a_heading(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    app = _budget(demo_store, monkeypatch, language)
    titles = set(_charts(app))
    assert PATH_TITLE[language] in titles
    headings = [str(h.value) for h in app.subheader] + [str(h.value) for h in app.header]
    for title in titles:
        assert title not in headings, title
        assert "ILLUSTRATIV" not in title, title


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        ("da", r"\d+,\d mio\. kr\.", r"\d+,\d\d mio\. kr\."),
        ("en", r"DKK \d+\.\dm", r"DKK \d+\.\d\dm"),
    ],
)
def test_money_has_one_decimal_in_millions_everywhere(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, language: str, one: str, two: str
) -> None:
    app = _budget(demo_store, monkeypatch, language)
    tables = "\n".join(str(d.value.to_csv()) for d in app.dataframe)
    assert re.search(one, tables), tables[:500]
    assert not re.search(two, tables), re.findall(two, tables)[:5]
    assert ("10,0 mio. kr." if language == "da" else "DKK 10.0m") in tables
    for _spec, rows in _charts(app).values():
        for row in rows:
            for value in row.values():
                assert not re.search(two, str(value)), value


@pytest.mark.parametrize(("language", "label"), [("da", "År"), ("en", "Year")])
def test_allocation_chart_shows_the_year_chosen(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, language: str, label: str
) -> None:
    app = _budget(demo_store, monkeypatch, language)
    picker = next(r for r in app.radio if r.label == label)
    assert [int(y) for y in picker.options] == [2022, 2023, 2024, 2025]
    assert int(picker.value) == 2025, "the latest year with money, by default"
    allocation = [(t, c) for t, c in _charts(app).items() if t != PATH_TITLE[language]]
    assert len(allocation) == 1
    title, (spec, rows) = allocation[0]
    assert "2025" in title
    assert "facet" not in spec, "no 1,700-pixel tall panel per year"
    assert spec["width"] == "container"
    assert {r["year"] for r in rows} == {2025}
    picker.set_value(2023).run()
    title, (spec, rows) = next((t, c) for t, c in _charts(app).items() if t != PATH_TITLE[language])
    assert "2023" in title
    assert {r["year"] for r in rows} == {2023}


@pytest.mark.parametrize(
    ("language", "as_of", "stored"),
    [
        ("da", "Tal pr.", "Tal som registreret ved udgangen af "),
        ("en", "Figures as of", "Figures as stored at the end of "),
    ],
)
def test_budget_charts_carry_source_and_the_pages_as_of_date(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, language: str, as_of: str, stored: str
) -> None:
    app = _budget(demo_store, monkeypatch, language)
    caption = next(str(c.value) for c in app.caption if str(c.value).startswith(stored))
    day = caption.removeprefix(stored)
    source = "Kilde: " if language == "da" else "Source: "
    for title, (spec, _) in _charts(app).items():
        lines = " ".join(spec["title"]["subtitle"])  # lines broken to fit a phone
        assert f"{as_of} {day}" in lines, (title, lines)
        assert source in lines, (title, lines)


def _widths(app: AppTest, index: int) -> dict[str, int]:
    config = json.loads(app.dataframe[index].proto.columns)
    return {
        name: int(options["width"])
        for name, options in config.items()
        if isinstance(options.get("width"), int)
    }


@pytest.mark.parametrize("language", ["da", "en"])
def test_budget_tables_size_their_columns_for_their_text(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    app = _budget(demo_store, monkeypatch, language)
    for index, table in enumerate(app.dataframe):
        frame = table.value
        widths = _widths(app, index)
        for column in frame.columns:
            if str(column) not in widths:
                continue
            longest = max([len(str(column))] + [len(str(v)) for v in frame[column]])
            # about 8 pixels a character at the table's size, and the cell's padding
            assert widths[str(column)] >= 8 * longest + 16, (column, widths[str(column)])
        assert set(widths) >= {str(c) for c in frame.columns}, (list(frame.columns), widths)

"""The table behind each chart (its text alternative): the period as the reader reads it, the
series, the value written as the chart writes it with its unit, and the marks in words; a
suppressed figure shows its label, and its number is nowhere in the table."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from planwatch.charts import series, tables
from tests.charts.helpers import allocation_frame, budget_frame, quarterly_frame, yearly_frame

HEADERS = {
    "da": ["Periode", "Serie", "Personer", "Markering"],
    "en": ["Period", "Series", "Persons", "Marks"],
}


def breakdown_frame() -> pd.DataFrame:
    """Men and women in 2023-2025; men are hidden in 2024 and fewer than 3 in 2025 (the frame
    still carries their true numbers, 8641 and 2: they must not reach the table); 2025 is a
    partial year, and women's 2025 figure is preliminary."""
    return pd.DataFrame(
        {
            "year": [2023, 2024, 2025, 2023, 2024, 2025],
            "value": [1233.0, 8641.0, 2.0, 40.0, 45.0, 43.0],
            "series": ["Mænd"] * 3 + ["Kvinder"] * 3,
            "source": "CMM",
            "corrected": [False, False, False, True, False, False],
            "correction_note": [None, None, None, "rettet", None, None],
            "illustrative": [False, False, False, False, True, False],
            "basis": "reported",
            "suppressed": [None, "skjult", "<3", None, None, None],
            "submitted": [False] * 5 + [True],
            "complete": [True, True, False, True, True, False],
            "coverage_label": [None, None, "1.–2. kvt.", None, None, "1.–2. kvt."],
            "preliminary": [False] * 5 + [True],
        }
    )


def _rows(table: pd.DataFrame) -> list[list[str]]:
    return [[str(cell) for cell in row] for row in table.itertuples(index=False)]


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_yearly_table_writes_each_figure_in_words(language: str) -> None:
    table = tables.yearly_table(breakdown_frame(), language, unit_label=HEADERS[language][2])
    assert list(table.columns) == HEADERS[language]
    rows = _rows(table)
    da = language == "da"
    assert rows[0] == ["2023", "Mænd", "1.233" if da else "1,233", ""]
    assert rows[1] == ["2024", "Mænd", "skjult", ""]
    assert rows[2] == [
        "1.–2. kvt. 2025",
        "Mænd",
        "<3",
        "ikke et helt år" if da else "not a whole year",
    ]
    assert rows[3][3] == ("revideret" if da else "revised")
    assert rows[4][3] == (
        "illustrativt (opdigtet demotal)" if da else "illustrative (invented demo figure)"
    )
    assert rows[5][3] == (
        "ikke et helt år; foreløbigt; indsendt – ikke godkendt"
        if da
        else "not a whole year; preliminary; submitted – not approved"
    )


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_suppressed_figure_shows_its_label_and_its_number_is_nowhere(language: str) -> None:
    table = tables.yearly_table(breakdown_frame(), language, unit_label="Personer")
    # Every column is text for the reader: no hidden column carries a number.
    assert all(isinstance(cell, str) for cell in table.to_numpy().ravel())
    text = table.to_csv()
    assert "8641" not in text and "8.641" not in text and "8,641" not in text
    men_2025 = table.iloc[2].tolist()
    assert "2" not in " ".join(men_2025).replace("2025", "").replace("2.", "")
    assert men_2025[2] == "<3"


@pytest.mark.parametrize(
    ("language", "periods", "values"),
    [
        ("da", ["4. kvt. 2024", "1. kvt. 2025", "2. kvt. 2025"], ["20,0", "53,4", "1.233,0"]),
        ("en", ["Q4 2024", "Q1 2025", "Q2 2025"], ["20.0", "53.4", "1,233.0"]),
    ],
)
def test_the_quarterly_table_names_quarters_as_the_reader_reads_them(
    language: str, periods: list[str], values: list[str]
) -> None:
    table = tables.quarterly_table(quarterly_frame(), language, unit_label="Personer")
    assert table.iloc[:, 0].tolist() == periods
    assert table.iloc[:, 2].tolist() == values
    assert table.iloc[1, 3] == ("revideret" if language == "da" else "revised")


@pytest.mark.parametrize("language", ["da", "en"])
def test_targets_and_baselines_are_rows_of_the_table(language: str) -> None:
    table = tables.yearly_table(
        yearly_frame(),
        language,
        unit_label="Personer",
        targets=pd.DataFrame(
            {"year": [None, 2026], "value": [100.0, 150.0], "kind": ["baseline", "target"]}
        ),
    )
    rows = _rows(table)
    da = language == "da"
    assert rows[-2] == [
        "hele planen" if da else "whole plan",
        "Udgangspunkt" if da else "Baseline",
        "100",
        "",
    ]
    assert rows[-1] == ["2026", "Mål" if da else "Target", "150", ""]


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_targets_direction_is_said_before_its_value(language: str) -> None:
    targets = pd.DataFrame(
        {
            "year": [None, 2026, 2027],
            "value": [100.0, 150.0, 80.0],
            "kind": ["baseline", "target", "target"],
            "direction": [None, "at_least", "about"],
        }
    )
    table = tables.yearly_table(yearly_frame(), language, unit_label="Personer", targets=targets)
    da = language == "da"
    assert [row[2] for row in _rows(table)[-3:]] == (
        ["100", "mindst 150", "omkring 80"] if da else ["100", "at least 150", "about 80"]
    )
    chart = series.yearly_series_chart(
        yearly_frame(), language, title="Test", unit_label="Personer", targets=targets
    )
    said = json.dumps(chart.to_dict(), ensure_ascii=False)
    assert ("Mål (2026): mindst 150" if da else "Target (2026): at least 150") in said


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_spending_path_table_writes_money_as_the_page_does(language: str) -> None:
    table = tables.budget_path_table(budget_frame(), language, illustrative=True)
    da = language == "da"
    assert list(table.columns) == (
        ["Periode", "Serie", "Beløb", "Markering"]
        if da
        else ["Period", "Series", "Amount", "Marks"]
    )
    rows = _rows(table)
    assert rows[0] == [
        "31. marts 2025" if da else "31 March 2025",
        "Forbrugt" if da else "Spent",
        "5,0 mio. kr." if da else "DKK 5.0m",
        "illustrativt (opdigtet demotal)" if da else "illustrative (invented demo figure)",
    ]
    projected = [
        row for row in rows if row[0] == ("31. december 2025" if da else "31 December 2025")
    ]
    assert [row[1:3] for row in projected] == (
        [
            ["Jævn takt", "50,0 mio. kr."],
            ["Fremskrivning", "26,0 mio. kr."],
            ["Fremskrivning, lav", "22,0 mio. kr."],
            ["Fremskrivning, høj", "31,0 mio. kr."],
        ]
        if da
        else [
            ["Even pace", "DKK 50.0m"],
            ["Projection", "DKK 26.0m"],
            ["Projection, low", "DKK 22.0m"],
            ["Projection, high", "DKK 31.0m"],
        ]
    )
    assert all(row[3].endswith("fremskrivning" if da else "projection") for row in projected[1:])


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_allocation_table_has_one_row_per_initiative_and_year(language: str) -> None:
    table = tables.allocation_table(allocation_frame(), language, illustrative=False)
    da = language == "da"
    assert list(table.columns) == (
        ["År", "Initiativ", "Bevilget", "Forbrugt", "Markering"]
        if da
        else ["Year", "Initiative", "Allocated", "Spent", "Marks"]
    )
    assert _rows(table)[0] == [
        "2024",
        "Exit-program",
        "1.233,0 mio. kr." if da else "DKK 1,233.0m",
        "10,1 mio. kr. (1 %)" if da else "DKK 10.1m (1%)",
        "",
    ]


def test_a_table_in_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="language"):
        tables.yearly_table(yearly_frame(), "de", unit_label="Personen")

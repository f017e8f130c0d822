"""The export builders: each format's exact shape, round trips, numbers as numbers, and no
formula injection (issue 6, first part: the builders only)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from planwatch.exports import formats

INJECTIONS = ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1", '=HYPERLINK("http://x")']


def _figures() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_code": ["victims_assessed", "victims_assessed"],
            "year": [2022, 2023],
            "value": [Decimal("73"), Decimal("112.5")],
            "share": [0.25, -1.5],
            "recorded_at": [dt.datetime(2026, 11, 29, 7, 0), dt.datetime(2026, 11, 29, 8, 30, 5)],
            "published_on": [dt.date(2023, 3, 1), None],
            "note": ["Foreløbigt tal", None],
        }
    )


def test_machine_csv_has_this_exact_shape() -> None:
    assert formats.csv_bytes(_figures()) == (
        b"indicator_code,year,value,share,recorded_at,published_on,note\n"
        b"victims_assessed,2022,73,0.25,2026-11-29T07:00:00,2023-03-01,Forel\xc3\xb8bigt tal\n"
        b"victims_assessed,2023,112.5,-1.5,2026-11-29T08:30:05,,\n"
    )


def test_danish_csv_has_this_exact_shape() -> None:
    data = formats.csv_da_bytes(_figures())
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    assert data.decode("utf-8-sig") == (
        "indicator_code;year;value;share;recorded_at;published_on;note\r\n"
        "victims_assessed;2022;73;0,25;2026-11-29T07:00:00;2023-03-01;Foreløbigt tal\r\n"
        "victims_assessed;2023;112,5;-1,5;2026-11-29T08:30:05;;\r\n"
    )


def test_pandas_reads_the_danish_csv_back_to_the_same_values() -> None:
    back = pd.read_csv(
        io.BytesIO(formats.csv_da_bytes(_figures())), sep=";", decimal=",", encoding="utf-8-sig"
    )
    assert list(back["value"]) == [73.0, 112.5]
    assert list(back["share"]) == [0.25, -1.5]
    assert list(back["year"]) == [2022, 2023]


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(
        st.decimals(min_value=-(10**12), max_value=10**12, places=3, allow_nan=False),
        min_size=1,
        max_size=20,
    ),
    texts=st.lists(st.text(max_size=12), min_size=1, max_size=20),
)
def test_both_csvs_round_trip_every_number_exactly(values: list[Decimal], texts: list[str]) -> None:
    size = min(len(values), len(texts))
    frame = pd.DataFrame({"value": values[:size], "text": texts[:size]})
    for data, options in (
        (formats.csv_bytes(frame), {"sep": ",", "decimal": ".", "encoding": "utf-8"}),
        (formats.csv_da_bytes(frame), {"sep": ";", "decimal": ",", "encoding": "utf-8-sig"}),
    ):
        back = pd.read_csv(
            io.BytesIO(data), dtype={"value": str, "text": str}, keep_default_na=False, **options
        )
        read = [Decimal(v.replace(",", ".")) for v in back["value"]]
        assert read == values[:size]


@pytest.mark.parametrize("text", INJECTIONS)
def test_text_a_spreadsheet_would_run_is_neutralised_and_numbers_stay_numbers(text: str) -> None:
    import csv

    frame = pd.DataFrame({"note": [text], "uploaded_by": [text], "value": [-5]})
    for data, delimiter in ((formats.csv_bytes(frame), ","), (formats.csv_da_bytes(frame), ";")):
        rows = list(
            csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter)
        )
        assert rows[1] == ["'" + text, "'" + text, "-5"]
    sheet = load_workbook(io.BytesIO(formats.xlsx_bytes({"t": frame}, []))).worksheets[1]
    # The text is kept exactly (a carriage return too: openpyxl writes it through lxml, which
    # python-docx brings); what matters is the leading quote.
    assert sheet["A2"].value == "'" + text
    assert sheet["C2"].value == -5 and sheet["C2"].data_type == "n"


def test_a_dangerous_column_name_is_neutralised_too() -> None:
    frame = pd.DataFrame({"=cmd": [1]})
    assert formats.csv_bytes(frame).startswith(b"'=cmd\n")


def test_the_workbook_has_an_about_sheet_real_numbers_and_dates_and_a_frozen_header() -> None:
    about = [("Indhold", "Tal"), ("Plan", "2022-2025"), ("Pr.", dt.datetime(2025, 3, 31, 12))]
    data = formats.xlsx_bytes({"figures": _figures(), "figures ": _figures()}, about)
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Om filen", "figures", "figures "]
    first = workbook.worksheets[0]
    assert [c.value for c in first["A"]] == ["Indhold", "Plan", "Pr."]
    assert first["B3"].value == dt.datetime(2025, 3, 31, 12)
    sheet = workbook.worksheets[1]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == list(_figures().columns)
    assert sheet["C3"].value == 112.5 and sheet["C3"].data_type == "n"
    assert sheet["B2"].value == 2022 and sheet["B2"].data_type == "n"
    assert sheet["E3"].value == dt.datetime(2026, 11, 29, 8, 30, 5)
    assert sheet["E3"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert sheet["F2"].is_date and sheet["F3"].value is None
    assert sheet.column_dimensions["A"].width >= len("victims_assessed")


def test_parquet_keeps_the_types() -> None:
    table = pq.read_table(io.BytesIO(formats.parquet_bytes(_figures())))
    types = {field.name: str(field.type) for field in table.schema}
    assert types["year"] == "int64"
    assert types["value"].startswith("decimal128")
    assert types["recorded_at"].startswith("timestamp")
    assert table.column("value").to_pylist() == [Decimal("73.0"), Decimal("112.5")]


def test_a_table_longer_than_a_worksheet_continues_on_more_sheets() -> None:
    """Excel holds 1,048,576 rows a sheet; a longer table goes on, header repeated, on
    "<table> (2)"... and the first sheet says so. (Pinned with a small max_rows.)"""
    frame = pd.DataFrame({"n": range(5), "text": ["=1+1", "a", "b", "c", "d"]})
    data = formats.xlsx_bytes({"history": frame}, [("Plan", "2022-2025")], max_rows=3)
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Om filen", "history", "history (2)", "history (3)"]
    sheets = {
        name: [[c.value for c in row] for row in book[name].iter_rows()]
        for name in book.sheetnames[1:]
    }
    assert sheets == {
        "history": [["n", "text"], [0, "'=1+1"], [1, "a"]],
        "history (2)": [["n", "text"], [2, "b"], [3, "c"]],
        "history (3)": [["n", "text"], [4, "d"]],
    }
    assert all(book[name].freeze_panes == "A2" for name in book.sheetnames[1:])
    about = {row[0].value: row[1].value for row in book["Om filen"].iter_rows()}
    assert about["history"] == "5 rækker / rows on 3 sheets"


def test_equal_values_written_differently_keep_their_own_text() -> None:
    """The CSV builder writes each distinct value once; values equal in Python but written
    differently must not share a text: -0.0 and 0.0, Decimal 0 / -0 / 0.00, True and 1, and one
    moment in two time zones."""
    from zoneinfo import ZoneInfo

    moment = dt.datetime(2025, 1, 1, 12, tzinfo=dt.UTC)
    frame = pd.DataFrame(
        {
            "f": [0.0, -0.0, 0.0, 1.0],
            "d": [Decimal("0"), Decimal("-0"), Decimal("0.00"), Decimal("0.0")],
            "b": [True, 1, 1.0, False],
            "t": [moment, moment.astimezone(ZoneInfo("Europe/Copenhagen")), None, moment],
        },
        dtype=object,
    )
    assert formats.csv_bytes(frame).decode().splitlines() == [
        "f,d,b,t",
        "0,0,true,2025-01-01T12:00:00+00:00",
        "-0,-0,1,2025-01-01T13:00:00+01:00",
        "0,0.00,1,",
        "1,0,false,2025-01-01T12:00:00+00:00",
    ]

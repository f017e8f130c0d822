"""Golden files pin each export format's exact shape (issue 6).

A fixed frame holding every kind of column the exports carry is written by each builder and
compared with a file under ``tests/data/golden/``: the two CSVs byte for byte; the workbook and
the Parquet file as JSON dumps of what a reader sees (their bytes carry timestamps and library
versions). Two more pairs pin the real pipeline: the ``figures`` and ``year_values`` tables of a
small database (a published year, a year known by one quarter, one by two quarters with a third
awaiting approval).

When a file differs on purpose, regenerate the golden files, review the diff and commit them:

    PLANWATCH_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_export_golden.py

The run that rewrites them fails ("golden files rewritten; review and commit them"), so a CI
job that sets the variable by mistake cannot pass silently; the next run passes.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import pandas as pd
import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

from planwatch.domain.periods import Period
from planwatch.domain.permissions import Role
from planwatch.domain.vocab import Breakdown
from planwatch.exports import auditors, formats
from planwatch.figures import corrections
from planwatch.storage import Store
from planwatch.uploads import ingest, reference
from tests.actors import acting, approve
from tests.paths import REPO, TEST_DATA

GOLDEN: Final = TEST_DATA / "golden"
UPDATE: Final = "PLANWATCH_UPDATE_GOLDEN"
DIFF_LINES: Final = 120


# -- comparing with a golden file ---------------------------------------------------------------


def _visible(data: bytes) -> list[str]:
    """The file's lines with line ends, BOM, tabs and carriage returns written out, so that a
    change in any of them shows in the diff."""
    text = data.decode("utf-8", errors="backslashreplace")
    return [
        "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in line) + "\n"
        for line in text.splitlines(keepends=True)
    ]


def assert_golden(name: str, actual: bytes) -> None:
    path = GOLDEN / name
    shown = path.relative_to(REPO)
    expected = path.read_bytes() if path.exists() else None
    if actual == expected:
        return
    if os.environ.get(UPDATE) == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual)
        pytest.fail(f"golden files rewritten ({shown}); review and commit them", pytrace=False)
    if expected is None:
        problem = f"the golden file {shown} is missing"
    else:
        diff = list(
            difflib.unified_diff(
                _visible(expected), _visible(actual), f"{shown} (golden)", f"{name} (built now)"
            )
        )
        cut = len(diff) > DIFF_LINES
        problem = f"{name} differs from its golden file {shown}:\n" + "".join(diff[:DIFF_LINES])
        problem += f"... ({len(diff) - DIFF_LINES} more diff lines)\n" if cut else ""
    pytest.fail(
        f"{problem}\nIf the change is intended, regenerate the golden files with\n"
        f"    {UPDATE}=1 .venv/bin/pytest tests/test_export_golden.py\n"
        "then review the diff and commit them.",
        pytrace=False,
    )


def _json(value: Any, depth: int = 0) -> str:
    """JSON with one line per cell, row or field: lists of scalars stay on one line."""
    pad, inner = "  " * depth, "  " * (depth + 1)
    if isinstance(value, dict) and value:
        items = [f"{inner}{json.dumps(k)}: {_json(v, depth + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    if isinstance(value, list) and value and any(isinstance(v, list | dict) for v in value):
        return "[\n" + ",\n".join(inner + _json(v, depth + 1) for v in value) + f"\n{pad}]"
    return json.dumps(value, ensure_ascii=False)


def _dump(value: Any) -> bytes:
    return (_json(value) + "\n").encode("utf-8")


def _scalar(value: object) -> object:
    """A cell or Parquet value as JSON: times in ISO 8601, decimals as text (their scale kept)."""
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def xlsx_dump(data: bytes) -> bytes:
    """What a reader of the workbook sees: sheets in order; per sheet the frozen panes, column
    widths and every cell (coordinate, value, openpyxl's data type, number format, bold)."""
    workbook = load_workbook(io.BytesIO(data))
    sheets = []
    for sheet in workbook.worksheets:
        widths = {
            letter: dimension.width for letter, dimension in sorted(sheet.column_dimensions.items())
        }
        cells = [
            [c.coordinate, _scalar(c.value), c.data_type, c.number_format, bool(c.font.b)]
            for row in sheet.iter_rows()
            for c in row
        ]
        sheets.append(
            {
                "title": sheet.title,
                "freeze_panes": sheet.freeze_panes,
                "column_widths": widths,
                "cells": cells,
            }
        )
    return _dump({"sheet_names": workbook.sheetnames, "sheets": sheets})


def parquet_dump(data: bytes) -> bytes:
    """The Arrow schema (name, type, nullable) and the rows in schema order."""
    table = pq.read_table(io.BytesIO(data))
    return _dump(
        {
            "schema": [[f.name, str(f.type), f.nullable] for f in table.schema],
            "rows": [[_scalar(v) for v in row.values()] for row in table.to_pylist()],
        }
    )


# -- the builders, on a frame of every column kind ----------------------------------------------


def _frame() -> pd.DataFrame:
    """Eight rows; every column kind an export holds, and every awkward value. The columns are
    Arrow-backed with the database's types, as :func:`planwatch.storage.export_tables.table`
    hands them to the builders."""
    import pyarrow as pa

    columns = {
        "indicator_code": (pa.string(), ["victims_assessed"] * 4 + ["hotline_calls"] * 4),
        "note": (
            pa.string(),
            [
                "Foreløbigt tal – Ærø, Østerbro og Åbenrå",
                "=1+1",
                "+45 12 34 56 78",
                "-2+3",
                "@SUM(A1)",
                "\t=cmd",
                "\r=cmd",
                None,
            ],
        ),
        "reason": (
            pa.string(),
            [
                "semi;colon",
                "comma, here",
                'say "hej"',
                "line\nbreak",
                "windows\r\nbreak",
                "carriage\rreturn",
                "",
                "plain",
            ],
        ),
        "value": (  # a figure: DECIMAL(18, 3)
            pa.decimal128(18, 3),
            [Decimal(v) if v else None for v in ("76", "1102", "112.5", "0", None, "3", "96", "7")],
        ),
        "amount_dkk": (  # money: DECIMAL(18, 2), kroner and øre
            pa.decimal128(18, 2),
            [
                Decimal("1234567.89"),
                Decimal("0.05"),
                Decimal("0.10"),
                Decimal("1000000.00"),
                Decimal("9999999999999.99"),
                Decimal("0.00"),
                None,
                Decimal("42.50"),
            ],
        ),
        "quarter": (pa.int16(), [1, None, 3, 4, None, 2, 1, 4]),
        "rows_total": (pa.int64(), [0, 1, -3, 2**53, 42, None, 7, 1_000_000]),
        "share": (pa.float64(), [0.25, -1.5, 1e-7, 1e16, None, 3.0, 0.1, 2 / 3]),
        "is_preferred": (pa.bool_(), [True, False, None, True, False, True, None, False]),
        "published_on": (
            pa.date32(),
            [
                dt.date(2025, 3, 31),
                None,
                dt.date(2000, 1, 1),
                dt.date(2025, 12, 31),
                None,
                dt.date(1999, 2, 28),
                dt.date(2024, 2, 29),
                dt.date(2026, 11, 29),
            ],
        ),
        "recorded_at": (  # naive UTC
            pa.timestamp("us"),
            [
                dt.datetime(2026, 11, 29, 7, 0),
                None,
                dt.datetime(2025, 3, 31, 12, 0, 0, 123456),
                dt.datetime(2025, 12, 31, 23, 59, 59),
                dt.datetime(2000, 1, 1),
                None,
                dt.datetime(2026, 1, 1, 0, 0, 1),
                dt.datetime(2026, 6, 15, 8, 30, 5),
            ],
        ),
        "reviewed_by": (pa.null(), [None] * 8),
    }
    table = pa.table({name: pa.array(values, kind) for name, (kind, values) in columns.items()})
    frame: pd.DataFrame = table.to_pandas(types_mapper=pd.ArrowDtype)
    return frame


ABOUT: Final = [
    ("Indhold / Contents", "figures"),
    ("Plan", "2022-2025"),
    ("Pr. / As of (UTC)", dt.datetime(2025, 3, 31, 12)),
    ("Eksporteret af / Exported by", "=auditor"),
]


def test_the_machine_csv_matches_its_golden_file() -> None:
    assert_golden("figures.csv", formats.csv_bytes(_frame()))


def test_the_danish_csv_matches_its_golden_file() -> None:
    assert_golden("figures.da.csv", formats.csv_da_bytes(_frame()))


def test_the_workbook_matches_its_golden_dump() -> None:
    data = formats.xlsx_bytes({"figures": _frame(), "figures:2025/Q1": _frame().head(2)}, ABOUT)
    assert_golden("figures.xlsx.json", xlsx_dump(data))


def test_the_parquet_file_matches_its_golden_dump() -> None:
    assert_golden("figures.parquet.json", parquet_dump(formats.parquet_bytes(_frame())))


# -- the real pipeline: the figures table of a small database -----------------------------------

# Every moment is given (the reference load, each upload, correction and approval take `now=`),
# so recorded_at is fixed; ids come from the sequences of a new database, so they are fixed too.
# Nothing in the export is normalised by this test.
LOADED = dt.datetime(2026, 1, 5, 9, 0)
SENT = dt.datetime(2026, 4, 7, 10, 15, 30)
CORRECTED = dt.datetime(2026, 5, 2, 14, 0, 0, 250000)
LATE = dt.datetime(2026, 6, 1, 8, 0)
TODAY = dt.date(2026, 6, 1)

SMALL_REFERENCE: Final = {
    "sources.csv": (
        "source_id,title,publisher,url,published_on,kind,note\n"
        "cmm-tal-2024,Menneskehandel i Danmark 2024: tal,Center mod Menneskehandel,"
        'https://example.org/cmm-2024,2025-03-01,official,"Tal for 2024; ""foreløbige"""\n'
    ),
    "indicators.csv": (
        "code,name_da,name_en,definition_da,definition_en,unit,aggregation,direction,is_core\n"
        "victims_assessed,Vurderede ofre for menneskehandel,Persons assessed as victims,"
        "Antal personer vurderet som ofre.,Persons assessed as victims.,persons,flow,neither,true\n"
        "hotline_calls,Opkald til hotline,Calls to the hotline,Antal opkald.,Number of calls.,"
        "calls,flow,neither,true\n"
    ),
    "plans.csv": (
        "plan_id,name_da,name_en,start_date,end_date,total_dkk,status,source_id,note\n"
        "2022-2025,Handlingsplan 2022–2025,Action plan 2022–2025,2022-01-01,2025-12-31,"
        "118200000,adopted,cmm-tal-2024,\n"
    ),
    "action_areas.csv": (
        "plan_id,code,name_da,name_en,source_id\n"
        "2022-2025,IO1,Forebyggelse,Prevention,cmm-tal-2024\n"
    ),
    "observations.csv": (
        "indicator,year,quarter,sex,age_group,exploitation,value,source_id,is_preferred,note\n"
        "victims_assessed,2024,,,,,96,cmm-tal-2024,true,Årstal\n"
        "victims_assessed,2024,,female,,,61,cmm-tal-2024,true,\n"
        "hotline_calls,2024,,,,,410,cmm-tal-2024,true,\n"
    ),
    "targets.csv": "indicator,plan_id,year,kind,value,source_id,note\n",
}

SMALL_KPI: Final = (
    "indikator;år;kvartal;værdi;køn;aldersgruppe;udnyttelsesform;bemærkning\r\n"
    'victims_assessed;2025;1;24;;;;"Foreløbigt; tal"\r\n'
    "victims_assessed;2025;1;15;Kvinder;;;\r\n"
    'hotline_calls;2025;1;102;;;;"=1+1 ""citat"""\r\n'
    'hotline_calls;2025;2;98;;;;"to\nlinjer"\r\n'
)


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("small")
    (folder / "data" / "reference").mkdir(parents=True)
    for name, text in SMALL_REFERENCE.items():
        (folder / "data" / "reference" / name).write_text(text, encoding="utf-8")
    store = Store(folder / "small.duckdb", lock_timeout=5.0)
    reference.load(store, data_dir=folder / "data", now=LOADED)
    uploader = acting("cmm-test", Role.UPLOADER)
    sent = ingest.import_file(
        store,
        SMALL_KPI.encode("utf-8-sig"),
        "kpi.csv",
        "kpi",
        actor=uploader,
        today=TODAY,
        now=SENT,
        accept_warnings=True,
    )
    assert sent.status == "stored", sent.problems
    approve(store, sent.change_set_id, now=SENT + dt.timedelta(hours=1))
    corrected = corrections.correct_observation(
        store,
        indicator="victims_assessed",
        period=Period(2025, 1),
        breakdown=Breakdown(sex="female"),
        source_id=ingest.KPI_SOURCE,
        new_value=Decimal(16),
        reason='@late assessment; "one more"',
        actor=uploader,
        now=CORRECTED,
    )
    approve(store, corrected.change_set_id, now=CORRECTED + dt.timedelta(hours=1))
    late = ingest.import_file(  # awaiting approval: not in the figures table
        store,
        b"indicator,year,quarter,value\nhotline_calls,2025,3,1\n",
        "late.csv",
        "kpi",
        actor=uploader,
        today=dt.date(2026, 12, 1),
        now=LATE,
        accept_warnings=True,
    )
    assert late.status == "stored", late.problems
    return store


@pytest.fixture(scope="module")
def small_exports(small_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("small-exports")
    auditor = acting("auditor-test", Role.AUDITOR)
    for file_format in ("csv", "parquet"):
        auditors.export(
            small_store, auditor, out, file_format=file_format, names=["figures", "year_values"]
        )
    for language in ("da", "en"):  # for Danish Excel: the header in the exporter's language
        auditors.export(
            small_store, auditor, out / language, file_format="csv-da", names=["figures"],
            language=language,
        )  # fmt: skip
    return out


def test_the_pipelines_figures_csv_matches_its_golden_file(small_exports: Path) -> None:
    assert_golden("pipeline-figures.csv", (small_exports / "figures.csv").read_bytes())


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_pipelines_danish_csv_names_its_columns_in_the_exporters_language(
    small_exports: Path, language: str
) -> None:
    """Issue 18: the CSV for Danish Excel has its header in Danish (or English) words; the
    rows are the same bytes whatever the language, and the guard against formulas still holds
    (the correction's reason begins with "@")."""
    data = (small_exports / language / "figures.da.csv").read_bytes()
    assert_golden(f"pipeline-figures.{language}.da.csv", data)
    other = (small_exports / ("en" if language == "da" else "da") / "figures.da.csv").read_bytes()
    assert data.split(b"\r\n", 1)[1] == other.split(b"\r\n", 1)[1]
    assert "'@late assessment" in data.decode("utf-8-sig")


def test_the_pipelines_figures_parquet_matches_its_golden_dump(small_exports: Path) -> None:
    data = (small_exports / "figures.parquet").read_bytes()
    assert_golden("pipeline-figures.parquet.json", parquet_dump(data))


def test_the_pipelines_year_values_csv_matches_its_golden_file(small_exports: Path) -> None:
    assert_golden("pipeline-year_values.csv", (small_exports / "year_values.csv").read_bytes())


def test_the_pipelines_year_values_parquet_matches_its_golden_dump(small_exports: Path) -> None:
    data = (small_exports / "year_values.parquet").read_bytes()
    assert_golden("pipeline-year_values.parquet.json", parquet_dump(data))


def test_history_and_figures_write_their_booleans_alike(demo_store: Store, tmp_path: Path) -> None:
    auditor = acting("auditor-test", Role.AUDITOR)
    receipt = auditors.export(demo_store, auditor, tmp_path, names=["history", "figures"])
    history, figures = (pd.read_csv(f.path, dtype=str) for f in receipt.files)
    assert set(figures["is_preferred"]) == {"true", "false"}
    # history's is_preferred has gaps (money rows have none) and is written the same way
    observations = history[history["figure_table"] == "observation"]
    assert set(observations["is_preferred"]) == {"true", "false"}


def test_a_nullable_boolean_is_written_like_a_plain_one() -> None:
    nullable = pd.DataFrame({"b": pd.array([True, False, None], dtype="boolean")})
    assert formats.csv_bytes(nullable) == b"b\ntrue\nfalse\n\n"
    sheet = load_workbook(io.BytesIO(formats.xlsx_bytes({"t": nullable}, []))).worksheets[1]
    assert sheet["A2"].value is True and sheet["A2"].data_type == "b"


def test_the_pipelines_parquet_keeps_figures_as_decimals(small_exports: Path) -> None:
    table = pq.read_table(small_exports / "figures.parquet")
    assert str(table.schema.field("value").type) == "decimal128(18, 3)"


def test_the_golden_check_fails_with_a_readable_diff_and_says_how_to_regenerate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    golden = tmp_path / "tests" / "data" / "golden"
    golden.mkdir(parents=True)
    (golden / "t.csv").write_bytes(b"\xef\xbb\xbfa;b\r\n1;2\r\n")
    monkeypatch.setattr(f"{__name__}.GOLDEN", golden)
    monkeypatch.setattr(f"{__name__}.REPO", tmp_path)
    monkeypatch.delenv(UPDATE, raising=False)
    with pytest.raises(pytest.fail.Exception) as failed:
        assert_golden("t.csv", b"\xef\xbb\xbfa;b\n1;2,5\n")
    message = str(failed.value)
    assert "-1;2\\r\\n" in message and "+1;2,5\\n" in message  # line ends are visible
    assert f"{UPDATE}=1 .venv/bin/pytest tests/test_export_golden.py" in message
    monkeypatch.setenv(UPDATE, "1")
    with pytest.raises(pytest.fail.Exception, match=r"golden files rewritten.*review and commit"):
        assert_golden("t.csv", b"new\n")
    assert (golden / "t.csv").read_bytes() == b"new\n"
    assert_golden("t.csv", b"new\n")  # once rewritten, it passes


def test_golden_files_keep_their_bytes_in_git() -> None:
    """CRLF line ends and a BOM are part of the shape; git must not convert them."""
    attributes = (GOLDEN / ".gitattributes").read_text(encoding="utf-8")
    assert "* -text" in attributes.splitlines()
    assert b"\r\n" in (GOLDEN / "figures.da.csv").read_bytes()

"""Exporting and re-importing gives the same figures (issue 6): quarterly figures and spending
are uploaded the normal way, exported for an auditor (CSV, Danish CSV, XLSX), cut down to the
upload's columns the way an auditor would in Excel, and sent through planwatch's own upload
path into a fresh database, where they read back exactly (kroner with øre, counts)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from planwatch.domain.permissions import Role
from planwatch.exports import auditors, formats
from planwatch.storage import Store
from planwatch.storage.rows import FAR_FUTURE
from planwatch.uploads import ingest, reference
from tests import clock
from tests.actors import acting, approve

TODAY = dt.date(2026, 11, 29)
UPLOADER = acting("cmm-test", Role.UPLOADER)
AUDITOR = acting("auditor-test", Role.AUDITOR)


def _sent() -> dt.datetime:
    """After the test databases were built, whenever the tests run."""
    return clock.later(days=1, at=dt.time(10, 0))


def _resent() -> dt.datetime:
    """A month after that: when the exported files are sent back."""
    return clock.later(days=32, at=dt.time(10, 0))


# What CMM and the ministry send, as Danish Excel writes it (semicolon, decimal comma, dots
# between thousands). Notes carry the characters CSV must quote: ; " and a line break.
KPI_FILE = (
    "indikator;år;kvartal;værdi;køn;aldersgruppe;udnyttelsesform;bemærkning\r\n"
    "victims_assessed;2025;1;24;;;;Foreløbigt tal\r\n"
    "victims_assessed;2025;1;15;Kvinder;;;\r\n"
    "victims_assessed;2025;1;9;male;;;\r\n"
    "victims_assessed;2025;2;27;;;;\r\n"
    'hotline_calls;2025;1;1.102;;;;"Opkald; sms og ""chat"""\r\n'
    'assessments;2025;2;76;;under_18;sexual;"Inkl. sager fra Århus\nog Ålborg"\r\n'
)
KPI_FIGURES = [  # (indicator, year, quarter, sex, age group, exploitation, value, note)
    (
        "assessments",
        2025,
        2,
        "all",
        "under_18",
        "sexual",
        Decimal(76),
        "Inkl. sager fra Århus\nog Ålborg",
    ),
    ("hotline_calls", 2025, 1, "all", "all", "all", Decimal(1102), 'Opkald; sms og "chat"'),
    ("victims_assessed", 2025, 1, "all", "all", "all", Decimal(24), "Foreløbigt tal"),
    ("victims_assessed", 2025, 1, "female", "all", "all", Decimal(15), None),
    ("victims_assessed", 2025, 1, "male", "all", "all", Decimal(9), None),
    ("victims_assessed", 2025, 2, "all", "all", "all", Decimal(27), None),
]
SPENDING_FILE = (
    "indsats;år;kvartal;beløb_kr;bemærkning\r\n"
    "cmm-styrket;2025;1;1.234.567,89;Revideret af økonomi\r\n"
    "cmm-styrket;2025;2;2.500.000,00;\r\n"
    "cmm-styrket;2025;3;0,05;Kun gebyr\r\n"
    "Flere indkvarteringstilbud;2025;1;1.800.000,10;\r\n"
)
SPENDING_FIGURES = [  # (initiative, year, quarter, amount, note)
    ("cmm-styrket", 2025, 1, Decimal("1234567.89"), "Revideret af økonomi"),
    ("cmm-styrket", 2025, 2, Decimal("2500000.00"), None),
    ("cmm-styrket", 2025, 3, Decimal("0.05"), "Kun gebyr"),
    ("indkvartering", 2025, 1, Decimal("1800000.10"), None),
]

# The export's columns an auditor keeps: exactly the upload's columns, under the export's names
# (indicator_code and initiative_code are accepted upload headers).
KEEP = {
    "figures": [
        "indicator_code",
        "year",
        "quarter",
        "value",
        "sex",
        "age_group",
        "exploitation",
        "note",
    ],
    "spending": ["initiative_code", "year", "quarter", "amount_dkk", "note"],
}
KIND = {"figures": "kpi", "spending": "spending"}
SOURCE = {"figures": ingest.KPI_SOURCE, "spending": ingest.BUDGET_SOURCE}


def _send(
    store: Store, data: bytes, name: str, kind: str, now: dt.datetime, **options: Any
) -> ingest.UploadReport:
    report = ingest.import_file(
        store,
        data,
        name,
        kind,
        actor=UPLOADER,
        today=TODAY,
        now=now,
        accept_warnings=True,
        **options,
    )
    assert report.status == "stored", [(p.code, p.row, p.column, p.value) for p in report.problems]
    approve(store, report.change_set_id, now=now)
    return report


def _kpi(store: Store) -> list[tuple[object, ...]]:
    with store.connect(read_only=True) as connection:
        return connection.execute(
            "SELECT indicator_code, year, quarter, sex, age_group, exploitation, value, note "
            "FROM observations_as_of(?) WHERE source_id = ? AND NOT withdrawn "
            "ORDER BY ALL",
            [FAR_FUTURE, ingest.KPI_SOURCE],
        ).fetchall()


def _spending(store: Store) -> list[tuple[object, ...]]:
    with store.connect(read_only=True) as connection:
        return connection.execute(
            "SELECT initiative_code, year, quarter, amount_dkk, note FROM spending_as_of(?) "
            "WHERE source_id = ? AND NOT withdrawn ORDER BY ALL",
            [FAR_FUTURE, ingest.BUDGET_SOURCE],
        ).fetchall()


@pytest.fixture(scope="module")
def fresh_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new database with the reference data and the initiatives, but no money at all (the
    demo's illustrative allocations and spending left out), built once per module."""
    data = tmp_path_factory.mktemp("no-demo-money")
    shutil.copytree(reference.DATA_DIR, data, dirs_exist_ok=True)
    for name in ("allocations.csv", "spending.csv"):
        path = data / "demo" / name
        path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    target = tmp_path_factory.mktemp("fresh") / "fresh.duckdb"
    reference.load(Store(target), demo=True, data_dir=data)
    clock.mark_built(target)
    return target


@pytest.fixture
def fresh_store(fresh_template: Path, empty_store: Store) -> Store:
    shutil.copy(fresh_template, empty_store.path)
    return empty_store


# -- reading an exported file back as an auditor's spreadsheet would show it -------------------


def _csv_cells(data: bytes, encoding: str, delimiter: str) -> pd.DataFrame:
    rows = list(csv.reader(io.StringIO(data.decode(encoding), newline=""), delimiter=delimiter))
    return pd.DataFrame(rows[1:], columns=rows[0], dtype=object)


def _sheet_cells(data: bytes, sheet: str) -> pd.DataFrame:
    rows = list(load_workbook(io.BytesIO(data))[sheet].iter_rows(values_only=True))
    return pd.DataFrame([list(r) for r in rows[1:]], columns=list(rows[0]), dtype=object)


def _kept(cells: pd.DataFrame, table: str) -> pd.DataFrame:
    """The upload's rows (its source) and columns; every cell as the export wrote it."""
    rows = cells[cells["source_id"] == SOURCE[table]]
    return rows[KEEP[table]].reset_index(drop=True)


def _rebuild(
    file_format: str, written: dict[str, bytes], tables: list[str]
) -> dict[str, tuple[bytes, str, str | None]]:
    """Each exported table cut down to the upload's columns and written again with the builder
    of its format: (file bytes, file name, sheet to read)."""
    if file_format == "xlsx":
        workbook = written["planwatch.xlsx"]
        about = load_workbook(io.BytesIO(workbook)).worksheets[0].iter_rows(values_only=True)
        kept = {table: _kept(_sheet_cells(workbook, table), table) for table in tables}
        rebuilt = formats.xlsx_bytes(kept, [(str(label), value) for label, value in about])
        return {table: (rebuilt, "planwatch.xlsx", table) for table in tables}
    suffix, encoding, delimiter, build = {
        "csv": (".csv", "utf-8", ",", formats.csv_bytes),
        "csv-da": (".da.csv", "utf-8-sig", ";", formats.csv_da_bytes),
    }[file_format]
    return {
        table: (
            build(_kept(_csv_cells(written[table + suffix], encoding, delimiter), table)),
            table + suffix,
            None,
        )
        for table in tables
    }


def _round_trip(
    source: Store, target: Store, file_format: str, out: Path, tables: list[str]
) -> None:
    """Export ``tables`` from ``source`` as an auditor, keep the upload's columns, and send
    each file to ``target`` as an uploader (approved)."""
    receipt = auditors.export(source, AUDITOR, out, file_format=file_format, names=tables)
    written = {f.path.name: f.path.read_bytes() for f in receipt.files}
    for table, (data, name, sheet) in _rebuild(file_format, written, tables).items():
        _send(target, data, name, KIND[table], _resent(), sheet=sheet)


# Found by this test: a DECIMAL(18, 3) figure of 76 was written "76.000" in the machine CSV,
# which planwatch's upload reads as 76 000 (a dot followed by three digits is a thousands
# separator there, as in "1.234"). Decimals other than øre are now written with the decimals
# they need.
def test_both_csvs_write_figures_the_upload_reads_back() -> None:
    import pyarrow as pa

    from planwatch.uploads.parsing import parse_numbers

    values = [Decimal("1102.000"), Decimal("112.500"), Decimal("76.000")]
    frame = pd.DataFrame({"value": pd.array(values, dtype=pd.ArrowDtype(pa.decimal128(18, 3)))})
    for data in (formats.csv_da_bytes(frame), formats.csv_bytes(frame)):
        cells = data.decode("utf-8-sig").splitlines()[1:]
        read, bad = parse_numbers(pd.Series(cells, dtype=object))
        assert not bad.any()
        assert read.tolist() == [1102, 112.5, 76], f"{cells} read as {read.tolist()}"


@pytest.mark.parametrize(
    "file_format",
    [
        "csv",
        "csv-da",
        "xlsx",
    ],
)
def test_exported_figures_and_spending_re_import_to_the_same_figures(
    demo_store: Store, fresh_store: Store, tmp_path: Path, file_format: str
) -> None:
    kpi = _send(demo_store, KPI_FILE.encode("cp1252"), "kpi.csv", "kpi", _sent())
    spent = _send(demo_store, SPENDING_FILE.encode("cp1252"), "forbrug.csv", "spending", _sent())
    assert (kpi.rows_new, spent.rows_new) == (len(KPI_FIGURES), len(SPENDING_FIGURES))
    assert _kpi(demo_store) == KPI_FIGURES
    assert _spending(demo_store) == SPENDING_FIGURES

    _round_trip(demo_store, fresh_store, file_format, tmp_path / "out", ["figures", "spending"])

    assert _kpi(fresh_store) == KPI_FIGURES
    assert _spending(fresh_store) == SPENDING_FIGURES


# Amounts in kroner and øre, up to just below the upload's limit of ten trillion kroner.
_ORE = st.integers(min_value=0, max_value=10**15 - 1).map(lambda ore: Decimal(ore).scaleb(-2))
_QUARTERS = [(year, quarter) for year in range(2022, 2026) for quarter in range(1, 5)]


@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    amounts=st.lists(_ORE, min_size=len(_QUARTERS), max_size=len(_QUARTERS)),
    file_format=st.sampled_from(["csv", "csv-da", "xlsx"]),
)
@example(
    amounts=[Decimal(s) for s in ("9999999999999.99", "0.01", "0.10", "1000000.00")] * 4,
    file_format="csv",
)
def test_any_amount_in_ore_survives_export_and_re_import(
    fresh_template: Path,
    tmp_path_factory: pytest.TempPathFactory,
    amounts: list[Decimal],
    file_format: str,
) -> None:
    folder = tmp_path_factory.mktemp("ore")
    source, target = Store(folder / "source.duckdb"), Store(folder / "target.duckdb")
    shutil.copy(fresh_template, source.path)
    shutil.copy(fresh_template, target.path)
    lines = ["indsats;år;kvartal;beløb_kr"]
    lines += [
        f"cmm-styrket;{year};{quarter};{format(amount, 'f').replace('.', ',')}"
        for (year, quarter), amount in zip(_QUARTERS, amounts, strict=True)
    ]
    _send(source, "\r\n".join(lines).encode("utf-8-sig"), "forbrug.csv", "spending", _sent())
    expected = [
        ("cmm-styrket", year, quarter, amount, None)
        for (year, quarter), amount in zip(_QUARTERS, amounts, strict=True)
    ]
    assert _spending(source) == expected
    _round_trip(source, target, file_format, folder / "out", ["spending"])
    assert _spending(target) == expected

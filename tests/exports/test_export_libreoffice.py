"""The auditors' workbook opens in LibreOffice and LibreOffice reads its numbers as numbers
(issue 6): the demo database's tables, exported as XLSX, are converted by Debian's LibreOffice
(``libreoffice-calc-nogui``; ``make libreoffice`` installs it) once to PDF and once to flat ODF
XML, whose cells say how LibreOffice itself typed each value.

Select these tests with ``pytest -m libreoffice``. Without LibreOffice they fail (they never
skip): the CI runs ``make test``, which installs it.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import pytest
from defusedxml import ElementTree

from planwatch.domain.periods import Period
from planwatch.domain.permissions import Role
from planwatch.exports import auditors
from planwatch.figures import corrections
from planwatch.storage import Store
from planwatch.uploads import ingest
from tests import clock
from tests.actors import acting, approve

pytestmark = pytest.mark.libreoffice

TIMEOUT: Final = 180  # seconds for one conversion; it takes a few
INJECTION: Final = "=1+1"
SPENDING: Final = (
    "indsats;år;kvartal;beløb_kr;bemærkning\r\n"
    "cmm-styrket;2025;1;1.234.567,89;Revideret\r\n"
    "indkvartering;2025;1;0,05;\r\n"
)

_NS: Final = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


def _name(prefix: str, local: str) -> str:
    return f"{{{_NS[prefix]}}}{local}"


def _libreoffice() -> str:
    found = shutil.which("libreoffice") or shutil.which("soffice")
    if found is None:
        pytest.fail(
            "LibreOffice is not installed: run `make libreoffice` (Debian's "
            "libreoffice-calc-nogui; `make test` installs it too).",
            pytrace=False,
        )
    return found


def _start(program: str, workbook: Path, target: str, folder: Path) -> subprocess.Popen[bytes]:
    """One headless conversion with its own profile, so that conversions run side by side and
    never touch the user's LibreOffice settings."""
    profile = folder / f"profile-{target}"
    return subprocess.Popen(
        [
            program,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(folder / target),
            str(workbook),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "HOME": str(folder)},
        start_new_session=True,  # its own process group, so that a hung conversion is ended whole
    )


def _finish(process: subprocess.Popen[bytes], target: str) -> None:
    try:
        output, _ = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"LibreOffice took more than {TIMEOUT} s to convert to {target}")
    assert process.returncode == 0, f"conversion to {target} failed:\n{output.decode()}"


@dataclass(frozen=True, slots=True)
class Converted:
    workbook: Path
    pdf: Path
    fods: Path


@pytest.fixture(scope="module")
def converted(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Converted:
    """The demo database with spending in øre and a reason a spreadsheet would run, exported as
    XLSX and converted once to PDF and once to flat ODF (both at the same time)."""
    program = _libreoffice()
    folder = tmp_path_factory.mktemp("libreoffice")
    store = Store(folder / "planwatch.duckdb", lock_timeout=5.0)
    shutil.copy(demo_db_template, store.path)
    uploader = acting("cmm-test", Role.UPLOADER)
    now = clock.later(days=1)  # after the demo database was built, whenever the tests run
    sent = ingest.import_file(
        store,
        SPENDING.encode("cp1252"),
        "forbrug.csv",
        "spending",
        actor=uploader,
        today=dt.date(2026, 11, 29),
        now=now,
        accept_warnings=True,
    )
    assert sent.status == "stored", sent.problems
    approve(store, sent.change_set_id, now=now)
    correction = corrections.correct_observation(
        store,
        indicator="victims_assessed",
        period=Period(2023),
        source_id="cmm-tal-2023",
        new_value=Decimal(113),
        reason=INJECTION,
        actor=uploader,
        now=now,
    )
    approve(store, correction.change_set_id, now=now)
    receipt = auditors.export(
        store, acting("auditor-test", Role.AUDITOR), folder / "out", file_format="xlsx"
    )
    workbook = receipt.files[0].path
    running = [(target, _start(program, workbook, target, folder)) for target in ("pdf", "fods")]
    for target, process in running:
        _finish(process, target)
    return Converted(
        workbook, folder / "pdf" / f"{workbook.stem}.pdf", folder / "fods" / f"{workbook.stem}.fods"
    )


# -- reading the flat ODF ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cell:
    value_type: str | None  # office:value-type: float, currency, percentage, date, string, ...
    value: str | None  # office:value, office:date-value or the text
    formula: str | None


def _cell(element: Any) -> Cell:
    text = "\n".join("".join(p.itertext()) for p in element.iter(_name("text", "p")))
    value_type = element.get(_name("office", "value-type"))
    value = element.get(_name("office", "value")) or element.get(_name("office", "date-value"))
    return Cell(
        value_type, text if value is None else value, element.get(_name("table", "formula"))
    )


def _sheets(fods: Path) -> dict[str, list[list[Cell]]]:
    """Every sheet as rows of cells (repeated cells and rows expanded, trailing blanks cut)."""
    root = ElementTree.parse(fods).getroot()
    sheets: dict[str, list[list[Cell]]] = {}
    for table in root.iter(_name("table", "table")):
        rows: list[list[Cell]] = []
        for row in table.iter(_name("table", "table-row")):
            cells: list[Cell] = []
            for element in row:
                if element.tag not in (
                    _name("table", "table-cell"),
                    _name("table", "covered-table-cell"),
                ):
                    continue
                repeat = int(element.get(_name("table", "number-columns-repeated"), "1"))
                cells += [_cell(element)] * min(repeat, 1000)
            while cells and cells[-1] == Cell(None, "", None):
                cells.pop()
            repeat = int(row.get(_name("table", "number-rows-repeated"), "1"))
            rows += [cells] * (min(repeat, 10) if cells else 0)
        sheets[table.get(_name("table", "name"))] = rows
    return sheets


@pytest.fixture(scope="module")
def sheets(converted: Converted) -> dict[str, list[list[Cell]]]:
    return _sheets(converted.fods)


def _column(rows: list[list[Cell]], name: str) -> list[Cell]:
    header = [c.value for c in rows[0]]
    index = header.index(name)
    return [row[index] if index < len(row) else Cell(None, "", None) for row in rows[1:]]


NUMERIC: Final = {"float", "currency", "percentage"}


# -- the tests -----------------------------------------------------------------------------------


def test_libreoffice_converts_the_workbook_to_pdf(converted: Converted) -> None:
    data = converted.pdf.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 1000


def test_libreoffice_sees_every_sheet_in_order(
    converted: Converted, sheets: dict[str, list[list[Cell]]]
) -> None:
    assert list(sheets) == ["Om filen", *auditors.TABLES]
    assert [c.value for c in sheets["Om filen"][4][:2]] == [
        "Eksporteret af / Exported by",
        "auditor-test",
    ]


@pytest.mark.parametrize(
    ("sheet", "column"),
    [
        ("figures", "value"),
        ("figures", "year"),
        ("figures", "version_id"),
        ("spending", "amount_dkk"),
        ("allocations", "amount_dkk"),
        ("plans", "total_dkk"),
        ("uploads", "size_bytes"),
    ],
)
def test_libreoffice_reads_the_numbers_as_numbers(
    sheets: dict[str, list[list[Cell]]], sheet: str, column: str
) -> None:
    cells = _column(sheets[sheet], column)
    assert cells, f"{sheet} has no rows"
    assert {c.value_type for c in cells} <= NUMERIC, {c.value_type for c in cells}
    assert all(c.formula is None for c in cells)


def test_kroner_and_ore_arrive_exactly(sheets: dict[str, list[list[Cell]]]) -> None:
    rows = sheets["spending"]
    sources = [c.value for c in _column(rows, "source_id")]
    amounts = [
        Decimal(c.value or "nan")
        for c, source in zip(_column(rows, "amount_dkk"), sources, strict=True)
        if source == ingest.BUDGET_SOURCE
    ]
    assert amounts == [Decimal("1234567.89"), Decimal("0.05")]


@pytest.mark.parametrize(
    ("sheet", "column"), [("figures", "recorded_at"), ("audit_log", "recorded_at")]
)
def test_libreoffice_reads_the_times_as_dates(
    sheets: dict[str, list[list[Cell]]], sheet: str, column: str
) -> None:
    cells = _column(sheets[sheet], column)
    assert cells and {c.value_type for c in cells} == {"date"}
    assert all(dt.datetime.fromisoformat(c.value or "") for c in cells)


def test_a_formula_in_the_data_stays_text(sheets: dict[str, list[list[Cell]]]) -> None:
    reasons = _column(sheets["corrections"], "reason")
    assert Cell("string", "'" + INJECTION, None) in reasons
    everywhere = [cell for rows in sheets.values() for row in rows for cell in row]
    # LibreOffice writes its booleans as TRUE()/FALSE(); no other cell may hold a formula
    assert {c.formula for c in everywhere} <= {None, "of:=TRUE()", "of:=FALSE()"}

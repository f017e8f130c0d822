"""Fuzzing the upload readers (issue 8): CSV and xlsx bytes, and the whole upload path.

Whatever the bytes, :func:`planwatch.uploads.readers.read_table` answers with a well-formed RawTable
or refuses the file with FileRefused (one Problem with a code), within the time and memory bounds of
:func:`tests.fuzz_strategies.bounded`; ``import_file`` answers with an UploadReport or a
PlanwatchError. The targets, their weights and the bounds are in docs/fuzzing.md; the crashers
the dedicated run found are fixtures under tests/data/fuzz/ with regression tests at the end.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError

from planwatch.storage import Store
from planwatch.uploads import ingest
from planwatch.uploads.raw_tables import FileRefused, RawTable
from planwatch.uploads.readers import read_table
from tests.actors import acting
from tests.fuzz_strategies import (
    CELL_WORDS,
    DANISH_HEADERS,
    bounded,
    build_zip,
    csv_bytes,
    fuzz_settings,
    mutated,
    zip_members,
    zip_with_bomb,
)
from tests.paths import TEST_DATA
from tests.uploads.reading import assert_well_formed

FUZZ_DATA = TEST_DATA / "fuzz"
VALID = TEST_DATA / "valid"
NAMES = ("upload.csv", "upload.xlsx", "upload.xlsm", "upload", "tal.CSV", "kvartal 2025.xlsx")


def read(data: bytes, file_name: str, sheet: str | None = None) -> RawTable | FileRefused:
    """read_table within the bounds; a refusal must carry exactly one Problem with a code, and a
    table must keep the invariants every RawTable keeps."""
    outcome = bounded(f"read_table {_kind(data)}", lambda: read_table(data, file_name, sheet=sheet))
    if isinstance(outcome, BaseException):
        assert isinstance(outcome, FileRefused), f"read_table raised {outcome!r}"
        (problem,) = outcome.problems
        assert problem.code and problem.message_da and problem.message_en
        return outcome
    assert_well_formed(outcome)
    return outcome


def _kind(data: bytes) -> str:
    return "xlsx" if data.startswith(b"PK") else "csv"


# --------------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------------


@fuzz_settings(weight=1.0)
@given(
    data=st.one_of(
        st.binary(max_size=8192),
        st.binary(max_size=4096).map(lambda tail: b"\xef\xbb\xbf" + tail),
        st.text(max_size=2048).map(lambda text: text.encode("utf-8", "surrogatepass")),
    ),
    name=st.sampled_from(NAMES),
)
def test_fuzz_csv_any_bytes(data: bytes, name: str) -> None:
    read(data, name)


@fuzz_settings(weight=1.0)
@given(data=csv_bytes(), name=st.sampled_from(NAMES))
def test_fuzz_csv_structured(data: bytes, name: str) -> None:
    outcome = read(data, name)
    if isinstance(outcome, RawTable):
        assert outcome.file_format == "csv"
        assert outcome.encoding in ("utf-8-sig", "utf-8", "cp1252")
        assert outcome.delimiter in (";", ",", "\t")


# --------------------------------------------------------------------------------------------
# xlsx: workbooks written by openpyxl with anything in their cells
# --------------------------------------------------------------------------------------------

SHEET_NAME = st.text(
    st.characters(blacklist_characters="[]:*?/\\'", blacklist_categories=("Cs", "Cc")),
    min_size=1,
    max_size=31,
).filter(lambda name: name.strip() and name.lower() != "history")

cell_value = st.one_of(
    st.none(),
    st.sampled_from(CELL_WORDS + DANISH_HEADERS),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False, places=4),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 12, 31)),
    st.dates(min_value=dt.date(1900, 3, 1)),
    st.times(),
    st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=9000)),
    st.sampled_from(["=SUM(A1:A3)", "=1/0", '=HYPERLINK("http://x","y")', "=A1", "=NA()"]),
    st.text(max_size=40),
    st.integers(1, 32767).map(lambda n: "Æ" * n),  # up to Excel's longest cell text
)


@st.composite
def openpyxl_workbook(draw: st.DrawFn) -> bytes:
    """A valid workbook: 1-4 sheets (some hidden), cells of every type anywhere in a 60 x 20
    range, merged ranges, error cells, and a few far-away cells."""
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    sheets = [first]
    names = draw(st.lists(SHEET_NAME, min_size=1, max_size=4, unique_by=str.casefold))
    first.title = names[0]
    for name in names[1:]:
        sheets.append(workbook.create_sheet(name))
    for sheet in sheets:
        for _ in range(draw(st.integers(0, 25))):
            row, column = draw(st.integers(1, 60)), draw(st.integers(1, 20))
            value = draw(cell_value)
            try:
                sheet.cell(row, column).value = value
            except (ValueError, TypeError, IllegalCharacterError):  # openpyxl's own refusals
                continue
        if draw(st.integers(0, 3)) == 0:
            sheet.cell(draw(st.integers(1, 60)), draw(st.integers(1, 20))).value = draw(
                st.sampled_from(sorted(ERROR_CODES))
            )
            sheet.cell(1, 1).data_type = "e"
        if draw(st.integers(0, 3)) == 0:
            top, left = draw(st.integers(1, 40)), draw(st.integers(1, 15))
            bottom, right = top + draw(st.integers(0, 5)), left + draw(st.integers(0, 5))
            sheet.merge_cells(f"{get_column_letter(left)}{top}:{get_column_letter(right)}{bottom}")
        if draw(st.integers(0, 9)) == 0:
            far = draw(
                st.sampled_from([(1_048_576, 1), (1, 16_384), (5_000, 3_000), (200_000, 60)])
            )
            sheet.cell(*far).value = "far away"
    for sheet in sheets[1:]:
        sheet.sheet_state = draw(st.sampled_from(["visible", "hidden", "veryHidden"]))
    if draw(st.booleans()):
        first.sheet_state = "hidden"
        sheets[-1].sheet_state = "visible"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@fuzz_settings(weight=0.4)
@given(
    data=openpyxl_workbook(),
    sheet=st.one_of(st.none(), SHEET_NAME, st.just(" sheet ")),
    name=st.sampled_from(NAMES),
)
def test_fuzz_xlsx_generated_workbooks(data: bytes, sheet: str | None, name: str) -> None:
    outcome = read(data, name, sheet)
    if name.endswith(".xlsm"):  # never read; the size checks come before the macro check
        assert isinstance(outcome, FileRefused)
        assert outcome.problems[0].code in ("macro-workbook", "archive-too-large", "too-many-cells")
    if isinstance(outcome, RawTable):
        assert outcome.file_format == "xlsx"


# --------------------------------------------------------------------------------------------
# xlsx: damaged workbooks, byte by byte and part by part
# --------------------------------------------------------------------------------------------

BASE_XLSX = (VALID / "kpi-excel-sheet-named-kpi.xlsx").read_bytes()
BASE_MEMBERS = zip_members(BASE_XLSX)


@fuzz_settings(weight=1.0)
@given(data=mutated(BASE_XLSX, max_edits=8), name=st.sampled_from(NAMES))
def test_fuzz_xlsx_byte_mutations(data: bytes, name: str) -> None:
    read(data, name)


XML_INSERTS = (
    b'<c r="XFD1048576"><v>1</v></c>',
    b'<c r="A99999999999999"><v>1</v></c>',
    b"<c><v>1</v></c>" * 50,
    b'<row r="0">',
    b'<row r="-1"><c r="A0"/></row>',
    b'uniqueCount="4294967295"',
    b'<dimension ref="A1:XFD1048576"/>',
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    b"&b;",
    b"<![CDATA[",
    b"\x00",
    b"\xff\xfe",
    b'<?xml version="1.0" encoding="utf-16"?>',
    b'<sheet name="x" sheetId="99" r:id="rId99"/>',
    b'<si><t xml:space="preserve">   </t></si>',
    b'<c r="A1" t="s"><v>999999</v></c>',
    b'<c r="A1" t="e"><v>#REF!</v></c>',
    b'<c r="A1" t="d"><v>not a date</v></c>',
    b'<c r="A1" s="9999"><v>45000</v></c>',
    b'<c r="A1" t="n"><v>1e400</v></c>',
)


@st.composite
def damaged_parts(draw: st.DrawFn) -> bytes:
    """A real workbook rebuilt with its parts damaged: dropped, renamed, emptied, replaced,
    edited as XML, duplicated, stored instead of deflated, or joined by a bomb."""
    members = dict(BASE_MEMBERS)
    names = sorted(members)
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(names))
        action = draw(
            st.sampled_from(["drop", "rename", "empty", "random", "insert", "mutate", "add"])
        )
        if name not in members:
            continue
        if action == "drop":
            del members[name]
        elif action == "rename":
            members[draw(st.sampled_from([name.upper(), name + "x", "/" + name, "../" + name]))] = (
                members.pop(name)
            )
        elif action == "empty":
            members[name] = b""
        elif action == "random":
            members[name] = draw(st.binary(max_size=512))
        elif action == "insert":
            content = members[name]
            at = draw(st.integers(0, len(content)))
            members[name] = content[:at] + draw(st.sampled_from(XML_INSERTS)) + content[at:]
        elif action == "mutate":
            members[name] = draw(mutated(members[name], max_edits=4))
        else:
            members[f"xl/worksheets/sheet{draw(st.integers(2, 9))}.xml"] = members.get(
                "xl/worksheets/sheet1.xml", b""
            )
    method = draw(st.sampled_from([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED, zipfile.ZIP_BZIP2]))
    if draw(st.integers(0, 3)) == 0:
        return zip_with_bomb(
            members,
            draw(st.sampled_from(sorted(members) or ["xl/worksheets/sheet1.xml"])),
            draw(st.sampled_from([b"\x00", b"<c/>", b"<row/>", b" ", b"<si><t>a</t></si>"])),
            draw(st.sampled_from([70_000, 1_000_000, 30_000_000, 300_000_000])),
            lie=draw(st.booleans()),
        )
    return build_zip(members, method)


@fuzz_settings(weight=0.6)
@given(data=damaged_parts(), name=st.sampled_from(NAMES))
def test_fuzz_xlsx_damaged_parts(data: bytes, name: str) -> None:
    read(data, name)


@pytest.mark.parametrize("lie", [False, True], ids=["honest", "lying-size"])
@pytest.mark.parametrize("unit", [b"\x00", b"<row/>", b'<c r="A1"/>'], ids=["nul", "rows", "cells"])
def test_zip_bombs_are_refused_within_the_bounds(unit: bytes, lie: bool) -> None:
    # 300 MB of repetition in a sheet part: refused from the central directory when it tells
    # the truth, and when it lies, by the streaming check that stops at the claimed size.
    data = zip_with_bomb(BASE_MEMBERS, "xl/worksheets/sheet1.xml", unit, 300_000_000, lie=lie)
    assert len(data) < 1_000_000

    outcome = read(data, "bombe.xlsx")

    assert isinstance(outcome, FileRefused)
    expected = "unreadable-file" if lie else "archive-too-large"
    assert outcome.problems[0].code == expected


# --------------------------------------------------------------------------------------------
# The whole upload path
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def upload_store(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    """One copy of the demo database for the module: a dry run stores nothing."""
    path = tmp_path_factory.mktemp("fuzz-upload") / "planwatch.duckdb"
    shutil.copy(demo_db_template, path)
    return Store(path, lock_timeout=5.0)


UPLOADER = acting("fuzz-uploader")
STATUSES = {"stored", "nothing-new", "dry-run", "needs-acceptance", "refused"}


@fuzz_settings(weight=0.3)
@given(
    data=st.one_of(csv_bytes(), openpyxl_workbook(), mutated(BASE_XLSX, max_edits=3)),
    kind=st.sampled_from(["kpi", "spending", "allocations"]),
    name=st.sampled_from(NAMES),
)
def test_fuzz_import_file_dry_run(upload_store: Store, data: bytes, kind: str, name: str) -> None:
    def upload() -> ingest.UploadReport:
        return ingest.import_file(upload_store, data, name, kind, actor=UPLOADER, dry_run=True)

    outcome = bounded("import_file", upload)
    if isinstance(outcome, ingest.UploadReport):
        assert outcome.status in STATUSES - {"stored"}
        assert outcome.size_bytes == len(data)
        assert all(problem.code for problem in outcome.problems)
        assert (outcome.status == "refused") == (outcome.errors > 0)


# --------------------------------------------------------------------------------------------
# Crashers the fuzzing found, kept as named fixtures (tests/data/fuzz/)
# --------------------------------------------------------------------------------------------


def fixture(name: str) -> bytes:
    return (FUZZ_DATA / name).read_bytes()


def test_one_cell_in_the_last_row_is_read_in_bounded_time() -> None:
    # 5 kB, one value in A1048576: a million blank rows went through Python cell by cell (4 s,
    # more than 5 s under load). Blank rows are now skipped in C.
    outcome = bounded(
        "fixture", lambda: read_table(fixture("xlsx-one-cell-in-last-row.xlsx"), "x.xlsx")
    )

    assert isinstance(outcome, RawTable)
    assert outcome.header == ("far away",)
    assert outcome.header_row == 1_048_576
    assert outcome.rows == ()


def test_a_stray_cell_in_the_last_row_is_refused_before_calamine_fills_the_grid() -> None:
    # 5 kB, values in A1 and I1048576: 9.4 million cells, 8 s and 290 MB before the cell limit
    # went down from 10 to 3 million.
    outcome = bounded(
        "fixture", lambda: read_table(fixture("xlsx-stray-cell-in-last-row.xlsx"), "x.xlsx")
    )

    assert isinstance(outcome, FileRefused)
    (problem,) = outcome.problems
    assert problem.code == "too-many-cells"
    assert "9.437.184" in problem.message_da
    assert "Ctrl+End" in problem.message_en


def test_fixture_content_types_that_lie_about_their_size_are_not_inflated() -> None:
    # 302 kB; its [Content_Types].xml says 1 kB and inflates to 300 MB. Found by the dedicated
    # run: the macro check read the part whole (half a gigabyte) before its checksum failed.
    data = fixture("xlsx-content-types-lying-size.xlsx")
    tracemalloc.start()
    try:
        outcome = bounded("fixture", lambda: read_table(data, "upload.xlsx"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert isinstance(outcome, FileRefused)
    assert peak < 20 * 1024 * 1024, f"{peak / 2**20:.0f} MB"


def test_every_fuzz_fixture_has_a_regression_test() -> None:
    tested = {
        "xlsx-one-cell-in-last-row.xlsx",
        "xlsx-stray-cell-in-last-row.xlsx",
        "xlsx-content-types-lying-size.xlsx",
        "text-ca-repeated.txt",
        "text-thousand-numbers-one-sentence.txt",
        "text-number-with-29-digits.txt",
        "docx-million-empty-paragraphs.docx",
        "text-minus-twelve.txt",
    }
    # The fixtures of the claim checker are tested in test_fuzz_claims.py; a new fixture must
    # come with its regression test and be listed here.
    assert {path.name for path in FUZZ_DATA.iterdir()} == tested

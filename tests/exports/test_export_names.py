"""Exports in the user's language (issue 18): the workbook's sheets and header rows and the
Danish CSV's header row name tables and columns in Danish or English, the codes kept on a last
sheet for machines; the machine formats keep the codes; file names say the moment in Danish
time without repetition; a moment before any figure is said to be empty; the audit pack's README
reads in the exporter's language."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from planwatch.cli import main
from planwatch.domain.clock import local_moment
from planwatch.domain.periods import Period
from planwatch.domain.permissions import Role
from planwatch.exports import auditors, naming
from planwatch.figures import corrections
from planwatch.storage import Store
from tests import clock
from tests.actors import acting

AUDITOR = acting("auditor-test", Role.AUDITOR)


def _first_line(data: bytes) -> list[str]:
    return data.decode("utf-8-sig").splitlines()[0].split(";")


@pytest.mark.parametrize(
    ("language", "sheet", "column", "codes"),
    [("da", "Tal", "Indikatorkode", "Koder"), ("en", "Figures", "Indicator code", "Codes")],
)
def test_a_workbook_names_its_sheets_and_columns_in_the_users_language(
    demo_store: Store, language: str, sheet: str, column: str, codes: str
) -> None:
    delivery = auditors.download(
        demo_store, AUDITOR, file_format="xlsx", names=["figures", "plans"], language=language
    )
    book = load_workbook(io.BytesIO(delivery.data), read_only=True)
    titles = book.sheetnames
    assert titles[0] == naming.ABOUT_SHEET[language]
    assert sheet in titles and "figures" not in titles and "plans" not in titles
    header = [c.value for c in next(book[sheet].iter_rows(max_row=1))]
    assert column in header and "indicator_code" not in header
    assert titles[-1] == codes, "the codes, for machines, on the last sheet"
    rows = [tuple(c.value for c in row) for row in book[codes].iter_rows()]
    assert rows[0] == naming.CODES_HEADER[language]
    assert (sheet, column, "figures", "indicator_code") in rows
    about = {row[0].value: row[1].value for row in book[titles[0]].iter_rows()}
    contents = next(v for k, v in about.items() if k in ("Indhold", "Contents"))
    assert sheet in contents and "figures" not in contents


@pytest.mark.parametrize(
    ("language", "expected"),
    [("da", ["Indikatorkode", "Værdi"]), ("en", ["Indicator code", "Value"])],
)
def test_the_danish_csv_has_its_header_in_the_users_language_and_the_machines_keep_codes(
    demo_store: Store, tmp_path: Path, language: str, expected: list[str]
) -> None:
    delivery = auditors.download(
        demo_store, AUDITOR, file_format="csv-da", names=["figures"], language=language
    )
    header = _first_line(delivery.data)
    assert set(expected) <= set(header) and "indicator_code" not in header
    frame = pd.read_csv(io.BytesIO(delivery.data), sep=";", decimal=",", encoding="utf-8-sig")
    assert len(frame) == delivery.rows["figures"] > 0
    machine = auditors.download(
        demo_store, AUDITOR, file_format="csv", names=["figures"], language=language
    )
    assert machine.data.decode("utf-8").splitlines()[0].startswith("indicator_code,")
    parquet = auditors.download(
        demo_store, AUDITOR, file_format="parquet", names=["figures"], language=language
    )
    assert "indicator_code" in pq.read_schema(io.BytesIO(parquet.data)).names


def test_every_exported_column_has_a_name_in_both_languages_unique_in_its_table(
    demo_store: Store,
) -> None:
    frames = auditors.tables(demo_store, AUDITOR)
    for table, frame in frames.items():
        for language in naming.LANGUAGES:
            assert naming.table_name(table, language) != table or table == "plans"
            title = naming.table_name(table, language)
            assert len(title) <= 31 and not set(title) & set("[]:*?/\\"), title
            header = naming.header(table, list(frame.columns), language)
            unnamed = [c for c, h in zip(frame.columns, header, strict=True) if c == h]
            assert unnamed == [], (table, language, unnamed)
            assert len(set(header)) == len(header), (table, language, header)
    for language in naming.LANGUAGES:
        titles = [naming.table_name(t, language) for t in frames]
        titles += [naming.ABOUT_SHEET[language], naming.CODES_SHEET[language]]
        assert len({t.lower() for t in titles}) == len(titles)


@pytest.mark.parametrize(
    ("day", "language", "expected"),
    [
        # Summer time: 12.00 in Copenhagen is 10.00 UTC.
        (dt.date(2025, 7, 4), "da", "planwatch-2025-07-04-kl1200.xlsx"),
        (dt.date(2025, 7, 4), "en", "planwatch-2025-07-04-1200.xlsx"),
        # Winter time: 12.00 in Copenhagen is 11.00 UTC.
        (dt.date(2025, 1, 4), "da", "planwatch-2025-01-04-kl1200.xlsx"),
        (dt.date(2025, 1, 4), "en", "planwatch-2025-01-04-1200.xlsx"),
    ],
)
def test_a_workbooks_file_name_says_the_chosen_moment_in_danish_time(
    demo_store: Store, day: dt.date, language: str, expected: str
) -> None:
    moment = local_moment(day, dt.time(12, 0))
    assert moment.hour == (10 if day.month == 7 else 11)
    delivery = auditors.download(
        demo_store, AUDITOR, file_format="xlsx", names=["plans"], as_of=moment, language=language
    )
    assert delivery.file_name == expected


@pytest.mark.parametrize(
    ("language", "one", "several", "pack"),
    [
        (
            "da",
            "planwatch-tal-2025-01-04-kl1200.da.csv",
            "planwatch-csv-da-2025-01-04-kl1200.zip",
            "planwatch-revisionspakke-alle-planer-2025-01-04-kl1200.zip",
        ),
        (
            "en",
            "planwatch-figures-2025-01-04-1200.da.csv",
            "planwatch-csv-da-2025-01-04-1200.zip",
            "planwatch-audit-pack-all-plans-2025-01-04-1200.zip",
        ),
    ],
)
def test_other_file_names_say_what_they_hold_once_and_the_moment_in_danish_time(
    demo_store: Store, language: str, one: str, several: str, pack: str
) -> None:
    moment = local_moment(dt.date(2025, 1, 4), dt.time(12, 0))
    single = auditors.download(
        demo_store, AUDITOR, file_format="csv-da", names=["figures"], as_of=moment,
        language=language,
    )  # fmt: skip
    assert single.file_name == one
    both = auditors.download(
        demo_store, AUDITOR, file_format="csv-da", names=["figures", "plans"], as_of=moment,
        language=language,
    )  # fmt: skip
    assert both.file_name == several
    with zipfile.ZipFile(io.BytesIO(both.data)) as archive:
        assert {"figures.da.csv", "plans.da.csv"} <= set(archive.namelist()), "codes inside"
    whole = auditors.pack_download(demo_store, AUDITOR, as_of=moment, language=language)
    assert whole.file_name == pack


def test_a_moment_before_any_figure_is_said_to_be_empty(demo_store: Store) -> None:
    before = clock.built_at() - dt.timedelta(days=1)
    empty = auditors.download(demo_store, AUDITOR, file_format="xlsx", as_of=before)
    assert empty.before_any_figure
    assert empty.rows["figures"] == 0 and empty.rows["plans"] > 0, "definitions still come"
    now = auditors.download(demo_store, AUDITOR, file_format="xlsx", names=["figures"])
    assert not now.before_any_figure
    pack = auditors.pack_download(demo_store, AUDITOR, as_of=before)
    assert pack.before_any_figure
    assert auditors.first_figure_at(demo_store) is not None


@pytest.mark.parametrize(
    ("language", "title", "table"),
    [
        ("da", "# planwatch revisionspakke", "- Tal (`figures`"),
        ("en", "# planwatch audit pack", "- Figures (`figures`"),
    ],
)
def test_the_audit_packs_readme_and_workbook_read_in_the_exporters_language(
    demo_store: Store, language: str, title: str, table: str
) -> None:
    delivery = auditors.pack_download(demo_store, AUDITOR, language=language)
    with zipfile.ZipFile(io.BytesIO(delivery.data)) as archive:
        readme = archive.read("README.md").decode("utf-8")
        workbook = load_workbook(io.BytesIO(archive.read("planwatch.xlsx")), read_only=True)
        danish_csv = archive.read("tables/figures.da.csv")
        machine_csv = archive.read("tables/figures.csv")
    assert readme.splitlines()[0] == title
    assert any(line.startswith(table) for line in readme.splitlines())
    assert naming.table_name("figures", language) in workbook.sheetnames
    assert naming.column_name("figures", "value", language) in _first_line(danish_csv)
    assert machine_csv.decode("utf-8").startswith("indicator_code,")
    other = "en" if language == "da" else "da"
    assert naming.table_name("history", other) not in workbook.sheetnames
    english = auditors.pack_download(demo_store, AUDITOR).data
    with zipfile.ZipFile(io.BytesIO(english)) as archive:
        plain = archive.read("README.md").decode("utf-8")
    assert _sql(readme) == _sql(plain), "the same queries, whatever the language"
    if language == "da":
        assert "-- The" not in readme and "-- Every" not in readme, "comments in Danish"


def _sql(readme: str) -> list[str]:
    """The README's queries without their comments."""
    block = readme.split("```sql\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if not line.startswith("--")]


@pytest.mark.parametrize(("lang", "sheet"), [("da", "Tal"), ("en", "Figures")])
def test_the_command_line_names_the_workbook_in_its_language(
    users_store: Store, tmp_path: Path, lang: str, sheet: str
) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        [
            "--db", str(users_store.path), "--user", "auditor1", "--lang", lang,
            "export", "--format", "xlsx", "--tables", "figures", "--out", str(out),
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    book = load_workbook(out / "planwatch.xlsx", read_only=True)
    assert sheet in book.sheetnames


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_guard_against_formulas_holds_in_every_cell_of_a_named_workbook(
    demo_store: Store, language: str
) -> None:
    corrections.correct_observation(
        demo_store,
        indicator="victims_assessed",
        period=Period(2023),
        source_id="cmm-tal-2023",
        new_value=Decimal(113),
        reason='=HYPERLINK("http://example.invalid","klik")',
        actor=acting("uploader-test", Role.UPLOADER),
        now=clock.later(days=1),
    )
    delivery = auditors.download(
        demo_store, AUDITOR, file_format="xlsx", names=["history"], language=language
    )
    book = load_workbook(io.BytesIO(delivery.data), read_only=True)
    sheet = book[naming.table_name("history", language)]
    rows = list(sheet.iter_rows(values_only=True))
    column = rows[0].index(naming.column_name("history", "reason", language))
    reasons = [row[column] for row in rows[1:] if row[column] and "HYPERLINK" in str(row[column])]
    assert reasons == ['\'=HYPERLINK("http://example.invalid","klik")']
    danish = auditors.download(
        demo_store, AUDITOR, file_format="csv-da", names=["history"], language=language
    )
    assert "'=HYPERLINK" in danish.data.decode("utf-8-sig")

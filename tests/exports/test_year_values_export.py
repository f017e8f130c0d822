"""The auditors' ``year_values`` table on a running year (tests/scenarios.py): every yearly value
says whether it is complete and which quarters it rests on, in every format and in the audit
pack, whose README reproduces the Overview tile and its year to date from the exported files;
the moment the tables describe is named in Danish time as well as in UTC (issue 14)."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from planwatch.access import accounts
from planwatch.cli import main
from planwatch.domain.clock import to_local
from planwatch.exports import auditors, naming
from planwatch.figures import dashboard, reporting
from planwatch.formatting import format_moment
from planwatch.storage import Store
from planwatch.ui.i18n import t
from tests.scenarios import RunningYear

KEY = ("victims_assessed", "all", "all", "all")


def _auditor(store: Store) -> Any:
    return accounts.actor_for(store, "auditor1")


def _year_values(scenario: RunningYear, moment: str) -> pd.DataFrame:
    store = scenario.store()
    frames = auditors.tables(
        store, _auditor(store), names=["year_values"], as_of=scenario.moments[moment]
    )
    return frames["year_values"]


def _row(frame: pd.DataFrame, year: int, sex: str = "all") -> dict[str, Any]:
    rows = frame[
        (frame["indicator_code"] == "victims_assessed")
        & (frame["year"] == year)
        & (frame["sex"] == sex)
        & (frame["age_group"] == "all")
        & (frame["exploitation"] == "all")
    ]
    assert len(rows) == 1, rows
    row: dict[str, Any] = rows.iloc[0].to_dict()
    row["value"] = Decimal(str(row["value"]))
    return row


COLUMNS = ("value", "basis", "complete", "quarters", "coverage_da", "coverage_en")


def _shown(row: dict[str, Any]) -> tuple[object, ...]:
    return tuple(None if pd.isna(row[c]) else row[c] for c in COLUMNS)


@pytest.mark.parametrize(
    ("moment", "year", "expected"),
    [
        ("2024-Q3", 2024, (76, "quarters", False, "1, 2, 3", "1.–3. kvt. 2024", "Q1–Q3 2024")),
        ("2024-Q4", 2024, (100, "quarters", True, "1, 2, 3, 4", "2024", "2024")),
        ("2025-Q2", 2024, (100, "quarters", True, "1, 2, 3, 4", "2024", "2024")),
        ("2025-Q2", 2025, (54, "quarters", False, "1, 2", "1.–2. kvt. 2025", "Q1–Q2 2025")),
        ("2025-Q2", 2023, (112, "reported", True, None, "2023", "2023")),
    ],
)
def test_each_yearly_value_says_whether_it_is_complete_and_which_quarters(
    running_year: RunningYear, moment: str, year: int, expected: tuple[object, ...]
) -> None:
    row = _row(_year_values(running_year, moment), year)
    assert _shown(row) == expected
    assert row["status"] == "approved" and not row["illustrative"]
    assert row["source_ids"] == ("cmm-upload" if row["basis"] == "quarters" else "cmm-tal-2023")
    assert (row["breakdown_da"], row["breakdown_en"]) == ("I alt", "Total")


def test_a_year_not_yet_begun_has_no_row_and_a_later_quarter_does_not_count(
    running_year: RunningYear,
) -> None:
    before = _year_values(running_year, "before")
    assert not ((before["indicator_code"] == "victims_assessed") & (before["year"] == 2024)).any()
    q1 = _row(_year_values(running_year, "2025-Q1"), 2025)
    assert _shown(q1) == (28, "quarters", False, "1", "1. kvt. 2025", "Q1 2025")


def test_breakdowns_are_exact_for_auditors_as_in_figures(running_year: RunningYear) -> None:
    """The dashboard shows viewers the men's 2 in 2025 Q2 as "<3" (and hides what would reveal
    it); exports are for auditors and hold exact counts, as the figures table does."""
    frame = _year_values(running_year, "2025-Q2")
    women, men = _row(frame, 2025, "female"), _row(frame, 2025, "male")
    assert _shown(women) == (43, "quarters", False, "1, 2", "1.–2. kvt. 2025", "Q1–Q2 2025")
    assert _shown(men) == (11, "quarters", False, "1, 2", "1.–2. kvt. 2025", "Q1–Q2 2025")
    assert (men["breakdown_da"], men["breakdown_en"]) == ("Mænd", "Men")


def _danish(moment: dt.datetime) -> str:
    """The moment as a user in Denmark types it: Danish wall-clock time, no offset."""
    return to_local(moment).replace(tzinfo=None).isoformat(timespec="microseconds")


@pytest.mark.parametrize("file_format", ["csv", "csv-da", "xlsx", "parquet"])
def test_planwatch_export_writes_year_values_in_every_format(
    running_year: RunningYear, tmp_path: Path, file_format: str
) -> None:
    moment = running_year.moments["2025-Q2"]
    result = CliRunner().invoke(
        main,
        [
            "--json",
            "--user",
            "auditor1",
            "export",
            "--out",
            str(tmp_path),
            "--format",
            file_format,
            "--tables",
            "year_values",
            "--as-of",
            _danish(moment),
            "--db",
            str(running_year.path),
        ],
    )
    assert result.exit_code == 0, result.output
    path = Path(json.loads(result.output)["files"][0]["path"])
    if file_format == "csv":
        back = pd.read_csv(path, dtype={"quarters": str})
    elif file_format == "csv-da":  # for people: the columns named in Danish (the CLI's default)
        back = pd.read_csv(
            path, sep=";", decimal=",", encoding="utf-8-sig", dtype={"Kvartaler": str}
        ).rename(columns=naming.column_codes("year_values", "da"))
    elif file_format == "parquet":
        back = pq.read_table(path).to_pandas()
    else:
        sheet = load_workbook(path)["Tal pr. år"]
        rows = list(sheet.iter_rows(values_only=True))
        back = pd.DataFrame(rows[1:], columns=rows[0])
        back = back.rename(columns=naming.column_codes("year_values", "da"))
    rows_2025 = back[
        (back["indicator_code"] == "victims_assessed")
        & (back["year"] == 2025)
        & (back["sex"] == "all")
        & (back["age_group"] == "all")
        & (back["exploitation"] == "all")
    ]
    assert len(rows_2025) == 1
    row = rows_2025.iloc[0]
    assert float(row["value"]) == 54
    assert bool(row["complete"]) is False or str(row["complete"]).lower() == "false"
    assert str(row["quarters"]) == "1, 2", "text in every format, never the number 1,2"
    assert (row["coverage_da"], row["coverage_en"]) == ("1.–2. kvt. 2025", "Q1–Q2 2025")


def _statements(readme: str) -> list[str]:
    """The README's queries, each with its comment."""
    block = readme.split("```sql\n", 1)[1].split("```", 1)[0]
    return [s.strip() for s in block.split(";\n") if s.strip()]


def _find(statements: list[str], comment: str) -> str:
    """The query whose comment begins with ``comment``."""
    (found,) = [s for s in statements if s.startswith(comment)]
    return found


def _query(folder: Path, sql: str) -> list[tuple[Any, ...]]:
    with duckdb.connect() as connection:
        connection.execute(f"SET file_search_path = '{folder}'")
        return connection.execute(sql).fetchall()


@pytest.mark.parametrize("moment", ["2024-Q3", "2024-Q4", "2025-Q2"])
def test_the_packs_readme_reproduces_the_tile_and_its_year_to_date(
    running_year: RunningYear, tmp_path: Path, moment: str
) -> None:
    store = running_year.store()
    as_of = running_year.moments[moment]
    receipt = auditors.pack(store, _auditor(store), tmp_path / "pack.zip", as_of=as_of)
    with zipfile.ZipFile(receipt.files[0].path) as archive:
        archive.extractall(tmp_path / "pack")
    folder = tmp_path / "pack"
    readme = (folder / "README.md").read_text(encoding="utf-8")
    queries = _statements(readme)
    tile = next(
        t
        for t in dashboard.indicator_tiles(store, as_of=as_of)
        if t.indicator.code == "victims_assessed"
    )
    assert tile.latest is not None and tile.previous is not None
    found = _query(folder, _find(queries, "-- The Overview tile"))
    assert found == [(tile.latest.year, tile.latest.value, tile.previous.year, tile.previous.value)]
    ytd = _query(folder, _find(queries, "-- The tile's year to date"))
    if tile.year_to_date is None:
        assert ytd == []
    else:
        current, base = tile.year_to_date.current, tile.year_to_date.baseline
        assert ytd == [
            (
                current.label("da"),
                current.label("en"),
                current.value,
                None if base is None else base.value,
            )
        ]
    every = _query(folder, _find(queries, "-- Every year's value"))
    series = reporting.year_series(store, "victims_assessed", as_of=as_of)
    assert [(year, value, complete, label) for year, value, _, complete, _, label, *_ in every] == [
        (v.year, v.value, v.complete, v.label("da")) for v in series
    ]
    assert [(year, value) for year, value, *_ in every if year <= tile.latest.year] == [
        (v.year, v.value) for v in tile.series
    ], "the tile's series is the complete years"
    for sql in queries:  # every query in the README runs on the pack
        _query(folder, sql)


def test_the_pack_names_the_moment_in_danish_time_and_in_utc(
    running_year: RunningYear,
) -> None:
    store = running_year.store()
    as_of = running_year.moments["2025-Q2"]
    delivery = auditors.pack_download(store, _auditor(store), as_of=as_of)
    local = to_local(as_of)
    with zipfile.ZipFile(io.BytesIO(delivery.data)) as archive:
        readme = archive.read("README.md").decode("utf-8")
        manifest = json.loads(archive.read("manifest.json"))
        book = load_workbook(io.BytesIO(archive.read("planwatch.xlsx")))
    danish = f"{format_moment(local, 'da')} / {format_moment(local, 'en')}"
    assert f"- As of (Danish time): {danish} ({local.isoformat(timespec='seconds')})" in readme
    assert f"- As of (UTC): {as_of.isoformat()}" in readme
    assert "`year_values`" in readme and "timestamp columns" in readme.lower()
    assert manifest["as_of"] == as_of.isoformat()
    assert dt.datetime.fromisoformat(manifest["as_of_danish_time"]) == local
    about = {row[0].value: row[1].value for row in book["Om filen"].iter_rows()}
    assert str(about["Pr. / As of (dansk tid / Danish time)"]).startswith(danish)
    assert isinstance(about["Pr. / As of (UTC)"], dt.datetime)
    assert book.sheetnames[:3] == ["Om filen", "figures", "year_values"]


def test_the_export_page_lists_the_table_with_a_name_in_both_languages() -> None:
    assert "year_values" in auditors.TABLES
    assert t("export_table_year_values", "da").startswith("Årets tal")
    assert t("export_table_year_values", "en").startswith("Yearly values")

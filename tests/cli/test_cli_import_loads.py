"""A quicker `planwatch import` (issue 17): a CSV upload loads only what a CSV needs.

The command runs in a fresh interpreter (this test process has loaded everything already) and
reports the modules it loaded. The table and rule libraries (pandas, pandera) are what every
upload needs; the workbook libraries are for Excel files and the reports written as workbooks,
the rest for other commands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from planwatch.storage import Store
from tests.cli import processes
from tests.paths import TEST_DATA

NOT_FOR_A_CSV = (
    "openpyxl",
    "python_calamine",
    "PIL",
    "lxml",
    "xlsxwriter",
    "scipy",
    "altair",
    "streamlit",
    "argon2",
)

RUN = """
import json, sys
from planwatch.cli import main

try:
    main(sys.argv[1:])
except SystemExit as done:
    code = done.code
print(json.dumps({"exit": code, "modules": sorted(sys.modules)}))
"""


def _run(*args: str) -> dict[str, Any]:
    return processes.run_command(RUN, *args)


def _loaded(report: dict[str, Any], names: tuple[str, ...]) -> list[str]:
    return sorted({m.split(".")[0] for m in report["modules"] if m.split(".")[0] in names})


def _import(store: Store, path: Path, *extra: str) -> dict[str, Any]:
    return _run(
        "--db", str(store.path), "--user", "uploader1", "import", str(path), "--kind", "kpi",
        *extra,
    )  # fmt: skip


def test_importing_a_csv_loads_no_workbook_library(users_store: Store) -> None:
    report = _import(users_store, TEST_DATA / "valid/kpi-danish-excel-cp1252.csv", "--dry-run")
    assert report["exit"] == 0, report["output"]
    assert "Dry run" in report["output"]
    assert _loaded(report, NOT_FOR_A_CSV) == []
    assert _loaded(report, ("pandas", "pandera")) == ["pandas", "pandera"]


def test_a_refused_csv_with_a_csv_report_loads_no_workbook_library(
    users_store: Store, tmp_path: Path
) -> None:
    report_path = tmp_path / "problems.csv"
    report = _import(
        users_store, TEST_DATA / "invalid/kpi-negative-value.csv", "--report", str(report_path)
    )
    assert report["exit"] == 1, report["output"]
    assert "negative-value" in report["output"]
    assert report_path.read_bytes()
    assert _loaded(report, NOT_FOR_A_CSV) == []


def test_an_excel_upload_still_loads_its_reader(users_store: Store) -> None:
    report = _import(users_store, TEST_DATA / "valid/kpi-excel-sheet-named-kpi.xlsx", "--dry-run")
    assert report["exit"] == 0, report["output"]
    assert "python_calamine" in _loaded(report, NOT_FOR_A_CSV)

"""The CLI: init, migrate --list, figures with --json equal to the Python API, fixed exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from planwatch.cli import main
from planwatch.cli.common import to_jsonable
from planwatch.domain.periods import Period
from planwatch.domain.permissions import View
from planwatch.figures import reporting
from planwatch.storage import MIGRATIONS, Store
from tests.actors import acting


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_init_demo_then_migrate_list_shows_every_migration_applied(tmp_path: Path) -> None:
    db = str(tmp_path / "new.duckdb")
    first = _run("init", "--demo", "--db", db)
    assert first.exit_code == 0, first.output
    listed = _run("--json", "db", "migrate", "--list", "--db", db)
    assert listed.exit_code == 0
    states = json.loads(listed.output)
    assert [s["name"] for s in states] == [m.name for m in MIGRATIONS]
    assert all(s["applied"] for s in states)
    second = _run("--json", "init", "--demo", "--db", db)
    inserted = json.loads(second.output)["inserted"]
    assert set(inserted) >= {"sources", "observation_versions", "allocation_versions"}
    assert set(inserted.values()) == {0}


def test_migrate_list_on_a_new_file_shows_pending_and_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "none.duckdb"
    result = _run("--lang", "en", "db", "migrate", "--list", "--db", str(db))
    assert result.exit_code == 0
    assert result.output.count("pending") == len(MIGRATIONS)
    assert not db.exists()


def test_db_option_and_environment_both_choose_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "env.duckdb"
    monkeypatch.setenv("PLANWATCH_DB", str(db))
    assert _run("db", "migrate").exit_code == 0
    assert db.exists()


def test_figure_json_equals_the_python_api(users_store: Store) -> None:
    result = _run(
        "--json",
        "figure",
        "victims_assessed",
        "2023",
        "--user",
        "viewer1",
        "--db",
        str(users_store.path),
    )
    assert result.exit_code == 0
    api = reporting.figure(users_store, "victims_assessed", Period(2023))
    assert api is not None
    answer = json.loads(result.output)
    # A year's answer keeps the published figure and its sources as they were (``preferred``,
    # ``alternatives``) and adds the year's value, whether it is complete and its comparison
    # (tests/cli/test_cli_running_year.py checks those against the API).
    assert answer["preferred"] == to_jsonable(api.preferred)
    assert answer["alternatives"] == to_jsonable(api.alternatives)
    assert answer["preferred"]["value"] == answer["value"] == 112
    assert answer["complete"] is True and answer["coverage_en"] == "2023"
    quarter = _run(
        "--json",
        "figure",
        "victims_assessed",
        "2023-Q1",
        "--user",
        "viewer1",
        "--db",
        str(users_store.path),
    )
    assert quarter.exit_code == 2, "no quarterly figure in the demo database"


def test_history_json_equals_the_python_api(users_store: Store) -> None:
    result = _run(
        "--json",
        "history",
        "victims_assessed",
        "2022",
        "--user",
        "auditor1",
        "--db",
        str(users_store.path),
    )
    assert result.exit_code == 0
    auditors_view = View(include_submitted=True, exact_small_counts=True)
    assert json.loads(result.output) == to_jsonable(
        reporting.history(users_store, "victims_assessed", Period(2022), view=auditors_view)
    )


def test_a_correction_is_submitted_then_approved_and_as_of_shows_old_and_new(
    users_store: Store,
) -> None:
    db = str(users_store.path)
    before = _run("--json", "history", "victims_assessed", "2023", "--user", "auditor1", "--db", db)
    loaded_at = json.loads(before.output)[0]["recorded_at"]
    corrected = _run(
        "--json",
        "correct",
        "victims_assessed",
        "2023",
        "--source",
        "cmm-tal-2023",
        "--value",
        "113",
        "--reason",
        "revised",
        "--user",
        "uploader1",
        "--db",
        db,
    )
    assert corrected.exit_code == 0, corrected.output
    submission = json.loads(corrected.output)["change_set_id"]

    def shown(*extra: str) -> int:
        result = _run("--json", "figure", "victims_assessed", "2023", *extra, "--db", db)
        assert result.exit_code == 0, result.output
        return int(json.loads(result.output)["preferred"]["value"])

    assert shown("--user", "viewer1") == 112  # awaiting approval: viewers see the approved value
    assert shown("--user", "viewer1", "--include-submitted") == 112  # viewers may not ask
    assert shown("--user", "approver1", "--include-submitted") == 113
    history = _run(
        "--json", "history", "victims_assessed", "2023", "--user", "auditor1", "--db", db
    )
    pending = [e for e in json.loads(history.output) if e["change_set_id"] == submission]
    assert [(e["value"], e["status"]) for e in pending] == [(113, "submitted")]
    approved = _run("approve", str(submission), "--user", "approver1", "--db", db)
    assert approved.exit_code == 0, approved.output
    assert shown("--user", "viewer1") == 113
    # Stored timestamps are UTC (JSON writes them without an offset); a typed moment without an
    # offset is Danish time, so the stored one is given back with its Z.
    assert shown("--user", "viewer1", "--as-of", f"{loaded_at}Z") == 112


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["figure", "no_such_indicator", "2023"], 2, "does not exist"),
        (["figure", "victims_assessed", "20x3"], 2, "is not a year"),
        (["figure", "victims_assessed", "2023", "--sex", "woman"], 2, "Unknown breakdown"),
        (["figure", "victims_assessed", "2023", "--as-of", "yesterday"], 2, "not a date"),
        (["figure", "victims_assessed", "1999"], 2, "no figure"),
        (
            [
                "correct",
                "victims_assessed",
                "2023",
                "--source",
                "cmm-tal-2023",
                "--value",
                "-4",
                "--reason",
                "r",
                "--user",
                "uploader1",
            ],
            2,
            "0 or more",
        ),
        (["correct", "victims_assessed", "2023"], 2, "Missing option"),
    ],
)
def test_usage_errors_exit_2_with_a_message(
    users_store: Store, args: list[str], code: int, needle: str
) -> None:
    user = [] if "--user" in args else ["--user", "viewer1"]
    result = CliRunner().invoke(main, ["--lang", "en", *user, *args, "--db", str(users_store.path)])
    assert result.exit_code == code, result.output
    assert needle in result.output
    assert "Traceback" not in result.output


def test_reading_a_missing_database_exits_3_in_danish(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "figure",
            "victims_assessed",
            "2023",
            "--user",
            "viewer1",
            "--db",
            str(tmp_path / "x.duckdb"),
        ],
    )
    assert result.exit_code == 3
    assert "findes ikke" in result.output and "planwatch init" in result.output


def test_errors_in_json_mode_have_one_shape(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "--json",
            "figure",
            "victims_assessed",
            "2023",
            "--user",
            "viewer1",
            "--db",
            str(tmp_path / "x.duckdb"),
        ],
    )
    error = json.loads(result.output)["error"]
    assert set(error) == {"code", "message_da", "message_en"}
    assert error["code"] == "database-unavailable"


def _import_args(store: Store, name: str, kind: str, *extra: str) -> list[str]:
    from tests.paths import TEST_DATA

    return [
        "import",
        str(TEST_DATA / name),
        "--kind",
        kind,
        "--user",
        "uploader1",
        "--db",
        str(store.path),
        *extra,
    ]


def test_import_json_equals_the_python_api(users_store: Store, tmp_path: Path) -> None:
    import dataclasses

    from planwatch.uploads import ingest
    from tests.paths import TEST_DATA

    name = "invalid/kpi-parts-exceed-total.csv"
    result = CliRunner().invoke(main, ["--json", *_import_args(users_store, name, "kpi")])
    assert result.exit_code == 1
    payload = json.loads(result.output)
    api = ingest.import_file(
        users_store, (TEST_DATA / name).read_bytes(), Path(name).name, "kpi", actor=acting("cli")
    )
    assert payload == to_jsonable(dataclasses.replace(api))
    assert payload["status"] == "refused"
    assert payload["problems"][0]["code"] == "parts-exceed-total"


@pytest.mark.parametrize(
    ("name", "kind", "extra", "code", "needle"),
    [
        ("valid/kpi-danish-excel-cp1252.csv", "kpi", [], 0, "Gemt: 6 nye"),
        ("valid/kpi-danish-excel-cp1252.csv", "kpi", ["--dry-run"], 0, "Prøvekørsel: 6 nye"),
        ("invalid/kpi-negative-value.csv", "kpi", [], 1, "række 2, værdi"),
        ("invalid/warning-kpi-outlier.csv", "kpi", [], 1, "advarsel"),
        ("invalid/warning-kpi-outlier.csv", "kpi", ["--accept-warnings"], 0, "Gemt: 1 nye"),
    ],
)
def test_import_exit_codes_and_messages(
    users_store: Store, name: str, kind: str, extra: list[str], code: int, needle: str
) -> None:
    result = CliRunner().invoke(main, _import_args(users_store, name, kind, *extra))
    assert result.exit_code == code, result.output
    assert needle in result.output


def test_import_writes_the_report_as_csv_and_as_the_annotated_workbook(
    users_store: Store, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    csv_path, xlsx_path = tmp_path / "report.csv", tmp_path / "report.xlsx"
    name = "invalid/kpi-text-where-a-number-belongs.csv"
    assert (
        CliRunner()
        .invoke(main, _import_args(users_store, name, "kpi", "--report", str(csv_path)))
        .exit_code
        == 1
    )
    assert "not-a-number" in csv_path.read_text(encoding="utf-8-sig")
    assert (
        CliRunner()
        .invoke(main, _import_args(users_store, name, "kpi", "--report", str(xlsx_path)))
        .exit_code
        == 1
    )
    sheet = load_workbook(xlsx_path).worksheets[0]
    marked = sheet.cell(row=2, column=4)
    assert marked.value == "tolv"
    assert marked.comment is not None and "tolv" in marked.comment.text


def test_template_command_writes_a_workbook_with_the_known_codes(
    users_store: Store, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "kpi.xlsx"
    result = CliRunner().invoke(
        main,
        [
            "template",
            "--kind",
            "kpi",
            "--out",
            str(out),
            "--user",
            "uploader1",
            "--db",
            str(users_store.path),
        ],
    )
    assert result.exit_code == 0, result.output
    workbook = load_workbook(out)
    codes = [c.value for row in workbook.worksheets[2].iter_rows() for c in row]
    assert "victims_assessed" in codes and "hotline_calls" in codes

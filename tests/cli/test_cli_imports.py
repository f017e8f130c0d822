"""A quick command line (issue 17): a read command loads only what it needs.

Each command runs in a fresh interpreter (a subprocess: this test process has loaded everything
already), which reports the modules it loaded and how often it opened the database file."""

from __future__ import annotations

from typing import Any

import click
import pytest

from planwatch.cli import COMMANDS, main
from planwatch.storage import Store
from tests.cli import processes
from tests.paths import TEST_DATA

HEAVY = (
    "pandas",
    "pandera",
    "altair",
    "scipy",
    "numpy",
    "openpyxl",
    "xlsxwriter",
    "pyarrow",
    "streamlit",
    "argon2",
)
"""What a read command must not load: the table, chart, workbook and UI libraries, the linear
programmes of the small-count audit (only for a year with a small count), and the password
hasher (only to set or check a password)."""

RUN = """
import json, sys
import duckdb

opened = []
real_connect = duckdb.connect

def counting(*args, **kwargs):
    # A database instance this process has open already is reused by DuckDB: it keeps a
    # global setting made on an earlier connection. A file opened afresh has the default.
    connection = real_connect(*args, **kwargs)
    fresh = connection.execute("SELECT current_setting('threads')").fetchone()[0] != 7
    if fresh:
        opened.append(str(args[0]) if args else "")
        connection.execute("SET GLOBAL threads = 7")
    return connection

duckdb.connect = counting
from planwatch.cli import main

try:
    main(sys.argv[1:])
except SystemExit as done:
    code = done.code
print(json.dumps({"exit": code, "modules": sorted(sys.modules), "opened": opened}))
"""


def _run(*args: str) -> dict[str, Any]:
    return processes.run_command(RUN, *args)


def _loaded(report: dict[str, Any], names: tuple[str, ...]) -> list[str]:
    return sorted(
        {m.split(".")[0] for m in report["modules"] if m.split(".")[0] in names},
    )


@pytest.mark.parametrize(
    "command",
    [
        ("--user", "viewer1", "figure", "victims_assessed", "2023"),
        ("--user", "auditor1", "history", "victims_assessed", "2023"),
        ("--user", "approver1", "submissions"),
        ("--user", "viewer1", "plans", "list"),
        ("--user", "viewer1", "plans", "show", "2022-2025"),
    ],
    ids=["figure", "history", "submissions", "plans-list", "plans-show"],
)
def test_a_read_command_loads_no_heavy_library(
    users_store: Store, command: tuple[str, ...]
) -> None:
    report = _run("--db", str(users_store.path), *command)
    assert report["exit"] == 0, report["output"]
    assert _loaded(report, HEAVY) == []


@pytest.mark.parametrize(
    "command",
    [
        ("--user", "viewer1", "figure", "victims_assessed", "2023"),
        ("--user", "auditor1", "history", "victims_assessed", "2023"),
        ("--user", "approver1", "submissions"),
        ("--user", "viewer1", "plans", "list"),
        ("--user", "viewer1", "plans", "show", "2022-2025"),
    ],
    ids=["figure", "history", "submissions", "plans-list", "plans-show"],
)
def test_a_read_command_opens_the_database_file_once(
    users_store: Store, command: tuple[str, ...]
) -> None:
    """Opening a DuckDB file costs tens of milliseconds; a read command used to open it about
    ten times (identity, migrations, permissions, publication points, figures...). Now the
    file stays open read-only for the command, and DuckDB reuses it for every connection."""
    report = _run("--db", str(users_store.path), *command)
    assert report["exit"] == 0, report["output"]
    assert report["opened"] == [str(users_store.path)]


@pytest.mark.parametrize(
    ("command", "module"),
    [
        (("--user", "viewer1", "figure", "victims_assessed", "2023"), "figures"),
        (("--user", "auditor1", "history", "victims_assessed", "2023"), "figures"),
        (("--user", "approver1", "submissions"), "approvals"),
        (("--user", "viewer1", "plans", "list"), "plans"),
    ],
    ids=["figure", "history", "submissions", "plans-list"],
)
def test_a_command_loads_its_own_module_of_the_command_line_and_no_other(
    users_store: Store, command: tuple[str, ...], module: str
) -> None:
    """The root group imports a command's module when that command runs (cli.LazyGroup): the
    other nine modules (plans alone took about 50 ms to import) are not loaded."""
    report = _run("--db", str(users_store.path), *command)
    assert report["exit"] == 0, report["output"]
    loaded = {m for m in report["modules"] if m.startswith("planwatch.cli.")}
    assert loaded == {"planwatch.cli.common", f"planwatch.cli.{module}"}


def test_help_lists_every_command_and_each_names_itself() -> None:
    """``--help`` lists the commands without running them; each entry of the table resolves to
    the command of that name (a wrong ``module:attribute`` fails here, not in a user's hands)."""
    context = click.Context(main)
    assert main.list_commands(context) == sorted(COMMANDS)
    for name in COMMANDS:
        command = main.get_command(context, name)
        assert command is not None and command.name == name
    assert main.get_command(context, "nosuch") is None


def test_a_small_count_loads_the_audit_only_then(users_store: Store) -> None:
    """A breakdown with a small count needs the linear programmes (scipy); a breakdown of a
    series without one does not: the audit's early way out (no small cell, no programme)."""
    small = _run(
        "--db",
        str(users_store.path),
        "--user",
        "viewer1",
        "figure",
        "victims_identified_tip",
        "2017",
        "--exploitation",
        "forced_labour",
    )
    assert small["exit"] == 0, small["output"]
    assert "<3" in small["output"]
    assert _loaded(small, ("scipy",)) == ["scipy"]
    assert _loaded(small, ("argon2", "pandas", "pandera", "altair", "streamlit")) == []
    other = _run(
        "--db",
        str(users_store.path),
        "--user",
        "viewer1",
        "figure",
        "persons_prosecuted_tip",
        "2009",
        "--exploitation",
        "sexual",
    )
    assert other["exit"] == 0, other["output"]
    assert "persons_prosecuted_tip 2009: 25" in other["output"]
    assert _loaded(other, HEAVY) == []


def test_help_loads_no_heavy_library() -> None:
    report = _run("--help")
    assert report["exit"] == 0
    assert _loaded(report, HEAVY) == []


def test_a_file_kept_open_for_reading_still_takes_a_write(users_store: Store) -> None:
    """What a read command's kept-open file must not break: a write in the same process (a
    refusal is written to the audit log) closes it first, reads after it see the write, and
    nothing holds the file once the block ends."""

    def users_named(name: str) -> int:
        with users_store.connect(read_only=True) as connection:
            found = connection.execute("SELECT count(*) FROM users WHERE name = ?", [name])
            return int(found.fetchall()[0][0])

    with users_store.kept_open():
        assert users_named("viewer1") == 1
        with users_store.transaction() as connection:
            connection.execute("UPDATE users SET display_name = 'V' WHERE name = 'viewer1'")
        with users_store.connect(read_only=True) as connection:
            shown = connection.execute("SELECT display_name FROM users WHERE name = 'viewer1'")
            assert shown.fetchall() == [("V",)]
    with users_store.connect() as connection:  # read-write: nothing of the block holds it
        connection.execute("UPDATE users SET display_name = 'W' WHERE name = 'viewer1'")


@pytest.mark.parametrize("extra", [(), ("--dry-run",)], ids=["store", "dry-run"])
def test_an_import_opens_the_database_file_once_to_read_and_once_to_write(
    users_store: Store, extra: tuple[str, ...]
) -> None:
    """``planwatch import`` read the file six times before it wrote (who acts, the migrations
    twice, the user's roles twice): each open cost tens of milliseconds of a command that must
    finish within a second (issue 17). The reads now share one read-only open; the write opens
    the file again, read-write (a dry run too: it checks inside the transaction it then rolls
    back, so that no upload can be stored between its checks)."""
    report = _run(
        "--db", str(users_store.path), "--user", "uploader1", "import",
        str(TEST_DATA / "valid/kpi-danish-excel-cp1252.csv"), "--kind", "kpi", *extra,
    )  # fmt: skip
    assert report["exit"] == 0, report["output"]
    assert report["opened"] == [str(users_store.path)] * 2

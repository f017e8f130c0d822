"""Text the command line prints cannot forge a line or drive the terminal (issue 16).

Whatever is stored (a user name with a newline, a file name or a review comment with a
carriage return, a terminal escape or a Unicode line separator), every text output shows it on
its own line, with its control characters escaped. The names are put straight in the database:
the entry points' own checks (another part of issue 16) must not be what keeps the output safe.
"""

from __future__ import annotations

import re

from click.testing import CliRunner, Result

from planwatch.access import approvals, audit
from planwatch.access.audit import AuditAction
from planwatch.cli import main
from planwatch.domain.permissions import Role
from planwatch.storage import Store
from planwatch.uploads import ingest
from tests import clock as test_clock
from tests.actors import acting
from tests.scenarios import kpi_file

FORGED = "\n     1  2020-01-01 00:00:00  admin1               forged-line"
HOSTILE_NAME = "eve" + FORGED
HOSTILE_TEXTS = (
    HOSTILE_NAME,
    "mal\rlory",  # a carriage return rewrites the line on a terminal
    "title\x1b]0;pwned\x07\x1b[2J",  # an escape sequence: set the window title, clear the screen
    "line\u2028separator\u2029paragraph",
    "bidi\u202eevil\u2066",
    "tab\there\x00nul\x85next-line",
)
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def run(store: Store, *args: str) -> Result:
    result = CliRunner().invoke(main, [*args, "--db", str(store.path)])
    assert result.exit_code == 0, result.output
    return result


def insert_user(store: Store, name: str) -> None:
    with store.transaction() as connection:
        connection.execute(
            "INSERT INTO users (name, display_name, created_at, created_by) VALUES (?, ?, ?, ?)",
            [name, name, test_clock.built_at(), "admin1"],
        )


def assert_safe(output: str, lines: int | None = None) -> None:
    assert not CONTROL.search(output), repr(output)
    if lines is not None:
        assert len(output.rstrip("\n").split("\n")) == lines, output


def test_printable_escapes_every_control_character_and_keeps_text() -> None:
    from planwatch.cli.common import printable

    assert printable("Ærø 112 – ofre") == "Ærø 112 – ofre"
    assert printable("a\nb\rc\td") == "a\\nb\\rc\\td"
    assert printable("\x1b[2J\x00\x7f\x85") == "\\x1b[2J\\x00\\x7f\\x85"
    assert printable("x\u2028y\u202ez") == "x\\u2028y\\u202ez"


def test_audit_log_prints_a_name_with_a_newline_as_one_line(users_store: Store) -> None:
    before = run(users_store, "--user", "auditor1", "audit", "log").output
    for text in HOSTILE_TEXTS:
        insert_user(users_store, text)
        audit.record_now(
            users_store,
            actor=text,
            action=AuditAction.SIGN_IN,
            subject=text,
            details={"name": text},
        )

    output = run(users_store, "--user", "auditor1", "audit", "log").output

    added = output.rstrip("\n").split("\n")[len(before.rstrip("\n").split("\n")) :]
    assert len(added) == len(HOSTILE_TEXTS), output
    assert all(re.match(r"\s*\d+  \d{4}-\d\d-\d\d ", line) for line in added), added
    assert_safe(output)
    assert "eve\\n     1  2020-01-01 00:00:00  admin1" in added[0]


def test_users_list_prints_each_user_on_one_line(users_store: Store) -> None:
    before = run(users_store, "--user", "admin1", "users", "list").output
    for text in HOSTILE_TEXTS:
        insert_user(users_store, text)

    output = run(users_store, "--user", "admin1", "users", "list").output

    assert_safe(output, lines=len(before.rstrip("\n").split("\n")) + len(HOSTILE_TEXTS))
    assert "mal\\rlory" in output


def test_submissions_prints_names_files_and_comments_escaped(users_store: Store) -> None:
    now = test_clock.later(days=1)
    uploader = acting(HOSTILE_NAME, Role.UPLOADER)
    report = ingest.import_file(
        users_store, kpi_file(2025, 1), "kvartal\r\x1b[31m.csv", "kpi", actor=uploader, now=now
    )
    assert report.change_set_id is not None, [p.message_en for p in report.problems]
    approvals.return_submission(
        users_store,
        acting("approver-test", Role.APPROVER),
        report.change_set_id,
        comment="Ret tallet.\n 999  approved  forged",
        now=now,
    )

    output = run(users_store, "--user", "approver1", "submissions").output

    line = next(
        line for line in output.split("\n") if line.startswith(f"{report.change_set_id:>5}")
    )
    assert "eve\\n" in line and "kvartal\\r\\x1b[31m.csv" in line
    assert "Ret tallet.\\n 999  approved  forged" in line
    assert_safe(output)

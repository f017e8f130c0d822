"""The command line applies the app's permissions to ``--user``: every command × every role.

For each command and each role, a user holding exactly that role either succeeds (any exit code
but 5) or is refused with exit code 5, a message, and an entry in the audit log — as the
permission table in ``planwatch.domain.permissions`` says. Some cells are also pinned by hand, so a
change to the table itself shows up here.
"""

from __future__ import annotations

import itertools
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from planwatch.access import accounts, approvals, audit, tokens
from planwatch.cli import main
from planwatch.cli.common import EXIT_DENIED
from planwatch.domain.periods import Period
from planwatch.domain.permissions import ROLE_PERMISSIONS, Permission, Role
from planwatch.figures import corrections
from planwatch.storage import Store
from tests.actors import PASSWORD
from tests.paths import TEST_DATA

_counter = itertools.count()


def _fresh_name() -> str:
    return f"made{next(_counter)}"


def _submission(store: Store) -> str:
    """A correction submitted by someone other than the acting users (``uploader9``)."""
    with store.connect(read_only=True) as connection:
        known = {r[0] for r in connection.execute("SELECT name FROM users").fetchall()}
    if "uploader9" not in known:
        accounts.add_user(
            store,
            accounts.actor_for(store, "admin1"),
            "uploader9",
            [Role.UPLOADER],
            password=PASSWORD,
        )
    receipt = corrections.correct_observation(
        store,
        indicator="victims_assessed",
        period=Period(2023),
        source_id="cmm-tal-2023",
        new_value=corrections.parse_value(str(200 + next(_counter))),
        reason="test",
        actor=accounts.actor_for(store, "uploader9"),
    )
    return str(receipt.change_set_id)


def _target_user(store: Store) -> str:
    name = _fresh_name()
    accounts.add_user(
        store, accounts.actor_for(store, "admin1"), name, [Role.VIEWER], password=PASSWORD
    )
    return name


KPI = str(TEST_DATA / "valid" / "kpi-danish-excel-cp1252.csv")
TRUE_TEXT = TEST_DATA / "claims" / "true-da.txt"  # every claim in it consistent: exit 0

# command -> (the permission it needs, a function making its arguments on a given store)
COMMANDS: dict[str, tuple[Permission, Callable[[Store, Path], list[str]]]] = {
    "figure": (Permission.VIEW_DASHBOARD, lambda s, t: ["figure", "victims_assessed", "2023"]),
    "talking-points": (
        Permission.VIEW_DASHBOARD,
        lambda s, t: ["talking-points", "--year", "2023"],
    ),
    "history": (Permission.VIEW_HISTORY, lambda s, t: ["history", "victims_assessed", "2023"]),
    "correct": (
        Permission.UPLOAD,
        lambda s, t: [
            "correct",
            "hotline_calls",
            "2019",
            "--source",
            "cmm-tal-2019",
            "--value",
            str(900 + next(_counter)),
            "--reason",
            "test",
        ],
    ),
    "import": (Permission.UPLOAD, lambda s, t: ["import", KPI, "--kind", "kpi", "--dry-run"]),
    "template": (
        Permission.UPLOAD,
        lambda s, t: ["template", "--kind", "kpi", "--out", str(t / f"{_fresh_name()}.xlsx")],
    ),
    "submissions": (Permission.FOLLOW_OWN, lambda s, t: ["submissions"]),
    "approve": (Permission.REVIEW, lambda s, t: ["approve", _submission(s)]),
    "return": (Permission.REVIEW, lambda s, t: ["return", _submission(s), "--comment", "no"]),
    "audit verify": (Permission.VIEW_AUDIT_LOG, lambda s, t: ["audit", "verify"]),
    "audit log": (Permission.VIEW_AUDIT_LOG, lambda s, t: ["audit", "log"]),
    "export": (
        Permission.EXPORT,
        lambda s, t: ["export", "--out", str(t / _fresh_name()), "--tables", "plans"],
    ),
    "users list": (Permission.MANAGE_USERS, lambda s, t: ["users", "list"]),
    "users add": (
        Permission.MANAGE_USERS,
        lambda s, t: ["users", "add", _fresh_name(), "--role", "viewer", "--password-stdin"],
    ),
    "users disable": (Permission.MANAGE_USERS, lambda s, t: ["users", "disable", _target_user(s)]),
    "users enable": (Permission.MANAGE_USERS, lambda s, t: ["users", "enable", _target_user(s)]),
    "users grant": (
        Permission.MANAGE_USERS,
        lambda s, t: ["users", "grant", _target_user(s), "auditor"],
    ),
    "users revoke": (
        Permission.MANAGE_USERS,
        lambda s, t: ["users", "revoke", _target_user(s), "viewer"],
    ),
    "users password": (
        Permission.MANAGE_USERS,
        lambda s, t: ["users", "password", _target_user(s), "--password-stdin"],
    ),
}


# Commands open to any of several permissions; the others need exactly the one listed.
ANY_OF: dict[str, frozenset[Permission]] = {
    "submissions": frozenset({Permission.FOLLOW_OWN, Permission.REVIEW, Permission.VIEW_HISTORY}),
}


def _allowed(role: Role, command: str) -> bool:
    needed = ANY_OF.get(command, frozenset({COMMANDS[command][0]}))
    return bool(needed & ROLE_PERMISSIONS[role])


# Cells pinned by hand (role, command) -> allowed, independent of the table.
PINNED = {
    (Role.VIEWER, "figure"): True,
    (Role.VIEWER, "import"): False,
    (Role.VIEWER, "history"): False,
    (Role.UPLOADER, "approve"): False,
    (Role.APPROVER, "approve"): True,
    (Role.APPROVER, "correct"): False,
    (Role.AUDITOR, "history"): True,
    (Role.AUDITOR, "approve"): False,
    (Role.AUDITOR, "users add"): False,
    (Role.ADMIN, "figure"): False,
    (Role.ADMIN, "users add"): True,
    (Role.ADMIN, "audit verify"): True,
    (Role.AUDITOR, "submissions"): True,
    (Role.AUDITOR, "export"): True,
    (Role.ADMIN, "export"): True,
    (Role.VIEWER, "export"): False,
    (Role.VIEWER, "submissions"): False,
}


@pytest.fixture(scope="module")
def store(users_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("cli-access") / "planwatch.duckdb"
    shutil.copy(users_db_template, path)
    return Store(path, lock_timeout=5.0)


def _invoke(store: Store, user: str | None, args: list[str]) -> Result:
    who = [] if user is None else ["--user", user]
    return CliRunner().invoke(
        main,
        ["--lang", "en", *who, *args, "--db", str(store.path)],
        input="a new long passphrase\n",
    )


def test_the_pinned_cells_agree_with_the_table() -> None:
    for (role, command), allowed in PINNED.items():
        assert _allowed(role, command) == allowed, (role, command)


@pytest.mark.parametrize(("role", "command"), list(itertools.product(Role, COMMANDS)))
def test_every_command_for_every_role(
    store: Store, tmp_path: Path, role: Role, command: str
) -> None:
    args = COMMANDS[command][1](store, tmp_path)
    reader = accounts.actor_for(store, "auditor1")
    before = len(audit.entries(store, reader))
    result = _invoke(store, f"{role.value}1", args)
    if _allowed(role, command):
        assert result.exit_code != EXIT_DENIED, result.output
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == EXIT_DENIED, result.output
        assert f"{role.value}1 may not" in result.output
        assert "Traceback" not in result.output
        refusals = [
            e for e in audit.entries(store, reader)[before:] if e.action == "permission-denied"
        ]
        assert [(e.actor, e.subject) for e in refusals] == [(f"{role.value}1", f"main {command}")]


@pytest.mark.parametrize("command", list(COMMANDS))
def test_without_a_user_every_command_is_refused(
    store: Store, tmp_path: Path, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if command == "users add":
        pytest.skip("covered below: the first admin may be created without a user")
    # an operating-system account that no admin mapped to a planwatch user, and no token
    monkeypatch.setattr(tokens, "os_account", lambda: "unmapped-account")
    monkeypatch.delenv(tokens.TOKEN_ENV, raising=False)
    result = _invoke(store, None, COMMANDS[command][1](store, tmp_path))
    assert result.exit_code == EXIT_DENIED, result.output
    assert "must be signed in" in result.output


@pytest.mark.parametrize("user", ["nobody", "disabled1"])
def test_an_unknown_or_disabled_user_is_refused(store: Store, tmp_path: Path, user: str) -> None:
    if user == "disabled1":
        accounts.add_user(
            store, accounts.actor_for(store, "admin1"), user, ["auditor"], password=PASSWORD
        )
        accounts.set_disabled(store, accounts.actor_for(store, "admin1"), user, True)
    result = _invoke(store, user, ["audit", "verify"])
    assert result.exit_code == EXIT_DENIED
    assert ("does not exist" if user == "nobody" else "disabled") in result.output


def test_the_first_admin_is_created_without_a_user_and_only_then(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "fresh.duckdb")
    runner = CliRunner()
    first = runner.invoke(
        main,
        ["users", "add", "root", "--role", "admin", "--password-stdin", "--db", db],
        input="the very first passphrase\n",
    )
    assert first.exit_code == 0, first.output
    with monkeypatch.context() as elsewhere:  # another operating-system account, not mapped
        elsewhere.setattr(tokens, "os_account", lambda: "unmapped-account")
        second = runner.invoke(
            main,
            [
                *("--lang", "en", "users", "add", "eve", "--role", "admin"),
                *("--password-stdin", "--db", db),
            ],
            input="another long passphrase\n",
        )
    assert second.exit_code == EXIT_DENIED
    listed = runner.invoke(main, ["--json", "--user", "root", "users", "list", "--db", db])
    assert [u["name"] for u in json.loads(listed.output)] == ["root"]
    assert "password_hash" not in listed.output and "argon2" not in listed.output


def test_approve_and_return_on_the_command_line_reach_the_uploader(store: Store) -> None:
    submission = _submission(store)
    returned = _invoke(store, "approver1", ["return", submission, "--comment", "wrong year"])
    assert returned.exit_code == 0, returned.output
    mine = approvals.submissions(store, accounts.actor_for(store, "uploader9"))
    assert next(s for s in mine if str(s.change_set_id) == submission).review_comment == (
        "wrong year"
    )


def test_audit_verify_exits_1_and_names_the_entry_when_the_log_was_altered(
    store: Store, tmp_path: Path
) -> None:
    copy = Store(tmp_path / "tampered.duckdb")
    shutil.copy(store.path, copy.path)
    with copy.connect() as connection:
        connection.execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2")
    result = _invoke(copy, "auditor1", ["--json", "audit", "verify"])
    assert result.exit_code == 1
    assert json.loads(result.output)["broken_at"] == 2
    intact = _invoke(store, "auditor1", ["audit", "verify"])
    assert intact.exit_code == 0 and "intact" in intact.output


def test_demo_init_prints_one_user_per_role_with_a_working_password(tmp_path: Path) -> None:
    db = tmp_path / "demo.duckdb"
    result = CliRunner().invoke(main, ["--json", "init", "--demo", "--db", str(db)])
    assert result.exit_code == 0, result.output
    users = json.loads(result.output)["demo_users"]
    assert set(users) == {f"demo-{r.value}" for r in Role}
    for name, password in users.items():
        assert accounts.sign_in(Store(db), name, password).roles == {
            Role(name.removeprefix("demo-"))
        }


def test_a_viewer_never_gets_a_small_count_on_the_command_line(store: Store) -> None:
    """2019: one transgender person assessed as a victim (published). Viewers see "<3"."""
    args = ["figure", "victims_assessed", "2019", "--sex", "transgender"]
    for_viewer = _invoke(store, "viewer1", ["--json", *args])
    assert for_viewer.exit_code == 0, for_viewer.output
    payload = json.loads(for_viewer.output)["preferred"]
    assert payload["value"] is None and payload["suppressed"]["kind"] == "small"
    assert "<3" in _invoke(store, "viewer1", args).output
    assert (
        json.loads(_invoke(store, "auditor1", ["--json", *args]).output)["preferred"]["value"] == 1
    )

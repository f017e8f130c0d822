"""Who the command line acts as (issue 16), through whole ``planwatch`` processes.

By default a command acts as the planwatch user mapped to the operating-system account running
it; ``--user`` names someone else only for an admin, or for the owner of a personal token
(``$PLANWATCH_TOKEN``, kept hashed, revocable); ``$USER`` proves nothing; every audit entry
names the planwatch user and, in its origin, the operating-system account.
"""

from __future__ import annotations

import json
import os
import pwd
import subprocess
import sys
from pathlib import Path

import pytest

from planwatch.access import accounts, audit, tokens
from planwatch.domain.permissions import Actor, Role
from planwatch.storage import Store, users

PLANWATCH = Path(sys.executable).with_name("planwatch")
OS_USER = pwd.getpwuid(os.geteuid()).pw_name
READER = Actor("test-auditor", frozenset({Role.AUDITOR}))
FIGURE = ("figure", "victims_assessed", "2023")


def _run(
    db: Path, *args: str, token: str | None = None, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in (tokens.TOKEN_ENV, "PLANWATCH_USER")
    }
    environment |= env | ({tokens.TOKEN_ENV: token} if token is not None else {})
    return subprocess.run(
        [str(PLANWATCH), "--lang", "en", *args, "--db", str(db)],
        capture_output=True,
        text=True,
        input=stdin,
        env=environment,
        timeout=120,
        check=False,
    )


def _map(store: Store, name: str | None) -> None:
    """What an admin does with ``planwatch users map-os-user``, for the tests' own account."""
    admin = accounts.actor_for(store, "admin1")
    tokens.map_os_user(store, admin, OS_USER, name)


def _log(store: Store) -> list[audit.AuditEntry]:
    return audit.entries(store, READER)


@pytest.fixture
def store(users_store: Store) -> Store:
    """The users database with the tests' operating-system account mapped to nobody."""
    _map(users_store, None)
    return users_store


def test_an_unmapped_account_acts_as_nobody_and_may_not_name_a_user(store: Store) -> None:
    plain = _run(store.path, *FIGURE)
    assert plain.returncode == 5, plain.stderr
    assert "must be signed in" in plain.stderr
    assert f"ask an admin for 'planwatch users map-os-user {OS_USER} NAME'" in plain.stderr
    named = _run(store.path, "--user", "viewer1", *FIGURE)
    assert named.returncode == 5
    assert f"{OS_USER} is not mapped" in named.stderr and "PLANWATCH_TOKEN" in named.stderr
    assert "Traceback" not in named.stderr + named.stdout
    refused = [e for e in _log(store) if e.action == "permission-denied"]
    assert refused[-1].actor == "viewer1"
    assert refused[-1].origin.startswith(f"cli {OS_USER}@") and "[unmapped" in refused[-1].origin


def test_the_environment_proves_nothing(store: Store) -> None:
    """$USER and $LOGNAME are whatever the caller sets; the account comes from the user id."""
    forged = _run(store.path, "--user", "admin1", *FIGURE, USER="admin1", LOGNAME="admin1")
    assert forged.returncode == 5
    assert f"{OS_USER} is not mapped" in forged.stderr
    via_env = _run(store.path, *FIGURE, PLANWATCH_USER="viewer1")
    assert via_env.returncode == 5


def test_a_mapped_account_acts_as_its_user_and_a_non_admin_names_nobody_else(
    store: Store,
) -> None:
    _map(store, "viewer1")
    shown = _run(store.path, "--json", *FIGURE)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["preferred"]["value"] is not None
    assert _run(store.path, "--user", "viewer1", *FIGURE).returncode == 0  # itself: fine
    other = _run(store.path, "--user", "auditor1", "audit", "verify")
    assert other.returncode == 5
    assert "viewer1 may not act as auditor1" in other.stderr
    assert _log(store)[-1].action == "permission-denied"


def test_an_admin_acts_for_another_user_and_the_log_names_both(store: Store) -> None:
    _map(store, "admin1")
    corrected = _run(
        store.path,
        *("--user", "uploader1", "correct", "hotline_calls", "2019"),
        *("--source", "cmm-tal-2019", "--value", "901", "--reason", "identity test"),
    )
    assert corrected.returncode == 0, corrected.stderr
    entry = next(e for e in reversed(_log(store)) if e.action == "correction")
    assert entry.actor == "uploader1"
    assert entry.origin.startswith(f"cli {OS_USER}@")
    assert entry.origin.endswith("[os-user admin1, acting as uploader1]")
    unknown = _run(store.path, "--user", "nobody", "audit", "verify")
    assert unknown.returncode == 5 and "does not exist" in unknown.stderr


def test_a_personal_token_proves_its_owner_until_it_is_revoked(store: Store) -> None:
    _map(store, "admin1")
    made = _run(store.path, "--json", "users", "token", "create", "auditor1", "--label", "laptop")
    assert made.returncode == 0, made.stderr
    secret = json.loads(made.stdout)["token"]
    token_id = json.loads(made.stdout)["info"]["token_id"]
    _map(store, None)
    verified = _run(store.path, "audit", "verify", token=secret)
    assert verified.returncode == 0, verified.stderr
    assert _run(store.path, "--user", "auditor1", "audit", "verify", token=secret).returncode == 0
    other = _run(store.path, "--user", "viewer1", *FIGURE, token=secret)
    assert other.returncode == 5 and "auditor1 may not act as viewer1" in other.stderr
    exported = _run(store.path, "export", "--out", str(store.path.parent / "x"), token=secret)
    assert exported.returncode == 0, exported.stderr
    entry = next(e for e in reversed(_log(store)) if e.action == "export")
    assert entry.actor == "auditor1"
    assert entry.origin == entry.origin.split(" [")[0] + f" [token #{token_id} auditor1]"
    # the owner lists it (never the token itself) and revokes it
    listed = _run(store.path, "--json", "users", "token", "list", token=secret)
    assert [t["token_id"] for t in json.loads(listed.stdout)] == [token_id]
    assert secret not in listed.stdout
    assert _run(store.path, "users", "token", "revoke", str(token_id), token=secret).returncode == 0
    revoked = _run(store.path, "audit", "verify", token=secret)
    assert revoked.returncode == 5 and "unknown or revoked" in revoked.stderr
    wrong = _run(store.path, "audit", "verify", token="pwt_" + "x" * 43)
    assert wrong.returncode == 5 and "unknown or revoked" in wrong.stderr
    assert [e.action for e in _log(store) if e.action.startswith("token-")] == [
        "token-created",
        "token-revoked",
    ]


def test_a_token_is_kept_only_as_its_hash(store: Store) -> None:
    admin = accounts.actor_for(store, "admin1")
    _, secret = tokens.create_token(store, admin, "viewer1")
    assert secret.startswith("pwt_") and len(secret) >= 40
    with store.connect() as connection:
        text = str(connection.execute("SELECT * FROM cli_tokens").fetchall())
        connection.execute("CHECKPOINT")
    assert secret not in text and secret[4:] not in text
    assert secret.encode() not in store.path.read_bytes()


@pytest.mark.skipif(os.geteuid() != 0, reason="giving the file to another account needs root")
def test_only_an_admin_or_the_database_files_owner_maps_accounts(store: Store) -> None:
    _map(store, "viewer1")
    os.chown(store.path, 65534, 65534)  # the file belongs to another account now
    refused = _run(store.path, "users", "map-os-user", OS_USER, "admin1")
    assert refused.returncode == 5, refused.stderr
    with store.connect(read_only=True) as connection:
        assert users.os_user_name(connection, OS_USER) == "viewer1"
    os.chown(store.path, os.geteuid(), os.getegid())
    # the owner of the file (the operator, who could change it anyway) may
    owned = _run(store.path, "users", "map-os-user", OS_USER, "admin1")
    assert owned.returncode == 0, owned.stderr
    mapped = [e for e in _log(store) if e.action == "os-user-mapped"][-1]
    assert (mapped.subject, mapped.details["os_user"], mapped.details["before"]) == (
        "admin1",
        OS_USER,
        "viewer1",
    )
    assert mapped.actor == f"os-user {OS_USER} (database file owner)"
    listed = _run(store.path, "--json", "users", "os-users")
    assert [(m["os_user"], m["name"]) for m in json.loads(listed.stdout)] == [(OS_USER, "admin1")]


@pytest.mark.parametrize("name", ["eve\n2026-01-01 admin1 sign-in", "x" * 200, "eve\x1b[2J"])
def test_a_user_name_with_control_characters_is_refused_before_the_log(
    store: Store, name: str
) -> None:
    _map(store, "admin1")
    before = len(_log(store))
    result = _run(store.path, "--user", name, *FIGURE)
    assert result.returncode == 2, result.stderr
    assert "Invalid user name" in result.stderr
    assert "\x1b" not in result.stderr and result.stderr.count("\n") == 1
    assert len(_log(store)) == before


def test_the_first_admin_maps_the_account_that_made_them_and_the_readme_goes_on(
    tmp_path: Path,
) -> None:
    db = tmp_path / "fresh.duckdb"
    assert _run(db, "init").returncode == 0
    first = _run(db, "users", "add", "karen", "--role", "admin", "--password-stdin",
                 stdin="a long passphrase of hers\n")  # fmt: skip
    assert first.returncode == 0, first.stderr
    assert f"{OS_USER} now acts as karen" in first.stdout
    added = _run(db, "users", "add", "mette", "--role", "viewer", "--no-password",
                 "--email", "mette@ministry.example")  # fmt: skip
    assert added.returncode == 0, added.stderr
    as_named = _run(db, "--user", "karen", "users", "grant", "mette", "auditor")
    assert as_named.returncode == 0, as_named.stderr
    granted = [e for e in _log(Store(db)) if e.action == "role-granted"][-1]
    assert granted.actor == "karen" and granted.origin.endswith("[os-user karen]")

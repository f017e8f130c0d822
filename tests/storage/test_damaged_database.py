"""A database that cannot be opened: the CLI and the app say so plainly, with what to do.

What DuckDB does with a damaged file (measured with duckdb 2.0, and pinned here so that a new
DuckDB that behaves differently shows up as a failing test rather than as a traceback):

* a write-ahead log (``<file>.wal``) damaged inside its entries: the checksum of an entry does
  not match, and connecting fails ("Failure while replaying WAL file ... Corrupt WAL file");
* garbage after the last complete entry, a log cut short, or a log that is garbage from its
  first byte: ignored *silently*; what it held from the damage on counts as never committed;
* a main file whose header is overwritten (or an empty file): connecting fails ("not a valid
  DuckDB database file");
* a main file cut short: connecting works, and the first query that reads a block beyond the
  end fails ("Could not read enough bytes"); garbage inside it fails with a block checksum.

planwatch turns every failing case into DatabaseUnavailableError (CLI exit 3) naming the file
and what to do: restore from the latest backup or rebuild from the stored uploads.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from planwatch.access import audit
from planwatch.domain.periods import Period
from planwatch.domain.permissions import Role
from planwatch.errors import DatabaseUnavailableError
from planwatch.figures import reporting
from planwatch.storage import Store
from tests.actors import acting
from tests.helpers_access import add_user, sign_in
from tests.paths import APP, TEST_DATA

PLANWATCH = Path(sys.executable).with_name("planwatch")
KPI_FILE = TEST_DATA / "valid/kpi-danish-excel-cp1252.csv"
WHAT_TO_DO_EN = ("cannot be opened or read", "latest backup", "planwatch db restore")
WHAT_TO_DO_DA = ("kan ikke åbnes eller læses", "sikkerhedskopi", "planwatch db restore")


def _noise(seed: int, size: int) -> bytes:
    """``size`` bytes of seeded garbage."""
    return hashlib.shake_256(str(seed).encode()).digest(size)


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _leave_a_wal(path: Path) -> None:
    """Commit a change that stays in the write-ahead log (as after a crash before the
    checkpoint): the log then holds a whole, committed transaction."""
    connection = duckdb.connect(str(path))
    connection.execute("PRAGMA disable_checkpoint_on_shutdown")
    connection.execute("SET checkpoint_threshold = '1TB'")
    connection.execute("CREATE TABLE crash_marker AS SELECT range AS i FROM range(1000)")
    connection.close()
    assert _wal(path).stat().st_size > 1000


def _garbage_inside_the_wal(path: Path) -> None:
    _leave_a_wal(path)
    data = bytearray(_wal(path).read_bytes())
    data[100:600] = _noise(1, 500)
    _wal(path).write_bytes(bytes(data))


def _header_overwritten(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.write(_noise(2, 3 * 4096))


def _cut_short(path: Path) -> None:
    """The first MiB only: the headers are whole, every table's blocks are gone. (Cut at a
    third, the tables whose blocks happen to lie in that third can still be read.)"""
    data = path.read_bytes()
    path.write_bytes(data[: 1024 * 1024])


DAMAGE: dict[str, Callable[[Path], None]] = {
    "wal-damaged-inside": _garbage_inside_the_wal,
    "main-header-overwritten": _header_overwritten,
    "main-cut-short": _cut_short,
}


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PLANWATCH_LOCK_TIMEOUT": "3"}
    return subprocess.run(
        [str(PLANWATCH), "--lang", "en", *args, "--db", str(db)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def _damaged(users_store: Store, how: str) -> Path:
    DAMAGE[how](users_store.path)
    return users_store.path


@pytest.mark.parametrize("how", sorted(DAMAGE))
def test_the_store_says_the_database_is_damaged_and_what_to_do(
    users_store: Store, how: str
) -> None:
    _damaged(users_store, how)
    with pytest.raises(DatabaseUnavailableError) as raised:
        audit.verify(users_store, acting("auditor", Role.AUDITOR))
    for part in WHAT_TO_DO_EN:
        assert part in raised.value.message_en
    for part in WHAT_TO_DO_DA:
        assert part in raised.value.message_da
    shown = ".wal" if how.startswith("wal") else users_store.path.name
    assert shown in raised.value.message_en
    with pytest.raises(DatabaseUnavailableError):
        reporting.latest_core_figures(users_store)


@pytest.mark.parametrize("how", sorted(DAMAGE))
def test_the_cli_exits_3_with_a_plain_message(users_store: Store, how: str) -> None:
    db = _damaged(users_store, how)
    commands = [
        ("figure", "victims_assessed", "2023", "--user", "viewer1"),
        ("audit", "verify", "--user", "auditor1"),
        ("import", str(KPI_FILE), "--kind", "kpi", "--user", "uploader1"),
    ]
    for command in commands:
        result = _cli(db, *command)
        shown = result.stdout + result.stderr
        assert result.returncode == 3, (command, shown)
        assert "Traceback" not in shown
        for part in WHAT_TO_DO_EN:
            assert part in result.stderr, (command, shown)


def test_damage_the_log_ignores_is_what_duckdb_treats_as_never_committed(
    users_store: Store,
) -> None:
    """Garbage appended after a complete log, or a log that is garbage throughout, does not
    stop the database from opening: DuckDB replays what is whole and ignores the rest."""
    path = users_store.path
    _leave_a_wal(path)
    with _wal(path).open("ab") as handle:
        handle.write(_noise(3, 4000))
    assert audit.verify(users_store, acting("auditor", Role.AUDITOR)).ok
    with duckdb.connect(str(path), read_only=True) as connection:
        assert connection.execute("SELECT count(*) FROM crash_marker").fetchone() == (1000,)
    _wal(path).write_bytes(_noise(4, 8192))
    assert audit.verify(users_store, acting("auditor", Role.AUDITOR)).ok
    assert reporting.figure(users_store, "victims_assessed", Period(2023)) is not None


def _app_texts(app: AppTest) -> str:
    parts = [e.value for e in app.error] + [w.value for w in app.warning]
    parts += [i.value for i in app.info] + [m.value for m in app.markdown]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("how", sorted(DAMAGE))
def test_the_app_says_so_to_a_signed_in_user(
    users_store: Store, how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    viewer = add_user(users_store, "viewer@damaged", [Role.VIEWER])
    _damaged(users_store, how)
    monkeypatch.setenv("PLANWATCH_DB", str(users_store.path))
    monkeypatch.setenv("PLANWATCH_LOCK_TIMEOUT", "3")
    app = AppTest.from_file(APP, default_timeout=60)
    sign_in(app, viewer)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    errors = "\n".join(e.value for e in app.error)
    for part in WHAT_TO_DO_DA:
        assert part in errors, _app_texts(app)
    assert "Traceback" not in _app_texts(app)


@pytest.mark.parametrize("how", sorted(DAMAGE))
def test_the_sign_in_page_says_so_when_someone_signs_in(
    users_store: Store, how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _damaged(users_store, how)
    monkeypatch.setenv("PLANWATCH_DB", str(users_store.path))
    monkeypatch.setenv("PLANWATCH_LOCK_TIMEOUT", "3")
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    app.text_input(key="signin_name").input("viewer1")
    app.text_input(key="signin_password").input("whatever it is")
    app.button[0].click().run()
    assert not app.exception, [e.value for e in app.exception]
    errors = "\n".join(e.value for e in app.error)
    for part in WHAT_TO_DO_DA:
        assert part in errors, _app_texts(app)

from __future__ import annotations

import pytest

from planwatch.errors import MigrationError, SchemaOutdatedError
from planwatch.storage import MIGRATIONS, Migration, Store, migrations


def test_a_new_database_gets_every_migration_in_order(empty_store: Store) -> None:
    applied = migrations.migrate(empty_store)
    assert applied == [m.name for m in MIGRATIONS]
    assert applied == sorted(applied), "migration names must sort in the order they apply"
    states = migrations.status(empty_store)
    assert [s.name for s in states] == applied
    assert all(s.applied for s in states)


def test_migrating_twice_applies_nothing_the_second_time(empty_store: Store) -> None:
    migrations.migrate(empty_store)
    assert migrations.migrate(empty_store) == []


def test_status_of_a_missing_database_lists_everything_pending(empty_store: Store) -> None:
    states = migrations.status(empty_store)
    assert [s.applied for s in states] == [False] * len(MIGRATIONS)
    assert not empty_store.path.exists(), "listing must not create the file"


def test_a_failing_migration_is_rolled_back_whole(empty_store: Store) -> None:
    broken = (
        *MIGRATIONS,
        Migration("9001_half_broken", "CREATE TABLE half (a INTEGER); SELECT * FROM nowhere;"),
    )
    with pytest.raises(MigrationError) as raised:
        migrations.migrate(empty_store, broken)
    assert "9001_half_broken" in raised.value.message_en
    with empty_store.connect(read_only=True) as connection:
        tables = {
            r[0] for r in connection.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        }
    assert "half" not in tables
    states = {s.name: s.applied for s in migrations.status(empty_store, broken)}
    assert states["9001_half_broken"] is False
    assert all(states[m.name] for m in MIGRATIONS), "earlier migrations stay applied"


def test_an_edited_applied_migration_is_refused(empty_store: Store) -> None:
    migrations.migrate(empty_store)
    first = MIGRATIONS[0]
    edited = (Migration(first.name, first.sql + "\n-- edited"), *MIGRATIONS[1:])
    with pytest.raises(MigrationError, match="edited"):
        migrations.migrate(empty_store, edited)


def test_a_database_from_a_newer_planwatch_is_refused(empty_store: Store) -> None:
    newer = (*MIGRATIONS, Migration("9002_future", "CREATE TABLE future (a INTEGER);"))
    migrations.migrate(empty_store, newer)
    with pytest.raises(SchemaOutdatedError, match="newer"):
        migrations.status(empty_store)

"""The figures' freshness key (issue 17): it changes with every write that can change a figure a
page shows, and with no other write."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from planwatch.access import accounts, approvals
from planwatch.domain.clock import utc_now
from planwatch.domain.periods import Period
from planwatch.figures import corrections
from planwatch.storage import (
    Store,
    dashboard_sql,
    disclosure_sql,
    freshness,
    migrations,
    publication_sql,
    repository,
)
from tests.scenarios import APPROVER, UPLOADER


def _tables(store: Store) -> set[str]:
    with store.connect(read_only=True) as connection:
        rows = connection.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
        ).fetchall()
    return {str(row[0]) for row in rows}


def test_every_table_the_figure_readers_read_is_in_the_key(demo_store: Store) -> None:
    """The SQL behind the pages' cached calls names no table the key leaves out, so a new
    reader of another table cannot be served stale from the cache unnoticed."""
    sources = "\n".join(
        Path(module.__file__).read_text(encoding="utf-8")
        for module in (repository, dashboard_sql, disclosure_sql, publication_sql)
        if module.__file__
    )
    read = {t for t in _tables(demo_store) if re.search(rf"\b(FROM|JOIN)\s+{t}\b", sources)}
    assert read, "no table found: the pattern no longer matches the SQL"
    assert read <= set(freshness.FIGURE_TABLES), read - set(freshness.FIGURE_TABLES)
    # and the macros the readers call (observations_as_of ...) read only those tables too
    macros = "\n".join(m.sql for m in migrations.MIGRATIONS if "AS TABLE" in m.sql)
    in_macros = {t for t in _tables(demo_store) if re.search(rf"\b(FROM|JOIN)\s+{t}\b", macros)}
    assert in_macros <= set(freshness.FIGURE_TABLES), in_macros - set(freshness.FIGURE_TABLES)


def test_the_key_counts_every_figure_table() -> None:
    for table in freshness.FIGURE_TABLES:
        assert f"count(*) FROM {table})" in freshness._KEY_SQL, table


def test_users_sign_ins_and_the_audit_log_leave_the_key(demo_store: Store) -> None:
    first = freshness.figures_key(demo_store)
    passwords = accounts.demo_users(demo_store)
    viewer = accounts.sign_in(demo_store, "demo-viewer", passwords["demo-viewer"], origin="t")
    accounts.sign_out(demo_store, viewer)
    assert freshness.figures_key(demo_store) == first


def test_a_submission_and_its_approval_each_change_the_key(demo_store: Store) -> None:
    first = freshness.figures_key(demo_store)
    now = utc_now()
    receipt = corrections.correct_observation(
        demo_store,
        indicator="victims_assessed",
        period=Period(2023),
        source_id="cmm-tal-2023",
        new_value=Decimal(130),
        reason="sager talt med for sent",
        actor=UPLOADER,
        now=now,
    )
    submitted = freshness.figures_key(demo_store)
    assert submitted != first
    approvals.approve(demo_store, APPROVER, receipt.change_set_id, now=now)
    assert freshness.figures_key(demo_store) not in (first, submitted)


@pytest.mark.parametrize(
    ("table", "sql"),
    [
        (
            "sources",
            "INSERT INTO sources (source_id, title, publisher, kind) "
            "VALUES ('new-source', 'A new source', 'Someone', 'official')",
        ),
        (
            "indicators",
            "INSERT INTO indicators (code, name_da, name_en, definition_da, definition_en, unit, "
            "aggregation, direction, is_core) VALUES ('new_one', 'Ny', 'New', 'd', 'd', "
            "'persons', 'flow', 'up', false)",
        ),
    ],
)
def test_a_new_definition_changes_the_key(demo_store: Store, table: str, sql: str) -> None:
    first = freshness.figures_key(demo_store)
    with demo_store.transaction() as connection:
        connection.execute(sql)
    assert freshness.figures_key(demo_store) != first, table

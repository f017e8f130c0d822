"""SQL for the history of definitions: sources, indicators and their synonyms, plans, action
areas and initiatives (issue 19).

The rows of the definition tables hold each definition as first stored:
sealed once in the audit chain and never changed (DuckDB also cannot change a column other rows
refer to). Every later state is a *version* in ``definition_versions``: the row as a JSON object
(the same text the content seal writes), in a change set that says who, when and why. Readers
take definitions through the ``*_as_of`` macros (migrations 0010 and 0012): the latest approved
version at or before the moment, else the row itself when the definition has no version at all.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final

import duckdb

from planwatch.storage import content_seal

VERSIONED: Final = (
    "sources",
    "indicators",
    "indicator_synonyms",
    "plans",
    "action_areas",
    "initiatives",
)
"""The definition tables with history."""

DEFINITION_UNIT: Final = f"{content_seal.DEFINITION}:"
"""How a definition's sealed unit begins: ``definition:plans:<id>``."""


def record_stored(
    connection: duckdb.DuckDBPyConnection, change_set_id: int, units: Iterable[str]
) -> int:
    """Write, in this change set, a version of each definition named by these units
    (``definition:plans:<id>`` …) as its row holds it now: a plan just defined. Returns how many."""
    keys: dict[str, list[str]] = {table: [] for table in VERSIONED}
    for name in units:
        table, _, key = name.removeprefix(DEFINITION_UNIT).partition(":")
        if name.startswith(DEFINITION_UNIT) and table in keys:
            keys[table].append(key)
    written = 0
    for table, wanted in keys.items():
        if not wanted:
            continue
        row_key = content_seal.definition_row_key(table)
        before = count_in(connection, change_set_id)
        connection.execute(
            f"INSERT INTO definition_versions (change_set_id, table_name, row_key, content) "  # noqa: S608 - constants
            f"SELECT $cs, $table, {row_key}, {content_seal.definition_json(table)} FROM {table} "
            f"WHERE {row_key} IN (SELECT unnest($keys::VARCHAR[]))",
            {"cs": change_set_id, "table": table, "keys": wanted},
        )
        written += count_in(connection, change_set_id) - before
    return written


def synonym_codes(connection: duckdb.DuckDBPyConnection) -> set[str]:
    """The indicators that have a stored list of synonyms."""
    return {str(r[0]) for r in connection.execute("SELECT code FROM indicator_synonyms").fetchall()}


def count_in(connection: duckdb.DuckDBPyConnection, change_set_id: int) -> int:
    """How many versions the change set wrote."""
    found = connection.execute(
        "SELECT count(*) FROM definition_versions WHERE change_set_id = ?", [change_set_id]
    ).fetchall()
    return int(found[0][0])


def current(connection: duckdb.DuckDBPyConnection, table: str, key: str) -> dict[str, Any] | None:
    """A definition as it stands now (its latest version, else its row), as canonical text."""
    if table not in VERSIONED:
        raise ValueError(table)
    latest = connection.execute(
        "SELECT content FROM definition_versions d JOIN change_sets c USING (change_set_id) "
        "WHERE d.table_name = ? AND d.row_key = ? "
        "ORDER BY d.from_start, c.recorded_at DESC, d.change_set_id DESC LIMIT 1",
        [table, key],
    ).fetchall()
    if latest:
        found: dict[str, Any] = json.loads(str(latest[0][0]))
        return found
    row_key = content_seal.definition_row_key(table)
    stored = connection.execute(
        f"SELECT {content_seal.definition_json(table)} FROM {table} WHERE {row_key} = ?",  # noqa: S608 - constants
        [key],
    ).fetchall()
    if not stored:
        return None
    as_stored: dict[str, Any] = json.loads(str(stored[0][0]))
    return as_stored


def revise(
    connection: duckdb.DuckDBPyConnection,
    change_set_id: int,
    table: str,
    key: str,
    content: Mapping[str, Any],
) -> bool:
    """Write a new version of a stored definition when ``content`` (canonical text, every column
    of its table) differs from what it is now; a definition with no version yet first gets its
    row as the version that holds from the beginning. True when a version was written."""
    now = current(connection, table, key)
    if now is None:
        raise ValueError(f"{table} {key} is not stored")
    wanted = {column: content.get(column) for column in now}
    if wanted == now:
        return False
    has_versions = connection.execute(
        "SELECT count(*) FROM definition_versions WHERE table_name = ? AND row_key = ?",
        [table, key],
    ).fetchall()[0][0]
    rows = [] if has_versions else [[change_set_id, table, key, json.dumps(now), True]]
    rows.append([change_set_id, table, key, json.dumps(wanted, ensure_ascii=False), False])
    connection.executemany(
        "INSERT INTO definition_versions (change_set_id, table_name, row_key, content, "
        "from_start) VALUES (?, ?, ?, ?, ?)",
        rows,
    )
    return True


FIXED: Final[dict[str, frozenset[str]]] = {
    "sources": frozenset({"source_id", "kind"}),
    "indicators": frozenset({"code", "unit", "aggregation", "direction", "is_core"}),
    "indicator_synonyms": frozenset({"code"}),
    "plans": frozenset({"plan_id", "start_date", "end_date"}),
    "action_areas": frozenset({"plan_id", "code"}),
    "initiatives": frozenset({"code", "plan_id", "action_area_code"}),
}
"""What a release's files never change (and no plan workbook either, but for one exception):
keys, an indicator's unit, aggregation, direction and core flag, a source's kind (whether it is
illustrative), a plan's period, where an initiative belongs. The exception: a plan's own result
indicator may get a new unit or aggregation while no figure of it is stored
(``plan_results.WHILE_NO_FIGURES``); the readers that sum and suppress figures read them through
the macro ``indicator_rules()`` (the latest version), which is right for every figure stored."""


def incoming_texts(
    connection: duckdb.DuckDBPyConnection, table: str, rows: Any, keys: Iterable[str]
) -> dict[str, dict[str, Any]]:
    """Rows of a definition table read from files (a data frame with the table's columns), as
    the canonical text a version holds, for the keys asked."""
    if table not in VERSIONED:
        raise ValueError(table)
    wanted = sorted(set(keys))
    columns = ", ".join(content_seal.definition_columns(table))
    row_key = content_seal.definition_row_key(table)
    connection.register("incoming_definition_rows", rows)
    try:  # the table's own types, so that the text is what a stored row's would be
        connection.execute(
            f"CREATE OR REPLACE TEMP TABLE incoming_definitions_typed AS "  # noqa: S608 - constants
            f"SELECT {columns} FROM {table} LIMIT 0"
        )
        connection.execute(
            f"INSERT INTO incoming_definitions_typed SELECT {columns} "  # noqa: S608 - constants
            "FROM incoming_definition_rows"
        )
        found = connection.execute(
            f"SELECT {row_key}, {content_seal.definition_json(table)} "  # noqa: S608 - constants
            f"FROM incoming_definitions_typed WHERE {row_key} IN (SELECT unnest(?::VARCHAR[]))",
            [wanted],
        ).fetchall()
    finally:
        connection.unregister("incoming_definition_rows")
        connection.execute("DROP TABLE IF EXISTS incoming_definitions_typed")
    return {str(key): json.loads(str(text)) for key, text in found}


def revise_from_files(
    connection: duckdb.DuckDBPyConnection,
    table: str,
    incoming: Mapping[str, Mapping[str, Any]],
    change_set: Callable[[], int],
) -> tuple[list[str], list[str]]:
    """Revise the definitions whose bundled files now say otherwise (a release corrected a name,
    a definition, a total): a version of each, in the change set ``change_set()`` gives. Returns
    (the keys revised, the keys where the files still differ and were not applied: a column
    that never changes (:data:`FIXED`), or a definition revised in planwatch since, which a
    release does not overwrite)."""
    revised: list[str] = []
    kept: list[str] = []
    for key, wanted in incoming.items():
        now = current(connection, table, key)
        if now is None or dict(wanted) == now:
            continue
        if _revised_in_planwatch(connection, table, key):
            kept.append(key)
            continue
        merged = {**wanted, **{c: now.get(c) for c in FIXED[table]}}
        if merged != now and revise(connection, change_set(), table, key, merged):
            revised.append(key)
        if merged != dict(wanted):
            kept.append(key)
    return revised, kept


def _revised_in_planwatch(connection: duckdb.DuckDBPyConnection, table: str, key: str) -> bool:
    """A version written by a plan workbook (not by the bundled files)."""
    found = connection.execute(
        "SELECT count(*) FROM definition_versions d JOIN change_sets c USING (change_set_id) "
        "WHERE d.table_name = ? AND d.row_key = ? AND c.kind <> 'reference'",
        [table, key],
    ).fetchall()
    return bool(found[0][0])

"""SQL for uploads: what is already stored for the incoming keys, and the upload record.

An upload is checked against the figures as they will be once everything submitted so far is
approved (``visibility := 'submitted'``): sending the same file twice stores nothing, and a
changed value is a correction that needs a reason, whether the earlier value is approved yet or
not. Returned submissions do not count.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Final

import duckdb

from planwatch.storage.rows import FAR_FUTURE, as_dicts, not_distinct

if TYPE_CHECKING:
    import pandas as pd

# table -> (as-of macro, key columns, value column)
_TARGETS: Final[dict[str, tuple[str, tuple[str, ...], str]]] = {
    "observation_versions": (
        "observations_as_of",
        ("indicator_code", "year", "quarter", "sex", "age_group", "exploitation", "source_id"),
        "value",
    ),
    "allocation_versions": ("allocations_as_of", ("initiative_code", "year"), "amount_dkk"),
    "spending_versions": ("spending_as_of", ("initiative_code", "year", "quarter"), "amount_dkk"),
}


def stored_for_keys(
    connection: duckdb.DuckDBPyConnection, table: str, incoming: pd.DataFrame
) -> list[dict[str, Any]]:
    """For each incoming row (by its ``_row``): the current stored value for the same key, and
    whether that stored value is illustrative. No stored value: ``old_value`` is NULL."""
    macro, key, value = _TARGETS[table]
    connection.register("incoming_keys", incoming.loc[:, ["_row", *key]])
    try:
        join = " AND ".join(not_distinct(c) for c in key)
        return as_dicts(
            connection.execute(
                f"""
                SELECT i._row, c.{value} AS old_value, c.version_id AS old_version_id,
                       s.kind = 'illustrative' AS old_illustrative
                FROM incoming_keys i
                LEFT JOIN (SELECT * FROM {macro}($as_of, visibility := 'submitted')
                           WHERE NOT withdrawn) c
                    ON {join}
                LEFT JOIN sources s ON s.source_id = c.source_id
                ORDER BY i._row
                """,  # noqa: S608 - names from the constant table above
                {"as_of": FAR_FUTURE},
            )
        )
    finally:
        connection.unregister("incoming_keys")


def definitions(connection: duckdb.DuckDBPyConnection) -> dict[str, list[dict[str, Any]]]:
    """Indicators, initiatives (with their plan's period and total) and plans."""
    return {
        "indicators": as_dicts(
            connection.execute(
                "SELECT code, name_da, name_en, unit, aggregation FROM indicators_as_of(?) "
                "ORDER BY code",
                [FAR_FUTURE],
            )
        ),
        "initiatives": as_dicts(
            connection.execute(
                """
                SELECT i.code, i.name_da, i.name_en, i.plan_id, i.action_area_code,
                       year(p.start_date) AS first_year, year(p.end_date) AS last_year,
                       p.total_dkk
                FROM initiatives i JOIN plans p USING (plan_id) ORDER BY i.code
                """
            )
        ),
    }


def quarterly_history(
    connection: duckdb.DuckDBPyConnection, indicators: list[str]
) -> list[dict[str, Any]]:
    """Current preferred totals per indicator, year and quarter (quarter NULL = the year)."""
    return as_dicts(
        connection.execute(
            """
            SELECT indicator_code, year, quarter, value
            FROM observations_as_of($as_of, visibility := 'submitted')
            WHERE indicator_code IN (SELECT unnest($codes::VARCHAR[])) AND NOT withdrawn
              AND is_preferred AND sex = 'all' AND age_group = 'all' AND exploitation = 'all'
            """,
            {"as_of": FAR_FUTURE, "codes": indicators},
        )
    )


def current_breakdown_values(
    connection: duckdb.DuckDBPyConnection, indicators: list[str]
) -> list[dict[str, Any]]:
    """Current preferred quarterly values of every breakdown, to check parts against totals."""
    return as_dicts(
        connection.execute(
            """
            SELECT indicator_code, year, quarter, sex, age_group, exploitation, value
            FROM observations_as_of($as_of, visibility := 'submitted')
            WHERE indicator_code IN (SELECT unnest($codes::VARCHAR[])) AND NOT withdrawn
              AND is_preferred AND quarter IS NOT NULL
            """,
            {"as_of": FAR_FUTURE, "codes": indicators},
        )
    )


def money_state(
    connection: duckdb.DuckDBPyConnection, initiatives: list[str]
) -> dict[str, list[dict[str, Any]]]:
    """Current allocations and spending of the given initiatives, and of every initiative in
    the same plans (for the plan-total rule)."""
    params = {"as_of": FAR_FUTURE, "codes": initiatives}
    plans = "(SELECT plan_id FROM initiatives WHERE code IN (SELECT unnest($codes::VARCHAR[])))"
    return {
        "allocations": as_dicts(
            connection.execute(
                f"""
                SELECT a.initiative_code, i.plan_id, a.year, a.amount_dkk
                FROM allocations_as_of($as_of, visibility := 'submitted') a
                JOIN initiatives i ON i.code = a.initiative_code
                WHERE NOT a.withdrawn AND i.plan_id IN {plans}
                """,  # noqa: S608 - constant fragment
                params,
            )
        ),
        "spending": as_dicts(
            connection.execute(
                """
                SELECT initiative_code, year, quarter, amount_dkk
                FROM spending_as_of($as_of, visibility := 'submitted')
                WHERE NOT withdrawn AND initiative_code IN (SELECT unnest($codes::VARCHAR[]))
                """,
                params,
            )
        ),
    }


def demote_other_sources(
    connection: duckdb.DuckDBPyConnection,
    change_set_id: int,
    incoming: pd.DataFrame,
    source_id: str,
) -> int:
    """Where another source's figure is preferred for a key that the upload now gives, record a
    version of that figure that is no longer preferred (exactly one source stays preferred)."""
    key = ("indicator_code", "year", "quarter", "sex", "age_group", "exploitation")
    connection.register("incoming_preferred", incoming.loc[:, list(key)])
    try:
        join = " AND ".join(not_distinct(c) for c in key)
        before = connection.execute("SELECT count(*) FROM observation_versions").fetchall()[0][0]
        connection.execute(
            f"""
            INSERT INTO observation_versions (change_set_id, indicator_code, year, quarter, sex,
                age_group, exploitation, source_id, value, is_preferred, withdrawn, note)
            SELECT $change_set, c.indicator_code, c.year, c.quarter, c.sex, c.age_group,
                   c.exploitation, c.source_id, c.value, false, false, c.note
            FROM (SELECT * FROM observations_as_of($as_of) WHERE NOT withdrawn) c
            JOIN incoming_preferred i ON {join}
            WHERE c.is_preferred AND c.source_id <> $source
            """,  # noqa: S608 - constant fragments
            {"change_set": change_set_id, "as_of": FAR_FUTURE, "source": source_id},
        ).fetchall()
        after = connection.execute("SELECT count(*) FROM observation_versions").fetchall()[0][0]
        return int(after - before)
    finally:
        connection.unregister("incoming_preferred")


def insert_upload(connection: duckdb.DuckDBPyConnection, record: dict[str, Any]) -> int:
    rows = connection.execute(
        """
        INSERT INTO uploads (change_set_id, kind, file_name, file_format, sheet, sha256,
            size_bytes, uploaded_by, uploaded_at, reason, rows_total, rows_new, rows_unchanged,
            rows_corrected, accepted_warnings, content)
        VALUES ($change_set_id, $kind, $file_name, $file_format, $sheet, $sha256, $size_bytes,
            $uploaded_by, $uploaded_at, $reason, $rows_total, $rows_new, $rows_unchanged,
            $rows_corrected, $accepted_warnings, $content)
        RETURNING upload_id
        """,
        {
            **record,
            "accepted_warnings": json.dumps(record["accepted_warnings"], ensure_ascii=False),
        },
    ).fetchall()
    return int(rows[0][0])


def uploads_with_sha(connection: duckdb.DuckDBPyConnection, sha256: str) -> list[dict[str, Any]]:
    return as_dicts(
        connection.execute(
            "SELECT upload_id, file_name, uploaded_by, uploaded_at FROM uploads "
            "WHERE sha256 = ? ORDER BY upload_id",
            [sha256],
        )
    )


def upload(connection: duckdb.DuckDBPyConnection, upload_id: int) -> dict[str, Any] | None:
    rows = as_dicts(connection.execute("SELECT * FROM uploads WHERE upload_id = ?", [upload_id]))
    if not rows:
        return None
    row = rows[0]
    row["accepted_warnings"] = json.loads(row["accepted_warnings"])
    return row

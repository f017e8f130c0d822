"""SQL for the tables auditors export: every one as stored at a moment (``as_of``).

Each query returns one row per figure, figure-version, upload, entry or definition; one value
per cell; codes in their own columns. ``as_of`` is UTC; nothing recorded after it appears, and a
review after it does not count (a figure approved later is still ``submitted`` then).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final

import duckdb

if TYPE_CHECKING:
    import pandas as pd

_HISTORY: Final = """
WITH status AS (SELECT * FROM change_set_status($as_of)),
versions AS (
    SELECT 'observation' AS figure_table, v.version_id, v.change_set_id,
           v.indicator_code, NULL::VARCHAR AS initiative_code, v.year, v.quarter,
           v.sex, v.age_group, v.exploitation, v.source_id,
           v.value, v.is_preferred, v.withdrawn, v.note
    FROM observation_versions v
    UNION ALL
    SELECT 'allocation', v.version_id, v.change_set_id, NULL, v.initiative_code, v.year, NULL,
           NULL, NULL, NULL, v.source_id, v.amount_dkk, NULL, v.withdrawn, v.note
    FROM allocation_versions v
    UNION ALL
    SELECT 'spending', v.version_id, v.change_set_id, NULL, v.initiative_code, v.year,
           v.quarter, NULL, NULL, NULL, v.source_id, v.amount_dkk, NULL, v.withdrawn, v.note
    FROM spending_versions v
)
SELECT v.figure_table, v.version_id, v.change_set_id, v.indicator_code, v.initiative_code,
       v.year, v.quarter, v.sex, v.age_group, v.exploitation, v.source_id,
       lag(v.value) OVER figure AS previous_value, v.value, v.is_preferred, v.withdrawn,
       v.note, c.kind AS change_kind, c.recorded_at, c.recorded_by, c.reason,
       u.upload_id, u.file_name AS upload_file, u.sha256 AS upload_sha256,
       s.status, s.reviewed_at, s.reviewed_by, s.review_comment
FROM versions v
JOIN change_sets c USING (change_set_id)
JOIN status s USING (change_set_id)
LEFT JOIN uploads u USING (change_set_id)
WINDOW figure AS (
    PARTITION BY v.figure_table, v.indicator_code, v.initiative_code, v.year,
                 coalesce(v.quarter, 0), v.sex, v.age_group, v.exploitation, v.source_id
    ORDER BY c.recorded_at, v.version_id)
ORDER BY v.figure_table, v.indicator_code, v.initiative_code, v.year, v.quarter NULLS FIRST,
         v.sex, v.age_group, v.exploitation, v.source_id, c.recorded_at, v.version_id
"""

QUERIES: Final[dict[str, str]] = {
    "figures": """
        SELECT o.indicator_code, i.name_da AS indicator_name_da, i.name_en AS indicator_name_en,
               o.year, o.quarter, o.sex, o.age_group, o.exploitation, o.source_id,
               s.kind AS source_kind, o.value, o.is_preferred, o.note, o.status,
               o.version_id, o.change_set_id, o.recorded_at, o.recorded_by, o.reason
        FROM observations_as_of($as_of) o
        JOIN indicators i ON i.code = o.indicator_code
        JOIN sources s ON s.source_id = o.source_id
        WHERE NOT o.withdrawn
        ORDER BY o.indicator_code, o.year, o.quarter NULLS FIRST, o.sex, o.age_group,
                 o.exploitation, o.source_id
    """,
    "allocations": """
        SELECT a.initiative_code, n.name_da AS initiative_name_da,
               n.name_en AS initiative_name_en, n.plan_id, a.year,
               a.source_id, s.kind AS source_kind, a.amount_dkk, a.note, a.status,
               a.version_id, a.change_set_id, a.recorded_at, a.recorded_by, a.reason
        FROM allocations_as_of($as_of) a
        JOIN initiatives n ON n.code = a.initiative_code
        JOIN sources s ON s.source_id = a.source_id
        WHERE NOT a.withdrawn AND ($plan IS NULL OR n.plan_id = $plan)
        ORDER BY a.initiative_code, a.year
    """,
    "spending": """
        SELECT p.initiative_code, n.name_da AS initiative_name_da,
               n.name_en AS initiative_name_en, n.plan_id, p.year,
               p.quarter, p.source_id, s.kind AS source_kind, p.amount_dkk, p.note, p.status,
               p.version_id, p.change_set_id, p.recorded_at, p.recorded_by, p.reason
        FROM spending_as_of($as_of) p
        JOIN initiatives n ON n.code = p.initiative_code
        JOIN sources s ON s.source_id = p.source_id
        WHERE NOT p.withdrawn AND ($plan IS NULL OR n.plan_id = $plan)
        ORDER BY p.initiative_code, p.year, p.quarter
    """,
    "history": "SELECT * FROM (" + _HISTORY + ") WHERE recorded_at <= $as_of",  # noqa: S608
    "corrections": "SELECT * FROM (" + _HISTORY + ") "  # noqa: S608 - constant SQL only
    "WHERE recorded_at <= $as_of AND change_kind = 'correction'",
    "uploads": """
        SELECT upload_id, change_set_id, kind, file_name, file_format, sheet, sha256,
               size_bytes, uploaded_by, uploaded_at, reason, rows_total, rows_new,
               rows_unchanged, rows_corrected, CAST(accepted_warnings AS VARCHAR)
               AS accepted_warnings
        FROM uploads WHERE uploaded_at <= $as_of ORDER BY upload_id
    """,
    "audit_log": """
        SELECT seq, recorded_at, actor, action, subject, details, origin, prev_hash, entry_hash
        FROM audit_log WHERE recorded_at <= $as_of ORDER BY seq
    """,
    "plans": """
        SELECT * FROM plans WHERE $plan IS NULL OR plan_id = $plan ORDER BY plan_id
    """,
    "action_areas": """
        SELECT * FROM action_areas WHERE $plan IS NULL OR plan_id = $plan
        ORDER BY plan_id, code
    """,
    "initiatives": """
        SELECT * FROM initiatives WHERE $plan IS NULL OR plan_id = $plan ORDER BY code
    """,
    "indicators": "SELECT * FROM indicators ORDER BY code",
    "sources": "SELECT * FROM sources ORDER BY source_id",
}


def table(
    connection: duckdb.DuckDBPyConnection, name: str, *, as_of: dt.datetime, plan_id: str | None
) -> pd.DataFrame:
    """One export table as a frame (names from :data:`QUERIES` only), with the database's
    types kept through Arrow: DECIMAL money stays Decimal with its øre, DATE stays a date (not a
    midnight timestamp), integers with gaps stay integers."""
    import pandas as pd

    sql = QUERIES[name]
    params: dict[str, object] = {}
    if "$as_of" in sql:
        params["as_of"] = as_of
    if "$plan" in sql:
        params["plan"] = plan_id
    arrow = connection.sql(sql, params=params).to_arrow_table()
    frame: pd.DataFrame = arrow.to_pandas(types_mapper=pd.ArrowDtype)
    return frame


def upload_files(
    connection: duckdb.DuckDBPyConnection, *, as_of: dt.datetime
) -> list[tuple[int, str, str, bytes]]:
    """(upload id, file name, SHA-256, original bytes) of every upload stored by ``as_of``."""
    rows = connection.execute(
        "SELECT upload_id, file_name, sha256, content FROM uploads "
        "WHERE uploaded_at <= ? ORDER BY upload_id",
        [as_of],
    ).fetchall()
    return [(int(r[0]), str(r[1]), str(r[2]), bytes(r[3])) for r in rows]


def plan_ids(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """Every plan's id, in order."""
    rows = connection.execute("SELECT plan_id FROM plans ORDER BY plan_id").fetchall()
    return [str(row[0]) for row in rows]

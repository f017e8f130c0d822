"""SQL for the tables auditors export: every one as stored at a moment (``as_of``).

Each query returns one row per figure, figure-version, upload, entry or definition; one value
per cell; codes in their own columns. ``as_of`` is UTC; nothing recorded after it appears, and a
review after it does not count (a figure approved later is still ``submitted`` then).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import duckdb

from planwatch.storage.repository import quarters_value_sql

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


def _coverage_label(span: str, year: str, language: str) -> str:
    """SQL for what a partial year covers, as :meth:`planwatch.domain.coverage.Coverage.label`
    writes it: "1. kvt. 2025", "1.–3. kvt. 2025", "1. og 3. kvt. 2025" / "Q1", "Q1–Q3 2025",
    "Q1 and Q3 2025". ``span`` is the quarters (distinct, ascending; never empty)."""
    first, last, count = f"{span}[1]", f"{span}[-1]", f"len({span})"
    if language == "da":
        one, run = f"{first} || '. kvt.'", f"{first} || '.–' || {last} || '. kvt.'"
        many = (
            f"array_to_string(list_transform({span}[1:{count} - 1], lambda q: q || '.'), ', ')"
            f" || ' og ' || {last} || '. kvt.'"
        )
    else:
        one, run = f"'Q' || {first}", f"'Q' || {first} || '–Q' || {last}"
        many = (
            f"array_to_string(list_transform({span}[1:{count} - 1], lambda q: 'Q' || q), ', ')"
            f" || ' and Q' || {last}"
        )
    return (
        f"CASE WHEN {count} = 1 THEN {one} WHEN {last} - {first} + 1 = {count} THEN {run} "
        f"ELSE {many} END || ' ' || {year}"
    )


# A year's value per indicator, breakdown and year, as the dashboard computes it
# (repository.year_values): the preferred source's published yearly figure, else the value of
# its quarterly figures (one rule: repository.quarters_value_sql). ``complete`` is the rule of
# domain.coverage.Coverage.of: a published yearly figure is a whole year; from quarters, a flow
# needs all four and a stock its fourth. ``span`` is what a partial year covers (a stock: its
# last quarter) and names it. Lists are written "1, 2" (with a space): Danish Excel would read
# "1,2" in a Danish CSV as the number 1,2.
_YEAR_VALUES: Final = f"""
WITH cur AS (
    SELECT o.indicator_code, o.year, o.quarter, o.sex, o.age_group, o.exploitation, o.value,
           o.source_id, s.kind AS source_kind, o.status
    FROM observations_as_of($as_of) o
    JOIN sources s ON s.source_id = o.source_id
    WHERE o.is_preferred AND NOT o.withdrawn
),
yearly AS (
    SELECT indicator_code, year, sex, age_group, exploitation, value, source_id,
           source_kind = 'illustrative' AS illustrative, status
    FROM cur WHERE quarter IS NULL
),
quarterly AS (
    SELECT c.indicator_code, c.year, c.sex, c.age_group, c.exploitation,
           {quarters_value_sql("i.aggregation")} AS value,
           list(DISTINCT c.quarter ORDER BY c.quarter) AS quarters,
           array_to_string(list(DISTINCT c.source_id ORDER BY c.source_id), ', ') AS source_id,
           bool_or(c.source_kind = 'illustrative') AS illustrative,
           CASE WHEN bool_or(c.status = 'submitted') THEN 'submitted' ELSE 'approved' END
               AS status
    FROM cur c JOIN indicator_rules() i ON i.code = c.indicator_code
    WHERE c.quarter IS NOT NULL
    GROUP BY c.indicator_code, c.year, c.sex, c.age_group, c.exploitation, i.aggregation
),
chosen AS (
    SELECT coalesce(y.indicator_code, q.indicator_code) AS indicator_code,
           coalesce(y.year, q.year) AS year, coalesce(y.sex, q.sex) AS sex,
           coalesce(y.age_group, q.age_group) AS age_group,
           coalesce(y.exploitation, q.exploitation) AS exploitation,
           y.value IS NOT NULL AS reported,
           CASE WHEN y.value IS NOT NULL THEN y.value ELSE q.value END AS value,
           CASE WHEN y.value IS NULL THEN q.quarters END AS quarters,
           CASE WHEN y.value IS NOT NULL THEN y.source_id ELSE q.source_id END AS source_ids,
           CASE WHEN y.value IS NOT NULL THEN y.illustrative ELSE q.illustrative END
               AS illustrative,
           CASE WHEN y.value IS NOT NULL THEN y.status ELSE q.status END AS status
    FROM yearly y FULL OUTER JOIN quarterly q
      ON q.indicator_code = y.indicator_code AND q.year = y.year AND q.sex = y.sex
     AND q.age_group = y.age_group AND q.exploitation = y.exploitation
),
covered AS (
    SELECT c.*, i.name_da AS indicator_name_da, i.name_en AS indicator_name_en, i.aggregation,
           c.reported OR (i.aggregation = 'stock' AND list_contains(c.quarters, 4))
               OR (i.aggregation <> 'stock' AND c.quarters = [1, 2, 3, 4]) AS complete,
           CASE WHEN i.aggregation = 'stock' THEN [c.quarters[-1]] ELSE c.quarters END AS span
    FROM chosen c JOIN indicators_as_of($as_of) i ON i.code = c.indicator_code
    WHERE c.value IS NOT NULL
)
SELECT indicator_code, indicator_name_da, indicator_name_en, aggregation, year,
       sex, age_group, exploitation, CAST(value AS DECIMAL(18, 3)) AS value,
       CASE WHEN reported THEN 'reported' ELSE 'quarters' END AS basis, complete,
       array_to_string(quarters, ', ') AS quarters,
       CASE WHEN complete THEN CAST(year AS VARCHAR)
            ELSE {_coverage_label("span", "year", "da")} END AS coverage_da,
       CASE WHEN complete THEN CAST(year AS VARCHAR)
            ELSE {_coverage_label("span", "year", "en")} END AS coverage_en,
       source_ids, illustrative, status
FROM covered
ORDER BY indicator_code, year, sex, age_group, exploitation
"""  # noqa: S608 - constant fragments only

QUERIES: Final[dict[str, str]] = {
    "figures": """
        SELECT o.indicator_code, i.name_da AS indicator_name_da, i.name_en AS indicator_name_en,
               o.year, o.quarter, o.sex, o.age_group, o.exploitation, o.source_id,
               s.kind AS source_kind, o.value, o.is_preferred, o.note, o.status,
               o.version_id, o.change_set_id, o.recorded_at, o.recorded_by, o.reason
        FROM observations_as_of($as_of) o
        JOIN indicators_as_of($as_of) i ON i.code = o.indicator_code
        JOIN sources s ON s.source_id = o.source_id
        WHERE NOT o.withdrawn
        ORDER BY o.indicator_code, o.year, o.quarter NULLS FIRST, o.sex, o.age_group,
                 o.exploitation, o.source_id
    """,
    "year_values": _YEAR_VALUES,
    "allocations": """
        SELECT a.initiative_code, n.name_da AS initiative_name_da,
               n.name_en AS initiative_name_en, n.plan_id, a.year,
               a.source_id, s.kind AS source_kind, a.amount_dkk, a.note, a.status,
               a.version_id, a.change_set_id, a.recorded_at, a.recorded_by, a.reason
        FROM allocations_as_of($as_of) a
        JOIN initiatives_as_of($as_of) n ON n.code = a.initiative_code
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
        JOIN initiatives_as_of($as_of) n ON n.code = p.initiative_code
        JOIN sources s ON s.source_id = p.source_id
        WHERE NOT p.withdrawn AND ($plan IS NULL OR n.plan_id = $plan)
        ORDER BY p.initiative_code, p.year, p.quarter
    """,
    "targets": """
        SELECT t.plan_id, t.indicator_code, i.name_da AS indicator_name_da,
               i.name_en AS indicator_name_en, t.year, t.kind, t.direction, t.value,
               t.source_id, s.kind AS source_kind, t.note, t.status,
               t.version_id, t.change_set_id, t.recorded_at, t.recorded_by, t.reason
        FROM targets_as_of($as_of) t
        JOIN indicators_as_of($as_of) i ON i.code = t.indicator_code
        JOIN sources s ON s.source_id = t.source_id
        WHERE NOT t.withdrawn AND ($plan IS NULL OR t.plan_id = $plan)
        ORDER BY t.plan_id, t.indicator_code, t.year NULLS LAST, t.kind
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
        SELECT p.plan_id, p.name_da, p.name_en, p.start_date, p.end_date, p.total_dkk,
               p.status, p.source_id, s.kind AS source_kind, p.note
        FROM plans_as_of($as_of) p JOIN sources s ON s.source_id = p.source_id
        WHERE $plan IS NULL OR p.plan_id = $plan ORDER BY p.plan_id
    """,
    "action_areas": """
        SELECT * FROM action_areas_as_of($as_of) WHERE $plan IS NULL OR plan_id = $plan
        ORDER BY plan_id, code
    """,
    "initiatives": """
        SELECT * FROM initiatives_as_of($as_of) WHERE $plan IS NULL OR plan_id = $plan
        ORDER BY code
    """,
    "definition_history": """
        SELECT d.table_name, d.row_key, d.content->>'plan_id' AS plan_id, d.from_start,
               CAST(d.content AS VARCHAR) AS content, s.kind AS source_kind, d.change_set_id,
               c.recorded_at, c.recorded_by, c.reason, r.reviewed_by AS approved_by,
               r.reviewed_at AS approved_at
        FROM definition_versions d JOIN change_sets c USING (change_set_id)
        LEFT JOIN sources s ON s.source_id = d.content->>'source_id'
        LEFT JOIN reviews r ON r.change_set_id = d.change_set_id AND r.reviewed_at <= $as_of
        WHERE c.recorded_at <= $as_of AND ($plan IS NULL OR d.content->>'plan_id' = $plan)
        ORDER BY d.table_name, d.row_key, d.from_start DESC, c.recorded_at, d.change_set_id
    """,
    "initiative_results": """
        SELECT i.plan_id, r.initiative_code, i.name_da AS initiative_name_da,
               i.name_en AS initiative_name_en, r.indicator_code,
               n.name_da AS indicator_name_da, n.name_en AS indicator_name_en, n.unit,
               s.kind AS source_kind, r.change_set_id, r.recorded_at, c.recorded_by, c.reason
        FROM initiative_results_as_of($as_of) r
        JOIN initiatives_as_of($as_of) i ON i.code = r.initiative_code
        JOIN indicators_as_of($as_of) n ON n.code = r.indicator_code
        JOIN change_sets c ON c.change_set_id = r.change_set_id
        LEFT JOIN sources s ON s.source_id = i.source_id
        WHERE $plan IS NULL OR i.plan_id = $plan
        ORDER BY i.plan_id, r.initiative_code, r.indicator_code
    """,
    "indicators": """
        SELECT i.*, coalesce(s.synonyms_da, '') AS synonyms_da,
               coalesce(s.synonyms_en, '') AS synonyms_en
        FROM indicators_as_of($as_of) i LEFT JOIN indicator_synonyms_as_of($as_of) s USING (code)
        ORDER BY code
    """,
    "sources": "SELECT * FROM sources_as_of($as_of) ORDER BY source_id",
}


# -- Reading a large table in parts (issue 17) -------------------------------------------------


@dataclass(frozen=True, slots=True)
class Parts:
    """How a table that DuckDB sorts (and windows) whole before its first row can be read in
    parts that are each sorted alone. ``key`` are columns of the table whose order (ascending,
    NULLs last) is the start of the table's ``ORDER BY`` and which hold each window partition
    whole; ``groups`` is SQL giving each key value, in that order, with at least one row of the
    table in it and at most as many as it has. Every row of the table has a key among them.

    A part is a run of whole groups with the same columns NULL, read as
    ``SELECT * FROM (<table>) WHERE <key within the run's first and last>``: equality on the
    columns the run shares and a range on the first that differs, which DuckDB pushes down to
    its scans; so the parts read one after the other are the table, row for row."""

    key: tuple[str, ...]
    groups: str


# The versions of every figure by figure table, indicator or initiative, and year: the start of
# the history's order; the window of `previous_value` is partitioned by all four.
_VERSION_GROUPS: Final = """
    SELECT figure_table, indicator_code, initiative_code, year, count(*) AS versions FROM (
        SELECT 'observation' AS figure_table, indicator_code, NULL::VARCHAR AS initiative_code,
               year
        FROM observation_versions
        UNION ALL SELECT 'allocation', NULL, initiative_code, year FROM allocation_versions
        UNION ALL SELECT 'spending', NULL, initiative_code, year FROM spending_versions
    ) GROUP BY ALL ORDER BY figure_table, indicator_code, initiative_code, year
"""
_VERSION_PARTS: Final = Parts(
    ("figure_table", "indicator_code", "initiative_code", "year"), _VERSION_GROUPS
)
PARTS: Final[dict[str, Parts]] = {"history": _VERSION_PARTS, "corrections": _VERSION_PARTS}
# Rows of a part (a group with more is a part alone). DuckDB holds a part's sort and window in
# memory: reading a million rows of history whole raised the process by about 750 MB, in parts
# of 25,000 rows by 130-220 MB (benchmarks/README.md, exports.py).
PART_ROWS: Final = 25_000


def query_parts(
    connection: duckdb.DuckDBPyConnection,
    name: str,
    as_of: dt.datetime,
    plan_id: str | None,
    *,
    rows: int | None = None,
) -> list[tuple[str, dict[str, object]]]:
    """An export table's SQL and parameters in parts of about ``rows`` rows (default
    :data:`PART_ROWS`), read one after the other (:class:`Parts`); the whole query alone for a
    table without parts or with few rows."""
    sql, params = query(name, as_of, plan_id)
    spec = PARTS.get(name)
    if spec is None:
        return [(sql, params)]
    rows = rows or PART_ROWS
    runs: list[tuple[tuple[object, ...], tuple[object, ...]]] = []  # (first key, last key)
    size = 0
    for *values, count in connection.execute(spec.groups).fetchall():
        key = tuple(values)
        nulls = [value is None for value in key]
        if runs and size + int(count) <= rows and [v is None for v in runs[-1][0]] == nulls:
            runs[-1] = (runs[-1][0], key)
            size += int(count)
        else:
            runs.append((key, key))
            size = int(count)
    if len(runs) <= 1:
        return [(sql, params)]
    parts = []
    for first, last in runs:
        bound = dict(params)
        where = _within(spec.key, first, last, bound)
        parts.append((f"SELECT * FROM ({sql}) WHERE {where}", bound))  # noqa: S608 - bound
    return parts


def _within(
    key: Sequence[str],
    first: Sequence[object],
    last: Sequence[object],
    params: dict[str, object],
) -> str:
    """SQL: the row's key lies from ``first`` to ``last`` (both with the same columns NULL), in
    the key's order; every value bound."""

    def bind(value: object) -> str:
        name = f"part{len(params)}"
        params[name] = value
        return "$" + name

    conditions: list[str] = []
    columns: list[tuple[str, object, object]] = []
    for column, low, high in zip(key, first, last, strict=True):
        if low is None:
            conditions.append(f"{column} IS NULL")
        else:
            columns.append((column, low, high))
    shared = 0
    while shared < len(columns) and columns[shared][1] == columns[shared][2]:
        column, value, _ = columns[shared]
        conditions.append(f"{column} = {bind(value)}")
        shared += 1
    rest = columns[shared:]
    if rest:
        column, low, high = rest[0]
        conditions.append(f"{column} BETWEEN {bind(low)} AND {bind(high)}")
        if len(rest) > 1:
            conditions.append(_compare(rest, 1, ">", bind))
            conditions.append(_compare(rest, 2, "<", bind))
    return " AND ".join(conditions)


def _compare(
    columns: Sequence[tuple[str, object, object]],
    side: int,
    strict: str,
    bind: Callable[[object], str],
) -> str:
    """The key, compared column by column, at or after (``>``) the low values or at or before
    (``<``) the high ones (``side`` 1 or 2 of each column's triple)."""
    column, *bounds = columns[-1]
    condition = f"{column} {strict}= {bind(bounds[side - 1])}"
    for column, *bounds in reversed(columns[:-1]):
        value = bind(bounds[side - 1])
        condition = f"({column} {strict} {value} OR ({column} = {value} AND {condition}))"
    return condition


def table(
    connection: duckdb.DuckDBPyConnection, name: str, *, as_of: dt.datetime, plan_id: str | None
) -> pd.DataFrame:
    """One export table as a frame (names from :data:`QUERIES` only), with the database's
    types kept through Arrow: DECIMAL money stays Decimal with its øre, DATE stays a date (not a
    midnight timestamp), integers with gaps stay integers."""
    import pandas as pd

    sql, params = query(name, as_of, plan_id)
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


def plan_workbook_files(
    connection: duckdb.DuckDBPyConnection, *, as_of: dt.datetime, plan_id: str | None = None
) -> list[tuple[int, str, str, bytes]]:
    """(submission number, file name, SHA-256, original bytes) of every plan workbook sent by
    ``as_of`` (issue 19), approved or not, as the uploads are; only ``plan_id``'s if given."""
    rows = connection.execute(
        "SELECT p.change_set_id, p.file_name, p.sha256, p.content FROM plan_submissions p "
        "JOIN change_sets c USING (change_set_id) WHERE c.recorded_at <= ? "
        "AND (?::VARCHAR IS NULL OR p.plan_id = ?) ORDER BY p.change_set_id",
        [as_of, plan_id, plan_id],
    ).fetchall()
    return [(int(r[0]), str(r[1]), str(r[2]), bytes(r[3])) for r in rows]


def plan_ids(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """Every plan's id, in order."""
    rows = connection.execute("SELECT plan_id FROM plans ORDER BY plan_id").fetchall()
    return [str(row[0]) for row in rows]


def query(name: str, as_of: dt.datetime, plan_id: str | None) -> tuple[str, dict[str, object]]:
    """An export table's SQL (names from :data:`QUERIES` only) and the parameters it takes."""
    sql = QUERIES[name]
    params: dict[str, object] = {}
    if "$as_of" in sql:
        params["as_of"] = as_of
    if "$plan" in sql:
        params["plan"] = plan_id
    return sql, params


def first_recorded(connection: duckdb.DuckDBPyConnection) -> dt.datetime | None:
    """When the first change set (a figure, allocation or spending amount) was recorded (UTC)."""
    rows = connection.execute("SELECT min(recorded_at) FROM change_sets").fetchall()
    first = rows[0][0] if rows else None
    return first if isinstance(first, dt.datetime) else None

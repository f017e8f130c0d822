"""Every SQL statement planwatch runs on its figures. Parameters are always bound, never pasted.

Functions here take an open connection (from ``Store.connect``/``Store.transaction``) so that a
service can put several of them in one transaction. They return plain rows as dictionaries or
pandas frames of modest size (never a whole history table to aggregate in Python).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

import duckdb

from planwatch.domain.figures import FigureKey
from planwatch.domain.permissions import PUBLIC_VIEW, View
from planwatch.storage import definition_history
from planwatch.storage.rows import FAR_FUTURE, as_dicts, not_distinct

if TYPE_CHECKING:  # pandas is slow to import; reading figures does not need it
    import pandas as pd

ChangeKind = Literal["reference", "demo", "upload", "correction"]

# Definition tables, their key columns and every column, in insert order.
DEFINITION_TABLES: Final[dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "sources": (
        ("source_id",),
        ("source_id", "title", "publisher", "url", "published_on", "kind", "note"),
    ),
    "indicators": (
        ("code",),
        (
            "code",
            "name_da",
            "name_en",
            "definition_da",
            "definition_en",
            "unit",
            "aggregation",
            "direction",
            "is_core",
        ),
    ),
    "indicator_synonyms": (("code",), ("code", "synonyms_da", "synonyms_en")),
    "plans": (
        ("plan_id",),
        (
            "plan_id",
            "name_da",
            "name_en",
            "start_date",
            "end_date",
            "total_dkk",
            "status",
            "source_id",
            "note",
        ),
    ),
    "action_areas": (
        ("plan_id", "code"),
        ("plan_id", "code", "name_da", "name_en", "source_id"),
    ),
    "initiatives": (
        ("code",),
        (
            "code",
            "plan_id",
            "action_area_code",
            "name_da",
            "name_en",
            "responsible_org",
            "source_id",
        ),
    ),
}

VERSIONED_DEFINITIONS: Final = frozenset(definition_history.VERSIONED)
"""Definition tables read through their ``*_as_of`` macros (migrations 0010, 0012)."""

OBSERVATION_KEY: Final = (
    "indicator_code",
    "year",
    "quarter",
    "sex",
    "age_group",
    "exploitation",
    "source_id",
)
ALLOCATION_KEY: Final = ("initiative_code", "year")
SPENDING_KEY: Final = ("initiative_code", "year", "quarter")
TARGET_KEY: Final = ("indicator_code", "plan_id", "year", "kind")

VERSION_TABLES: Final[dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "observation_versions": (OBSERVATION_KEY, ("value", "is_preferred", "note")),
    "allocation_versions": ((*ALLOCATION_KEY, "source_id"), ("amount_dkk", "note")),
    "spending_versions": ((*SPENDING_KEY, "source_id"), ("amount_dkk", "note")),
    "target_versions": ((*TARGET_KEY, "source_id"), ("value", "note", "direction")),
}

_VERSION_IDENTITY: Final[dict[str, tuple[str, ...]]] = {
    "observation_versions": OBSERVATION_KEY,
    "allocation_versions": ALLOCATION_KEY,
    "spending_versions": SPENDING_KEY,
    "target_versions": TARGET_KEY,
}


# -- definitions -------------------------------------------------------------------------------


def insert_missing_definitions(
    connection: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame
) -> tuple[int, list[dict[str, Any]]]:
    """Insert the rows whose key is not yet stored. Returns (inserted, stored rows that differ).

    Definitions already stored are never changed here; rows that differ from the incoming
    ones are returned so that the caller can report them.
    """
    key, columns = DEFINITION_TABLES[table]
    incoming = frame.loc[:, list(columns)]
    connection.register("incoming_definitions", incoming)
    try:
        join = " AND ".join(not_distinct(k) for k in key)
        differ = " OR ".join(f"NOT ({not_distinct(c)})" for c in columns if c not in key)
        different = as_dicts(
            connection.execute(
                f"SELECT {', '.join('c.' + c for c in columns)} FROM incoming_definitions i "  # noqa: S608
                f"JOIN {table} c ON {join} WHERE {differ}"
            )
        )
        before = _count(connection, table)
        connection.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608
            f"SELECT {', '.join('i.' + c for c in columns)} FROM incoming_definitions i "
            f"WHERE NOT EXISTS (SELECT 1 FROM {table} c WHERE {join})"
        )
        inserted = _count(connection, table) - before
    finally:
        connection.unregister("incoming_definitions")
    return inserted, different


def _count(connection: duckdb.DuckDBPyConnection, table: str) -> int:
    rows = connection.execute(f"SELECT count(*) FROM {table}").fetchall()  # noqa: S608
    return int(rows[0][0])


def table_counts(connection: duckdb.DuckDBPyConnection) -> dict[str, int]:
    tables = [*DEFINITION_TABLES, "change_sets", *VERSION_TABLES]
    return {table: _count(connection, table) for table in tables}


# -- change sets and versions ------------------------------------------------------------------


def insert_change_set(
    connection: duckdb.DuckDBPyConnection,
    *,
    kind: ChangeKind,
    recorded_at: dt.datetime,
    recorded_by: str,
    reason: str | None = None,
    description: str | None = None,
) -> int:
    rows = connection.execute(
        "INSERT INTO change_sets (kind, recorded_at, recorded_by, reason, description) "
        "VALUES (?, ?, ?, ?, ?) RETURNING change_set_id",
        [kind, recorded_at, recorded_by, reason, description],
    ).fetchall()
    return int(rows[0][0])


def insert_new_versions(
    connection: duckdb.DuckDBPyConnection,
    table: str,
    frame: pd.DataFrame,
    *,
    change_set_id: int,
    compare_with_kinds: Sequence[ChangeKind] | None,
) -> int:
    """Add a version for each incoming row that differs from the latest stored version.

    ``compare_with_kinds`` limits the comparison to versions written by change sets of those
    kinds (so that reloading bundled reference data does not undo a user's correction).
    ``None`` compares with the latest version whatever wrote it. Returns the rows inserted.
    """
    key, values = VERSION_TABLES[table]
    identity = _VERSION_IDENTITY[table]
    columns = (*key, *values)
    incoming = frame.loc[:, list(columns)]
    kinds = list(compare_with_kinds) if compare_with_kinds is not None else None
    connection.register("incoming_versions", incoming)
    try:
        partition = ", ".join(f"v.{c}" for c in identity)
        join = " AND ".join(not_distinct(c) for c in identity)
        differ = " OR ".join(f"NOT ({not_distinct(c)})" for c in columns if c not in identity)
        kind_filter = "" if kinds is None else "WHERE ch.kind IN (SELECT unnest(?::VARCHAR[]))"
        params: list[Any] = [] if kinds is None else [kinds]
        sql = f"""
            WITH latest AS (
                SELECT v.* FROM {table} v JOIN change_sets ch USING (change_set_id)
                {kind_filter}
                QUALIFY row_number() OVER (
                    PARTITION BY {partition}
                    ORDER BY ch.recorded_at DESC, v.version_id DESC) = 1
            )
            INSERT INTO {table} (change_set_id, {", ".join(columns)})
            SELECT ?, {", ".join("i." + c for c in columns)}
            FROM incoming_versions i LEFT JOIN latest c ON {join}
            WHERE c.version_id IS NULL OR c.withdrawn OR {differ}
        """  # noqa: S608 - table and column names come from the constants above
        before = _count(connection, table)
        connection.execute(sql, [*params, change_set_id])
        return _count(connection, table) - before
    finally:
        connection.unregister("incoming_versions")


def insert_versions(
    connection: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame, change_set_id: int
) -> int:
    """Add every row of ``frame`` as a new version in ``change_set_id`` (the caller has already
    decided that each one is new or changed). Returns the rows inserted."""
    key, values = VERSION_TABLES[table]
    columns = (*key, *values)
    connection.register("incoming_versions", frame.loc[:, list(columns)])
    try:
        before = _count(connection, table)
        connection.execute(
            f"INSERT INTO {table} (change_set_id, {', '.join(columns)}) "  # noqa: S608 - constants
            f"SELECT ?, {', '.join(columns)} FROM incoming_versions",
            [change_set_id],
        )
        return _count(connection, table) - before
    finally:
        connection.unregister("incoming_versions")


def delete_empty_change_set(connection: duckdb.DuckDBPyConnection, change_set_id: int) -> None:
    """Drop a change set created inside this transaction that ended up writing nothing."""
    used = connection.execute(
        "SELECT (SELECT count(*) FROM observation_versions WHERE change_set_id = $id)"
        " + (SELECT count(*) FROM allocation_versions WHERE change_set_id = $id)"
        " + (SELECT count(*) FROM spending_versions WHERE change_set_id = $id)"
        " + (SELECT count(*) FROM target_versions WHERE change_set_id = $id)",
        {"id": change_set_id},
    ).fetchall()
    if used[0][0] == 0:
        connection.execute("DELETE FROM change_sets WHERE change_set_id = ?", [change_set_id])


def insert_observation_version(
    connection: duckdb.DuckDBPyConnection, change_set_id: int, row: dict[str, Any]
) -> int:
    result = connection.execute(
        "INSERT INTO observation_versions (change_set_id, indicator_code, year, quarter, sex, "
        "age_group, exploitation, source_id, value, is_preferred, withdrawn, note) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING version_id",
        [
            change_set_id,
            row["indicator_code"],
            row["year"],
            row["quarter"],
            row["sex"],
            row["age_group"],
            row["exploitation"],
            row["source_id"],
            row["value"],
            row["is_preferred"],
            row.get("withdrawn", False),
            row.get("note"),
        ],
    ).fetchall()
    return int(result[0][0])


# -- reading figures ---------------------------------------------------------------------------
#
# Every read takes a ``view``: its visibility is bound into each ``*_as_of`` call, so that a
# viewer reads approved figures only and an uploader, approver or auditor may also read
# figures awaiting approval. Each figure comes back with its ``status`` ('approved' or
# 'submitted') and whether it is ``revised``: whether its current visible version replaced an
# earlier visible version with another value.

Connection: TypeAlias = duckdb.DuckDBPyConnection
"""An open connection, for services that hand one to several reads."""

_VISIBLE = "(s.status = 'approved' OR ($visibility = 'submitted' AND s.status = 'submitted'))"

_REVISIONS = f"""
    revisions AS (
        SELECT v.indicator_code, v.year, v.quarter, v.sex, v.age_group, v.exploitation,
               v.source_id,
               count(DISTINCT coalesce(CAST(v.value AS VARCHAR), 'withdrawn')) > 1 AS revised
        FROM observation_versions v JOIN change_set_status($as_of) s USING (change_set_id)
        WHERE {_VISIBLE} AND {{indicator_filter}}
        GROUP BY ALL
    )
"""  # noqa: S608 - constant fragments only

_SAME_FIGURE = """
    r.indicator_code = o.indicator_code AND r.year = o.year
    AND r.quarter IS NOT DISTINCT FROM o.quarter AND r.sex = o.sex
    AND r.age_group = o.age_group AND r.exploitation = o.exploitation
    AND r.source_id = o.source_id
"""


def _revisions(*, one_indicator: bool) -> str:
    return _REVISIONS.format(
        indicator_filter="v.indicator_code = $indicator" if one_indicator else "true"
    )


def view_params(view: View, as_of: dt.datetime | None) -> dict[str, Any]:
    return {"as_of": as_of or FAR_FUTURE, "visibility": view.visibility}


_FIGURE_FILTER = """
    o.indicator_code = $indicator AND o.year = $year
    AND o.quarter IS NOT DISTINCT FROM $quarter
    AND o.sex = $sex AND o.age_group = $age_group AND o.exploitation = $exploitation
"""

_FIGURE_COLUMNS = """
    o.version_id, o.indicator_code, o.year, o.quarter, o.sex, o.age_group, o.exploitation,
    o.value, o.is_preferred, o.note, o.recorded_at, o.recorded_by, o.change_kind, o.reason,
    o.status, coalesce(r.revised, false) AS revised,
    s.source_id, s.title AS source_title, s.publisher AS source_publisher, s.url AS source_url,
    s.kind AS source_kind
"""


def current_figures(
    connection: duckdb.DuckDBPyConnection,
    key: FigureKey,
    *,
    as_of: dt.datetime | None,
    view: View = PUBLIC_VIEW,
) -> list[dict[str, Any]]:
    """Every source's current value for one figure, the preferred one first."""
    return as_dicts(
        connection.execute(
            f"""
            WITH {_revisions(one_indicator=True)}
            SELECT {_FIGURE_COLUMNS}
            FROM observations_as_of($as_of, visibility := $visibility) o
            JOIN sources s USING (source_id)
            LEFT JOIN revisions r ON {_SAME_FIGURE}
            WHERE {_FIGURE_FILTER} AND NOT o.withdrawn
            ORDER BY o.is_preferred DESC, s.source_id
            """,  # noqa: S608 - constant fragments only
            {**view_params(view, as_of), **key.as_params()},
        )
    )


def figure_history(
    connection: duckdb.DuckDBPyConnection, key: FigureKey, *, view: View = PUBLIC_VIEW
) -> list[dict[str, Any]]:
    """Every version of one figure from every source that the view shows (approved ones, and
    with submitted figures also those awaiting approval; never returned ones), oldest first,
    with who, when and why, and each version's status now."""
    return as_dicts(
        connection.execute(
            f"""
            SELECT o.version_id, o.source_id, o.value, o.is_preferred, o.withdrawn, o.note,
                   c.change_set_id, c.kind AS change_kind, c.recorded_at, c.recorded_by,
                   c.reason, c.description, s.status
            FROM observation_versions o JOIN change_sets c USING (change_set_id)
            JOIN change_set_status($as_of) s USING (change_set_id)
            WHERE {_FIGURE_FILTER} AND {_VISIBLE}
            ORDER BY c.recorded_at, o.version_id
            """,  # noqa: S608
            {**view_params(view, None), **key.as_params()},
        )
    )


_YEAR_VALUES_SQL: Final = """
    WITH {revisions},
    cur AS (
        SELECT o.year, o.quarter, o.value, o.source_id, s.kind AS source_kind,
               o.change_kind, o.reason, o.recorded_at, o.status,
               coalesce(r.revised, false) AS revised, {code} AS code
        FROM observations_as_of($as_of, visibility := $visibility) o
        JOIN sources s USING (source_id)
        LEFT JOIN revisions r ON {same_figure}
        WHERE o.indicator_code = $indicator AND {filter}
          AND o.is_preferred AND NOT o.withdrawn
          AND ($year IS NULL OR o.year = $year)
    ),
    agg AS (SELECT aggregation FROM indicator_rules() WHERE code = $indicator),
    yearly AS (
        SELECT code, year, value, source_id, source_kind, reason, recorded_at, status, revised
        FROM cur WHERE quarter IS NULL
    ),
    quarterly AS (
        SELECT code, year,
               {quarters_value} AS value,
               list(quarter ORDER BY quarter) AS quarters,
               list(value ORDER BY quarter) AS quarter_values,
               list(DISTINCT source_id ORDER BY source_id) AS source_ids,
               bool_or(source_kind = 'illustrative') AS illustrative,
               bool_or(status = 'submitted') AS submitted,
               bool_or(revised) AS corrected,
               arg_max(reason, recorded_at) FILTER (WHERE revised) AS correction_reason,
               max(recorded_at) FILTER (WHERE revised) AS corrected_at
        FROM cur WHERE quarter IS NOT NULL GROUP BY code, year
    )
    SELECT coalesce(y.code, q.code) AS code, coalesce(y.year, q.year) AS year,
           y.value AS reported_value, y.source_id AS reported_source_id,
           y.source_kind = 'illustrative' AS reported_illustrative,
           y.status = 'submitted' AS reported_submitted,
           y.revised AS reported_corrected,
           CASE WHEN y.revised THEN y.reason END AS reported_reason,
           CASE WHEN y.revised THEN y.recorded_at END AS reported_corrected_at,
           q.value AS quarters_value, q.quarters, q.quarter_values,
           q.source_ids AS quarter_source_ids, (SELECT aggregation FROM agg) AS aggregation,
           q.illustrative AS quarters_illustrative, q.submitted AS quarters_submitted,
           q.corrected AS quarters_corrected,
           q.correction_reason AS quarters_reason, q.corrected_at AS quarters_corrected_at
    FROM yearly y FULL OUTER JOIN quarterly q ON y.year = q.year AND y.code = q.code
    ORDER BY code, year
"""

_DIMENSIONS: Final = ("sex", "age_group", "exploitation")


def quarters_value_sql(aggregation: str) -> str:
    """The one SQL rule for a year's value from its quarterly figures (rows with ``value`` and
    ``quarter``, grouped by year): a stock's last quarter, a flow's sum. ``aggregation`` is an
    SQL expression for the indicator's aggregation. The dashboard's :func:`year_values` and the
    auditors' ``year_values`` table (:mod:`planwatch.storage.export_tables`) both use it."""
    return f"CASE WHEN {aggregation} = 'stock' THEN arg_max(value, quarter) ELSE sum(value) END"


def _year_values_sql(code: str, filter_: str) -> str:
    return _YEAR_VALUES_SQL.format(
        revisions=_revisions(one_indicator=True),
        same_figure=_SAME_FIGURE,
        code=code,
        filter=filter_,
        quarters_value=quarters_value_sql("(SELECT aggregation FROM agg)"),
    )


def year_values(
    connection: duckdb.DuckDBPyConnection,
    *,
    indicator: str,
    sex: str,
    age_group: str,
    exploitation: str,
    as_of: dt.datetime | None,
    year: int | None = None,
    view: View = PUBLIC_VIEW,
) -> list[dict[str, Any]]:
    """Per year: the reported yearly figure, and the figure derived from the quarters.

    Both come from preferred, current versions the view shows. For a flow indicator the
    quarters are summed; for a stock, the last reported quarter is taken. ``quarters`` lists
    which quarters exist and ``quarter_values`` their values; ``aggregation`` is the
    indicator's. Whether the figure (or any of its quarters) is awaiting approval, and
    whether it has been revised, when and why, comes along.
    """
    sql = _year_values_sql(
        "'all'", "o.sex = $sex AND o.age_group = $age_group AND o.exploitation = $exploitation"
    )
    params = {
        **view_params(view, as_of),
        "indicator": indicator,
        "sex": sex,
        "age_group": age_group,
        "exploitation": exploitation,
        "year": year,
    }
    return as_dicts(connection.execute(sql, params))


def breakdown_year_values(
    connection: duckdb.DuckDBPyConnection,
    *,
    indicator: str,
    dimension: str,
    as_of: dt.datetime | None,
    view: View = PUBLIC_VIEW,
) -> list[dict[str, Any]]:
    """Like :func:`year_values`, for every value of one breakdown (the others at the total);
    ``code`` says which (e.g. ``female``)."""
    if dimension not in _DIMENSIONS:
        raise ValueError(f"{dimension} is not a breakdown")
    others = " AND ".join(f"o.{d} = 'all'" for d in _DIMENSIONS if d != dimension)
    sql = _year_values_sql(f"o.{dimension}", f"o.{dimension} <> 'all' AND {others}")
    params = {**view_params(view, as_of), "indicator": indicator, "year": None}
    return as_dicts(connection.execute(sql, params))


def breakdown_values(
    connection: duckdb.DuckDBPyConnection,
    *,
    indicator: str,
    year: int,
    as_of: dt.datetime | None,
    view: View = PUBLIC_VIEW,
) -> list[Any]:
    """Every current value the view shows of an indicator's breakdowns in one year (its
    quarters included, every source): what decides whether any of them is a small count."""
    rows = connection.execute(
        """
        SELECT o.value FROM observations_as_of($as_of, visibility := $visibility) o
        WHERE o.indicator_code = $indicator AND o.year = $year AND NOT o.withdrawn
          AND NOT (o.sex = 'all' AND o.age_group = 'all' AND o.exploitation = 'all')
        """,
        {**view_params(view, as_of), "indicator": indicator, "year": year},
    ).fetchall()
    return [row[0] for row in rows]


def quarter_values(
    connection: duckdb.DuckDBPyConnection,
    *,
    indicator: str,
    from_year: int,
    as_of: dt.datetime | None,
    view: View = PUBLIC_VIEW,
) -> list[dict[str, Any]]:
    """The total's preferred quarterly figures from a year on, with source, status and
    revisions."""
    return as_dicts(
        connection.execute(
            f"""
            WITH {_revisions(one_indicator=True)}
            SELECT o.year, o.quarter, o.value, s.source_id, s.title AS source_title,
                   s.kind = 'illustrative' AS illustrative,
                   o.status = 'submitted' AS submitted,
                   coalesce(r.revised, false) AS corrected,
                   CASE WHEN r.revised THEN o.reason END AS reason,
                   o.recorded_at
            FROM observations_as_of($as_of, visibility := $visibility) o
            JOIN sources s USING (source_id)
            LEFT JOIN revisions r ON {_SAME_FIGURE}
            WHERE o.indicator_code = $indicator AND o.quarter IS NOT NULL AND o.year >= $from
              AND o.sex = 'all' AND o.age_group = 'all' AND o.exploitation = 'all'
              AND o.is_preferred AND NOT o.withdrawn
            ORDER BY o.year, o.quarter
            """,  # noqa: S608 - constant fragments only
            {**view_params(view, as_of), "indicator": indicator, "from": from_year},
        )
    )


def plan_money(
    connection: duckdb.DuckDBPyConnection,
    *,
    plan_id: str,
    as_of: dt.datetime | None,
    view: View = PUBLIC_VIEW,
) -> dict[str, Any]:
    """A plan's total, what is allocated and spent, and whether any of it is illustrative or
    awaiting approval."""
    row = as_dicts(
        connection.execute(
            """
            WITH ini AS (SELECT code FROM initiatives WHERE plan_id = $plan),
            alloc AS (
                SELECT a.amount_dkk, s.kind AS source_kind, a.status
                FROM allocations_as_of($as_of, visibility := $visibility) a
                JOIN sources s USING (source_id)
                WHERE a.initiative_code IN (SELECT code FROM ini) AND NOT a.withdrawn
            ),
            spent AS (
                SELECT p.amount_dkk, s.kind AS source_kind, p.status
                FROM spending_as_of($as_of, visibility := $visibility) p
                JOIN sources s USING (source_id)
                WHERE p.initiative_code IN (SELECT code FROM ini) AND NOT p.withdrawn
            )
            SELECT p.plan_id, p.total_dkk, p.source_id AS total_source_id,
                   (SELECT sum(amount_dkk) FROM alloc) AS allocated_dkk,
                   (SELECT coalesce(bool_or(source_kind = 'illustrative'), false) FROM alloc)
                       AS allocated_illustrative,
                   (SELECT coalesce(bool_or(status = 'submitted'), false) FROM alloc)
                       AS allocated_submitted,
                   (SELECT sum(amount_dkk) FROM spent) AS spent_dkk,
                   (SELECT coalesce(bool_or(source_kind = 'illustrative'), false) FROM spent)
                       AS spent_illustrative,
                   (SELECT coalesce(bool_or(status = 'submitted'), false) FROM spent)
                       AS spent_submitted
            FROM plans_as_of($as_of) p WHERE p.plan_id = $plan
            """,
            {**view_params(view, as_of), "plan": plan_id},
        )
    )
    return row[0] if row else {}


def select_all(
    connection: duckdb.DuckDBPyConnection, table: str, as_of: dt.datetime | None = None
) -> list[dict[str, Any]]:
    """Every row of a definition table (small by nature), in key order, as defined at ``as_of``
    (``None``: now), with its history: a definition approved later is absent."""
    if table not in VERSIONED_DEFINITIONS:
        raise ValueError(f"{table} is not a definition table")
    key, columns = DEFINITION_TABLES[table]
    return as_dicts(
        connection.execute(
            f"SELECT {', '.join(columns)} FROM {table}_as_of(?) "  # noqa: S608 - constants
            f"ORDER BY {', '.join(key)}",
            [as_of or FAR_FUTURE],
        )
    )


def indicator_units(connection: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Each indicator's unit (``persons``, ``calls``, ...)."""
    return dict(connection.execute("SELECT code, unit FROM indicator_rules()").fetchall())


def targets(
    connection: duckdb.DuckDBPyConnection,
    *,
    indicator: str,
    plan_id: str | None,
    as_of: dt.datetime | None,
    view: View = PUBLIC_VIEW,
) -> list[dict[str, Any]]:
    """Current baselines and targets of an indicator (under one plan, or all plans)."""
    return as_dicts(
        connection.execute(
            """
            SELECT t.indicator_code, t.plan_id, t.year, t.kind, t.value, t.note, t.source_id,
                   s.kind AS source_kind, t.recorded_at, t.recorded_by, t.status, t.direction
            FROM targets_as_of($as_of, visibility := $visibility) t
            JOIN sources s USING (source_id)
            WHERE t.indicator_code = $indicator AND NOT t.withdrawn
              AND ($plan IS NULL OR t.plan_id = $plan)
            ORDER BY t.plan_id, t.kind, t.year NULLS FIRST
            """,
            {**view_params(view, as_of), "indicator": indicator, "plan": plan_id},
        )
    )

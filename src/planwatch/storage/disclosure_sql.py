"""SQL for small-count suppression: the cells of an indicator as of a moment, or every version
of them with when the view saw it (the moments, the publication points, are
:mod:`planwatch.storage.publication_sql`'s).

Like every read, it takes a ``view`` whose visibility is bound into the ``*_as_of`` calls.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, cast

import duckdb

from planwatch.domain.permissions import PUBLIC_VIEW, View
from planwatch.storage.repository import view_params
from planwatch.storage.rows import as_dicts


def indicator_cells(
    connection: duckdb.DuckDBPyConnection,
    *,
    indicator: str,
    as_of: dt.datetime | None,
    view: View = PUBLIC_VIEW,
) -> list[dict[str, Any]]:
    """Every preferred, current value of an indicator that the view shows (every period and
    breakdown, the total included), with the indicator's aggregation."""
    return as_dicts(
        connection.execute(
            """
            SELECT o.year, o.quarter, o.sex, o.age_group, o.exploitation, o.value,
                   i.aggregation
            FROM observations_as_of($as_of, visibility := $visibility) o
            JOIN indicator_rules() i ON i.code = o.indicator_code
            WHERE o.indicator_code = $indicator AND o.is_preferred AND NOT o.withdrawn
            ORDER BY o.year, o.quarter NULLS FIRST, o.sex, o.age_group, o.exploitation
            """,
            {**view_params(view, as_of), "indicator": indicator},
        )
    )


VersionSpan = tuple[
    int,
    int | None,
    str,
    str,
    str,
    str,
    int,
    dt.datetime,
    dt.datetime,
    dt.datetime | None,
    Decimal | None,
]
"""One version of a figure: year, quarter, sex, age group, exploitation, source, version id,
recorded at, visible from, visible until (``None``: ever after), and its value if it is
preferred and not withdrawn (else ``None``)."""


def indicator_versions(
    connection: duckdb.DuckDBPyConnection, *, indicator: str, view: View = PUBLIC_VIEW
) -> list[VersionSpan]:
    """Every version of every figure of an indicator (all sources, withdrawn ones included)
    with the span of moments in which the view's ``observations_as_of(as_of, visibility)``
    counts it: from ``visible_from`` (inclusive) until ``visible_until`` (exclusive; ``NULL``:
    ever after), ordered by ``visible_from``. One read instead of one ``observations_as_of``
    per publication point.

    It mirrors ``change_set_status(as_of)``: reference and demo figures count from when they
    were recorded; a submission is approved, returned or (before its review) submitted. Approved
    figures count from their approval (not before they were recorded); a viewer of submitted
    figures sees a submission from when it was recorded, and a returned one until its return.
    Versions the view never sees are left out. Among those counted at a moment, the one a cell
    shows is the latest (``recorded_at``, then ``version_id``) - for the caller to pick, as
    ``observations_as_of`` does; a cell shows nothing when that one is not preferred or is
    withdrawn (``indicator_cells``' filter)."""
    rows = connection.execute(
        """
        WITH spans AS (
            SELECT v.year, v.quarter, v.sex, v.age_group, v.exploitation, v.source_id,
                   v.version_id, c.recorded_at,
                   CASE
                       WHEN c.kind IN ('reference', 'demo') THEN c.recorded_at
                       WHEN $visibility = 'submitted' THEN c.recorded_at
                       WHEN r.decision = 'approved' THEN greatest(c.recorded_at, r.reviewed_at)
                   END AS visible_from,
                   CASE
                       WHEN c.kind NOT IN ('reference', 'demo')
                            AND $visibility = 'submitted' AND r.decision = 'returned'
                           THEN greatest(c.recorded_at, r.reviewed_at)
                   END AS visible_until,
                   CASE WHEN v.is_preferred AND NOT v.withdrawn THEN v.value END AS value
            FROM observation_versions v
            JOIN change_sets c USING (change_set_id)
            LEFT JOIN reviews r ON r.change_set_id = c.change_set_id
            WHERE v.indicator_code = $indicator
        )
        SELECT * FROM spans
        WHERE visible_from IS NOT NULL
          AND (visible_until IS NULL OR visible_until > visible_from)
        ORDER BY visible_from, version_id
        """,
        {"indicator": indicator, "visibility": view.visibility},
    ).fetchall()
    return cast("list[VersionSpan]", rows)


def indicator_aggregation(connection: duckdb.DuckDBPyConnection, *, indicator: str) -> str:
    """How the indicator's quarters make its year: ``flow`` or ``stock``."""
    (aggregation,) = connection.execute(
        "SELECT aggregation FROM indicator_rules() WHERE code = $indicator",
        {"indicator": indicator},
    ).fetchone() or ("",)
    return str(aggregation)


def years_with_small_parts(
    connection: duckdb.DuckDBPyConnection, *, indicator: str, threshold: int
) -> frozenset[int]:
    """The years in which any version of a breakdown figure of the indicator - whatever its
    status, source or moment - is a small count (``0 < value < threshold``). Only there can a
    pattern hold anything, so only there must a total be looked up (a cheap first test)."""
    rows = connection.execute(
        """
        SELECT DISTINCT year FROM observation_versions
        WHERE indicator_code = $indicator
          AND NOT (sex = 'all' AND age_group = 'all' AND exploitation = 'all')
          AND value > 0 AND value < $threshold
        """,
        {"indicator": indicator, "threshold": threshold},
    ).fetchall()
    return frozenset(int(year) for (year,) in rows)

"""SQL for small-count suppression: the cells of an indicator as of a moment (the moments, the
publication points, are :mod:`planwatch.storage.publication_sql`'s).

Like every read, it takes a ``view`` whose visibility is bound into the ``*_as_of`` calls.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

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
            JOIN indicators i ON i.code = o.indicator_code
            WHERE o.indicator_code = $indicator AND o.is_preferred AND NOT o.withdrawn
            ORDER BY o.year, o.quarter NULLS FIRST, o.sex, o.age_group, o.exploitation
            """,
            {**view_params(view, as_of), "indicator": indicator},
        )
    )


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

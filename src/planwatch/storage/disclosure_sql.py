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

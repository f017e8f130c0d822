"""SQL for publication points: the moments at which the figures a reader may see changed.

For approved figures (what viewers see) that is when a change set's figures became approved: a
reference or demo load when it was recorded, an upload or correction when it was approved (not
before it was recorded). Readers who may also see submitted figures see them change when a
submission is recorded and when it is reviewed (approved, or returned and so withdrawn from
view). Only change sets that wrote figures count (observations, allocations, spending, targets).

This is the one definition of the moments: the app's "as of" picker, the command line's
``--as-of`` and small-count suppression (per indicator, skipping the moments at which none of
its figures changed) all read it.
"""

from __future__ import annotations

import datetime as dt

import duckdb

from planwatch.domain.permissions import Visibility

_WROTE_FIGURES = """
    (EXISTS (SELECT 1 FROM observation_versions v WHERE v.change_set_id = c.change_set_id)
     OR EXISTS (SELECT 1 FROM allocation_versions v WHERE v.change_set_id = c.change_set_id)
     OR EXISTS (SELECT 1 FROM spending_versions v WHERE v.change_set_id = c.change_set_id)
     OR EXISTS (SELECT 1 FROM target_versions v WHERE v.change_set_id = c.change_set_id))
"""


def publication_moments(
    connection: duckdb.DuckDBPyConnection, visibility: Visibility, indicator: str | None = None
) -> list[dt.datetime]:
    """Every moment (UTC, naive, ascending, distinct) at which the figures of ``visibility``
    changed; with ``indicator``, only those at which a figure of that indicator changed (the
    same moments, fewer of them)."""
    rows = connection.execute(
        f"""
        WITH figures AS (
            SELECT c.change_set_id, c.kind, c.recorded_at, r.decision, r.reviewed_at
            FROM change_sets c LEFT JOIN reviews r USING (change_set_id)
            WHERE {_WROTE_FIGURES}
              AND ($indicator IS NULL OR EXISTS (
                  SELECT 1 FROM observation_versions v
                  WHERE v.change_set_id = c.change_set_id AND v.indicator_code = $indicator))
        ),
        moments AS (
            SELECT recorded_at AS moment FROM figures WHERE kind IN ('reference', 'demo')
            UNION
            SELECT greatest(recorded_at, reviewed_at) FROM figures WHERE decision = 'approved'
            UNION
            SELECT recorded_at FROM figures
            WHERE $visibility = 'submitted' AND kind IN ('upload', 'correction')
            UNION
            SELECT greatest(recorded_at, reviewed_at) FROM figures
            WHERE $visibility = 'submitted' AND decision IS NOT NULL
        )
        SELECT moment FROM moments WHERE moment IS NOT NULL ORDER BY moment
        """,  # noqa: S608 - _WROTE_FIGURES is a constant of this module, not user input
        {"visibility": visibility, "indicator": indicator},
    ).fetchall()
    return [row[0] for row in rows]

"""SQL for the dashboard's pages: money per initiative and quarter, sources, disagreements.

Like every read, each takes a ``view`` whose visibility is bound into the ``*_as_of`` calls.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb

from planwatch.domain.permissions import PUBLIC_VIEW, View
from planwatch.storage.repository import view_params
from planwatch.storage.rows import FAR_FUTURE, as_dicts


def initiative_money(
    connection: duckdb.DuckDBPyConnection,
    *,
    plan_id: str,
    as_of: dt.datetime | None,
    view: View = PUBLIC_VIEW,
) -> list[dict[str, Any]]:
    """Per initiative and year: allocation and spending (sum of its quarters), with flags saying
    whether either rests on an illustrative source."""
    return as_dicts(
        connection.execute(
            """
            WITH alloc AS (
                SELECT a.initiative_code, a.year, a.amount_dkk,
                       s.kind = 'illustrative' AS illustrative, a.status = 'submitted' AS submitted
                FROM allocations_as_of($as_of, visibility := $visibility) a
                JOIN sources s USING (source_id)
                WHERE NOT a.withdrawn
            ),
            spent AS (
                SELECT p.initiative_code, p.year, sum(p.amount_dkk) AS amount_dkk,
                       bool_or(s.kind = 'illustrative') AS illustrative,
                       bool_or(p.status = 'submitted') AS submitted
                FROM spending_as_of($as_of, visibility := $visibility) p
                JOIN sources s USING (source_id)
                WHERE NOT p.withdrawn GROUP BY p.initiative_code, p.year
            ),
            keys AS (
                SELECT initiative_code, year FROM alloc
                UNION SELECT initiative_code, year FROM spent
            )
            SELECT i.code, i.name_da, i.name_en, i.responsible_org,
                   i.action_area_code, ar.name_da AS area_da, ar.name_en AS area_en, k.year,
                   al.amount_dkk AS allocated, coalesce(al.illustrative, false) AS alloc_ill,
                   sp.amount_dkk AS spent, coalesce(sp.illustrative, false) AS spent_ill,
                   coalesce(al.submitted, false) OR coalesce(sp.submitted, false) AS submitted
            FROM initiatives_as_of($as_of) i
            JOIN action_areas_as_of($as_of) ar
              ON ar.plan_id = i.plan_id AND ar.code = i.action_area_code
            JOIN keys k ON k.initiative_code = i.code
            LEFT JOIN alloc al ON al.initiative_code = i.code AND al.year = k.year
            LEFT JOIN spent sp ON sp.initiative_code = i.code AND sp.year = k.year
            WHERE i.plan_id = $plan
            ORDER BY i.action_area_code, i.code, k.year
            """,
            {**view_params(view, as_of), "plan": plan_id},
        )
    )


def quarterly_spending(
    connection: duckdb.DuckDBPyConnection,
    *,
    plan_id: str,
    as_of: dt.datetime | None,
    view: View = PUBLIC_VIEW,
) -> list[dict[str, Any]]:
    """The plan's spending per quarter (all its initiatives)."""
    return as_dicts(
        connection.execute(
            """
            SELECT p.year, p.quarter, sum(p.amount_dkk) AS spent,
                   bool_or(s.kind = 'illustrative') AS illustrative,
                   bool_or(p.status = 'submitted') AS submitted
            FROM spending_as_of($as_of, visibility := $visibility) p
            JOIN sources s USING (source_id)
            JOIN initiatives i ON i.code = p.initiative_code
            WHERE NOT p.withdrawn AND i.plan_id = $plan
            GROUP BY p.year, p.quarter ORDER BY p.year, p.quarter
            """,
            {**view_params(view, as_of), "plan": plan_id},
        )
    )


def initiative_quarters(
    connection: duckdb.DuckDBPyConnection,
    *,
    plan_id: str,
    as_of: dt.datetime | None,
    view: View = PUBLIC_VIEW,
) -> list[dict[str, Any]]:
    """Spending per initiative and quarter."""
    return as_dicts(
        connection.execute(
            """
            SELECT p.initiative_code AS code, p.year, p.quarter, p.amount_dkk AS spent,
                   s.kind = 'illustrative' AS illustrative, p.status = 'submitted' AS submitted
            FROM spending_as_of($as_of, visibility := $visibility) p
            JOIN sources s USING (source_id)
            JOIN initiatives i ON i.code = p.initiative_code
            WHERE NOT p.withdrawn AND i.plan_id = $plan
            ORDER BY i.action_area_code, p.initiative_code, p.year, p.quarter
            """,
            {**view_params(view, as_of), "plan": plan_id},
        )
    )


def indicator_sources(
    connection: duckdb.DuckDBPyConnection, *, as_of: dt.datetime | None, view: View = PUBLIC_VIEW
) -> list[dict[str, Any]]:
    """Which sources each indicator's current figures cite, with how many figures and years."""
    return as_dicts(
        connection.execute(
            """
            SELECT o.indicator_code, s.source_id, s.title, s.publisher, s.url, s.published_on,
                   s.kind, count(*) AS figures, min(o.year) AS first_year,
                   max(o.year) AS last_year
            FROM observations_as_of($as_of, visibility := $visibility) o
            JOIN sources s USING (source_id)
            WHERE NOT o.withdrawn
            GROUP BY ALL ORDER BY o.indicator_code, first_year, s.source_id
            """,
            view_params(view, as_of),
        )
    )


def disagreements(
    connection: duckdb.DuckDBPyConnection, *, as_of: dt.datetime | None, view: View = PUBLIC_VIEW
) -> list[dict[str, Any]]:
    """Figures for which sources give different values: every source's value, and which one is
    preferred."""
    return as_dicts(
        connection.execute(
            """
            WITH cur AS (
                SELECT * FROM observations_as_of($as_of, visibility := $visibility)
                WHERE NOT withdrawn
            ),
            split AS (
                SELECT indicator_code, year, quarter, sex, age_group, exploitation
                FROM cur GROUP BY ALL HAVING count(DISTINCT value) > 1
            )
            SELECT c.indicator_code, c.year, c.quarter, c.sex, c.age_group, c.exploitation,
                   c.value, c.is_preferred, c.status, s.source_id, s.title AS source_title, c.note
            FROM cur c JOIN split USING (indicator_code, year, sex, age_group, exploitation)
            JOIN sources s ON s.source_id = c.source_id
            WHERE c.quarter IS NOT DISTINCT FROM split.quarter
            ORDER BY c.indicator_code, c.year, c.sex, c.age_group, c.exploitation,
                     c.is_preferred DESC, s.source_id
            """,
            view_params(view, as_of),
        )
    )


def result_links(
    connection: duckdb.DuckDBPyConnection, *, plan_id: str, as_of: dt.datetime | None
) -> list[tuple[str, str]]:
    """The plan's initiatives and their result indicators (issue 19) in force at ``as_of``:
    (initiative code, indicator code), in the order the Budget page lists initiatives."""
    rows = connection.execute(
        """
        SELECT r.initiative_code, r.indicator_code
        FROM initiative_results_as_of($as_of) r
        JOIN initiatives_as_of($as_of) i ON i.code = r.initiative_code
        WHERE i.plan_id = $plan
        ORDER BY i.action_area_code, i.code, r.indicator_code
        """,
        {"as_of": as_of or FAR_FUTURE, "plan": plan_id},
    ).fetchall()
    return [(str(initiative), str(indicator)) for initiative, indicator in rows]

"""SQL for submissions (change sets awaiting a second person) and their reviews."""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

import duckdb

from planwatch.storage.rows import FAR_FUTURE, as_dicts

APPLIED_PREFIX: Final = "plan-submission:"
"""How the change set an approved plan workbook is written in describes itself (plan_sql)."""


def submissions(
    connection: duckdb.DuckDBPyConnection,
    *,
    status: str | None = None,
    recorded_by: str | None = None,
    change_set_id: int | None = None,
) -> list[dict[str, Any]]:
    """Change sets that need approval (uploads, plan workbooks and corrections), newest first,
    with their state, the file they came from (if any) and how many figures they hold.

    The change set an approved plan workbook is written in (``plan_sql.apply``: the plan's
    definitions, allocations and targets) is no submission of its own: it is left out, and its
    number is given with the workbook's submission (``applied_change_set_id``)."""
    return as_dicts(
        connection.execute(
            """
            SELECT c.change_set_id, c.kind, c.recorded_at, c.recorded_by, c.reason,
                   c.description, s.status, s.reviewed_at, s.reviewed_by, s.review_comment,
                   u.upload_id, coalesce(u.file_name, p.file_name) AS file_name,
                   coalesce(u.sha256, p.sha256) AS sha256,
                   coalesce(u.kind, CASE WHEN p.change_set_id IS NOT NULL THEN 'plan' END)
                       AS upload_kind,
                   (SELECT count(*) FROM observation_versions v
                     WHERE v.change_set_id = c.change_set_id)
                 + (SELECT count(*) FROM allocation_versions v
                     WHERE v.change_set_id = c.change_set_id)
                 + (SELECT count(*) FROM spending_versions v
                     WHERE v.change_set_id = c.change_set_id) AS figures,
                   (SELECT min(a.change_set_id) FROM change_sets a
                     WHERE p.change_set_id IS NOT NULL AND a.kind = 'upload'
                       AND starts_with(a.description,
                                       $applied || CAST(c.change_set_id AS VARCHAR) || ':'))
                       AS applied_change_set_id
            FROM change_sets c
            JOIN change_set_status($far) s USING (change_set_id)
            LEFT JOIN uploads u USING (change_set_id)
            LEFT JOIN plan_submissions p USING (change_set_id)  -- a plan workbook (issue 19)
            WHERE c.kind IN ('upload', 'correction')
              AND NOT (c.kind = 'upload' AND u.upload_id IS NULL AND p.change_set_id IS NULL
                       AND starts_with(coalesce(c.description, ''), $applied))
              AND ($status IS NULL OR s.status = $status)
              AND ($by IS NULL OR c.recorded_by = $by)
              AND ($id IS NULL OR c.change_set_id = $id)
            ORDER BY c.recorded_at DESC, c.change_set_id DESC
            """,
            {
                "far": FAR_FUTURE,
                "status": status,
                "by": recorded_by,
                "id": change_set_id,
                "applied": APPLIED_PREFIX,
            },
        )
    )


def submission_figures(
    connection: duckdb.DuckDBPyConnection, change_set_id: int
) -> list[dict[str, Any]]:
    """The figures a submission holds, each beside the approved value it would replace."""
    return as_dicts(
        connection.execute(
            """
            WITH approved AS (
                SELECT * FROM observations_as_of($far) WHERE change_set_id <> $id
            )
            SELECT 'observation' AS table_kind, v.indicator_code AS subject, v.year, v.quarter,
                   v.sex, v.age_group, v.exploitation, v.source_id, v.is_preferred,
                   v.value AS new_value, a.value AS approved_value
            FROM observation_versions v
            LEFT JOIN approved a ON a.indicator_code = v.indicator_code AND a.year = v.year
                 AND a.quarter IS NOT DISTINCT FROM v.quarter AND a.sex = v.sex
                 AND a.age_group = v.age_group AND a.exploitation = v.exploitation
                 AND a.source_id = v.source_id
            WHERE v.change_set_id = $id
            UNION ALL
            SELECT 'allocation', v.initiative_code, v.year, NULL, NULL, NULL, NULL, v.source_id,
                   NULL, v.amount_dkk, a.amount_dkk
            FROM allocation_versions v
            LEFT JOIN (SELECT * FROM allocations_as_of($far) WHERE change_set_id <> $id) a
                 ON a.initiative_code = v.initiative_code AND a.year = v.year
            WHERE v.change_set_id = $id
            UNION ALL
            SELECT 'spending', v.initiative_code, v.year, v.quarter, NULL, NULL, NULL,
                   v.source_id, NULL, v.amount_dkk, a.amount_dkk
            FROM spending_versions v
            LEFT JOIN (SELECT * FROM spending_as_of($far) WHERE change_set_id <> $id) a
                 ON a.initiative_code = v.initiative_code AND a.year = v.year
                 AND a.quarter = v.quarter
            WHERE v.change_set_id = $id
            ORDER BY 1, 2, 3, 4 NULLS FIRST, 5, 6, 7, 8
            """,
            {"far": FAR_FUTURE, "id": change_set_id},
        )
    )


def insert_review(
    connection: duckdb.DuckDBPyConnection,
    *,
    change_set_id: int,
    decision: str,
    reviewed_at: dt.datetime,
    reviewed_by: str,
    comment: str | None,
) -> None:
    connection.execute(
        "INSERT INTO reviews (change_set_id, decision, reviewed_at, reviewed_by, comment) "
        "VALUES (?, ?, ?, ?, ?)",
        [change_set_id, decision, reviewed_at, reviewed_by, comment],
    )

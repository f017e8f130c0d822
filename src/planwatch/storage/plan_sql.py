"""SQL for plans defined through the plan workbook (issue 19): what the checks need, the
submission kept with its change set, the plan applied when it is approved, and a stored plan read
back whole (for ``plans export``).

A plan submission's rows reach the definitions and version tables only in :func:`apply`, which
the approval calls in its own transaction: before it, nothing of the plan is visible anywhere.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Final

import duckdb

from planwatch.errors import UsageError
from planwatch.storage.rows import FAR_FUTURE, as_dicts

APPLIED_PREFIX: Final = "plan-submission:"


def stored_for_checks(connection: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Plans stored and awaiting approval, initiatives and their plans, indicators, sources."""
    pending = connection.execute(
        """
        SELECT p.plan_id FROM plan_submissions p
        JOIN change_set_status($far) s USING (change_set_id)
        WHERE s.status = 'submitted'
        """,
        {"far": FAR_FUTURE},
    ).fetchall()
    return {
        "plans": [r[0] for r in connection.execute("SELECT plan_id FROM plans").fetchall()],
        "pending": [r[0] for r in pending],
        "initiatives": dict(connection.execute("SELECT code, plan_id FROM initiatives").fetchall()),
        "indicators": [r[0] for r in connection.execute("SELECT code FROM indicators").fetchall()],
        "sources": {
            r["source_id"]: r
            for r in as_dicts(
                connection.execute("SELECT source_id, title, publisher, kind FROM sources")
            )
        },
    }


def insert_submission(
    connection: duckdb.DuckDBPyConnection,
    *,
    change_set_id: int,
    plan_id: str,
    file_name: str,
    sha256: str,
    content: bytes,
    definition: dict[str, Any],
) -> None:
    connection.execute(
        "INSERT INTO plan_submissions (change_set_id, plan_id, file_name, sha256, size_bytes, "
        "content, definition) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [change_set_id, plan_id, file_name, sha256, len(content), content, json.dumps(definition)],
    )


def submission(connection: duckdb.DuckDBPyConnection, change_set_id: int) -> dict[str, Any] | None:
    rows = as_dicts(
        connection.execute(
            "SELECT change_set_id, plan_id, file_name, sha256, size_bytes, definition "
            "FROM plan_submissions WHERE change_set_id = ?",
            [change_set_id],
        )
    )
    return rows[0] if rows else None


def apply(
    connection: duckdb.DuckDBPyConnection,
    change_set_id: int,
    *,
    recorded_at: dt.datetime,
    reviewed_by: str,
) -> int | None:
    """Write an approved plan submission's plan, source, action areas and initiatives, and its
    allocations and targets as versions of a change set of their own (the submission's was
    sealed when it was sent), approved by the same reviewer at the same moment. Returns that
    change set's number, or None when the change set is no plan submission."""
    found = submission(connection, change_set_id)
    if found is None:
        return None
    plan = json.loads(found["definition"])
    plan_id = plan["plan"]["plan_id"]
    if connection.execute("SELECT count(*) FROM plans WHERE plan_id = ?", [plan_id]).fetchall()[0][
        0
    ]:
        raise UsageError(
            f"Planen '{plan_id}' findes allerede; indberetning {change_set_id} kan ikke "
            "godkendes. Returnér den.",
            f"The plan '{plan_id}' already exists; submission {change_set_id} cannot be "
            "approved. Return it.",
        )
    codes = [i["code"] for i in plan["initiatives"]]
    taken = connection.execute(
        "SELECT code FROM initiatives WHERE code IN (SELECT unnest(?::VARCHAR[])) ORDER BY code",
        [codes],
    ).fetchall()
    if taken:
        names = ", ".join(str(r[0]) for r in taken)
        raise UsageError(
            f"Indsatserne {names} findes allerede (en anden plan er godkendt imens); "
            f"indberetning {change_set_id} kan ikke godkendes. Returnér den.",
            f"The initiatives {names} already exist (another plan was approved meanwhile); "
            f"submission {change_set_id} cannot be approved. Return it.",
        )
    uploader = connection.execute(
        "SELECT recorded_by FROM change_sets WHERE change_set_id = ?", [change_set_id]
    ).fetchall()[0][0]
    source = plan["source"]
    connection.execute(
        "INSERT INTO sources (source_id, title, publisher, url, published_on, kind, note) "
        "VALUES (?, ?, ?, ?, ?, ?, NULL) ON CONFLICT DO NOTHING",
        [
            source["source_id"],
            source["title"],
            source["publisher"],
            source["url"],
            source["published_on"],
            source["kind"],
        ],
    )
    head = plan["plan"]
    connection.execute(
        "INSERT INTO plans (plan_id, name_da, name_en, start_date, end_date, total_dkk, status, "
        "source_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            plan_id,
            head["name_da"],
            head["name_en"],
            head["start_date"],
            head["end_date"],
            head["total_dkk"],
            head["status"],
            head["source_id"],
            head["note"],
        ],
    )
    sid = source["source_id"]
    if plan["action_areas"]:
        connection.executemany(
            "INSERT INTO action_areas (plan_id, code, name_da, name_en, source_id) "
            "VALUES (?, ?, ?, ?, ?)",
            [[plan_id, a["code"], a["name_da"], a["name_en"], sid] for a in plan["action_areas"]],
        )
    if plan["initiatives"]:
        connection.executemany(
            "INSERT INTO initiatives (code, plan_id, action_area_code, name_da, name_en, "
            "responsible_org, source_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                [
                    i["code"],
                    plan_id,
                    i["action_area"],
                    i["name_da"],
                    i["name_en"],
                    i["responsible_org"],
                    sid,
                ]
                for i in plan["initiatives"]
            ],
        )
    applied = int(
        connection.execute(
            "INSERT INTO change_sets (kind, recorded_at, recorded_by, reason, description) "
            "VALUES ('upload', ?, ?, NULL, ?) RETURNING change_set_id",
            [
                recorded_at,
                uploader,
                f"{APPLIED_PREFIX}{change_set_id}: allocations and targets of the plan {plan_id}",
            ],
        ).fetchall()[0][0]
    )
    if plan["allocations"]:
        connection.executemany(
            "INSERT INTO allocation_versions (change_set_id, initiative_code, year, source_id, "
            "amount_dkk, note) VALUES (?, ?, ?, ?, ?, ?)",
            [
                [applied, a["initiative"], a["year"], sid, a["amount_dkk"], a["note"]]
                for a in plan["allocations"]
            ],
        )
    if plan["targets"]:
        connection.executemany(
            "INSERT INTO target_versions (change_set_id, indicator_code, plan_id, year, kind, "
            "source_id, value, direction, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                [
                    applied,
                    t["indicator"],
                    plan_id,
                    t["year"],
                    t["kind"],
                    sid,
                    t["value"],
                    t.get("direction"),
                    t["note"],
                ]
                for t in plan["targets"]
            ],
        )
    connection.execute(
        "INSERT INTO reviews (change_set_id, decision, reviewed_at, reviewed_by, comment) "
        "VALUES (?, 'approved', ?, ?, ?)",
        [applied, recorded_at, reviewed_by, f"{APPLIED_PREFIX}{change_set_id}"],
    )
    return applied


def stored_plan(
    connection: duckdb.DuckDBPyConnection, plan_id: str, as_of: dt.datetime
) -> dict[str, Any] | None:
    """One stored plan whole, as the workbook holds it: approved allocations and targets as of
    ``as_of``."""
    plans = as_dicts(
        connection.execute(
            """
            SELECT p.plan_id, p.name_da, p.name_en, p.start_date, p.end_date, p.total_dkk,
                   p.status, p.note, p.source_id, s.title AS source_title,
                   s.publisher AS source_publisher, s.url AS source_url,
                   s.published_on AS source_published_on, s.kind AS source_kind
            FROM plans p JOIN sources s USING (source_id) WHERE p.plan_id = ?
            """,
            [plan_id],
        )
    )
    if not plans:
        return None
    return {
        "plan": plans[0],
        "action_areas": as_dicts(
            connection.execute(
                "SELECT code, name_da, name_en FROM action_areas WHERE plan_id = ? ORDER BY code",
                [plan_id],
            )
        ),
        "initiatives": as_dicts(
            connection.execute(
                "SELECT code, name_da, name_en, responsible_org, action_area_code AS action_area "
                "FROM initiatives WHERE plan_id = ? ORDER BY code",
                [plan_id],
            )
        ),
        "allocations": as_dicts(
            connection.execute(
                """
                SELECT a.initiative_code AS initiative, a.year, a.amount_dkk, a.note
                FROM allocations_as_of($as_of) a JOIN initiatives i ON i.code = a.initiative_code
                WHERE i.plan_id = $plan AND NOT a.withdrawn
                ORDER BY a.initiative_code, a.year
                """,
                {"as_of": as_of, "plan": plan_id},
            )
        ),
        "targets": as_dicts(
            connection.execute(
                """
                SELECT indicator_code AS indicator, year, kind, value, direction, note
                FROM targets_as_of($as_of) WHERE plan_id = $plan AND NOT withdrawn
                ORDER BY indicator_code, year NULLS LAST, kind
                """,
                {"as_of": as_of, "plan": plan_id},
            )
        ),
    }


def indicator_names(connection: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    """Every indicator's code and names, for the workbook's list of codes."""
    rows = connection.execute(
        "SELECT code, name_da, name_en FROM indicators ORDER BY code"
    ).fetchall()
    return [(str(c), str(da), str(en)) for c, da, en in rows]

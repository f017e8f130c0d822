"""SQL for plans defined through the plan workbook (issue 19): what the checks need, the
submission kept with its change set, the plan applied when it is approved, and a stored plan read
back whole (for ``plans export``).

A plan submission's rows reach the definitions and version tables only in :func:`apply`, which
the approval calls in its own transaction: before it, nothing of the plan is visible anywhere.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any, Final

import duckdb

from planwatch.errors import UsageError
from planwatch.storage import content_seal, definition_history, reviews
from planwatch.storage.rows import FAR_FUTURE, as_dicts

APPLIED_PREFIX: Final = reviews.APPLIED_PREFIX


def stored_for_checks(connection: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Plans stored and awaiting approval, initiatives and their plans, indicators (with the
    texts a result sheet is compared with), sources."""
    pending = connection.execute(
        """
        SELECT p.plan_id FROM plan_submissions p
        JOIN change_set_status($far) s USING (change_set_id)
        WHERE s.status = 'submitted'
        """,
        {"far": FAR_FUTURE},
    ).fetchall()
    stored = [r[0] for r in connection.execute("SELECT plan_id FROM plans").fetchall()]
    return {
        "plans": stored,
        "outlines": {plan_id: stored_outline(connection, plan_id) for plan_id in stored},
        "pending": [r[0] for r in pending],
        "initiatives": dict(connection.execute("SELECT code, plan_id FROM initiatives").fetchall()),
        "indicator_rows": {
            r["code"]: r
            for r in as_dicts(
                connection.execute(
                    "SELECT i.code, i.name_da, i.name_en, i.definition_da, i.definition_en, "
                    "i.unit, i.aggregation, i.is_core, coalesce(s.synonyms_da, '') AS synonyms_da, "
                    "coalesce(s.synonyms_en, '') AS synonyms_en, EXISTS (SELECT 1 FROM "
                    "observation_versions o WHERE o.indicator_code = i.code) AS has_figures "
                    "FROM indicators_as_of($far) i "
                    "LEFT JOIN indicator_synonyms_as_of($far) s USING (code)",
                    {"far": FAR_FUTURE},
                )
            )
        },
        "sources": {
            r["source_id"]: r
            for r in as_dicts(
                connection.execute(
                    "SELECT source_id, title, publisher, url, published_on, kind "
                    "FROM sources_as_of(?)",
                    [FAR_FUTURE],
                )
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
    """Write an approved plan submission in a change set of its own (the submission's was
    sealed when it was sent), approved by the same reviewer at the same moment. Returns that
    change set's number, or None when the change set is no plan submission.

    A new plan: its source, plan, action areas and initiatives as rows, each with a version in
    the change set (so that "as of" before it the plan did not exist). A stored plan (a revised
    workbook): a new version of each definition that changed, new action areas and initiatives
    as new rows. Both: the allocations and targets that differ from the plan's current ones as
    new versions, and those the workbook no longer has withdrawn: the workbook is the whole plan.
    """
    found = submission(connection, change_set_id)
    if found is None:
        return None
    plan = json.loads(found["definition"])
    head = plan["plan"]
    plan_id = head["plan_id"]
    revising = bool(
        connection.execute("SELECT count(*) FROM plans WHERE plan_id = ?", [plan_id]).fetchall()[0][
            0
        ]
    )
    _refuse_taken(connection, plan, change_set_id)
    if revising:
        _refuse_lost(connection, plan, change_set_id)
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
    what = "revised definitions, allocations and targets" if revising else "the definition"
    applied = int(
        connection.execute(
            "INSERT INTO change_sets (kind, recorded_at, recorded_by, reason, description) "
            "SELECT 'upload', ?, ?, reason, ? FROM change_sets WHERE change_set_id = ? "
            "RETURNING change_set_id",
            [
                recorded_at,
                uploader,
                f"{APPLIED_PREFIX}{change_set_id}: {what} of the plan {plan_id}",
                change_set_id,
            ],
        ).fetchall()[0][0]
    )
    sid = source["source_id"]
    if revising:
        _revise_source(connection, applied, plan_id, source)
        definition_history.revise(
            connection, applied, "plans", plan_id, {**_texts(head), "plan_id": plan_id}
        )
    else:
        connection.execute(
            "INSERT INTO plans (plan_id, name_da, name_en, start_date, end_date, total_dkk, "
            "status, source_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
    _write_areas(connection, applied, plan_id, plan["action_areas"], sid)
    _write_initiatives(connection, applied, plan_id, plan["initiatives"], sid)
    _write_new_indicators(connection, plan.get("new_indicators", []))
    definition_history.record_stored(connection, applied, _new_units(connection, plan))
    _revise_indicators(connection, applied, plan.get("revised_indicators", []))
    _write_results(connection, applied, plan_id, plan.get("results", []))
    _write_allocations(connection, applied, plan_id, plan["allocations"], sid)
    _write_targets(connection, applied, plan_id, plan["targets"], sid)
    connection.execute(
        "INSERT INTO reviews (change_set_id, decision, reviewed_at, reviewed_by, comment) "
        "VALUES (?, 'approved', ?, ?, ?)",
        [applied, recorded_at, reviewed_by, f"{APPLIED_PREFIX}{change_set_id}"],
    )
    return applied


def _new_units(connection: duckdb.DuckDBPyConnection, plan: dict[str, Any]) -> list[str]:
    """The plan's definitions written by this approval (stored but not yet sealed)."""
    plan_id = plan["plan"]["plan_id"]
    mine = {f"plans:{plan_id}"} | {f"initiatives:{i['code']}" for i in plan["initiatives"]}
    mine |= {f"action_areas:{plan_id}/{a['code']}" for a in plan["action_areas"]}
    mine |= {f"indicators:{i['code']}" for i in plan.get("new_indicators", [])}
    mine |= {f"indicator_synonyms:{i['code']}" for i in plan.get("new_indicators", [])}
    mine.add(f"sources:{plan['source']['source_id']}")  # a source this approval wrote
    prefix = f"{content_seal.DEFINITION}:"
    return [
        name
        for name in content_seal.unsealed(connection, content_seal.DEFINITION)
        if name.removeprefix(prefix) in mine
    ]


def _texts(row: dict[str, Any]) -> dict[str, Any]:
    """A workbook's row as the canonical text a definition version holds (amounts without
    trailing zeros, as the content seal writes them)."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        if key == "total_dkk" and value is not None:
            out[key] = format(Decimal(str(value)).normalize(), "f")
        else:
            out[key] = None if value is None else str(value)
    return out


def _refuse_taken(
    connection: duckdb.DuckDBPyConnection, plan: dict[str, Any], change_set_id: int
) -> None:
    """Initiative codes another plan took since the workbook was checked."""
    plan_id = plan["plan"]["plan_id"]
    codes = [i["code"] for i in plan["initiatives"]]
    taken = connection.execute(
        "SELECT code FROM initiatives WHERE code IN (SELECT unnest(?::VARCHAR[])) "
        "AND plan_id <> ? ORDER BY code",
        [codes, plan_id],
    ).fetchall()
    if taken:
        names = ", ".join(str(r[0]) for r in taken)
        raise UsageError(
            f"Indsatserne {names} findes allerede (en anden plan er godkendt imens); "
            f"indberetning {change_set_id} kan ikke godkendes. Returnér den.",
            f"The initiatives {names} already exist (another plan was approved meanwhile); "
            f"submission {change_set_id} cannot be approved. Return it.",
        )


def _refuse_lost(
    connection: duckdb.DuckDBPyConnection, plan: dict[str, Any], change_set_id: int
) -> None:
    """What a revision may not do, checked again at approval (another revision may have been
    approved since the workbook was checked): change the period, drop an action area or an
    initiative, or move an initiative to another action area."""
    plan_id = plan["plan"]["plan_id"]
    lost = revision_losses(connection, plan)
    if lost:
        raise UsageError(
            f"Planen {plan_id} er ændret siden indberetning {change_set_id} blev tjekket "
            f"({'; '.join(d for d, _ in lost)}); den kan ikke godkendes. Returnér den.",
            f"The plan {plan_id} changed since submission {change_set_id} was checked "
            f"({'; '.join(e for _, e in lost)}); it cannot be approved. Return it.",
        )


def stored_outline(connection: duckdb.DuckDBPyConnection, plan_id: str) -> dict[str, Any]:
    """A stored plan's period, action areas and initiatives (code -> action area): what a
    revised workbook must keep; and its source now (which a revision may revise)."""
    period = connection.execute(
        "SELECT start_date, end_date FROM plans WHERE plan_id = ?", [plan_id]
    ).fetchall()
    source = connection.execute(
        "SELECT source_id FROM plans_as_of(?) WHERE plan_id = ?", [FAR_FUTURE, plan_id]
    ).fetchall()
    areas = connection.execute(
        "SELECT code FROM action_areas WHERE plan_id = ? ORDER BY code", [plan_id]
    ).fetchall()
    initiatives = connection.execute(
        "SELECT code, action_area_code FROM initiatives WHERE plan_id = ? ORDER BY code",
        [plan_id],
    ).fetchall()
    return {
        "period": (period[0][0], period[0][1]) if period else None,
        "source_id": str(source[0][0]) if source else None,
        "action_areas": [str(r[0]) for r in areas],
        "initiatives": {str(c): str(a) for c, a in initiatives},
    }


def revision_losses(
    connection: duckdb.DuckDBPyConnection, plan: dict[str, Any]
) -> list[tuple[str, str]]:
    """(Danish, English) for each thing a revised workbook loses of the stored plan."""
    outline = stored_outline(connection, plan["plan"]["plan_id"])
    lost: list[tuple[str, str]] = []
    if outline["period"] is not None:
        start, end = (d.isoformat() for d in outline["period"])
        if (plan["plan"]["start_date"], plan["plan"]["end_date"]) != (start, end):
            lost.append((f"perioden er {start}–{end}", f"the period is {start}–{end}"))
    areas = {a["code"] for a in plan["action_areas"]}
    for code in outline["action_areas"]:
        if code not in areas:
            lost.append((f"indsatsområdet {code} mangler", f"the action area {code} is missing"))
    moved = {i["code"]: i["action_area"] for i in plan["initiatives"]}
    for code, area in outline["initiatives"].items():
        if code not in moved:
            lost.append((f"indsatsen {code} mangler", f"the initiative {code} is missing"))
        elif moved[code] != area:
            lost.append(
                (f"indsatsen {code} hører til {area}", f"the initiative {code} belongs to {area}")
            )
    return lost


def _write_areas(
    connection: duckdb.DuckDBPyConnection,
    applied: int,
    plan_id: str,
    areas: list[dict[str, Any]],
    sid: str,
) -> None:
    stored = {
        str(r[0])
        for r in connection.execute(
            "SELECT code FROM action_areas WHERE plan_id = ?", [plan_id]
        ).fetchall()
    }
    new = [a for a in areas if a["code"] not in stored]
    if new:
        connection.executemany(
            "INSERT INTO action_areas (plan_id, code, name_da, name_en, source_id) "
            "VALUES (?, ?, ?, ?, ?)",
            [[plan_id, a["code"], a["name_da"], a["name_en"], sid] for a in new],
        )
    for area in areas:
        if area["code"] in stored:
            row = {"plan_id": plan_id, "source_id": sid, **_texts(area)}
            definition_history.revise(
                connection, applied, "action_areas", f"{plan_id}/{area['code']}", row
            )


def _write_initiatives(
    connection: duckdb.DuckDBPyConnection,
    applied: int,
    plan_id: str,
    initiatives: list[dict[str, Any]],
    sid: str,
) -> None:
    stored = {
        str(r[0])
        for r in connection.execute(
            "SELECT code FROM initiatives WHERE plan_id = ?", [plan_id]
        ).fetchall()
    }
    new = [i for i in initiatives if i["code"] not in stored]
    if new:
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
                for i in new
            ],
        )
    for initiative in initiatives:
        if initiative["code"] in stored:
            row = {
                "code": initiative["code"],
                "plan_id": plan_id,
                "action_area_code": initiative["action_area"],
                "name_da": initiative["name_da"],
                "name_en": initiative["name_en"],
                "responsible_org": initiative["responsible_org"],
                "source_id": sid,
            }
            definition_history.revise(connection, applied, "initiatives", initiative["code"], row)


def _write_new_indicators(
    connection: duckdb.DuckDBPyConnection, indicators: list[dict[str, Any]]
) -> None:
    """The result indicators the workbook defines: indicators like any other (not core; which
    way is better is not said), sealed with the plan's other definitions. One defined by
    another workbook approved meanwhile is refused."""
    codes = [i["code"] for i in indicators]
    taken = connection.execute(
        "SELECT code FROM indicators WHERE code IN (SELECT unnest(?::VARCHAR[])) ORDER BY code",
        [codes],
    ).fetchall()
    if taken:
        names = ", ".join(str(r[0]) for r in taken)
        raise UsageError(
            f"Indikatorerne {names} er oprettet imens; planen kan ikke godkendes. Returnér den.",
            f"The indicators {names} were created meanwhile; the plan cannot be approved. "
            "Return it.",
        )
    if indicators:
        connection.executemany(
            "INSERT INTO indicators (code, name_da, name_en, definition_da, definition_en, unit, "
            "aggregation, direction, is_core) VALUES (?, ?, ?, ?, ?, ?, ?, 'neither', false)",
            [
                [
                    i["code"],
                    i["name_da"],
                    i["name_en"],
                    i["definition_da"],
                    i["definition_en"],
                    i["unit"],
                    i["aggregation"],
                ]
                for i in indicators
            ],
        )
    _write_synonyms(connection, [i for i in indicators if _has_synonyms(i)])


def _has_synonyms(row: dict[str, Any]) -> bool:
    return bool(row.get("synonyms_da") or row.get("synonyms_en"))


def _write_synonyms(connection: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> None:
    """The synonyms of indicators that have none stored yet (each list as the checks wrote it)."""
    if rows:
        connection.executemany(
            "INSERT INTO indicator_synonyms (code, synonyms_da, synonyms_en) VALUES (?, ?, ?)",
            [[r["code"], r.get("synonyms_da") or "", r.get("synonyms_en") or ""] for r in rows],
        )


def _revise_source(
    connection: duckdb.DuckDBPyConnection, applied: int, plan_id: str, source: dict[str, Any]
) -> None:
    """A revision that names the plan's source as it stands writes a new version of its title,
    publisher, address and date where they differ (its kind never changes: the checks refuse
    it). A source another plan or figure named is left as it is."""
    own = connection.execute(
        "SELECT source_id FROM plans_as_of(?) WHERE plan_id = ?", [FAR_FUTURE, plan_id]
    ).fetchall()
    sid = source["source_id"]
    if not own or own[0][0] != sid:
        return
    now = definition_history.current(connection, "sources", sid)
    if now is None:
        return
    revised = {
        **now,
        **{k: None if source.get(k) is None else str(source[k]) for k in _SOURCE_REVISABLE},
    }
    definition_history.revise(connection, applied, "sources", sid, revised)


_SOURCE_REVISABLE: Final = ("title", "publisher", "url", "published_on")


def _revise_indicators(
    connection: duckdb.DuckDBPyConnection, applied: int, revised: list[dict[str, Any]]
) -> None:
    """New versions of the names and definitions of result indicators the workbook revises.
    A core indicator is never revised through a plan (checked with the sheet, and here)."""
    for row in revised:
        now = definition_history.current(connection, "indicators", row["code"])
        if now is None or now.get("is_core") != "false":  # canonical text: "true"/"false"
            raise UsageError(
                f"Indikatoren {row['code']} kan ikke ændres gennem en plan.",
                f"The indicator {row['code']} cannot be changed through a plan.",
            )
        wanted = {
            **now,
            **{k: row[k] for k in ("name_da", "name_en", "definition_da", "definition_en")},
            **{k: row[k] for k in ("unit", "aggregation") if row.get(k)},
        }
        if (wanted["unit"], wanted["aggregation"]) != (now["unit"], now["aggregation"]):
            _refuse_if_figures(connection, row["code"])
        definition_history.revise(connection, applied, "indicators", row["code"], wanted)
        _revise_synonyms(connection, applied, row)


def _refuse_if_figures(connection: duckdb.DuckDBPyConnection, code: str) -> None:
    """A new unit or aggregation only while no figure of the indicator is stored (in any
    state: one sent since the revision was checked counts too)."""
    found = connection.execute(
        "SELECT count(*) FROM observation_versions WHERE indicator_code = ?", [code]
    ).fetchall()
    if found[0][0]:
        raise UsageError(
            f"Der er indberettet tal for indikatoren {code}, siden planen blev sendt; dens enhed "
            "og opgørelse kan ikke længere ændres. Returnér planen.",
            f"Figures of the indicator {code} were uploaded since the plan was sent; its unit "
            "and aggregation can no longer change. Return the plan.",
        )


def _revise_synonyms(
    connection: duckdb.DuckDBPyConnection, applied: int, row: dict[str, Any]
) -> None:
    """The synonyms a revision gives a result indicator: a new version of its lists, or, for
    one that had none, its first lists, which hold from this approval on (a submission sent
    before the workbook had the columns names none: nothing changes)."""
    if "synonyms_da" not in row and "synonyms_en" not in row:
        return
    code = row["code"]
    wanted = {
        "code": code,
        "synonyms_da": row.get("synonyms_da") or "",
        "synonyms_en": row.get("synonyms_en") or "",
    }
    if definition_history.current(connection, "indicator_synonyms", code) is not None:
        definition_history.revise(connection, applied, "indicator_synonyms", code, wanted)
    elif _has_synonyms(wanted):
        _write_synonyms(connection, [wanted])
        definition_history.record_stored(
            connection, applied, [f"{content_seal.DEFINITION}:indicator_synonyms:{code}"]
        )


def _write_results(
    connection: duckdb.DuckDBPyConnection,
    applied: int,
    plan_id: str,
    results: list[dict[str, Any]],
) -> None:
    """The workbook's initiative -> result indicator links not yet in force, and a withdrawal
    of each link in force that the workbook no longer has."""
    current = set(
        connection.execute(
            """
            SELECT r.initiative_code, r.indicator_code
            FROM initiative_results_as_of($far) r
            JOIN initiatives i ON i.code = r.initiative_code
            WHERE i.plan_id = $plan
            """,
            {"far": FAR_FUTURE, "plan": plan_id},
        ).fetchall()
    )
    wanted = {(r["initiative"], r["indicator"]) for r in results}
    rows = [[applied, code, indicator, False] for code, indicator in sorted(wanted - current)]
    rows += [[applied, code, indicator, True] for code, indicator in sorted(current - wanted)]
    if rows:
        connection.executemany(
            "INSERT INTO initiative_results (change_set_id, initiative_code, indicator_code, "
            "withdrawn) VALUES (?, ?, ?, ?)",
            rows,
        )


def _same_amount(a: Any, b: Any) -> bool:
    return a is not None and b is not None and Decimal(str(a)) == Decimal(str(b))


def _write_allocations(
    connection: duckdb.DuckDBPyConnection,
    applied: int,
    plan_id: str,
    allocations: list[dict[str, Any]],
    sid: str,
) -> None:
    """The workbook's allocations that differ from the plan's current ones, and a withdrawal
    of each current one it no longer has."""
    current = {
        (str(r["initiative_code"]), int(r["year"])): r
        for r in as_dicts(
            connection.execute(
                """
                SELECT a.initiative_code, a.year, a.amount_dkk, a.note
                FROM allocations_as_of($far) a JOIN initiatives i ON i.code = a.initiative_code
                WHERE i.plan_id = $plan AND NOT a.withdrawn
                """,
                {"far": FAR_FUTURE, "plan": plan_id},
            )
        )
    }
    rows: list[list[Any]] = []
    for a in allocations:
        now = current.pop((a["initiative"], int(a["year"])), None)
        if (
            now is None
            or not _same_amount(now["amount_dkk"], a["amount_dkk"])
            or (now["note"] != a["note"])
        ):
            rows.append(
                [applied, a["initiative"], a["year"], sid, a["amount_dkk"], False, a["note"]]
            )
    rows += [[applied, code, year, sid, None, True, None] for code, year in sorted(current)]
    if rows:
        connection.executemany(
            "INSERT INTO allocation_versions (change_set_id, initiative_code, year, source_id, "
            "amount_dkk, withdrawn, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def _write_targets(
    connection: duckdb.DuckDBPyConnection,
    applied: int,
    plan_id: str,
    targets: list[dict[str, Any]],
    sid: str,
) -> None:
    """As allocations: the targets and baselines that differ, and withdrawals."""
    current = {
        (str(r["indicator_code"]), r["year"], str(r["kind"])): r
        for r in as_dicts(
            connection.execute(
                "SELECT indicator_code, year, kind, value, direction, note "
                "FROM targets_as_of($far) WHERE plan_id = $plan AND NOT withdrawn",
                {"far": FAR_FUTURE, "plan": plan_id},
            )
        )
    }
    rows: list[list[Any]] = []
    for t in targets:
        now = current.pop((t["indicator"], t["year"], t["kind"]), None)
        direction = t.get("direction")
        if (
            now is None
            or not _same_amount(now["value"], t["value"])
            or now["direction"] != direction
            or now["note"] != t["note"]
        ):
            rows.append(
                [
                    applied,
                    t["indicator"],
                    plan_id,
                    t["year"],
                    t["kind"],
                    sid,
                    t["value"],
                    direction,
                    False,
                    t["note"],
                ]
            )
    rows += [
        [applied, code, plan_id, year, kind, sid, None, None, True, None]
        for code, year, kind in sorted(current, key=lambda k: (k[0], k[1] or 0, k[2]))
    ]
    if rows:
        connection.executemany(
            "INSERT INTO target_versions (change_set_id, indicator_code, plan_id, year, kind, "
            "source_id, value, direction, withdrawn, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def stored_plan(
    connection: duckdb.DuckDBPyConnection, plan_id: str, as_of: dt.datetime
) -> dict[str, Any] | None:
    """One stored plan whole, as the workbook holds it, as of ``as_of``: its definitions then and
    its approved allocations and targets then (None: no such plan then)."""
    plans = as_dicts(
        connection.execute(
            """
            SELECT p.plan_id, p.name_da, p.name_en, p.start_date, p.end_date, p.total_dkk,
                   p.status, p.note, p.source_id, s.title AS source_title,
                   s.publisher AS source_publisher, s.url AS source_url,
                   s.published_on AS source_published_on, s.kind AS source_kind
            FROM plans_as_of($as_of) p JOIN sources_as_of($as_of) s USING (source_id)
            WHERE p.plan_id = $plan
            """,
            {"as_of": as_of, "plan": plan_id},
        )
    )
    if not plans:
        return None
    return {
        "plan": plans[0],
        "action_areas": as_dicts(
            connection.execute(
                "SELECT code, name_da, name_en FROM action_areas_as_of(?) WHERE plan_id = ? "
                "ORDER BY code",
                [as_of, plan_id],
            )
        ),
        "initiatives": as_dicts(
            connection.execute(
                "SELECT code, name_da, name_en, responsible_org, action_area_code AS action_area "
                "FROM initiatives_as_of(?) WHERE plan_id = ? ORDER BY code",
                [as_of, plan_id],
            )
        ),
        "allocations": as_dicts(
            connection.execute(
                """
                SELECT a.initiative_code AS initiative, a.year, a.amount_dkk, a.note
                FROM allocations_as_of($as_of) a
                JOIN initiatives_as_of($as_of) i ON i.code = a.initiative_code
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
        "results": as_dicts(
            connection.execute(
                """
                SELECT r.initiative_code AS initiative, r.indicator_code AS indicator
                FROM initiative_results_as_of($as_of) r
                JOIN initiatives_as_of($as_of) i ON i.code = r.initiative_code
                WHERE i.plan_id = $plan
                ORDER BY r.initiative_code, r.indicator_code
                """,
                {"as_of": as_of, "plan": plan_id},
            )
        ),
        "result_indicators": as_dicts(  # what a revision may rename (issue 19)
            connection.execute(
                """
                SELECT n.code, n.name_da, n.name_en, n.definition_da, n.definition_en,
                       n.unit, n.aggregation, coalesce(s.synonyms_da, '') AS synonyms_da,
                       coalesce(s.synonyms_en, '') AS synonyms_en
                FROM indicators_as_of($as_of) n
                LEFT JOIN indicator_synonyms_as_of($as_of) s USING (code)
                WHERE n.code IN (
                    SELECT r.indicator_code FROM initiative_results_as_of($as_of) r
                    JOIN initiatives_as_of($as_of) i ON i.code = r.initiative_code
                    WHERE i.plan_id = $plan)
                ORDER BY n.code
                """,
                {"as_of": as_of, "plan": plan_id},
            )
        ),
    }


def indicator_names(connection: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    """Every indicator's code and names now, for the workbook's list of codes."""
    rows = connection.execute(
        "SELECT code, name_da, name_en FROM indicators_as_of(?) ORDER BY code", [FAR_FUTURE]
    ).fetchall()
    return [(str(c), str(da), str(en)) for c, da, en in rows]

"""Indicators and sources have history (issue 19): a revision of a plan renames or redefines the
result indicator the plan created and moves the plan's source to a new address and title; each
change is a new version, approved by a second person, and "as of" before it every reader (the
dashboard's services, the speaking note, the auditors' tables) still shows the definitions of
that moment. An indicator's unit and aggregation, a source's kind and CMM's core indicators are
never changed through a plan. The versions are sealed and rebuilt like the plan's."""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook

from planwatch.access import approvals, audit
from planwatch.domain.permissions import Actor, Role
from planwatch.domain.plan_revision import Change
from planwatch.domain.plan_workbook import PlanSheetKey
from planwatch.exports import auditors
from planwatch.figures import dashboard, reporting
from planwatch.notes import draft
from planwatch.operations import rebuild
from planwatch.storage import Store, migrations, uploads_archive
from planwatch.uploads import plan_import, reference
from tests import clock
from tests.actors import make_users
from tests.operations.compare_tables import differences
from tests.uploads.test_plan_results import CONTACTS, NEW_INDICATOR, results_and_figures
from tests.uploads.test_plan_revision import _exported, _row_of
from tests.uploads.test_plan_workbook import NEW_PLAN, as_bytes, set_cells, valid_plan

OLD_NAME = NEW_INDICATOR["name_da"]
NEW_NAME = "Opsøgende samtaler (eksempel)"
NEW_DEFINITION_EN = "Conversations with possible victims in outreach work (made up)."
NEW_TITLE = "Illustrativ handlingsplan, revideret udgave (opdigtet)"
NEW_URL = "https://example.org/plan-revideret"


@functools.cache
def _start() -> dt.datetime:
    return clock.from_now(days=1, at=dt.time(8, 0))


def _at(hours: float) -> dt.datetime:
    return _start() + dt.timedelta(hours=hours)


def _renamed(store: Store, uploader: Actor) -> Workbook:
    """The stored plan exported, its result indicator renamed and redefined in English, its
    source given a new title and address."""
    workbook = _exported(store, uploader, NEW_PLAN)
    row = _row_of(workbook, PlanSheetKey.RESULTS, indicator=CONTACTS)
    set_cells(
        workbook,
        PlanSheetKey.RESULTS,
        row,
        {"name_da": NEW_NAME, "definition_en": NEW_DEFINITION_EN},
    )
    set_cells(workbook, PlanSheetKey.PLAN, 2, {"source_title": NEW_TITLE, "source_url": NEW_URL})
    return workbook


@pytest.fixture
def running(tmp_path: Path) -> tuple[Store, dict[Role, Actor], str]:
    """The plan with its new result indicator sent (hour 1) and approved (2); CMM's figures of
    it sent (3) and approved (4); the revision renaming it and its source sent (5) and approved
    (6). Returns the store, the people and the plan's source."""
    store = Store(tmp_path / "original.duckdb")
    reference.load(store, demo=True, now=_at(0), origin="cli operator@host")
    people = make_users(store)
    uploader, approver = people[Role.UPLOADER], people[Role.APPROVER]
    results_and_figures(store, people, _at)
    source_id = reporting.plan(store, NEW_PLAN).source_id
    old = next(s for s in reporting.sources(store) if s.source_id == source_id)
    revised = plan_import.import_plan(
        store,
        as_bytes(_renamed(store, uploader)),
        "r.xlsx",
        actor=uploader,
        reason="Nyt navn og ny adresse",
        now=_at(5),
    )
    assert revised.status == "stored" and revised.change_set_id is not None, revised.problems
    seen = approvals.submitted_plan(store, people[Role.AUDITOR], revised.change_set_id)
    assert seen is not None and seen.changes == (  # what the approver is shown: only this
        Change("source", source_id, "title", old.title, NEW_TITLE),
        Change("source", source_id, "url", old.url, NEW_URL),
        Change(
            "indicator",
            CONTACTS,
            "definition_en",
            NEW_INDICATOR["definition_en"],
            NEW_DEFINITION_EN,
        ),
        Change("indicator", CONTACTS, "name_da", OLD_NAME, NEW_NAME),
    )
    approvals.approve(store, approver, revised.change_set_id, now=_at(6))
    return store, people, source_id


def test_every_reader_shows_the_names_and_source_of_its_moment(
    running: tuple[Store, dict[Role, Actor], str],
) -> None:
    store, _, source_id = running

    def named(hours: float) -> str | None:
        found = {i.code: i for i in reporting.indicators(store, _at(hours))}
        return found[CONTACTS].name_da if CONTACTS in found else None

    def title(hours: float) -> str | None:
        found = {s.source_id: s for s in reporting.sources(store, _at(hours))}
        return found[source_id].title if source_id in found else None

    assert (named(1.5), title(1.5)) == (None, None)  # neither existed before the approval
    assert named(2.5) == named(5.5) == OLD_NAME  # sent, not yet approved: still the old
    assert named(7) == reporting.indicator(store, CONTACTS).name_da == NEW_NAME
    assert reporting.indicator(store, CONTACTS, _at(7)).definition_en == NEW_DEFINITION_EN
    assert reporting.indicator(store, CONTACTS, _at(4.5)).unit == "kontakter"  # never changes
    assert title(4.5) != NEW_TITLE and title(7) == NEW_TITLE

    def result_name(hours: float) -> str:
        results = dashboard.budget_view(store, NEW_PLAN, as_of=_at(hours)).results
        return next(r.indicator.name_da for r in results if r.indicator.code == CONTACTS)

    assert (result_name(4.5), result_name(7)) == (OLD_NAME, NEW_NAME)

    def note(hours: float) -> str:
        points = draft.draft(store, year=2026, plan_id=NEW_PLAN, language="da", as_of=_at(hours))
        return "\n".join(b.text for b in points.bullets)

    assert OLD_NAME in note(4.5) and NEW_NAME not in note(4.5)
    assert NEW_NAME in note(7) and OLD_NAME not in note(7)


def test_the_auditors_tables_hold_each_moments_definitions_and_every_version(
    running: tuple[Store, dict[Role, Actor], str],
) -> None:
    store, people, source_id = running
    auditor = people[Role.AUDITOR]
    names = ["indicators", "sources", "figures", "targets", "initiative_results"]

    def tables(hours: float) -> dict[str, object]:
        return auditors.tables(store, auditor, names=names, as_of=_at(hours))

    early, before, after = tables(1.5), tables(4.5), tables(7)
    assert CONTACTS not in set(early["indicators"]["code"])  # type: ignore[index]
    assert source_id not in set(early["sources"]["source_id"])  # type: ignore[index]
    for table, column in (
        ("indicators", "name_da"),
        ("figures", "indicator_name_da"),
        ("targets", "indicator_name_da"),
        ("initiative_results", "indicator_name_da"),
    ):
        for moment, name in ((before, OLD_NAME), (after, NEW_NAME)):
            frame = moment[table]
            code = "code" if table == "indicators" else "indicator_code"
            shown = set(frame.loc[frame[code] == CONTACTS, column])  # type: ignore[attr-defined]
            assert shown == {name}, (table, name)
    urls = {
        moment: dict(zip(frame["source_id"], frame["url"], strict=True))[source_id]  # type: ignore[index]
        for moment, frame in (("before", before["sources"]), ("after", after["sources"]))
    }
    assert urls["after"] == NEW_URL and str(urls["before"]) != NEW_URL  # none before
    history = auditors.tables(store, auditor, names=["definition_history"], as_of=_at(7))[
        "definition_history"
    ]
    mine = history[history["row_key"] == CONTACTS]
    assert list(mine["table_name"]) == ["indicators", "indicators"]  # defined, then renamed
    contents = [json.loads(c)["name_da"] for c in mine["content"]]
    assert contents == [OLD_NAME, NEW_NAME]
    assert list(mine["reason"]) == ["Ny plan", "Nyt navn og ny adresse"]
    assert set(mine["approved_by"]) == {people[Role.APPROVER].name}
    source_rows = history[(history["table_name"] == "sources") & (history["row_key"] == source_id)]
    assert [json.loads(c)["url"] for c in source_rows["content"]][-1] == NEW_URL


def test_the_versions_are_sealed_and_rebuilt(
    running: tuple[Store, dict[Role, Actor], str], tmp_path: Path
) -> None:
    store, people, _ = running
    auditor = people[Role.AUDITOR]
    assert audit.verify(store, auditor).ok
    report = rebuild.rebuild(tmp_path / "rebuilt.duckdb", uploads_archive.archive_dir(store.path))
    assert differences(store.path, report.database, report.accounts_entry) == []
    with duckdb.connect(str(store.path)) as connection:  # an insider puts the old name back
        connection.execute(
            "UPDATE definition_versions SET content = replace(CAST(content AS VARCHAR), ?, ?) "
            "WHERE table_name = 'indicators'",
            [NEW_NAME, OLD_NAME],
        )
    assert reporting.indicator(store, CONTACTS).name_da == OLD_NAME  # what the edit shows...
    verdict = audit.verify(store, auditor)
    assert not verdict.ok  # ...is found: the version is in the revision's sealed change set
    assert {f.table for f in verdict.findings} == {"definition_versions"}


def _problems(
    store: Store, workbook: Workbook, actor: Actor
) -> set[tuple[str, int | None, str | None]]:
    report = plan_import.import_plan(
        store, as_bytes(workbook), "plan.xlsx", actor=actor, reason="tjek", dry_run=True
    )
    assert report.status == "refused"
    return {(p.code, p.row, p.column) for p in report.problems}


def test_what_a_plan_may_not_change_of_an_indicator_or_a_source(
    running: tuple[Store, dict[Role, Actor], str],
) -> None:
    store, people, _ = running
    uploader = people[Role.UPLOADER]
    unit = _exported(store, uploader, NEW_PLAN)  # a unit written otherwise
    row = _row_of(unit, PlanSheetKey.RESULTS, indicator=CONTACTS)
    set_cells(unit, PlanSheetKey.RESULTS, row, {"unit": "samtaler"})
    assert _problems(store, unit, uploader) == {("result-indicator-differs", row, "enhed")}
    core = _exported(store, uploader, NEW_PLAN)  # one of CMM's core indicators renamed
    set_cells(
        core,
        PlanSheetKey.RESULTS,
        row + 1,
        {"initiative": "illu-stoette", "indicator": "hotline_calls", "name_da": "Opkald"},
    )
    assert _problems(store, core, uploader) == {("result-indicator-differs", row + 1, "navn_da")}
    kind = _exported(store, uploader, NEW_PLAN)  # a made-up source made official
    set_cells(kind, PlanSheetKey.PLAN, 2, {"source_kind": "official"})
    assert {c for c, _, _ in _problems(store, kind, uploader)} == {"source-differs"}
    other = valid_plan(store, uploader)  # a new plan naming a stored source with another address
    set_cells(
        other,
        PlanSheetKey.PLAN,
        2,
        {"plan_id": "illu-anden", "source_title": NEW_TITLE, "source_url": NEW_URL + "x"},
    )
    found = plan_import.import_plan(
        store, as_bytes(other), "p.xlsx", actor=uploader, reason="tjek", dry_run=True
    )
    differs = [p for p in found.problems if p.code == "source-differs"]
    assert [p.column for p in differs] == ["kilde_url"]  # ignored before: now it is refused
    assert "adresse" in differs[0].message_da and "address" in differs[0].message_en
    assert NEW_URL in differs[0].message_da  # the address recorded


def test_a_database_from_before_the_migration_keeps_its_versions(tmp_path: Path) -> None:
    """Migration 0012 rebuilds definition_versions with the wider CHECK: the plan versions of a
    database migrated to 0011 are kept, the seal holds, and a change set can still be deleted
    (a renamed copy of the table left a foreign key naming the old table: DuckDB's rename)."""
    store = Store(tmp_path / "old.duckdb")
    upto = [m.name for m in migrations.MIGRATIONS].index("0011_initiative_results") + 1
    migrations.migrate(store, migrations.MIGRATIONS[:upto], now=_at(0))
    with store.connect() as connection:
        connection.execute(
            "INSERT INTO change_sets (kind, recorded_at, recorded_by) VALUES ('upload', ?, 'x')",
            [_at(0)],
        )
        connection.execute(
            "INSERT INTO definition_versions (change_set_id, table_name, row_key, content) "
            "VALUES (1, 'plans', 'p', '{\"plan_id\": \"p\"}')"
        )
        with pytest.raises(duckdb.ConstraintException):
            connection.execute(
                "INSERT INTO definition_versions (change_set_id, table_name, row_key, content) "
                "VALUES (1, 'indicators', 'i', '{}')"
            )
    assert migrations.migrate(store, now=_at(1))[0] == "0012_indicator_source_history"
    with store.connect() as connection:
        kept = connection.execute("SELECT table_name, row_key FROM definition_versions").fetchall()
        assert kept == [("plans", "p")]
        connection.execute(
            "INSERT INTO definition_versions (change_set_id, table_name, row_key, content) "
            "VALUES (1, 'indicators', 'i', '{}')"
        )
        connection.execute("DELETE FROM definition_versions")
        connection.execute("DELETE FROM change_sets")  # failed with the renamed table
        assert connection.execute("SELECT count(*) FROM change_sets").fetchall() == [(0,)]

"""A plan revised through a second workbook (issue 19, "definitions have history"): the plan's
names, total, initiatives, allocations and targets change as new versions with who, when and
why; "as of" between the two approvals shows the first plan everywhere (plans, budget, exports,
the workbook exported again); the audit chain holds, an insider's edit of a version does not,
and a rebuild from the archive gives the same tables. A revision may not drop or move what the
stored plan has, nor change its period."""

from __future__ import annotations

import datetime as dt
import functools
import io
from pathlib import Path
from typing import Any

import duckdb
import pytest
from openpyxl import Workbook, load_workbook

from planwatch.access import approvals, audit
from planwatch.domain.permissions import Actor, Role
from planwatch.domain.plan_workbook import SHEETS, PlanSheetKey
from planwatch.errors import NotFoundError
from planwatch.exports import auditors
from planwatch.figures import dashboard, reporting
from planwatch.operations import rebuild
from planwatch.storage import Store, plan_sql, uploads_archive
from planwatch.uploads import plan_import, reference
from tests import clock
from tests.actors import make_users
from tests.operations.compare_tables import differences
from tests.uploads.test_plan_workbook import (
    NEW_PLAN,
    approve_new_plan,
    as_bytes,
    set_cells,
)


@functools.cache
def _start() -> dt.datetime:
    return clock.from_now(days=1, at=dt.time(8, 0))


def _at(hours: float) -> dt.datetime:
    return _start() + dt.timedelta(hours=hours)


def _exported(store: Store, actor: Actor, plan_id: str) -> Workbook:
    return load_workbook(io.BytesIO(plan_import.export_plan(store, actor, plan_id)))


def _rows(workbook: Workbook, key: PlanSheetKey) -> list[dict[str, Any]]:
    """A sheet's filled rows by canonical column name, with their row number."""
    spec = next(s for s in SHEETS if s.key == key)
    sheet = next(workbook[n] for n in spec.names() if n in workbook.sheetnames)
    names = {c.name_da: c.name for c in spec.columns} | {c.name: c.name for c in spec.columns}
    headers = [names.get(str(c.value), str(c.value)) for c in sheet[1]]
    found = []
    for number, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        if any(v not in (None, "") for v in row):
            found.append({"_row": number, **dict(zip(headers, row, strict=False))})
    return found


def _row_of(workbook: Workbook, key: PlanSheetKey, **match: Any) -> int:
    return next(
        r["_row"]
        for r in _rows(workbook, key)
        if all(str(r[k]) == str(v) for k, v in match.items())
    )


def add_initiative(workbook: Workbook, action_area: str) -> None:
    """A new initiative ``illu-ny`` in ``action_area``, on the first empty row of Indsatser."""
    added = len(_rows(workbook, PlanSheetKey.INITIATIVES)) + 2
    set_cells(
        workbook,
        PlanSheetKey.INITIATIVES,
        added,
        {
            "code": "illu-ny",
            "name_da": "Ny indsats (eksempel)",
            "name_en": "New initiative (example)",
            "responsible_org": "KFUK's Sociale Arbejde",
            "action_area": action_area,
        },
    )


def _clear(workbook: Workbook, key: PlanSheetKey, row: int) -> None:
    spec = next(s for s in SHEETS if s.key == key)
    sheet = next(workbook[n] for n in spec.names() if n in workbook.sheetnames)
    sheet.delete_rows(row)


def _define(store: Store, people: dict[Role, Actor]) -> None:
    """The illustrative plan 2026-2029 sent at hour 1 and approved at hour 2."""
    approve_new_plan(store, people, sent_at=_at(1), approved_at=_at(2))


def _revision(store: Store, uploader: Actor) -> Workbook:
    """The stored plan exported, then revised: new names, a bigger total, an initiative added
    with money, an allocation changed, the baseline dropped."""
    workbook = _exported(store, uploader, NEW_PLAN)
    set_cells(
        workbook,
        PlanSheetKey.PLAN,
        2,
        {"name_da": "Revideret illustrativ plan", "total_dkk": 120_000_000},
    )
    first = _row_of(workbook, PlanSheetKey.INITIATIVES, code="illu-opsporing")
    set_cells(
        workbook,
        PlanSheetKey.INITIATIVES,
        first,
        {"name_da": "Opsporing, udvidet", "responsible_org": "Politiet"},
    )
    add_initiative(workbook, "A")
    money = _row_of(workbook, PlanSheetKey.ALLOCATIONS, initiative="illu-stoette", year=2027)
    set_cells(workbook, PlanSheetKey.ALLOCATIONS, money, {"amount_dkk": 3_000_000})
    extra = len(_rows(workbook, PlanSheetKey.ALLOCATIONS)) + 2
    set_cells(
        workbook,
        PlanSheetKey.ALLOCATIONS,
        extra,
        {"initiative": "illu-ny", "year": 2028, "amount_dkk": 1_000_000},
    )
    baseline = _row_of(workbook, PlanSheetKey.TARGETS, kind="baseline")
    _clear(workbook, PlanSheetKey.TARGETS, baseline)
    return workbook


@pytest.fixture
def revised(tmp_path: Path) -> tuple[Store, dict[Role, Actor]]:
    """A database where the plan was defined (hour 2) and revised (sent hour 4, approved 5)."""
    store = Store(tmp_path / "original.duckdb")
    reference.load(store, demo=True, now=_at(0), origin="cli operator@host")
    people = make_users(store)
    _define(store, people)
    uploader = people[Role.UPLOADER]
    data = as_bytes(_revision(store, uploader))
    unexplained = plan_import.import_plan(store, data, "revision.xlsx", actor=uploader, now=_at(3))
    assert [p.code for p in unexplained.problems] == ["revision-needs-reason"]
    assert unexplained.problems[0].sheet == "Plan"
    sent = plan_import.import_plan(
        store, data, "revision.xlsx", actor=uploader, reason="Aftale om flere midler", now=_at(4)
    )
    assert sent.status == "stored" and sent.revises, sent.problems
    assert "reviderer den" in sent.summary("da") and "revises it" in sent.summary("en")
    assert sent.changes is not None and sent.changes > 0
    assert f"({sent.changes} ændring(er)" in sent.summary("da")
    assert "ændrer intet" not in sent.summary("da")
    assert sent.change_set_id is not None
    waiting = plan_import.import_plan(
        store, data, "again.xlsx", actor=uploader, reason="igen", dry_run=True
    )
    assert [p.code for p in waiting.problems] == ["plan-exists"]  # one revision at a time
    approvals.approve(store, people[Role.APPROVER], sent.change_set_id, now=_at(5))
    return store, people


def test_a_revision_that_changes_nothing_says_so_before_it_is_sent(
    revised: tuple[Store, dict[Role, Actor]],
) -> None:
    """The stored plan exported and checked as it is: a revision of nothing. It is not refused
    (an archive may hold one, and a rebuild replays it), but the sender is told."""
    store, people = revised
    uploader = people[Role.UPLOADER]
    same = as_bytes(_exported(store, uploader, NEW_PLAN))
    checked = plan_import.import_plan(
        store, same, "same.xlsx", actor=uploader, reason="tjek", dry_run=True
    )
    assert (checked.status, checked.revises, checked.changes) == ("dry-run", True, 0)
    assert "ændrer intet i den gemte plan" in checked.summary("da")
    assert "changes nothing in the stored plan" in checked.summary("en")


def test_as_of_between_the_approvals_shows_the_first_plan_and_after_them_the_revised(
    revised: tuple[Store, dict[Role, Actor]],
) -> None:
    store, _ = revised
    before, between, after = _at(1.5), _at(3), _at(6)
    assert NEW_PLAN not in {p.plan_id for p in reporting.plans(store, before)}
    with pytest.raises(NotFoundError):
        reporting.plan(store, NEW_PLAN, before)
    first, now = reporting.plan(store, NEW_PLAN, between), reporting.plan(store, NEW_PLAN, after)
    assert (first.name_da, first.total_dkk) == ("Illustrativ handlingsplan 2026-2029", 100_000_000)
    assert (now.name_da, now.total_dkk) == ("Revideret illustrativ plan", 120_000_000)
    assert reporting.plan(store, NEW_PLAN) == now  # no moment: now
    assert first.name_en == now.name_en  # what did not change is the same

    with store.connect(read_only=True) as connection:
        old = plan_sql.stored_plan(connection, NEW_PLAN, between)
        new = plan_sql.stored_plan(connection, NEW_PLAN, after)
    assert old is not None and new is not None
    names = {i["code"]: (i["name_da"], i["responsible_org"]) for i in old["initiatives"]}
    assert names["illu-opsporing"] == ("Opsporing (eksempel)", "Center mod Menneskehandel")
    assert "illu-ny" not in names
    names = {i["code"]: (i["name_da"], i["responsible_org"]) for i in new["initiatives"]}
    assert names["illu-opsporing"] == ("Opsporing, udvidet", "Politiet")
    assert names["illu-ny"][0] == "Ny indsats (eksempel)"
    money = {(a["initiative"], a["year"]): int(a["amount_dkk"]) for a in old["allocations"]}
    assert money[("illu-stoette", 2027)] == 2_500_000 and ("illu-ny", 2028) not in money
    money = {(a["initiative"], a["year"]): int(a["amount_dkk"]) for a in new["allocations"]}
    assert money[("illu-stoette", 2027)] == 3_000_000 and money[("illu-ny", 2028)] == 1_000_000
    assert {t["kind"] for t in old["targets"]} == {"baseline", "target"}
    assert {t["kind"] for t in new["targets"]} == {"target"}  # the dropped baseline: withdrawn

    budget_then = dashboard.budget_view(store, NEW_PLAN, as_of=between)
    budget_now = dashboard.budget_view(store, NEW_PLAN, as_of=after)
    assert {i.name_da for i in budget_then.initiatives if i.code == "illu-opsporing"} == {
        "Opsporing (eksempel)"
    }
    assert {i.name_da for i in budget_now.initiatives if i.code == "illu-opsporing"} == {
        "Opsporing, udvidet"
    }
    money_then = dashboard.plan_progress(store, NEW_PLAN, as_of=between).money
    assert money_then.plan.total_dkk == 100_000_000 and money_then.total_illustrative


def test_the_auditors_tables_as_of_each_moment_hold_that_moments_definitions(
    revised: tuple[Store, dict[Role, Actor]],
) -> None:
    store, people = revised
    auditor = people[Role.AUDITOR]
    names = ["plans", "initiatives", "allocations", "targets"]
    then = auditors.tables(store, auditor, names=names, as_of=_at(3), plan_id=NEW_PLAN)
    now = auditors.tables(store, auditor, names=names, as_of=_at(6), plan_id=NEW_PLAN)
    assert then["plans"]["name_da"].tolist() == ["Illustrativ handlingsplan 2026-2029"]
    assert now["plans"]["name_da"].tolist() == ["Revideret illustrativ plan"]
    assert float(then["plans"]["total_dkk"].iloc[0]) == 100_000_000
    assert float(now["plans"]["total_dkk"].iloc[0]) == 120_000_000
    assert "illu-ny" not in then["initiatives"]["code"].tolist()
    assert "illu-ny" in now["initiatives"]["code"].tolist()
    named = dict(
        zip(
            now["allocations"]["initiative_code"],
            now["allocations"]["initiative_name_da"],
            strict=True,
        )
    )
    assert named["illu-opsporing"] == "Opsporing, udvidet"
    named = dict(
        zip(
            then["allocations"]["initiative_code"],
            then["allocations"]["initiative_name_da"],
            strict=True,
        )
    )
    assert named["illu-opsporing"] == "Opsporing (eksempel)"
    assert set(then["targets"]["kind"]) == {"baseline", "target"}
    assert set(now["targets"]["kind"]) == {"target"}
    # the history of the definitions: the plan's creation, then its revision, who and why
    history_then = auditors.tables(
        store, auditor, names=["definition_history"], as_of=_at(3), plan_id=NEW_PLAN
    )["definition_history"]
    history = auditors.tables(
        store, auditor, names=["definition_history"], as_of=_at(6), plan_id=NEW_PLAN
    )["definition_history"]
    plan_rows = history[history["table_name"] == "plans"]
    assert plan_rows["reason"].tolist() == ["Ny plan", "Aftale om flere midler"]
    assert plan_rows["approved_by"].tolist() == [people[Role.APPROVER].name] * 2
    assert '"total_dkk":"120000000"' in plan_rows["content"].iloc[1].replace(" ", "")
    assert set(history["source_kind"]) == {"illustrative"}  # marked like every invented figure
    assert len(history_then) < len(history)
    assert "Aftale om flere midler" not in set(history_then["reason"])
    touched = set(history[history["reason"] == "Aftale om flere midler"]["row_key"])
    assert touched == {NEW_PLAN, "illu-opsporing", "illu-ny"}  # only what changed, and the new
    # who changed it and why: the revision's change set carries the submission's reason
    revised_by = now["allocations"].set_index("initiative_code").loc["illu-ny"]
    assert revised_by["reason"] == "Aftale om flere midler"
    assert revised_by["recorded_by"] == people[Role.UPLOADER].name


def test_the_revision_holds_under_audit_and_an_edited_version_does_not(
    revised: tuple[Store, dict[Role, Actor]],
) -> None:
    store, people = revised
    auditor = people[Role.AUDITOR]
    assert audit.verify(store, auditor).ok
    with duckdb.connect(str(store.path)) as connection:  # an insider with the database file
        connection.execute(
            "UPDATE definition_versions SET content = replace(CAST(content AS VARCHAR), "
            "'120000000', '150000000') WHERE table_name = 'plans'"
        )
    verdict = audit.verify(store, auditor)
    assert reporting.plan(store, NEW_PLAN).total_dkk == 150_000_000  # what the edit shows...
    assert not verdict.ok  # ...is found: the version is in the revision's sealed change set
    edited = [f for f in verdict.findings if f.table == "definition_versions"]
    assert [(f.problem, f.unit.split(":")[0]) for f in edited] == [("value-differs", "change-set")]
    assert "150000000" in str(edited[0].stored) and "120000000" in str(edited[0].sealed)


def test_a_rebuild_gives_back_the_plan_and_its_revision_table_by_table(
    revised: tuple[Store, dict[Role, Actor]], tmp_path: Path
) -> None:
    store, _ = revised
    report = rebuild.rebuild(tmp_path / "rebuilt.duckdb", uploads_archive.archive_dir(store.path))
    assert differences(store.path, report.database, report.accounts_entry) == []
    assert report.replayed["plan-applied"] == 2
    rebuilt = Store(report.database)
    assert (
        reporting.plan(rebuilt, NEW_PLAN, _at(3)).name_da == "Illustrativ handlingsplan 2026-2029"
    )
    assert reporting.plan(rebuilt, NEW_PLAN).name_da == "Revideret illustrativ plan"


def test_a_revision_keeps_the_period_every_action_area_and_initiative_in_place(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path / "p.duckdb")
    reference.load(store, demo=True, now=_at(0), origin="cli operator@host")
    people = make_users(store)
    _define(store, people)
    uploader = people[Role.UPLOADER]
    workbook = _exported(store, uploader, NEW_PLAN)
    set_cells(workbook, PlanSheetKey.PLAN, 2, {"end_date": "2030-12-31"})
    area = len(_rows(workbook, PlanSheetKey.ACTION_AREAS)) + 2
    set_cells(
        workbook, PlanSheetKey.ACTION_AREAS, area, {"code": "B", "name_da": "B", "name_en": "B"}
    )
    moved = _row_of(workbook, PlanSheetKey.INITIATIVES, code="illu-opsporing")
    set_cells(workbook, PlanSheetKey.INITIATIVES, moved, {"action_area": "B"})
    dropped = _row_of(workbook, PlanSheetKey.INITIATIVES, code="illu-stoette")
    _clear(workbook, PlanSheetKey.INITIATIVES, dropped)
    for row in sorted(
        (
            r["_row"]
            for r in _rows(workbook, PlanSheetKey.ALLOCATIONS)
            if r["initiative"] == "illu-stoette"
        ),
        reverse=True,
    ):
        _clear(workbook, PlanSheetKey.ALLOCATIONS, row)
    report = plan_import.import_plan(
        store, as_bytes(workbook), "r.xlsx", actor=uploader, reason="ændret", dry_run=True
    )
    found = {(p.sheet, p.code, p.value) for p in report.problems}
    assert found == {
        ("Plan", "revision-period-changed", "2030-12-31"),
        ("Indsatser", "revision-moved-initiative", "illu-opsporing"),
        ("Indsatser", "revision-missing-initiative", "illu-stoette"),
    }
    english = {p.code: p.message_en for p in report.problems}
    assert "keeps its period" in english["revision-period-changed"]
    assert "cannot move" in english["revision-moved-initiative"]


def test_a_plan_stored_before_history_was_kept_is_revised_from_its_first_state(
    tmp_path: Path,
) -> None:
    """The bundled 2022-2025 plan has no version (it came with init): its revision keeps the row
    as it stood as the version that holds from the beginning."""
    store = Store(tmp_path / "p.duckdb")
    reference.load(store, demo=True, now=_at(0), origin="cli operator@host")
    people = make_users(store)
    uploader = people[Role.UPLOADER]
    original = reporting.plan(store, "2022-2025")
    workbook = _exported(store, uploader, "2022-2025")
    set_cells(workbook, PlanSheetKey.PLAN, 2, {"note": "Forlænget aftale (illustrativ note)"})
    sent = plan_import.import_plan(
        store, as_bytes(workbook), "r.xlsx", actor=uploader, reason="note", now=_at(1)
    )
    assert sent.status == "stored", sent.problems
    assert sent.change_set_id is not None
    approvals.approve(store, people[Role.APPROVER], sent.change_set_id, now=_at(2))
    assert reporting.plan(store, "2022-2025", _at(0.5)) == original
    assert reporting.plan(store, "2022-2025") == original  # the note is not on Plan
    with store.connect(read_only=True) as connection:
        then = plan_sql.stored_plan(connection, "2022-2025", _at(0.5))
        now = plan_sql.stored_plan(connection, "2022-2025", _at(3))
    assert then is not None and now is not None
    assert now["plan"]["note"] == "Forlænget aftale (illustrativ note)"
    assert then["plan"]["note"] != now["plan"]["note"]
    assert then["initiatives"] == now["initiatives"]  # unchanged: no version written
    assert audit.verify(store, people[Role.AUDITOR]).ok


def test_an_edited_plan_submission_is_found_by_audit_verify(
    revised: tuple[Store, dict[Role, Actor]],
) -> None:
    """The plan a workbook defines, as checked, is sealed with its submission: an insider who
    changes it in the file (what an approval would write) is found."""
    store, people = revised
    with duckdb.connect(str(store.path)) as connection:
        connection.execute(
            "UPDATE plan_submissions SET definition = replace(CAST(definition AS VARCHAR), "
            "'Politiet', 'Ukendt') WHERE definition LIKE '%Politiet%'"
        )
    verdict = audit.verify(store, people[Role.AUDITOR])
    assert not verdict.ok
    assert {f.table for f in verdict.findings} == {"plan_submissions"}


def test_the_speaking_note_and_the_audit_pack_as_of_each_moment_hold_that_moments_plan(
    revised: tuple[Store, dict[Role, Actor]], tmp_path: Path
) -> None:
    """'Done when' of issue 19: notes and the audit pack as of before and after a definition
    changed."""
    import csv
    import zipfile

    from planwatch.notes.draft import draft

    store, people = revised
    then = draft(store, plan_id=NEW_PLAN, as_of=_at(3))  # the latest complete year's note
    now = draft(store, plan_id=NEW_PLAN, as_of=_at(6))
    assert (then.plan.total_dkk, now.plan.total_dkk) == (100_000_000, 120_000_000)
    money_then = " ".join(b.text for b in then.bullets if b.money is not None)
    money_now = " ".join(b.text for b in now.bullets if b.money is not None)
    assert "100,0 mio. kr." in money_then and "120,0 mio. kr." in money_now
    assert money_then.startswith("ILLUSTRATIVT") and money_now.startswith("ILLUSTRATIVT")

    def pack(moment: dt.datetime) -> tuple[list[str], list[str]]:
        """The plans' Danish names in the pack's plans table, and the plan workbooks in it."""
        receipt = auditors.pack(
            store, people[Role.AUDITOR], tmp_path / "p.zip", as_of=moment, plan_id=NEW_PLAN
        )
        with zipfile.ZipFile(receipt.files[0].path) as archive:
            text = archive.read("tables/plans.csv").decode("utf-8-sig")
            workbooks = [n for n in archive.namelist() if n.startswith("plans/")]
        return [r["name_da"] for r in csv.DictReader(io.StringIO(text))], workbooks

    names, workbooks = pack(_at(3))
    assert names == ["Illustrativ handlingsplan 2026-2029"] and len(workbooks) == 1
    names, workbooks = pack(_at(6))
    assert names == ["Revideret illustrativ plan"] and len(workbooks) == 2

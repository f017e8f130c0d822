"""The plan workbook (issue 19): the template holds the sheets the checks read; a workbook with
problems is refused with every problem by sheet, row and column in Danish and English and
nothing stored; a valid one is a submission that shows nowhere until another person approves
it, and then all of it at once."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from planwatch.access import approvals, audit
from planwatch.domain.indicators import TargetDirection
from planwatch.domain.permissions import Actor, Role
from planwatch.domain.plan_workbook import SHEETS, PlanSheetKey
from planwatch.errors import PermissionDeniedError, PlanwatchError, UsageError
from planwatch.figures import dashboard, reporting
from planwatch.storage import Store
from planwatch.uploads import plan_import
from tests.actors import make_users

NEW_PLAN = "illustrativ-2026-2029"


@pytest.fixture
def actors(users_store: Store) -> dict[Role, Actor]:
    return make_users(users_store)


def template(store: Store, actor: Actor, language: str = "da") -> Workbook:
    return load_workbook(io.BytesIO(plan_import.plan_template(store, actor, language)))


def as_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def set_cells(workbook: Workbook, key: PlanSheetKey, row: int, values: dict[str, Any]) -> None:
    """Write values into a sheet's row by canonical column name (Danish or English workbook)."""
    spec = next(s for s in SHEETS if s.key == key)
    sheet = next(workbook[n] for n in spec.names() if n in workbook.sheetnames)
    headers = [c.value for c in sheet[1]]
    for name, value in values.items():
        column = spec.column(name)
        index = next(i for i, h in enumerate(headers, 1) if h in (column.name, column.name_da))
        sheet.cell(row=row, column=index, value=value)


def valid_plan(store: Store, actor: Actor, language: str = "da") -> Workbook:
    """The template's example, an illustrative plan 2026-2029, made complete."""
    workbook = template(store, actor, language)
    set_cells(workbook, PlanSheetKey.PLAN, 2, {"plan_id": NEW_PLAN})
    set_cells(
        workbook,
        PlanSheetKey.INITIATIVES,
        3,
        {
            "code": "illu-stoette",
            "name_da": "Støtte (eksempel)",
            "name_en": "Support (example)",
            "responsible_org": "Reden International",
            "action_area": "A",
        },
    )
    set_cells(
        workbook,
        PlanSheetKey.ALLOCATIONS,
        3,
        {"initiative": "illu-stoette", "year": 2027, "amount_dkk": 2_500_000},
    )
    set_cells(
        workbook,
        PlanSheetKey.TARGETS,
        3,
        {"indicator": "victims_assessed", "year": 2026, "kind": "baseline", "value": 100},
    )
    return workbook


def approve_new_plan(
    store: Store,
    people: dict[Role, Actor],
    *,
    sent_at: dt.datetime | None = None,
    approved_at: dt.datetime | None = None,
) -> int:
    """The illustrative plan 2026-2029 (:func:`valid_plan`) sent by the uploader and approved
    by the approver (at these moments, else now). Returns the submission's number."""
    uploader = people[Role.UPLOADER]
    sent = plan_import.import_plan(
        store,
        as_bytes(valid_plan(store, uploader)),
        "plan.xlsx",
        actor=uploader,
        reason="Ny plan",
        now=sent_at,
    )
    assert sent.status == "stored" and sent.change_set_id is not None, sent.problems
    approvals.approve(store, people[Role.APPROVER], sent.change_set_id, now=approved_at)
    return sent.change_set_id


def plan_ids(store: Store) -> set[str]:
    return {p.plan_id for p in reporting.plans(store)}


def test_the_template_has_every_sheet_and_column_in_the_language_asked(
    users_store: Store, actors: dict[Role, Actor]
) -> None:
    for language in ("da", "en"):
        workbook = template(users_store, actors[Role.UPLOADER], language)
        for spec in SHEETS:
            sheet = workbook[spec.name(language)]
            headers = [c.value for c in sheet[1]]
            expected = [c.name_da if language == "da" else c.name for c in spec.columns]
            assert headers == expected
        assert ("Vejledning" if language == "da" else "Help") in workbook.sheetnames


def test_a_workbook_with_several_problems_reports_each_by_sheet_row_and_column(
    users_store: Store, actors: dict[Role, Actor]
) -> None:
    uploader = actors[Role.UPLOADER]
    workbook = valid_plan(users_store, uploader)
    set_cells(workbook, PlanSheetKey.PLAN, 2, {"plan_id": "2022-2025"})  # stored: a revision
    set_cells(workbook, PlanSheetKey.INITIATIVES, 3, {"action_area": "Z"})  # no such area
    set_cells(workbook, PlanSheetKey.ALLOCATIONS, 3, {"year": 2031})  # after the plan
    set_cells(
        workbook,
        PlanSheetKey.ALLOCATIONS,
        4,
        {"initiative": "findes-ikke", "year": 2026, "amount_dkk": 200_000_000},
    )
    set_cells(workbook, PlanSheetKey.TARGETS, 3, {"indicator": "no_such_indicator"})
    set_cells(workbook, PlanSheetKey.PLAN, 2, {"name_en": "@SUM(1+1)"})
    before = _counts(users_store)
    report = plan_import.import_plan(
        users_store, as_bytes(workbook), "plan.xlsx", actor=uploader, reason="ny plan"
    )
    assert report.status == "refused"
    found = {(p.sheet, p.row, p.column, p.code) for p in report.problems}
    # a revision of 2022-2025 keeps its period, action areas and initiatives
    assert ("Plan", 2, "startdato", "revision-period-changed") in found
    assert ("Plan", 2, "slutdato", "revision-period-changed") in found
    assert ("Indsatsområder", None, "kode", "revision-missing-action-area") in found
    assert ("Indsatser", None, "kode", "revision-missing-initiative") in found
    assert ("Plan", 2, "navn_en", "formula-text") in found
    assert ("Indsatser", 3, "indsatsområde", "unknown-action-area") in found
    assert ("Bevillinger", 3, "år", "year-outside-plan") in found
    assert ("Bevillinger", 4, "indsats", "unknown-plan-initiative") in found
    assert ("Bevillinger", None, "beløb_kr", "allocations-exceed-plan") in found
    assert ("Mål", 3, "indikator", "unknown-indicator") in found
    assert report.errors == len(report.problems)
    assert {p.code for p in report.problems} == {
        "revision-period-changed",
        "revision-missing-action-area",
        "revision-missing-initiative",
        "formula-text",
        "unknown-action-area",
        "year-outside-plan",
        "unknown-plan-initiative",
        "allocations-exceed-plan",
        "unknown-indicator",
    }
    assert all(
        p.message_da and p.message_en and p.message_da != p.message_en for p in report.problems
    )
    assert _counts(users_store) == before  # nothing stored


def _counts(store: Store) -> dict[str, int]:
    with store.connect(read_only=True) as connection:
        return {
            table: int(connection.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])
            for table in ("plans", "initiatives", "change_sets", "plan_submissions", "audit_log")
        }


def test_not_a_workbook_and_huge_cells_are_refused_clearly(
    users_store: Store, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    uploader = actors[Role.UPLOADER]
    csv = plan_import.import_plan(
        users_store, b"plan_id;navn_da\n2026;x\n", "plan.csv", actor=uploader
    )
    assert [p.code for p in csv.problems] == ["plan-workbook-not-xlsx"]
    assert "planwatch template --kind plan" in csv.problems[0].message_da
    zipped = plan_import.import_plan(
        users_store, b"PK\x03\x04" + bytes(range(256)) * 4, "plan.xlsx", actor=uploader
    )
    assert zipped.status == "refused" and zipped.problems
    assert all(p.message_da and p.message_en for p in zipped.problems)
    workbook = valid_plan(users_store, uploader)
    set_cells(workbook, PlanSheetKey.ACTION_AREAS, 2, {"name_da": "x" * 5000})
    huge = plan_import.import_plan(users_store, as_bytes(workbook), "plan.xlsx", actor=uploader)
    assert [(p.sheet, p.code) for p in huge.problems] == [("Indsatsområder", "text-too-long")]
    del workbook["Mål"]
    missing = plan_import.import_plan(users_store, as_bytes(workbook), "p.xlsx", actor=uploader)
    assert "missing-sheet" in {p.code for p in missing.problems}


def test_an_approved_plan_shows_whole_and_only_after_approval(
    users_store: Store, actors: dict[Role, Actor]
) -> None:
    uploader, approver = actors[Role.UPLOADER], actors[Role.APPROVER]
    workbook = valid_plan(users_store, uploader, "en")
    set_cells(workbook, PlanSheetKey.PLAN, 2, {"status": "Vedtaget"})  # Danish words accepted
    set_cells(workbook, PlanSheetKey.TARGETS, 3, {"kind": "basis"})
    report = plan_import.import_plan(
        users_store, as_bytes(workbook), "plan.xlsx", actor=uploader, reason="the next plan"
    )
    assert report.status == "stored", report.problems
    assert report.change_set_id is not None
    assert NEW_PLAN not in plan_ids(users_store)
    with pytest.raises(PlanwatchError):  # the dashboard knows no such plan yet
        dashboard.plan_progress(users_store, NEW_PLAN)
    again = plan_import.import_plan(users_store, as_bytes(workbook), "plan.xlsx", actor=uploader)
    assert [p.code for p in again.problems] == ["plan-exists"]
    assert "awaiting approval" in again.problems[0].message_en
    with pytest.raises(PermissionDeniedError):
        approvals.approve(users_store, uploader, report.change_set_id)
    approvals.approve(users_store, approver, report.change_set_id)
    assert NEW_PLAN in plan_ids(users_store)
    plan = next(p for p in reporting.plans(users_store) if p.plan_id == NEW_PLAN)
    assert str(plan.start_date) == "2026-01-01" and plan.total_dkk == 100_000_000
    assert plan.status.value == "adopted"
    targets = reporting.targets(users_store, "victims_assessed", NEW_PLAN)
    assert {(t.year, t.kind.value, int(t.value), t.direction) for t in targets} == {
        (None, "target", 150, TargetDirection.AT_LEAST),  # the template's example: at_least
        (2026, "baseline", 100, None),
    }
    sources = {s.source_id: s for s in reporting.sources(users_store)}
    assert sources[plan.source_id].kind.value == "illustrative"
    assert dashboard.plan_progress(users_store, NEW_PLAN).money.total_illustrative
    assert not dashboard.plan_progress(users_store, "2022-2025").money.total_illustrative
    budget = dashboard.budget_view(users_store, NEW_PLAN)
    shown = {(i.code, i.year, i.allocated, i.illustrative) for i in budget.initiatives}
    assert ("illu-opsporing", 2026, 5_000_000, True) in shown
    assert ("illu-stoette", 2027, 2_500_000, True) in shown
    assert audit.verify(users_store, actors[Role.AUDITOR]).ok
    logged = audit.entries(users_store, actors[Role.AUDITOR])
    subject = f"change-set:{report.change_set_id}"
    assert [e.action for e in logged if e.subject == subject] == ["upload", "approve"]
    upload = next(e for e in logged if e.subject == subject)
    assert upload.details["kind"] == "plan" and upload.details["sha256"] == report.sha256
    applied = [e for e in logged if e.action == "plan-applied"]
    assert [e.details["submission"] for e in applied] == [report.change_set_id]


def test_a_returned_plan_is_never_applied(users_store: Store, actors: dict[Role, Actor]) -> None:
    uploader, approver = actors[Role.UPLOADER], actors[Role.APPROVER]
    report = plan_import.import_plan(
        users_store, as_bytes(valid_plan(users_store, uploader)), "p.xlsx", actor=uploader
    )
    assert report.change_set_id is not None
    before = _counts(users_store)
    approvals.return_submission(users_store, approver, report.change_set_id, comment="not yet")
    after = _counts(users_store)
    assert after["plans"] == before["plans"] and after["initiatives"] == before["initiatives"]
    assert NEW_PLAN not in plan_ids(users_store)


_CELLS = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["2026-13-45", "=1+1", "@x", "-", "1.234,5", "vedtaget", "ønske", " "]),
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    changes=st.lists(
        st.tuples(
            st.sampled_from(list(SHEETS)),
            st.integers(min_value=2, max_value=4),
            st.data(),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_any_cells_give_a_report_never_a_crash(
    users_store: Store, actors: dict[Role, Actor], changes: list[Any]
) -> None:
    """Whatever is written into the template's cells, the import answers with a report: valid
    (a dry run stores nothing either) or refused with problems that each name their sheet."""
    uploader = actors[Role.UPLOADER]
    workbook = valid_plan(users_store, uploader)
    for spec, row, data in changes:
        column = data.draw(st.sampled_from([c.name for c in spec.columns]))
        value = data.draw(_CELLS)
        if isinstance(value, str):
            value = "".join(ch for ch in value if ch.isprintable()) or None
        set_cells(workbook, spec.key, row, {column: value})
    report = plan_import.import_plan(
        users_store, as_bytes(workbook), "plan.xlsx", actor=uploader, dry_run=True
    )
    assert report.status in ("dry-run", "refused")
    assert (report.status == "refused") == bool(report.problems)
    assert all(p.sheet and p.message_da and p.message_en for p in report.problems)


def test_two_plans_sent_before_either_is_approved_cannot_both_take_an_initiative(
    users_store: Store, actors: dict[Role, Actor]
) -> None:
    """Each workbook was valid when sent; the second approval is refused with a clear reason and
    leaves nothing of its plan."""
    uploader, approver = actors[Role.UPLOADER], actors[Role.APPROVER]
    first = plan_import.import_plan(
        users_store, as_bytes(valid_plan(users_store, uploader)), "a.xlsx", actor=uploader
    )
    other = valid_plan(users_store, uploader)
    set_cells(other, PlanSheetKey.PLAN, 2, {"plan_id": "illustrativ-b"})
    second = plan_import.import_plan(users_store, as_bytes(other), "b.xlsx", actor=uploader)
    assert first.change_set_id is not None and second.change_set_id is not None
    approvals.approve(users_store, approver, first.change_set_id)
    with pytest.raises(UsageError) as refused:
        approvals.approve(users_store, approver, second.change_set_id)
    assert "illu-opsporing" in refused.value.message_en and "Return it" in refused.value.message_en
    assert "illustrativ-b" not in plan_ids(users_store)
    waiting = approvals.submissions(users_store, approver, status="submitted")
    assert [s.change_set_id for s in waiting] == [second.change_set_id]

"""Initiative-level result indicators (issue 19): a plan workbook's sheet "Resultatindikatorer"
links each initiative to the indicators that tell what it achieves (a known one by its code, a
new one defined there); once the plan is approved CMM uploads their figures like any other, and
the Budget view sets each initiative's money beside its results, as of any moment: before the
plan's approval there are none, a revision that drops a link withdraws it from then on. The
links are sealed like the plan, and a rebuild from the archive gives them back."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
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
from planwatch.operations import rebuild
from planwatch.storage import Store, uploads_archive
from planwatch.uploads import ingest, plan_import, reference
from tests import clock
from tests.actors import make_users
from tests.operations.compare_tables import differences
from tests.uploads.test_plan_revision import _clear, _exported, _row_of, _rows
from tests.uploads.test_plan_workbook import NEW_PLAN, as_bytes, set_cells, valid_plan

CONTACTS = "illu-kontakter"
NEW_INDICATOR = {
    "initiative": "illu-stoette",
    "indicator": CONTACTS,
    "name_da": "Opsøgende kontakter (eksempel)",
    "name_en": "Outreach contacts (example)",
    "definition_da": "Antal kontakter med mulige ofre i opsøgende arbejde (opdigtet).",
    "definition_en": "Number of contacts with possible victims in outreach work (made up).",
    "unit": "kontakter",
}


@functools.cache
def _start() -> dt.datetime:
    return clock.from_now(days=1, at=dt.time(8, 0))


def _at(hours: float) -> dt.datetime:
    return _start() + dt.timedelta(hours=hours)


def _with_results(store: Store, actor: Actor) -> Workbook:
    """The illustrative plan (its template example links illu-opsporing to CMM's assessments)
    with a new result indicator for illu-stoette, and a target for it."""
    workbook = valid_plan(store, actor)
    set_cells(workbook, PlanSheetKey.RESULTS, 3, NEW_INDICATOR)
    set_cells(
        workbook,
        PlanSheetKey.TARGETS,
        4,
        {
            "indicator": CONTACTS,
            "year": 2027,
            "kind": "target",
            "value": 500,
            "direction": "mindst",
        },
    )
    return workbook


def _figures(values: dict[int, int]) -> bytes:
    """CMM's quarterly file for the new indicator, as Danish Excel writes a CSV."""
    lines = ["indikator;år;kvartal;værdi;køn;aldersgruppe;udnyttelsesform"]
    lines += [f"{CONTACTS};2026;{quarter};{value};;;" for quarter, value in values.items()]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def _results(store: Store, as_of: dt.datetime) -> dict[tuple[str, str], str | None]:
    view = dashboard.budget_view(store, NEW_PLAN, as_of=as_of)
    return {
        (r.initiative_code, r.indicator.code): None if r.latest is None else str(r.latest.value)
        for r in view.results
    }


def results_and_figures(
    store: Store, people: dict[Role, Actor], at: Callable[[float], dt.datetime]
) -> None:
    """The plan with its new result indicator sent (hour 1) and approved (2); CMM's figures of
    it for two quarters sent (3) and approved (4)."""
    uploader, approver = people[Role.UPLOADER], people[Role.APPROVER]
    sent = plan_import.import_plan(
        store,
        as_bytes(_with_results(store, uploader)),
        "plan.xlsx",
        actor=uploader,
        reason="Ny plan",
        now=at(1),
    )
    assert sent.status == "stored" and sent.change_set_id is not None, sent.problems
    approvals.approve(store, approver, sent.change_set_id, now=at(2))
    figures = ingest.import_file(
        store, _figures({1: 40, 2: 55}), "kontakter.csv", "kpi", actor=uploader, now=at(3)
    )
    assert figures.status == "stored", [p.message_en for p in figures.problems]
    assert figures.change_set_id is not None
    approvals.approve(store, approver, figures.change_set_id, now=at(4))


@pytest.fixture
def running(tmp_path: Path) -> tuple[Store, dict[Role, Actor]]:
    """The plan sent (hour 1) and approved (2); CMM's figures of the new indicator for two
    quarters sent (3) and approved (4); a revision dropping the assessments link sent (5) and
    approved (6)."""
    store = Store(tmp_path / "original.duckdb")
    reference.load(store, demo=True, now=_at(0), origin="cli operator@host")
    people = make_users(store)
    uploader, approver = people[Role.UPLOADER], people[Role.APPROVER]
    early = ingest.import_file(store, _figures({1: 40}), "tidlig.csv", "kpi", actor=uploader)
    assert early.status == "refused"  # no such indicator before the plan is approved
    assert [p.code for p in early.problems] == ["unknown-indicator"]
    results_and_figures(store, people, _at)
    revision = _exported(store, uploader, NEW_PLAN)
    _clear(
        revision,
        PlanSheetKey.RESULTS,
        _row_of(revision, PlanSheetKey.RESULTS, indicator="assessments"),
    )
    revised = plan_import.import_plan(
        store, as_bytes(revision), "r.xlsx", actor=uploader, reason="Færre mål", now=_at(5)
    )
    assert revised.status == "stored" and revised.change_set_id is not None, revised.problems
    seen = approvals.submitted_plan(store, people[Role.AUDITOR], revised.change_set_id)
    assert seen is not None and seen.changes == (  # what the approver is shown: only this
        Change("result", "illu-opsporing/assessments", "indicator", "assessments", None),
    )
    approvals.approve(store, approver, revised.change_set_id, now=_at(6))
    return store, people


def test_money_and_results_of_each_initiative_as_of_each_moment(
    running: tuple[Store, dict[Role, Actor]],
) -> None:
    store, _ = running
    defined = reporting.indicator(store, CONTACTS)
    assert (defined.name_da, defined.unit, defined.is_core) == (
        "Opsøgende kontakter (eksempel)",
        "kontakter",
        False,
    )
    assert _results(store, _at(2.5)) == {
        ("illu-opsporing", "assessments"): None,  # no figure in the plan's years yet
        ("illu-stoette", CONTACTS): None,
    }
    assert _results(store, _at(4.5)) == {
        ("illu-opsporing", "assessments"): None,
        ("illu-stoette", CONTACTS): "95",  # 40 + 55: a flow, its quarters summed
    }
    assert _results(store, _at(7)) == {("illu-stoette", CONTACTS): "95"}  # the link withdrawn
    latest = dashboard.budget_view(store, NEW_PLAN, as_of=_at(7)).results[0].latest
    assert latest is not None and latest.label("da") == "1.–2. kvt. 2026"  # a partial year
    targets = reporting.targets(store, CONTACTS, NEW_PLAN)
    assert [(t.year, float(t.value)) for t in targets] == [(2027, 500.0)]


def test_auditors_export_the_links_in_force_at_each_moment(
    running: tuple[Store, dict[Role, Actor]],
) -> None:
    store, people = running
    auditor = people[Role.AUDITOR]

    def links(hours: float) -> list[tuple[str, str]]:
        table = auditors.tables(
            store, auditor, names=["initiative_results"], as_of=_at(hours), plan_id=NEW_PLAN
        )["initiative_results"]
        assert set(table["source_kind"]) <= {"illustrative"}  # a made-up plan, marked
        return list(zip(table["initiative_code"], table["indicator_code"], strict=True))

    assert links(1.5) == []  # before the plan's approval
    assert links(2.5) == [("illu-opsporing", "assessments"), ("illu-stoette", CONTACTS)]
    assert links(7) == [("illu-stoette", CONTACTS)]
    table = auditors.tables(store, auditor, names=["initiative_results"], as_of=_at(7))
    row = table["initiative_results"].iloc[0]
    assert (row["indicator_name_da"], row["reason"]) == (
        "Opsøgende kontakter (eksempel)",
        "Ny plan",
    )


def test_the_stored_plan_exported_again_names_its_results_by_code(
    running: tuple[Store, dict[Role, Actor]],
) -> None:
    store, people = running
    rows = _rows(_exported(store, people[Role.UPLOADER], NEW_PLAN), PlanSheetKey.RESULTS)
    assert [(r["initiative"], r["indicator"], r["name_da"]) for r in rows] == [
        ("illu-stoette", CONTACTS, None)
    ]


def test_the_links_are_sealed_and_rebuilt(
    running: tuple[Store, dict[Role, Actor]], tmp_path: Path
) -> None:
    store, people = running
    auditor = people[Role.AUDITOR]
    assert audit.verify(store, auditor).ok
    report = rebuild.rebuild(tmp_path / "rebuilt.duckdb", uploads_archive.archive_dir(store.path))
    assert differences(store.path, report.database, report.accounts_entry) == []
    with duckdb.connect(str(store.path)) as connection:  # an insider puts the link back
        connection.execute("UPDATE initiative_results SET withdrawn = false")
    assert ("illu-opsporing", "assessments") in _results(store, _at(7))  # what the edit shows...
    verdict = audit.verify(store, auditor)
    assert not verdict.ok  # ...is found: the link is in the revision's sealed change set
    assert {f.table for f in verdict.findings} == {"initiative_results"}


def _problems(
    store: Store, workbook: Workbook, actor: Actor
) -> set[tuple[str | None, str, int | None, str | None]]:
    report = plan_import.import_plan(
        store, as_bytes(workbook), "plan.xlsx", actor=actor, reason="tjek", dry_run=True
    )
    assert report.status == "refused"
    return {(p.sheet, p.code, p.row, p.column) for p in report.problems}


def test_every_problem_of_the_results_sheet_is_named_by_row_and_column(users_store: Store) -> None:
    uploader = make_users(users_store)[Role.UPLOADER]
    workbook = _with_results(users_store, uploader)
    sheet = "Resultatindikatorer"
    set_cells(
        workbook,
        PlanSheetKey.RESULTS,
        4,
        {"initiative": "ingen-saadan", "indicator": "assessments"},
    )
    set_cells(  # a new indicator without its English definition
        workbook,
        PlanSheetKey.RESULTS,
        5,
        {**NEW_INDICATOR, "indicator": "illu-ny", "definition_en": None},
    )
    set_cells(  # a known indicator written with another name
        workbook,
        PlanSheetKey.RESULTS,
        6,
        {"initiative": "illu-stoette", "indicator": "hotline_calls", "name_da": "Opkald"},
    )
    set_cells(  # the new indicator again, defined otherwise
        workbook,
        PlanSheetKey.RESULTS,
        7,
        {"initiative": "illu-opsporing", "indicator": CONTACTS, "unit": "personer"},
    )
    set_cells(  # the same link twice; an aggregation no one knows
        workbook, PlanSheetKey.RESULTS, 8, {"initiative": "illu-stoette", "indicator": CONTACTS}
    )
    set_cells(
        workbook,
        PlanSheetKey.RESULTS,
        9,
        {**NEW_INDICATOR, "indicator": "illu-x", "aggregation": "gennemsnit"},
    )
    set_cells(
        workbook,
        PlanSheetKey.RESULTS,
        10,
        {"initiative": "illu-stoette", "indicator": "Ikke En Kode"},
    )
    set_cells(
        workbook,
        PlanSheetKey.RESULTS,
        11,
        {"initiative": "illu-stoette", "indicator": "asessments"},
    )
    found = _problems(users_store, workbook, uploader)
    assert found == {
        (sheet, "unknown-plan-initiative", 4, "indsats"),
        (sheet, "result-indicator-incomplete", 5, "definition_en"),
        (sheet, "result-indicator-differs", 6, "navn_da"),
        (sheet, "result-indicator-twice", 7, "enhed"),
        (sheet, "duplicate-code", 8, "indikator"),
        (sheet, "not-allowed", 9, "opgørelse"),
        (sheet, "not-a-code", 10, "indikator"),
        (sheet, "result-indicator-unknown", 11, "indikator"),  # a typo of a known code
    }
    report = plan_import.import_plan(
        users_store, as_bytes(workbook), "plan.xlsx", actor=uploader, reason="x", dry_run=True
    )
    messages = {p.code: (p.message_da, p.message_en) for p in report.problems}
    da, en = messages["result-indicator-differs"]
    assert "Opkald til Center mod Menneskehandels hotline" in da and "not changed" in en
    assert "navn og definition på dansk og engelsk" in messages["result-indicator-incomplete"][0]


def test_a_workbook_without_the_results_sheet_defines_a_plan_without_results(
    users_store: Store,
) -> None:
    """The sheet may be left out (a workbook made before it existed): the plan has no result
    indicators; a target for an indicator nobody defined is still refused."""
    people = make_users(users_store)
    uploader = people[Role.UPLOADER]
    workbook = valid_plan(users_store, uploader)
    del workbook["Resultatindikatorer"]
    sent = plan_import.import_plan(
        users_store, as_bytes(workbook), "plan.xlsx", actor=uploader, reason="Ny", now=_at(1)
    )
    assert sent.status == "stored" and sent.change_set_id is not None, sent.problems
    approvals.approve(users_store, people[Role.APPROVER], sent.change_set_id, now=_at(2))
    assert dashboard.budget_view(users_store, NEW_PLAN).results == []
    workbook = _with_results(users_store, uploader)
    del workbook["Resultatindikatorer"]
    set_cells(workbook, PlanSheetKey.PLAN, 2, {"plan_id": "illu-anden"})
    found = _problems(users_store, workbook, uploader)
    assert ("Mål", "unknown-indicator", 4, "indikator") in found


def test_a_new_indicator_counting_people_keeps_small_counts_protected(users_store: Store) -> None:
    """Attack: a result indicator whose unit is written in Danish ("Personer") is a count of
    people like any other; its breakdowns' small counts are not shown exactly to a viewer (the
    unit is stored as ``persons``, the unit the suppression of small counts applies to)."""
    from planwatch.domain.permissions import PUBLIC_VIEW
    from planwatch.domain.vocab import Breakdown

    people = make_users(users_store)
    uploader, approver = people[Role.UPLOADER], people[Role.APPROVER]
    workbook = _with_results(users_store, uploader)
    set_cells(workbook, PlanSheetKey.RESULTS, 3, {"unit": "Personer"})
    sent = plan_import.import_plan(
        users_store, as_bytes(workbook), "p.xlsx", actor=uploader, reason="Ny", now=_at(1)
    )
    assert sent.change_set_id is not None, sent.problems
    approvals.approve(users_store, approver, sent.change_set_id, now=_at(2))
    assert reporting.indicator(users_store, CONTACTS).unit == "persons"
    lines = ["indikator;år;kvartal;værdi;køn;aldersgruppe;udnyttelsesform"]
    lines += [
        f"{CONTACTS};2026;1;{n};{sex};;" for sex, n in (("", 12), ("female", 1), ("male", 11))
    ]
    data = ("\r\n".join(lines) + "\r\n").encode("cp1252")
    figures = ingest.import_file(users_store, data, "k.csv", "kpi", actor=uploader, now=_at(3))
    assert figures.change_set_id is not None, [p.message_en for p in figures.problems]
    approvals.approve(users_store, approver, figures.change_set_id, now=_at(4))
    women = reporting.year_series(
        users_store, CONTACTS, Breakdown(sex="female"), as_of=_at(5), view=PUBLIC_VIEW
    )
    assert [(v.value, v.suppressed is not None) for v in women] == [(None, True)]


def test_a_result_indicator_defined_by_the_plan_is_sealed_with_it(
    running: tuple[Store, dict[Role, Actor]],
) -> None:
    """Attack: an insider renames the indicator the plan created, in the database file."""
    store, people = running
    with duckdb.connect(str(store.path)) as connection:
        connection.execute(
            "UPDATE indicators SET name_da = 'Opsøgende kontakter (mange)' WHERE code = ?",
            [CONTACTS],
        )
    verdict = audit.verify(store, people[Role.AUDITOR])
    assert not verdict.ok
    assert {(f.table, f.unit) for f in verdict.findings} == {
        ("indicators", f"definition:indicators:{CONTACTS}")
    }


def test_an_approved_plan_is_one_submission_naming_the_change_it_was_written_in(
    running: tuple[Store, dict[Role, Actor]],
) -> None:
    """The change set a plan is written in on approval is no submission of its own: the lists
    of submissions (approvers', auditors', the sender's own) show each workbook once, with the
    number of the change that wrote it; the figures' upload is listed as before."""
    store, people = running
    for reader in (people[Role.AUDITOR], people[Role.UPLOADER], people[Role.APPROVER]):
        listed = approvals.submissions(store, reader)
        assert not [s for s in listed if (s.description or "").startswith("plan-submission:")]
        plans = [s for s in listed if s.is_plan]
        assert [(s.file_name, s.status) for s in plans] == [
            ("r.xlsx", "approved"),
            ("plan.xlsx", "approved"),
        ]
        assert all(s.applied_change_set_id is not None for s in plans)
        assert [s.file_name for s in listed if not s.is_plan] == ["kontakter.csv"]
    with store.connect(read_only=True) as connection:
        (applied,) = [
            s
            for s in approvals.submissions(store, people[Role.AUDITOR])
            if s.file_name == "plan.xlsx"
        ]
        written = connection.execute(
            "SELECT count(*) FROM initiative_results WHERE change_set_id = ?",
            [applied.applied_change_set_id],
        ).fetchall()[0][0]
    assert written == 2  # the links were written in the change the submission names


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_speaking_note_states_each_initiatives_results_and_passes_the_claim_check(
    running: tuple[Store, dict[Role, Actor]], language: str
) -> None:
    """The note about the plan's year says what each initiative achieved (its result indicators
    with a figure for the year; a partial year said to be so; the made-up plan marked), only
    for a year with figures, and the claim check finds nothing wrong in it."""
    from planwatch.claims import checking
    from planwatch.notes import draft

    store, _ = running
    points = draft.draft(store, year=2026, plan_id=NEW_PLAN, language=language, as_of=_at(4.5))
    (result,) = [b for b in points.bullets if b.kind == "result"]
    expected = {
        "da": "ILLUSTRATIVT – opdigtede demotal, ikke officielle tal: Opsøgende kontakter "
        "(eksempel) under indsatsen "
        "Støtte (eksempel): 95 i 1.–2. kvt. 2026.",
        "en": "ILLUSTRATIVE – invented demo figures, not official figures: Outreach contacts "
        "(example) under the initiative "
        "Support (example): 95 in Q1–Q2 2026.",
    }[language]
    assert result.text.startswith(expected), result.text
    assert result.indicator_code == CONTACTS
    assert "incomplete-year" in result.flags.preliminary_reasons  # said to be not a whole year
    before = draft.draft(store, year=2026, plan_id=NEW_PLAN, language=language, as_of=_at(3.5))
    assert not [b for b in before.bullets if b.kind == "result"]  # figures not yet approved
    report = checking.check(store, result.text, language=language, as_of=_at(4.5))
    wrong = [c for c in report.claims if c.verdict == "inconsistent"]
    assert not wrong, [(c.text, c.explanation_en) for c in wrong]

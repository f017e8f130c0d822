"""A plan's own result indicator may get a new unit or aggregation (flow/stock) through a
revision while no figure of it is stored (issue 19: "unit, flow/stock" versioned): a new
version the approver sees; as of before it the indicator is as first defined, after it every
figure is summed by the new rule. Once figures are stored it cannot (a new unit is a new
indicator); a figure uploaded between sending and approving such a revision refuses the
approval. Sealed and rebuilt."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import pytest

from planwatch.access import approvals, audit
from planwatch.domain.indicators import Aggregation
from planwatch.domain.permissions import Actor, Role
from planwatch.domain.plan_revision import Change
from planwatch.domain.plan_workbook import PlanSheetKey
from planwatch.errors import UsageError
from planwatch.figures import reporting
from planwatch.operations import rebuild
from planwatch.storage import Store, uploads_archive
from planwatch.uploads import ingest, plan_import, reference
from tests import clock
from tests.actors import make_users
from tests.operations.compare_tables import differences
from tests.uploads.test_plan_results import CONTACTS, _figures, _results, _with_results
from tests.uploads.test_plan_revision import _exported, _row_of
from tests.uploads.test_plan_workbook import NEW_PLAN, as_bytes, set_cells


@functools.cache
def _start() -> dt.datetime:
    return clock.from_now(days=1, at=dt.time(8, 0))


def _at(hours: float) -> dt.datetime:
    return _start() + dt.timedelta(hours=hours)


def _planned(tmp_path: Path) -> tuple[Store, dict[Role, Actor]]:
    """The plan with its new result indicator (unit kontakter, flow) sent (hour 1) and
    approved (2); no figure of it yet."""
    store = Store(tmp_path / "original.duckdb")
    reference.load(store, demo=True, now=_at(0), origin="cli operator@host")
    people = make_users(store)
    sent = plan_import.import_plan(
        store,
        as_bytes(_with_results(store, people[Role.UPLOADER])),
        "plan.xlsx",
        actor=people[Role.UPLOADER],
        reason="Ny plan",
        now=_at(1),
    )
    assert sent.status == "stored" and sent.change_set_id is not None, sent.problems
    approvals.approve(store, people[Role.APPROVER], sent.change_set_id, now=_at(2))
    return store, people


def _send_rule(store: Store, uploader: Actor, hours: float, **cells: str) -> int | None:
    workbook = _exported(store, uploader, NEW_PLAN)
    row = _row_of(workbook, PlanSheetKey.RESULTS, indicator=CONTACTS)
    set_cells(workbook, PlanSheetKey.RESULTS, row, cells)
    sent = plan_import.import_plan(
        store, as_bytes(workbook), "r.xlsx", actor=uploader, reason="Ny opgørelse", now=_at(hours)
    )
    assert sent.status == "stored", [p.message_en for p in sent.problems]
    return sent.change_set_id


def _send_figures(store: Store, uploader: Actor, hours: float) -> int:
    figures = ingest.import_file(
        store, _figures({1: 40, 2: 55}), "kontakter.csv", "kpi", actor=uploader, now=_at(hours)
    )
    assert figures.status == "stored", [p.message_en for p in figures.problems]
    assert figures.change_set_id is not None
    return figures.change_set_id


@pytest.fixture
def running(tmp_path: Path) -> tuple[Store, dict[Role, Actor]]:
    """The plan (1, 2); a revision making the indicator a stock counted in samtaler (3, 4);
    CMM's figures of two quarters (5, 6)."""
    store, people = _planned(tmp_path)
    uploader, approver = people[Role.UPLOADER], people[Role.APPROVER]
    revision = _send_rule(store, uploader, 3, unit="samtaler", aggregation="stock")
    assert revision is not None
    seen = approvals.submitted_plan(store, people[Role.AUDITOR], revision)
    assert seen is not None and seen.changes == (
        Change("indicator", CONTACTS, "aggregation", "flow", "stock"),
        Change("indicator", CONTACTS, "unit", "kontakter", "samtaler"),
    )
    approvals.approve(store, approver, revision, now=_at(4))
    approvals.approve(store, approver, _send_figures(store, uploader, 5), now=_at(6))
    return store, people


def test_the_rule_of_each_moment_and_the_figures_summed_by_the_new_one(
    running: tuple[Store, dict[Role, Actor]],
) -> None:
    store, _ = running
    before = reporting.indicator(store, CONTACTS, _at(2.5))
    assert (before.unit, before.aggregation) == ("kontakter", Aggregation.FLOW)
    after = reporting.indicator(store, CONTACTS)
    assert (after.unit, after.aggregation) == ("samtaler", Aggregation.STOCK)
    # a stock's year so far is its last quarter (55), not the sum of the two (95)
    assert _results(store, _at(7))[("illu-stoette", CONTACTS)] == "55"


def test_once_figures_are_stored_the_rule_cannot_change(
    running: tuple[Store, dict[Role, Actor]],
) -> None:
    store, people = running
    uploader = people[Role.UPLOADER]
    workbook = _exported(store, uploader, NEW_PLAN)
    row = _row_of(workbook, PlanSheetKey.RESULTS, indicator=CONTACTS)
    set_cells(workbook, PlanSheetKey.RESULTS, row, {"aggregation": "flow"})
    report = plan_import.import_plan(
        store, as_bytes(workbook), "r.xlsx", actor=uploader, reason="tjek", dry_run=True
    )
    assert report.status == "refused"
    problems = {(p.code, p.row, p.column) for p in report.problems}
    assert problems == {("result-indicator-differs", row, "opgørelse")}
    assert "tal" in report.problems[0].message_da and "figures" in report.problems[0].message_en


def test_the_rule_changes_are_sealed_and_rebuilt(
    running: tuple[Store, dict[Role, Actor]], tmp_path: Path
) -> None:
    store, people = running
    assert audit.verify(store, people[Role.AUDITOR]).ok
    report = rebuild.rebuild(tmp_path / "rebuilt.duckdb", uploads_archive.archive_dir(store.path))
    assert differences(store.path, report.database, report.accounts_entry) == []


def test_figures_sent_between_sending_and_approving_refuse_the_approval(tmp_path: Path) -> None:
    store, people = _planned(tmp_path)
    uploader, approver = people[Role.UPLOADER], people[Role.APPROVER]
    revision = _send_rule(store, uploader, 3, aggregation="stock")
    assert revision is not None
    _send_figures(store, uploader, 3.5)  # sent, not yet approved: it counts
    with pytest.raises(UsageError) as refused:
        approvals.approve(store, approver, revision, now=_at(4))
    assert "Returnér planen" in refused.value.message_da
    assert reporting.indicator(store, CONTACTS).aggregation == Aggregation.FLOW  # nothing applied

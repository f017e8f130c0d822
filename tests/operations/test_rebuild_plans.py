"""A rebuild from the archive after plans were defined through the plan workbook (issue 19):
a refused workbook, a returned one and an approved one (applied in the approval's transaction,
with its own change set of allocations and targets) come out the same, table by table."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from planwatch.access import approvals, audit
from planwatch.domain.permissions import Role
from planwatch.domain.plan_workbook import PlanSheetKey
from planwatch.operations import rebuild
from planwatch.storage import Store, uploads_archive
from planwatch.uploads import plan_import, reference
from tests import clock
from tests.actors import make_users
from tests.operations.compare_tables import differences
from tests.uploads.test_plan_workbook import NEW_PLAN, as_bytes, set_cells, valid_plan


@functools.cache
def _start() -> dt.datetime:
    return clock.from_now(days=1, at=dt.time(8, 0))


def _at(hours: float) -> dt.datetime:
    return _start() + dt.timedelta(hours=hours)


def test_a_rebuild_gives_back_every_plan_defined_through_the_workbook(tmp_path: Path) -> None:
    store = Store(tmp_path / "original.duckdb")
    reference.load(store, demo=True, now=_at(0), origin="cli operator@host")
    people = make_users(store)
    uploader, approver = people[Role.UPLOADER], people[Role.APPROVER]
    workbook = valid_plan(store, uploader)
    bad = valid_plan(store, uploader)
    set_cells(bad, PlanSheetKey.INITIATIVES, 3, {"action_area": "Z"})
    refused = plan_import.import_plan(store, as_bytes(bad), "fejl.xlsx", actor=uploader)
    assert refused.status == "refused"
    returned = plan_import.import_plan(
        store, as_bytes(workbook), "plan.xlsx", actor=uploader, reason="udkast", now=_at(1)
    )
    assert returned.change_set_id is not None
    approvals.return_submission(
        store, approver, returned.change_set_id, comment="Ret totalen", now=_at(2)
    )
    sent = plan_import.import_plan(
        store, as_bytes(workbook), "plan.xlsx", actor=uploader, reason="Ny plan", now=_at(3)
    )
    assert sent.status == "stored" and sent.change_set_id is not None
    approvals.approve(store, approver, sent.change_set_id, now=_at(4))
    assert audit.verify(store, people[Role.AUDITOR]).ok

    report = rebuild.rebuild(tmp_path / "rebuilt.duckdb", uploads_archive.archive_dir(store.path))
    assert differences(store.path, report.database, report.accounts_entry) == []
    assert report.replayed["plan-applied"] == 1
    rebuilt = Store(report.database)
    with rebuilt.connect(read_only=True) as connection:
        found = connection.execute(
            "SELECT count(*) FROM initiatives WHERE plan_id = ?", [NEW_PLAN]
        ).fetchall()
    assert found[0][0] == 2

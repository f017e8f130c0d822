"""Planer / Plans (issue 19): an admin defines a plan and revises it in the app through the plan
workbook; a workbook with problems is refused with each problem by sheet, row and column and
nothing stored; a revision without a reason is refused; what is sent waits for another person."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from planwatch.access import approvals
from planwatch.domain.permissions import Role
from planwatch.domain.plan_workbook import PlanSheetKey
from planwatch.figures import reporting
from planwatch.storage import Store
from tests.actors import make_users
from tests.ui.downloads import KeptDownloads
from tests.ui.test_ui_admin_pages import _no_crash, _page, _texts
from tests.uploads.test_plan_workbook import NEW_PLAN, as_bytes, set_cells, valid_plan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _send(app: object, name: str, data: bytes, reason: str, button: str) -> None:
    app.get("file_uploader")[0].upload(name, data, XLSX)  # type: ignore[attr-defined]
    app.text_area(key="plans_reason").set_value(reason)  # type: ignore[attr-defined]
    app.run()  # type: ignore[attr-defined]
    app.button(key=button).click().run()  # type: ignore[attr-defined]
    _no_crash(app)  # type: ignore[arg-type]


def test_an_admin_sends_a_new_plan_and_then_a_revision_each_awaiting_approval(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = make_users(users_store)
    admin = people[Role.ADMIN]
    downloads = KeptDownloads(monkeypatch)
    app = _page(users_store, monkeypatch, "plans", admin.name)
    assert _texts(app, "title") == ["Planer"]
    template = app.get("download_button")[0]
    assert "Tom skabelon" in template.proto.label

    bad = valid_plan(users_store, admin)
    set_cells(bad, PlanSheetKey.INITIATIVES, 3, {"action_area": "Z"})
    _send(app, "plan.xlsx", as_bytes(bad), "Ny plan", "plans_check")
    assert any("afvist med 1 fejl" in e for e in _texts(app, "error"))
    listed = "\n".join(_texts(app, "markdown"))
    assert "ark 'Indsatser', række 3, kolonne 'indsatsområde'" in listed
    assert "Indsatsområdet 'Z' står ikke på arket Indsatsområder" in listed
    assert approvals.submissions(users_store, admin) == []

    _send(app, "plan.xlsx", as_bytes(valid_plan(users_store, admin)), "Ny plan", "plans_submit")
    assert any("er indsendt til godkendelse" in s for s in _texts(app, "success"))
    sent = approvals.submissions(users_store, admin)
    assert [(s.recorded_by, s.status) for s in sent] == [(admin.name, "submitted")]
    assert NEW_PLAN not in {p.plan_id for p in reporting.plans(users_store)}
    approvals.approve(users_store, people[Role.APPROVER], sent[0].change_set_id)

    app = _page(users_store, monkeypatch, "plans", admin.name)
    app.selectbox(key="plans_chosen").set_value(NEW_PLAN).run()
    offered = downloads.offered(app)
    name, content = offered["Planen udfyldt, til revision (.xlsx)"]
    assert name == f"plan-{NEW_PLAN}.xlsx"
    workbook = load_workbook(io.BytesIO(content))
    set_cells(workbook, PlanSheetKey.PLAN, 2, {"total_dkk": 110_000_000})
    _send(app, "revision.xlsx", as_bytes(workbook), "", "plans_submit")
    assert any("afvist" in e for e in _texts(app, "error"))
    assert "Begrundelse mangler" in "\n".join(_texts(app, "markdown"))
    _send(app, "revision.xlsx", as_bytes(workbook), "Aftale om flere midler", "plans_submit")
    success = " ".join(_texts(app, "success"))
    assert "reviderer den" in success
    waiting = approvals.submissions(users_store, people[Role.APPROVER], status="submitted")
    assert [w.reason for w in waiting] == ["Aftale om flere midler"]


@pytest.mark.parametrize("user", ["viewer1", "uploader1", "approver1", "auditor1"])
def test_only_admins_open_the_plans_page(
    users_store: Store, monkeypatch: pytest.MonkeyPatch, user: str
) -> None:
    make_users(users_store)
    app = _page(users_store, monkeypatch, "plans", user)
    assert not app.get("file_uploader")
    assert not app.get("download_button")
    assert any("ikke adgang" in w for w in _texts(app, "warning") + _texts(app, "error"))

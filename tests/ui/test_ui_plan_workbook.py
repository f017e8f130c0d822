"""A plan defined through the plan workbook (issue 19) on the dashboard: the newest plan is the
one the overview opens on once approved, and a plan citing an illustrative source has its total
marked ILLUSTRATIVT; before approval the dashboard does not offer it."""

from __future__ import annotations

import pytest

from planwatch.access import approvals
from planwatch.domain.permissions import Role
from planwatch.figures import reporting
from planwatch.storage import Store
from planwatch.uploads import plan_import
from tests.actors import make_users
from tests.ui.test_ui import _app, _texts
from tests.ui.test_ui_admin_pages import _click, _page
from tests.ui.test_ui_admin_pages import _texts as _texts_of
from tests.uploads.test_plan_workbook import NEW_PLAN, as_bytes, valid_plan


def test_the_overview_shows_an_approved_illustrative_plan_marked_and_none_before(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = make_users(users_store)
    uploader = people[Role.UPLOADER]
    sent = plan_import.import_plan(
        users_store, as_bytes(valid_plan(users_store, uploader)), "plan.xlsx", actor=uploader
    )
    assert sent.change_set_id is not None
    app = _app(users_store.path, monkeypatch)
    assert NEW_PLAN not in app.selectbox(key="plan_id_da").options
    assert "118,2 mio. kr." in _texts(app)  # still the 2022-2025 plan
    approvals.approve(users_store, people[Role.APPROVER], sent.change_set_id)
    app = _app(users_store.path, monkeypatch)
    assert app.selectbox(key="plan_id_da").value == NEW_PLAN
    totals = [(m.label, m.value) for m in app.metric if m.label.startswith("Planens samlede")]
    assert totals == [("Planens samlede ramme · ILLUSTRATIVT", "100,0 mio. kr.")]


def test_a_plan_approved_on_the_approval_page_is_applied(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = make_users(users_store)
    uploader = people[Role.UPLOADER]
    sent = plan_import.import_plan(
        users_store, as_bytes(valid_plan(users_store, uploader)), "plan.xlsx", actor=uploader
    )
    app = _page(users_store, monkeypatch, "approvals", "approver1")
    assert _texts_of(app, "subheader") == [
        f"Indberetning {sent.change_set_id} · plan.xlsx · afventer godkendelse"
    ]
    _click(app, "Godkend")
    _click(app, "Ja, godkend")
    assert NEW_PLAN in {p.plan_id for p in reporting.plans(users_store)}

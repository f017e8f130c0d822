"""Planer / Plans in forms (issue 19): an admin types a new plan into the app's tables, one per
sheet of the plan workbook, and sends it; then revises it in the same tables. What is typed goes
through the workbook's checks (every problem by tab and the table's row, nothing stored), the
archive and another person's approval, like a workbook from disk."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from planwatch.access import approvals
from planwatch.domain.permissions import Role
from planwatch.domain.plan_workbook import SHEETS, PlanSheetKey
from planwatch.errors import Problem
from planwatch.figures import reporting
from planwatch.operations import rebuild
from planwatch.storage import Store, uploads_archive
from planwatch.ui.app_pages.plan_form import cell_text, frame, table_rows, typed_rows
from tests.actors import make_users
from tests.operations.compare_tables import differences
from tests.ui.test_ui_admin_pages import _no_crash, _page, _texts

SPEC = {spec.key: spec for spec in SHEETS}


def _key(plan: str, sheet: PlanSheetKey) -> str:
    return f"plan_form_{plan or 'ny'}_{sheet.value}"


def _typed_in(app: AppTest, plan: str, sheet: PlanSheetKey, **edits: Any) -> None:
    """What a person does in one table (its edit state, as the browser sends it)."""
    app.session_state[_key(plan, sheet)] = {
        "edited_rows": edits.get("edited", {}),
        "added_rows": edits.get("added", []),
        "deleted_rows": edits.get("deleted", []),
    }


def _the_example_typed_in(app: AppTest) -> None:
    """The template's illustrative plan typed into the empty tables of a new plan."""
    for spec in SHEETS:
        _typed_in(app, "", spec.key, added=[dict(row) for row in spec.example])


def _press(app: AppTest, button: str, reason: str) -> None:
    app.text_area(key="plan_form_reason").set_value(reason).run()
    app.button(key=button).click().run()
    _no_crash(app)


def test_an_admin_types_a_new_plan_in_and_revises_it_in_the_tables(
    users_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    people = make_users(users_store)
    admin, approver = people[Role.ADMIN], people[Role.APPROVER]
    app = _page(users_store, monkeypatch, "plans", admin.name)
    assert "Redigér i appen" in _texts(app, "subheader")
    editors = {e.key: e for e in app.data_editor}
    assert set(editors) >= {_key("", spec.key) for spec in SHEETS}
    assert all(editors[_key("", s.key)].value.empty for s in SHEETS)  # a new plan: empty
    assert editors[_key("", PlanSheetKey.ALLOCATIONS)].editing_mode == "dynamic"

    _the_example_typed_in(app)
    app.run()
    _press(app, "plan_form_check", "Ny plan")
    assert any("er i orden" in s and "Intet er gemt" in s for s in _texts(app, "success"))
    assert approvals.submissions(users_store, admin) == []  # a check stores nothing

    _press(app, "plan_form_submit", "Ny plan")
    assert any("er indsendt til godkendelse" in s for s in _texts(app, "success"))
    (sent,) = approvals.submissions(users_store, admin)
    assert (sent.recorded_by, sent.status, sent.reason) == (admin.name, "submitted", "Ny plan")
    assert sent.file_name == "formular-ny-plan.xlsx"  # a workbook of what was typed...
    archived = [p for p in uploads_archive.archive_dir(users_store.path).rglob("*") if p.is_file()]
    assert archived  # ...archived like a sent one (a rebuild replays it)
    example = SPEC[PlanSheetKey.PLAN].example[0]
    typed = example["plan_id"]
    assert typed not in {p.plan_id for p in reporting.plans(users_store)}
    approvals.approve(users_store, approver, sent.change_set_id)
    defined = reporting.plan(users_store, typed)
    assert (defined.name_da, defined.total_dkk) == (example["name_da"], Decimal("100000000"))

    app = _page(users_store, monkeypatch, "plans", admin.name)  # the revision, in the tables
    app.selectbox(key="plan_form_plan").set_value(typed).run()
    shown = {e.key: e.value for e in app.data_editor}
    plan_row = shown[_key(typed, PlanSheetKey.PLAN)]
    assert list(plan_row["total_dkk"]) == ["100000000"]  # as a person would type it
    _typed_in(app, typed, PlanSheetKey.PLAN, edited={0: {"total_dkk": "120.000.000"}})
    app.run()
    _press(app, "plan_form_submit", "Aftale om flere midler")
    assert any("reviderer den (1 ændring(er)" in s for s in _texts(app, "success"))
    waiting = approvals.submissions(users_store, approver, status="submitted")
    seen = approvals.submitted_plan(users_store, approver, waiting[0].change_set_id)
    assert seen is not None and seen.changes is not None
    assert [(c.field, c.before, c.after) for c in seen.changes] == [
        ("total_dkk", "100000000", "120000000")
    ]
    approvals.approve(users_store, approver, waiting[0].change_set_id)
    assert reporting.plan(users_store, typed).total_dkk == Decimal("120000000")
    report = rebuild.rebuild(  # the typed plans replayed from the archive: the same database
        tmp_path / "rebuilt.duckdb", uploads_archive.archive_dir(users_store.path)
    )
    assert differences(users_store.path, report.database, report.accounts_entry) == []


def test_a_mistake_typed_in_is_refused_by_tab_and_table_row_and_nothing_is_stored(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = make_users(users_store)
    admin = people[Role.ADMIN]
    app = _page(users_store, monkeypatch, "plans", admin.name)
    _the_example_typed_in(app)
    first = dict(SPEC[PlanSheetKey.ALLOCATIONS].example[0])
    allocations = [first, {**first, "year": "2027", "amount_dkk": "2,5 mio"}]  # words in a number
    _typed_in(app, "", PlanSheetKey.ALLOCATIONS, added=allocations)
    names = [dict(row) for row in SPEC[PlanSheetKey.INITIATIVES].example]
    names[0]["name_da"] = '=HYPERLINK("http://x","klik")'  # a formula typed as a name
    _typed_in(app, "", PlanSheetKey.INITIATIVES, added=names)
    app.run()
    _press(app, "plan_form_submit", "Ny plan")
    assert any("afvist" in e for e in _texts(app, "error"))
    listed = "\n".join(_texts(app, "markdown"))
    assert "ark 'Bevillinger', række 2, kolonne 'beløb\\_kr'" in listed  # the table's 2nd row
    assert "'2,5 mio' i kolonnen 'beløb\\_kr' er ikke et tal" in listed
    assert "Tekst som formel** · ark 'Indsatser', række 1, kolonne 'navn\\_da'" in listed
    assert approvals.submissions(users_store, admin) == []


def test_the_tables_hold_stored_values_as_typed_and_read_back_what_was_left() -> None:
    assert [cell_text(v) for v in (Decimal("5000000.00"), dt.date(2026, 1, 1), None, "a")] == [
        "5000000",
        "2026-01-01",
        None,
        "a",
    ]
    spec = SPEC[PlanSheetKey.ALLOCATIONS]
    shown = frame(spec, [{"initiative": "x", "year": 2026, "amount_dkk": Decimal("1.50")}])
    assert list(shown.index) == [1] and shown.iloc[0].tolist()[:3] == ["x", "2026", "1.5"]
    assert shown.iloc[0]["note"] == ""  # empty, not None: the browser's grid wrote "None"
    edited = pd.DataFrame(
        {"initiative": ["x", None, " y "], "year": ["2026", "", None]}, index=[1, 2, None]
    )
    rows, labels = typed_rows(edited)
    assert rows == [{"initiative": "x", "year": "2026"}, {"initiative": "y", "year": None}]
    assert labels[0] == 1 and pd.isna(labels[1])  # a blank row is no row; an added one: no number
    problems = [
        Problem(code="c", message_da="", message_en="", row=2, column="a", sheet="Bevillinger"),
        Problem(code="c", message_da="", message_en="", row=3, column="a", sheet="Bevillinger"),
        Problem(code="c", message_da="", message_en="", row=None, column=None, sheet="Plan"),
    ]
    mapped = table_rows(problems, {"Bevillinger": [1, None]})
    assert [p.row for p in mapped] == [1, 2, None]  # row 3 is the 2nd row, added in the table


def test_the_archived_workbook_keeps_a_formula_as_text(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The typed cells are written as text, never as a formula a spreadsheet would run."""
    from planwatch.uploads import plan_import

    admin = make_users(users_store)[Role.ADMIN]
    rows = {"plan": [{"plan_id": "=1+1", "name_da": "-3"}]}
    data = plan_import.typed_workbook(users_store, admin, rows)
    sheet = load_workbook(io.BytesIO(data))["Plan"]
    cells = [(c.value, c.data_type) for c in sheet[2][:2]]
    assert cells == [("=1+1", "s"), ("-3", "s")]

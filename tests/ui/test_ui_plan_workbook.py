"""A plan defined through the plan workbook (issue 19) on the dashboard: the newest plan is the
one the overview opens on once approved, and a plan citing an illustrative source has its total
marked ILLUSTRATIVT; before approval the dashboard does not offer it."""

from __future__ import annotations

import pytest

from planwatch.access import approvals
from planwatch.domain.permissions import Role
from planwatch.domain.plan_workbook import PlanSheetKey
from planwatch.errors import PermissionDeniedError
from planwatch.figures import reporting
from planwatch.storage import Store
from planwatch.uploads import plan_import
from tests.actors import make_users
from tests.ui.test_ui import _app, _texts
from tests.ui.test_ui_admin_pages import _click, _page
from tests.ui.test_ui_admin_pages import _texts as _texts_of
from tests.uploads.test_plan_workbook import (
    NEW_PLAN,
    approve_new_plan,
    as_bytes,
    set_cells,
    valid_plan,
)


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


def _frames(app: object) -> list[object]:
    return [d.value if hasattr(d.value, "to_csv") else d.value.data for d in app.dataframe]  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_approval_page_shows_the_plan_a_workbook_would_create_not_zero_figures(
    users_store: Store, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    """Issue 19: the approver sees the plan, its money per initiative and year and its targets
    before approving; the confirmation and the receipt name the plan."""
    people = make_users(users_store)
    uploader = people[Role.UPLOADER]
    workbook = valid_plan(users_store, uploader)
    set_cells(workbook, PlanSheetKey.INITIATIVES, 3, {"responsible_org": "Reden & *KFUK*"})
    sent = plan_import.import_plan(users_store, as_bytes(workbook), "plan.xlsx", actor=uploader)
    app = _page(users_store, monkeypatch, "approvals", "approver1", language)
    shown = "\n".join(_texts_of(app, "markdown") + _texts_of(app, "caption"))
    if language == "da":
        assert (
            "Planen Illustrativ handlingsplan 2026-2029 · 2026–2029 · ramme 100,0 mio. kr." in shown
        )
        assert "2 indsatser, 2 bevillinger, 2 mål og basisår · 1 resultatindikator" in shown
        assert "Fordelt på indsatser: 7,5 mio. kr. af rammen på 100,0 mio. kr." in shown
        assert "kr.." not in shown  # the amount's "kr." ends the sentence: no second period
        assert "planens definition (ingen tal)" in shown and "0 tal" not in shown
        assert any(w.startswith("ILLUSTRATIVT") for w in _texts_of(app, "warning"))
    else:
        assert "The plan Illustrative action plan 2026-2029 · 2026–2029 · total DKK 100.0m" in shown
        assert "a plan's definition (no figures)" in shown
    initiatives, targets = _frames(app)
    (results,) = [d.value for d in app.table]  # wraps: a new indicator's definition is long
    assert results.iloc[0].tolist() == (
        ["Opsporing (eksempel)", "Udredninger", ""]
        if language == "da"
        else ["Identification (example)", "Assessments (udredninger)", ""]
    )  # the template's example result indicator: a known one, nothing created
    table = initiatives.to_csv(index=False)  # type: ignore[attr-defined]
    name, support = (
        ("Opsporing (eksempel)", "Støtte (eksempel)")
        if language == "da"
        else (
            "Identification (example)",
            "Support (example)",
        )
    )
    assert name in table and support in table
    assert "Reden & *KFUK*" in table  # as typed: a table cell is plain text, not Markdown
    rows = initiatives.set_index(initiatives.columns[0])  # type: ignore[attr-defined]
    assert rows.loc[name, "2026"] == ("5,0 mio. kr." if language == "da" else "DKK 5.0m")
    assert rows.loc[support, "2027"] == ("2,5 mio. kr." if language == "da" else "DKK 2.5m")
    assert rows.loc[name, "2027"] == ""  # no money that year: an empty cell, not 0
    values = targets.iloc[:, -1].tolist()  # type: ignore[attr-defined]
    assert values == (["mindst 150", "100"] if language == "da" else ["at least 150", "100"])
    kinds = targets.iloc[:, 2].tolist()  # type: ignore[attr-defined]
    assert kinds == (["mål", "basisår"] if language == "da" else ["target", "baseline"])
    _click(app, "Godkend" if language == "da" else "Approve")
    confirm = " ".join(_texts_of(app, "warning"))
    expected = (
        f"Godkend indberetning {sent.change_set_id}: planen Illustrativ handlingsplan 2026-2029?"
        if language == "da"
        else f"Approve submission {sent.change_set_id}: the plan Illustrative action plan"
    )
    assert expected in confirm
    _click(app, "Ja, godkend" if language == "da" else "Yes, approve")
    done = " ".join(_texts_of(app, "success"))
    assert (
        "planen Illustrativ handlingsplan 2026-2029 er oprettet"
        if language == "da"
        else "the plan Illustrative action plan 2026-2029 is created"
    ) in done
    assert NEW_PLAN in {p.plan_id for p in reporting.plans(users_store)}


def test_an_admin_who_sent_a_plan_follows_it_on_my_submissions(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Admins may send plan workbooks (they manage definitions): they see their own submission
    and its plan, not anyone else's, and never a figures upload of someone else."""
    people = make_users(users_store)
    admin, uploader = people[Role.ADMIN], people[Role.UPLOADER]
    sent = plan_import.import_plan(
        users_store, as_bytes(valid_plan(users_store, admin)), "ny-plan.xlsx", actor=admin
    )
    assert sent.change_set_id is not None
    app = _page(users_store, monkeypatch, "submissions", admin.name)
    headings = [e.label for e in app.expander]
    assert headings == [f"Indberetning {sent.change_set_id} · ny-plan.xlsx · afventer godkendelse"]
    assert "Illustrativ handlingsplan 2026-2029" in "\n".join(_texts_of(app, "markdown"))
    mine = approvals.submissions(users_store, admin)
    assert [s.change_set_id for s in mine] == [sent.change_set_id] and mine[0].is_plan
    # the uploader sees neither the admin's submission nor its plan
    assert approvals.submissions(users_store, uploader) == []
    with pytest.raises(PermissionDeniedError):
        approvals.submitted_plan(users_store, uploader, sent.change_set_id)
    with pytest.raises(PermissionDeniedError):
        approvals.submitted_plan(users_store, people[Role.VIEWER], sent.change_set_id)
    seen = approvals.submitted_plan(users_store, people[Role.AUDITOR], sent.change_set_id)
    assert seen is not None and seen.plan["plan_id"] == NEW_PLAN


def test_the_budget_page_marks_a_made_up_plans_total(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plan citing an illustrative source has its total marked on Budget too, not only on
    the overview; the published 2022-2025 plan's total is not marked."""
    people = make_users(users_store)
    approve_new_plan(users_store, people)
    app = _page(users_store, monkeypatch, "budget", "viewer1")
    captions = _texts_of(app, "caption")
    assert (
        "Illustrativ handlingsplan 2026-2029 · Planens samlede ramme: 100,0 mio. kr. (ILLUSTRATIVT)"
        in captions
    )
    app.selectbox(key="plan_id_da").set_value("2022-2025").run()
    captions = _texts_of(app, "caption")
    totals = [c for c in captions if "Planens samlede ramme" in c]
    assert totals and all("118,2 mio. kr." in c and "ILLUSTRATIVT" not in c for c in totals)


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_approval_page_shows_what_a_revision_changes_before_and_after(
    users_store: Store, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    """A revised workbook for a stored plan: the approver sees each change (the total, a
    renamed initiative, a changed allocation, a withdrawn baseline) with before and after."""
    from tests.uploads.test_plan_revision import _exported, _row_of

    people = make_users(users_store)
    uploader = people[Role.UPLOADER]
    approve_new_plan(users_store, people)
    workbook = _exported(users_store, uploader, NEW_PLAN)
    set_cells(workbook, PlanSheetKey.PLAN, 2, {"total_dkk": 120_000_000})
    row = _row_of(workbook, PlanSheetKey.INITIATIVES, code="illu-stoette")
    set_cells(workbook, PlanSheetKey.INITIATIVES, row, {"responsible_org": "Reden & *KFUK*"})
    row = _row_of(workbook, PlanSheetKey.ALLOCATIONS, initiative="illu-stoette", year=2027)
    set_cells(workbook, PlanSheetKey.ALLOCATIONS, row, {"amount_dkk": 3_000_000})
    row = _row_of(workbook, PlanSheetKey.TARGETS, kind="baseline")
    next(s for s in workbook.worksheets if s.title == "Mål").delete_rows(row)
    sent = plan_import.import_plan(
        users_store, as_bytes(workbook), "revision.xlsx", actor=uploader, reason="Ny aftale"
    )
    assert sent.status == "stored", sent.problems
    app = _page(users_store, monkeypatch, "approvals", "approver1", language)
    shown = "\n".join(_texts_of(app, "markdown"))
    heading = "Revision af den gemte plan: 4 ændringer" if language == "da" else "4 changes"
    assert heading in shown
    changes = _frames(app)[0]  # before the plan's own tables
    rows = [tuple(r) for r in changes.itertuples(index=False)]  # type: ignore[attr-defined]
    if language == "da":
        assert rows == [
            ("Planen: ramme", "100,0 mio. kr.", "120,0 mio. kr."),
            ("Indsats illu-stoette: ansvarlig", "Reden International", "Reden & *KFUK*"),
            ("Bevilling illu-stoette 2027: beløb", "2,5 mio. kr.", "3,0 mio. kr."),
            ("Basisår, Vurderede ofre for menneskehandel 2026: værdi", "100", ""),
        ]
    else:
        assert rows[0] == ("The plan: total", "DKK 100.0m", "DKK 120.0m")
        assert rows[2] == ("Allocation illu-stoette 2027: amount", "DKK 2.5m", "DKK 3.0m")
        assert rows[3][1:] == ("100", "") and rows[3][0].startswith("Baseline, ")


def test_a_date_before_a_plan_was_defined_shows_the_plan_of_that_day_and_says_so(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 19: the overview opens on the newest plan; as of a day before it was approved it
    did not exist, so the sidebar says so and the page shows the newest plan of that day."""
    import datetime as dt

    from planwatch.domain.clock import today_in_denmark

    people = make_users(users_store)
    approve_new_plan(users_store, people)
    app = _page(users_store, monkeypatch, "overview", "auditor1")
    assert not any("ikke oprettet" in w for w in _texts_of(app, "warning"))
    app.date_input(key="as_of_date").set_value(today_in_denmark() - dt.timedelta(days=1)).run()
    warned = " ".join(_texts_of(app, "warning"))
    assert "Planen Illustrativ handlingsplan 2026-2029 var ikke oprettet endnu" in warned
    assert "Viser Handlingsplan" in warned  # the newest plan of that day (2022-2025)
    totals = [m.value for m in app.metric if m.label.startswith("Planens samlede")]
    assert totals == ["118,2 mio. kr."]
    assert not app.exception


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_budget_page_sets_each_initiatives_money_beside_its_results(
    users_store: Store, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    """Issue 19, money and results on one row: the plan's sheet Resultatindikatorer links
    illu-opsporing to CMM's assessments and illu-stoette to a new indicator, whose quarterly
    figures CMM sent and a second person approved; Budget shows each initiative's allocation,
    spending and results, a partial year named as such, and no figures said in words."""
    from planwatch.uploads import ingest
    from tests.ui.test_user_text import shown
    from tests.uploads.test_plan_results import _figures, _with_results

    people = make_users(users_store)
    uploader, approver = people[Role.UPLOADER], people[Role.APPROVER]
    sent = plan_import.import_plan(
        users_store, as_bytes(_with_results(users_store, uploader)), "p.xlsx", actor=uploader
    )
    assert sent.change_set_id is not None, sent.problems
    approvals.approve(users_store, approver, sent.change_set_id)
    figures = ingest.import_file(
        users_store, _figures({1: 40, 2: 55}), "k.csv", "kpi", actor=uploader
    )
    assert figures.change_set_id is not None, figures.problems
    approvals.approve(users_store, approver, figures.change_set_id)
    app = _page(users_store, monkeypatch, "budget", "viewer1")
    if language == "en":
        app.session_state["language"] = "en"
        app.run()
    heading = {"da": "Penge og resultater pr. indsats", "en": "Money and results per initiative"}
    assert heading[language] in _texts_of(app, "subheader")
    results = {"da": "Resultater", "en": "Results"}[language]
    # a table that wraps its cells (a result with its target is long), each cell plain text
    assert not [d for d in app.dataframe if results in d.value.columns]
    (table,) = [d.value.map(shown) for d in app.table if results in d.value.columns]
    first = table.columns[0]
    rows = dict(zip(table[first], table[results], strict=True))
    if language == "da":
        assert rows == {
            "Opsporing (eksempel)": "Udredninger: ingen tal endnu",
            "Støtte (eksempel)": "Opsøgende kontakter (eksempel): 95 (1.–2. kvt. 2026) · "
            "mål 2027: mindst 500 (ILLUSTRATIVT)",  # no distance: half a year against a year
        }
        assert table["Bevilling"].tolist() == ["5,0 mio. kr.", "2,5 mio. kr."]
        assert set(table["Mærke"]) == {"ILLUSTRATIVT"}
    else:
        assert rows["Support (example)"] == (
            "Outreach contacts (example): 95 (Q1–Q2 2026) · target 2027: at least 500 "
            "(ILLUSTRATIVE)"
        )
        assert rows["Identification (example)"] == "Assessments (udredninger): no figures yet"
    assert not app.exception

"""Who sees which figures: viewers only approved ones; uploaders, approvers and auditors may also
see figures awaiting approval, marked as such; returned submissions never; "as of" a moment
before the approval, not even viewers see an approved figure."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from planwatch.domain.periods import Period
from planwatch.domain.permissions import PUBLIC_VIEW, Actor, Role, View, view_for
from planwatch.figures import dashboard, reporting
from planwatch.storage import Store, repository
from tests import clock
from tests.helpers_access import add_user, approve, review, sign_in
from tests.paths import APP

SUBMITTED_VIEW = View(include_submitted=True)


def _sent() -> dt.datetime:
    """When CMM sends figures in: after the demo database was built."""
    return clock.later(days=1, at=dt.time(9, 0))


def _approved() -> dt.datetime:
    """When they are approved (or returned): four days after they were sent."""
    return clock.later(days=5, at=dt.time(14, 0))


def _upload(
    store: Store,
    table: str,
    rows: list[dict[str, object]],
    when: dt.datetime,
    reason: str | None = None,
) -> int:
    """Send rows in as an upload (a submission awaiting approval); returns its change set."""
    frame = pd.DataFrame(rows)
    if "quarter" in frame:
        frame = frame.astype({"quarter": "Int16"})
    with store.transaction() as connection:
        change_set = repository.insert_change_set(
            connection, kind="upload", recorded_at=when, recorded_by="uploader@test", reason=reason
        )
        repository.insert_new_versions(
            connection, table, frame, change_set_id=change_set, compare_with_kinds=None
        )
    return change_set


def _observation(indicator: str, year: int, value: int, source: str) -> dict[str, object]:
    return {
        "indicator_code": indicator,
        "year": year,
        "quarter": None,
        "sex": "all",
        "age_group": "all",
        "exploitation": "all",
        "source_id": source,
        "value": float(value),
        "is_preferred": True,
        "note": None,
    }


def _send_2023_as_113(store: Store, when: dt.datetime | None = None) -> int:
    """CMM sends 113 for 2023 (stored: 112) in an upload: a revision awaiting approval."""
    return _upload(
        store,
        "observation_versions",
        [_observation("victims_assessed", 2023, 113, "cmm-tal-2023")],
        when or _sent(),
        reason="late assessment",
    )


def _value(store: Store, view: View, as_of: dt.datetime | None = None) -> reporting.Figure:
    answer = reporting.figure(store, "victims_assessed", Period(2023), as_of=as_of, view=view)
    assert answer is not None
    return answer.preferred


# --- who gets which view ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("roles", "submitted", "exact"),
    [
        ({Role.VIEWER}, False, False),
        ({Role.UPLOADER}, True, False),
        ({Role.APPROVER}, True, True),
        ({Role.AUDITOR}, True, True),
    ],
)
def test_only_those_who_may_see_submitted_figures_get_them(
    roles: set[Role], submitted: bool, exact: bool
) -> None:
    actor = Actor("someone", frozenset(roles))
    asked = view_for(actor, include_submitted=True, small_count_threshold=3)
    assert (asked.include_submitted, asked.exact_small_counts) == (submitted, exact)
    assert not view_for(actor, include_submitted=False, small_count_threshold=3).include_submitted


# --- figures ------------------------------------------------------------------------------------


def test_a_viewer_does_not_see_a_submitted_figure(demo_store: Store) -> None:
    _send_2023_as_113(demo_store)
    _upload(
        demo_store,
        "observation_versions",
        [_observation("hotline_calls", 2030, 500, "cmm-upload")],
        _sent(),
    )
    viewer = _value(demo_store, PUBLIC_VIEW)
    assert (viewer.value, viewer.status, viewer.is_revised) == (112, "approved", False)
    assert reporting.figure(demo_store, "hotline_calls", Period(2030)) is None
    assert 2030 not in {v.year for v in reporting.year_series(demo_store, "hotline_calls")}
    tiles = {t.indicator.code: t for t in dashboard.indicator_tiles(demo_store)}
    assert tiles["victims_assessed"].latest is not None
    assert tiles["victims_assessed"].latest.value == 112
    assert not tiles["victims_assessed"].submitted and not tiles["victims_assessed"].revised
    assert "cmm-upload" not in {
        r["source_id"] for r in dashboard.indicator_sources(demo_store).get("hotline_calls", [])
    }


def test_with_submitted_figures_they_are_shown_and_marked(demo_store: Store) -> None:
    _send_2023_as_113(demo_store)
    _upload(
        demo_store,
        "observation_versions",
        [_observation("hotline_calls", 2030, 500, "cmm-upload")],
        _sent(),
    )
    figure = _value(demo_store, SUBMITTED_VIEW)
    assert (figure.value, figure.status, figure.is_submitted) == (113, "submitted", True)
    assert figure.is_revised and figure.is_corrected, "113 replaced the approved 112"
    assert figure.reason == "late assessment"
    year = reporting.year_value(demo_store, "victims_assessed", 2023, view=SUBMITTED_VIEW)
    assert year is not None and (year.value, year.submitted, year.corrected) == (113, True, True)
    assert year.correction_reason == "late assessment"
    calls = reporting.figure(demo_store, "hotline_calls", Period(2030), view=SUBMITTED_VIEW)
    assert calls is not None and calls.preferred.status == "submitted"
    assert not calls.preferred.is_revised, "a first figure is not a revision"
    tiles = {
        t.indicator.code: t for t in dashboard.indicator_tiles(demo_store, view=SUBMITTED_VIEW)
    }
    assert tiles["victims_assessed"].submitted and tiles["victims_assessed"].revised
    assert tiles["hotline_calls"].latest is not None and tiles["hotline_calls"].latest.year == 2030
    sources = dashboard.indicator_sources(demo_store, view=SUBMITTED_VIEW)["hotline_calls"]
    assert "cmm-upload" in {r["source_id"] for r in sources}


def test_once_approved_every_viewer_sees_it_as_revised(demo_store: Store) -> None:
    approve(demo_store, _send_2023_as_113(demo_store), at=_approved())
    figure = _value(demo_store, PUBLIC_VIEW)
    assert (figure.value, figure.status, figure.is_revised) == (113, "approved", True)
    assert figure.change_kind == "upload", "an upload that changes a figure is a revision too"
    tiles = {t.indicator.code: t for t in dashboard.indicator_tiles(demo_store)}
    victims = tiles["victims_assessed"]
    assert victims.latest is not None and victims.latest.value == 113
    assert victims.revised and not victims.submitted
    assert victims.latest.corrected_at == _sent()


def test_a_returned_submission_is_never_shown(demo_store: Store) -> None:
    review(demo_store, _send_2023_as_113(demo_store), "returned", at=_approved(), comment="wrong")
    for view in (
        PUBLIC_VIEW,
        SUBMITTED_VIEW,
        View(include_submitted=True, exact_small_counts=True),
    ):
        figure = _value(demo_store, view)
        assert (figure.value, figure.status, figure.is_revised) == (112, "approved", False)
    history = reporting.history(demo_store, "victims_assessed", Period(2023), view=SUBMITTED_VIEW)
    assert Decimal(113) not in {e.value for e in history}


def test_as_of_before_the_approval_a_viewer_does_not_see_it(demo_store: Store) -> None:
    approve(demo_store, _send_2023_as_113(demo_store), at=_approved())
    between = _approved() - dt.timedelta(hours=1)
    assert _value(demo_store, PUBLIC_VIEW, as_of=between).value == 112
    then = _value(demo_store, SUBMITTED_VIEW, as_of=between)
    assert (then.value, then.status) == (113, "submitted"), "awaiting approval at that moment"
    assert _value(demo_store, PUBLIC_VIEW, as_of=_approved()).value == 113
    before_sending = _value(demo_store, SUBMITTED_VIEW, as_of=_sent() - dt.timedelta(seconds=1))
    assert (before_sending.value, before_sending.is_revised) == (112, False)


def test_history_shows_what_the_view_shows_with_each_versions_status(demo_store: Store) -> None:
    change_set = _send_2023_as_113(demo_store)
    viewer = reporting.history(demo_store, "victims_assessed", Period(2023))
    assert [(e.source_id, e.value) for e in viewer if e.source_id == "cmm-tal-2023"] == [
        ("cmm-tal-2023", 112)
    ]
    full = reporting.history(demo_store, "victims_assessed", Period(2023), view=SUBMITTED_VIEW)
    mine = [(e.value, e.status) for e in full if e.source_id == "cmm-tal-2023"]
    assert mine == [(112, "approved"), (113, "submitted")]
    approve(demo_store, change_set)
    after = reporting.history(demo_store, "victims_assessed", Period(2023))
    assert [e.status for e in after if e.source_id == "cmm-tal-2023"] == ["approved", "approved"]


# --- money --------------------------------------------------------------------------------------


def _send_spending(store: Store) -> int:
    return _upload(
        store,
        "spending_versions",
        [
            {
                "initiative_code": "cmm-styrket",
                "year": 2022,
                "quarter": 1,
                "source_id": "ministry-budget-upload",
                "amount_dkk": 2_000_000.0,
                "note": None,
            }
        ],
        _sent(),
    )


def test_submitted_money_is_left_out_for_viewers_and_marked_for_others(demo_store: Store) -> None:
    _send_spending(demo_store)
    viewer = reporting.plan_money(demo_store, "2022-2025")
    assert (viewer.spent_dkk, viewer.spent_submitted) == (Decimal(106_528_000), False)
    other = reporting.plan_money(demo_store, "2022-2025", view=SUBMITTED_VIEW)
    assert (other.spent_dkk, other.spent_submitted) == (Decimal(106_728_000), True)
    assert not other.allocated_submitted
    budget = dashboard.budget_view(demo_store, "2022-2025", view=SUBMITTED_VIEW)
    assert budget.submitted
    assert next(q.submitted for q in budget.quarters if q.code == "cmm-styrket")
    assert budget.path[0].submitted and not budget.path[1].submitted
    assert not dashboard.budget_view(demo_store, "2022-2025").submitted


# --- the app ------------------------------------------------------------------------------------


def _overview(db: Path, monkeypatch: pytest.MonkeyPatch, who: Actor) -> AppTest:
    monkeypatch.setenv("PLANWATCH_DB", str(db))
    app = AppTest.from_file(APP, default_timeout=60)
    sign_in(app, who)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _text(app: AppTest) -> str:
    parts = [f"{m.label} {m.value} {m.proto.delta}" for m in app.metric]
    parts += [c.value for c in app.caption] + [i.value for i in app.info]
    return "\n".join(parts)


def test_a_viewer_has_no_toggle_and_sees_the_approved_figure(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _send_2023_as_113(demo_store)
    app = _overview(demo_store.path, monkeypatch, add_user(demo_store, "v@test", [Role.VIEWER]))
    assert not [t for t in app.toggle if t.key == "show_submitted"]
    text = _text(app)
    assert "+39 (+53,4 %)" in text
    assert "indsendt – ikke godkendt" not in text


def test_an_uploader_may_show_submitted_figures_marked_as_such(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _send_2023_as_113(demo_store)
    uploader = add_user(demo_store, "u@test", [Role.UPLOADER])
    app = _overview(demo_store.path, monkeypatch, uploader)
    toggle = app.toggle(key="show_submitted")
    assert toggle.label == "Vis indsendte tal (ikke godkendt)"
    assert toggle.value is False, "off by default"
    assert "+39 (+53,4 %)" in _text(app)
    toggle.set_value(True).run()
    assert not app.exception
    text = _text(app)
    assert "+40 (+54,8 %)" in text
    assert "indsendt – ikke godkendt" in text
    assert "revideret" in text and "late assessment" in text
    assert any("indsendte tal, der endnu ikke er godkendt" in i.value for i in app.info)

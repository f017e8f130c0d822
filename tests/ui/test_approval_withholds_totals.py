"""Godkendelse warns the approver before they approve a correction that will withhold totals
from viewers (issue 16: a correction that adds one person to a published total; see
tests/figures/test_withheld_totals.py). A submission that does not do so gets no warning."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from planwatch.access import accounts
from planwatch.storage import Store
from planwatch.ui import state
from planwatch.uploads import ingest
from tests import clock, scenarios
from tests.paths import PAGES


def _godkendelse(store: Store, monkeypatch: pytest.MonkeyPatch, language: str) -> AppTest:
    monkeypatch.setenv("PLANWATCH_DB", str(store.path))
    app = AppTest.from_file(str(PAGES / "approvals.py"), default_timeout=120)
    app.session_state[state.ACTOR_KEY] = accounts.actor_for(store, "approver1", origin="test")
    app.session_state["language"] = language
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _submit(store: Store, data: bytes, sent: dt.datetime, reason: str | None = None) -> None:
    report = ingest.import_file(
        store, data, "kvartal.csv", "kpi", actor=scenarios.UPLOADER, now=sent, reason=reason
    )
    assert report.status == "stored", [p.message_en for p in report.problems]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("da", "vises disse samlede tal som »ikke vist«"), ("en", "shown to viewers as “withheld”")],
)
def test_approving_a_correction_that_withholds_a_total_is_announced(
    users_store: Store, monkeypatch: pytest.MonkeyPatch, language: str, expected: str
) -> None:
    start = clock.latest_moment(users_store.path)
    year = clock.built_at().year - 2
    first = {"": 12, "female": 5, "male": 7}
    data = scenarios.sex_quarter_file(year, 1, first)
    scenarios.upload_and_approve(users_store, data, "q1.csv", start + dt.timedelta(days=1))
    second = scenarios.sex_quarter_file(year, 2, {"": 9, "female": 4, "male": 5})
    _submit(users_store, second, start + dt.timedelta(days=2))
    before = _godkendelse(users_store, monkeypatch, language)
    assert not [w for w in before.warning if expected in str(w.value)], "no correction yet"
    corrected = scenarios.sex_quarter_file(year, 1, {**first, "": 13, "transgender": 1})
    _submit(users_store, corrected, start + dt.timedelta(days=3), reason="En person mere")
    app = _godkendelse(users_store, monkeypatch, language)
    warnings = [str(w.value) for w in app.warning if expected in str(w.value)]
    quarter = f"1. kvt. {year}" if language == "da" else f"Q1 {year}"
    # the preview counts every waiting submission as approved: the second quarter's (waiting
    # too) changes the same year, so it may be named there as well
    assert warnings and any(quarter in w for w in warnings), warnings

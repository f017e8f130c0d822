"""Issue 18: Godkendelse and Mine indberetninger name indicators, initiatives and sources in the
reader's language (not assessments, hotline_calls, cmm-upload), and no column header is cut."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from planwatch.access import accounts
from planwatch.figures import reporting
from planwatch.storage import Store
from planwatch.ui import state
from planwatch.uploads import ingest
from tests.paths import PAGES, TEST_DATA

KPI_FILE = TEST_DATA / "valid" / "kpi-danish-excel-cp1252.csv"
SOURCE = {"da": "Kvartalstal fra CMM", "en": "Quarterly figures from CMM"}
REVISION = {"da": "Rettelse", "en": "Revision"}


def _page(
    store: Store, monkeypatch: pytest.MonkeyPatch, page: str, user: str, language: str
) -> AppTest:
    monkeypatch.setenv("PLANWATCH_DB", str(store.path))
    app = AppTest.from_file(str(PAGES / f"{page}.py"), default_timeout=180)
    app.session_state[state.ACTOR_KEY] = accounts.actor_for(store, user, origin="test")
    app.session_state["language"] = language
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _submit(store: Store) -> None:
    uploader = accounts.actor_for(store, "uploader1", origin="test")
    report = ingest.import_file(store, KPI_FILE.read_bytes(), "kvartal.csv", "kpi", actor=uploader)
    assert report.status == "stored", report.summary("en")


@pytest.mark.parametrize(
    ("page", "user"), [("approvals", "approver1"), ("submissions", "uploader1")]
)
@pytest.mark.parametrize("language", ["da", "en"])
def test_figures_are_named_in_the_readers_language(
    users_store: Store, monkeypatch: pytest.MonkeyPatch, page: str, user: str, language: str
) -> None:
    _submit(users_store)
    app = _page(users_store, monkeypatch, page, user, language)
    shown = app.dataframe[0].value
    names = {i.code: i.name(language) for i in reporting.indicators(users_store)}
    subject, source = shown.columns[1], shown.columns[6]
    assert set(shown[subject]) == {names["victims_assessed"], names["assessments"]}
    assert set(shown[source]) == {SOURCE[language]}
    cells = shown.to_csv()
    for code in ("victims_assessed", "assessments", "cmm-upload"):
        assert code not in cells, code


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_revision_column_has_a_short_header_and_says_the_rest_in_its_help(
    users_store: Store, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    _submit(users_store)
    app = _page(users_store, monkeypatch, "approvals", "approver1", language)
    shown = app.dataframe[0].value
    assert REVISION[language] in shown.columns
    helped = "Retter et godkendt tal" if language == "da" else "Revises an approved figure"
    assert helped not in shown.columns, "a long header over a column of 'ja' was cut"
    config = str(app.dataframe[0].proto)
    assert helped in config, "the whole meaning is the column's help"
    assert '"width": "large"' in config.replace('\\"', '"'), "names get room to be read whole"

"""Issue 18: Revisionslog in the reader's language: actions by name (the code only in a column of
its own, for machines), details as "felt: værdi" text, never raw JSON."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from planwatch.access import accounts, approvals
from planwatch.access.audit import AuditAction
from planwatch.storage import Store
from planwatch.ui import state
from planwatch.ui.app_pages.audit_words import action_name, details_text
from planwatch.uploads import ingest
from tests.paths import PAGES, TEST_DATA

KPI_FILE = TEST_DATA / "valid" / "kpi-danish-excel-cp1252.csv"
WORDS = {
    "da": {
        "action": "Handling",
        "code": "Handlingskode",
        "details": "Detaljer",
        "upload": "Indberettede tal",
        "approve": "Godkendte en indberetning",
        "file": "filnavn: kvartal.csv",
        "subject": "indberetning {n}",
    },
    "en": {
        "action": "Action",
        "code": "Action code",
        "details": "Details",
        "upload": "Uploaded figures",
        "approve": "Approved a submission",
        "file": "file name: kvartal.csv",
        "subject": "submission {n}",
    },
}


def _log(store: Store, monkeypatch: pytest.MonkeyPatch, language: str) -> tuple[AppTest, int]:
    uploader = accounts.actor_for(store, "uploader1", origin="test")
    report = ingest.import_file(store, KPI_FILE.read_bytes(), "kvartal.csv", "kpi", actor=uploader)
    assert report.change_set_id is not None
    approver = accounts.actor_for(store, "approver1", origin="test")
    approvals.approve(store, approver, report.change_set_id, comment="Fint")
    monkeypatch.setenv("PLANWATCH_DB", str(store.path))
    app = AppTest.from_file(str(PAGES / "audit_log.py"), default_timeout=180)
    app.session_state[state.ACTOR_KEY] = accounts.actor_for(store, "auditor1", origin="test")
    app.session_state["language"] = language
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app, report.change_set_id


@pytest.mark.parametrize("language", ["da", "en"])
def test_actions_are_named_and_their_codes_kept_aside(
    users_store: Store, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    words = WORDS[language]
    app, number = _log(users_store, monkeypatch, language)
    table = app.dataframe[0].value
    assert list(table.columns)[-1] == words["code"], "the code is the last column"
    actions = set(table[words["action"]])
    assert {words["upload"], words["approve"]} <= actions
    assert not actions & {a.value for a in AuditAction}, actions
    assert {"upload", "approve"} <= set(table[words["code"]])
    uploaded = table[table[words["code"]] == "upload"].iloc[0]
    assert uploaded["Emne" if language == "da" else "Subject"] == words["subject"].format(n=number)
    options = app.selectbox(key="audit_action").options
    assert words["upload"] in options and "upload" not in options


@pytest.mark.parametrize("language", ["da", "en"])
def test_details_are_readable_text_not_json(
    users_store: Store, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    words = WORDS[language]
    app, _ = _log(users_store, monkeypatch, language)
    table = app.dataframe[0].value
    details = list(table[words["details"]])
    assert not [d for d in details if d.startswith("{") or '":' in d], details
    uploaded = table[table[words["code"]] == "upload"].iloc[0][words["details"]]
    assert words["file"] in uploaded
    approved = table[table[words["code"]] == "approve"].iloc[0][words["details"]]
    assert ("kommentar: Fint" if language == "da" else "comment: Fint") in approved


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_action_has_a_name_in_both_languages(language: str) -> None:
    names = [action_name(a.value, language) for a in AuditAction]
    assert all(n and n != a.value for n, a in zip(names, AuditAction, strict=True))
    assert len(set(names)) == len(names), "two actions read alike"
    assert action_name("something-new", language) == "something-new", "an unknown one as it is"


def test_details_in_danish_and_english() -> None:
    details = {"roles": ["uploader", "approver"], "sso": False, "files": {"a.csv": "ab12"}}
    assert details_text(details, "da") == (
        "roller: indberetter, godkender; single sign-on: nej; filer: a.csv = ab12"
    )
    assert details_text(details, "en") == (
        "roles: uploader, approver; single sign-on: no; files: a.csv = ab12"
    )
    assert details_text({}, "da") == ""
    refused = {"method": "password", "reason": "wrong-password"}
    assert details_text(refused, "da", "sign-in-failed").endswith(
        "begrundelse: forkert adgangskode (wrong-password)"
    )
    assert details_text(refused, "en", "sign-in-failed").endswith(
        "reason: wrong password (wrong-password)"
    )
    # a reason someone typed is shown as typed, even if it reads like a code
    assert details_text({"reason": "wrong-password"}, "da", "correction") == (
        "begrundelse: wrong-password"
    )


def test_a_refused_command_reads_in_the_readers_language(users_store: Store) -> None:
    """A command refused on the command line is recorded in both languages and read in the
    reader's (issue 18: a Danish auditor read the English message in Revisionslog)."""
    from click.testing import CliRunner

    from planwatch.access import audit
    from planwatch.cli import main

    store = users_store
    reader = accounts.actor_for(store, "auditor1", origin="test")
    before = len(audit.entries(store, reader))
    result = CliRunner().invoke(
        main, ["--user", "viewer1", "users", "list", "--db", str(store.path)]
    )
    assert result.exit_code != 0
    (refused,) = [
        e for e in audit.entries(store, reader)[before:] if e.action == "permission-denied"
    ]
    danish = details_text(refused.details, "da", refused.action)
    english = details_text(refused.details, "en", refused.action)
    assert danish.startswith("besked: ") and english.startswith("message: ")
    assert "may not" in english and "may not" not in danish
    assert danish != english and ";" not in danish  # one message, in one language

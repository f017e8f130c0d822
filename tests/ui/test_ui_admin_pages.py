"""The pages of uploaders, approvers, auditors and admins, headless (AppTest): upload as the
signed-in user, follow one's submissions, approve or return them, read and verify the audit log,
manage users. Each test starts the page with its user already signed in."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from planwatch.access import accounts, approvals, audit
from planwatch.domain.clock import today_in_denmark
from planwatch.domain.periods import Period
from planwatch.domain.permissions import Actor, Role
from planwatch.errors import SignInError
from planwatch.figures import kept_patterns, reporting
from planwatch.storage import Store
from planwatch.ui import state
from planwatch.uploads import ingest
from tests.paths import PAGES, TEST_DATA

KPI_FILE = TEST_DATA / "valid" / "kpi-danish-excel-cp1252.csv"
NEW_PASSWORD = "et-helt-nyt-kodeord-42"  # noqa: S105 - a password for tests only
REVISED_Q1 = (
    "Indikator;År;Kvartal;Værdi;Køn;Aldersgruppe;Udnyttelsesform;Bemærkning\n"
    "Vurderede ofre for menneskehandel;2025;1;25;;;;Revideret\n"
).encode("cp1252")


def _who(store: Store, name: str) -> Actor:
    return accounts.actor_for(store, name, origin="test")


def _page(
    store: Store, monkeypatch: pytest.MonkeyPatch, page: str, user: str, language: str = "da"
) -> AppTest:
    monkeypatch.setenv("PLANWATCH_DB", str(store.path))
    app = AppTest.from_file(str(PAGES / f"{page}.py"), default_timeout=180)
    app.session_state[state.ACTOR_KEY] = _who(store, user)
    app.session_state["language"] = language
    app.run()
    _no_crash(app)
    return app


def _no_crash(app: AppTest) -> None:
    assert not app.exception, [e.value for e in app.exception]


def _click(app: AppTest, label: str) -> AppTest:
    matches = [b for b in app.button if b.label == label]
    assert len(matches) == 1, (label, [b.label for b in app.button])
    matches[0].click().run()
    _no_crash(app)
    return app


def _texts(app: AppTest, kind: str) -> list[str]:
    return [str(e.value) for e in getattr(app, kind)]


def _everything(app: AppTest) -> str:
    parts: list[str] = []
    for kind in (
        "title",
        "subheader",
        "caption",
        "markdown",
        "info",
        "warning",
        "error",
        "success",
    ):
        parts += _texts(app, kind)
    parts += [d.value.to_csv() for d in app.dataframe]
    return "\n".join(parts)


def _submit(store: Store, user: str, data: bytes, name: str, reason: str | None = None) -> int:
    report = ingest.import_file(store, data, name, "kpi", actor=_who(store, user), reason=reason)
    assert report.status == "stored", report.summary("en")
    assert report.change_set_id is not None
    return report.change_set_id


# --- upload and my submissions --------------------------------------------------------------


def test_upload_is_sent_as_the_signed_in_user_and_awaits_approval(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _page(users_store, monkeypatch, "upload", "uploader1")
    assert not [w for w in app.text_input if "Afsender" in w.label], "no self-declared sender"
    assert any("Du indberetter som **uploader1**" in i for i in _texts(app, "info"))
    app.get("file_uploader")[0].upload(KPI_FILE.name, KPI_FILE.read_bytes(), "text/csv")
    app.run()
    app.button(key="upload_check").click().run()
    _no_crash(app)
    app.button(key="upload_store").click().run()
    _no_crash(app)
    assert any("Tallene afventer godkendelse" in i for i in _texts(app, "info"))
    sent = approvals.submissions(users_store, _who(users_store, "uploader1"))
    assert [(s.recorded_by, s.status, s.figures) for s in sent] == [("uploader1", "submitted", 6)]
    assert reporting.figure(users_store, "victims_assessed", Period(2025, 1)) is None, (
        "not on the dashboard before approval"
    )


def test_my_submissions_shows_status_comment_and_figures(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _submit(users_store, "uploader1", KPI_FILE.read_bytes(), "kvartal.csv")
    approvals.return_submission(
        users_store, _who(users_store, "approver1"), first, comment="Tallet for Q2 mangler kilde"
    )
    second = _submit(users_store, "uploader1", KPI_FILE.read_bytes(), "kvartal-igen.csv")
    accounts.add_user(
        users_store, _who(users_store, "admin1"), "other", [Role.UPLOADER], password=NEW_PASSWORD
    )
    _submit(users_store, "other", REVISED_Q1, "andens.csv", reason="En andens rettelse")
    app = _page(users_store, monkeypatch, "submissions", "uploader1")
    headings = [e.label for e in app.expander]
    assert headings == [
        f"Indberetning {second} · kvartal-igen.csv · afventer godkendelse",
        f"Indberetning {first} · kvartal.csv · returneret",
    ], "newest first, only one's own"
    assert _texts(app, "warning") == ["Godkenderens kommentar: Tallet for Q2 mangler kilde"]
    figures = app.dataframe[0].value
    assert sorted(figures["Periode"]) == ["1. kvt. 2025"] * 4 + ["2. kvt. 2025"] * 2
    assert "Kvinder" in set(figures["Køn"]) and "24" in set(figures["Indberettet værdi"])
    english = _page(users_store, monkeypatch, "submissions", "uploader1", "en")
    assert english.expander[1].label == f"Submission {first} · kvartal.csv · returned"


def test_my_submissions_when_there_are_none(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _page(users_store, monkeypatch, "submissions", "uploader1")
    assert _texts(app, "info") == ["Du har ikke sendt nogen indberetninger endnu."]


# --- approvals ------------------------------------------------------------------------------


def test_approve_after_confirmation_puts_the_figures_on_the_dashboard(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    number = _submit(users_store, "uploader1", KPI_FILE.read_bytes(), "kvartal.csv")
    app = _page(users_store, monkeypatch, "approvals", "approver1")
    assert _texts(app, "subheader")[0] == (
        f"Indberetning {number} · kvartal.csv · afventer godkendelse"
    )
    shown = app.dataframe[0].value
    assert len(shown) == 6 and set(shown["Godkendt værdi i dag"]) == {""}, "all new figures"
    _click(app, "Godkend")
    assert _texts(app, "warning") == [
        f"Godkend indberetning {number} med 6 tal? Tallene vises derefter på dashboardet."
    ]
    assert approvals.submissions(users_store, _who(users_store, "approver1"))[0].status == (
        "submitted"
    ), "nothing happens before the confirmation"
    _click(app, "Ja, godkend")
    assert _texts(app, "success") == [
        f"Indberetning {number} er godkendt. Tallene vises nu på dashboardet."
    ]
    assert _texts(app, "info") == ["Der er ingen indberetninger, der afventer godkendelse."]
    recent = app.dataframe[0].value
    assert list(recent["Status"]) == ["godkendt"] and list(recent["Behandlet af"]) == ["approver1"]
    figure = reporting.figure(users_store, "victims_assessed", Period(2025, 1))
    assert figure is not None and figure.preferred.value == 24
    approved = audit.entries(users_store, _who(users_store, "auditor1"), action="approve")
    assert [(e.actor, e.subject) for e in approved] == [("approver1", f"change-set:{number}")]


def test_an_approval_in_the_app_keeps_what_viewers_now_see_solved(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 17: the small-count patterns of what an approval publishes are kept in the
    database, so that no server's first visit solves them."""
    small_quarter = (
        "Indikator;År;Kvartal;Værdi;Køn;Aldersgruppe;Udnyttelsesform\n"
        "Vurderede ofre for menneskehandel;2025;1;24;;;\n"
        "Vurderede ofre for menneskehandel;2025;1;22;female;;\n"
        "Vurderede ofre for menneskehandel;2025;1;2;male;;\n"
    ).encode("cp1252")
    kept_patterns.keep(users_store, 3)
    number = _submit(users_store, "uploader1", small_quarter, "kvartal.csv")
    app = _page(users_store, monkeypatch, "approvals", "approver1")
    _click(_click(app, "Godkend"), "Ja, godkend")
    assert _texts(app, "success") == [
        f"Indberetning {number} er godkendt. Tallene vises nu på dashboardet."
    ]
    left = kept_patterns.keep(users_store, 3, indicators={"victims_assessed"})
    assert left.years > 0 and left.solved == 0


def test_a_revision_is_shown_beside_the_value_it_replaces_and_highlighted(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _submit(users_store, "uploader1", KPI_FILE.read_bytes(), "kvartal.csv")
    approvals.approve(users_store, _who(users_store, "approver1"), first)
    _submit(users_store, "uploader1", REVISED_Q1, "rettelse.csv", reason="CMM reviderede tallet")
    app = _page(users_store, monkeypatch, "approvals", "approver1")
    shown = app.dataframe[0].value
    assert list(shown["Indberettet værdi"]) == ["25"]
    assert list(shown["Godkendt værdi i dag"]) == ["24"]
    assert list(shown["Rettelse"]) == ["ja"]  # issue 18: a short header, the rest in its help
    assert "#fff3bf" in str(app.dataframe[0].proto), "the revised row is highlighted"
    assert "1 af tallene retter et godkendt tal (markeret med gult)." in _texts(app, "caption")
    assert "Begrundelse: CMM reviderede tallet" in _texts(app, "caption")


def test_return_needs_a_comment_and_the_uploader_sees_it(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    number = _submit(users_store, "uploader1", KPI_FILE.read_bytes(), "kvartal.csv")
    app = _page(users_store, monkeypatch, "approvals", "approver1")
    _click(app, "Returnér med kommentar")
    assert _texts(app, "warning") == [
        "Skriv en kommentar til indberetteren, før du returnerer indberetningen."
    ]
    app.text_area(key=f"review_comment_{number}").input("Udredninger for Q2 ser forkerte ud")
    _click(app, "Returnér med kommentar")
    _click(app, "Fortryd")
    assert approvals.submissions(users_store, _who(users_store, "approver1"))[0].status == (
        "submitted"
    )
    _click(app, "Returnér med kommentar")
    assert "med kommentaren: »Udredninger for Q2 ser forkerte ud«?" in _texts(app, "warning")[0]
    _click(app, "Ja, returnér")
    assert _texts(app, "success") == [
        f"Indberetning {number} er returneret til uploader1 med din kommentar."
    ]
    mine = _page(users_store, monkeypatch, "submissions", "uploader1")
    assert "returneret" in mine.expander[0].label
    assert _texts(mine, "warning") == ["Godkenderens kommentar: Udredninger for Q2 ser forkerte ud"]
    assert reporting.figure(users_store, "victims_assessed", Period(2025, 1)) is None


def test_an_approver_cannot_approve_their_own_submission(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    accounts.add_user(
        users_store,
        _who(users_store, "admin1"),
        "both",
        [Role.UPLOADER, Role.APPROVER],
        password=NEW_PASSWORD,
    )
    _submit(users_store, "both", KPI_FILE.read_bytes(), "egen.csv")
    app = _page(users_store, monkeypatch, "approvals", "both")
    assert "Det er din egen indberetning. En anden godkender skal behandle den." in _texts(
        app, "caption"
    )
    _click(app, "Godkend")
    _click(app, "Ja, godkend")
    assert _texts(app, "error") == [
        "Du kan ikke selv godkende eller returnere din egen indberetning."
    ]
    assert approvals.submissions(users_store, _who(users_store, "both"))[0].status == "submitted"


# --- audit log ------------------------------------------------------------------------------


def test_audit_log_lists_filters_and_verifies(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(SignInError):
        accounts.sign_in(users_store, "viewer1", "forkert-forkert", origin="web 10.0.0.7")
    app = _page(users_store, monkeypatch, "audit_log", "auditor1")
    table = app.dataframe[0].value
    assert list(table.columns) == [
        "Nr.",
        "Tidspunkt (dansk tid, ISO)",
        "Bruger",
        "Handling",
        "Emne",
        "Detaljer",
        "Hvorfra",
        "Hash",
        "Handlingskode",  # issue 18: the code for machines, the action by name
    ]
    assert list(table["Nr."]) == sorted(table["Nr."], reverse=True), "newest first"
    newest = table.iloc[0]
    assert (newest["Handling"], newest["Bruger"], newest["Hvorfra"]) == (
        "Mislykket login",
        "viewer1",
        "web 10.0.0.7",
    )
    assert newest["Tidspunkt (dansk tid, ISO)"][-6:] in ("+01:00", "+02:00")
    assert newest["Handlingskode"] == "sign-in-failed"
    # issue 18: text, not JSON; the reason in words, with its code (which the filter finds)
    assert "begrundelse: forkert adgangskode (wrong-password)" in newest["Detaljer"]
    app.selectbox(key="audit_action").set_value("user-added").run()
    _no_crash(app)
    assert set(app.dataframe[0].value["Handling"]) == {"Tilføjede en bruger"}
    app.selectbox(key="audit_action").set_value("Alle").run()
    app.text_input(key="audit_text").input("wrong-password").run()
    assert list(app.dataframe[0].value["Bruger"]) == ["viewer1"]
    app.text_input(key="audit_text").input("").run()
    app.selectbox(key="audit_user").set_value("admin1").run()
    assert set(app.dataframe[0].value["Bruger"]) == {"admin1"}
    _click(app, "Kontrollér kæden")
    assert len(_texts(app, "success")) == 1
    assert _texts(app, "success")[0].startswith("Revisionsloggen er intakt:")


def test_audit_log_shows_a_broken_chain(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    with users_store.connect() as connection:
        connection.execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2")
    app = _page(users_store, monkeypatch, "audit_log", "admin1", "en")
    _click(app, "Verify chain")
    assert _texts(app, "error") == [
        "Entry 2 was altered after it was written (its hash does not match)."
    ]


def test_audit_log_names_a_figure_changed_outside_planwatch(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    with users_store.connect() as connection:
        connection.execute(
            "UPDATE observation_versions SET value = 500 WHERE version_id = "
            "(SELECT min(version_id) FROM observation_versions WHERE value IS NOT NULL)"
        )
    app = _page(users_store, monkeypatch, "audit_log", "auditor1", "en")
    _click(app, "Verify chain")
    [error] = _texts(app, "error")
    assert "The content does not match the audit log: 1 findings" in error
    [findings] = [d.value for d in app.dataframe if list(d.value.columns) == ["Finding"]]
    [finding] = list(findings["Finding"])
    assert "stored 500, sealed" in finding


def test_audit_log_date_filter_is_in_danish_days(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _page(users_store, monkeypatch, "audit_log", "auditor1")
    tomorrow = today_in_denmark() + dt.timedelta(days=1)
    app.date_input(key="audit_since").set_value(tomorrow).run()
    _no_crash(app)
    assert _texts(app, "info") == ["Ingen poster passer til filtrene."]


# --- users ----------------------------------------------------------------------------------


def _fill_new_user(app: AppTest, name: str, roles: list[str], password: str) -> None:
    app.text_input(key="new_user_name").input(name)
    app.text_input(key="new_user_display_name").input("Anne Hansen")
    for role in Role:
        app.checkbox(key=f"new_user_role_{role.value}").set_value(role.value in roles)
    app.text_input(key="new_user_password").input(password)


def test_admin_adds_a_user_whose_password_is_never_shown_back(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _page(users_store, monkeypatch, "users", "admin1")
    table = app.dataframe[0].value
    assert {"admin1", "viewer1", "uploader1"} <= set(table["Brugernavn"])
    assert list(table.loc[table["Brugernavn"] == "uploader1", "Roller"]) == ["indberetter"]
    _fill_new_user(app, "anne@cmm.example", ["uploader", "viewer"], NEW_PASSWORD)
    _click(app, "Tilføj bruger")
    assert _texts(app, "success") == [  # the name as text: "@" would begin a mail link
        "Brugeren anne\u2060\\@cmm.example er tilføjet med rollerne læser, indberetter."
    ]
    assert "anne@cmm.example" in set(app.dataframe[0].value["Brugernavn"])
    assert app.text_input(key="new_user_password").value == ""
    assert NEW_PASSWORD not in _everything(app)
    assert NEW_PASSWORD not in str(app.session_state.to_dict())
    signed_in = accounts.sign_in(users_store, "anne@cmm.example", NEW_PASSWORD)
    assert signed_in.roles == frozenset({Role.VIEWER, Role.UPLOADER})
    logged = audit.entries(users_store, _who(users_store, "auditor1"), action="user-added")
    assert NEW_PASSWORD not in str([e.details for e in logged])


def test_a_refused_new_user_gets_the_services_message(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _page(users_store, monkeypatch, "users", "admin1")
    _fill_new_user(app, "kort", ["viewer"], "kort")
    _click(app, "Tilføj bruger")
    assert _texts(app, "error") == ["Adgangskoden skal have mindst 12 tegn."]
    _fill_new_user(app, "ingen-roller", [], NEW_PASSWORD)
    _click(app, "Tilføj bruger")
    assert _texts(app, "warning") == ["Vælg mindst én rolle."]


def test_roles_are_one_checkbox_each_with_what_the_role_may_do(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No multi-select whose "Select all" makes someone administrator, uploader and approver
    in one click (issue 18): one checkbox per role, none ticked, each saying what it may do."""
    for language, approver in (
        ("da", "godkender – godkender eller returnerer andres indberetninger"),
        ("en", "approver – approves or returns others' submissions"),
    ):
        app = _page(users_store, monkeypatch, "users", "admin1", language)
        assert not app.multiselect
        boxes = {b.key: b for b in app.checkbox}
        assert {f"new_user_role_{r.value}" for r in Role} <= set(boxes)
        assert not any(boxes[f"new_user_role_{r.value}"].value for r in Role)
        assert boxes["new_user_role_approver"].label.startswith(approver)


def test_one_person_as_both_uploader_and_approver_is_warned_about(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four eyes: ticking both warns at once; adding still works, and says so again; granting
    the second of the two roles warns too."""
    app = _page(users_store, monkeypatch, "users", "admin1")
    warning = "Samme person bliver både indberetter og godkender"
    _fill_new_user(app, "bo@cmm.example", ["uploader"], NEW_PASSWORD)
    app.run()
    assert not any(warning in w for w in _texts(app, "warning"))
    app.checkbox(key="new_user_role_approver").check().run()
    assert any(warning in w for w in _texts(app, "warning"))
    _click(app, "Tilføj bruger")
    assert any("er tilføjet" in w and warning in w for w in _texts(app, "warning"))
    assert _who(users_store, "bo@cmm.example").roles == frozenset({Role.UPLOADER, Role.APPROVER})
    app.selectbox(key="manage_user").set_value("uploader1").run()
    app.selectbox(key="manage_role").set_value("approver").run()
    assert any(warning in w for w in _texts(app, "warning")), "before granting"
    _click(app, "Giv rollen")
    assert any("har fået rollen godkender" in w and warning in w for w in _texts(app, "warning"))


def test_a_name_is_not_an_email_address(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _page(users_store, monkeypatch, "users", "admin1")
    _fill_new_user(app, "karen", ["viewer"], NEW_PASSWORD)
    app.text_input(key="new_user_email").input("Karen Jensen")
    _click(app, "Tilføj bruger")
    (error,) = _texts(app, "error")
    assert error.startswith("Ugyldig e-mail") and "domæne, højst 254 tegn" in error
    assert "karen" not in set(app.dataframe[0].value["Brugernavn"])


def test_admin_grants_and_revokes_roles_disables_and_sets_passwords(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _page(users_store, monkeypatch, "users", "admin1")
    app.selectbox(key="manage_user").set_value("viewer1").run()
    app.selectbox(key="manage_role").set_value("approver").run()
    _click(app, "Giv rollen")
    assert _texts(app, "success") == ["viewer1 har fået rollen godkender."]
    assert _who(users_store, "viewer1").roles == frozenset({Role.VIEWER, Role.APPROVER})
    _click(app, "Fjern rollen")
    assert _texts(app, "success") == ["viewer1 har ikke længere rollen godkender."]
    assert _who(users_store, "viewer1").roles == frozenset({Role.VIEWER})
    _click(app, "Deaktivér brugeren")
    assert _texts(app, "success") == ["viewer1 er deaktiveret og logges ud ved næste handling."]
    table = app.dataframe[0].value
    assert list(table.loc[table["Brugernavn"] == "viewer1", "Status"]) == ["deaktiveret"]
    _click(app, "Aktivér brugeren")
    assert _texts(app, "success") == ["viewer1 er aktiveret igen."]
    app.text_input(key="manage_password").input(NEW_PASSWORD)
    _click(app, "Sæt adgangskode")
    assert _texts(app, "success") == [
        "Adgangskoden for viewer1 er sat, og en eventuel spærring er ophævet."
    ]
    assert app.text_input(key="manage_password").value == ""
    assert NEW_PASSWORD not in _everything(app)
    assert accounts.sign_in(users_store, "viewer1", NEW_PASSWORD).name == "viewer1"


def test_an_admin_cannot_disable_themselves(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _page(users_store, monkeypatch, "users", "admin1", "en")
    app.selectbox(key="manage_user").set_value("admin1").run()
    _click(app, "Disable the user")
    assert _texts(app, "error") == ["You cannot disable yourself."]


def test_an_admin_whose_role_was_revoked_can_no_longer_act(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = _who(users_store, "admin1")
    accounts.add_user(users_store, admin, "admin2", [Role.ADMIN], password=NEW_PASSWORD)
    accounts.change_role(users_store, admin, "admin1", Role.VIEWER, grant=True)
    app = _page(users_store, monkeypatch, "users", "admin1")
    accounts.change_role(
        users_store, _who(users_store, "admin2"), "admin1", Role.ADMIN, grant=False
    )
    app.selectbox(key="manage_user").set_value("viewer1").run()
    assert not app.dataframe and "Du har ikke adgang til siden »Brugere«" in _everything(app)

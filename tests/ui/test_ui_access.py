"""Who sees what in the app, headless (AppTest): the sign-in gate, navigation by role, every
page for every role, idle sessions, and roles or accounts changed while a user is signed in."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Final

import pytest
from streamlit.testing.v1 import AppTest

from planwatch.access import accounts, audit
from planwatch.domain.permissions import Actor, Page, Role
from planwatch.errors import SignInError
from planwatch.storage import Store
from planwatch.ui import state
from planwatch.ui.app import PAGE_SCRIPTS
from tests.paths import APP, PAGES

ANNES_PASSWORD = "lang-nok-adgang-1"  # noqa: S105 - a password for tests only
AUDITOR = Actor("demo-auditor", frozenset({Role.AUDITOR}))

DASHBOARD: Final = {
    Page.OVERVIEW,
    Page.BUDGET,
    Page.INDICATORS,
    Page.ABOUT,
    Page.TALKING_POINTS,
    Page.CHECK_CLAIMS,
}
# The specification, written out: which pages each role opens.
EXPECTED: Final[dict[Role, set[Page]]] = {
    Role.VIEWER: DASHBOARD,
    Role.UPLOADER: DASHBOARD | {Page.UPLOAD, Page.SUBMISSIONS},
    Role.APPROVER: DASHBOARD | {Page.APPROVALS},
    Role.AUDITOR: DASHBOARD | {Page.AUDIT_LOG, Page.EXPORT},
    Role.ADMIN: {Page.SUBMISSIONS, Page.AUDIT_LOG, Page.EXPORT, Page.USERS, Page.PLANS},
}
TITLES: Final = {
    Page.OVERVIEW: "Overblik",
    Page.BUDGET: "Budget",
    Page.INDICATORS: "Indikatorer",
    Page.ABOUT: "Om data",
    Page.TALKING_POINTS: "Talepapir",
    Page.CHECK_CLAIMS: "Tjek tal i en tekst",
    Page.UPLOAD: "Indberet tal",
    Page.SUBMISSIONS: "Mine indberetninger",
    Page.APPROVALS: "Godkendelse",
    Page.AUDIT_LOG: "Revisionslog",
    Page.EXPORT: "Eksport",
    Page.USERS: "Brugere",
    Page.PLANS: "Planer",
}


@pytest.fixture(scope="module")
def shared_db(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the demo database with the demo users, for tests that only read."""
    path = tmp_path_factory.mktemp("access") / "planwatch.duckdb"
    shutil.copy(demo_db_template, path)
    accounts.demo_users(Store(path))
    return path


@pytest.fixture(scope="module")
def _demo_users_db(
    demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[str, str]]:
    """The demo database with the demo users, made once (each user's password hash takes a
    good fraction of a second by design) for ``own_db`` to copy; never opened by a test."""
    path = tmp_path_factory.mktemp("users") / "planwatch.duckdb"
    shutil.copy(demo_db_template, path)
    return path, accounts.demo_users(Store(path))


@pytest.fixture
def own_db(
    _demo_users_db: tuple[Path, dict[str, str]], tmp_path: Path
) -> tuple[Path, dict[str, str]]:
    """A copy of its own, for tests that change users; with the demo users' passwords."""
    template, passwords = _demo_users_db
    path = tmp_path / "planwatch.duckdb"
    shutil.copy(template, path)
    return path, dict(passwords)


def _actor(db: Path, role: Role) -> Actor:
    return accounts.actor_for(Store(db), f"demo-{role.value}", origin="test")


def _run(
    script: Path | str,
    db: Path,
    monkeypatch: pytest.MonkeyPatch,
    actor: Actor | None = None,
    **session: object,
) -> AppTest:
    monkeypatch.setenv("PLANWATCH_DB", str(db))
    app = AppTest.from_file(str(script), default_timeout=180)
    if actor is not None:
        app.session_state[state.ACTOR_KEY] = actor
    for key, value in session.items():
        app.session_state[key] = value
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _offered(app: AppTest) -> set[Page]:
    """The pages the navigation of the last run offered, by their scripts."""
    by_file = {script: page for page, (script, _, _) in PAGE_SCRIPTS.items()}
    scripts = [Path(info["script_path"]).name for info in app._registered_pages.values()]
    return {by_file[name] for name in scripts if name in by_file}


def _text(app: AppTest) -> str:
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
        parts += [str(e.value) for e in getattr(app, kind)]
    return "\n".join(parts)


def _sign_in(app: AppTest, name: str, password: str) -> AppTest:
    app.text_input(key="signin_name").input(name)
    app.text_input(key="signin_password").input(password)
    app.button[0].click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _signin_form_shown(app: AppTest) -> bool:
    keys = {w.key for w in app.text_input}
    return {"signin_name", "signin_password"} <= keys


def _log(db: Path, action: str) -> list[audit.AuditEntry]:
    return audit.entries(Store(db), AUDITOR, action=action)


# --- the matrix -----------------------------------------------------------------------------


def test_the_specification_matches_the_roles() -> None:
    for role, pages in EXPECTED.items():
        assert set(Actor("x", frozenset({role})).pages()) == pages, role


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_navigation_offers_exactly_the_roles_pages(
    shared_db: Path, monkeypatch: pytest.MonkeyPatch, role: Role
) -> None:
    app = _run(APP, shared_db, monkeypatch, _actor(shared_db, role))
    assert _offered(app) == EXPECTED[role]
    assert not _signin_form_shown(app)
    home = Actor("x", frozenset({role})).home_page()
    assert home is not None
    assert [t.value for t in app.title] == [TITLES[home]], "the app opens on the home page"
    # the first allowed page, except that an admin lands on their own work, not on
    # Mine indberetninger (where they follow the plan workbooks they sent)
    pages = Actor("x", frozenset({role})).pages()
    assert home == (Page.AUDIT_LOG if role is Role.ADMIN else pages[0])
    assert not app.error, [e.value for e in app.error]


@pytest.mark.parametrize("page", list(Page), ids=lambda p: p.value)
@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_each_page_renders_for_its_roles_and_refuses_the_others(
    shared_db: Path, monkeypatch: pytest.MonkeyPatch, role: Role, page: Page
) -> None:
    script = PAGES / PAGE_SCRIPTS[page][0]
    app = _run(script, shared_db, monkeypatch, _actor(shared_db, role))
    errors = [e.value for e in app.error]
    if page in EXPECTED[role]:
        assert [t.value for t in app.title] == [TITLES[page]]
        assert not errors, errors
    else:
        assert len(errors) == 1 and "Du har ikke adgang til siden" in errors[0], errors
        assert TITLES[page] in errors[0]
        assert not app.title and not app.dataframe and not app.markdown and not app.button
        assert not app.text_input and not app.get("vega_lite_chart")


def test_a_refused_page_is_recorded_in_the_audit_log(
    own_db: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, _ = own_db
    _run(PAGES / "users.py", db, monkeypatch, _actor(db, Role.VIEWER))
    denied = _log(db, "permission-denied")
    assert [(e.actor, e.subject) for e in denied] == [("demo-viewer", "page:users")]


def test_a_refusal_is_in_english_for_an_english_reader(
    shared_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _run(
        PAGES / "approvals.py",
        shared_db,
        monkeypatch,
        _actor(shared_db, Role.VIEWER),
        language="en",
    )
    assert [e.value for e in app.error] == [
        "You do not have access to the page “Approvals” with your roles (viewer). Choose a page "
        "in the menu."
    ]


def test_a_page_script_without_a_signed_in_user_shows_nothing(
    shared_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _run(PAGES / "overview.py", shared_db, monkeypatch)
    assert [w.value for w in app.warning] == [
        "Du er ikke logget ind. Åbn forsiden for at logge ind."
    ]
    assert not app.title and not app.metric


# --- signing in -----------------------------------------------------------------------------


def test_nothing_but_the_sign_in_form_before_signing_in(
    shared_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _run(APP, shared_db, monkeypatch)
    assert _signin_form_shown(app)
    assert _offered(app) == set()
    assert not app.metric and not app.dataframe and not app.get("vega_lite_chart")
    assert [s.value for s in app.subheader] == ["Log ind"]
    app.session_state["language"] = "en"
    app.run()
    assert [s.value for s in app.subheader] == ["Sign in"]
    assert app.text_input(key="signin_password").label == "Password"


def _refused(language: str, max_failed: int = 5, minutes: int = 15) -> str:
    """The one answer to every refused password sign-in: it never tells whether the account
    exists, is locked or is disabled (issue 16)."""
    if language == "da":
        return (
            f"Forkert brugernavn eller adgangskode. Efter {max_failed} forkerte forsøg i træk er "
            f"en konto spærret i {minutes} minutter; en deaktiveret konto kan ikke logge ind. "
            "Kontakt en administrator, hvis det bliver ved."
        )
    return (
        f"Wrong user name or password. After {max_failed} wrong attempts in a row an account is "
        f"locked for {minutes} minutes; a disabled account cannot sign in. Contact an "
        "administrator if it goes on."
    )


def test_a_wrong_password_is_refused_with_a_message(
    own_db: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, _ = own_db
    app = _sign_in(_run(APP, db, monkeypatch), "demo-viewer", "not-the-password")
    assert [e.value for e in app.error] == [_refused("da")]
    assert _signin_form_shown(app) and state.ACTOR_KEY not in app.session_state
    assert app.text_input(key="signin_password").value == "", "the password is not kept"
    assert app.text_input(key="signin_name").value == "demo-viewer"
    app.session_state["language"] = "en"
    app.run()
    assert [e.value for e in app.error] == [_refused("en")]
    failed = _log(db, "sign-in-failed")
    assert [(e.subject, e.details["reason"]) for e in failed] == [("demo-viewer", "wrong-password")]
    assert "not-the-password" not in str([e.details for e in audit.entries(Store(db), AUDITOR)])


def test_an_empty_form_is_not_a_sign_in_attempt(
    own_db: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, _ = own_db
    app = _sign_in(_run(APP, db, monkeypatch), "demo-viewer", "")
    assert [e.value for e in app.error] == ["Skriv både brugernavn og adgangskode."]
    assert _log(db, "sign-in-failed") == []


def test_the_account_locks_after_too_many_wrong_passwords(
    own_db: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, passwords = own_db
    monkeypatch.setenv("PLANWATCH_MAX_FAILED_SIGNINS", "3")
    monkeypatch.setenv("PLANWATCH_LOCKOUT_MINUTES", "10")
    app = _run(APP, db, monkeypatch)
    refused = _refused("da", max_failed=3, minutes=10)
    for _ in range(3):
        _sign_in(app, "demo-uploader", "wrong-password-123")
        assert [e.value for e in app.error] == [refused]
    _sign_in(app, "demo-uploader", passwords["demo-uploader"])
    assert [e.value for e in app.error] == [refused], "locked even with the right password"
    assert _signin_form_shown(app) and _offered(app) == set()
    assert [e.details["reason"] for e in _log(db, "sign-in-failed")] == [
        "wrong-password",
        "wrong-password",
        "wrong-password-locked",
        "locked",
    ]


def test_a_disabled_user_is_refused(
    own_db: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, passwords = own_db
    accounts.set_disabled(Store(db), _actor(db, Role.ADMIN), "demo-approver", True)
    app = _sign_in(_run(APP, db, monkeypatch), "demo-approver", passwords["demo-approver"])
    assert [e.value for e in app.error] == [_refused("da")]  # as for an unknown name
    assert _offered(app) == set()
    assert [e.details["reason"] for e in _log(db, "sign-in-failed")] == ["disabled"]


@pytest.mark.parametrize("role", [Role.UPLOADER, Role.ADMIN], ids=lambda r: r.value)
def test_signing_in_shows_the_users_pages_and_who_they_are(
    own_db: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch, role: Role
) -> None:
    db, passwords = own_db
    name = f"demo-{role.value}"
    app = _sign_in(_run(APP, db, monkeypatch), name, passwords[name])
    assert not _signin_form_shown(app)
    assert _offered(app) == EXPECTED[role]
    sidebar = "\n".join(str(e.value) for e in [*app.sidebar.markdown, *app.sidebar.caption])
    assert f"Logget ind som **Demo {role.value} ({name})**" in sidebar
    label = {Role.UPLOADER: "indberetter", Role.ADMIN: "administrator"}[role]
    assert f"Roller: {label}" in sidebar
    assert [e.origin for e in _log(db, "sign-in")] == ["web"]
    assert passwords[name] not in str(app.session_state.to_dict()), "no password in the session"


def test_an_admin_without_the_dashboard_can_still_switch_language(
    own_db: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, _ = own_db
    app = _run(APP, db, monkeypatch, _actor(db, Role.ADMIN))
    assert [t.value for t in app.title] == ["Revisionslog"]
    app.session_state["language"] = "en"
    app.run()
    assert [t.value for t in app.title] == ["Audit log"]
    assert any(c.value == "Roles: admin" for c in app.sidebar.caption)


def test_signing_out_ends_the_session_and_is_recorded(
    own_db: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, _ = own_db
    app = _run(APP, db, monkeypatch, _actor(db, Role.VIEWER), plan_choice="2019-2021")
    app.button(key="sign_out").click().run()
    assert not app.exception
    assert _signin_form_shown(app) and _offered(app) == set()
    assert [i.value for i in app.info] == ["Du er logget ud."]
    assert state.ACTOR_KEY not in app.session_state
    assert "plan_choice" not in app.session_state, "nothing of the session is left behind"
    assert [e.actor for e in _log(db, "sign-out")] == ["demo-viewer"]


# --- while signed in ------------------------------------------------------------------------


def test_an_idle_session_ends(
    own_db: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, _ = own_db
    monkeypatch.setenv("PLANWATCH_SESSION_IDLE_MINUTES", "30")
    idle_since = time.time() - 31 * 60
    app = _run(
        APP,
        db,
        monkeypatch,
        _actor(db, Role.UPLOADER),
        **{state.LAST_ACTIVITY_KEY: idle_since},
    )
    assert _signin_form_shown(app) and _offered(app) == set()
    assert [w.value for w in app.warning] == [
        "Din session er afsluttet efter 30 minutter uden aktivitet. Log ind igen."
    ]
    assert [e.actor for e in _log(db, "session-expired")] == ["demo-uploader"]


def test_an_active_session_goes_on(
    own_db: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, _ = own_db
    monkeypatch.setenv("PLANWATCH_SESSION_IDLE_MINUTES", "30")
    app = _run(
        APP,
        db,
        monkeypatch,
        _actor(db, Role.UPLOADER),
        **{state.LAST_ACTIVITY_KEY: time.time() - 29 * 60},
    )
    assert not _signin_form_shown(app) and _offered(app) == EXPECTED[Role.UPLOADER]
    last = app.session_state[state.LAST_ACTIVITY_KEY]
    assert time.time() - last < 60, "each run is activity"
    assert _log(db, "session-expired") == []


def test_a_revoked_role_takes_effect_on_the_next_run(
    own_db: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, _ = own_db
    store = Store(db)
    admin = _actor(db, Role.ADMIN)
    accounts.add_user(
        store, admin, "anne@cmm.example", [Role.VIEWER, Role.UPLOADER], password=ANNES_PASSWORD
    )
    app = _sign_in(_run(APP, db, monkeypatch), "anne@cmm.example", ANNES_PASSWORD)
    app.switch_page("src/planwatch/ui/pages/upload.py").run()
    assert [t.value for t in app.title] == ["Indberet tal"]
    stale = app.session_state[state.ACTOR_KEY]
    accounts.change_role(store, admin, "anne@cmm.example", Role.UPLOADER, grant=False)
    app.run()
    assert not app.exception
    assert _offered(app) == DASHBOARD
    assert "Indberet tal" not in [t.value for t in app.title]
    assert app.session_state[state.ACTOR_KEY].roles == frozenset({Role.VIEWER})
    # A page reached anyway (by its address, or a session that still holds the old roles).
    direct = _run(PAGES / "upload.py", db, monkeypatch, stale)
    assert "Du har ikke adgang til siden »Indberet tal«" in _text(direct)
    assert not direct.get("file_uploader")


def test_a_disabled_user_is_signed_out_at_the_next_run(
    own_db: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, _ = own_db
    app = _run(APP, db, monkeypatch, _actor(db, Role.APPROVER))
    assert _offered(app) == EXPECTED[Role.APPROVER]
    accounts.set_disabled(Store(db), _actor(db, Role.ADMIN), "demo-approver", True)
    app.run()
    assert _signin_form_shown(app) and _offered(app) == set()
    assert "Din konto er deaktiveret eller findes ikke længere" in _text(app)
    assert [e.actor for e in _log(db, "session-expired")] == ["demo-approver"]


def test_a_user_left_without_roles_is_signed_out(
    own_db: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, _ = own_db
    app = _run(APP, db, monkeypatch, _actor(db, Role.AUDITOR))
    accounts.change_role(
        Store(db), _actor(db, Role.ADMIN), "demo-auditor", Role.AUDITOR, grant=False
    )
    app.run()
    assert _signin_form_shown(app)
    assert "Din konto har ikke længere nogen roller" in _text(app)


def test_without_a_database_the_gate_says_so_and_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "missing.duckdb"
    app = _run(APP, missing, monkeypatch)
    assert any("planwatch init" in i.value for i in app.info)
    assert not app.error and not _signin_form_shown(app)
    assert not missing.exists()


# --- single sign-on (the provider itself is exercised in tests/e2e/test_oidc_journey.py) ---


def _sso_app(db: Path, monkeypatch: pytest.MonkeyPatch, user: dict[str, object]) -> AppTest:
    monkeypatch.setenv("PLANWATCH_DB", str(db))
    monkeypatch.setenv("PLANWATCH_AUTH", "oidc")
    app = AppTest.from_file(APP, default_timeout=180)
    app.secrets["auth"] = {
        "redirect_uri": "http://127.0.0.1:1/oauth2callback",
        "cookie_secret": "test-only-not-a-secret",
        "entra": {
            "client_id": "planwatch",
            "client_secret": "test-only-not-a-secret",
            "server_metadata_url": "http://127.0.0.1:1/.well-known/openid-configuration",
        },
    }
    app.user = user
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_sso_user_known_by_email_gets_their_roles(
    own_db: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, _ = own_db
    accounts.add_user(
        Store(db), _actor(db, Role.ADMIN), "mette", [Role.VIEWER], email="Mette@Ministeriet.DK"
    )
    app = _sso_app(
        db,
        monkeypatch,
        {
            "is_logged_in": True,
            "email": "mette@ministeriet.dk",
            "email_verified": True,  # the provider vouches for the e-mail (issue 16)
            "sub": "abc-1",
            "iss": "https://login.ministeriet.dk",
            "iat": time.time(),
        },
    )
    assert _offered(app) == DASHBOARD
    signed_in = _log(db, "sign-in")
    assert [(e.actor, e.details["method"]) for e in signed_in] == [("mette", "oidc")]
    assert signed_in[0].details["issuer"] == "https://login.ministeriet.dk"


def test_sso_user_whose_email_the_provider_did_not_verify_is_refused(
    own_db: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, _ = own_db
    accounts.add_user(
        Store(db), _actor(db, Role.ADMIN), "mette", [Role.VIEWER], email="Mette@Ministeriet.DK"
    )
    app = _sso_app(
        db,
        monkeypatch,
        {"is_logged_in": True, "email": "mette@ministeriet.dk", "sub": "abc-1", "iat": time.time()},
    )
    assert _offered(app) == set()
    assert "har ikke bekræftet e-mailen mette@ministeriet.dk" in app.error[0].value
    assert [e.details["reason"] for e in _log(db, "sign-in-failed")] == ["email-unverified"]


def test_sso_user_unknown_to_planwatch_is_refused(
    own_db: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, _ = own_db
    app = _sso_app(
        db,
        monkeypatch,
        {"is_logged_in": True, "email": "stranger@example.com", "sub": "x", "iat": time.time()},
    )
    assert _offered(app) == set()
    assert [e.value for e in app.error] == [
        "stranger@example.com har ingen adgang til planwatch. Kontakt en administrator."
    ]
    assert [b.label for b in app.button] == ["Log ud"]
    app.run()
    assert len(_log(db, "sign-in-failed")) == 1, "a refusal is not repeated on every run"


def test_sso_sign_in_page_offers_the_provider(
    own_db: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, _ = own_db
    app = _sso_app(db, monkeypatch, {"is_logged_in": False})
    assert [b.label for b in app.button] == ["Log ind med Entra"]
    assert not _signin_form_shown(app), "no password form with single sign-on"


def test_an_old_identity_cookie_does_not_start_a_session(
    own_db: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, _ = own_db
    accounts.add_user(Store(db), _actor(db, Role.ADMIN), "mette", [Role.VIEWER], email="m@x.dk")
    monkeypatch.setenv("PLANWATCH_SESSION_IDLE_MINUTES", "30")
    app = _sso_app(
        db,
        monkeypatch,
        {"is_logged_in": True, "email": "m@x.dk", "sub": "s", "iat": time.time() - 3600},
    )
    assert _offered(app) == set()
    assert [b.label for b in app.button] == ["Log ind med Entra"]
    assert _log(db, "sign-in") == []


def test_a_password_typed_by_an_admin_who_lost_the_role_is_neither_used_nor_kept(
    own_db: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, _ = own_db
    store = Store(db)
    admin = _actor(db, Role.ADMIN)
    accounts.add_user(store, admin, "second-admin", [Role.ADMIN], password=ANNES_PASSWORD)
    accounts.change_role(store, admin, "demo-admin", Role.AUDITOR, grant=True)
    app = _run(APP, db, monkeypatch, _actor(db, Role.ADMIN))
    app.switch_page("src/planwatch/ui/pages/users.py").run()
    app.selectbox(key="manage_user").set_value("demo-viewer").run()
    app.text_input(key="manage_password").input("nyt-men-for-sent-42")
    second = accounts.actor_for(store, "second-admin")
    accounts.change_role(store, second, "demo-admin", Role.ADMIN, grant=False)
    [submit] = [b for b in app.button if b.label == "Sæt adgangskode"]
    submit.click().run()
    assert not app.exception
    assert "nyt-men-for-sent-42" not in str(app.session_state.to_dict())
    with pytest.raises(SignInError):
        accounts.sign_in(store, "demo-viewer", "nyt-men-for-sent-42")
    assert "Brugere" not in [t.value for t in app.title]

"""Single sign-on in a real browser: the app (PLANWATCH_AUTH=oidc) sends the user to an OpenID
Connect provider (oidc-provider-mock, on 127.0.0.1), and planwatch's database decides what they
may do. A user whose e-mail matches a planwatch viewer gets the viewer's pages; an e-mail that
planwatch does not know is refused."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from pathlib import Path

import oidc_provider_mock
import pytest
from playwright.sync_api import Browser, Page, expect
from werkzeug.serving import make_server

from planwatch.access import accounts, audit
from planwatch.domain.permissions import Actor, Role
from planwatch.storage import Store

from .conftest import free_port, navigation_links, running_app

pytestmark = pytest.mark.e2e

METTE = oidc_provider_mock.User(
    sub="sub-mette",
    claims={
        "email": "Mette@Ministeriet.example",
        "email_verified": True,
        "name": "Mette Ministeriel",
    },
)
STRANGER = oidc_provider_mock.User(
    sub="sub-stranger", claims={"email": "stranger@example.com", "email_verified": True}
)
# Mette's e-mail, which the provider has not verified: anyone could have typed it there.
IMPOSTOR = oidc_provider_mock.User(
    sub="sub-impostor", claims={"email": "mette@ministeriet.example", "email_verified": False}
)


@pytest.fixture
def provider() -> Iterator[str]:
    """A mock OpenID Connect provider on 127.0.0.1; its issuer URL. Stopped after the test."""
    server = make_server(
        "127.0.0.1",
        free_port(),
        oidc_provider_mock.app(user_claims=[METTE, STRANGER, IMPOSTOR]),
        threaded=True,
    )
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


@pytest.fixture
def sso_app(
    app_db: tuple[Path, dict[str, str]], provider: str, tmp_path: Path
) -> Iterator[tuple[str, Path]]:
    """The app with single sign-on through the mock provider, named "mock" in its secrets."""
    db, _ = app_db
    admin = accounts.actor_for(Store(db), "demo-admin")
    accounts.add_user(Store(db), admin, "mette", [Role.VIEWER], email="mette@ministeriet.example")
    port = free_port()
    secrets_file = tmp_path / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_urlsafe(32)}"\n'
        "\n[auth.mock]\n"
        'client_id = "planwatch-e2e"\n'
        f'client_secret = "{secrets.token_urlsafe(16)}"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    with running_app(
        db,
        port=port,
        env={"PLANWATCH_AUTH": "oidc"},
        options={"secrets.files": str(secrets_file)},
    ) as url:
        yield url, db


def _sign_in_with_provider(page: Page, url: str, subject: str) -> None:
    page.goto(url)
    page.get_by_role("button", name="Log ind med Mock").click()
    expect(page.get_by_role("heading", name="Authorize Client")).to_be_visible()
    page.get_by_role("button", name=subject, exact=True).click()


def test_a_known_email_gets_the_viewers_pages(page: Page, sso_app: tuple[str, Path]) -> None:
    url, db = sso_app
    _sign_in_with_provider(page, url, METTE.sub)
    expect(page.get_by_role("heading", name="Overblik", exact=True)).to_be_visible()
    assert navigation_links(page) == [
        "Overblik",
        "Budget",
        "Indikatorer",
        "Om data",
        "Talepapir",
        "Tjek tal i en tekst",
    ]
    sidebar = page.locator("[data-testid=stSidebar]")
    expect(sidebar.get_by_text("Roller: læser")).to_be_visible()
    expect(sidebar.get_by_text("Logget ind som mette")).to_be_visible()
    reader = Actor("demo-auditor", frozenset({Role.AUDITOR}))
    signed_in = audit.entries(Store(db), reader, action="sign-in")
    assert [(e.actor, e.details["method"], e.details["subject"]) for e in signed_in] == [
        ("mette", "oidc", "sub-mette")
    ]
    assert signed_in[0].details["bound"] is True  # the account is bound to this subject now
    assert signed_in[0].details["issuer"].startswith("http://127.0.0.1:")
    # Signing out ends planwatch's session and Streamlit's identity cookie, at the provider too.
    sidebar.get_by_role("button", name="Log ud").click()
    page.get_by_role("button", name="End session").click()
    expect(page.get_by_role("button", name="Log ind med Mock")).to_be_visible()
    expect(page.locator("[data-testid=stSidebarNav]")).to_have_count(0)
    assert [e.actor for e in audit.entries(Store(db), reader, action="sign-out")] == ["mette"]


def test_an_unknown_email_is_refused(browser: Browser, sso_app: tuple[str, Path]) -> None:
    url, db = sso_app
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="da-DK")
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        _sign_in_with_provider(page, url, STRANGER.sub)
        expect(
            page.get_by_text(
                "stranger@example.com har ingen adgang til planwatch. Kontakt en administrator."
            )
        ).to_be_visible()
        expect(page.locator("[data-testid=stSidebarNav]")).to_have_count(0)
        expect(page.get_by_role("button", name="Log ud")).to_be_visible()
    finally:
        context.close()
    reader = Actor("demo-auditor", frozenset({Role.AUDITOR}))
    refused = audit.entries(Store(db), reader, action="sign-in-failed")
    assert [(e.details["reason"], e.details["email"]) for e in refused] == [
        ("unknown-identity", "stranger@example.com")
    ]


def test_an_unverified_email_is_refused_and_binds_nothing(
    browser: Browser, sso_app: tuple[str, Path]
) -> None:
    url, db = sso_app
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="da-DK")
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        _sign_in_with_provider(page, url, IMPOSTOR.sub)
        expect(
            page.get_by_text(
                "Identitetsudbyderen har ikke bekræftet e-mailen mette@ministeriet.example",
                exact=False,
            )
        ).to_be_visible()
        expect(page.locator("[data-testid=stSidebarNav]")).to_have_count(0)
    finally:
        context.close()
    reader = Actor("demo-auditor", frozenset({Role.AUDITOR}))
    refused = audit.entries(Store(db), reader, action="sign-in-failed")
    assert [(e.details["reason"], e.details["subject"]) for e in refused] == [
        ("email-unverified", "sub-impostor")
    ]
    assert not audit.entries(Store(db), reader, action="sign-in")

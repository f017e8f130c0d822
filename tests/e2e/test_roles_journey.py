"""Each kind of user signs in, in a real browser, and finds exactly their pages; a wrong
password is refused; signing out returns to the sign-in form."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from planwatch.access import accounts, audit
from planwatch.domain.permissions import Actor, Role
from planwatch.storage import Store

from .conftest import RunningApp, navigation_links, sign_in

pytestmark = pytest.mark.e2e

DASHBOARD = [
    "Overblik",
    "Budget",
    "Indikatorer",
    "Om data",
    "Talepapir",
    "Tjek tal i en tekst",
]
EXPECTED = {
    Role.VIEWER: DASHBOARD,
    Role.UPLOADER: [*DASHBOARD, "Indberet tal", "Mine indberetninger"],
    Role.APPROVER: [*DASHBOARD, "Godkendelse"],
    Role.AUDITOR: [*DASHBOARD, "Revisionslog", "Eksport"],
    # An admin follows the plan workbooks they send on Mine indberetninger (issue 19), and
    # lands on Revisionslog.
    Role.ADMIN: ["Mine indberetninger", "Revisionslog", "Eksport", "Brugere", "Planer"],
}
HOME = {
    role: "Revisionslog" if role is Role.ADMIN else titles[0] for role, titles in EXPECTED.items()
}


def test_each_role_sees_exactly_its_pages(page: Page, app_server: RunningApp) -> None:
    for role, titles in EXPECTED.items():
        name = f"demo-{role.value}"
        sign_in(page, app_server, name)
        expect(page.get_by_role("heading", name=HOME[role], exact=True)).to_be_visible()
        assert navigation_links(page) == titles, role
        sidebar = page.locator("[data-testid=stSidebar]")
        expect(sidebar.get_by_text(f"Demo {role.value} ({name})")).to_be_visible()
        assert page.locator("[data-testid=stException]").count() == 0
        sidebar.get_by_role("button", name="Log ud").click()
        expect(page.get_by_text("Du er logget ud.")).to_be_visible()


def test_a_wrong_password_is_refused(page: Page, app_server: RunningApp) -> None:
    page.goto(app_server.url)
    page.get_by_role("textbox", name="Brugernavn").fill("demo-viewer")
    page.get_by_role("textbox", name="Adgangskode").fill("not-the-password")
    page.get_by_role("button", name="Log ind", exact=True).click()
    expect(page.get_by_text("Forkert brugernavn eller adgangskode.")).to_be_visible()
    expect(page.locator("[data-testid=stSidebarNav]")).to_have_count(0)
    expect(page.get_by_role("textbox", name="Adgangskode")).to_have_value("")
    assert page.get_by_text("118,2 mio. kr.").count() == 0, "nothing of the dashboard shows"


def test_signing_out_ends_the_session(page: Page, app_server: RunningApp) -> None:
    sign_in(page, app_server, "demo-uploader")
    page.locator("[data-testid=stSidebarNav]").get_by_role("link", name="Indberet tal").click()
    expect(page.get_by_role("heading", name="Indberet tal", exact=True)).to_be_visible()
    page.locator("[data-testid=stSidebar]").get_by_role("button", name="Log ud").click()
    expect(page.get_by_text("Du er logget ud.")).to_be_visible()
    expect(page.get_by_role("textbox", name="Adgangskode")).to_be_visible()
    expect(page.locator("[data-testid=stSidebarNav]")).to_have_count(0)
    page.goto(f"{app_server.url}/indberet")  # a new session, straight to a page's address
    expect(page.get_by_role("textbox", name="Adgangskode")).to_be_visible()
    expect(page.get_by_role("heading", name="Indberet tal", exact=True)).to_have_count(0)
    expect(page.get_by_text("Page not found")).to_have_count(0)
    # Signing in there opens the page the address asked for.
    page.get_by_role("textbox", name="Brugernavn").fill("demo-uploader")
    page.get_by_role("textbox", name="Adgangskode").fill(app_server.passwords["demo-uploader"])
    page.get_by_role("button", name="Log ind", exact=True).click()
    expect(page.get_by_role("heading", name="Indberet tal", exact=True)).to_be_visible()
    reader = Actor("demo-auditor", frozenset({Role.AUDITOR}))
    ended = audit.entries(Store(app_server.db), reader, action="sign-out")
    assert [e.actor for e in ended] == ["demo-uploader"]
    assert ended[0].origin.startswith("web")


def test_an_english_reader_signs_in_in_english(page: Page, app_server: RunningApp) -> None:
    sign_in(page, app_server, "demo-approver", language="en")
    expect(page.get_by_role("heading", name="Overview", exact=True)).to_be_visible()
    assert navigation_links(page) == [
        "Overview",
        "Budget",
        "Indicators",
        "About the data",
        "Speaking notes",
        "Check a text's figures",
        "Approvals",
    ]


def test_a_revoked_role_disappears_at_the_next_click(page: Page, app_server: RunningApp) -> None:
    store = Store(app_server.db)
    admin = accounts.actor_for(store, "demo-admin")
    accounts.change_role(store, admin, "demo-uploader", Role.VIEWER, grant=True)
    sign_in(page, app_server, "demo-uploader")
    assert "Indberet tal" in navigation_links(page)
    accounts.change_role(store, admin, "demo-uploader", Role.UPLOADER, grant=False)
    page.locator("[data-testid=stSidebarNav]").get_by_role("link", name="Budget").click()
    expect(page.get_by_role("heading", name="Budget", exact=True)).to_be_visible()
    expect(page.locator("[data-testid=stSidebarNav]").get_by_role("link")).to_have_count(6)
    assert navigation_links(page) == DASHBOARD

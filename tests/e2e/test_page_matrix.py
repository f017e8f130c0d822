"""Every page, as every role that may open it, at a desk (1440×900) and on a phone (390×844), in
Danish and in English (issue 18):
nothing wider than the window, no text cut off, no English from Streamlit on a Danish page and
no Danish on an English one, and no serious or critical accessibility violation (axe-core, WCAG
2.1 A and AA). A screenshot of each is kept under test-artifacts/pages/ for review."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from planwatch.domain.permissions import Actor, Role
from planwatch.figures import reporting
from planwatch.storage import Store
from planwatch.ui.app import PAGE_SCRIPTS, page_title

from . import tour
from .conftest import RunningApp

pytestmark = pytest.mark.e2e

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "pages"
SIZES = {"desk": (1440, 900), "phone": (390, 844)}


def _without_source_titles(text: str, store: Store) -> str:
    """A page's text without the titles of its sources: a Danish report keeps its Danish title
    on an English page, as a citation does."""
    for source in reporting.sources(store):
        # a chart writes a long title over several lines, which its text joins without spaces
        words = r"\s*".join(re.escape(word) for word in source.title.split())
        text = re.sub(words, "", text)
    return text


def _problems(page: Page, language: str, store: Store) -> list[str]:
    found = []
    if overflow := tour.horizontal_overflow(page):
        found.append(f"{overflow} px wider than the window")
    found += [f"cut: {text!r}" for text in tour.cut_texts(page)]
    text = tour.visible_text(page)
    if language == "da":
        found += [f"Streamlit's English: {w!r}" for w in tour.streamlit_english(text)]
    else:
        found += [f"Danish: {w!r}" for w in tour.danish_words(_without_source_titles(text, store))]
    found += [
        f"axe {v.rule} ({v.impact}) at {', '.join(v.targets)}"
        for v in tour.serious(tour.axe_violations(page))
    ]
    return found


def _open(page: Page, app: RunningApp, name: str, language: str, title: str) -> None:
    """Open a page; if the session was lost on the way (a busy test machine can drop Streamlit's
    websocket, and a new session starts at sign-in), sign in again once and open it again. What
    this test checks is the page, not the connection."""
    try:
        tour.open_page(page, title)
    except AssertionError:
        if not page.get_by_role("button", name=tour.SIGN_IN[language][2], exact=True).count():
            raise
        tour.sign_in(page, app.url, name, app.passwords[name], language)
        tour.open_page(page, title)


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("role", [role.value for role in Role])
def test_every_page_of_every_role_fits_reads_in_its_language_and_is_accessible(
    browser: Browser, shared_app: RunningApp, role: str, size: str, language: str
) -> None:
    """Every role opens every page its navigation offers (a page differs by role: what a viewer
    may see, the uploader's own submissions), at a desk and on a phone, in both languages."""
    width, height = SIZES[size]
    store = Store(shared_app.db)
    expected = [page_title(p, language) for p in Actor("x", frozenset({Role(role)})).pages()]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(30_000)
    name = f"demo-{role}"
    tour.sign_in(page, shared_app.url, name, shared_app.passwords[name], language)
    offered = page.locator("[data-testid=stSidebarNav] a").all_inner_texts()
    assert sorted(offered) == sorted(expected), "the navigation offers the role's pages"
    problems: dict[str, list[str]] = {}
    for title in expected:
        _open(page, shared_app, name, language, title)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        slug = re.sub(r"\W+", "-", title.lower()).strip("-")
        page.screenshot(
            path=str(ARTIFACTS / f"{language}-{size}-{role}-{slug}.png"), full_page=True
        )
        if found := _problems(page, language, store):
            problems[title] = found
    context.close()
    assert not problems, problems


def test_the_roles_together_open_every_page_the_app_has() -> None:
    """The matrix above covers the app: no page is missing from every role's navigation."""
    covered = {p for role in Role for p in Actor("x", frozenset({role})).pages()}
    assert covered == set(PAGE_SCRIPTS)


def test_on_a_phone_the_menu_is_labelled_and_closes_once_a_page_is_chosen(
    browser: Browser, shared_app: RunningApp
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    tour.sign_in(page, shared_app.url, "demo-viewer", shared_app.passwords["demo-viewer"])
    menu = page.locator("[data-testid=stExpandSidebarButton]")
    expect(menu).to_be_visible()
    assert "Menu" in menu.evaluate("e => getComputedStyle(e, '::after').content")
    expect(menu).to_have_attribute("aria-label", "Vis menu")
    sidebar = page.locator("[data-testid=stSidebar]")
    expect(sidebar).to_have_attribute("data-collapsed", "true")
    menu.click()
    expect(sidebar).to_have_attribute("data-collapsed", "false")
    sidebar.get_by_role("link", name="Budget", exact=True).click()
    expect(sidebar).to_have_attribute("data-collapsed", "true")
    expect(page.get_by_role("heading", name="Budget", exact=True)).to_be_in_viewport()
    context.close()


def test_the_page_is_set_in_ibm_plex_served_by_the_app_itself(
    browser: Browser, shared_app: RunningApp
) -> None:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(re.sub(r"^\w+://([^/:]+).*$", r"\1", request.url)))
    tour.sign_in(page, shared_app.url, "demo-viewer", shared_app.passwords["demo-viewer"])
    heading = page.get_by_role("heading", name="Overblik", exact=True)
    assert "IBM Plex Sans" in heading.evaluate("e => getComputedStyle(e).fontFamily")
    assert page.evaluate("() => document.fonts.check('16px \"IBM Plex Sans\"')")
    loaded = page.evaluate(
        "() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
    )
    assert any("IBM Plex Sans" in family for family in loaded), loaded
    header = page.locator(".pw-header")
    expect(header).to_contain_text("Handlingsplan til bekæmpelse af menneskehandel 2022–2025")
    assert hosts <= {"127.0.0.1"}, hosts  # nothing fetched from outside
    context.close()

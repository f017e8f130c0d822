"""A ministry official signs in and goes through the dashboard in a real browser, in Danish and
English, today and as of an earlier date. A screenshot of each page is kept under
test-artifacts/. (The uploader is used, who also has the upload pages.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .conftest import RunningApp, sign_in

pytestmark = pytest.mark.e2e

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# (path, navigation link = page heading, texts a user would check)
PAGES = {
    "da": [
        (
            "",
            "Overblik",
            [
                "118,2 mio. kr.",
                "112",
                "+39 (+53,4 %) i forhold til 73 i 2022",
                "højeste siden 2016",
            ],
        ),
        ("budget", "Budget", ["ILLUSTRATIVT", "bagud i forhold til tiden"]),
        ("indikatorer", "Indikatorer", ["Vurderede ofre for menneskehandel"]),
        ("om-data", "Om data", ["Hvor kilderne er uenige", "foretrukket"]),
        ("talepapir", "Talepapir", ["53,4 pct.", "det højeste antal siden 2016"]),
        ("tjek-tal", "Tjek tal i en tekst", ["Tjek tallene"]),
        ("indberet", "Indberet tal", ["Skabeloner"]),
    ],
    "en": [
        (
            "",
            "Overview",
            ["DKK 118.2m", "+39 (+53.4%) compared with 73 in 2022", "highest since 2016"],
        ),
        ("budget", "Budget", ["ILLUSTRATIVE", "behind time"]),
        ("indikatorer", "Indicators", ["Persons assessed as victims of trafficking"]),
        ("om-data", "About the data", ["Where sources disagree", "preferred"]),
        ("talepapir", "Speaking notes", ["53.4 per cent", "the highest number since 2016"]),
        ("tjek-tal", "Check a text's figures", ["Check the figures"]),
        ("indberet", "Upload figures", []),
    ],
}


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.wait_for_timeout(800)  # let charts finish drawing
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _visit_all(page: Page, language: str) -> None:
    """Go through the pages with the navigation links, as a user does (a reload would start a
    new session)."""
    navigation = page.locator("[data-testid=stSidebarNav]")
    for path, heading, needles in PAGES[language]:
        navigation.get_by_role("link", name=heading, exact=True).click()
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
        for needle in needles:
            expect(page.get_by_text(needle, exact=False).first).to_be_attached()
        assert page.locator("[data-testid=stException]").count() == 0
        _shot(page, f"{language}-{path or 'overblik'}")


def test_every_page_in_danish_then_english(page: Page, app_server: RunningApp) -> None:
    sign_in(page, app_server, "demo-uploader")
    expect(
        page.get_by_test_id("stMetricValue").filter(has_text="118,2 mio. kr.").first
    ).to_be_visible()
    _visit_all(page, "da")
    page.locator("[data-testid=stSidebar]").get_by_text("English", exact=True).click()
    expect(page.get_by_role("heading", name="Upload figures", exact=True)).to_be_visible()
    _visit_all(page, "en")


def test_as_of_an_earlier_date_shows_the_dashboard_as_it_stood(
    page: Page, app_server: RunningApp
) -> None:
    sign_in(page, app_server, "demo-viewer")
    expect(
        page.get_by_test_id("stMetricValue").filter(has_text="118,2 mio. kr.").first
    ).to_be_visible()
    expect(page.get_by_test_id("stMetricValue").filter(has_text="112").first).to_be_visible()
    # The date field has a segment each for day, month and year; it commits when it loses focus.
    page.locator("[data-testid=stDateInputField] [role=spinbutton]").first.click()
    page.keyboard.type("01012024")
    page.get_by_role("heading", name="Overblik", exact=True).click()
    # The demo database was built today: as of 2024 nothing had been stored in it yet.
    expect(page.get_by_text("Tal som registreret ved udgangen af 1. januar 2024")).to_be_visible()
    expect(page.get_by_text("Intet offentliggjort tal").first).to_be_visible()
    _shot(page, "da-overblik-as-of-2024-01-01")

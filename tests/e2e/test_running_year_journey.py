"""Issue 14 in a real browser: a ministry official opens the Overview and the Indicators before
and after CMM's quarterly uploads for 2024 and the first half of 2025 (tests/scenarios.py), on a
desktop (1440×900) and a phone (390×844).

After the uploads the overview leads with 2024, the latest complete year, never with the half
year 2025 ("2025: 54, laveste siden …"); the year to date is compared with the same quarters of
2024; indicators whose latest figure is older say so. The Indicators page shows complete years
until the reader asks for the year in progress, which is then drawn hollow and named by its
quarters. Screenshots of every step are kept under test-artifacts/ (running-year-*.png).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from planwatch.access import accounts
from planwatch.storage import Store
from tests import scenarios

from . import tour
from .conftest import RunningApp, running_app

pytestmark = pytest.mark.e2e

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
VIEWPORTS = {"desktop": (1440, 900), "phone": (390, 844)}


@pytest.fixture
def running_year_app(users_db_template: Path, tmp_path: Path) -> Iterator[RunningApp]:
    """The app on a copy of the demo database with its users (the scenario's uploader and
    approver among them), before any quarterly upload."""
    db = tmp_path / "e2e-running-year.duckdb"
    shutil.copy(users_db_template, db)
    passwords = accounts.demo_users(Store(db), origin="e2e test")
    with running_app(db) as url:
        yield RunningApp(url, db, passwords)


def _shot(page: Page, name: str) -> None:
    """The whole page: Streamlit scrolls its main area, not the document, so the window is
    made as tall as the page for the picture (once the page has stopped growing), then set
    back."""
    ARTIFACTS.mkdir(exist_ok=True)
    size = page.viewport_size
    assert size is not None
    tour.settle(page)
    height, previous = 0, -1
    for _ in range(20):  # charts and sparklines draw after the run
        page.wait_for_timeout(500)
        previous, height = height, int(page.evaluate(_MAIN_HEIGHT))
        if height == previous:
            break
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / f"running-year-{name}.png"), full_page=True)
    page.set_viewport_size(size)


_MAIN_HEIGHT = "() => document.querySelector('[data-testid=stMain]').scrollHeight"


def _sign_in(page: Page, app: RunningApp) -> None:
    page.goto(app.url)
    page.get_by_role("textbox", name="Brugernavn", exact=True).fill("demo-viewer")
    page.get_by_role("textbox", name="Adgangskode", exact=True).fill(app.passwords["demo-viewer"])
    page.get_by_role("button", name="Log ind", exact=True).click()
    expect(page.get_by_role("heading", name="Overblik", exact=True)).to_be_visible()


def _go(page: Page, heading: str) -> None:
    """Open a page with the sidebar's navigation, as a user does (on a phone the sidebar is
    folded away: it is opened with "Menu", and the app folds it away again after the choice)."""
    sidebar = page.locator("[data-testid=stSidebar]")
    if sidebar.get_attribute("data-collapsed") == "true":
        page.locator("[data-testid=stExpandSidebarButton]").click()
        expect(sidebar).to_have_attribute("data-collapsed", "false")
    sidebar.get_by_role("link", name=heading, exact=True).click()
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    if page.viewport_size and page.viewport_size["width"] < 600:
        expect(sidebar).to_have_attribute("data-collapsed", "true")
    expect(page.locator("[data-testid=stException]")).to_have_count(0)


def _main_text(page: Page) -> str:
    return page.locator("[data-testid=stMain]").inner_text()


def _tile(page: Page, code: str, *showing: str) -> str:
    """The text of an indicator's tile, once it shows each of `showing` (Streamlit draws the
    tile's frame before its text, and its figure before the line under it, so reading it at
    once can give an empty string, or the figure without its comparison)."""
    tile = page.locator(f"[class*='st-key-tile-'][class*='-{code}']")
    for text in showing:
        expect(tile).to_contain_text(text)
    return tile.inner_text()


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_the_overview_and_the_indicators_before_and_after_the_quarterly_uploads(
    browser: Browser, running_year_app: RunningApp, device: str
) -> None:
    width, height = VIEWPORTS[device]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        _journey(page, running_year_app, device)
    finally:
        context.close()


def _journey(page: Page, app: RunningApp, device: str) -> None:
    _sign_in(page, app)
    # Before: the published yearly figures; 2023 is the latest complete year.
    expect(page.get_by_text("Kerneindikatorer for 2023 (seneste hele år)")).to_be_visible()
    victims = _tile(page, "victims_assessed", "112", "højeste siden 2016")
    assert "112" in victims and "højeste siden 2016" in victims
    assert "Hidtil i år" not in victims
    hotline = page.locator("[class*='st-key-tile-stale-hotline_calls']")
    expect(hotline.get_by_text("Seneste tal: 2019")).to_be_visible()
    expect(page.get_by_text("Intet offentliggjort tal")).to_be_visible()
    _shot(page, f"{device}-overblik-before")
    _go(page, "Indikatorer")
    expect(page.get_by_text("Vis året, der er i gang")).to_have_count(0)
    _shot(page, f"{device}-indikatorer-before")

    scenarios.build(app.db)  # CMM's quarters 2024-Q1 … 2025-Q2, each approved

    _go(page, "Overblik")
    expect(page.get_by_text("Kerneindikatorer for 2024 (seneste hele år)")).to_be_visible()
    expect(page.get_by_text("-12 (-10,7 %) i forhold til 112 i 2023")).to_be_visible()
    victims = _tile(page, "victims_assessed", "100")
    assert "100" in victims and "**" not in victims
    assert "2024" in victims
    expect(
        page.get_by_text("Hidtil i år: 1.–2. kvt. 2025: 54 mod 50 i 1.–2. kvt. 2024, +8,0 %")
    ).to_be_visible()
    assert "laveste siden" not in _main_text(page), "a half year is never 'the lowest since'"
    tiles = "\n".join(page.locator("[class*='st-key-tile-']").all_inner_texts())
    # 2025 appears only named by its quarters ("1.–2. kvt. 2025: 54"), never as a whole year.
    assert not re.search(r"(?<!kvt\. )\b2025\b", tiles), tiles
    stale = page.locator("[class*='st-key-tile-stale-']")
    expect(stale).to_have_count(2)  # assessments (2023) and hotline calls (2019)
    expect(stale.get_by_text("Seneste tal: 2019")).to_be_visible()
    expect(stale.get_by_text("Seneste tal: 2023")).to_be_visible()
    _shot(page, f"{device}-overblik-after")

    _go(page, "Indikatorer")
    toggle = page.get_by_text("Vis året, der er i gang (1.–2. kvt. 2025)")
    expect(toggle).to_be_visible()
    expect(page.get_by_text("Hul figur uden linje")).to_have_count(0)
    _shot(page, f"{device}-indikatorer-after")
    toggle.click()
    expect(
        page.get_by_text(
            "Hul figur uden linje: et år, der ikke er slut; tallet dækker kun 1.–2. kvt. 2025."
        ).first
    ).to_be_visible()
    # The breakdown by sex shows the year in progress the same way.
    tour.settle(page)
    breakdown = page.locator("[data-testid=stExpander]").filter(has_text="Fordelt på …").first
    for _ in range(3):  # a click while the page is drawn again can be lost
        breakdown.locator("summary").first.click()  # its own (the chart's table has one too)
        tour.settle(page)
        if breakdown.get_by_role("radiogroup").is_visible():
            break
    expect(breakdown.get_by_role("radiogroup")).to_be_visible()
    expect(breakdown.get_by_text("Hul figur uden linje").first).to_be_visible()
    _shot(page, f"{device}-indikatorer-after-running-year")

    if device == "desktop":
        page.locator("[data-testid=stSidebar]").get_by_text("English", exact=True).click()
        _go(page, "Overview")
        expect(page.get_by_text("Core indicators for 2024 (latest complete year)")).to_be_visible()
        expect(
            page.get_by_text("Year to date: Q1–Q2 2025: 54 against 50 in Q1–Q2 2024, +8.0%")
        ).to_be_visible()
        expect(page.get_by_text("Latest figure: 2019")).to_be_visible()
        assert "lowest since" not in _main_text(page)
        _shot(page, f"{device}-overview-after-en")

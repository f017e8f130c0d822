"""Issue 18 in a real browser: wide tables are cards on a phone. At 390×844 the Budget page's and
the audit log's tables are lists of cards that fit the width, wrap and cut no text, and the data
grid (which scrolls sideways inside its box there, and whose canvas text no check can read) is
not shown; at 1440×900 the grid is shown and the cards are not. Screenshots under
test-artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from . import tour
from .conftest import RunningApp, sign_in

pytestmark = pytest.mark.e2e

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1440, "height": 900}

_SHOWN = """selector => Array.from(document.querySelectorAll(selector)).filter(e => {
  const box = e.getBoundingClientRect();
  return getComputedStyle(e).display !== 'none' && box.width > 0 && box.height > 0;
}).length"""

_CARD_BOXES = """() => Array.from(document.querySelectorAll('.pw-card')).filter(
  e => e.getBoundingClientRect().width > 0
).map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; })"""

_CUT_IN_CARDS = """() => Array.from(document.querySelectorAll('.pw-cards, .pw-cards *')).filter(
  e => e.getBoundingClientRect().width > 0 && e.scrollWidth > e.clientWidth + 1
).map(e => e.textContent.slice(0, 80))"""


def _open(page: Page, app: RunningApp, user: str, title: str, language: str) -> None:
    sign_in(page, app, user, language=language)
    page.locator("[data-testid=stSidebarNav]").get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
    expect(page.locator("[data-testid=stDataFrame]").first).to_be_visible()
    tour.settle(page)


def _card_problems(page: Page) -> list[str]:
    found = [f"cut: {text!r}" for text in page.evaluate(_CUT_IN_CARDS)]
    width = page.evaluate("() => window.innerWidth")
    found += [
        f"card outside the window: {left}–{right} of {width}"
        for left, right in page.evaluate(_CARD_BOXES)
        if left < -1 or right > width + 1
    ]
    found += [
        f"axe {v.rule} ({v.impact}) at {', '.join(v.targets)}"
        for v in tour.serious(tour.axe_violations(page))
        if any("pw-card" in target for target in v.targets)
    ]
    return found


@pytest.mark.parametrize(
    ("user", "title", "language"),
    [
        ("demo-viewer", "Budget", "da"),
        ("demo-viewer", "Budget", "en"),
        ("demo-auditor", "Revisionslog", "da"),
        ("demo-auditor", "Audit log", "en"),
    ],
)
def test_wide_tables_are_cards_on_a_phone_and_grids_on_a_desk(
    page: Page, shared_app: RunningApp, user: str, title: str, language: str
) -> None:
    page.set_viewport_size(DESK)
    _open(page, shared_app, user, title, language)
    assert page.evaluate(_SHOWN, "[data-testid=stDataFrame]") >= 1, "the grid on a desk"
    assert page.evaluate(_SHOWN, ".pw-cards") == 0, "no cards on a desk"
    assert tour.horizontal_overflow(page) == 0
    ARTIFACTS.mkdir(exist_ok=True)
    stem = f"cards-{title.replace(' ', '-').lower()}-{language}"
    page.screenshot(path=str(ARTIFACTS / f"{stem}-1440.png"), full_page=True)

    page.set_viewport_size(PHONE)
    page.wait_for_timeout(1000)
    expect(page.locator(".pw-card").first).to_be_visible()
    assert page.evaluate(_SHOWN, ".pw-cards") >= 1, "cards on a phone"
    assert page.evaluate(_SHOWN, "[data-testid=stDataFrame]") == 0, "no grid on a phone"
    assert tour.horizontal_overflow(page) == 0
    assert not _card_problems(page), _card_problems(page)
    page.screenshot(path=str(ARTIFACTS / f"{stem}-390.png"), full_page=True)
    page.locator(".pw-card").first.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"{stem}-390-cards.png"))

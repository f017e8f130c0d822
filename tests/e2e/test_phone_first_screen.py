"""Issue 18 in a real browser: on a phone (390×844) the Overview's first screen holds the plan's
money and the key indicators, each in a few words; at a desk (1440×900) that summary is not
shown (the money and the tiles say it there). Screenshots under test-artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from planwatch.domain.permissions import View
from planwatch.figures import dashboard
from planwatch.storage import Store

from .conftest import RunningApp, sign_in

pytestmark = pytest.mark.e2e

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

_BOXES = """() => Array.from(document.querySelectorAll('.pw-key')).map(e => {
  const box = e.getBoundingClientRect();
  return {text: e.innerText, top: box.top + window.scrollY, bottom: box.bottom + window.scrollY,
          right: box.right};
})"""


def test_on_a_phone_the_first_screen_holds_the_money_and_the_key_indicators(
    browser: Browser, shared_app: RunningApp
) -> None:
    tiles = dashboard.indicator_tiles(Store(shared_app.db), as_of=None, view=View())
    assert len(tiles) >= 4
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="da-DK")
    page = context.new_page()
    try:
        sign_in(page, shared_app, "demo-viewer")
        summary = page.locator(".pw-key-figures")
        expect(summary).to_be_visible()
        page.evaluate("window.scrollTo(0, 0)")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "phone-first-screen.png"))
        boxes = page.evaluate(_BOXES)
        assert len(boxes) == 2 + len(tiles)
        assert all(box["bottom"] <= 844 and box["right"] <= 390 for box in boxes), boxes
        texts = [box["text"] for box in boxes]
        assert "118,2 mio. kr." in texts[0]
        for tile, text in zip(tiles, texts[2:], strict=True):
            assert tile.indicator.name("da") in text
    finally:
        context.close()


def test_at_a_desk_the_phones_summary_is_not_shown(
    browser: Browser, shared_app: RunningApp
) -> None:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="da-DK")
    page = context.new_page()
    try:
        sign_in(page, shared_app, "demo-viewer")
        expect(page.locator(".pw-key-figures")).to_be_attached()
        expect(page.locator(".pw-key-figures")).to_be_hidden()
    finally:
        context.close()

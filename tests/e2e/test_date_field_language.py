"""Issue 18 in a real browser: the date field ("Tal pr. dato") and its calendar on a Danish page
read Danish to a screen reader too, not only on screen. Streamlit labels its parts in English
(*Help for Tal pr. dato*, *day, Tal pr. dato*, *Choose date, december 2026*, *month*, *year*),
which the page matrix (visible text only) could not see; the calendar's month and weekday names
follow the browser's language, so a Danish browser shows a Danish calendar starting on Monday.
Checked in a Danish and an English browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from .conftest import RunningApp, sign_in

pytestmark = pytest.mark.e2e

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

STREAMLIT_ENGLISH = re.compile(r"\b(?:Help for|Choose date|day|month|year|Select a date)\b")
"""Streamlit's (and react-aria's English) words for the date field's parts."""

_READ = """() => {
  const roots = [...document.querySelectorAll(
      '[data-testid=stDateInput], [data-testid=stDateInputCalendar]')];
  const read = [];
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeValue.trim()) read.push(n.nodeValue.trim());
    }
    for (const e of [root, ...root.querySelectorAll('[aria-label]')]) {
      if (e.getAttribute('aria-label')) read.push(e.getAttribute('aria-label'));
    }
  }
  return read;
}"""


@pytest.mark.parametrize("locale", ["da-DK", "en-US"])
def test_the_date_field_and_its_calendar_read_danish_on_a_danish_page(
    browser: Browser, shared_app: RunningApp, locale: str
) -> None:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale=locale)
    page = context.new_page()
    try:
        sign_in(page, shared_app, "demo-viewer")
        page.get_by_test_id("stDateInputCalendarButton").first.click()
        calendar = page.get_by_test_id("stDateInputCalendar")
        expect(calendar).to_be_visible()
        page.wait_for_timeout(300)  # the translation runs as the calendar is drawn
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"da-kalender-{locale}.png"))
        read: list[str] = page.evaluate(_READ)
        assert "Hjælp til Tal pr. dato" in read
        assert any(text.startswith("Vælg dato, ") for text in read), read
        english = [text for text in read if STREAMLIT_ENGLISH.search(text)]
        assert english == []
        if locale == "da-DK":  # the browser's language: month and weekday names in Danish
            # the month picker lists every month whatever month is shown (no date bomb)
            assert {"januar", "maj", "oktober", "december"} <= set(read), read
            assert any("mandag" in text for text in read)
    finally:
        context.close()

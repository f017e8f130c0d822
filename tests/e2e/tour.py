"""Going through the app as a user does, and what a page must never show (issue 18).

Shared by the page matrix test and by anyone looking at the app by hand: sign in at any width,
open a page by its navigation link (a reload would start a new session), and read off a page
what a reviewer would see: horizontal overflow, text that is cut, Streamlit's own English texts
on a Danish page, and accessibility violations found by axe-core (injected into the page from
the ``axe-playwright-python`` wheel, never fetched).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Page, expect

SIGN_IN = {
    "da": ("Brugernavn", "Adgangskode", "Log ind"),
    "en": ("User name", "Password", "Sign in"),
}

# Streamlit's own texts (its widgets, data grid and frame), as they would show on a page.
# A Danish page must show none of them; the translation is planwatch's (ui/streamlit_texts.py).
STREAMLIT_ENGLISH = (
    "Drag and drop",
    "Browse files",
    "Upload",
    "per file",
    "Choose options",
    "Choose an option",
    "Select all",
    "No results",
    "Press Enter",
    "Running...",
    "Show/hide columns",
    "Download as CSV",
    "Fullscreen",
    "Search",
    "Close",
    "Clear all",
    "Skip to main content",
    "Download as PNG",
    "Show data",
)

# Danish words that never belong on an English page.
DANISH_WORDS = ("Overblik", "Indberet", "Godkendelse", "Revisionslog", "Brugere", "ikke ", " og ")


def sign_in(page: Page, url: str, name: str, password: str, language: str = "da") -> None:
    """Open the app and sign in with the form, at whatever width the page has."""
    page.goto(url)
    user_label, password_label, button = SIGN_IN[language]
    if language == "en":
        page.get_by_text("English", exact=True).click()
    page.get_by_role("textbox", name=user_label, exact=True).fill(name)
    page.get_by_role("textbox", name=password_label, exact=True).fill(password)
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.get_by_role("textbox", name=password_label, exact=True)).to_have_count(0)
    expect(page.locator("[data-testid=stSidebarNav]")).to_be_attached()
    settle(page)


def settle(page: Page) -> None:
    """Wait until the app has finished its run and charts have drawn.

    Streamlit shows its "Running..." widget only after a run has lasted 500 ms, so its absence
    says nothing on a loaded machine, where a page can take seconds to draw: the keyboard
    journey tabbed through a page half drawn and never met the file uploader (CI, round 25).
    The app's root carries the run's state (``data-test-script-state``, the attribute
    Streamlit's own browser tests wait on); it must read "notRunning" twice, 600 ms apart, so
    that a rerun requested by the last action has had time to start."""
    idle = "[data-testid=stApp][data-test-script-state=notRunning]"
    page.wait_for_timeout(400)
    for _ in range(20):
        page.wait_for_selector(idle, state="attached", timeout=60_000)
        page.wait_for_timeout(600)
        if page.locator(idle).count():
            return
    raise AssertionError("the app never finished its run (it kept rerunning for over 12 s)")


def open_page(page: Page, title: str) -> None:
    """Click the page's link in the navigation (opening the menu first on a phone)."""
    sidebar = page.locator("[data-testid=stSidebar]")
    if sidebar.get_attribute("data-collapsed") == "true":
        page.locator("[data-testid=stExpandSidebarButton]").click()
        expect(sidebar).to_have_attribute("data-collapsed", "false")
    sidebar.get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_role("heading", name=title, exact=True).first).to_be_visible()
    settle(page)


def horizontal_overflow(page: Page) -> int:
    """How many pixels the page is wider than the window (0 when it fits)."""
    width = page.evaluate("() => document.scrollingElement.scrollWidth - window.innerWidth")
    return max(0, int(width))


_CUT_TEXTS = """() => {
  const cut = [];
  for (const element of document.querySelectorAll('body *')) {
    const ownText = [...element.childNodes].some(
      n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (!ownText) continue;
    const style = getComputedStyle(element);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const box = element.getBoundingClientRect();
    if (box.width < 2 || box.height < 2) continue;  // visually hidden (skip links, sr-only)
    if (element.closest('[aria-hidden=true]')) continue;
    if (element.scrollWidth > element.clientWidth + 1
        && (style.overflowX !== 'visible' || style.textOverflow === 'ellipsis')) {
      cut.push(element.textContent.trim().slice(0, 80));
    }
  }
  return cut;
}"""


def cut_texts(page: Page) -> list[str]:
    """Texts on the page that do not fit their box and are clipped or end in an ellipsis."""
    return list(page.evaluate(_CUT_TEXTS))


def visible_text(page: Page) -> str:
    return str(page.evaluate("() => document.body.innerText"))


def streamlit_english(text: str) -> list[str]:
    """Streamlit's own English texts found in a page's visible text."""
    return [w for w in STREAMLIT_ENGLISH if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]


def danish_words(text: str) -> list[str]:
    return [w for w in DANISH_WORDS if w in text]


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    targets: tuple[str, ...]


def axe_violations(page: Page) -> list[Violation]:
    """axe-core's violations of WCAG 2.1 A and AA on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    options: dict[str, Any] = {
        "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"],
    }
    found = Axe().run(page, options=options).response["violations"]
    return [
        Violation(
            v["id"],
            str(v["impact"]),
            tuple(str(n["target"]) for n in v["nodes"][:5]),
        )
        for v in found
    ]


def serious(violations: list[Violation]) -> list[Violation]:
    return [v for v in violations if v.impact in {"serious", "critical"}]

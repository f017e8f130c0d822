"""Sign-in, upload and approval with the keyboard alone (issue 18, WCAG 2.1.1): Tab to a
control, type, press Enter or Space; never a click. The file is chosen in the browser's own
file dialog, opened from the upload button with Enter."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, FileChooser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from planwatch.domain.periods import Period
from planwatch.figures import reporting
from planwatch.storage import Store

from ..conftest import TEST_DATA
from . import tour
from .conftest import RunningApp

pytestmark = pytest.mark.e2e

_FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return "";
  const label = (e.labels && e.labels.length) ? e.labels[0].innerText : "";
  return [e.getAttribute("aria-label") || "", label, (e.innerText || "").slice(0, 80)].join(" | ");
}"""


def focused(page: Page) -> str:
    """What the focused control is called: its aria-label, its label and its text."""
    return str(page.evaluate(_FOCUSED))


def tab_to(page: Page, name: str | re.Pattern[str], *, limit: int = 80) -> None:
    """Press Tab until the focused control's name matches; fail if it is never reached."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        seen.append(now)
        if name.search(now) if isinstance(name, re.Pattern) else name in now:
            return
    shown = page.locator("section.main, [data-testid=stMain]").first.inner_text()[:2000]
    raise AssertionError(
        f"{name!r} was not reached with Tab; focus went through {seen}; the page showed: {shown!r}"
    )


_UPLOADER_STATE = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  const zone = document.querySelector('[data-testid=stFileUploaderDropzone]');
  return {run: app && app.getAttribute('data-test-script-state'),
          focusInZone: !!(zone && zone.contains(document.activeElement)),
          input: !!document.querySelector('[data-testid=stFileUploader] input[type=file]')};
}"""


def enter_opens_the_file_dialog(page: Page) -> FileChooser:
    """Enter on the focused "Vælg fil" opens the file dialog.

    Known defect, not yet explained (round 26): in a CI run beside the moved-clock tests, a
    first Enter on "Vælg fil" once opened no dialog although the app had finished its run
    (``tour.settle``). A person presses Enter again, and so does this, once, after recording
    what the page was doing; a second lost Enter fails with that record."""
    states = []
    for attempt in range(2):
        try:
            with page.expect_file_chooser(timeout=10_000) as chooser:
                page.keyboard.press("Enter")
            return chooser.value
        except PlaywrightTimeoutError as lost:
            states.append((focused(page), page.evaluate(_UPLOADER_STATE)))
            if attempt:
                raise AssertionError(f"Enter on 'Vælg fil' opened no dialog: {states}") from lost
            tour.settle(page)
            if "Vælg fil" not in focused(page):
                tab_to(page, "Vælg fil")
    raise AssertionError("unreachable")


def keyboard_sign_in(page: Page, app: RunningApp, user: str) -> None:
    page.goto(app.url)
    expect(page.get_by_role("button", name="Log ind", exact=True)).to_be_visible()
    tab_to(page, "Brugernavn")
    page.keyboard.type(user)
    tab_to(page, "Adgangskode")
    page.keyboard.type(app.passwords[user])
    page.keyboard.press("Enter")
    expect(page.locator("[data-testid=stSidebarNav]")).to_be_visible()
    tour.settle(page)


def keyboard_open(page: Page, title: str) -> None:
    tab_to(page, re.compile(rf"^\s*\|\s*\|\s*{re.escape(title)}\s*$"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
    tour.settle(page)


def test_upload_and_approval_with_the_keyboard_alone(
    page: Page, browser: Browser, app_server: RunningApp
) -> None:
    store = Store(app_server.db)
    keyboard_sign_in(page, app_server, "demo-uploader")
    keyboard_open(page, "Indberet tal")
    tab_to(page, "Vælg fil")
    tour.settle(page)  # the page has finished drawing (its tables are sent twice: grid and cards)
    enter_opens_the_file_dialog(page).set_files(TEST_DATA / "valid/kpi-danish-excel-cp1252.csv")
    expect(page.get_by_role("button", name="Fjern kpi-danish-excel-cp1252.csv")).to_be_visible()
    tab_to(page, "Kontrollér filen")
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile(r"Prøvekørsel: 6 nye"))).to_be_visible()
    tab_to(page, "Gem tallene")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Tallene afventer godkendelse.", exact=False)).to_be_visible()

    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="da-DK")
    try:
        approver = context.new_page()
        approver.set_default_timeout(30_000)
        keyboard_sign_in(approver, app_server, "demo-approver")
        keyboard_open(approver, "Godkendelse")
        tab_to(approver, re.compile(r"\|\s*Godkend\s*$"))
        approver.keyboard.press("Enter")
        tab_to(approver, "Ja, godkend")
        approver.keyboard.press("Enter")
        expect(approver.get_by_text(re.compile(r"er godkendt\. Tallene vises nu"))).to_be_visible()
    finally:
        context.close()
    stored = reporting.figure(store, "victims_assessed", Period(2025, 1))
    assert stored is not None and stored.preferred.value == 24

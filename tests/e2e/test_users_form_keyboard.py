"""Issue 18: the form that adds a user reads and tabs in the same order, in a real browser, in
Danish at 1440×900 and in English at 390×844: Tab from the user name moves through the fields in
the order they are read (top to bottom, left to right), and reaches every role and the button."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .conftest import RunningApp, sign_in

pytestmark = pytest.mark.e2e

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
WORDS = {
    "da": {
        "page": "Brugere",
        "name": "Brugernavn (små bogstaver, tal og . _ @ + -)",
        "add": "Tilføj bruger",
        "fields": ["Brugernavn", "Navn", "E-mail"],
        "roles": ["læser", "indberetter", "godkender", "revisor", "administrator"],
        "password": "Første adgangskode",
    },
    "en": {
        "page": "Users",
        "name": "User name (lower-case letters, digits and . _ @ + -)",
        "add": "Add user",
        "fields": ["User name", "Name", "E-mail"],
        "roles": ["viewer", "uploader", "approver", "auditor", "admin"],
        "password": "Initial password",
    },
}

# What has the focus: its accessible name (label, aria-label or text) and where it is on screen.
_FOCUSED = """() => {
    const e = document.activeElement;
    const label = e.labels && e.labels.length ? e.labels[0].innerText
        : (e.getAttribute('aria-label') || e.innerText || '');
    const box = e.getBoundingClientRect();
    return {label: label.trim(), tag: e.tagName, type: e.type || '', top: box.top, left: box.left,
            scroll: document.querySelector('[data-testid=stMain]')?.scrollTop
                || document.querySelector('section.main')?.scrollTop || 0};
}"""


@pytest.mark.parametrize(
    ("language", "viewport"),
    [("da", {"width": 1440, "height": 900}), ("en", {"width": 390, "height": 844})],
)
def test_tab_moves_through_the_add_user_form_in_reading_order(
    page: Page, app_server: RunningApp, language: str, viewport: dict[str, int]
) -> None:
    words = WORDS[language]
    sign_in(page, app_server, "demo-admin", language=language)
    page.locator("[data-testid=stSidebarNav]").get_by_role("link", name=words["page"]).click()
    expect(page.get_by_role("heading", name=words["page"], exact=True)).to_be_visible()
    page.set_viewport_size(viewport)
    page.get_by_role("textbox", name=words["name"], exact=True).focus()
    visited = [page.evaluate(_FOCUSED)]
    for _ in range(20):
        page.wait_for_timeout(400)  # as a person tabs: a field's focus settles before the next key
        page.keyboard.press("Tab")
        visited.append(page.evaluate(_FOCUSED))
        if visited[-1]["label"] == words["add"]:
            break
    labels = [v["label"] for v in visited]
    assert labels[-1] == words["add"], labels
    # every field and every role, in the order the form is read
    wanted = [*words["fields"], *words["roles"], words["password"]]
    found = [next(i for i, label in enumerate(labels) if label.startswith(w)) for w in wanted]
    assert found == sorted(found), labels
    # and each stop is below (or on the same line and right of) the one before it, on the page
    places = [(v["top"] + v["scroll"], v["left"]) for v in visited]
    for before, after, label in zip(places, places[1:], labels[1:], strict=False):
        assert after[0] > before[0] - 2 or (
            abs(after[0] - before[0]) <= 2 and after[1] >= before[1]
        ), (
            label,
            labels,
        )
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{language}-users-form-tab.png"))

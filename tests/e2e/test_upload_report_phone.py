"""Issue 18: the upload report read on a phone (390×844) in a real browser, in Danish and English:
a refused file shows no counts, and each problem's kind, place and whole message are on screen,
wrapped, not cut (``scrollWidth <= clientWidth``) and not off the right edge."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from ..conftest import TEST_DATA
from .conftest import RunningApp, sign_in

pytestmark = pytest.mark.e2e

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 390, "height": 844}
REFUSED = TEST_DATA / "invalid/kpi-refused-with-a-good-row.csv"
WORDS = {
    "da": {
        "page": "Indberet tal",
        "check": "Kontrollér filen",
        "refused": "Filen er afvist",
        "new": "Nye tal",
        "problems": "Problemer i filen",
        "kind": "Fejl: Negativt tal",
        "message": "'-3' i kolonnen 'værdi' er negativ; tallet skal være 0 eller derover.",
        "guess": "Mente du 'victims_assessed'",
        "download": "Hent fejlrapport (CSV)",
    },
    "en": {
        "page": "Upload figures",
        "check": "Check the file",
        "refused": "The file was refused",
        "new": "New figures",
        "problems": "Problems in the file",
        "kind": "Error: Negative value",
        "message": "'-3' in the column 'værdi' is negative; it must be 0 or more.",
        "guess": "Did you mean 'victims_assessed'",
        "download": "Download report (CSV)",
    },
}

_CUT = """(elements) => elements.filter(
    (e) => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > window.innerWidth
).map((e) => e.textContent.slice(0, 80))"""


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_upload_report_on_a_phone(page: Page, app_server: RunningApp, language: str) -> None:
    words = WORDS[language]
    sign_in(page, app_server, "demo-uploader", language=language)
    page.locator("[data-testid=stSidebarNav]").get_by_role("link", name=words["page"]).click()
    expect(page.get_by_role("heading", name=words["page"], exact=True)).to_be_visible()
    page.set_viewport_size(PHONE)
    page.locator("input[type=file]").set_input_files(REFUSED)
    page.get_by_role("button", name=words["check"]).click()
    expect(page.get_by_text(words["refused"], exact=False)).to_be_visible()
    # the heading below where the counts were: by now they would be on screen
    expect(page.get_by_role("heading", name=words["problems"])).to_be_visible()
    expect(page.locator("[data-testid=stMetric]")).to_have_count(0)
    expect(page.get_by_text(words["new"], exact=False)).to_have_count(0)
    item = page.locator("li").filter(has_text=words["kind"])
    expect(item).to_be_visible()
    expect(item).to_contain_text(words["message"])
    message = item.get_by_text(words["message"], exact=False)
    expect(message).to_be_visible()
    expect(page.locator("li").filter(has_text=words["guess"])).to_be_visible()
    items = page.locator("[data-testid=stMarkdownContainer] li")
    assert items.count() == 2
    cut = items.evaluate_all(_CUT)
    cut += message.evaluate_all(_CUT)
    assert cut == [], cut
    with page.expect_download() as download:
        page.get_by_role("button", name=words["download"]).click()
    text = download.value.path().read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    # a negative number is data, not a formula: -3, not '-3
    assert ["3", "værdi", "-3", "negative-value"] in [r[:4] for r in rows], rows
    ARTIFACTS.mkdir(exist_ok=True)
    item.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"{language}-upload-report-390.png"), full_page=True)

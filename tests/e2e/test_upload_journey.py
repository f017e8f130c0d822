"""CMM staff upload quarterly figures in the app: check, read the report, store."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from planwatch import reporting
from planwatch.domain.periods import Period
from planwatch.storage import Store

from ..conftest import TEST_DATA
from .conftest import RunningApp

pytestmark = pytest.mark.e2e


def _open_upload(page: Page, app: RunningApp) -> None:
    page.goto(f"{app.url}/indberet")
    expect(page.get_by_role("heading", name="Indberet tal")).to_be_visible()
    page.get_by_role("textbox", name="Afsender (navn eller e-mail)").fill("anne@cmm.example")
    page.keyboard.press("Tab")


def test_a_good_file_is_checked_then_stored(page: Page, app_server: RunningApp) -> None:
    _open_upload(page, app_server)
    page.locator("input[type=file]").set_input_files(
        TEST_DATA / "valid/kpi-danish-excel-cp1252.csv"
    )
    page.get_by_role("button", name="Kontrollér filen").click()
    expect(page.get_by_text(re.compile(r"Prøvekørsel: 6 nye"))).to_be_visible()
    assert reporting.figure(Store(app_server.db), "victims_assessed", Period(2025, 1)) is None
    page.get_by_role("button", name="Gem tallene").click()
    expect(page.get_by_text(re.compile(r"Gemt: 6 nye og 0 rettede tal"))).to_be_visible()
    stored = reporting.figure(Store(app_server.db), "victims_assessed", Period(2025, 1))
    assert stored is not None and stored.preferred.value == 24
    assert stored.preferred.recorded_by == "anne@cmm.example"


def test_a_bad_file_gets_a_report_and_nothing_is_stored(page: Page, app_server: RunningApp) -> None:
    _open_upload(page, app_server)
    page.locator("input[type=file]").set_input_files(
        TEST_DATA / "invalid/kpi-text-where-a-number-belongs.csv"
    )
    page.get_by_role("button", name="Kontrollér filen").click()
    expect(page.get_by_text(re.compile(r"Filen er afvist med 1 fejl"))).to_be_visible()
    expect(page.get_by_role("button", name="Gem tallene")).to_have_count(0)
    expect(page.get_by_role("button", name="Hent fejlrapport (CSV)")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Hent fejlrapport (CSV)").click()
    content = download.value.path().read_bytes().decode("utf-8-sig")
    assert "not-a-number" in content and "tolv" in content

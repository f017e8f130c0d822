"""An auditor exports in a real browser: the file that arrives in the browser is byte for byte
the one whose SHA-256 the audit log holds, and it opens as Danish Excel would read it."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from planwatch.access import audit
from planwatch.domain.permissions import Actor, Role
from planwatch.storage import Store

from .conftest import RunningApp, sign_in

pytestmark = pytest.mark.e2e

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def test_an_auditor_downloads_an_export_that_the_audit_log_vouches_for(
    page: Page, app_server: RunningApp
) -> None:
    sign_in(page, app_server, "demo-auditor")
    page.locator("[data-testid=stSidebarNav]").get_by_role("link", name="Eksport").click()
    expect(page.get_by_role("heading", name="Eksport", exact=True)).to_be_visible()
    # One date on screen (issue 18): the sidebar's "Tal pr. dato"; the page names the moment.
    expect(page.get_by_role("heading", name="Tabellerne som de ser ud nu")).to_be_visible()
    expect(page.locator("[data-testid=stDateInput]")).to_have_count(1)
    page.get_by_role("button", name="Lav eksport").click()
    download_button = page.get_by_role("button", name="Hent planwatch-csv-da-")
    expect(download_button).to_be_visible(timeout=120_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "da-eksport.png"), full_page=True)
    with page.expect_download() as waiting:
        download_button.click()
    download = waiting.value
    assert download.suggested_filename.endswith(".zip")
    assert re.fullmatch(
        r"planwatch-csv-da-\d{4}-\d\d-\d\d-kl\d{4}\.zip", download.suggested_filename
    )
    data = Path(download.path()).read_bytes()
    reader = Actor("demo-auditor", frozenset({Role.AUDITOR}))
    (entry,) = audit.entries(Store(app_server.db), reader, action="export")
    assert entry.details["files"] == {download.suggested_filename: hashlib.sha256(data).hexdigest()}
    assert entry.origin.startswith("web")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        figures = archive.read("figures.da.csv")
    frame = pd.read_csv(io.BytesIO(figures), sep=";", decimal=",", encoding="utf-8-sig")
    # For Danish Excel, in Danish: the columns by their Danish names (issue 18).
    assert 112 in set(frame.loc[frame["Indikatorkode"] == "victims_assessed", "Værdi"])
    expect(page.locator("[data-testid=stException]")).to_have_count(0)

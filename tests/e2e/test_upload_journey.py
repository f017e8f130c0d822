"""CMM staff upload quarterly figures in the app: sign in, check, read the report, store; the
figures await approval, and an approver (in a browser of their own) approves them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from planwatch.access import accounts, approvals
from planwatch.domain.periods import Period
from planwatch.figures import reporting
from planwatch.storage import Store, repository

from ..conftest import TEST_DATA
from .conftest import RunningApp, sign_in

pytestmark = pytest.mark.e2e

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _open(page: Page, title: str) -> None:
    page.locator("[data-testid=stSidebarNav]").get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()


def _open_upload(page: Page, app: RunningApp) -> None:
    sign_in(page, app, "demo-uploader")
    _open(page, "Indberet tal")
    expect(page.get_by_text("Du indberetter som Demo uploader (demo-uploader)")).to_be_visible()
    expect(page.get_by_role("textbox", name="Afsender (navn eller e-mail)")).to_have_count(0)


def test_a_good_file_is_stored_awaits_approval_and_is_approved(
    page: Page, browser: Browser, app_server: RunningApp
) -> None:
    store = Store(app_server.db)
    _open_upload(page, app_server)
    page.locator("input[type=file]").set_input_files(
        TEST_DATA / "valid/kpi-danish-excel-cp1252.csv"
    )
    page.get_by_role("button", name="Kontrollér filen").click()
    expect(page.get_by_text(re.compile(r"Prøvekørsel: 6 nye"))).to_be_visible()
    page.get_by_role("button", name="Gem tallene").click()
    expect(page.get_by_text("Tallene afventer godkendelse.", exact=False)).to_be_visible()
    assert reporting.figure(store, "victims_assessed", Period(2025, 1)) is None, (
        "not on the dashboard before approval"
    )
    uploader = accounts.actor_for(store, "demo-uploader")
    [sent] = approvals.submissions(store, uploader)
    assert (sent.recorded_by, sent.status) == ("demo-uploader", "submitted")
    _open(page, "Mine indberetninger")
    expect(
        page.get_by_text(re.compile(r"kpi-danish-excel-cp1252\.csv · afventer godkendelse"))
    ).to_be_visible()

    # The approver, in a browser of their own.
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="da-DK")
    try:
        approver = context.new_page()
        approver.set_default_timeout(30_000)
        sign_in(approver, app_server, "demo-approver")
        _open(approver, "Godkendelse")
        expect(
            approver.get_by_role("heading", name=re.compile(r"kpi-danish-excel-cp1252\.csv"))
        ).to_be_visible()
        approver.get_by_role("button", name="Godkend", exact=True).click()
        approver.get_by_role("button", name="Ja, godkend").click()
        expect(approver.get_by_text(re.compile(r"er godkendt\. Tallene vises nu"))).to_be_visible()
        # the page has settled: nothing awaits approval, no confirmation is left on screen
        expect(approver.get_by_role("button", name="Ja, godkend")).to_have_count(0)
        expect(approver.get_by_role("heading", name="Senest behandlet")).to_be_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        approver.screenshot(path=str(ARTIFACTS / "da-godkendelse.png"), full_page=True)
    finally:
        context.close()
    stored = reporting.figure(store, "victims_assessed", Period(2025, 1))
    assert stored is not None and stored.preferred.value == 24
    assert stored.preferred.recorded_by == "demo-uploader"
    page.locator("[data-testid=stSidebarNav]").get_by_role(
        "link", name="Mine indberetninger"
    ).click()
    expect(page.get_by_text(re.compile(r"kpi-danish-excel-cp1252\.csv · godkendt"))).to_be_visible()


def _stored(store: Store) -> dict[str, int]:
    """What the database holds: definitions, change sets, versions, uploads, upload entries in
    the audit log (sign-ins are logged too, so only the entries of uploads are counted)."""
    with store.connect(read_only=True) as connection:
        counts = repository.table_counts(connection)
        for name, sql in (
            ("uploads", "SELECT count(*) FROM uploads"),
            ("reviews", "SELECT count(*) FROM reviews"),
            ("audit uploads", "SELECT count(*) FROM audit_log WHERE action = 'upload'"),
        ):
            counts[name] = connection.execute(sql).fetchall()[0][0]
    return counts


def test_a_bad_file_gets_a_report_and_nothing_is_stored(page: Page, app_server: RunningApp) -> None:
    store = Store(app_server.db)
    _open_upload(page, app_server)
    before = _stored(store)
    assert before["change_sets"] > 0 and before["observation_versions"] > 0
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
    assert _stored(store) == before, "a refused file leaves nothing behind"
    uploader = accounts.actor_for(store, "demo-uploader")
    assert approvals.submissions(store, uploader) == [], "and nothing awaits approval"

"""A submission whose file name and reason hold Markdown links, a remote image and HTML, opened
on Godkendelse in a real browser (issue 16): the page shows the characters, has no link or
image from them, and asks nothing of any server but the app's own on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, Request, expect

from planwatch.access import accounts
from planwatch.storage import Store
from planwatch.uploads import ingest
from tests.paths import TEST_DATA

from . import tour
from .conftest import RunningApp, running_app, sign_in

pytestmark = pytest.mark.e2e

KPI_FILE = TEST_DATA / "valid" / "kpi-danish-excel-cp1252.csv"
FILE_NAME = "[f](http://evil.example/f).csv"
REASON = (
    "![i](http://evil.example/p.png) <img src=http://evil.example/q.png> [x](http://evil.example)"
)


def test_user_text_on_the_approval_page_is_text_and_stays_local(
    page: Page, app_db: tuple[Path, dict[str, str]]
) -> None:
    db, passwords = app_db
    store = Store(db)
    uploader = accounts.actor_for(store, "demo-uploader", origin="e2e test")
    report = ingest.import_file(
        store, KPI_FILE.read_bytes(), FILE_NAME, "kpi", actor=uploader, reason=REASON
    )
    assert report.change_set_id is not None, [p.message_en for p in report.problems]
    requests: list[str] = []

    def remember(request: Request) -> None:
        requests.append(request.url)

    page.on("request", remember)
    with running_app(db) as url:
        app = RunningApp(url, db, passwords)
        sign_in(page, app, "demo-approver")
        page.locator("[data-testid=stSidebarNav]").get_by_role("link", name="Godkendelse").click()
        heading = f"Indberetning {report.change_set_id} · {FILE_NAME} · afventer godkendelse"
        expect(page.get_by_text("afventer godkendelse").first).to_be_visible()
        tour.settle(page)  # the page's intro says "afventer godkendelse" too: wait for its end
        # As the reader sees it (the word joiners that keep autolinks off are invisible).
        shown = page.locator("[data-testid=stMain]").inner_text().replace("\u2060", "")
        assert heading in shown and f"Begrundelse: {REASON}" in shown, shown
        assert page.locator("[data-testid=stException]").count() == 0
        # (A heading's own anchor, "#indberetning-...-evil-example-...", stays on the page.)
        links = page.locator("a[href*='evil']:not([href^='#'])")
        assert links.count() == 0, [
            links.nth(i).get_attribute("href") for i in range(links.count())
        ]
        assert page.locator("img[src*='evil.example']").count() == 0
        page.wait_for_timeout(1_000)  # an image would have been asked for by now

    outside = [u for u in requests if not u.startswith((url, "data:", "blob:", "about:"))]
    assert not outside, outside
    assert any(u.startswith(url) for u in requests)

"""The app serving several sessions while the command line imports and exports at the same
moment: everything completes, nobody sees a lock error; an upload in the app while another
process holds the database is stored after a wait, or told in words to try again."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from planwatch.access import accounts, audit
from planwatch.storage import Store

from ..conftest import TEST_DATA
from .conftest import RunningApp, running_app, sign_in

pytestmark = pytest.mark.e2e

PLANWATCH = Path(sys.executable).with_name("planwatch")
KPI = TEST_DATA / "valid/kpi-danish-excel-cp1252.csv"
# The driver's words a user must never see (the busy message names the file, *.duckdb: fine).
LOCK_TEXTS = ("could not set lock", "conflicting lock", "io error", "traceback", "exception")
HOLD = """
import sys, time, duckdb
connection = duckdb.connect(sys.argv[1])
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
connection.close()
"""


def _big_upload(db: Path, path: Path, rows: int = 6000) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    try:
        from benchmarks import uploads as generator
    finally:
        sys.path.pop(0)
    import itertools

    generator._write_csv(
        path, itertools.islice(generator.valid_max_rows(generator.plausible_totals(db)), rows)
    )


def _cli(db: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(PLANWATCH), "--lang", "en", *args, "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PLANWATCH_LOCK_TIMEOUT": "60"},
    )


def _no_lock_error(page: Page) -> None:
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    text = page.locator("[data-testid=stMain]").inner_text().lower()
    assert not [t for t in LOCK_TEXTS if t in text], text[:500]


def _session(browser: Browser, app: RunningApp, name: str) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(60_000)
    sign_in(page, app, name)
    return context, page


def test_sessions_a_cli_import_and_a_cli_export_at_the_same_moment(
    browser: Browser, app_server: RunningApp, tmp_path: Path
) -> None:
    upload = tmp_path / "kvartal.csv"
    _big_upload(app_server.db, upload)
    sessions = [
        _session(browser, app_server, name)
        for name in ("demo-viewer", "demo-approver", "demo-auditor")
    ]
    importing = _cli(
        app_server.db, "import", str(upload), "--kind", "kpi", "--user", "demo-uploader"
    )
    exporting = _cli(
        app_server.db, "export", "--out", str(tmp_path / "eksport"), "--format", "csv",
        "--user", "demo-auditor",
    )  # fmt: skip
    rounds = 0
    while rounds < 2 or importing.poll() is None or exporting.poll() is None:
        title = ("Indikatorer", "Overblik")[rounds % 2]
        for _, page in sessions:  # all sessions ask at once; the server renders them together
            page.locator("[data-testid=stSidebarNav]").get_by_role("link", name=title).click()
        for _, page in sessions:
            expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
            _no_lock_error(page)
        rounds += 1
        assert rounds < 40, "the command line did not finish"
    imported_out, imported_err = importing.communicate(timeout=60)
    exported_out, exported_err = exporting.communicate(timeout=60)
    assert importing.returncode == 0, imported_out + imported_err
    assert "Stored: 6000 new" in imported_out
    assert exporting.returncode == 0, exported_out + exported_err
    exported = sorted(p.name for p in (tmp_path / "eksport").iterdir())
    assert "figures.csv" in exported and "history.csv" in exported
    history = (tmp_path / "eksport" / "history.csv").read_text(encoding="utf-8").splitlines()
    assert len(history) > 1
    for context, _ in sessions:
        context.close()
    store = Store(app_server.db)
    auditor = accounts.actor_for(store, "demo-auditor")
    assert audit.verify(store, auditor).ok
    with store.connect(read_only=True) as connection:
        stored = connection.execute(
            "SELECT count(*) FROM observation_versions v JOIN uploads u USING (change_set_id) "
            "WHERE u.file_name = 'kvartal.csv'"
        ).fetchall()
    assert stored == [(6000,)]


def _hold(db: Path, seconds: float) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    return holder


def _checked_upload(page: Page, app: RunningApp) -> None:
    sign_in(page, app, "demo-uploader")
    page.locator("[data-testid=stSidebarNav]").get_by_role("link", name="Indberet tal").click()
    page.locator("input[type=file]").set_input_files(KPI)
    page.get_by_role("button", name="Kontrollér filen").click()
    expect(page.get_by_text(re.compile(r"Prøvekørsel: 6 nye"))).to_be_visible()


def _uploads(db: Path) -> int:
    with Store(db).connect(read_only=True) as connection:
        return int(connection.execute("SELECT count(*) FROM uploads").fetchall()[0][0])


def test_an_upload_while_another_process_holds_the_database_waits_and_is_stored(
    page: Page, app_server: RunningApp
) -> None:
    _checked_upload(page, app_server)
    holder = _hold(app_server.db, 4)  # shorter than the app's wait (20 s in the tests' app)
    try:
        started = time.monotonic()
        page.get_by_role("button", name="Gem tallene").click()
        expect(page.get_by_text("Tallene afventer godkendelse.", exact=False)).to_be_visible()
        assert holder.wait(timeout=30) == 0
        assert time.monotonic() - started > 1  # it did wait for the other process
    finally:
        holder.kill()
    _no_lock_error(page)
    assert _uploads(app_server.db) == 1


def test_an_upload_while_the_database_stays_busy_is_told_to_try_again(
    page: Page, app_db: tuple[Path, dict[str, str]]
) -> None:
    db, passwords = app_db
    with running_app(db, env={"PLANWATCH_LOCK_TIMEOUT": "3"}) as url:
        app = RunningApp(url, db, passwords)
        _checked_upload(page, app)
        holder = _hold(db, 25)
        try:
            page.get_by_role("button", name="Gem tallene").click()
            expect(
                page.get_by_text(re.compile(r"Prøv igen om lidt; intet er ændret"))
            ).to_be_visible(timeout=20_000)
            _no_lock_error(page)
        finally:
            holder.kill()
            holder.wait(timeout=10)
        assert _uploads(db) == 0
        # Without the database the app cannot check the user's roles, so it shows no page, only
        # the message and a button to try again; the page comes back, and the file is sent again.
        page.get_by_role("button", name="Prøv igen").click()
        expect(page.get_by_role("heading", name="Indberet tal", exact=True)).to_be_visible()
        page.locator("input[type=file]").set_input_files(KPI)
        page.get_by_role("button", name="Kontrollér filen").click()
        page.get_by_role("button", name="Gem tallene").click()
        expect(page.get_by_text("Tallene afventer godkendelse.", exact=False)).to_be_visible()
        assert _uploads(db) == 1

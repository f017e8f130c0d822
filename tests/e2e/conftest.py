"""Fixtures for tests that drive the running app in a real browser (Debian's chromium).

Every app (and identity provider) a test starts listens on 127.0.0.1 on a free port and is
stopped after the test. The app gets its own copy of the demo database with the demo users
(``demo-viewer`` … ``demo-admin``); their fresh passwords are in ``RunningApp.passwords``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from planwatch.access import accounts
from planwatch.storage import Store
from tests.actors import map_os_account
from tests.e2e import tour
from tests.e2e.ports import free_port, listens

__all__ = ["free_port"]  # tests import it from here

REPO = Path(__file__).resolve().parents[2]
expect.set_options(timeout=30_000)  # the first render of a page takes a few seconds
CHROMIUM = os.environ.get("PLANWATCH_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class RunningApp:
    def __init__(self, url: str, db: Path, passwords: dict[str, str]) -> None:
        self.url = url
        self.db = db
        self.passwords = passwords  # demo user -> password, made for this app only


def wait_until_healthy(
    url: str, server: subprocess.Popen[bytes], port: int | None = None, seconds: float = 60
) -> bool:
    """Wait until the app answers its health check; true when it did.

    With ``port``, the answer counts only once ``server`` itself listens on that port: another
    test's server may answer on it while this one fails to bind (see tests/e2e/ports.py).
    False when ``server`` ended first; an error after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        if server.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:  # noqa: S310
                if answer.status == 200 and (port is None or listens(server.pid, port)):
                    return True
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("the app did not start")
        time.sleep(0.3)


@contextlib.contextmanager
def running_app(
    db: Path,
    *,
    port: int | None = None,
    env: Mapping[str, str] | None = None,
    options: Mapping[str, str] | None = None,
) -> Iterator[str]:
    """Serve streamlit_app.py on 127.0.0.1 with the database ``db``; yields its URL.

    Without a ``port``, a server that could not bind its port is started again on another
    (three tries); one that cannot start fails with the end of its error output."""
    environment = {
        **os.environ,
        "PLANWATCH_DB": str(db),
        "PLANWATCH_LOCK_TIMEOUT": "20",
        # a crash in native code prints every thread's Python stack to the error output,
        # which a test whose app ended reports (_raise_if_ended)
        "PYTHONFAULTHANDLER": "1",
        **(env or {}),
    }
    for attempt in range(1 if port else 3):
        the_port = port or free_port()
        arguments = [
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(the_port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ]
        for name, value in (options or {}).items():
            arguments += [f"--{name}", value]
        # a file, not a pipe nobody reads: a server that writes much would block on a pipe
        with tempfile.TemporaryFile() as errors:
            server = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "streamlit",
                    "run",
                    str(REPO / "streamlit_app.py"),
                    *arguments,
                ],
                cwd=REPO,
                env=environment,
                stdout=subprocess.DEVNULL,
                stderr=errors,
            )
            try:
                if wait_until_healthy(f"http://127.0.0.1:{the_port}", server, the_port):
                    try:
                        yield f"http://127.0.0.1:{the_port}"
                    except BaseException as error:
                        _raise_if_ended(server, the_port, errors, error)
                        raise
                    return
            finally:
                _stop(server)
            errors.seek(0)
            said = errors.read().decode(errors="replace")[-2000:]
        if attempt == 2 or port:
            raise RuntimeError(f"the app did not start on port {the_port}:\n{said}")


def _raise_if_ended(
    server: subprocess.Popen[bytes], port: int, errors: IO[bytes], error: BaseException
) -> None:
    """A test that failed while its server had already ended fails with what the server said
    (its exit code and the end of its error output), which the test's own error cannot tell."""
    try:  # a server that was killed a moment ago may not have been reaped yet
        ended = server.wait(timeout=2)
    except subprocess.TimeoutExpired:
        return
    errors.seek(0)
    said = errors.read().decode(errors="replace")[-8000:]  # a crash's stacks of every thread
    raise RuntimeError(
        f"the app on port {port} ended (exit code {ended}) while the test used it; it said:\n{said}"
    ) from error


def _stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=20)


@pytest.fixture
def app_db(demo_db_template: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A copy of the demo database with the demo users, and their passwords."""
    db = tmp_path / "e2e.duckdb"
    shutil.copy(demo_db_template, db)
    passwords = accounts.demo_users(Store(db), origin="e2e test")
    map_os_account(Store(db), accounts.actor_for(Store(db), "demo-admin"))  # the CLI's identity
    return db, passwords


@pytest.fixture
def app_server(app_db: tuple[Path, dict[str, str]]) -> Iterator[RunningApp]:
    """The app on 127.0.0.1 on a free port, on its own copy of the demo database; stopped after."""
    db, passwords = app_db
    with running_app(db) as url:
        yield RunningApp(url, db, passwords)


@pytest.fixture(scope="module")
def shared_app(
    demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningApp]:
    """One app for all tests of a module that only look (their sign-ins add audit entries and
    nothing else): started once on its own copy of the demo database, stopped after the
    module. Tests that upload, approve or change users take ``app_server``, an app of their own."""
    db = tmp_path_factory.mktemp("shared-app") / "e2e.duckdb"
    shutil.copy(demo_db_template, db)
    passwords = accounts.demo_users(Store(db), origin="e2e test")
    with running_app(db) as url:
        yield RunningApp(url, db, passwords)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); "
            "`make test` does this for you"
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="da-DK")
    the_page = context.new_page()
    the_page.set_default_timeout(30_000)
    yield the_page
    context.close()


def sign_in(page: Page, app: RunningApp, name: str, *, language: str = "da") -> None:
    """Open the app and sign in as ``name`` (a demo user) with the sign-in form."""
    tour.sign_in(page, app.url, name, app.passwords[name], language)


def navigation_links(page: Page) -> list[str]:
    """The names of the pages the sidebar's navigation offers."""
    navigation = page.locator("[data-testid=stSidebarNav]")
    return [text.strip() for text in navigation.get_by_role("link").all_inner_texts()]

"""The ports tests serve on, and the check that a test's own server holds its port."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.e2e import conftest
from tests.e2e.ports import HIGH, LOW, free_port, listens

_LISTEN = (
    "import socket, sys, time\n"
    "s = socket.socket(); s.bind(('127.0.0.1', int(sys.argv[1]))); s.listen()\n"
    "print('ready', flush=True); time.sleep(60)\n"
)


def test_free_ports_lie_below_the_ephemeral_range_and_are_free() -> None:
    ports = {free_port() for _ in range(20)}
    assert all(LOW <= port < HIGH for port in ports)
    assert len(ports) > 1  # drawn at random, so two pytest processes rarely meet
    for port in ports:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", port))


def test_only_the_process_that_listens_holds_the_port() -> None:
    port = free_port()
    holder = subprocess.Popen(
        [sys.executable, "-c", _LISTEN, str(port)], stdout=subprocess.PIPE, text=True
    )
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        assert listens(holder.pid, port)
        assert not listens(other.pid, port)  # answering on the port is not enough
        assert not listens(holder.pid, free_port())
    finally:
        for process in (holder, other):
            process.kill()
            process.wait(timeout=10)
    assert not listens(holder.pid, port)  # gone


def test_an_app_whose_port_another_server_answers_on_starts_again_elsewhere(
    demo_db_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race seen in CI: the port drawn is taken, before the app binds it, by another
    test's server that answers the health check too. The app must not take that answer."""

    class Healthy(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: object) -> None:
            pass

    impostor = ThreadingHTTPServer(("127.0.0.1", free_port()), Healthy)
    thread = threading.Thread(target=impostor.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    drawn = iter([impostor.server_port, free_port()])
    monkeypatch.setattr(conftest, "free_port", lambda: next(drawn))
    db = tmp_path / "app.duckdb"
    shutil.copy(demo_db_template, db)
    try:
        with conftest.running_app(db) as url:
            port = int(url.rsplit(":", 1)[1])
            assert port != impostor.server_port
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as answer:  # noqa: S310
                assert answer.read() == b"ok"
    finally:
        impostor.shutdown()
        thread.join(timeout=10)
        impostor.server_close()


def test_a_test_whose_app_ended_under_it_fails_with_what_the_app_said(
    demo_db_template: Path, tmp_path: Path
) -> None:
    """CI once saw the protocol client's connection refused mid-test, with nothing to tell why:
    the app had ended. Such a failure now carries the app's exit code and its last words."""
    db = tmp_path / "app.duckdb"
    shutil.copy(demo_db_template, db)
    with pytest.raises(RuntimeError, match=r"ended \(exit code -9\) while the test used it"):
        _kill_the_app_under_a_test(db, signal.SIGKILL)


def test_an_app_that_crashed_under_a_test_tells_where_each_thread_was(
    demo_db_template: Path, tmp_path: Path
) -> None:
    """The same app ended twice in CI with a segmentation fault (exit code -11), having said
    nothing but that it had started. Crashed the same way here, the failure now carries the
    Python stack of each of its threads (faulthandler), which names the code it was in."""
    db = tmp_path / "app.duckdb"
    shutil.copy(demo_db_template, db)
    with pytest.raises(RuntimeError, match=r"ended \(exit code -11\)") as failure:
        _kill_the_app_under_a_test(db, signal.SIGSEGV)
    said = str(failure.value)
    assert "Fatal Python error: Segmentation fault" in said
    assert "(most recent call first)" in said and "threading.py" in said


def _kill_the_app_under_a_test(db: Path, crash: signal.Signals) -> None:
    with conftest.running_app(db) as url:
        port = int(url.rsplit(":", 1)[1])
        (server,) = [
            int(entry.name)
            for entry in Path("/proc").iterdir()
            if entry.name.isdigit() and listens(int(entry.name), port)
        ]
        os.kill(server, crash)
        raise ConnectionRefusedError("as the test saw it")

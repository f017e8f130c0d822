"""No full garbage collection after every script run (issue 17). Streamlit's default
(``runner.postScriptGC``) runs ``gc.collect(2)`` when a script run ends: with pandas, Altair and
DuckDB loaded that walked every object of the server at every click, half the server's CPU
under load (``benchmarks/load_ws.py``: 25 sessions 12.2 → 5.8 CPU s, p95 0.54 → 0.22 s).
Python's own collector still frees cycles as allocations go (``benchmarks/README.md``, "Round
39: where a busy server's time went", for the memory it was measured with).

Streamlit's ``AppTest`` never collects after a run, so the app is served for real here (one
server on 127.0.0.1, stopped after; about 15 s), and the server process notes each collection
of every generation that starts in a script run's thread (a ``sitecustomize`` module on its
``PYTHONPATH`` adds a ``gc.callbacks`` entry). That the config file and ``planwatch serve``
both turn it off: ``tests/cli/test_cli_identity_serve.py``."""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from benchmarks.ws_client import StreamlitClient

from tests.e2e.conftest import running_app
from tests.ui.served import demo_copy

pytestmark = pytest.mark.slow

FULL_COLLECTIONS_LOG = "PLANWATCH_TEST_FULL_COLLECTIONS"
SITECUSTOMIZE = f"""
import gc, os, threading

_log = os.environ.get({FULL_COLLECTIONS_LOG!r})


def _note(phase, info):
    if _log and phase == "start" and info["generation"] == 2:
        with open(_log, "a", encoding="utf-8") as out:
            out.write(threading.current_thread().name + "\\n")


gc.callbacks.append(_note)
"""
VISITS = ("Indikatorer", "Overblik", "Indikatorer", "Overblik", "Budget", "Overblik")


async def _visits(url: str, password: str, log: Path) -> tuple[int, list[str]]:
    """Sign in and open the first page (the server's first imports and caches), then six
    visits; how many script runs ended and which threads began full collections meanwhile."""
    async with StreamlitClient(url, timeout_s=60) as client:
        await client.open()
        await client.sign_in("demo-viewer", password)
        await client.open_page("Indikatorer")
        log.write_text("", encoding="utf-8")
        runs = [await client.open_page(title) for title in VISITS]
    assert all(run.errors == [] for run in runs), [run.errors for run in runs]
    return len(runs), log.read_text(encoding="utf-8").split()


def test_a_served_page_run_ends_without_a_full_collection(
    demo_db_template: Path, tmp_path: Path
) -> None:
    db, password = demo_copy(demo_db_template, tmp_path, "full collection test")
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "full-collections.log"
    env = {
        # the real clock: what is checked is not the date, and an app under libfaketime has
        # ended with a segmentation fault in CI (tests/ui/test_protocol_client.py)
        **({"LD_PRELOAD": "", "FAKETIME": ""} if os.environ.get("FAKETIME") else {}),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(hook), os.environ.get("PYTHONPATH")])),
        FULL_COLLECTIONS_LOG: str(log),
    }
    with running_app(db, env=env) as url, ThreadPoolExecutor(1) as thread:
        # a thread of its own: asyncio.run refuses to nest in a loop left by other tests
        runs, threads = thread.submit(asyncio.run, _visits(url, password, log)).result()
    in_script_runs = [name for name in threads if name.startswith("ScriptRunner")]
    # Streamlit's default began one in every run's thread (6 of 6 before); Python's own
    # collector may begin one now and then as allocations go (none seen in this test)
    assert len(in_script_runs) < runs // 2, (runs, threads)

"""Load benchmark of the running app: many signed-in sessions clicking between two pages.

Run from the repository root::

    .venv/bin/python benchmarks/load.py [--quick] [--sessions 1,25] [--rounds 5] \
        [--out benchmarks/results-load.md]

The script builds, in a temporary folder, the demo database and the one about a thousand times
larger that ``benchmarks/pages.py`` builds (its generator is imported, not copied). For each
database in turn it starts the app (``streamlit run streamlit_app.py``) as a subprocess on
127.0.0.1 on a free port, and for each number of sessions asked for it drives that many browser
sessions at once: Playwright browser contexts in one headless Debian chromium, driven by
asyncio. Each session signs in with the sign-in form as ``demo-viewer`` and then, round after
round, clicks the sidebar's links to *Indikatorer* and back to *Overblik*, as a user does, with
a short pause between clicks.

For each page open it measures the time from the click until the page has finished rendering
(see ``WAIT_JS`` for the signal). Meanwhile a thread samples the resident memory of the server
process (and any children) every 0.2 s; the server's ``VmHWM`` is read too. It also reads the
CPU time the server, the browser and the rest of the machine used during each run.

It is also a smoke test: it exits with status 1 when any page open shows an exception or an
``st.error``, times out, or a sign-in fails. Timings never make it fail.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import importlib.metadata
import math
import os
import platform
import random
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any, Final

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pages as page_bench  # benchmarks/pages.py: the databases

ROOT: Final = Path(__file__).resolve().parents[1]
APP: Final = ROOT / "streamlit_app.py"
CHROMIUM: Final = os.environ.get("PLANWATCH_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS: Final = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
USER: Final = "demo-viewer"
# The pages opened, by their navigation link, which is also the page's heading (Danish).
OVERVIEW: Final = "Overblik"
INDICATORS: Final = "Indikatorer"
PAGES: Final = (OVERVIEW, INDICATORS)
PAGE_NAMES: Final = {OVERVIEW: "overview", INDICATORS: "indicators"}
MIB: Final = 1024 * 1024
SAMPLE_S: Final = 0.2
OPEN_TIMEOUT_S: Final = 300.0
SIGNIN_TIMEOUT_S: Final = 300.0  # each step of signing in (Playwright's timeout)
STARTUP_TIMEOUT_S: Final = 120.0
SEED: Final = 20261129
VERSIONS: Final = ("streamlit", "duckdb", "pandas", "altair", "playwright")

# Installed in every page before the app loads: a log of the changes of the attribute
# ``data-test-script-state`` that Streamlit's frontend (1.67) puts on its root element
# ``[data-testid=stApp]`` ("initial", "running", "notRunning", "rerunRequested", ...), and the
# moment of the last click.
RECORDER_JS: Final = """
(() => {
  const lb = { log: [], clickAt: null };
  window.__lb = lb;
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.target.getAttribute && r.target.dataset.testid === 'stApp') {
        lb.log.push([performance.now(), r.target.getAttribute('data-test-script-state')]);
      }
    }
  }).observe(document, {subtree: true, attributes: true,
                        attributeFilter: ['data-test-script-state']});
  document.addEventListener('click', () => { lb.clickAt = performance.now(); }, true);
})();
"""

# "The page has finished rendering": all of these hold at once, checked on every DOM change
# and every 25 ms, resolving with the moment they first held (performance.now()):
# - Streamlit's frontend went to "running" after the click (so this is the new script run, not
#   the page before it; or, should it ever skip "running", the heading is a new element) and is
#   now "notRunning": the server has sent the whole run;
# - the main area has an <h1> with the page's heading (its own content, not the page before);
# - no element is stale (left over from the previous run and not yet replaced);
# - every Vega-Lite chart has drawn its canvas or SVG.
# It resolves with the elapsed time since the click (measured in the page) and what the page
# shows that counts as an error: st.exception / uncaught exceptions and st.error.
WAIT_JS: Final = r"""
({heading, mark, timeoutMs}) => new Promise((resolve) => {
  const lb = window.__lb;
  const started = performance.now();
  let observer = null, timer = null;
  const state = () => {
    const app = document.querySelector('[data-testid=stApp]');
    return app ? app.getAttribute('data-test-script-state') : null;
  };
  const errors = () => [...document.querySelectorAll(
      '[data-testid=stException], [data-testid=stAlertContentError]')]
    .map((e) => (e.innerText || e.textContent || '').trim().slice(0, 300));
  const finish = (done, timedOut) => {
    if (observer) observer.disconnect();
    if (timer) clearInterval(timer);
    resolve({done, clickAt: lb.clickAt, timedOut, errors: errors(), state: state(),
             connection: (document.querySelector('[data-testid=stApp]') || {dataset: {}})
               .getAttribute?.('data-test-connection-state') ?? null,
             log: lb.log.slice(mark),
             text: ((document.querySelector('[data-testid=stMain]') || {}).innerText || '')
               .replace(/\s+/g, ' ').slice(0, 300)});
  };
  const check = () => {
    const now = performance.now();
    if (state() === 'notRunning') {
      const main = document.querySelector('[data-testid=stMain]');
      const titles = main ? [...main.querySelectorAll('h1')]
        .filter((h) => (h.textContent || '').trim() === heading) : [];
      // A run after the click: the frontend showed "running" since, or the heading is an
      // element that was not there at the click (should React ever skip "running").
      const ran = lb.log.slice(mark).some((e) => e[1] === 'running')
        || titles.some((h) => !(lb.before && lb.before.has(h)));
      const titled = ran && titles.length > 0;
      const stale = document.querySelector('[data-stale=true]');
      const charts = [...document.querySelectorAll('[data-testid=stVegaLiteChart]')];
      const drawn = charts.every((c) => c.querySelector('canvas, svg.marks'));
      if (titled && !stale && drawn) return finish(now, false);
      // An error shown after a run of its own (say a refused sign-in) ends the wait too.
      if (lb.log.slice(mark).some((e) => e[1] === 'running') && errors().length) {
        return finish(now, false);
      }
    }
    if (now - started > timeoutMs) finish(now, true);
  };
  observer = new MutationObserver(check);
  observer.observe(document, {subtree: true, childList: true, attributes: true});
  timer = setInterval(check, 25);
  check();
})
"""


# --------------------------------------------------------------------------------------------
# The server and what it uses
# --------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as children:
                found += [int(child) for child in children.read().split()]
        except OSError:
            pass
    return found


def process_tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (as /proc lists them now)."""
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo += _children(current)
    return tree


def _status_kib(pid: int, key: str) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def rss_mib(pids: list[int]) -> float:
    return sum(_status_kib(pid, "VmRSS") for pid in pids) / 1024


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes (those still running), in seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError, ValueError):
            pass
    return total / ticks


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy (all cores), from /proc/stat."""
    with open("/proc/stat", encoding="ascii") as stat:
        values = [int(v) for v in stat.readline().split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return (sum(values[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def load_average() -> str:
    with open("/proc/loadavg", encoding="ascii") as loadavg:
        return " ".join(loadavg.read().split()[:3])


class Sampler:
    """Every SAMPLE_S seconds: the resident memory of the server and its descendants (for the
    peak), and the CPU time of every process this script started, directly or not (the server,
    chromium and its renderers, Playwright's driver), kept per process as last seen, so that
    the time of processes that end meanwhile is counted too."""

    def __init__(self, server_pid: int) -> None:
        self.server_pid = server_pid
        self.peak = 0.0
        self.samples = 0
        self.server: set[int] = set()
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._sample(first=True)

    def _sample(self, *, first: bool = False) -> None:
        server = process_tree(self.server_pid)
        self.server.update(server)
        self.peak = max(self.peak, rss_mib(server))
        me = os.getpid()
        for pid in process_tree(me):
            if pid == me:
                continue
            seconds = cpu_seconds([pid])
            if first:
                self.first[pid] = seconds
            if seconds or pid not in self.last:
                self.last[pid] = seconds
        self.samples += 1

    def _run(self) -> None:
        while not self._stop.wait(SAMPLE_S):
            self._sample()

    def cpu(self) -> tuple[float, float]:
        """CPU seconds used since the start: (the server's, everything else's)."""
        server = client = 0.0
        for pid, seconds in self.last.items():
            used = seconds - self.first.get(pid, 0.0)
            if pid in self.server:
                server += used
            else:
                client += used
        return server, client

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()


def reset_peak(pid: int) -> bool:
    """Reset the process's VmHWM (Linux: write 5 to /proc/<pid>/clear_refs)."""
    try:
        with open(f"/proc/{pid}/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
        return True
    except OSError:
        return False


@dataclass(slots=True)
class Server:
    process: subprocess.Popen[bytes]
    url: str
    log: Path
    startup_s: float
    idle_rss_mib: float = 0.0

    def alive(self) -> bool:
        return self.process.poll() is None

    def log_problems(self) -> list[str]:
        """Lines of the server's log that look like errors (Tracebacks, ERROR), first seen."""
        try:
            lines = self.log.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return []
        return [line.strip() for line in lines if "Traceback" in line or " ERROR " in line]


@contextlib.contextmanager
def running_app(db: Path, folder: Path, name: str) -> Iterator[Server]:
    """``streamlit run streamlit_app.py`` on 127.0.0.1 on a free port with PLANWATCH_DB=db, in
    a session (process group) of its own; stopped (the whole group) on the way out."""
    port = free_port()
    log = folder / f"server-{name}.log"
    environment = {**os.environ, "PLANWATCH_DB": str(db)}
    arguments = [
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        # Not the default: Streamlit's file watcher drops planwatch's modules from sys.modules
        # when a source file changes, and sessions running at that moment then fail (pickling
        # errors in st.cache_data, KeyError 'planwatch'): seen when someone edited the checkout
        # during a run. The benchmark measures the code as it was when the server started.
        "--server.fileWatcherType",
        "none",
    ]
    begin = time.monotonic()
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and app
            [sys.executable, "-m", "streamlit", "run", str(APP), *arguments],
            cwd=ROOT,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:  # noqa: S310
                    if answer.status == 200:
                        break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(
                        f"the app stopped at start: {log.read_text(errors='replace')[-2000:]}"
                    ) from None
                if time.monotonic() - begin > STARTUP_TIMEOUT_S:
                    raise RuntimeError("the app did not start in time") from None
                time.sleep(0.1)
        yield Server(process, url, log, time.monotonic() - begin)
    finally:
        _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=20)


# --------------------------------------------------------------------------------------------
# The sessions
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Open:
    session: int
    round: int
    page: str
    seconds: float  # click -> finished rendering, measured in the page
    driver_seconds: float  # the same seen from this script (includes Playwright's round trips)
    errors: list[str] = field(default_factory=list)
    # The same time in three parts: click -> the frontend shows "running" (request, queueing);
    # -> "notRunning" (the script run on the server, its messages sent and drawn); -> the last
    # chart drawn.
    to_running: float = math.nan
    running: float = math.nan
    after: float = math.nan


def _phases(result: dict[str, Any]) -> tuple[float, float, float]:
    click, done = result["clickAt"], result["done"]
    log = result["log"]
    starts = [moment for moment, state in log if state == "running"]
    ends = [moment for moment, state in log if state == "notRunning"]
    if click is None or not starts or not ends:
        return math.nan, math.nan, math.nan
    return (
        (starts[0] - click) / 1000,
        (ends[-1] - starts[0]) / 1000,
        max(done - ends[-1], 0.0) / 1000,
    )


@dataclass(slots=True)
class Run:
    """One number of sessions on one database."""

    database: str
    sessions: int
    rounds: int
    opens: list[Open] = field(default_factory=list)
    signins: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    wall_s: float = 0.0  # from the first click of round 1 to the last page finished
    server_cpu_s: float = 0.0
    client_cpu_s: float = 0.0
    self_cpu_s: float = 0.0
    machine_busy_s: float = 0.0
    rss_before_mib: float = 0.0
    peak_rss_mib: float = 0.0
    hwm_mib: float = 0.0
    rss_after_mib: float = 0.0
    load_before: str = ""
    load_after: str = ""
    log_problems: list[str] = field(default_factory=list)
    status: dict[int, str] = field(default_factory=dict)  # what each session is doing now


async def _wait_rendered(page: Any, heading: str, mark: int) -> dict[str, Any]:
    timeout_ms = OPEN_TIMEOUT_S * 1000
    return dict(
        await asyncio.wait_for(
            page.evaluate(WAIT_JS, {"heading": heading, "mark": mark, "timeoutMs": timeout_ms}),
            timeout=OPEN_TIMEOUT_S + 30,
        )
    )


async def _mark(page: Any) -> int:
    return int(
        await page.evaluate(
            "() => { const lb = window.__lb; lb.clickAt = null;"
            " lb.before = new Set(document.querySelectorAll('h1')); return lb.log.length; }"
        )
    )


def _problems(result: dict[str, Any], heading: str) -> list[str]:
    problems = [f"shows: {text}" for text in result["errors"]]
    if result["timedOut"]:
        problems.append(
            f"not rendered within {OPEN_TIMEOUT_S:.0f} s (script state {result['state']}, "
            f"states since the click {[state for _, state in result['log']]}; the page shows: "
            f"{result['text']!r})"
        )
    if result["connection"] not in (None, "CONNECTED"):
        problems.append(f"connection {result['connection']}")
    return [f"{heading}: {p}" for p in problems]


async def _sign_in(page: Any, url: str, password: str, status: Callable[[str], None]) -> float:
    """Open the app, sign in with the form, wait for the overview; seconds from the click."""
    status("sign-in: opening the app")
    await page.goto(url)
    status("sign-in: filling in the form")
    await page.get_by_role("textbox", name="Brugernavn", exact=True).fill(USER)
    await page.get_by_role("textbox", name="Adgangskode", exact=True).fill(password)
    mark = await _mark(page)
    begin = time.perf_counter()
    await page.get_by_role("button", name="Log ind", exact=True).click()
    status("sign-in: waiting for the overview")
    result = await _wait_rendered(page, OVERVIEW, mark)
    problems = _problems(result, "sign-in")
    if problems:
        raise RuntimeError("; ".join(problems))
    if result["clickAt"] is None:
        return time.perf_counter() - begin
    return float(result["done"] - result["clickAt"]) / 1000


async def _session(
    index: int,
    browser: Any,
    run: Run,
    url: str,
    password: str,
    think_s: float,
    signed_in: asyncio.Event,
    remaining: list[int],
    go: asyncio.Event,
    stagger_s: float,
) -> None:
    rng = random.Random(SEED + index)
    context = None

    def status(text: str) -> None:
        run.status[index] = text

    try:
        try:
            status("waiting to start")
            await asyncio.sleep((index - 1) * stagger_s)
            context = await browser.new_context(
                viewport={"width": 1400, "height": 1000}, locale="da-DK"
            )
            await context.add_init_script(RECORDER_JS)
            page = await context.new_page()
            page.set_default_timeout(SIGNIN_TIMEOUT_S * 1000)
            run.signins.append(await _sign_in(page, url, password, status))
            ok = True
        except Exception as error:  # reported, and the run fails
            run.failures.append(f"session {index}: sign-in failed: {error!r}"[:1000])
            ok = False
        finally:
            remaining[0] -= 1
            if remaining[0] == 0:
                signed_in.set()
        status("signed in, waiting for the others" if ok else "sign-in failed")
        await go.wait()
        if not ok:
            return
        navigation = page.locator("[data-testid=stSidebarNav]")
        for round_ in range(1, run.rounds + 1):
            for heading in (INDICATORS, OVERVIEW):
                await asyncio.sleep(rng.uniform(0.5 * think_s, 1.5 * think_s))
                status(f"round {round_}: {heading}")
                mark = await _mark(page)
                begin = time.perf_counter()
                await navigation.get_by_role("link", name=heading, exact=True).click()
                result = await _wait_rendered(page, heading, mark)
                driver = time.perf_counter() - begin
                seconds = (
                    driver
                    if result["clickAt"] is None
                    else float(result["done"] - result["clickAt"]) / 1000
                )
                problems = _problems(result, f"session {index} round {round_} {heading}")
                run.opens.append(
                    Open(
                        index,
                        round_,
                        PAGE_NAMES[heading],
                        seconds,
                        driver,
                        problems,
                        *_phases(result),
                    )
                )
                if result["timedOut"]:
                    status("stopped: a page did not finish")
                    return  # this session is stuck; the others go on
        status("done")
    finally:
        if context is not None:
            with contextlib.suppress(Exception):
                await context.close()


async def _progress(run: Run, every_s: float = 30.0) -> None:
    """Every ``every_s`` seconds, one line on how far the sessions are."""
    begin = time.monotonic()
    shown = 0
    while True:
        await asyncio.sleep(every_s)
        for failure in run.failures[shown:]:
            print(f"    {failure[:600]}", flush=True)
        shown = len(run.failures)
        counts: dict[str, int] = {}
        for text in run.status.values():
            counts[text] = counts.get(text, 0) + 1
        doing = ", ".join(f"{n} {text}" for text, n in sorted(counts.items()))
        print(
            f"    {time.monotonic() - begin:5.0f} s: {len(run.signins)}/{run.sessions} signed in, "
            f"{len(run.opens)}/{run.sessions * run.rounds * 2} pages; {doing}",
            flush=True,
        )


async def drive(
    run: Run, url: str, password: str, think_s: float, stagger_s: float, server_pid: int
) -> None:
    """Start the sessions, let them all sign in, then run the rounds with every session at
    once; fills ``run`` with the timings and with the CPU and memory used meanwhile."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            signed_in, go = asyncio.Event(), asyncio.Event()
            remaining = [run.sessions]
            tasks = [
                asyncio.create_task(
                    _session(
                        i, browser, run, url, password, think_s, signed_in, remaining, go, stagger_s
                    )
                )
                for i in range(1, run.sessions + 1)
            ]
            progress = asyncio.create_task(_progress(run))
            await signed_in.wait()
            # Every session is signed in and on the overview: the measured part starts.
            run.load_before = load_average()
            busy, mine = machine_busy_seconds(), time.process_time()
            reset_peak(server_pid)
            run.rss_before_mib = rss_mib(process_tree(server_pid))
            begin = time.monotonic()
            with Sampler(server_pid) as sampler:
                go.set()
                await asyncio.gather(*tasks)
            run.wall_s = time.monotonic() - begin
            progress.cancel()
            run.peak_rss_mib = sampler.peak
            run.hwm_mib = _status_kib(server_pid, "VmHWM") / 1024
            run.rss_after_mib = rss_mib(process_tree(server_pid))
            run.server_cpu_s, run.client_cpu_s = sampler.cpu()
            run.self_cpu_s = time.process_time() - mine
            run.machine_busy_s = machine_busy_seconds() - busy
            run.load_after = load_average()
        finally:
            await browser.close()


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def p95(values: list[float]) -> float:
    """The 95th percentile, nearest rank: the smallest value at least 95 % of them do not
    exceed."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _versions() -> str:
    found = []
    for name in VERSIONS:
        try:
            found.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name} n/a")
    try:
        chromium = subprocess.run(  # noqa: S603 - the browser the sessions use
            [CHROMIUM, "--version"], capture_output=True, text=True, timeout=30, check=False
        ).stdout.strip()
    except OSError:
        chromium = "chromium n/a"
    return ", ".join(found) + f"; {chromium or 'chromium n/a'}"


def _command() -> str:
    python = Path(sys.executable)
    venv = ROOT / ".venv" / "bin" / "python"
    shown = ".venv/bin/python" if Path(sys.prefix) == venv.parents[1] else str(python)
    return shlex.join([shown, *sys.argv])


def _seconds(values: list[float]) -> tuple[str, str, str]:
    if not values:
        return "n/a", "n/a", "n/a"
    return f"{statistics.median(values):.2f}", f"{p95(values):.2f}", f"{max(values):.2f}"


def _label(run: Run, warmups: dict[str, Run]) -> str:
    if warmups.get(run.database) is run:
        return f"{run.database}/warm-up"
    return f"{run.database}/{run.sessions} sessions"


def report(
    runs: list[Run],
    databases: dict[str, tuple[Path, dict[str, int]]],
    startups: dict[str, tuple[float, float]],
    warmups: dict[str, Run],
    *,
    think_s: float,
    stagger_s: float,
    started: float,
) -> str:
    lines = [
        "# planwatch load benchmark",
        "",
        f"- Command: `{_command()}` (cwd `{Path.cwd()}`)",
        f"- Run: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, "
        f"{(time.monotonic() - started) / 60:.1f} minutes in all",
        f"- Machine: os.cpu_count() = {os.cpu_count()}, {page_bench._memory_total()}, "
        f"{platform.platform()}",
        f"- Python {platform.python_version()}; {_versions()}",
        f"- Sessions: Playwright browser contexts in one headless chromium on the same machine, "
        f"each signed in as `{USER}`, then per round a click on *{INDICATORS}* and one on "
        f"*{OVERVIEW}* in the sidebar, with a pause of {0.5 * think_s:g}-{1.5 * think_s:g} s "
        f"(uniform, seeded) before each click. The sessions open the app and sign in "
        f"{stagger_s:g} s apart; the rounds start when every session is signed in.",
        "- Time: from the click (a capturing `click` listener in the page) until Streamlit's "
        "frontend has gone to `running` and back to `notRunning` (`data-test-script-state` on "
        "`[data-testid=stApp]`), the page's heading is in the main area, no element is stale "
        "and every Vega-Lite chart has drawn; measured in the page (`performance.now()`). "
        "p95: nearest rank.",
        "",
        "| database | rows | file MiB | server start s | RSS after start MiB | "
        "first sign-in s | first indicators s | first overview s | RSS after first visit MiB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, (path, counts) in databases.items():
        start, rss = startups.get(name, (math.nan, math.nan))
        first = warmups.get(name, Run(name, 1, 1))
        pages = {o.page: f"{o.seconds:.2f}" for o in first.opens}
        lines.append(
            f"| {name} | {sum(counts.values()):,} | {page_bench.file_size(path) / MIB:.1f} | "
            f"{start:.1f} | {rss:.0f} | {_seconds(first.signins)[0]} | "
            f"{pages.get('indicators', 'n/a')} | {pages.get('overview', 'n/a')} | "
            f"{first.rss_after_mib:.0f} |"
        )
    lines += [
        "",
        "| database | sessions | rounds | page | opens | median s | p95 s | max s | "
        "round-1 median s | later rounds median s | errors |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        for page in PAGE_NAMES.values():
            opens = [o for o in run.opens if o.page == page]
            seconds = [o.seconds for o in opens]
            median, high, top = _seconds(seconds)
            first = [o.seconds for o in opens if o.round == 1]
            later = [o.seconds for o in opens if o.round > 1]
            lines.append(
                f"| {run.database} | {run.sessions} | {run.rounds} | {page} | {len(opens)} | "
                f"{median} | {high} | {top} | {_seconds(first)[0]} | {_seconds(later)[0]} | "
                f"{sum(1 for o in opens if o.errors)} |"
            )
    lines += [
        "",
        "Where the time goes (medians, seconds): click → the frontend shows `running` "
        "(the request reaches the server and a script thread starts); `running` → `notRunning` "
        "(the script run, its elements sent and drawn as they come); `notRunning` → the last "
        "chart drawn; and the whole time as this script saw it (Playwright's round trips "
        "included).",
        "",
        "| database | sessions | page | click → running | running → notRunning | "
        "→ charts drawn | total | seen by the driver |",
        "|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        for page in PAGE_NAMES.values():
            opens = [o for o in run.opens if o.page == page]
            if not opens:
                continue
            parts = [
                [getattr(o, name) for o in opens if not math.isnan(getattr(o, name))]
                for name in ("to_running", "running", "after", "seconds", "driver_seconds")
            ]
            lines.append(
                f"| {run.database} | {run.sessions} | {page} | "
                + " | ".join(_seconds(values)[0] for values in parts)
                + " |"
            )
    lines += [
        "",
        "| database | sessions | sign-in median s | sign-in max s | opens/s | "
        "server RSS before MiB | server peak RSS MiB | server VmHWM MiB | server CPU s | "
        "browser CPU s | rest of machine CPU s | wall s | load avg before → after |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for run in runs:
        others = run.machine_busy_s - run.server_cpu_s - run.client_cpu_s - run.self_cpu_s
        rate = len(run.opens) / run.wall_s if run.wall_s else float("nan")
        signin = _seconds(run.signins)
        lines.append(
            f"| {run.database} | {run.sessions} | {signin[0]} | {signin[2]} | {rate:.2f} | "
            f"{run.rss_before_mib:.0f} | {run.peak_rss_mib:.0f} | {run.hwm_mib:.0f} | "
            f"{run.server_cpu_s:.1f} ({run.server_cpu_s / run.wall_s if run.wall_s else 0:.2f} "
            f"cores) | {run.client_cpu_s:.1f} | {max(others, 0.0):.1f} | {run.wall_s:.1f} | "
            f"{run.load_before} → {run.load_after} |"
        )
    lines += [
        "",
        "- server RSS: the `streamlit run` process and its children, sampled every "
        f"{SAMPLE_S:g} s during the rounds (peak), and its `VmHWM` (reset through "
        "`/proc/<pid>/clear_refs` when the rounds start, read when they end). The server is "
        "restarted per database, not per number of sessions.",
        "- CPU: user + system time during the rounds (from the first click to the last page "
        "finished): the server's; the browser's (chromium and Playwright's driver); and the rest "
        "of the machine (`/proc/stat` busy time less those and this script), i.e. other people's "
        f"work on the shared machine. {os.cpu_count()} cores = {os.cpu_count()} CPU s per s.",
        "- opens/s: page opens finished per second of wall time during the rounds (the pauses "
        "between clicks included).",
    ]
    every = [*warmups.values(), *runs]
    failures = [f"{_label(run, warmups)}: {f}" for run in every for f in run.failures]
    failures += [
        f"{_label(run, warmups)}: {e}" for run in every for o in run.opens for e in o.errors
    ]
    lines += ["", "Checks: " + ("all passed" if not failures else f"FAILED ({len(failures)})")]
    lines += [f"- {failure}" for failure in failures[:50]]
    problems = [(run, line) for run in every for line in run.log_problems]
    if problems:
        lines += ["", "Lines of the server's log that look like errors (first 20):"]
        lines += [f"- {_label(run, warmups)}: `{line[:300]}`" for run, line in problems[:20]]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def _stop_on_sigterm() -> None:
    """SIGTERM ends the run like Ctrl-C does, so that the servers and browsers are stopped."""

    def handler(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


def _sessions(text: str) -> list[int]:
    values = [int(part) for part in text.split(",") if part.strip()]
    if not values or any(v < 1 for v in values):
        raise argparse.ArgumentTypeError("sessions: positive whole numbers, comma-separated")
    return values


def _one_run(
    run: Run,
    server: Server,
    password: str,
    think_s: float,
    stagger_s: float,
    *,
    seen: int,
    title: str = "",
) -> tuple[Run, int]:
    """Drive ``run.sessions`` sessions against the server; print a summary. ``seen``: lines of
    the server's log already reported."""
    print(
        f"{run.database}: {title or f'{run.sessions} sessions x {run.rounds} rounds'} ...",
        flush=True,
    )
    try:
        asyncio.run(drive(run, server.url, password, think_s, stagger_s, server.process.pid))
    except Exception as error:  # reported; the run fails
        run.failures.append(f"the run stopped: {error!r}")
    if not server.alive():
        run.failures.append("the server stopped")
    problems = server.log_problems()
    run.log_problems = problems[seen:]
    if run.signins:
        print(f"  sign-in: median {_seconds(run.signins)[0]} s", flush=True)
    for page in PAGE_NAMES.values():
        values = [o.seconds for o in run.opens if o.page == page]
        median, high, top = _seconds(values)
        print(
            f"  {page:10}: {len(values)} opens, median {median} s, p95 {high} s, max {top} s",
            flush=True,
        )
    print(
        f"  server peak RSS {run.peak_rss_mib:.0f} MiB, CPU {run.server_cpu_s:.1f} s in "
        f"{run.wall_s:.1f} s; failures: "
        f"{len(run.failures) + sum(1 for o in run.opens if o.errors)}",
        flush=True,
    )
    return run, len(problems)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--sessions",
        type=_sessions,
        help="concurrent sessions; a comma-separated list runs each in turn (default 25; "
        "--quick 5)",
    )
    parser.add_argument(
        "--rounds", type=int, help="rounds per session: indicators, then overview (default 5)"
    )
    parser.add_argument(
        "--think",
        type=float,
        default=1.0,
        help="mean pause before each click, seconds (uniform 0.5x-1.5x; default 1.0)",
    )
    parser.add_argument(
        "--stagger",
        type=float,
        default=4.0,
        help="seconds between the starts of two sessions (they open the app and sign in one "
        "after the other; default 4.0)",
    )
    parser.add_argument(
        "--databases",
        default="demo,large",
        help="which databases, comma-separated: demo, large (default both)",
    )
    parser.add_argument("--quick", action="store_true", help="5 sessions, 2 rounds")
    parser.add_argument("--out", type=Path, help="also write the Markdown results to this file")
    args = parser.parse_args(argv)
    sessions = args.sessions or ([5] if args.quick else [25])
    rounds = args.rounds or (2 if args.quick else 5)
    wanted = [name.strip() for name in args.databases.split(",") if name.strip()]
    if not wanted or set(wanted) - {"demo", "large"}:
        parser.error("--databases: demo, large or both")
    if not Path(CHROMIUM).exists():
        parser.error(f"{CHROMIUM} is missing (set PLANWATCH_CHROMIUM)")
    _stop_on_sigterm()
    started = time.monotonic()
    runs: list[Run] = []
    startups: dict[str, tuple[float, float]] = {}
    warmups: dict[str, Run] = {}
    from planwatch.access import accounts
    from planwatch.storage import Store

    with tempfile.TemporaryDirectory(prefix="planwatch-load-") as name:
        folder = Path(name)
        demo, large = folder / "demo.duckdb", folder / "large.duckdb"
        page_bench.build_demo(demo)
        if "large" in wanted:
            page_bench.build_large(demo, large)
        paths = {"demo": demo, "large": large}
        databases: dict[str, tuple[Path, dict[str, int]]] = {}
        for label in wanted:
            databases[label] = (paths[label], page_bench.table_counts(paths[label]))
            print(f"{label}: {sum(databases[label][1].values()):,} rows", flush=True)
        try:
            for label in wanted:
                # Fresh passwords for this database's demo users (the large one is a copy).
                password = accounts.demo_users(Store(paths[label]), origin="load benchmark")[USER]
                with running_app(paths[label], folder, label) as server:
                    time.sleep(1.0)
                    startups[label] = (
                        server.startup_s,
                        rss_mib(process_tree(server.process.pid)),
                    )
                    print(f"{label}: server up in {server.startup_s:.1f} s", flush=True)
                    # The first visit after the start (imports, first queries), untimed in the
                    # runs: one session, one round, no pauses.
                    warmups[label], seen = _one_run(
                        Run(label, 1, 1), server, password, 0.0, 0.0, seen=0, title="warm-up"
                    )
                    for count in sessions:
                        run, seen = _one_run(
                            Run(label, count, rounds),
                            server,
                            password,
                            args.think,
                            args.stagger,
                            seen=seen,
                        )
                        runs.append(run)
        except KeyboardInterrupt:
            print("interrupted: servers and browsers stopped", file=sys.stderr)
            return 130
        text = report(
            runs,
            databases,
            startups,
            warmups,
            think_s=args.think,
            stagger_s=args.stagger,
            started=started,
        )
    print()
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    failed = any(
        run.failures or any(o.errors for o in run.opens) for run in [*warmups.values(), *runs]
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Capacity of the running app: many signed-in sessions, driven over Streamlit's own protocol.

Run from the repository root::

    .venv/bin/python benchmarks/load_ws.py [--quick] [--sessions 10,25,50,100] \
        [--db demo,large] [--servers 1|2] [--rounds 3] [--think 5] [--uploads-every 0] \
        [--out benchmarks/results-load-ws.md]

Unlike ``benchmarks/load.py`` (real browsers, which on this 2-core machine measured mostly the
browsers), each session here is a ``benchmarks/ws_client.py`` client: one websocket to
``/_stcore/stream`` speaking Streamlit's protobuf messages, with no rendering, so nearly all the
CPU the run uses is the server's. Each session opens the app, signs in with the sign-in form as
``demo-viewer`` (the form's widget ids read from the sign-in page's elements), and then, round
after round, opens *Indikatorer* and *Overblik* by their navigation entries, with a pause
before each (``--think``, uniform 0.5x-1.5x, seeded) as an official reading the page. The
sessions start ``--stagger`` seconds apart; the timed rounds start when all are signed in.

A page visit is timed from sending the ``rerun_script`` message until the server's
``script_finished`` for it (after every element of the page has been sent). A visit that
brings an ``st.exception`` or an ``st.error``, lacks the page's heading, or times out is an
error; the script exits 1 on any error (timings never make it fail).

The databases: the demo and the one about a thousand times larger that ``benchmarks/pages.py``
builds (its generator is imported); the server start/stop and the /proc readings are
``benchmarks/load.py``'s. ``--servers 2`` starts two app processes on the same database file
and ``benchmarks/sticky_proxy.py`` in front of them (nginx/HAProxy are not installed here); each
session first fetches ``/`` through the proxy for its ``planwatch_node`` cookie, as a browser
would. ``--uploads-every S`` also stores an upload every S seconds during the rounds with
``planwatch import`` (a third process, writing to the same file as the servers read it), and
reports how long each waited and whether it was stored.

Server CPU: user + system time of the server processes (and children) during the rounds, from
/proc/<pid>/stat, sampled every 0.2 s with their resident memory (peak).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import os
import platform
import random
import resource
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Final

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load  # benchmarks/load.py: server start/stop, /proc readings
import pages as page_bench  # benchmarks/pages.py: the databases
from ws_client import ProtocolError, StreamlitClient

ROOT: Final = Path(__file__).resolve().parents[1]
USER: Final = "demo-viewer"
UPLOADER: Final = "demo-uploader"
OVERVIEW: Final = "Overblik"
INDICATORS: Final = "Indikatorer"
PAGE_NAMES: Final = {INDICATORS: "indicators", OVERVIEW: "overview"}
SEED: Final = 20261205
VISIT_TIMEOUT_S: Final = 300.0
# A sign-in refused with "the database is busy, try again shortly" (planwatch's
# DatabaseBusyError, Danish: "... af en anden ændring" when this process's writes queue too
# long, "... af en anden proces" when another process holds the file) is tried again, as the
# user is told to, and counted as an error.
BUSY: Final = "er optaget af en anden"
SIGNIN_ATTEMPTS: Final = 5
SIGNIN_RETRY_S: Final = 2.0
GOAL_SESSIONS: Final = 50
GOAL_P95_S: Final = 1.0


@dataclass(slots=True)
class Visit:
    page: str
    seconds: float
    errors: list[str]


@dataclass(slots=True)
class Upload:
    started_s: float  # after the rounds began
    seconds: float
    exit_code: int
    message: str


@dataclass
class Level:
    database: str
    servers: int
    sessions: int
    rounds: int
    signins: list[float] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    uploads: list[Upload] = field(default_factory=list)
    wall_s: float = 0.0
    server_cpu_s: float = 0.0
    proxy_cpu_s: float = 0.0
    upload_cpu_s: float = 0.0
    busy_signins: int = 0  # sign-ins refused as "busy" (then tried again)
    client_cpu_s: float = 0.0
    rest_cpu_s: float = 0.0
    peak_rss_mib: float = 0.0
    load_before: str = ""
    load_after: str = ""
    log_problems: list[str] = field(default_factory=list)

    def errors(self) -> int:
        return len(self.failures) + sum(1 for v in self.visits if v.errors) + self.busy_signins


# --------------------------------------------------------------------------------------------
# Measuring the processes
# --------------------------------------------------------------------------------------------


class Sampler:
    """Every 0.2 s: the CPU time of each process of the server trees and the proxy (kept per
    process as last seen, so processes that end meanwhile count), and the servers' summed
    resident memory (for the peak)."""

    def __init__(self, servers: list[int], proxy: int | None) -> None:
        self.servers, self.proxy = servers, proxy
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.role: dict[int, str] = {}
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._sample(first=True)

    def _sample(self, *, first: bool = False) -> None:
        rss = 0.0
        trees = [(pid, "server") for pid in self.servers]
        if self.proxy is not None:
            trees.append((self.proxy, "proxy"))
        for root, role in trees:
            pids = load.process_tree(root)
            if role == "server":
                rss += load.rss_mib(pids)
            for pid in pids:
                seconds = load.cpu_seconds([pid])
                self.role[pid] = role
                if first:
                    self.first[pid] = seconds
                if seconds or pid not in self.last:
                    self.last[pid] = seconds
        self.peak = max(self.peak, rss)

    def _run(self) -> None:
        while not self._stop.wait(load.SAMPLE_S):
            self._sample()

    def cpu(self, role: str) -> float:
        return sum(
            self.last[pid] - self.first.get(pid, 0.0)
            for pid in self.last
            if self.role.get(pid) == role
        )

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()


def _own_cpu(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


# --------------------------------------------------------------------------------------------
# The sessions
# --------------------------------------------------------------------------------------------


def _node_cookie(url: str) -> dict[str, str]:
    """GET / through the proxy, as a browser loads the page: the sticky cookie it sets."""
    with urllib.request.urlopen(url + "/", timeout=60) as answer:  # noqa: S310 - 127.0.0.1
        cookies: dict[str, str] = {}
        for header in answer.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            cookies[name.strip()] = rest.split(";", 1)[0]
        return cookies


def _problems(visit_errors: list[str], headings: list[str], heading: str) -> list[str]:
    problems = list(visit_errors)
    if heading not in headings:
        problems.append(f"no heading {heading!r} (headings: {headings[:4]})")
    return problems


async def _session(
    index: int,
    level: Level,
    url: str,
    password: str,
    think_s: float,
    stagger_s: float,
    sticky: bool,
    signed_in: list[int],
    all_in: asyncio.Event,
    go: asyncio.Event,
) -> None:
    rng = random.Random(SEED + index)
    try:
        await asyncio.sleep(index * stagger_s)
        client = StreamlitClient(url, timeout_s=VISIT_TIMEOUT_S)
        if sticky:
            client.cookies = await asyncio.to_thread(_node_cookie, url)
        async with client:
            first = await client.open()
            problems = _problems(first.errors, first.headings, "Log ind")
            if problems:
                raise ProtocolError(f"the sign-in page: {problems}")
            begin = time.perf_counter()
            result = await client.sign_in(USER, password)
            for _ in range(SIGNIN_ATTEMPTS - 1):
                problems = _problems(result.errors, result.headings, OVERVIEW)
                if not any(BUSY in text for text in problems):
                    break
                # "The database is busy ... try again shortly": the user tries again: presses
                # "Prøv igen" (a rerun) when that is all the page shows, else the form's button.
                level.busy_signins += 1
                await asyncio.sleep(SIGNIN_RETRY_S)
                if "Brugernavn" in client.widgets:
                    result = await client.sign_in(USER, password)
                else:
                    result = await client.rerun(page_script_hash=client.current_page)
                    if OVERVIEW not in result.headings and "Brugernavn" in client.widgets:
                        result = await client.sign_in(USER, password)
            problems = _problems(result.errors, result.headings, OVERVIEW)
            if problems:
                raise ProtocolError(f"sign-in: {problems}")
            level.signins.append(time.perf_counter() - begin)
            signed_in[0] += 1
            if signed_in[0] == level.sessions:
                all_in.set()
            await go.wait()
            for _ in range(level.rounds):
                for page in (INDICATORS, OVERVIEW):
                    await asyncio.sleep(think_s * rng.uniform(0.5, 1.5))
                    try:
                        visit = await client.open_page(page)
                    except ProtocolError as error:
                        level.visits.append(Visit(PAGE_NAMES[page], VISIT_TIMEOUT_S, [str(error)]))
                        raise
                    level.visits.append(
                        Visit(
                            PAGE_NAMES[page],
                            visit.seconds,
                            _problems(visit.errors, visit.headings, page),
                        )
                    )
    except Exception as error:  # reported; the run fails
        level.failures.append(f"session {index}: {error!r}"[:500])
        signed_in[0] += 1
        if signed_in[0] >= level.sessions:
            all_in.set()


def _uploads(
    level: Level, command: list[str], every_s: float, begin: float, stop: threading.Event
) -> None:
    """Store an upload with the command line every ``every_s`` seconds until ``stop``."""
    while not stop.wait(every_s):
        started = time.monotonic()
        done = subprocess.run(  # noqa: S603 - our own interpreter and CLI
            command, capture_output=True, text=True, check=False, cwd=ROOT
        )
        lines = (done.stderr.strip() or done.stdout.strip()).splitlines()
        level.uploads.append(
            Upload(
                started - begin,
                time.monotonic() - started,
                done.returncode,
                (lines[-1] if lines else "")[:300],
            )
        )


async def drive(
    level: Level,
    url: str,
    password: str,
    think_s: float,
    stagger_s: float,
    sticky: bool,
    servers: list[int],
    proxy: int | None,
    upload_command: list[str] | None,
    uploads_every_s: float,
) -> None:
    all_in, go = asyncio.Event(), asyncio.Event()
    signed_in = [0]
    tasks = [
        asyncio.create_task(
            _session(i, level, url, password, think_s, stagger_s, sticky, signed_in, all_in, go)
        )
        for i in range(level.sessions)
    ]
    await all_in.wait()
    stop = threading.Event()
    level.load_before = load.load_average()
    busy, own = load.machine_busy_seconds(), _own_cpu()
    # Children that ended: the uploads (the servers and the proxy end after the run).
    children = _own_cpu(resource.RUSAGE_CHILDREN)
    begin = time.monotonic()
    uploader = None
    with Sampler(servers, proxy) as sampler:
        if upload_command and uploads_every_s > 0:
            uploader = threading.Thread(
                target=_uploads,
                args=(level, upload_command, uploads_every_s, begin, stop),
                daemon=True,
            )
            uploader.start()
        go.set()
        await asyncio.gather(*tasks)
        level.wall_s = time.monotonic() - begin
        stop.set()
        if uploader is not None:
            await asyncio.to_thread(uploader.join)
    level.load_after = load.load_average()
    level.server_cpu_s = sampler.cpu("server")
    level.proxy_cpu_s = sampler.cpu("proxy")
    level.peak_rss_mib = sampler.peak
    level.client_cpu_s = _own_cpu() - own
    level.upload_cpu_s = _own_cpu(resource.RUSAGE_CHILDREN) - children
    machine = load.machine_busy_seconds() - busy
    ours = level.server_cpu_s + level.proxy_cpu_s + level.client_cpu_s + level.upload_cpu_s
    level.rest_cpu_s = max(0.0, machine - ours)


# --------------------------------------------------------------------------------------------
# Servers
# --------------------------------------------------------------------------------------------


@dataclass
class Deployment:
    url: str
    servers: list[load.Server]
    proxy: subprocess.Popen[bytes] | None
    proxy_log: Path | None

    def alive(self) -> bool:
        return all(s.alive() for s in self.servers) and (
            self.proxy is None or self.proxy.poll() is None
        )

    def log_problems(self) -> list[str]:
        return [p for s in self.servers for p in s.log_problems()]


@contextlib.contextmanager
def deployment(db: Path, folder: Path, label: str, servers: int) -> Iterator[Deployment]:
    with contextlib.ExitStack() as stack:
        started = [
            stack.enter_context(load.running_app(db, folder, f"{label}-{n}"))
            for n in range(servers)
        ]
        if servers == 1:
            yield Deployment(started[0].url, started, None, None)
            return
        port = load.free_port()
        log = folder / f"proxy-{label}.log"
        backends = [a for s in started for a in ("--backend", s.url.removeprefix("http://"))]
        with log.open("wb") as output:
            script = str(ROOT / "benchmarks" / "sticky_proxy.py")
            proxy = subprocess.Popen(  # noqa: S603 - our own interpreter and script
                [sys.executable, script, "--port", str(port), *backends],
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        stack.callback(load._stop, proxy)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):  # noqa: S310
                    break
            except OSError:
                if proxy.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the proxy did not start: {log.read_text()}") from None
                time.sleep(0.1)
        yield Deployment(url, started, proxy, log)


# --------------------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------------------


def p95(values: list[float]) -> float:
    """Nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]


def _stats(values: list[float]) -> str:
    if not values:
        return "– | – | –"
    return f"{statistics.median(values):.2f} | {p95(values):.2f} | {max(values):.2f}"


def _command() -> str:
    return shlex.join([".venv/bin/python", "benchmarks/load_ws.py", *sys.argv[1:]])


def report(
    levels: list[Level],
    databases: dict[str, tuple[int, int]],
    startups: dict[str, list[tuple[float, float]]],
    args: argparse.Namespace,
    started: float,
) -> str:
    import importlib.metadata

    versions = ", ".join(
        f"{name} {importlib.metadata.version(name)}"
        for name in ("streamlit", "duckdb", "websockets")
    )
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# planwatch capacity: Streamlit-protocol load test",
        "",
        f"- Command: `{_command()}` (cwd the repository)",
        f"- Run: {now}, {(time.monotonic() - started) / 60:.1f} minutes in all",
        f"- Machine: os.cpu_count() = {os.cpu_count()}, {platform.platform()}; Python "
        f"{platform.python_version()}; {versions}",
        f"- Sessions: `benchmarks/ws_client.py` clients in one asyncio process, each signed in as "
        f"`{USER}` through the sign-in form, then {args.rounds} rounds of *Indikatorer* then "
        f"*Overblik*, a pause of {args.think * 0.5:g}–{args.think * 1.5:g} s (uniform, seeded) "
        f"before each visit; sessions start {args.stagger:g} s apart and the rounds start when "
        "all are signed in.",
        "- Time of a visit: from sending `rerun_script` until `script_finished` (every element "
        "sent). p95: nearest rank. Goal (issue 17): "
        f"{GOAL_SESSIONS} sessions at p95 ≤ {GOAL_P95_S:g} s on 2 cores.",
        "",
        "| database | rows | file MiB | servers | start s | RSS after start MiB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label, (rows, size) in databases.items():
        for servers, values in startups.items():
            if servers.startswith(label + "/"):
                start = ", ".join(f"{s:.1f}" for s, _ in values)
                rss = ", ".join(f"{r:.0f}" for _, r in values)
                lines.append(
                    f"| {label} | {rows:,} | {size / load.MIB:.1f} | {len(values)} | {start} "
                    f"| {rss} |"
                )
    lines += [
        "",
        "| database | servers | sessions | visits | all p50 / p95 / max s | indicators p50 / p95 "
        "/ max s | overview p50 / p95 / max s | sign-in p50 / max s | sign-ins refused as busy "
        "| visits/s | errors |",
        "|---|---:|---:|---:|---|---|---|---|---:|---:|---:|",
    ]
    for level in levels:
        signin = (
            f"{statistics.median(level.signins):.2f} / {max(level.signins):.2f}"
            if level.signins
            else "–"
        )
        by_page = {
            name: [v.seconds for v in level.visits if v.page == name]
            for name in PAGE_NAMES.values()
        }
        lines.append(
            f"| {level.database} | {level.servers} | {level.sessions} | {len(level.visits)} "
            f"| {_stats([v.seconds for v in level.visits]).replace(' | ', ' / ')} "
            f"| {_stats(by_page['indicators']).replace(' | ', ' / ')} "
            f"| {_stats(by_page['overview']).replace(' | ', ' / ')} | {signin} "
            f"| {level.busy_signins} "
            f"| {len(level.visits) / level.wall_s if level.wall_s else 0:.2f} "
            f"| {level.errors()} |"
        )
    lines += [
        "",
        "| database | servers | sessions | wall s | server CPU s (cores) | server peak RSS MiB "
        "| proxy CPU s | load client CPU s | uploads CPU s | rest of machine CPU s "
        "| load avg before → after |",
        "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    for level in levels:
        cores = level.server_cpu_s / level.wall_s if level.wall_s else 0.0
        lines.append(
            f"| {level.database} | {level.servers} | {level.sessions} | {level.wall_s:.1f} "
            f"| {level.server_cpu_s:.1f} ({cores:.2f}) | {level.peak_rss_mib:.0f} "
            f"| {level.proxy_cpu_s:.1f} | {level.client_cpu_s:.1f} | {level.upload_cpu_s:.1f} "
            f"| {level.rest_cpu_s:.1f} "
            f"| {level.load_before} → {level.load_after} |"
        )
    uploads = [level for level in levels if level.uploads]
    if uploads:
        lines += [
            "",
            "Uploads stored during the rounds (`planwatch import` of a 1,000-row quarterly file, "
            "a process of its own writing to the file the servers read):",
            "",
            "| database | servers | sessions | uploads | stored | seconds each (median / max) "
            "| refusals |",
            "|---|---:|---:|---:|---:|---|---|",
        ]
        for level in uploads:
            stored = [u for u in level.uploads if u.exit_code == 0]
            refused = sorted(
                {f"exit {u.exit_code}: {u.message}" for u in level.uploads}
                - {f"exit 0: {u.message}" for u in stored}
            )
            seconds = [u.seconds for u in level.uploads]
            lines.append(
                f"| {level.database} | {level.servers} | {level.sessions} | {len(level.uploads)} "
                f"| {len(stored)} | {statistics.median(seconds):.1f} / {max(seconds):.1f} "
                f"| {'; '.join(refused) or '–'} |"
            )
    problems = [
        f"- {level.database}, {level.servers} server(s), {level.sessions} sessions: {text}"
        for level in levels
        for text in [*level.failures, *{e for v in level.visits for e in v.errors}]
        + [f"server log: {line}" for line in level.log_problems]
    ]
    lines += ["", "Checks: all passed" if not problems else "Checks: FAILED", *problems[:60], ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def _stop_on_sigterm() -> None:
    def handler(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


def _numbers(text: str) -> list[int]:
    values = [int(part) for part in text.split(",") if part.strip()]
    if not values or any(v < 1 for v in values):
        raise argparse.ArgumentTypeError("positive whole numbers, comma-separated")
    return values


def _prepare_uploads(db: Path, folder: Path) -> list[str]:
    """The command that stores the 1,000-row quarterly file of benchmarks/uploads.py as the
    demo uploader (the OS account running this is mapped to the demo admin)."""
    import uploads as upload_bench  # benchmarks/uploads.py
    from planwatch.access import accounts, tokens
    from planwatch.storage import Store

    store = Store(db)
    admin = accounts.actor_for(store, "demo-admin", origin="load benchmark")
    tokens.map_os_user(store, admin, tokens.os_account(), "demo-admin", origin="load benchmark")
    csv_path = folder / "valid-1000.csv"
    rows = upload_bench.valid_1000_rows(upload_bench.plausible_totals(db))
    upload_bench._write_csv(csv_path, iter(rows))
    planwatch = Path(sys.executable).with_name("planwatch")
    return [
        str(planwatch),
        "--db",
        str(db),
        "import",
        str(csv_path),
        "--kind",
        "kpi",
        "--user",
        UPLOADER,
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sessions", type=_numbers, help="default 10,25,50,100 (--quick 10)")
    parser.add_argument(
        "--db", default=None, help="demo, large or both (default both; --quick demo)"
    )
    parser.add_argument("--servers", type=int, choices=(1, 2), default=1)
    parser.add_argument("--rounds", type=int, help="rounds per session (default 3; --quick 1)")
    parser.add_argument("--think", type=float, default=5.0, help="mean pause, s (default 5)")
    parser.add_argument(
        "--stagger", type=float, default=0.5, help="s between session starts (default 0.5)"
    )
    parser.add_argument(
        "--uploads-every",
        type=float,
        default=0.0,
        help="store an upload with `planwatch import` every S seconds during the rounds",
    )
    parser.add_argument("--quick", action="store_true", help="10 sessions, 1 round, the demo")
    parser.add_argument("--out", type=Path, help="also write the Markdown results to this file")
    args = parser.parse_args(argv)
    args.rounds = args.rounds or (1 if args.quick else 3)
    sessions = args.sessions or ([10] if args.quick else [10, 25, 50, 100])
    wanted = [n.strip() for n in (args.db or ("demo" if args.quick else "demo,large")).split(",")]
    if not wanted or set(wanted) - {"demo", "large"}:
        parser.error("--db: demo, large or both")
    _stop_on_sigterm()
    started = time.monotonic()
    levels: list[Level] = []
    startups: dict[str, list[tuple[float, float]]] = {}
    databases: dict[str, tuple[int, int]] = {}
    from planwatch.access import accounts
    from planwatch.storage import Store

    with tempfile.TemporaryDirectory(prefix="planwatch-load-ws-") as name:
        folder = Path(name)
        paths = {"demo": folder / "demo.duckdb", "large": folder / "large.duckdb"}
        page_bench.build_demo(paths["demo"])
        if "large" in wanted:
            page_bench.build_large(paths["demo"], paths["large"])
        try:
            for label in wanted:
                db = paths[label]
                counts = page_bench.table_counts(db)
                databases[label] = (sum(counts.values()), page_bench.file_size(db))
                password = accounts.demo_users(Store(db), origin="load benchmark")[USER]
                upload_command = _prepare_uploads(db, folder) if args.uploads_every > 0 else None
                with deployment(db, folder, label, args.servers) as deployed:
                    time.sleep(1.0)
                    startups[f"{label}/{args.servers}"] = [
                        (s.startup_s, load.rss_mib(load.process_tree(s.process.pid)))
                        for s in deployed.servers
                    ]
                    print(f"{label}: {args.servers} server(s) up at {deployed.url}", flush=True)
                    seen = 0
                    # Warm-up, untimed: one session per server process (imports, first queries).
                    plan = [(args.servers, True), *((count, False) for count in sessions)]
                    for count, warm in plan:
                        level = Level(label, args.servers, count, 1 if warm else args.rounds)
                        print(
                            f"{label}: {'warm-up' if warm else f'{count} sessions'} ...", flush=True
                        )
                        asyncio.run(
                            drive(
                                level,
                                deployed.url,
                                password,
                                0.0 if warm else args.think,
                                0.0 if warm else args.stagger,
                                args.servers == 2,
                                [s.process.pid for s in deployed.servers],
                                deployed.proxy.pid if deployed.proxy else None,
                                None if warm else upload_command,
                                args.uploads_every,
                            )
                        )
                        if not deployed.alive():
                            level.failures.append("a server or the proxy stopped")
                        problems = deployed.log_problems()
                        level.log_problems, seen = problems[seen:], len(problems)
                        visits = [v.seconds for v in level.visits]
                        print(
                            f"  {len(visits)} visits, p50/p95/max {_stats(visits)} s, "
                            f"server CPU {level.server_cpu_s:.1f} s in {level.wall_s:.1f} s, "
                            f"errors {level.errors()}, uploads "
                            f"{sum(u.exit_code == 0 for u in level.uploads)}/{len(level.uploads)}",
                            flush=True,
                        )
                        for text in sorted(
                            {*level.failures, *(e for v in level.visits for e in v.errors)}
                        )[:5]:
                            print(f"  ! {text}", flush=True)
                        if not warm or level.errors() or level.log_problems:
                            levels.append(level)
        except KeyboardInterrupt:
            print("interrupted: servers stopped; the levels finished so far:", file=sys.stderr)
            print(report(levels, databases, startups, args, started))
            return 130
    text = report(levels, databases, startups, args, started)
    print()
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 1 if any(level.errors() or level.log_problems for level in levels) else 0


if __name__ == "__main__":
    sys.exit(main())

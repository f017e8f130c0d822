"""Benchmark of the dashboard's pages: how long a page rerun takes, cold and from the cache.

Run from the repository root::

    .venv/bin/python benchmarks/pages.py [--quick] [--out benchmarks/results-pages.md]

The script builds two databases in a temporary folder: the demo database
(``reference.load(Store(path), demo=True)``) and a copy of it about a thousand times larger,
generated deterministically (fixed seed) on top of the demo, so that the pages show the same
plans and indicators. Then, for each database, page and language, it opens the page headless with
Streamlit's ``AppTest`` in this process and times one cold run (``st.cache_data`` cleared
just before) and N warm reruns (``app.run()`` again on the same ``AppTest``, served from the
cache, as a user clicking around gets them).

It is also a smoke test: it exits with status 1 when a page raises, shows an ``st.error`` or
shows the wrong title. Timings never make it fail.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import importlib.metadata
import io
import logging
import os
import platform
import pstats
import shlex
import statistics
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import duckdb
import numpy as np
import pandas as pd

ROOT: Final = Path(__file__).resolve().parents[1]
APP: Final = ROOT / "streamlit_app.py"
PAGES: Final = ("overview", "budget", "indicators", "about", "upload")
LANGUAGES: Final = ("da", "en")
SEED: Final = 20261129
MIB: Final = 1024 * 1024
APP_TIMEOUT_S: Final = 900

# The large database: what is added on top of the demo.
YEARS: Final = range(2000, 2026)  # quarterly figures 2000 Q1 - 2025 Q4
OBSERVATION_VERSIONS: Final = 9  # each figure: a first upload and eight later versions
PLAN_ID: Final = "2022-2025"
PLAN_YEARS: Final = range(2022, 2026)
INITIATIVES: Final = 100
MONEY_VERSIONS: Final = 5  # each allocation and spending figure: five versions
FIGURE_SOURCE: Final = "cmm-upload"
MONEY_SOURCE: Final = "planwatch-demo"
UPLOADER: Final = "benchmark:cmm-indberetter"
BUDGET_UPLOADER: Final = "benchmark:ministeriet-oekonomi"
# Shares of the total per breakdown value (each dimension adds up to at most 1).
SHARES: Final = {
    "sex": {"female": 0.55, "male": 0.4, "transgender": 0.05},
    "age_group": {"under_18": 0.2, "18_plus": 0.8},
    "exploitation": {
        "sexual": 0.35,
        "forced_labour": 0.25,
        "criminal_activities": 0.15,
        "forced_labour_or_criminal": 0.05,
        "slavery_like": 0.03,
        "undetermined": 0.07,
        "other": 0.04,
        "not_registered": 0.03,
        "unspecified": 0.03,
    },
}
ORGS: Final = (
    "Center mod Menneskehandel (Socialstyrelsen)",
    "Rigspolitiet",
    "Udlændingestyrelsen",
    "Reden International",
    "HopeNow",
    "AmiAmi",
)
BENCH_PACKAGES: Final = ("duckdb", "pandas", "numpy", "streamlit", "altair", "pyarrow")


# --------------------------------------------------------------------------------------------
# The databases
# --------------------------------------------------------------------------------------------


# The demo users' passwords (``demo_users`` draws new ones): the sign-in between two renders
# signs in as ``demo-viewer`` on both databases (the large one is a copy of the demo).
PASSWORDS: dict[str, str] = {}


def build_demo(path: Path) -> None:
    from planwatch.access.accounts import demo_users
    from planwatch.storage import Store
    from planwatch.uploads.reference import load

    load(Store(path), demo=True)
    # a viewer to sign in as (the pages refuse everyone else)
    PASSWORDS.update(demo_users(Store(path)))


def table_counts(path: Path) -> dict[str, int]:
    from planwatch.storage import Store, repository

    with Store(path).connect(read_only=True) as connection:
        return repository.table_counts(connection)


def file_size(path: Path) -> int:
    wal = path.with_name(path.name + ".wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def _check_vocabulary() -> None:
    """The breakdown codes written here must be the ones planwatch knows."""
    from planwatch.domain.vocab import BREAKDOWN_DIMENSIONS

    for dimension, shares in SHARES.items():
        assert set(shares) == set(BREAKDOWN_DIMENSIONS[dimension]), dimension
        assert round(sum(shares.values()), 9) <= 1, dimension


def _breakdowns() -> list[tuple[str, str, str, str, float]]:
    """(dimension, sex, age group, exploitation, share): the total and every single-dimension
    breakdown value, the other dimensions at 'all'."""
    rows = [("total", "all", "all", "all", 1.0)]
    for position, (dimension, shares) in enumerate(SHARES.items()):
        for code, share in shares.items():
            cells = ["all", "all", "all"]
            cells[position] = code
            rows.append((dimension, cells[0], cells[1], cells[2], share))
    return rows


def _quarter_end(year: int, quarter: int) -> dt.date:
    first_of_next = dt.date(year + (quarter == 4), quarter % 4 * 3 + 1, 1)
    return first_of_next - dt.timedelta(days=1)


def _stamp(day: dt.date, hour: int) -> str:
    """A naive UTC timestamp as text (DuckDB casts it), as planwatch stores them."""
    return f"{day.isoformat()} {hour:02d}:00:00"


def _register(connection: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    connection.register(name, frame)


def _change_set_ids(connection: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> dict[str, int]:
    """Insert the change sets (their ids come from the schema's sequence) and return the ids by
    description, which is unique per change set here."""
    _register(connection, "bench_change_sets", frame)
    try:
        connection.execute(
            """
            INSERT INTO change_sets (kind, recorded_at, recorded_by, reason, description)
            SELECT kind, CAST(recorded_at AS TIMESTAMP), recorded_by, reason, description
            FROM bench_change_sets ORDER BY recorded_at, description
            """
        )
        rows = connection.execute(
            "SELECT c.description, c.change_set_id FROM change_sets c "
            "JOIN bench_change_sets b USING (description)"
        ).fetchall()
    finally:
        connection.unregister("bench_change_sets")
    assert len(rows) == len(frame), "change set descriptions must be unique"
    return {str(description): int(cs) for description, cs in rows}


def _kind(version: int, period_index: int) -> str:
    """The first version is an upload; later ones alternate between a new upload and a
    correction, shifted per period so that half the periods end on a correction."""
    if version == 1:
        return "upload"
    return "correction" if (version + period_index) % 2 == 1 else "upload"


def _observation_rows(
    connection: duckdb.DuckDBPyConnection, rng: np.random.Generator
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every version of every quarterly figure, and the change sets they belong to."""
    indicators = connection.execute(
        """
        SELECT i.code, i.aggregation, median(o.value) AS typical
        FROM indicators i LEFT JOIN observation_versions o
          ON o.indicator_code = i.code AND o.quarter IS NULL
         AND o.sex = 'all' AND o.age_group = 'all' AND o.exploitation = 'all'
        GROUP BY i.code, i.aggregation ORDER BY i.code
        """
    ).fetchall()
    breakdowns = _breakdowns()
    quarters = [(year, quarter) for year in YEARS for quarter in range(1, 5)]
    final: dict[str, list[Any]] = {
        key: [] for key in ("indicator_code", "year", "quarter", "sex", "age_group", "exploitation")
    }
    values: list[int] = []
    for code, aggregation, typical in indicators:
        yearly = float(typical) if typical is not None else 40.0
        quarterly = max(yearly / 4 if aggregation == "flow" else yearly, 2.0)
        for year, quarter in quarters:
            trend = 0.6 + 0.8 * (year - YEARS[0]) / (len(YEARS) - 1)
            total = round(quarterly * trend * rng.uniform(0.7, 1.3))
            for _dimension, sex, age_group, exploitation, share in breakdowns:
                part = total if share == 1.0 else int(total * share * rng.uniform(0.8, 1.0))
                final["indicator_code"].append(code)
                final["year"].append(year)
                final["quarter"].append(quarter)
                final["sex"].append(sex)
                final["age_group"].append(age_group)
                final["exploitation"].append(exploitation)
                values.append(part)
    base = pd.DataFrame(final)
    base["quarter"] = base["quarter"].astype("int16")
    finals = np.asarray(values, dtype=np.int64)

    frames = []
    change_sets = []
    for version in range(1, OBSERVATION_VERSIONS + 1):
        # Early versions undercount (late registrations); the last one is the final figure.
        ratio = 1.0 if version == OBSERVATION_VERSIONS else 0.55 + 0.05 * version
        frame = base.copy()
        frame["value"] = np.floor(finals * ratio).astype(np.int64)
        frame["description"] = [
            f"benchmark: {year} K{quarter} v{version}"
            for year, quarter in zip(frame["year"], frame["quarter"], strict=True)
        ]
        frame["note"] = None if version == 1 else f"version {version}"
        frames.append(frame)
        for index, (year, quarter) in enumerate(quarters):
            kind = _kind(version, index)
            day = _quarter_end(year, quarter) + dt.timedelta(days=25 + 30 * (version - 1))
            change_sets.append(
                {
                    "kind": kind,
                    "recorded_at": _stamp(day, 9),
                    "recorded_by": UPLOADER,
                    "reason": (
                        f"Efterregistrering: sager registreret efter fristen (version {version})"
                        if kind == "correction"
                        else None
                    ),
                    "description": f"benchmark: {year} K{quarter} v{version}",
                }
            )
    return pd.concat(frames, ignore_index=True), pd.DataFrame(change_sets)


def _initiative_rows(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    areas = [
        row[0]
        for row in connection.execute(
            "SELECT code FROM action_areas WHERE plan_id = ? ORDER BY code", [PLAN_ID]
        ).fetchall()
    ]
    assert areas, f"the demo has no action areas for {PLAN_ID}"
    numbers = range(1, INITIATIVES + 1)
    return pd.DataFrame(
        {
            "code": [f"bench-{n:03d}" for n in numbers],
            "plan_id": PLAN_ID,
            "action_area_code": [areas[(n - 1) % len(areas)] for n in numbers],
            "name_da": [f"Illustrativt initiativ {n:03d}" for n in numbers],
            "name_en": [f"Illustrative initiative {n:03d}" for n in numbers],
            "responsible_org": [ORGS[(n - 1) % len(ORGS)] for n in numbers],
            "source_id": MONEY_SOURCE,
        }
    )


def _money_rows(
    codes: list[str], rng: np.random.Generator
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Allocations per year and spending per quarter, every figure in MONEY_VERSIONS versions:
    all allocations in one change set per budget revision (every 60 days from 2022), spending
    uploaded per quarter and then revised every 30 days."""
    allocated = {
        (code, year): int(rng.integers(100, 600)) * 1000 for code in codes for year in PLAN_YEARS
    }
    spent = {
        (code, year, quarter): int(allocated[code, year] / 4 * rng.uniform(0.5, 1.1) / 1000) * 1000
        for code in codes
        for year in PLAN_YEARS
        for quarter in range(1, 5)
    }
    allocations, spending, change_sets = [], [], []
    for version in range(1, MONEY_VERSIONS + 1):
        ratio = 1.0 if version == MONEY_VERSIONS else 0.75 + 0.05 * version
        kind = _kind(version, 0)
        description = f"benchmark: bevillinger v{version}"
        change_sets.append(
            {
                "kind": kind,
                "recorded_at": _stamp(dt.date(2022, 1, 15) + dt.timedelta(days=60 * version), 10),
                "recorded_by": BUDGET_UPLOADER,
                "reason": f"Omprioritering af bevillinger (version {version})"
                if kind == "correction"
                else None,
                "description": description,
            }
        )
        for (code, year), amount in allocated.items():
            allocations.append((code, year, round(amount * ratio, 2), description))
        for index, year in enumerate(PLAN_YEARS):
            for quarter in range(1, 5):
                kind = _kind(version, index * 4 + quarter)
                description = f"benchmark: forbrug {year} K{quarter} v{version}"
                day = _quarter_end(year, quarter) + dt.timedelta(days=20 + 30 * (version - 1))
                change_sets.append(
                    {
                        "kind": kind,
                        "recorded_at": _stamp(day, 11),
                        "recorded_by": BUDGET_UPLOADER,
                        "reason": f"Bogføringsrettelse (version {version})"
                        if kind == "correction"
                        else None,
                        "description": description,
                    }
                )
                for code in codes:
                    amount = spent[code, year, quarter]
                    spending.append((code, year, quarter, round(amount * ratio, 2), description))
    return (
        pd.DataFrame(allocations, columns=["initiative_code", "year", "amount_dkk", "description"]),
        pd.DataFrame(
            spending, columns=["initiative_code", "year", "quarter", "amount_dkk", "description"]
        ),
        pd.DataFrame(change_sets),
    )


def build_large(demo: Path, path: Path) -> None:
    """Copy the demo database and add the large, versioned history to it, in one transaction."""
    _check_vocabulary()
    path.write_bytes(demo.read_bytes())
    rng = np.random.default_rng(SEED)
    connection = duckdb.connect(str(path))
    try:
        connection.execute("BEGIN TRANSACTION")
        observations, observation_sets = _observation_rows(connection, rng)
        initiatives = _initiative_rows(connection)
        allocations, spending, money_sets = _money_rows(list(initiatives["code"]), rng)
        ids = _change_set_ids(connection, pd.concat([observation_sets, money_sets]))

        _register(connection, "bench_initiatives", initiatives)
        connection.execute(
            "INSERT INTO initiatives (code, plan_id, action_area_code, name_da, name_en, "
            "responsible_org, source_id) SELECT code, plan_id, action_area_code, name_da, "
            "name_en, responsible_org, source_id FROM bench_initiatives"
        )
        observations["change_set_id"] = observations.pop("description").map(ids)
        _register(connection, "bench_observations", observations)
        connection.execute(
            """
            INSERT INTO observation_versions (change_set_id, indicator_code, year, quarter, sex,
                age_group, exploitation, source_id, value, is_preferred, withdrawn, note)
            SELECT change_set_id, indicator_code, year, quarter, sex, age_group, exploitation,
                   ?, CAST(value AS DECIMAL(18, 3)), true, false, note
            FROM bench_observations ORDER BY change_set_id
            """,
            [FIGURE_SOURCE],
        )
        allocations["change_set_id"] = allocations.pop("description").map(ids)
        _register(connection, "bench_allocations", allocations)
        connection.execute(
            """
            INSERT INTO allocation_versions (change_set_id, initiative_code, year, source_id,
                amount_dkk, withdrawn, note)
            SELECT change_set_id, initiative_code, year, ?, CAST(amount_dkk AS DECIMAL(18, 2)),
                   false, 'illustrative'
            FROM bench_allocations ORDER BY change_set_id
            """,
            [MONEY_SOURCE],
        )
        spending["change_set_id"] = spending.pop("description").map(ids)
        _register(connection, "bench_spending", spending)
        connection.execute(
            """
            INSERT INTO spending_versions (change_set_id, initiative_code, year, quarter,
                source_id, amount_dkk, withdrawn, note)
            SELECT change_set_id, initiative_code, year, quarter, ?,
                   CAST(amount_dkk AS DECIMAL(18, 2)), false, 'illustrative'
            FROM bench_spending ORDER BY change_set_id
            """,
            [MONEY_SOURCE],
        )
        # Every generated upload and correction is approved an hour after it was recorded, so
        # that a viewer sees the whole history (unapproved figures would be hidden from them).
        connection.execute(
            """
            INSERT INTO reviews (change_set_id, decision, reviewed_at, reviewed_by, comment)
            SELECT change_set_id, 'approved', recorded_at + INTERVAL 1 HOUR,
                   'benchmark-approver', NULL
            FROM change_sets WHERE kind IN ('upload', 'correction')
            """
        )
        connection.execute("COMMIT")
        connection.execute("CHECKPOINT")
    finally:
        connection.close()


# --------------------------------------------------------------------------------------------
# Measuring the pages
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Measurement:
    database: str
    page: str
    language: str
    cold: float
    warm: list[float]
    charts: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def warm_median(self) -> float:
        return statistics.median(self.warm)

    @property
    def warm_min(self) -> float:
        return min(self.warm)


def _page_path(page: str) -> str:
    return f"src/planwatch/ui/pages/{page}.py"


@contextmanager
def _database(path: Path) -> Iterator[None]:
    before = os.environ.get("PLANWATCH_DB")
    os.environ["PLANWATCH_DB"] = str(path)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("PLANWATCH_DB", None)
        else:
            os.environ["PLANWATCH_DB"] = before


def _check(app: Any, page: str, language: str) -> list[str]:
    """What must hold after every run: no exception, no st.error, the page's own title."""
    from planwatch.ui.i18n import t

    failures = [f"exception: {e.value}" for e in app.exception]
    failures += [f"st.error: {e.value}" for e in app.error]
    titles = [str(e.value) for e in app.title]
    if titles != [t(page, language)]:
        failures.append(f"title {titles!r}, expected {t(page, language)!r}")
    return failures


def _open(page: str, language: str) -> Any:
    """A new AppTest on the page: a first run lands on the default page (AppTest can only
    switch to a page st.navigation has registered), then it switches to ``page``."""
    from streamlit.testing.v1 import AppTest

    from planwatch.domain.permissions import Actor, Role
    from planwatch.ui import state

    app = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT_S)
    app.session_state["language"] = language
    # Dashboard pages as a viewer sees them; the upload page as an uploader (the demo users).
    role = Role.UPLOADER if page == "upload" else Role.VIEWER
    app.session_state[state.ACTOR_KEY] = Actor(f"demo-{role.value}", frozenset({role}))
    app.session_state[state.LAST_ACTIVITY_KEY] = time.time()
    app.run()
    app.switch_page(_page_path(page))
    return app


def _timed(run: Callable[[], Any]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def measure(
    database: str, page: str, language: str, warm_runs: int, *, after_start: bool = False
) -> Measurement:
    """One cold run (``st.cache_data`` cleared; with ``after_start``, also the small-count
    patterns the process keeps across requests, as a server finds them on its first visit
    after it starts) and ``warm_runs`` reruns."""
    import streamlit

    from planwatch.figures import small_counts

    app = _open(page, language)
    streamlit.cache_data.clear()
    if after_start:
        small_counts.forget_patterns()
    cold = _timed(app.run)
    failures = _check(app, page, language)
    warm = []
    for _ in range(warm_runs):
        warm.append(_timed(app.run))
        failures += _check(app, page, language)
    charts = len(app.get("vega_lite_chart"))
    return Measurement(database, page, language, cold, warm, charts, sorted(set(failures)))


@dataclass(slots=True)
class SignInMeasurement:
    """A page rendered cold, then warm, then once more after another user signed in (an audit
    entry, a write to the database file): is that last render still served from the cache?"""

    database: str
    page: str
    language: str
    cold: float
    warm: float
    after_sign_in: list[float]
    failures: list[str] = field(default_factory=list)


def measure_sign_in(
    database: str, path: Path, page: str, language: str, repeats: int
) -> SignInMeasurement:
    import streamlit

    from planwatch.access import accounts
    from planwatch.storage import Store

    app = _open(page, language)
    streamlit.cache_data.clear()
    cold = _timed(app.run)
    failures = _check(app, page, language)
    warm = _timed(app.run)
    failures += _check(app, page, language)
    after = []
    for _ in range(repeats):
        accounts.sign_in(Store(path), "demo-viewer", PASSWORDS["demo-viewer"], origin="benchmark")
        after.append(_timed(app.run))
        failures += _check(app, page, language)
    return SignInMeasurement(database, page, language, cold, warm, after, sorted(set(failures)))


def warm_up(path: Path) -> None:
    """Open every page once, untimed, so that imports and first-use set-up are not timed."""
    with _database(path):
        for page in PAGES:
            _open(page, "da").run()


def _profiled(app: Any) -> tuple[float, cProfile.Profile]:
    """Time and profile one ``app.run()``. AppTest runs the script in a thread of its own, so
    the profiler is switched on inside that thread (``threading.setprofile``)."""
    profiler = cProfile.Profile()

    def start(*_: object) -> None:
        sys.setprofile(None)
        profiler.enable()

    threading.setprofile(start)
    try:
        seconds = _timed(app.run)
    finally:
        threading.setprofile(None)  # type: ignore[arg-type]
    profiler.disable()
    return seconds, profiler


def profile(page: str, language: str, top: int) -> str:
    """cProfile of one cold run of a page, then of one warm rerun of it."""
    import streamlit

    app = _open(page, language)
    streamlit.cache_data.clear()
    out = io.StringIO()
    for label in ("cold run", "warm rerun"):
        seconds, profiler = _profiled(app)
        failures = _check(app, page, language)
        out.write(f"\n=== cProfile of one {label} of {page} ({language}): {seconds:.3f} s wall")
        out.write(f"{'; FAILED: ' + str(failures) if failures else ''}\n")
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("cumulative").print_stats(top)
        out.write(f"--- {label}: planwatch's own functions only\n")
        stats.sort_stats("cumulative").print_stats("planwatch", top)
    text = out.getvalue()
    for prefix in sorted({*sys.path, str(ROOT)}, key=len, reverse=True):
        if prefix and prefix.startswith("/"):
            text = text.replace(prefix.rstrip("/") + "/", "")
    return text


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def _versions() -> str:
    found = []
    for name in BENCH_PACKAGES:
        try:
            found.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name} n/a")
    return ", ".join(found)


def _memory_total() -> str:
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemTotal:"):
                    return f"{int(line.split()[1]) / MIB:.1f} GiB RAM"
    except OSError:
        pass
    return "RAM unknown"


def _command() -> str:
    python = Path(sys.executable)
    try:
        shown = str(python.relative_to(Path.cwd())) if not python.is_symlink() else None
    except ValueError:
        shown = None
    if shown is None:
        venv = ROOT / ".venv" / "bin" / "python"
        shown = ".venv/bin/python" if Path(sys.prefix) == venv.parents[1] else sys.executable
    return shlex.join([shown, *sys.argv])


def report(
    measurements: list[Measurement],
    databases: dict[str, tuple[Path, dict[str, int], float]],
    *,
    warm_runs: int,
    languages: tuple[str, ...],
    started: float,
    sign_ins: list[SignInMeasurement] | None = None,
) -> str:
    sign_ins = sign_ins or []
    lines = [
        "# planwatch page benchmark",
        "",
        f"- Command: `{_command()}` (cwd `{Path.cwd()}`)",
        f"- Run: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, "
        f"{(time.monotonic() - started) / 60:.1f} minutes in all",
        f"- Machine: os.cpu_count() = {os.cpu_count()}, {_memory_total()}, {platform.platform()}",
        f"- Python {platform.python_version()}; {_versions()}",
        f"- Per page and language: 1 cold run (new AppTest, `st.cache_data` cleared) and "
        f"{warm_runs} warm rerun{'s' if warm_runs != 1 else ''} (`app.run()` on the same "
        f"AppTest); languages: {', '.join(languages)}",
        "",
        "Rows per table (`repository.table_counts`):",
        "",
        "| table | " + " | ".join(databases) + " |",
        "|---|" + "---:|" * len(databases),
    ]
    counts = [entry[1] for entry in databases.values()]
    for table in counts[0]:
        lines.append(f"| {table} | " + " | ".join(f"{c[table]:,}" for c in counts) + " |")
    lines.append("| **total** | " + " | ".join(f"**{sum(c.values()):,}**" for c in counts) + " |")
    lines.append(
        "| file size MiB | "
        + " | ".join(f"{file_size(entry[0]) / MIB:.1f}" for entry in databases.values())
        + " |"
    )
    lines.append(
        "| build s | " + " | ".join(f"{entry[2]:.1f}" for entry in databases.values()) + " |"
    )
    totals = [sum(c.values()) for c in counts]
    if len(totals) == 2 and totals[0]:
        lines += ["", f"The large database has {totals[1] / totals[0]:,.0f} x the demo's rows."]
    lines += [
        "",
        "| database | page | language | cold s | warm median s | warm min s | charts |",
        "|---|---|---|---:|---:|---:|---:|",
    ]
    for m in measurements:
        lines.append(
            f"| {m.database} | {m.page} | {m.language} | {m.cold:.3f} | "
            f"{m.warm_median:.3f} | {m.warm_min:.3f} | {m.charts} |"
        )
    if sign_ins:
        lines += [
            "",
            "A sign-in between two renders (`accounts.sign_in` of `demo-viewer`: an audit entry, "
            "a write to the file), as many times as there are warm reruns: the render after "
            "each, against a cold and a warm one (Danish).",
            "",
            "| database | page | language | cold s | warm s | after a sign-in: median s | "
            "min s | max s |",
            "|---|---|---|---:|---:|---:|---:|---:|",
        ]
        for s in sign_ins:
            lines.append(
                f"| {s.database} | {s.page} | {s.language} | {s.cold:.3f} | {s.warm:.3f} | "
                f"{statistics.median(s.after_sign_in):.3f} | {min(s.after_sign_in):.3f} | "
                f"{max(s.after_sign_in):.3f} |"
            )
    failures = [
        f"{m.database}/{m.page}/{m.language}: {f}"
        for m in [*measurements, *sign_ins]
        for f in m.failures
    ]
    lines += ["", "Page checks: " + ("all passed" if not failures else "FAILED")]
    lines += [f"- {failure}" for failure in failures]
    return "\n".join(lines) + "\n"


class _DropNotes(logging.Filter):
    NOTES: Final = ("missing ScriptRunContext", "No runtime found")

    def filter(self, record: logging.LogRecord) -> bool:
        return not any(note in record.getMessage() for note in self.NOTES)


def _quiet_apptest_notes() -> None:
    """Drop the two notes Streamlit logs on every AppTest outside a server, expected here.
    A filter, not a level: Streamlit resets its loggers' levels when its config is read."""
    for name in (
        "streamlit.runtime.scriptrunner_utils.script_run_context",
        "streamlit.runtime.caching.cache_data_api",
    ):
        logging.getLogger(name).addFilter(_DropNotes())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="1 warm rerun, Danish only")
    parser.add_argument("--out", type=Path, help="also write the Markdown results to this file")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="afterwards, cProfile a cold run and a warm rerun of the slowest cold page on the "
        "large database",
    )
    parser.add_argument(
        "--pages",
        nargs="+",
        choices=PAGES,
        default=list(PAGES),
        help="only these pages (default: all)",
    )
    parser.add_argument(
        "--large-pages",
        nargs="*",
        choices=PAGES,
        help="on the large database only these pages (default: the same as --pages); since "
        "issue 16's small-count suppression a cold Indicators page there takes many minutes",
    )
    parser.add_argument(
        "--first-after-start",
        action="store_true",
        help="the cold run also without the small-count patterns the process keeps across "
        "requests (small_counts._patterns): the first visit after a server starts. Without it, "
        "the cold run finds them computed by the untimed first run of the page",
    )
    parser.add_argument(
        "--without-kept-patterns",
        action="store_true",
        help="do not keep the small-count patterns in the databases before measuring (as "
        "planwatch serve does before it takes sessions): with --first-after-start, a server's "
        "first visit before round 40",
    )
    args = parser.parse_args(argv)
    if args.large_pages is None:
        args.large_pages = args.pages
    _quiet_apptest_notes()
    warm_runs = 1 if args.quick else 5
    languages = ("da",) if args.quick else LANGUAGES
    started = time.monotonic()
    measurements: list[Measurement] = []
    with tempfile.TemporaryDirectory(prefix="planwatch-pages-") as folder:
        demo = Path(folder) / "demo.duckdb"
        large = Path(folder) / "large.duckdb"
        begin = time.monotonic()
        build_demo(demo)
        demo_build = time.monotonic() - begin
        begin = time.monotonic()
        build_large(demo, large)
        large_build = time.monotonic() - begin
        databases = {
            "demo": (demo, table_counts(demo), demo_build),
            "large": (large, table_counts(large), large_build),
        }
        for name, (path, counts, seconds) in databases.items():
            print(
                f"{name}: {sum(counts.values()):,} rows, {file_size(path) / MIB:.1f} MiB, "
                f"built in {seconds:.1f} s: {counts}",
                flush=True,
            )
        if not args.without_kept_patterns:
            from planwatch.figures import kept_patterns
            from planwatch.settings import load_settings
            from planwatch.storage import Store

            threshold = load_settings().small_count_threshold
            for name, (path, _counts, _seconds) in databases.items():
                kept = kept_patterns.keep(Store(path), threshold)
                print(
                    f"{name}: small-count patterns kept as planwatch serve does before it takes "
                    f"sessions: {kept.solved} indicator-years solved in {kept.seconds:.1f} s",
                    flush=True,
                )
        warm_up(demo)
        for name, (path, _counts, _seconds) in databases.items():
            with _database(path):
                for page in args.large_pages if name == "large" else args.pages:
                    for language in languages:
                        try:
                            m = measure(
                                name, page, language, warm_runs, after_start=args.first_after_start
                            )
                        except Exception:
                            m = Measurement(name, page, language, float("nan"), [float("nan")])
                            m.failures.append(traceback.format_exc())
                        measurements.append(m)
                        print(
                            f"{name:5} {page:10} {language}: cold {m.cold:.3f} s, warm median "
                            f"{m.warm_median:.3f} s, min {m.warm_min:.3f} s"
                            + (f"  FAILED: {m.failures}" if m.failures else ""),
                            flush=True,
                        )
        sign_ins: list[SignInMeasurement] = []
        for name, (path, _counts, _seconds) in databases.items():
            with _database(path):
                for page in args.large_pages if name == "large" else args.pages:
                    try:
                        s = measure_sign_in(name, path, page, languages[0], warm_runs)
                    except Exception:
                        nan = float("nan")
                        s = SignInMeasurement(name, page, languages[0], nan, nan, [nan])
                        s.failures.append(traceback.format_exc())
                    sign_ins.append(s)
                    print(
                        f"{name:5} {page:10} {languages[0]}: cold {s.cold:.3f} s, warm "
                        f"{s.warm:.3f} s, after a sign-in (median of {len(s.after_sign_in)}) "
                        f"{statistics.median(s.after_sign_in):.3f} s"
                        + (f"  FAILED: {s.failures}" if s.failures else ""),
                        flush=True,
                    )
        text = report(
            measurements,
            databases,
            warm_runs=warm_runs,
            languages=languages,
            started=started,
            sign_ins=sign_ins,
        )
        print()
        print(text)
        if args.out:
            args.out.write_text(text, encoding="utf-8")
        if args.profile:
            slowest = max(
                (m for m in measurements if m.database == "large" and not m.failures),
                key=lambda m: m.cold,
            )
            with _database(large):
                profiled = profile(slowest.page, slowest.language, top=20)
            print(profiled)
            if args.out:
                with args.out.open("a", encoding="utf-8") as out:
                    out.write(
                        f"\n## Profile (`--profile`): {slowest.page} ({slowest.language}) on the "
                        "large database, the slowest cold page\n\n"
                        f"```text\n{profiled.strip()}\n```\n"
                    )
    return 1 if any(m.failures for m in [*measurements, *sign_ins]) else 0


if __name__ == "__main__":
    sys.exit(main())

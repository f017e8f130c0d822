"""Benchmark of uploads: how long ``ingest.import_file`` takes and how much memory it needs.

Run from the repository root::

    .venv/bin/python benchmarks/uploads.py [--quick] [--out benchmarks/results-uploads.md]

The script builds the demo database once (``reference.load(Store(path), demo=True)``) in a
temporary folder, writes deterministic upload files of kind ``kpi`` beside it, and then times one
``import_file`` call per file and repetition, each in a fresh Python process (this same script in
its hidden ``--measure`` mode) working on a fresh copy of the demo database. Beside each CSV it
times DuckDB alone reading a UTF-8 copy of the same file, as a floor for "just reading it".

``--whole N`` also measures whole processes (issue 17's target for the largest valid upload):
a fresh interpreter that imports planwatch and stores the file on a fresh copy of the demo
database, against a fresh interpreter in which DuckDB reads the same file into a table
(``CREATE TABLE t AS SELECT * FROM read_csv(<file>, delim=';', header=true,
encoding='latin-1')``), run alternately N times after one warm-up each, wall time and peak
resident memory from ``/usr/bin/time``; it prints the medians and the ratios. ``--baseline SRC``
adds the same planwatch process run from another source folder (``PYTHONPATH=SRC``, e.g. main's
code from ``git archive``), in turn with the others, so before and after share the load.
``--whole-only`` skips the in-process table.

It is also a smoke test: it exits with status 1 when an outcome is wrong (a valid file not
stored, an error file not refused, the report not capped...). Timings never make it fail.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import importlib.metadata
import itertools
import json
import math
import os
import platform
import random
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Final

SEED: Final = 20261129
TODAY: Final = dt.date(2026, 11, 29)
KIND: Final = "kpi"
USER: Final = "benchmark"
MIB: Final = 1024 * 1024

# Limits raised far enough that every file here is parsed to its end, the million-row file too.
RAISED_LIMITS: Final = {"max_rows": 2_000_000, "max_bytes": 200 * MIB}
# The cap on a sheet's cells (``raw_tables.MAX_CELLS``, 3,000,000: a million rows of eight
# columns is refused before it is parsed) is a constant, not a ``ReadLimits`` field: with the
# raised limits the measuring process raises it too, to this.
RAISED_MAX_CELLS: Final = 2_000_000 * 16
ERROR_ROWS: Final = 1_000_000
VALID_ROWS: Final = 1_000
PROBLEM_CAP: Final = 1_000  # import_file's default problem_cap
CHILD_TIMEOUT_S: Final = 3_600

HEADER: Final = (
    "indikator",
    "år",
    "kvartal",
    "værdi",
    "køn",
    "aldersgruppe",
    "udnyttelsesform",
    "bemærkning",
)
# A breakdown as a row of the file: (sex, age group, exploitation), blank = the total. The Danish
# labels are written, not the codes, as people filling in the template would.
TOTAL_ROW: Final = ("", "", "")
BENCH_PACKAGES: Final = (
    "duckdb",
    "pandas",
    "pandera",
    "numpy",
    "pyarrow",
    "openpyxl",
    "python-calamine",
)


# --------------------------------------------------------------------------------------------
# What to measure
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Case:
    """One file to upload, the limits to read it with, and the outcome it must have."""

    label: str
    path: str
    rows: int
    expect: str  # "stored", "refused-parsed" or "refused-at-once"
    limits: dict[str, int] | None  # None = ReadLimits() defaults
    duckdb_copy: str | None = None  # UTF-8 copy of a CSV for the DuckDB baseline
    repeat: int = 1


@dataclass(slots=True)
class Measurement:
    seconds: float
    rss_delta_kb: int
    rss_peak_kb: int
    status: str
    summary: str
    failures: list[str] = field(default_factory=list)
    tracemalloc_peak_kb: int | None = None
    cpu_seconds: float = math.nan  # user + system time of the call, all threads


@dataclass(slots=True)
class Result:
    case: Case
    runs: list[Measurement]
    duckdb_seconds: list[float]
    tracemalloc_kb: int | None = None

    @property
    def failures(self) -> list[str]:
        return [f for run in self.runs for f in run.failures]


# --------------------------------------------------------------------------------------------
# Data generator
# --------------------------------------------------------------------------------------------


def _breakdown_rows() -> dict[str, list[tuple[str, str, str]]]:
    """Each single-dimension breakdown value as a (sex, age group, exploitation) row."""
    from planwatch.domain.vocab import BREAKDOWN_DIMENSIONS

    rows: dict[str, list[tuple[str, str, str]]] = {}
    for position, (dimension, terms) in enumerate(BREAKDOWN_DIMENSIONS.items()):
        rows[dimension] = []
        for term in terms.values():
            cells = ["", "", ""]
            cells[position] = term.label_da
            rows[dimension].append((cells[0], cells[1], cells[2]))
    return rows


def plausible_totals(db: Path) -> dict[str, tuple[int, int]]:
    """Per indicator, the whole-number totals that raise no outlier warning against the demo
    database's history (the rule of ``upload_checks.check_outliers`` on a database with no
    quarterly figures yet: a flow year counts as four quarters of a quarter of it)."""
    from planwatch.storage import Store, upload_sql
    from planwatch.uploads.checks import OUTLIER_FACTOR

    with Store(db).connect(read_only=True) as connection:
        indicators = upload_sql.definitions(connection)["indicators"]
        codes = sorted(i["code"] for i in indicators)
        history = upload_sql.quarterly_history(connection, codes)
    aggregation = {i["code"]: i["aggregation"] for i in indicators}
    ranges: dict[str, tuple[int, int]] = {}
    for code in codes:
        divisor = 4 if aggregation[code] == "flow" else 1
        baseline = [
            float(h["value"]) / divisor
            for h in history
            if h["indicator_code"] == code and h["quarter"] is None
        ]
        if len(baseline) < 3:
            ranges[code] = (10, 1000)
            continue
        low = math.ceil(min(baseline) / OUTLIER_FACTOR)
        high = min(math.floor(max(baseline) * OUTLIER_FACTOR), 5000)
        assert low <= high, f"no whole total for {code} avoids an outlier warning"
        ranges[code] = (min(max(low, 1), high), high)
    return ranges


def _parts(rng: random.Random, total: int, count: int) -> list[int]:
    """``count`` whole parts that add up to at most ``total``."""
    return [rng.randint(0, total // count) for _ in range(count)]


def _write_csv(path: Path, rows: Iterator[Sequence[object]]) -> int:
    """Write as Danish Excel does: Windows-1252, semicolons, CRLF. Returns the data rows."""
    written = 0
    with path.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADER)
        for row in rows:
            writer.writerow(row)
            written += 1
    return written


def _quarters(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    start, end = first[0] * 4 + first[1] - 1, last[0] * 4 + last[1] - 1
    return [(index // 4, index % 4 + 1) for index in range(start, end + 1)]


def valid_1000_rows(totals: dict[str, tuple[int, int]]) -> list[list[object]]:
    """1 000 rows: per indicator and quarter from 2023 Q1 to 2026 Q3 (ended by 2026-09-30), the
    total and the figures for women and men, each part at most half the total. Contiguous
    quarters per indicator, so no gap warning; cut off after exactly 1 000 rows."""
    rng = random.Random(SEED)
    sex = _breakdown_rows()["sex"]
    rows: list[list[object]] = []
    for code in sorted(totals):
        for year, quarter in _quarters((2023, 1), (2026, 3)):
            total = rng.randint(*totals[code])
            female, male = _parts(rng, total, 2)
            note = "Foreløbigt tal" if quarter == 3 and year == 2026 else ""
            rows.append([code, year, quarter, total, *TOTAL_ROW, note])
            rows.append([code, year, quarter, female, *sex[0], ""])
            rows.append([code, year, quarter, male, *sex[1], ""])
    return rows[:VALID_ROWS]


def valid_max_rows(totals: dict[str, tuple[int, int]]) -> Iterator[list[object]]:
    """Every indicator x every year 2000-2025 x quarters 1-4 x (the total and each value of
    each single breakdown dimension: 3 sexes + 2 age groups + 9 forms of exploitation). Within
    each dimension the parts add up to at most the total."""
    rng = random.Random(SEED + 1)
    breakdowns = _breakdown_rows()
    for code in sorted(totals):
        for year, quarter in _quarters((2000, 1), (2025, 4)):
            total = rng.randint(*totals[code])
            yield [code, year, quarter, total, *TOTAL_ROW, ""]
            for cells in breakdowns.values():
                for part, breakdown in zip(_parts(rng, total, len(cells)), cells, strict=True):
                    yield [code, year, quarter, part, *breakdown, ""]


def valid_max_count(indicators: int) -> int:
    breakdowns = 1 + sum(len(cells) for cells in _breakdown_rows().values())
    return indicators * len(_quarters((2000, 1), (2025, 4))) * breakdowns


def error_rows(codes: Sequence[str], count: int) -> Iterator[list[object]]:
    """``count`` rows, each with at least one error, of a seeded mix of kinds: text where a
    number belongs, unknown indicators, quarter 7, negative values, years out of range, unknown
    breakdowns, fractions of a count, missing cells, and rows with several at once."""
    rng = random.Random(SEED + 2)
    sex_labels = ["Kvinder", "Mænd", ""]
    words = ["mange", "ca. 12", "n/a", "12 personer", "ukendt", "—"]

    def good() -> list[object]:
        return [
            rng.choice(codes),
            rng.randint(2000, 2025),
            rng.randint(1, 4),
            rng.randint(0, 500),
            rng.choice(sex_labels),
            "",
            "",
            "",
        ]

    for _ in range(count):
        row = good()
        kind = rng.randrange(10)
        if kind == 0:
            row[3] = rng.choice(words)  # not-a-number
        elif kind == 1:
            row[0] = f"ukendt_indikator_{rng.randint(1, 99)}"  # unknown-indicator
        elif kind == 2:
            row[2] = 7  # quarter-out-of-range
        elif kind == 3:
            row[3] = -rng.randint(1, 500)  # negative-value
        elif kind == 4:
            row[1] = rng.choice(["tyve-femogtyve", "2O24", "år 2024"])  # not-a-number
        elif kind == 5:
            row[1] = rng.choice([1999, 1850, 2101])  # year-too-early / year-too-late
        elif kind == 6:
            row[4] = rng.choice(["robot", "begge", "K/M"])  # not-in-vocabulary
        elif kind == 7:
            row[3] = f"{rng.randint(0, 99)},5"  # not-a-whole-number
        elif kind == 8:
            row[2], row[3] = "", ""  # missing-value
        else:  # several at once
            row[0] = "hvem ved"
            row[2] = 7
            row[3] = rng.choice(words)
            row[5] = "gammel"
            row[7] = "flere fejl i én række"
        yield row


def write_xlsx(path: Path, rows: Sequence[Sequence[object]]) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("kpi")
    sheet.append(list(HEADER))
    for row in rows:
        sheet.append([cell if cell != "" else None for cell in row])
    workbook.save(path)


def utf8_copy(path: Path) -> Path:
    """The same CSV in UTF-8, which DuckDB reads without the ``encodings`` extension."""
    copy = path.with_name(path.stem + ".utf8.csv")
    copy.write_text(path.read_text(encoding="cp1252"), encoding="utf-8", newline="")
    return copy


def generate(folder: Path, db: Path, repeat: int, repeat_errors: int) -> tuple[list[Case], str]:
    """Write every upload file; return the cases and a note on how valid-max was built."""
    from planwatch.uploads.raw_tables import ReadLimits

    totals = plausible_totals(db)
    cases: list[Case] = []

    small = valid_1000_rows(totals)
    path = folder / "valid-1000.csv"
    rows = _write_csv(path, iter(small))
    assert rows == VALID_ROWS
    cases.append(Case(path.name, str(path), rows, "stored", RAISED_LIMITS, str(utf8_copy(path))))

    warmup = folder / "warmup.csv"
    _write_csv(warmup, iter(small[:30]))

    path = folder / "valid-max.csv"
    rows = _write_csv(path, valid_max_rows(totals))
    expected = valid_max_count(len(totals))
    assert rows == expected, (rows, expected)
    breakdowns = 1 + sum(len(cells) for cells in _breakdown_rows().values())
    how = (
        f"valid-max.csv: {len(totals)} indicators x 26 years (2000-2025) x 4 quarters x "
        f"{breakdowns} breakdowns (the total + 3 sexes + 2 age groups + 9 forms of "
        f"exploitation) = {rows:,} rows, not capped"
    )
    cases.append(Case(path.name, str(path), rows, "stored", RAISED_LIMITS, str(utf8_copy(path))))

    path = folder / "valid-1000.xlsx"
    write_xlsx(path, small)
    cases.append(Case(path.name, str(path), VALID_ROWS, "stored", RAISED_LIMITS))

    path = folder / f"errors-{ERROR_ROWS}.csv"
    rows = _write_csv(path, error_rows(sorted(totals), ERROR_ROWS))
    copy = str(utf8_copy(path))
    cases.append(Case(path.name, str(path), rows, "refused-parsed", RAISED_LIMITS, copy))
    cases.append(
        Case(f"{path.name} (default limits)", str(path), rows, "refused-at-once", None, copy)
    )
    # The largest error file the default limits let through: ReadLimits().max_rows rows.
    most = ReadLimits().max_rows
    path = folder / f"errors-{most}.csv"
    rows = _write_csv(path, itertools.islice(error_rows(sorted(totals), ERROR_ROWS), most))
    copy = str(utf8_copy(path))
    cases.append(
        Case(f"{path.name} (default limits)", str(path), rows, "refused-parsed", None, copy)
    )
    for case in cases:
        case.repeat = repeat_errors if case.rows == ERROR_ROWS and case.limits else repeat
    return cases, how


# --------------------------------------------------------------------------------------------
# One measurement, in a fresh process (the hidden --measure mode)
# --------------------------------------------------------------------------------------------


def _maxrss_kb() -> int:
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # kB on Linux


def _status_kb(field: str) -> int | None:
    """A ``/proc/self/status`` figure in kB (VmHWM: peak resident set; VmRSS: now)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def _peak_kb() -> int:
    """The process's peak resident set so far, in kB.

    ``ru_maxrss`` alone is not enough in a child started by ``subprocess``: at exec, Linux keeps
    the peak of the image it replaces (the launching parent's memory, copied at fork) in the
    child's ``ru_maxrss``, so a child of a 400 MB parent starts with a 400 MB peak. ``VmHWM``
    belongs to the new image only, so it is used where Linux has it."""
    hwm = _status_kb("VmHWM")
    return hwm if hwm is not None else _maxrss_kb()


def _reset_peak() -> bool:
    """Reset VmHWM to the present resident set (Linux >= 4.0), so that the peak read after the
    call is the call's own, not an earlier one (imports, the warm-up call)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _check(case: Case, report: Any, db: Path) -> list[str]:
    """What must be true of the outcome; each failure as one line of text."""
    failures: list[str] = []

    def expect(condition: bool, text: str) -> None:
        if not condition:
            failures.append(f"{case.label}: {text}")

    codes = dict(report.problem_counts)
    counted = sum(codes.values())
    if case.expect != "refused-at-once":
        shape = (report.file_format, report.encoding, report.delimiter)
        wanted = ("xlsx", None, None) if case.path.endswith(".xlsx") else ("csv", "cp1252", ";")
        expect(shape == wanted, f"read as {shape}, expected {wanted}")
    if case.expect == "stored":
        expect(report.status == "stored", f"status {report.status!r}, expected 'stored'")
        expect(report.rows_read == case.rows, f"rows_read {report.rows_read} != {case.rows}")
        expect(report.rows_new == case.rows, f"rows_new {report.rows_new} != {case.rows}")
        expect(report.rows_corrected == 0, f"rows_corrected {report.rows_corrected} != 0")
        expect(report.errors == 0 and report.warnings == 0, f"problems {codes}")
        if report.status == "stored":
            import duckdb

            with duckdb.connect(str(db), read_only=True) as connection:
                stored = connection.execute(
                    "SELECT count(*) FROM observation_versions WHERE source_id = 'cmm-upload'"
                ).fetchall()[0][0]
            expect(stored == case.rows, f"{stored} upload rows in the database, not {case.rows}")
        if report.status != "stored":
            failures.extend(
                f"    {p.code} row {p.row}: {p.message_en}" for p in report.problems[:5]
            )
    elif case.expect == "refused-parsed":
        expect(report.status == "refused", f"status {report.status!r}, expected 'refused'")
        expect(report.rows_read == case.rows, f"rows_read {report.rows_read} != {case.rows}")
        expect(
            len(report.problems) <= PROBLEM_CAP,
            f"{len(report.problems)} problems kept, cap {PROBLEM_CAP}",
        )
        expect(report.problems_truncated, "problems_truncated is False")
        expect(counted >= case.rows, f"only {counted} problems counted for {case.rows} bad rows")
        expect(report.errors >= case.rows, f"only {report.errors} errors for {case.rows} rows")
    else:  # refused-at-once
        expect(report.status == "refused", f"status {report.status!r}, expected 'refused'")
        expect(
            set(codes) <= {"file-too-large", "too-many-rows"} and counted == 1,
            f"refused with {codes}, expected one file-too-large or too-many-rows",
        )
        expect(report.rows_read == 0, f"rows_read {report.rows_read}: the file was parsed")
    return failures


def _summary(case: Case, report: Any) -> str:
    if report.status == "stored":
        return f"stored ({report.rows_new:,} new)"
    counts = report.problem_counts
    if case.expect == "refused-at-once" or sum(counts.values()) == 1:
        return f"{report.status} ({', '.join(counts)})"
    return (
        f"{report.status} ({sum(counts.values()):,} problems counted, "
        f"{len(report.problems):,} kept)"
    )


def measure(job: dict[str, Any]) -> dict[str, Any]:
    """Time one import_file call in this (fresh) process; peak RSS above the baseline."""
    from planwatch.domain.permissions import Actor, Role
    from planwatch.storage import Store
    from planwatch.uploads import ingest
    from planwatch.uploads.raw_tables import ReadLimits

    def acting(name: str) -> Actor:
        return Actor(name, frozenset({Role.UPLOADER}), origin="benchmark")

    case = Case(**job["case"])
    work = Path(job["work"])
    limits = ReadLimits(**case.limits) if case.limits else ReadLimits()
    if case.limits:
        from planwatch.uploads import raw_tables

        raw_tables.MAX_CELLS = RAISED_MAX_CELLS  # type: ignore[misc]  # see RAISED_MAX_CELLS

    # Warm-up: the first call in a process pays for lazy imports and first-use set-up.
    warm_db = work / "warmup.duckdb"
    shutil.copy(job["db"], warm_db)
    warm = Path(job["warmup"])
    ingest.import_file(
        Store(warm_db),
        warm.read_bytes(),
        warm.name,
        KIND,
        actor=acting(USER),
        today=TODAY,
        dry_run=True,
    )
    warm_db.unlink()

    db = work / "run.duckdb"
    shutil.copy(job["db"], db)
    store = Store(db)
    data = Path(case.path).read_bytes()
    name = Path(case.path).name
    if job.get("tracemalloc"):
        import tracemalloc

        tracemalloc.start()
    gc.collect()
    reset = _reset_peak()
    baseline = _status_kb("VmRSS") if reset else None
    baseline = baseline if baseline is not None else _peak_kb()
    cpu_start = time.process_time()
    start = time.perf_counter()
    report = ingest.import_file(
        store,
        data,
        name,
        KIND,
        actor=acting(USER),
        today=TODAY,
        limits=limits,
        problem_cap=PROBLEM_CAP,
    )
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    peak = _peak_kb()
    traced = None
    if job.get("tracemalloc"):
        import tracemalloc

        traced = tracemalloc.get_traced_memory()[1] // 1024
        tracemalloc.stop()
    result = Measurement(
        seconds=seconds,
        rss_delta_kb=peak - baseline,
        rss_peak_kb=peak,
        status=report.status,
        summary=_summary(case, report),
        failures=_check(case, report, db),
        tracemalloc_peak_kb=traced,
        cpu_seconds=cpu_seconds,
    )
    db.unlink()
    return asdict(result)


def run_child(job: dict[str, Any]) -> Measurement:
    """Run one measurement in a fresh interpreter; a crash becomes a failed measurement."""
    command = [sys.executable, str(Path(__file__).resolve()), "--measure", json.dumps(job)]
    label = job["case"]["label"]
    try:
        done = subprocess.run(  # noqa: S603 - our own interpreter and script
            command, capture_output=True, text=True, timeout=CHILD_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        return Measurement(math.nan, 0, 0, "timeout", "timeout", [f"{label}: timed out"])
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if done.returncode != 0 or not lines:
        tail = " | ".join(done.stderr.strip().splitlines()[-5:])
        return Measurement(
            math.nan, 0, 0, "crash", "crash", [f"{label}: exit {done.returncode}: {tail}"]
        )
    return Measurement(**json.loads(lines[-1].removeprefix("RESULT ")))


def duckdb_alone(copy: str, repeat: int) -> list[float]:
    """Seconds for DuckDB, in memory, to read the UTF-8 copy of a CSV (no extension loaded)."""
    import duckdb

    times = []
    for _ in range(repeat):
        with duckdb.connect() as connection:
            start = time.perf_counter()
            connection.execute(
                "SELECT count(*) FROM read_csv($path, delim=';', header=true, all_varchar=true)",
                {"path": copy},
            ).fetchall()
            times.append(time.perf_counter() - start)
    return times


# --------------------------------------------------------------------------------------------
# Whole processes against DuckDB reading the same file (--whole)
# --------------------------------------------------------------------------------------------

WHOLE_STORE: Final = """
import datetime, sys
from pathlib import Path
from planwatch.domain.permissions import Actor, Role
from planwatch.storage import Store
from planwatch.uploads import ingest
from planwatch.uploads.raw_tables import ReadLimits

db, path = Path(sys.argv[1]), Path(sys.argv[2])
report = ingest.import_file(
    Store(db), path.read_bytes(), path.name, "kpi",
    actor=Actor("benchmark", frozenset({Role.UPLOADER}), origin="benchmark"),
    today=datetime.date(2026, 11, 29),
    limits=ReadLimits(max_rows=2_000_000, max_bytes=200 * 1024 * 1024),
)
sys.exit(0 if report.status == "stored" and report.rows_new == report.rows_read else 3)
"""
DUCKDB_READ: Final = (
    "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
    "c.execute(\"CREATE TABLE t AS SELECT * FROM read_csv(?, delim=';', header=true, "
    "encoding='latin-1')\", [sys.argv[2]])"
)


@dataclass(slots=True)
class WholeRuns:
    seconds: list[float] = field(default_factory=list)
    peak_mib: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)


def _timed(argv: list[str], env: dict[str, str], runs: WholeRuns, failures: list[str]) -> None:
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        done = subprocess.run(  # noqa: S603 - our own interpreter
            ["/usr/bin/time", "-f", "%e %M %U %S", "-o", out.name, *argv],
            capture_output=True,
            text=True,
            env=env,
            check=False,
            timeout=CHILD_TIMEOUT_S,
        )
        figures = out.read().split()
    if done.returncode != 0:
        failures.append(f"{argv[-1]}: exit {done.returncode}: {done.stderr.strip()[-300:]}")
        return
    runs.seconds.append(float(figures[-4]))
    runs.peak_mib.append(int(figures[-3]) / 1024)
    runs.cpu.append(float(figures[-2]) + float(figures[-1]))


def whole_processes(
    files: list[Path], db: Path, folder: Path, repeat: int, baseline: str | None
) -> tuple[list[str], list[str]]:
    """Markdown rows (file, who, median s, peak MiB, ratios to DuckDB) and failures."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANWATCH_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    base_env = {**env, "PYTHONPATH": baseline} if baseline else None
    lines: list[str] = []
    failures: list[str] = []
    copy, bare = folder / "whole.duckdb", folder / "bare.duckdb"
    for path in files:
        mine, base, duck = WholeRuns(), WholeRuns(), WholeRuns()
        for index in range(repeat + 1):  # run 0 warms the bytecode cache and the file cache
            jobs: list[tuple[list[str], dict[str, str], WholeRuns]] = [
                ([sys.executable, "-c", WHOLE_STORE, str(copy), str(path)], env, mine),
                ([sys.executable, "-c", DUCKDB_READ, str(bare), str(path)], env, duck),
            ]
            if base_env is not None:
                jobs.insert(1, (jobs[0][0], base_env, base))
            for argv, job_env, runs in jobs:
                shutil.copy(db, copy)
                shutil.rmtree(f"{copy}.archive", ignore_errors=True)
                bare.unlink(missing_ok=True)
                _timed(argv, job_env, runs if index else WholeRuns(), failures)
        if not duck.seconds:
            continue
        duck_s, duck_m = statistics.median(duck.seconds), statistics.median(duck.peak_mib)
        duck_c = statistics.median(duck.cpu)
        who = [("planwatch (this code)", mine)] + (
            [("planwatch (baseline)", base)] if baseline else []
        )
        for name, runs in who:
            if not runs.seconds:
                continue
            seconds, peak = statistics.median(runs.seconds), statistics.median(runs.peak_mib)
            cpu = statistics.median(runs.cpu)
            lines.append(
                f"| {path.name} | {name} | {seconds:.2f} | {cpu:.2f} | {peak:,.0f} | "
                f"{duck_s:.2f} | {duck_c:.2f} | {duck_m:,.0f} | {seconds / duck_s:.1f}x | "
                f"{cpu / duck_c:.1f}x | {peak / duck_m:.1f}x |"
            )
        lines.append(
            f"| {path.name} | runs: wall s | {', '.join(f'{v:.2f}' for v in mine.seconds)} | | | "
            f"{', '.join(f'{v:.2f}' for v in duck.seconds)} | | | | | |"
        )
    return lines, failures


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def _memory_total() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / MIB:.1f} GiB RAM"
    except OSError:
        pass
    return "RAM unknown"


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _seconds(values: Sequence[float]) -> tuple[str, str]:
    clean = [v for v in values if not math.isnan(v)]
    if not clean:
        return "–", "–"
    return f"{statistics.median(clean):.3f}", f"{min(clean):.3f}"


def render(results: list[Result], how: str, args: argparse.Namespace, elapsed: float) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    packages = ", ".join(f"{p} {_version(p)}" for p in BENCH_PACKAGES)
    repeats = sorted({r.case.repeat for r in results})
    lines = [
        "# planwatch upload benchmark",
        "",
        f"- Command: `{shlex.join(sys.orig_argv)}` (cwd `{Path.cwd()}`)",
        f"- Run: {now}, {elapsed / 60:.1f} minutes in all",
        f"- Machine: os.cpu_count() = {os.cpu_count()}, {_memory_total()}, {platform.platform()}",
        f"- Python {platform.python_version()}; {packages}",
        f"- Call: `ingest.import_file(store, data, name, {KIND!r}, actor=<uploader {USER!r}>, "
        f"today=datetime.date({TODAY.year}, {TODAY.month}, {TODAY.day}), limits=...)` on a "
        "fresh copy of the demo database, one fresh process per run, after a warm-up call",
        f"- Limits: ReadLimits(max_rows={RAISED_LIMITS['max_rows']:_}, "
        f"max_bytes={RAISED_LIMITS['max_bytes'] // MIB} MiB) except where it says "
        "'default limits' (ReadLimits())",
        f"- Repetitions per file: {', '.join(map(str, repeats))}"
        + (" (--quick)" if args.quick else "")
        + "; median and min of the wall time of the call",
        f"- {how}",
        "",
        "| file | rows | size MB | status | median s | min s | median CPU s | peak RSS MB "
        "| DuckDB-alone s |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        case = result.case
        median, best = _seconds([run.seconds for run in result.runs])
        cpu = _seconds([run.cpu_seconds for run in result.runs])[0]
        rss = max(run.rss_delta_kb for run in result.runs) / 1024
        status = "; ".join(sorted({run.summary for run in result.runs}))
        duck = _seconds(result.duckdb_seconds)[0] if result.duckdb_seconds else "n/a"
        size = os.path.getsize(case.path) / MIB
        lines.append(
            f"| {case.label} | {case.rows:,} | {size:.2f} | {status} | {median} | {best} "
            f"| {cpu} | {rss:,.0f} | {duck} |"
        )
    lines += [
        "",
        "- peak RSS MB: how far the call raised the process's resident set above what it held "
        "just before the call (after imports, the warm-up call and reading the file's bytes): "
        "the peak (VmHWM, reset through /proc/self/clear_refs just before the call; ru_maxrss "
        "where Linux's /proc is missing) minus the resident set at the start; the highest of "
        "the runs. Whole-process peaks: "
        + ", ".join(
            f"{r.case.label} {max(run.rss_peak_kb for run in r.runs) / 1024:,.0f} MB"
            for r in results
        )
        + ".",
        "- DuckDB-alone s: median of `SELECT count(*) FROM read_csv(<UTF-8 copy>, delim=';', "
        "header=true, all_varchar=true)` in an in-memory DuckDB (the wheel cannot decode "
        "Windows-1252 without an extension, and none is loaded); n/a for xlsx.",
        "- median CPU s: user + system time of the call (`time.process_time()`, every thread): "
        "on a shared machine it moves far less with the load than the wall time.",
    ]
    traced = [r for r in results if r.tracemalloc_kb is not None]
    if traced:
        lines.append(
            "- tracemalloc peak (Python allocations only, separate run): "
            + ", ".join(f"{r.case.label} {r.tracemalloc_kb / 1024:,.0f} MB" for r in traced)
            + "."
        )
    failures = [f for r in results for f in r.failures]
    lines += ["", f"Outcome checks: {'all passed' if not failures else 'FAILED'}"]
    lines += [f"- {failure}" for failure in failures]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one run per file instead of 3")
    parser.add_argument("--out", type=Path, help="also write the Markdown results here")
    parser.add_argument("--repeat", type=int, help="runs per file (default 3, 1 with --quick)")
    parser.add_argument(
        "--repeat-errors", type=int, help="runs for the million-row file (default: --repeat)"
    )
    parser.add_argument(
        "--tracemalloc",
        action="store_true",
        help="one extra run per file under tracemalloc, for the peak of Python allocations",
    )
    parser.add_argument(
        "--whole", type=int, default=0, help="also N whole-process runs against DuckDB's read"
    )
    parser.add_argument("--baseline", help="with --whole: planwatch from this source folder too")
    parser.add_argument("--whole-only", action="store_true", help="skip the in-process table")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    if args.measure:
        try:
            result = measure(json.loads(args.measure))
        except Exception:
            traceback.print_exc()
            return 2
        print("RESULT " + json.dumps(result), flush=True)
        return 0

    started = time.perf_counter()
    repeat = args.repeat or (1 if args.quick else 3)
    repeat_errors = args.repeat_errors or repeat
    from planwatch.storage import Store
    from planwatch.uploads import reference

    with tempfile.TemporaryDirectory(prefix="planwatch-bench-") as temp:
        folder = Path(temp)
        db = folder / "demo.duckdb"
        print(f"Building the demo database in {db} ...", file=sys.stderr)
        reference.load(Store(db), demo=True)
        print("Writing the upload files ...", file=sys.stderr)
        cases, how = generate(folder, db, repeat, repeat_errors)
        print(how, file=sys.stderr)
        results: list[Result] = []
        for case in [] if args.whole_only else cases:
            job = {
                "case": asdict(case),
                "db": str(db),
                "work": str(folder),
                "warmup": str(folder / "warmup.csv"),
            }
            runs = []
            for number in range(case.repeat):
                run = run_child(job)
                runs.append(run)
                print(
                    f"  {case.label} run {number + 1}/{case.repeat}: {run.seconds:.3f} s, "
                    f"+{run.rss_delta_kb / 1024:,.0f} MB RSS, {run.summary}",
                    file=sys.stderr,
                )
            duck = duckdb_alone(case.duckdb_copy, case.repeat) if case.duckdb_copy else []
            result = Result(case, runs, duck)
            if args.tracemalloc:
                traced = run_child({**job, "tracemalloc": True})
                result.tracemalloc_kb = traced.tracemalloc_peak_kb
            results.append(result)
        text = render(results, how, args, time.perf_counter() - started) if results else ""
        if args.whole:
            files = [folder / "valid-1000.csv", folder / "valid-max.csv"]
            lines, failed = whole_processes(files, db, folder, args.whole, args.baseline)
            text += "\n".join(
                [
                    "",
                    f"## Whole processes ({args.whole} runs each after a warm-up, alternating; "
                    f"load average at the end: {os.getloadavg()[0]:.1f})",
                    "",
                    "| file | process | median s | CPU s | peak MiB | DuckDB s | DuckDB CPU s "
                    "| DuckDB peak MiB | time ratio | CPU ratio | memory ratio |",
                    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
                    *lines,
                    "",
                    f"Whole-process outcome checks: {'all passed' if not failed else 'FAILED'}",
                    *(f"- {failure}" for failure in failed),
                    "",
                ]
            )
            whole_failed = bool(failed)
        else:
            whole_failed = False
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return 1 if whole_failed or any(r.failures for r in results) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

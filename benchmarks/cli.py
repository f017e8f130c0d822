"""Benchmark of the command line's read commands against a bare DuckDB query process.

Run from the repository root::

    .venv/bin/python benchmarks/cli.py [--repeat 7] [--out benchmarks/results-cli.md]

Issue 17's target: the read commands (``planwatch figure``, ``history``, ``submissions``) take
at most 1.5x a bare DuckDB query process, measured as whole processes, medians of N runs. The
reference for each command is::

    python -c "import duckdb; duckdb.connect(db, read_only=True).execute(<query>).fetchall()"

with a query that reads what the command shows (the figure's current values, the figure's
versions, the submissions awaiting approval).

The script builds the demo database in a temporary folder (``reference.load(..., demo=True)``)
with one user per role (``viewer1`` ... ``admin1``) and maps the operating-system account
running it to ``admin1``, so that ``--user`` picks who each command acts as. Then, for each
command, it runs the planwatch process and its reference process alternately (so that both see
the same load), N times each after one warm-up run of each, and prints the medians of the wall
time and of the CPU time (user + system), the ratios and each process's peak resident memory
(``/usr/bin/time -f "%M %U %S"``).

Bytecode: the processes run with ``PYTHONPYCACHEPREFIX`` set to a folder in the temporary
folder (and ``PYTHONDONTWRITEBYTECODE`` unset), so that the warm-up run compiles planwatch's and
the libraries' modules once and the measured runs load bytecode, as an installed package does.
``--no-bytecode`` measures with ``PYTHONDONTWRITEBYTECODE=1`` instead (every module compiled from
source in every process, planwatch's and DuckDB's alike).

``--baseline SRC`` also runs planwatch from another source folder (``PYTHONPATH=SRC``), in
the same run and in turn with the others, e.g. main's code before a change::

    git archive <commit> src data | tar -x -C /tmp/base
    .venv/bin/python benchmarks/cli.py --baseline /tmp/base/src

so that before and after are measured under the same load (this machine's 2 cores are shared).

``--import-rows`` also times ``planwatch import`` of the 1,000-row quarterly file of
``benchmarks/uploads.py`` (on a fresh copy of the database each run) against DuckDB reading the
same file into a table: for information (issue 17's upload pipeline is not this script's part).

It is a smoke test too: it exits with status 1 when a command or a reference fails. Timings
never make it fail.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

ROOT: Final = Path(__file__).resolve().parents[1]
PYTHON: Final = Path(sys.executable)
PLANWATCH: Final = PYTHON.parent / "planwatch"


@dataclass(frozen=True)
class Case:
    name: str
    args: tuple[str, ...]
    query: str
    note: str = ""


FIGURE_QUERY: Final = """
    SELECT o.source_id, o.value, s.title FROM observation_versions o
    JOIN sources s USING (source_id)
    WHERE o.indicator_code = 'victims_assessed' AND o.year = 2023 AND o.quarter IS NULL
      AND o.sex = 'all' AND o.age_group = 'all' AND o.exploitation = 'all' AND NOT o.withdrawn
"""

SMALL_QUERY: Final = """
    SELECT o.source_id, o.value, s.title FROM observation_versions o
    JOIN sources s USING (source_id)
    WHERE o.indicator_code = 'victims_identified_tip' AND o.year = 2017 AND o.quarter IS NULL
      AND o.sex = 'all' AND o.age_group = 'all' AND o.exploitation = 'forced_labour'
      AND NOT o.withdrawn
"""

HISTORY_QUERY: Final = """
    SELECT c.recorded_at, o.source_id, o.value, c.kind, c.recorded_by, c.reason
    FROM observation_versions o JOIN change_sets c USING (change_set_id)
    WHERE o.indicator_code = 'victims_assessed' AND o.year = 2023 AND o.quarter IS NULL
      AND o.sex = 'all' AND o.age_group = 'all' AND o.exploitation = 'all'
    ORDER BY o.version_id
"""

SUBMISSIONS_QUERY: Final = """
    SELECT c.change_set_id, c.kind, c.recorded_at, c.recorded_by, c.reason, c.description,
           r.decision, r.reviewed_at, r.reviewed_by, u.file_name,
           (SELECT count(*) FROM observation_versions v WHERE v.change_set_id = c.change_set_id)
    FROM change_sets c
    LEFT JOIN reviews r USING (change_set_id)
    LEFT JOIN uploads u USING (change_set_id)
    WHERE c.kind IN ('upload', 'correction')
    ORDER BY c.recorded_at DESC, c.change_set_id DESC
"""

CASES: Final = (
    Case(
        "figure victims_assessed 2023",
        ("--user", "viewer1", "figure", "victims_assessed", "2023"),
        FIGURE_QUERY,
    ),
    Case(
        "figure victims_identified_tip 2017 --exploitation forced_labour",
        (
            "--user",
            "viewer1",
            "figure",
            "victims_identified_tip",
            "2017",
            "--exploitation",
            "forced_labour",
        ),
        SMALL_QUERY,
        "a year with a small count: the small-count audit runs",
    ),
    Case(
        "figure victims_identified_tip 2021 --exploitation forced_labour",
        (
            "--user",
            "viewer1",
            "figure",
            "victims_identified_tip",
            "2021",
            "--exploitation",
            "forced_labour",
        ),
        SMALL_QUERY.replace("2017", "2021"),
        "no small count in 2020 or 2021, but in other years of the series: the audit runs",
    ),
    Case(
        "history victims_assessed 2023",
        ("--user", "auditor1", "history", "victims_assessed", "2023"),
        HISTORY_QUERY,
    ),
    Case("submissions", ("--user", "approver1", "submissions"), SUBMISSIONS_QUERY),
)


@dataclass
class Runs:
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_kib: list[int] = field(default_factory=list)

    def median(self) -> float:
        return statistics.median(self.seconds)

    def cpu_median(self) -> float:
        return statistics.median(self.cpu) if self.cpu else float("nan")

    def peak_mib(self) -> float:
        return max(self.peak_kib) / 1024


def timed(argv: list[str], env: dict[str, str], runs: Runs) -> subprocess.CompletedProcess[str]:
    """One whole process: its wall time (started to reaped) and, under ``/usr/bin/time`` when
    that is installed, its CPU time (user + system) and its own peak resident memory."""
    time_binary = Path("/usr/bin/time")
    prefix = [str(time_binary), "-f", "@@peak %M %U %S"] if time_binary.exists() else []
    start = time.perf_counter()
    done = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [*prefix, *argv], env=env, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    lines = done.stderr.splitlines()
    peak = [line.split()[1:] for line in lines if line.startswith("@@peak ")]
    runs.seconds.append(elapsed)
    runs.peak_kib.append(int(peak[-1][0]) if peak else 0)
    if peak:
        runs.cpu.append(float(peak[-1][1]) + float(peak[-1][2]))
    stderr = "\n".join(line for line in lines if not line.startswith("@@peak "))
    return subprocess.CompletedProcess(argv, done.returncode, done.stdout, stderr)


def environment(folder: Path, bytecode: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANWATCH_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPYCACHEPREFIX", None)
    env["PLANWATCH_LANGUAGE"] = "en"
    if bytecode:
        env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


SETUP: Final = """
import sys
from pathlib import Path
from planwatch.access import accounts, tokens
from planwatch.domain.permissions import Role
from planwatch.storage import Store
from planwatch.uploads import reference

store = Store(Path(sys.argv[1]))
reference.load(store, demo=True)
accounts.add_user(store, None, "admin1", [Role.ADMIN], password="bench password 1")
admin = accounts.actor_for(store, "admin1", origin="benchmark")
tokens.map_os_user(store, admin, tokens.os_account(), "admin1", origin="benchmark")
for role in Role:
    if role is not Role.ADMIN:
        accounts.add_user(store, admin, role.value + "1", [role], password="bench password 1")
"""


def build(db: Path, env: dict[str, str]) -> None:
    done = subprocess.run(  # noqa: S603
        [str(PYTHON), "-c", SETUP, str(db)], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"building the database failed:\n{done.stderr}")


def reference_argv(db: Path, query: str) -> list[str]:
    code = (
        "import duckdb; "
        f"duckdb.connect({str(db)!r}, read_only=True).execute({' '.join(query.split())!r})"
        ".fetchall()"
    )
    return [str(PYTHON), "-c", code]


@dataclass
class Result:
    name: str
    note: str
    planwatch: Runs
    reference: Runs
    failures: list[str]
    baseline: Runs | None = None

    @property
    def ratio(self) -> float:
        return self.planwatch.median() / self.reference.median()


def measure(
    case: Case, db: Path, env: dict[str, str], repeat: int, baseline: Path | None
) -> Result:
    mine = [str(PLANWATCH), "--db", str(db), *case.args]
    theirs = reference_argv(db, case.query)
    failures: list[str] = []
    planwatch, reference = Runs(), Runs()
    processes = [(mine, env, planwatch), (theirs, env, reference)]
    result = Result(case.name, case.note, planwatch, reference, failures)
    if baseline is not None:
        result.baseline = Runs()
        processes.append((mine, {**env, "PYTHONPATH": str(baseline)}, result.baseline))
    # one warm-up run of each (compiles bytecode, fills the page cache), not counted
    for argv, process_env, _ in processes:
        done = subprocess.run(argv, env=process_env, capture_output=True, text=True, check=False)  # noqa: S603
        if done.returncode != 0:
            failures.append(f"{shlex.join(argv[1:4])}... exit {done.returncode}: {done.stderr}")
    for _ in range(repeat):
        for argv, process_env, runs in processes:
            done = timed(argv, process_env, runs)
            if done.returncode != 0:
                failures.append(f"{case.name}: exit {done.returncode}: {done.stderr.strip()}")
    return result


def measure_import(
    db: Path, folder: Path, env: dict[str, str], repeat: int, baseline: Path | None
) -> Result:
    """``planwatch import`` of the 1,000-row quarterly file (a fresh copy of the database each
    run) against DuckDB reading the same file into a table."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import uploads as upload_bench  # the generator of benchmarks/uploads.py

    rows = upload_bench.valid_1000_rows(upload_bench.plausible_totals(db))
    csv_path = folder / "valid-1000.csv"
    upload_bench._write_csv(csv_path, iter(rows))
    planwatch, reference, failures = Runs(), Runs(), []
    before = Runs() if baseline is not None else None
    copy = folder / "import.duckdb"
    bare = folder / "bare.duckdb"
    code = (
        "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
        "c.execute(\"CREATE TABLE t AS SELECT * FROM read_csv(?, delim=';', header=true, "
        "encoding='latin-1')\", [sys.argv[2]])"
    )
    for index in range(repeat + 1):
        mine = [
            str(PLANWATCH),
            "--db",
            str(copy),
            "import",
            str(csv_path),
            "--kind",
            "kpi",
            "--user",
            "uploader1",
        ]
        theirs = [str(PYTHON), "-c", code, str(bare), str(csv_path)]
        processes = [(mine, env, planwatch), (theirs, env, reference)]
        if before is not None:
            processes.append((mine, {**env, "PYTHONPATH": str(baseline)}, before))
        for argv, process_env, runs in processes:
            if argv is mine:
                shutil.copy(db, copy)  # each planwatch run stores into the same fresh copy
            bare.unlink(missing_ok=True)
            done = timed(argv, process_env, runs if index else Runs())
            if done.returncode != 0:
                failures.append(f"import: exit {done.returncode}: {done.stderr.strip()[-500:]}")
    return Result(
        "import valid-1000.csv --kind kpi",
        "for information: the reference is DuckDB reading the file into a table",
        planwatch,
        reference,
        failures,
        before,
    )


def _uptime() -> str:
    try:
        return ", ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def render(results: list[Result], args: argparse.Namespace, loads: tuple[str, str]) -> str:
    how = (
        "bytecode compiled once (PYTHONPYCACHEPREFIX)"
        if args.bytecode
        else ("no bytecode (PYTHONDONTWRITEBYTECODE=1: every module compiled in every process)")
    )
    lines = [
        f"Medians of {args.repeat} whole-process runs each, planwatch and reference "
        f"alternating; {how}. Wall time from start to exit; CPU = user + system seconds "
        "(/usr/bin/time), less sensitive to what else runs on the machine.",
        f"Python {platform.python_version()}, {os.cpu_count()} cores; load average "
        f"(1, 5, 15 min) before {loads[0]}, after {loads[1]}.",
        "",
        "| command | planwatch | CPU | peak | bare DuckDB query process | CPU | peak | ratio "
        "| CPU ratio |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        name = f"`{result.name}`" + (f" ({result.note})" if result.note else "")
        lines.append(
            f"| {name} | {result.planwatch.median():.3f} s | "
            f"{result.planwatch.cpu_median():.2f} s | {result.planwatch.peak_mib():.0f} MiB | "
            f"{result.reference.median():.3f} s | {result.reference.cpu_median():.2f} s | "
            f"{result.reference.peak_mib():.0f} MiB | {result.ratio:.2f}x | "
            f"{result.planwatch.cpu_median() / result.reference.cpu_median():.2f}x |"
        )
    with_baseline = [r for r in results if r.baseline is not None]
    if with_baseline:
        lines += [
            "",
            f"Before the change (planwatch from {args.baseline}, in the same run):",
            "",
            "| command | before | CPU | peak | ratio to reference | after | CPU | speed-up |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for result in with_baseline:
            base = result.baseline
            assert base is not None
            lines.append(
                f"| `{result.name}` | {base.median():.3f} s | {base.cpu_median():.2f} s | "
                f"{base.peak_mib():.0f} MiB | {base.median() / result.reference.median():.2f}x | "
                f"{result.planwatch.median():.3f} s | {result.planwatch.cpu_median():.2f} s | "
                f"{base.median() / result.planwatch.median():.2f}x |"
            )
    lines += ["", "Every run (seconds):", ""]
    for result in results:
        mine = ", ".join(f"{s:.2f}" for s in result.planwatch.seconds)
        theirs = ", ".join(f"{s:.2f}" for s in result.reference.seconds)
        before = (
            "; before " + ", ".join(f"{s:.2f}" for s in result.baseline.seconds)
            if result.baseline is not None
            else ""
        )
        lines.append(f"- `{result.name}`: planwatch {mine}; reference {theirs}{before}")
    return "\n".join(lines) + "\n"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=7, help="measured runs per process")
    parser.add_argument(
        "--no-bytecode", dest="bytecode", action="store_false", help="PYTHONDONTWRITEBYTECODE=1"
    )
    parser.add_argument("--import-rows", action="store_true", help="also time planwatch import")
    parser.add_argument("--only", default=None, help="only the commands whose name contains this")
    parser.add_argument(
        "--baseline",
        type=Path,
        default=None,
        help="also run planwatch from this src folder (PYTHONPATH), e.g. an export of main's "
        "src before a change: before and after measured in the same run",
    )
    parser.add_argument("--out", type=Path, default=None, help="also append the results here")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="planwatch-cli-bench-") as name:
        folder = Path(name)
        env = environment(folder, args.bytecode)
        db = folder / "demo.duckdb"
        build(db, env)
        before = _uptime()
        results = [
            measure(case, db, env, args.repeat, args.baseline)
            for case in CASES
            if args.only is None or args.only in case.name
        ]
        if args.import_rows:
            results.append(measure_import(db, folder, env, args.repeat, args.baseline))
        text = render(results, args, (before, _uptime()))
    print(text)
    if args.out is not None:
        with args.out.open("a", encoding="utf-8") as handle:
            handle.write(text + "\n")
    failures = [failure for result in results for failure in result.failures]
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

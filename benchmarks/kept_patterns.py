"""Benchmark of the small-count patterns kept in the database (round 40, issue 17): what keeping
them costs, and what it saves a server's first visit.

Run from the repository root::

    .venv/bin/python benchmarks/kept_patterns.py [--out benchmarks/results-kept-patterns.md]

It builds the demo database and the 1000x one of ``benchmarks/pages.py`` in a temporary folder,
then on each, as whole processes where the user meets them as such:

- ``planwatch db patterns`` with nothing kept (what ``planwatch serve`` starts beside a server
  the first time after an upgrade), and again with everything kept (every later start);
- a viewer's first look at every indicator of persons in a new process (the small-count
  decisions of every year a page can show, ``SmallCounts.decide``; what a server's first pages
  pay): with the patterns kept, and with the table emptied (before round 40);
- ``audit.verify`` (chain, content and now every kept pattern solved again), with and without
  the kept patterns (the 1000x database's added figures are unsealed, so its content check
  reports them; only a kept pattern that differs fails the script);
- one more quarter uploaded and approved: ``kept_patterns.after_review`` (what an approval now
  adds after its commit).

Timings never make it fail; a decision that differs with and without the kept patterns does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Final

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pages  # the databases of benchmarks/pages.py

ROOT: Final = Path(__file__).resolve().parents[1]
PLANWATCH: Final = Path(sys.executable).parent / "planwatch"

_FIRST_LOOK = """
import sys, time, json
from pathlib import Path
started = time.perf_counter()
from planwatch.domain.periods import Period
from planwatch.domain.permissions import PUBLIC_VIEW
from planwatch.domain.vocab import Breakdown
from planwatch.figures.small_counts import SmallCounts
from planwatch.storage import Store, repository
store = Store(Path(sys.argv[1]))
shown = {}
with store.connect(read_only=True) as connection:
    units = repository.indicator_units(connection)
    cells = connection.execute(
        "SELECT DISTINCT indicator_code, year, quarter, sex, age_group, exploitation "
        "FROM observation_versions ORDER BY ALL").fetchall()
    counts = SmallCounts(connection, PUBLIC_VIEW, None)
    for code, year, quarter, sex, age, exploitation in cells:
        if units.get(code) == "persons":
            d = counts.decide(
                code, Period(year, quarter), Breakdown(sex, age, exploitation), None)
            key = repr((code, year, quarter, sex, age, exploitation))
            shown[key] = None if d is None else d.kind.value
print(json.dumps({"seconds": time.perf_counter() - started, "shown": shown}))
"""


def _run(*args: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(  # noqa: S603 - our own interpreter and planwatch
        args, capture_output=True, text=True, check=False, cwd=ROOT
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{args} failed:\n{done.stdout}\n{done.stderr}")
    return seconds, done.stdout


def _first_look(path: Path) -> tuple[float, dict[str, str | None]]:
    import json

    seconds, out = _run(sys.executable, "-c", _FIRST_LOOK, str(path))
    found = json.loads(out)
    return seconds, found["shown"]


def _empty(path: Path, copy: Path) -> Path:
    import duckdb

    shutil.copy(path, copy)
    with duckdb.connect(str(copy)) as connection:
        connection.execute("DELETE FROM disclosure_patterns")
    return copy


def _verify(path: Path) -> float:
    from planwatch.access import audit
    from planwatch.domain.permissions import Actor, Role
    from planwatch.storage import Store

    started = time.perf_counter()
    verdict = audit.verify(Store(path), Actor("demo-auditor", frozenset({Role.AUDITOR})))
    seconds = time.perf_counter() - started
    # the 1000x database's figures were added outside planwatch (unsealed): only the patterns'
    # findings count here
    if any(f.problem.startswith("pattern-") for f in verdict.findings):
        raise SystemExit(f"audit verify found kept patterns that differ: {verdict.message_en}")
    return seconds


def _approve_a_quarter(path: Path) -> tuple[float, int]:
    """Upload one more quarter of persons assessed as victims (with small counts) and approve
    it; returns how long keeping its patterns took and how many were solved."""
    from planwatch.access import approvals
    from planwatch.domain.permissions import Actor, Role
    from planwatch.figures import kept_patterns
    from planwatch.storage import Store
    from planwatch.uploads import ingest

    store = Store(path)
    with store.connect(read_only=True) as connection:
        row = connection.execute(
            "SELECT max(year) FROM observation_versions WHERE indicator_code = 'victims_assessed'"
        ).fetchone()
    year = int(row[0]) + 1 if row and row[0] is not None else dt.datetime.now(dt.UTC).year
    text = (
        "indikator;år;kvartal;værdi;køn;aldersgruppe;udnyttelsesform\r\n"
        f"victims_assessed;{year};1;9;;;\r\n"
        f"victims_assessed;{year};1;6;female;;\r\n"
        f"victims_assessed;{year};1;2;male;;\r\n"
        f"victims_assessed;{year};1;1;transgender;;\r\n"
    )
    uploader = Actor("demo-uploader", frozenset({Role.UPLOADER}), origin="benchmark")
    approver = Actor("demo-approver", frozenset({Role.APPROVER}), origin="benchmark")
    report = ingest.import_file(
        store, text.encode("cp1252"), "kvartal.csv", "kpi", actor=uploader, accept_warnings=True
    )
    if report.change_set_id is None:
        raise SystemExit(f"the quarter was not stored: {report.summary('en')}")
    approvals.approve(store, approver, report.change_set_id)
    started = time.perf_counter()
    kept = kept_patterns.after_review(store, report.change_set_id, 3)
    return time.perf_counter() - started, 0 if kept is None else kept.solved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="also write the Markdown results to this file")
    parser.add_argument(
        "--databases", nargs="+", choices=("demo", "large"), default=["demo", "large"]
    )
    args = parser.parse_args(argv)
    lines = [
        "# Kept small-count patterns (`benchmarks/kept_patterns.py`)",
        "",
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {platform.python_version()}, "
        f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f} at the start.",
        "",
        "| database | `db patterns`, nothing kept | again, all kept | kept | first look, kept "
        "| first look, none kept (before) | `audit verify` with / without | an approval keeps |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    failures = 0
    with tempfile.TemporaryDirectory(prefix="planwatch-kept-") as folder:
        demo, large = Path(folder) / "demo.duckdb", Path(folder) / "large.duckdb"
        pages.build_demo(demo)
        pages.build_large(demo, large)
        chosen = {"demo": ("demo", demo), "large": ("1000×", large)}
        for name, path in (chosen[d] for d in args.databases):
            cold, said = _run(str(PLANWATCH), "--json", "db", "patterns", "--db", str(path))
            warm, _ = _run(str(PLANWATCH), "--json", "db", "patterns", "--db", str(path))
            import json

            report = json.loads(said)
            kept_look, kept_shown = _first_look(path)
            empty = _empty(path, Path(folder) / f"{path.stem}-empty.duckdb")
            empty_look, empty_shown = _first_look(empty)
            if kept_shown != empty_shown:
                failures += 1
                print(f"{name}: decisions differ with and without the kept patterns")
            with_kept, without = _verify(path), _verify(empty)
            review, solved = _approve_a_quarter(path)
            row = (
                f"| {name} | {cold:.1f} s ({report['solved']} indicator-years solved) "
                f"| {warm:.1f} s | {report['added']} | {kept_look:.2f} s | {empty_look:.2f} s "
                f"| {with_kept:.1f} s / {without:.1f} s | {review:.2f} s ({solved} solved) |"
            )
            print(row, flush=True)
            lines.append(row)
    lines += [
        "",
        "Whole processes: `db patterns` and the first look (a new Python process: imports, "
        "reading the figures, the patterns kept or solved). In this process: `audit.verify`, "
        "the approval's keeping (after its commit).",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark of the plan-definition readers (issue 19 against issue 17): what "as of" for
definitions (the ``*_as_of`` macros over ``definition_versions``) and the results per initiative
(``initiative_results``) cost the pages that read plans.

Run from the repository root, once with this code and once with an older one, in the same
sitting (the script only uses APIs both have)::

    .venv/bin/python benchmarks/definition_readers.py --label after
    git archive 8a1b9b6 src data | (mkdir -p /tmp/before && tar -x -C /tmp/before)
    PYTHONPATH=/tmp/before/src .venv/bin/python benchmarks/definition_readers.py --label before

It builds the demo database (``reference.load(..., demo=True)``) in a temporary folder and
prints the median wall time of ``--runs`` calls (default 15) of each reader for the plan
2022-2025, and the load average, as Markdown table rows.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from planwatch.figures import dashboard, reporting
from planwatch.storage import Store
from planwatch.uploads import reference

PLAN = "2022-2025"


def _median_ms(call: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--label", default="this code")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "demo.duckdb")
        reference.load(store, demo=True)
        readers: dict[str, Callable[[], object]] = {
            "reporting.plans()": lambda: reporting.plans(store),
            f"reporting.plan('{PLAN}')": lambda: reporting.plan(store, PLAN),
            "dashboard.budget_view": lambda: dashboard.budget_view(store, PLAN),
            "dashboard.plan_progress": lambda: dashboard.plan_progress(store, PLAN),
            "reporting.indicators()": lambda: reporting.indicators(store),
            "reporting.sources()": lambda: reporting.sources(store),
            "dashboard.indicator_tiles": lambda: dashboard.indicator_tiles(store),
            "reporting.year_series('victims_assessed')": lambda: reporting.year_series(
                store, "victims_assessed"
            ),
        }
        load = os.getloadavg()[0]
        for name, call in readers.items():
            print(f"| {args.label} | {name} | {_median_ms(call, args.runs):.1f} | {load:.1f} |")


if __name__ == "__main__":
    main()

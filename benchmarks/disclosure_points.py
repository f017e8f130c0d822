"""Small-count patterns over many publication points (issue 17): the year's patterns solved on
the compact table (:class:`planwatch.domain.disclosure_tables._Compact`, with solutions reused
from point to point) against the code before it (the full joint table of every point), on the
histories of the 1000x database of ``pages.py``.

Run from the repository root::

    .venv/bin/python benchmarks/disclosure_points.py --folder DIR --reference SRC \
        [--indicator victims_assessed] [--years 2019,2023] [--points 10,20,37] [--timeout 600]

``--folder`` holds ``demo.duckdb`` and ``large.duckdb`` (built there by ``pages.build_demo`` and
``pages.build_large`` when missing). ``--reference SRC`` is a checkout of the code before the
change (``git archive <commit> | tar -x -C SRC``); its ``src`` is put first on ``PYTHONPATH`` for
the reference's children. The script reads the indicator's stored figures at every publication
point (public view) once, keeps each year's distinct moments, and then, for each year and each
number of points asked (the first N moments of the year), times
``disclosure_tables.patterns(moments[:N], aggregation, 3)`` in a fresh process for the reference
and for planwatch, alternating, and checks that both suppress the same cells at the last point.
Each child imports scipy before the clock starts. A child is cut off after ``--timeout`` seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))


def _child(dump: str, year: int, points: int) -> None:
    import scipy.optimize  # noqa: F401 - imported before the clock starts

    from planwatch.domain import disclosure_tables

    with open(dump, "rb") as file:
        aggregation, by_year = pickle.load(file)  # noqa: S301 - written by this script
    moments = by_year[year][:points]
    start = time.perf_counter()
    found = disclosure_tables.patterns(moments, aggregation, 3)
    seconds = time.perf_counter() - start
    last = sorted(map(list, found[-1])) if found else []
    print(json.dumps({"seconds": seconds, "suppressed": last}))


def _run(dump: Path, year: int, points: int, src: Path, timeout: float) -> dict[str, object]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(src / "src")
    try:
        out = subprocess.run(  # noqa: S603 - this interpreter and script
            [sys.executable, __file__, "--child", str(dump), str(year), str(points)],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return {"seconds": float("inf"), "suppressed": None}
    if out.returncode:
        raise RuntimeError(out.stderr)
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _moments(database: Path, indicator: str, dump: Path) -> dict[int, int]:
    from planwatch.domain import disclosure_tables
    from planwatch.domain.permissions import PUBLIC_VIEW
    from planwatch.figures.small_counts import SmallCounts
    from planwatch.storage.connection import Store

    with Store(database).connect(read_only=True) as connection:
        counts = SmallCounts(connection, PUBLIC_VIEW, None)
        by_point = counts._stored_by_point(indicator)
        aggregation = counts._aggregation[indicator]
    by_year: dict[int, list[disclosure_tables.Moment]] = {}
    for year in sorted({y for point in by_point for y in point}):
        moments = [disclosure_tables.as_moment(p[year]) for p in by_point if year in p]
        whole = [m for m in moments if m is not None]
        by_year[year] = [m for i, m in enumerate(whole) if not i or m != whole[i - 1]]
    with open(dump, "wb") as file:
        pickle.dump((aggregation, by_year), file)
    return {year: len(m) for year, m in by_year.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, required=True)
    parser.add_argument("--reference", type=Path, required=True)
    parser.add_argument("--indicator", default="victims_assessed")
    parser.add_argument("--years", default="2019,2023")
    parser.add_argument("--points", default="10,20,37")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args()
    import pages

    args.folder.mkdir(parents=True, exist_ok=True)
    demo, large = args.folder / "demo.duckdb", args.folder / "large.duckdb"
    if not demo.exists():
        pages.build_demo(demo)
    if not large.exists():
        pages.build_large(demo, large)
    with tempfile.TemporaryDirectory() as folder:
        dump = Path(folder) / "moments.pickle"
        sizes = _moments(large, args.indicator, dump)
        print(f"{args.indicator}: distinct moments per year {sizes}", flush=True)
        print(f"load: {os.getloadavg()}", flush=True)
        print("| year | points | before (full table) | after (compact) | ratio | same cells |")
        print("|---|---|---|---|---|---|")
        failed = False
        for year in [int(y) for y in args.years.split(",")]:
            for points in [int(p) for p in args.points.split(",")]:
                points = min(points, sizes[year])
                before: list[float] = []
                after: list[float] = []
                same = "—"
                for _ in range(args.runs):
                    old = _run(dump, year, points, args.reference, args.timeout)
                    new = _run(dump, year, points, ROOT, args.timeout)
                    before.append(float(old["seconds"]))  # type: ignore[arg-type]
                    after.append(float(new["seconds"]))  # type: ignore[arg-type]
                    if old["suppressed"] is not None:
                        keys = [tuple(k[0]) for k in old["suppressed"]]  # type: ignore[union-attr]
                        mine = [tuple(k[0]) for k in new["suppressed"]]  # type: ignore[union-attr]
                        same = "yes" if keys == mine else f"no ({len(keys)} vs {len(mine)})"
                        failed |= same != "yes"
                b, a = statistics.median(before), statistics.median(after)
                shown = "cut off" if b == float("inf") else f"{b:.2f} s"
                ratio = "—" if b == float("inf") else f"{b / a:.1f}×"
                print(f"| {year} | {points} | {shown} | {a:.2f} s | {ratio} | {same} |", flush=True)
        print(f"load: {os.getloadavg()}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
        sys.exit(0)
    sys.exit(main())

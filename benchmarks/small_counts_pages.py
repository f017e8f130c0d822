"""Small counts from one read per indicator (issue 17): the cold Indicators page, and the
small-count reader on its own, on the demo database and the 1000x one of ``pages.py``.

Run from the repository root::

    .venv/bin/python benchmarks/small_counts_pages.py --folder DIR [--reference SRC] [--runs N]

``--folder`` holds the two databases (built there by ``pages.build_demo`` and
``pages.build_large`` when missing, reused otherwise). Each page measurement is a whole child
process that opens the About page untimed (imports, first-use set-up) and then times one cold run
of the Indicators page in Danish (``pages.measure``: ``st.cache_data`` cleared just before). With
``--reference SRC`` (a checkout of the code before the change, e.g. ``git worktree add`` or
``git archive``), its ``src`` is put first on ``PYTHONPATH`` for the reference children, which
alternate with planwatch's own, and the ratio of the medians is printed. A child on the large
database is cut off after ``--large-timeout`` seconds (reported as cut off).

Then, in this process, the reader itself: the stored figures per publication point of every
indicator (public view), by the old per-point reader (one ``observations_as_of`` per point, kept
in ``tests/figures/test_small_counts_points.py``) and by ``SmallCounts`` - on the large database
for the first ``--points`` points only (the old reader's full run takes many minutes).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))


def _child(database: str, path: str) -> None:
    import pages

    import planwatch

    # the checkout the planwatch package comes from (the reference's with --reference)
    pages.ROOT = Path(planwatch.__file__).resolve().parents[2]
    pages.APP = pages.ROOT / "streamlit_app.py"
    pages._quiet_apptest_notes()
    with pages._database(Path(path)):
        pages._open("about", "da").run()
        m = pages.measure(database, "indicators", "da", 0)
    print(json.dumps({"cold": m.cold, "failures": m.failures}))


def _page(name: str, path: Path, src: Path | None, timeout: float) -> float:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src / "src")
    try:
        out = subprocess.run(  # noqa: S603 - this interpreter and script
            [sys.executable, __file__, "--child", name, str(path)],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return float("inf")
    if out.returncode:
        raise RuntimeError(out.stderr)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["failures"]:
        print(f"  page check FAILED: {result['failures']}", flush=True)
    return float(result["cold"])


def _seconds(value: float) -> str:
    return "cut off" if value == float("inf") else f"{value:.3f} s"


def _readers(path: Path, points: int | None, runs: int) -> None:
    import duckdb

    sys.path.insert(0, str(ROOT))
    from tests.figures.test_small_counts_points import _per_point

    from planwatch.domain.permissions import PUBLIC_VIEW
    from planwatch.figures.small_counts import SmallCounts
    from planwatch.storage.publication_sql import publication_moments

    connection = duckdb.connect(str(path), read_only=True)
    codes = [row[0] for row in connection.execute("SELECT code FROM indicators").fetchall()]
    as_of = {}
    for code in codes:
        moments = publication_moments(connection, "approved", code)
        as_of[code] = moments[min(points, len(moments)) - 1] if points and moments else None

    def new() -> list[Any]:
        return [SmallCounts(connection, PUBLIC_VIEW, as_of[c])._stored_by_point(c) for c in codes]

    def old() -> list[Any]:
        return [_per_point(connection, PUBLIC_VIEW, as_of[c], c) for c in codes]

    assert new() == old(), "the readers disagree"  # and both warm
    times: dict[str, list[float]] = {"new": [], "old": []}
    for _ in range(runs):
        for label, reader in (("old", old), ("new", new)):
            begin = time.perf_counter()
            reader()
            times[label].append(time.perf_counter() - begin)
    theirs, ours = statistics.median(times["old"]), statistics.median(times["new"])
    print(
        f"  reader, {len(codes)} indicators, {sum(len(p) for p in old())} points"
        f"{f' (the first {points} of each)' if points else ''}, median of {runs}: per point "
        f"{theirs:.3f} s, one read {ours:.3f} s, ratio {theirs / ours:.1f} x (same figures)",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folder", type=Path, help="where the two databases are (required)")
    parser.add_argument("--reference", type=Path, help="a checkout of the code before")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--large-timeout", type=float, default=600)
    parser.add_argument("--points", type=int, default=40)
    parser.add_argument("--only", choices=("demo", "large"))
    parser.add_argument("--readers-only", action="store_true", help="skip the page runs")
    parser.add_argument("--child", nargs=2)
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return 0
    if args.folder is None:
        parser.error("--folder is required")
    import pages

    args.folder.mkdir(parents=True, exist_ok=True)
    demo, large = args.folder / "demo.duckdb", args.folder / "large.duckdb"
    if not demo.exists():
        pages.build_demo(demo)
    if not large.exists():
        pages.build_large(demo, large)
    print("load average:", " ".join(f"{x:.2f}" for x in os.getloadavg()), flush=True)
    for name, path in (("demo", demo), ("large", large)):
        if args.only and name != args.only:
            continue
        timeout = args.large_timeout if name == "large" else 600.0
        ours: list[float] = []
        theirs: list[float] = []
        for _ in range(0 if args.readers_only else args.runs):
            if args.reference and (not theirs or theirs[-1] != float("inf")):
                theirs.append(_page(name, path, args.reference, timeout))
                print(f"{name}: reference cold Indicators {_seconds(theirs[-1])}", flush=True)
            ours.append(_page(name, path, None, timeout))
            print(f"{name}: planwatch cold Indicators {_seconds(ours[-1])}", flush=True)
        if ours:
            line = f"{name}: median of {len(ours)}: {_seconds(statistics.median(ours))}"
            if theirs:
                median = statistics.median(theirs)
                line += f"; reference median of {len(theirs)}: {_seconds(median)}"
                line += f"; ratio {median / statistics.median(ours):.1f} x"
            print(line, flush=True)
        _readers(path, None if name == "demo" else args.points, args.runs)
    print("load average:", " ".join(f"{x:.2f}" for x in os.getloadavg()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

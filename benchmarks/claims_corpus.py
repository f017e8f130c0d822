"""The claim check measured on real sentences (issue 15): precision and recall per verdict.

The corpus is in ``tests/claims/corpus/``: ``dev-*.csv`` (used while building the rules) and
``heldout-*.csv`` (kept aside, measured only at the end). Each row is one figure of one real
sentence (or of a real sentence with one figure changed: ``origin=perturbed``) with the verdict
it should get against the demo database: ``consistent``, ``inconsistent`` or ``unjudged``
(planwatch must not judge it: ``not-in-data`` or ``not-checked`` are both right). The format and
how rows were labelled: ``tests/claims/corpus/README.md``.

Run it from the repository root::

    .venv/bin/python benchmarks/claims_corpus.py --set dev [--details] [--out FILE]
    .venv/bin/python benchmarks/claims_corpus.py --set heldout --out benchmarks/claims.md
    .venv/bin/python benchmarks/claims_corpus.py --set heldout2   # the second held-out set
    .venv/bin/python benchmarks/claims_corpus.py --set heldout4   # written in others' styles
    .venv/bin/python benchmarks/claims_corpus.py --set heldout5   # real pages no set used

The exit status is 1 when a true claim is judged inconsistent (the one outcome the design
allows none of), else 0.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

ROOT: Final = Path(__file__).resolve().parent.parent
CORPUS: Final = ROOT / "tests" / "claims" / "corpus"
EXPECTED: Final = ("consistent", "inconsistent", "unjudged")
COLUMNS: Final = (
    "id",
    "language",
    "context",
    "sentence",
    "figure",
    "expected",
    "indicator",
    "period",
    "breakdown",
    "stored",
    "origin",
    "note",
    "source_title",
    "source_url",
    "source_kind",
)


@dataclass(frozen=True, slots=True)
class Row:
    """One labelled figure of one sentence."""

    id: str
    language: str
    context: str
    sentence: str
    figure: str
    expected: str
    indicator: str
    period: str
    origin: str
    source_kind: str
    source_url: str

    @property
    def text(self) -> str:
        """What the checker is given: the context and the sentence as one paragraph."""
        return f"{self.context} {self.sentence}".strip()

    @property
    def figure_span(self) -> tuple[int, int]:
        """Where the labelled figure stands in :attr:`text` (``figure@N``: its Nth time)."""
        figure, _, nth = self.figure.rpartition("@") if "@" in self.figure else ("", "", "")
        figure = figure or self.figure
        count = int(nth) if nth.isdigit() else 1
        offset = len(self.text) - len(self.sentence)
        # as a word of its own: "ni" is not the "ni" of "beretninger", "en" not that of "mænd"
        found = list(re.finditer(rf"(?<![\w]){re.escape(figure)}(?![\w])", self.sentence))
        if len(found) < count:
            raise ValueError(f"{self.id}: {self.figure!r} not in its sentence")
        start = found[count - 1].start()
        return offset + start, offset + start + len(figure)

    @property
    def years(self) -> frozenset[int]:
        """The years the row's period names (a plan id or a range counts its end years)."""
        found = set()
        for part in self.period.replace("..", "-").split("-"):
            if part.strip().isdigit() and len(part.strip()) == 4:
                found.add(int(part))
        return frozenset(found)


@dataclass(frozen=True, slots=True)
class Result:
    """What the checker said of one row."""

    row: Row
    verdict: str  # consistent, inconsistent, not-in-data, not-checked, missed
    right_reason: bool
    explanation: str

    @property
    def judged(self) -> str:
        """The verdict in the corpus's three classes."""
        return self.verdict if self.verdict in ("consistent", "inconsistent") else "unjudged"


def load_rows(paths: Iterable[Path]) -> list[Row]:
    """The rows of the corpus files, checked for form (every column, a known verdict, the
    figure in its sentence, unique ids)."""
    rows: list[Row] = []
    for path in paths:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = set(COLUMNS) - set(reader.fieldnames or ())
            if missing:
                raise ValueError(f"{path.name}: missing columns {sorted(missing)}")
            for record in reader:
                row = Row(
                    id=record["id"],
                    language=record["language"],
                    context=record["context"] or "",
                    sentence=record["sentence"],
                    figure=record["figure"],
                    expected=record["expected"],
                    indicator=record["indicator"] or "",
                    period=record["period"] or "",
                    origin=record["origin"],
                    source_kind=record["source_kind"],
                    source_url=record["source_url"] or "",
                )
                if row.expected not in EXPECTED:
                    raise ValueError(f"{path.name} {row.id}: unknown verdict {row.expected!r}")
                row.figure_span  # noqa: B018  (raises when the figure is not in the sentence)
                rows.append(row)
    ids = Counter(row.id for row in rows)
    twice = sorted(i for i, n in ids.items() if n > 1)
    if twice:
        raise ValueError(f"ids used twice: {twice}")
    return rows


SETS: Final = ("dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5")
"""The corpus's sets, in the order they were built (tests/claims/corpus/README.md)."""


def corpus_files(which: str, folder: Path = CORPUS) -> list[Path]:
    """``dev``, ``heldout`` or ``all`` of the corpus files in ``folder``."""
    patterns = {
        "dev": ["dev-*.csv"],
        "heldout": ["heldout-*.csv"],
        "heldout2": ["heldout2-*.csv"],
        "heldout3": ["heldout3-*.csv"],
        "heldout4": ["heldout4-*.csv"],
        "heldout5": ["heldout5-*.csv"],
    }
    patterns["all"] = [p for name in SETS for p in patterns[name]]
    return sorted(p for pattern in patterns[which] for p in folder.glob(pattern))


def evaluate(rows: Sequence[Row], database: Path) -> list[Result]:
    """Check every row's paragraph against the demo database at ``database``, in a view that
    sees exact small counts (suppression is measured elsewhere; here the reading is)."""
    from planwatch.claims.checking import check
    from planwatch.domain.permissions import View
    from planwatch.storage import Store

    store = Store(database)
    view = View(exact_small_counts=True)
    results = []
    with store.kept_open():  # one process reading many times: the file opened once
        for row in rows:
            results.append(_evaluated(row, check(store, row.text, view=view).claims))
    return results


def _evaluated(row: Row, claims: Sequence[Any]) -> Result:
    """The verdict on the row's figure: the gravest of the claims over its span."""
    start, end = row.figure_span
    over = [c for c in claims if c.span[0] < end and start < c.span[1]]
    verdicts = {c.verdict for c in over}
    verdict = next(
        (v for v in ("inconsistent", "consistent", "not-in-data", "not-checked") if v in verdicts),
        "missed",
    )
    chosen = [c for c in over if c.verdict == verdict]
    right = any(_right_reason(row, c) for c in chosen) if verdict == "inconsistent" else False
    explanation = " | ".join(c.explanation_en for c in chosen)
    return Result(row, verdict, right, explanation)


def _right_reason(row: Row, claim: object) -> bool:
    """An inconsistent verdict is for the right reason when it is about the row's indicator
    (any plan total for ``plan_total``) and, where both name years, one of the row's years."""
    indicator = getattr(claim, "indicator", None)
    kind = getattr(claim, "kind", "")
    years = set(getattr(claim, "years", ()))
    if row.indicator == "plan_total":
        same = kind == "budget"
    else:
        same = indicator is not None and _same_figure(indicator.code, row.indicator, row.years)
    return same and (not years or not row.years or bool(years & row.years))


def _family(code: str) -> str:
    """A cumulative indicator is checked through its yearly one (a total over years)."""
    return code.removesuffix("_cumulative")


SERIES_DIFFER: Final = frozenset({2020, 2021, 2022})
"""The years CMM's count and the TIP report's differ (data/reference/README.md); in any other
year a false figure judged against either series is judged for the right reason."""


def _same_figure(checked: str, labelled: str, years: frozenset[int]) -> bool:
    if _family(checked) == _family(labelled):
        return True
    pair = {_family(checked), _family(labelled)}
    return pair == {"victims_assessed", "victims_identified_tip"} and not years & SERIES_DIFFER


def build_demo_database(folder: Path) -> Path:
    """The demo database (published figures and illustrative money), as ``init --demo``."""
    from planwatch.storage import Store
    from planwatch.uploads import reference

    path = folder / "demo.duckdb"
    reference.load(Store(path), demo=True)
    return path


@dataclass(frozen=True, slots=True)
class Scores:
    """The measures the issue sets targets for, and precision and recall per class."""

    rows: int
    true_consistent: tuple[int, int]  # judged consistent, of the consistent rows
    false_caught: tuple[int, int]  # judged inconsistent for the right reason, of inconsistent
    false_caught_any_reason: int
    true_judged_inconsistent: int
    unjudged_judged_inconsistent: int
    precision: dict[str, tuple[int, int]]
    recall: dict[str, tuple[int, int]]


def score(results: Sequence[Result]) -> Scores:
    """The scores of ``results``."""
    by_expected = Counter(r.row.expected for r in results)
    by_judged = Counter(r.judged for r in results)
    hits = Counter(r.row.expected for r in results if r.row.expected == r.judged)
    inconsistent_rows = [r for r in results if r.row.expected == "inconsistent"]
    return Scores(
        rows=len(results),
        true_consistent=(hits["consistent"], by_expected["consistent"]),
        false_caught=(
            sum(1 for r in inconsistent_rows if r.judged == "inconsistent" and r.right_reason),
            len(inconsistent_rows),
        ),
        false_caught_any_reason=sum(1 for r in inconsistent_rows if r.judged == "inconsistent"),
        true_judged_inconsistent=sum(
            1 for r in results if r.row.expected == "consistent" and r.judged == "inconsistent"
        ),
        unjudged_judged_inconsistent=sum(
            1 for r in results if r.row.expected == "unjudged" and r.judged == "inconsistent"
        ),
        precision={c: (hits[c], by_judged[c]) for c in EXPECTED},
        recall={c: (hits[c], by_expected[c]) for c in EXPECTED},
    )


def _pct(pair: tuple[int, int]) -> str:
    done, of = pair
    return f"{done}/{of} ({100 * done / of:.1f} %)" if of else "0/0"


def markdown(name: str, results: Sequence[Result], details: bool) -> str:
    """The scores as Markdown, with every miss when ``details``."""
    s = score(results)
    kinds = Counter(r.row.source_kind for r in results)
    origins = Counter(r.row.origin for r in results)
    lines = [
        f"### {name}: {s.rows} figures",
        "",
        "Sources: "
        + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
        + "; origin: "
        + ", ".join(f"{k} {n}" for k, n in sorted(origins.items()))
        + ".",
        "",
        "| measure | result | target |",
        "|---|---|---|",
        f"| true claims judged consistent | {_pct(s.true_consistent)} | ≥ 95 % |",
        f"| false claims judged inconsistent for the right reason | {_pct(s.false_caught)} "
        f"(any reason: {s.false_caught_any_reason}) | ≥ 95 % |",
        f"| true claims judged inconsistent | {s.true_judged_inconsistent} | 0 |",
        f"| claims planwatch cannot judge judged inconsistent | "
        f"{s.unjudged_judged_inconsistent} | 0 |",
        "",
        "| verdict | precision | recall |",
        "|---|---|---|",
    ]
    lines += [f"| {c} | {_pct(s.precision[c])} | {_pct(s.recall[c])} |" for c in EXPECTED]
    if details:
        lines += ["", "Misses:", ""]
        for r in results:
            if r.judged != r.row.expected or (r.judged == "inconsistent" and not r.right_reason):
                lines.append(
                    f"- `{r.row.id}` expected {r.row.expected}, got {r.verdict}"
                    f"{'' if r.right_reason or r.verdict != 'inconsistent' else ' (wrong reason)'}"
                    f": “{r.row.figure}” in “{r.row.text}” — {r.explanation}"
                )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=(*SETS, "all"), default="dev")
    parser.add_argument("--details", action="store_true", help="list every miss")
    parser.add_argument("--out", type=Path, help="also write the Markdown to this file")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the corpus folder")
    args = parser.parse_args(argv)
    files = corpus_files(args.set, args.corpus)
    if not files:
        print(f"no corpus files for {args.set} in {args.corpus}", file=sys.stderr)
        return 2
    rows = load_rows(files)
    with tempfile.TemporaryDirectory() as folder:
        results = evaluate(rows, build_demo_database(Path(folder)))
    parts = [markdown(f"{args.set} (all languages)", results, args.details)]
    for language in sorted({r.row.language for r in results}):
        subset = [r for r in results if r.row.language == language]
        parts.append(markdown(f"{args.set}, sentences in {language}", subset, False))
    text = "\n".join(parts)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 1 if score(results).true_judged_inconsistent else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main())

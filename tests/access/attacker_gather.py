"""What a viewer can see, gathered as an attacker would: at every publication point, through the
data functions the pages call (``ui/data.py``: tiles, yearly, by-breakdown and quarterly series,
disagreements between sources), and through the command line (``planwatch figure INDICATOR
PERIOD --json`` for every indicator of persons, every year and quarter stored, every breakdown
stored: the total, one dimension, two dimensions). A viewer's downloads (the charts' and tables'
CSV, PNG and SVG) are drawn from the same series, and exports are the auditors' and admins'.

Each number seen becomes an expression over the stored figure versions
(:mod:`tests.access.attacker_audit`); each exact value is checked against the stored figures,
so that a mistake in this mapping fails loudly instead of weakening the attacker.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from unittest import mock

import duckdb
from click.testing import CliRunner

import planwatch.storage.connection
from planwatch.cli import main
from planwatch.cli.common import to_jsonable
from planwatch.domain.indicators import Aggregation
from planwatch.domain.permissions import PUBLIC_VIEW, View
from planwatch.domain.suppression import PERSON_UNITS
from planwatch.domain.vocab import ALL, BREAKDOWN_DIMENSIONS, Breakdown
from planwatch.figures import dashboard, publication, reporting
from planwatch.storage import Store
from tests.access.attacker_audit import Expr, Knowledge, Shown, expr

Cell = tuple[
    str, int, int, str, str, str
]  # indicator, year, quarter (0 = the year), sex, age, expl
DIMENSIONS = tuple(BREAKDOWN_DIMENSIONS)


def _cell(indicator: str, year: int, quarter: int | None, b: Breakdown) -> Cell:
    return (indicator, year, quarter or 0, b.sex, b.age_group, b.exploitation)


@dataclass
class Stored:
    """The figures a viewer's view rests on at one moment (approved, current, not withdrawn)."""

    moment: dt.datetime
    rows: dict[Cell, list[dict[str, Any]]]

    def version(self, cell: Cell, source: str | None = None) -> int:
        found = self.rows.get(cell, [])
        if source is not None:
            chosen = [r for r in found if r["source_id"] == source]
        else:
            chosen = sorted(
                (r for r in found if r["is_preferred"]), key=lambda r: str(r["source_id"])
            )
        assert chosen, f"no stored figure behind what was shown: {cell} {source or ''}"
        return int(chosen[0]["version_id"])

    def has(self, cell: Cell) -> bool:
        return any(r["is_preferred"] for r in self.rows.get(cell, []))


def stored_at(store: Store, moment: dt.datetime) -> Stored:
    rows: dict[Cell, list[dict[str, Any]]] = {}
    with store.connect(read_only=True) as connection:
        result = connection.execute(
            """
            SELECT version_id, indicator_code, year, quarter, sex, age_group, exploitation,
                   source_id, value, is_preferred
            FROM observations_as_of($moment, visibility := 'approved') WHERE NOT withdrawn
            """,
            {"moment": moment},
        )
        names = [d[0] for d in result.description]
        for values in result.fetchall():
            row = dict(zip(names, values, strict=True))
            b = Breakdown(row["sex"], row["age_group"], row["exploitation"])
            rows.setdefault(
                _cell(row["indicator_code"], row["year"], row["quarter"], b), []
            ).append(row)
    return Stored(moment, rows)


@contextmanager
def one_connection(store: Store) -> Iterator[None]:
    """Every read-only opening of ``store``'s file, by the pages' data functions and the
    command line alike, gets a cursor of one connection opened here: the same queries on the
    same file, without opening it a thousand times (each opening costs about 25 ms). Writes
    open the file as usual (none happen while a viewer looks)."""
    base = duckdb.connect(str(store.path), read_only=True)
    real: Callable[..., duckdb.DuckDBPyConnection] = planwatch.storage.connection._open
    path = store.path.resolve()

    def _open(
        where: Path,
        *,
        read_only: bool,
        timeout: float,
        sleep: Callable[[float], None] = time.sleep,
    ) -> duckdb.DuckDBPyConnection:
        if read_only and Path(where).resolve() == path:
            return base.cursor()
        return real(where, read_only=read_only, timeout=timeout, sleep=sleep)

    try:
        with mock.patch.object(planwatch.storage.connection, "_open", _open):
            yield
    finally:
        base.close()


class Attacker:
    """Gathers, per indicator of persons, a :class:`Knowledge` of everything seen."""

    def __init__(self, store: Store, viewer: str, view: View = PUBLIC_VIEW) -> None:
        self.store = store
        self.viewer = viewer
        self.view = view
        defined = reporting.indicators(store)
        self.aggregation = {i.code: i.aggregation for i in defined}
        self.persons = sorted(i.code for i in defined if i.unit in PERSON_UNITS)
        self.knowledge = {code: Knowledge(view.small_count_threshold) for code in self.persons}
        self.truth: dict[int, Decimal] = {}
        self.cli_calls = 0

    # -- what a number seen stands for -------------------------------------------------------

    def _year_expr(
        self,
        stored: Stored,
        indicator: str,
        year: int,
        b: Breakdown,
        basis: str,
        quarters: list[int],
    ) -> Expr:
        if basis == "reported":
            return expr(stored.version(_cell(indicator, year, None, b)))
        return self._quarters_expr(stored, indicator, year, b, quarters)

    def _quarters_expr(
        self, stored: Stored, indicator: str, year: int, b: Breakdown, quarters: list[int]
    ) -> Expr:
        assert quarters, (indicator, year, b)
        if self.aggregation[indicator] is Aggregation.FLOW:
            return expr(*(stored.version(_cell(indicator, year, q, b)) for q in quarters))
        return expr(stored.version(_cell(indicator, year, max(quarters), b)))

    def _see(
        self,
        stored: Stored,
        indicator: str,
        expression: Expr,
        value: Any,
        suppressed: Any,
        where: str,
        period: str,
    ) -> None:
        if indicator not in self.knowledge:
            return
        knowledge = self.knowledge[indicator]
        context = (stored.moment, indicator, period)
        if value is not None:
            shown = Decimal(str(value))
            true = sum((self.truth[v] * c for v, c in expression), Decimal(0))
            assert true == shown, f"{where}: shown {shown}, stored {true} ({sorted(expression)})"
            knowledge.shown.append(Shown(expression, shown, None, where, context))
        elif suppressed is not None:
            knowledge.shown.append(Shown(expression, None, _label(suppressed), where, context))

    def _year_value(self, stored: Stored, b: Breakdown, yv: dict[str, Any], where: str) -> None:
        indicator, year = yv["indicator"], int(yv["year"])
        quarters = [int(q) for q in yv["quarters"] or []]
        e = self._year_expr(stored, indicator, year, b, yv["basis"], quarters)
        self._see(stored, indicator, e, yv["value"], yv["suppressed"], where, str(year))
        flow = self.aggregation[indicator] is Aggregation.FLOW
        if yv.get("quarters_value") is not None and quarters and flow:
            q_expr = self._quarters_expr(stored, indicator, year, b, quarters)
            self._see(stored, indicator, q_expr, yv["quarters_value"], None, where, str(year))
        for q, v in yv.get("by_quarter") or []:
            q_expr = expr(stored.version(_cell(indicator, year, int(q), b)))
            self._see(stored, indicator, q_expr, v, None, f"{where} Q{q}", f"{year}-Q{q}")

    def _comparison(
        self, stored: Stored, b: Breakdown, comparison: dict[str, Any], where: str
    ) -> None:
        current = comparison["current"]
        self._year_value(stored, b, current, where)
        base = comparison.get("baseline")
        if base is None:
            return
        indicator, year = current["indicator"], int(current["year"]) - 1
        coverage = base["coverage"]
        quarters = [int(q) for q in coverage.get("quarters") or []]
        if (quarters and len(quarters) < 4) or not stored.has(_cell(indicator, year, None, b)):
            quarters = quarters or [1, 2, 3, 4]
            e = self._quarters_expr(stored, indicator, year, b, quarters)
        else:
            e = expr(stored.version(_cell(indicator, year, None, b)))
        self._see(stored, indicator, e, base["value"], None, f"{where} baseline", str(year))

    def _figure(self, stored: Stored, figure: dict[str, Any], where: str) -> None:
        version = int(figure["version_id"])
        self._see(
            stored,
            figure["indicator"],
            expr(version),
            figure["value"],
            figure["suppressed"],
            where,
            str(figure["period"]),
        )

    # -- gathering ---------------------------------------------------------------------------

    def gather(self) -> list[dt.datetime]:
        """Everything seen at every publication point; returns the points.

        An indicator whose stored figures did not change since the last point it was gathered
        at shows the same again (suppression is decided per indicator, from its own figures),
        so it is gathered again only when they changed; the tiles are read at every point."""
        with one_connection(self.store):
            return self._gather()

    def _gather(self) -> list[dt.datetime]:
        points = publication.publication_points(self.store, self.view)
        gathered: dict[str, frozenset[int]] = {}
        self._asked: set[int] = set()
        for point in points:
            stored = stored_at(self.store, point)
            for found in stored.rows.values():
                for row in found:
                    self.truth[int(row["version_id"])] = Decimal(str(row["value"]))
            changed = []
            for indicator in self.persons:
                versions = frozenset(
                    int(r["version_id"])
                    for cell, rows in stored.rows.items()
                    if cell[0] == indicator
                    for r in rows
                )
                if versions and gathered.get(indicator) != versions:
                    gathered[indicator] = versions
                    changed.append(indicator)
            self._tiles(stored)
            if changed:
                self._pages(stored, changed)
                self._cli(stored, changed)
                self._structure(stored)
            self._asked |= {int(r["version_id"]) for rows in stored.rows.values() for r in rows}
        return points

    def _tiles(self, stored: Stored) -> None:
        m, total = stored.moment, Breakdown()
        for tile in dashboard.indicator_tiles(self.store, as_of=m, view=self.view):
            for name in ("latest", "previous", "year_to_date"):
                value = getattr(tile, name, None)
                if value is None:
                    continue
                seen = to_jsonable(value)
                if "current" in seen:  # the year to date comes with its comparison
                    self._comparison(stored, total, seen, f"tile {name} @{m}")
                else:
                    self._year_value(stored, total, seen, f"tile {name} @{m}")

    def _pages(self, stored: Stored, indicators: list[str]) -> None:
        m, view = stored.moment, self.view
        total = Breakdown()
        for indicator in indicators:
            for yv in reporting.year_series(self.store, indicator, as_of=m, view=view):
                self._year_value(stored, total, to_jsonable(yv), f"page year_series @{m}")
            for dimension in self._dimensions(stored, indicator):
                series = reporting.breakdown_series(
                    self.store, indicator, dimension, as_of=m, view=view
                )
                for code, values in series.items():
                    b = Breakdown(**{dimension: code})
                    for yv in values:
                        where = f"page breakdown_series {dimension}={code} {yv.year} @{m}"
                        self._year_value(stored, b, to_jsonable(yv), where)
            first = min((c[1] for c in stored.rows if c[0] == indicator), default=None)
            if first is not None:
                for qv in reporting.quarter_series(
                    self.store, indicator, first, as_of=m, view=view
                ):
                    cell = _cell(indicator, qv.period.year, qv.period.quarter, total)
                    e = expr(stored.version(cell, qv.source_id))
                    self._see(
                        stored,
                        indicator,
                        e,
                        qv.value,
                        None,
                        f"page quarter_series @{m}",
                        str(qv.period),
                    )
        for item in dashboard.disagreements(self.store, as_of=m, view=view):
            parts = dict(part.split("=", 1) for part in item.breakdown.split())
            b = Breakdown(**parts)
            for sv in item.values:
                cell = _cell(item.indicator, item.period.year, item.period.quarter, b)
                e = expr(stored.version(cell, sv.source_id))
                self._see(
                    stored,
                    item.indicator,
                    e,
                    sv.value,
                    to_jsonable(sv.suppressed),
                    f"page disagreements {cell} @{m}",
                    str(item.period),
                )

    def _dimensions(self, stored: Stored, indicator: str) -> list[str]:
        return [
            d
            for i, d in enumerate(DIMENSIONS)
            if any(c[0] == indicator and c[3 + i] != ALL for c in stored.rows)
        ]

    def _cli(self, stored: Stored, indicators: list[str]) -> None:
        as_of = stored.moment.isoformat() + "Z"
        for indicator, period, b in self._questions(stored, indicators):
            args = ["--json", "--user", self.viewer, "figure", indicator, period, "--as-of", as_of]
            for dimension in DIMENSIONS:
                if getattr(b, dimension) != ALL:
                    args += [f"--{dimension.replace('_', '-')}", getattr(b, dimension)]
            result = CliRunner().invoke(main, [*args, "--db", str(self.store.path)])
            self.cli_calls += 1
            if result.exit_code == 2 and "error" in result.stdout:
                continue  # no figure for that period and breakdown
            assert result.exit_code == 0, (args, result.output)
            answer = json.loads(result.stdout)
            where = f"cli {' '.join(args[3:])}"
            if "comparison" in answer:
                self._comparison(stored, b, answer["comparison"], where)
            for figure in [answer.get("preferred"), *answer.get("alternatives", [])]:
                if figure is not None:
                    self._figure(stored, figure, where)

    def _questions(
        self, stored: Stored, indicators: list[str]
    ) -> Iterator[tuple[str, str, Breakdown]]:
        """``figure INDICATOR PERIOD [breakdown]`` for every period and breakdown stored, except
        a complete year of one breakdown dimension with one source: its answer is the value the
        page's breakdown series shows and the year before it, both gathered from the page
        (``test_the_command_line_says_what_the_pages_say`` checks that they agree). A cell is
        asked about at the point its stored version is first published (each command costs
        up to a second on a busy machine, and the test must stay within a minute): the pages
        show every year at every point, the command line each figure when it is new."""
        seen: set[tuple[str, str, Breakdown]] = set()
        for cell in sorted(stored.rows):
            indicator, year, quarter, sex, age, expl = cell
            if indicator not in indicators:
                continue
            if all(int(r["version_id"]) in self._asked for r in stored.rows[cell]):
                continue  # asked when this version of it was first published
            b = Breakdown(sex, age, expl)
            periods = [f"{year}-Q{quarter}"] if quarter else []
            if quarter or not self._page_says_it(stored, cell):
                periods.append(str(year))
            for period in periods:
                if (indicator, period, b) not in seen:
                    seen.add((indicator, period, b))
                    yield indicator, period, b

    def _page_says_it(self, stored: Stored, cell: Cell) -> bool:
        """A yearly cell of at most one dimension, published for the whole year by one source,
        whose year before (if stored) is too: the pages show the same thing as the command."""
        dimensions = sum(1 for part in cell[3:] if part != ALL)
        if dimensions > 1 or len(stored.rows.get(cell, [])) != 1:
            return False
        before = (cell[0], cell[1] - 1, 0, *cell[3:])
        return len(stored.rows.get(before, [])) <= 1  # type: ignore[arg-type]

    def _structure(self, stored: Stored) -> None:
        """Additivity (by each dimension) and quarters summing to a flow indicator's year,
        wherever that holds for the stored figures."""
        for cell in stored.rows:
            indicator = cell[0]
            if indicator not in self.knowledge or not stored.has(cell):
                continue
            knowledge = self.knowledge[indicator]
            whole = expr(stored.version(cell))
            whole_value = self.truth[stored.version(cell)]
            for index, dimension in enumerate(DIMENSIONS):
                if cell[3 + index] != ALL:
                    continue
                parts = []
                for code in BREAKDOWN_DIMENSIONS[dimension]:
                    child = list(cell)
                    child[3 + index] = code
                    if stored.has(tuple(child)):  # type: ignore[arg-type]
                        parts.append(stored.version(tuple(child)))  # type: ignore[arg-type]
                if not parts:
                    continue
                total = sum((self.truth[v] for v in parts), Decimal(0))
                if total == whole_value:
                    knowledge.equal.add((expr(*parts), whole))
                elif total <= whole_value:
                    knowledge.at_most.add((expr(*parts), whole))
            if cell[2] == 0 and self.aggregation[indicator] is Aggregation.FLOW:
                quarters = [(cell[0], cell[1], q, *cell[3:]) for q in (1, 2, 3, 4)]
                if all(stored.has(q) for q in quarters):  # type: ignore[arg-type]
                    versions = [stored.version(q) for q in quarters]  # type: ignore[arg-type]
                    if sum(self.truth[v] for v in versions) == whole_value:
                        knowledge.equal.add((expr(*versions), whole))


def _label(suppressed: Any) -> str:
    if isinstance(suppressed, dict):
        if suppressed.get("kind") == "small":
            return f"<{suppressed.get('threshold', 3)}"
        return "ikke vist" if suppressed.get("kind") == "withheld" else "skjult"
    return str(suppressed.label("da"))

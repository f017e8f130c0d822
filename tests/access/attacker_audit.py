"""The attacker's interval audit, written for the tests and independent of planwatch's own
suppression code: everything a viewer saw becomes linear constraints over the stored figures,
and a mixed-integer programme (scipy's HiGHS) finds the smallest and largest value each cell
shown as "<3" can have.

Unknowns are the stored figure versions a viewer was shown, directly or summed (one unknown per
``version_id``: a figure that was not revised between two publication points is the same
unknown at both, as a reader can tell from the "revised" marks). Every constraint holds for the
stored figures (the truth is a feasible point, so the bounds always contain it); the attacker
is given at least what an honest, determined reader knows:

* every value shown exactly: its expression equals it;
* "<T": its expression lies in 1..T-1;
* "ikke vist"/"withheld": any count (0 or more);
* "skjult"/"hidden": at any moment at which the same indicator and period also show "<T" or
  withheld somewhere, a hidden cell is not a small count (0, or T and more), because small
  counts are labelled "<T" or withheld; otherwise nothing but that it is a count (0 or more);
* additivity: a cell with a dimension at "all" is the sum of its cells by that dimension (the
  total by sex, a 1-D cell by a second dimension), wherever that holds for the stored figures
  (e.g. not for overlapping forms of exploitation), else the parts are at most the whole;
* a flow indicator's year is the sum of its four quarters, where both are stored and agree;
* counts are whole numbers of 0 or more.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

Expr = frozenset[tuple[int, int]]
"""A linear expression over stored versions: (version_id, coefficient) pairs."""


def expr(*versions: int) -> Expr:
    counts: dict[int, int] = {}
    for version in versions:
        counts[version] = counts.get(version, 0) + 1
    return frozenset(counts.items())


def value_of(expression: Expr, truth: Mapping[int, Decimal]) -> Decimal:
    return sum((truth[v] * c for v, c in expression), Decimal(0))


@dataclass(frozen=True, slots=True)
class Shown:
    """One thing a viewer saw: an expression and how it was shown."""

    expression: Expr
    exact: Decimal | None  # the value shown, or None when suppressed
    label: str | None  # "<3", "skjult"/"hidden", "ikke vist"/"withheld", or None when exact
    where: str  # how the viewer got it (for the report)
    context: tuple[object, ...]  # (moment, indicator, period): groups "<T" with "skjult"


@dataclass
class Knowledge:
    """Everything one indicator's viewer saw, plus the structure they know."""

    threshold: int
    shown: list[Shown] = field(default_factory=list)
    equal: set[tuple[Expr, Expr]] = field(default_factory=set)  # left == right
    at_most: set[tuple[Expr, Expr]] = field(default_factory=set)  # left <= right

    def small(self) -> dict[Expr, list[Shown]]:
        found: dict[Expr, list[Shown]] = {}
        for item in self.shown:
            if item.label is not None and item.label.startswith("<"):
                found.setdefault(item.expression, []).append(item)
        return found

    def withheld(self) -> dict[Expr, list[Shown]]:
        found: dict[Expr, list[Shown]] = {}
        for item in self.shown:
            if is_withheld(item.label):
                found.setdefault(item.expression, []).append(item)
        return found


WITHHELD_LABELS = ("ikke vist", "withheld")


def is_withheld(label: str | None) -> bool:
    return label in WITHHELD_LABELS


@dataclass(frozen=True, slots=True)
class Pinned:
    """A cell shown as "<T" whose range, given everything seen, is narrower than 1..T-1."""

    where: str
    low: int
    high: int
    truth: Decimal


def audit(knowledge: Knowledge, truth: Mapping[int, Decimal]) -> list[Pinned]:
    """Every cell shown as "<T", and every withheld cell whose stored value is small, that the
    attacker can narrow below 1..T-1."""
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp

    threshold = knowledge.threshold
    small = knowledge.small()
    withheld = knowledge.withheld()
    checked = dict(small)
    for expression, items in withheld.items():
        if 0 < value_of(expression, truth) < threshold:
            checked.setdefault(expression, items)
    if not checked:
        return []
    versions = sorted(
        {v for item in knowledge.shown for v, _ in item.expression}
        | {v for pair in knowledge.equal | knowledge.at_most for e in pair for v, _ in e}
    )
    column = {v: i for i, v in enumerate(versions)}
    big = float(max([*truth.values(), Decimal(1)]) * 10 + 1000)
    small_contexts = {
        item.context for group in (small, withheld) for items in group.values() for item in items
    }
    hidden = [
        item
        for item in knowledge.shown
        if item.label is not None
        and not item.label.startswith("<")
        and not is_withheld(item.label)
        and item.context in small_contexts
    ]
    hidden_exprs = sorted({item.expression for item in hidden}, key=sorted)
    width = len(versions) + len(hidden_exprs)  # one binary per hidden-and-not-small cell

    rows: list[np.ndarray] = []
    lows: list[float] = []
    highs: list[float] = []

    def add(coefficients: Iterable[tuple[int, float]], low: float, high: float) -> None:
        row = np.zeros(width)
        for index, coefficient in coefficients:
            row[index] += coefficient
        rows.append(row)
        lows.append(low)
        highs.append(high)

    def terms(expression: Expr, sign: float = 1.0) -> list[tuple[int, float]]:
        return [(column[v], sign * c) for v, c in expression]

    for item in {(i.expression, i.exact, i.label) for i in knowledge.shown}:
        expression, exact, label = item
        if exact is not None:
            add(terms(expression), float(exact), float(exact))
        elif label is not None and label.startswith("<"):
            add(terms(expression), 1, threshold - 1)
        elif is_withheld(label):
            add(terms(expression), 0, np.inf)
        else:
            add(terms(expression), 0, np.inf)
    for index, expression in enumerate(hidden_exprs):
        binary = len(versions) + index
        add([*terms(expression), (binary, -threshold)], 0, np.inf)  # >= T when z = 1
        add([*terms(expression), (binary, -big)], -np.inf, 0)  # = 0 when z = 0
    for left, right in knowledge.equal:
        add([*terms(left), *terms(right, -1.0)], 0, 0)
    for left, right in knowledge.at_most:
        add([*terms(left), *terms(right, -1.0)], -np.inf, 0)

    matrix = np.vstack(rows)
    constraints = LinearConstraint(matrix, np.array(lows), np.array(highs))
    upper = np.concatenate([np.full(len(versions), big), np.ones(len(hidden_exprs))])
    bounds = Bounds(np.zeros(width), upper)
    integrality = np.ones(width)

    pinned: list[Pinned] = []
    for expression, items in checked.items():
        objective = np.zeros(width)
        for index, coefficient in terms(expression):
            objective[index] += coefficient
        ends = []
        for sign in (1.0, -1.0):
            result = milp(
                sign * objective,
                constraints=constraints,
                bounds=bounds,
                integrality=integrality,
                options={"time_limit": 20},
            )
            assert result.status == 0, (
                f"the attacker's programme is infeasible or unsolved ({result.message}): a "
                f"constraint does not hold for the stored figures: {items[0].where}"
            )
            ends.append(round(sign * float(result.fun)))
        low, high = ends
        if low > 1 or high < threshold - 1:
            pinned.append(Pinned(items[0].where, low, high, value_of(expression, truth)))
    return pinned

"""An attacker who knows what a viewer sees, written independently of planwatch's engine.

The attacker gathers cells: a number shown, ``"<t"`` (1 .. t-1), hidden (never small: 0 or at
least t, since every small count is shown as ``"<t"`` or withheld), withheld (any count, 0 or
more), or not shown at all (some count). With
the sums they know hold (a total is the sum of its parts), they ask which values a cell can
still have: a mixed-integer feasibility problem per value, solved with scipy's HiGHS.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp  # type: ignore[import-untyped]

SMALL = "small"
HIDDEN = "hidden"
UNKNOWN = "unknown"
WITHHELD = "withheld"

Seen = int | str
"""A number shown, or SMALL, HIDDEN, WITHHELD (any count) or UNKNOWN."""


@dataclass
class Attacker:
    threshold: int
    seen: dict[str, Seen]
    sums: list[tuple[str, tuple[str, ...]]]
    """(total, parts): total = sum(parts)."""
    at_most: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    """(total, parts): sum(parts) <= total (a part is not stored)."""

    def possible(self, cell: str, value: int) -> bool:
        names = sorted(self.seen)
        hidden = [n for n in names if self.seen[n] == HIDDEN]
        index = {n: i for i, n in enumerate(names)}
        size = len(names) + len(hidden)
        shown = [v for v in self.seen.values() if isinstance(v, int)]
        big = 10 * (sum(shown) + self.threshold) + 100
        low, high = np.zeros(size), np.zeros(size)
        for name, i in index.items():
            seen = self.seen[name]
            if isinstance(seen, int):
                low[i] = high[i] = seen
            elif seen == SMALL:
                low[i], high[i] = 1, self.threshold - 1
            else:
                low[i], high[i] = 0, big
        if not low[index[cell]] <= value <= high[index[cell]]:
            return False
        low[index[cell]] = high[index[cell]] = value
        rows, lower, upper = [], [], []
        for equal, relations in ((True, self.sums), (False, self.at_most)):
            for total, parts in relations:
                row = np.zeros(size)
                row[index[total]] -= 1
                for part in parts:
                    row[index[part]] += 1
                rows.append(row)
                lower.append(0.0 if equal else -np.inf)
                upper.append(0.0)
        for j, name in enumerate(hidden, start=len(names)):
            low[j], high[j] = 0, 1
            row = np.zeros(size)
            row[index[name]], row[j] = 1, -self.threshold
            rows.append(row)
            lower.append(0.0)
            upper.append(np.inf)
            row = np.zeros(size)
            row[index[name]], row[j] = 1, -big
            rows.append(row)
            lower.append(-np.inf)
            upper.append(0.0)
        result = milp(
            np.zeros(size),
            integrality=np.ones(size),
            bounds=Bounds(low, high),
            constraints=[LinearConstraint(np.array(rows), lower, upper)] if rows else [],
        )
        return bool(result.status == 0)

    def small_values_left(self, cell: str) -> set[int]:
        """Which of 1 .. t-1 the cell may still be."""
        return {v for v in range(1, self.threshold) if self.possible(cell, v)}

    def pinned_cells(self, truth: Mapping[str, int]) -> list[tuple[str, set[int]]]:
        """Every cell whose stored value is small (shown as small or withheld) for which the
        attacker can rule out a small value."""
        every = set(range(1, self.threshold))
        found = []
        for name, seen in sorted(self.seen.items()):
            small = 0 < truth[name] < self.threshold
            if (
                small
                and seen in (SMALL, WITHHELD)
                and (left := self.small_values_left(name)) != every
            ):
                found.append((name, left))
        return found

    def pinned_small_cells(self) -> list[tuple[str, set[int]]]:
        """Every cell shown as small for which the attacker can rule out a small value."""
        every = set(range(1, self.threshold))
        found = []
        for name, seen in sorted(self.seen.items()):
            if seen == SMALL and (left := self.small_values_left(name)) != every:
                found.append((name, left))
        return found


def seen_of(value: object, suppressed: object) -> Seen:
    """What a viewer sees of a value planwatch returned (value, suppressed label)."""
    if suppressed is None:
        assert value is not None
        number = int(value)  # type: ignore[call-overload]
        assert number == value
        return number
    kind = str(getattr(suppressed, "kind", None))
    return SMALL if kind == "small" else WITHHELD if kind == "withheld" else HIDDEN


def merge(seen: dict[str, Seen], name: str, value: Seen) -> None:
    """Add what was seen of a cell: a number beats a label, a label beats nothing; two numbers
    seen of one cell must agree."""

    def rank(item: Seen | None) -> int:
        if item is None:
            return 0
        return 3 if isinstance(item, int) else 1 if item in (UNKNOWN, WITHHELD) else 2

    before = seen.get(name)
    if isinstance(before, int) and isinstance(value, int):
        assert before == value, (name, before, value)
    if rank(value) > rank(before):
        seen[name] = value


def all_small_cells_open(attacker: Attacker) -> None:
    pinned = attacker.pinned_small_cells()
    assert not pinned, pinned


def sums_of(groups: Mapping[str, Sequence[str]]) -> list[tuple[str, tuple[str, ...]]]:
    return [(total, tuple(parts)) for total, parts in groups.items()]

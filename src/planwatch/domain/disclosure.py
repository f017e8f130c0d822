"""Suppression that cannot be undone: complementary suppression checked by an interval audit.

A *table* is a set of integer cells (counts of persons) with linear relations between them: a
total equals the sum of its parts (a year and its breakdown by sex; a 1-dimensional cell and the
2-dimensional cells under it; a year built from its quarters; the same cell at two publication
points when it did not change). A *pattern* says which cells are suppressed and how they are
labelled. An attacker knows every published cell, every relation, and what each label means:

* a primary cell, shown as ``"<3"``, lies in ``1 .. threshold - 1``;
* a secondary cell, shown as hidden, is never small: it is ``0`` or at least ``threshold``
  (small cells are always primary) - a set that is not an interval, so the audit is a small
  mixed-integer programme (one binary per hidden cell) rather than a linear one;
* a cell that is not published and not labelled (a margin that is not stored) is some count
  ``>= 0``.

:func:`audit` gives the bounds an attacker can derive for each suppressed cell (minimum and
maximum of a MILP, ``scipy.optimize.milp`` with HiGHS). :func:`protect` makes the pattern: every
small cell of a suppressible cell is primary; then, primary cell by primary cell, complementary
cells are hidden (cheapest first: non-zero before zero, then the smallest value, then the cell's
position in the table - deterministic) until every value ``1 .. threshold - 1`` is still
possible for that primary cell. That is the protection rule: the attacker learns no more than
the label says. Where no choice of cells achieves it (e.g. a total that must stay shown whose
only parts are small), every suppressible cell of that part of the table is hidden and the
primary cell is reported in :attr:`Protection.unprotectable`.

*Last-resort cells* (:attr:`Table.last_resort`, e.g. a total that a correction changed) may be
suppressed only where nothing else protects a primary cell: they are released after every
breakdown cell, at a cost above all of them together.

Pure: no storage. scipy is imported inside the functions that solve (it is slow to import).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from planwatch.domain.suppression import Suppression

K = TypeVar("K", bound=Hashable)

_ANY_COUNT = (Suppression.HIDDEN, Suppression.WITHHELD)
"""Labels whose cell is not fixed: hidden (with its binary: 0 or >= threshold), withheld."""


@dataclass(frozen=True, slots=True)
class Relation(Generic[K]):
    """``total`` = the sum of ``parts`` (as far as the stored values say: see :meth:`kind`)."""

    total: K
    parts: tuple[K, ...]


@dataclass(frozen=True)
class Table(Generic[K]):
    """Cells with their true values, the relations between them, which cells may be suppressed
    (the others, e.g. totals, stay shown), which only as a last resort, and which are not
    published at all (unknown to the attacker, other than being counts)."""

    values: Mapping[K, int]
    relations: Sequence[Relation[K]]
    suppressible: frozenset[K]
    unpublished: frozenset[K] = frozenset()
    order: Mapping[K, int] = field(default_factory=dict)
    last_resort: frozenset[K] = frozenset()
    copied: frozenset[K] = frozenset()
    """Cells with a copy (``a = b``) at a later point: protecting the copy protects them."""
    cache: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)
    """What the solver derives from the values and relations alone (see :func:`_relation_block`),
    kept for the table's life: many models are built on one table."""

    def position(self, cell: K) -> int:
        return self.order.get(cell, len(self.order))


def relation_sense(table: Table[K], relation: Relation[K]) -> str | None:
    """What an attacker may assume of a relation, from the true values: ``"="`` when the parts
    add up to the total, ``"<="`` when they add up to less (a part is missing, e.g. a quarter
    not yet reported), ``None`` when they add up to more (the sources disagree: no relation)."""
    parts = sum(table.values[p] for p in relation.parts)
    total = table.values[relation.total]
    if parts == total:
        return "="
    return "<=" if parts < total else None


def components(table: Table[K]) -> list[list[K]]:
    """The cells in groups that no relation connects, each in table order."""
    parent: dict[K, K] = {cell: cell for cell in table.values}

    def find(cell: K) -> K:
        while parent[cell] != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    for relation in table.relations:
        root = find(relation.total)
        for part in relation.parts:
            other = find(part)
            if other != root:
                parent[other] = root
    groups: dict[K, list[K]] = {}
    for cell in sorted(table.values, key=table.position):
        groups.setdefault(find(cell), []).append(cell)
    return list(groups.values())


Witnesses = dict[tuple[Any, int], dict[Any, int]]
"""Solutions found before, by (cell, value): a cheap proof that the value is still possible
when the same values satisfy a later table (checked exactly, see :meth:`_Model.satisfies`)."""


@dataclass(frozen=True)
class _Block:
    """The relations of one component as sparse rows over its cells (``lower <= A x <=
    upper``): the part of every model of the component that does not depend on the pattern."""

    rows: int
    row_of: Any
    column_of: Any
    coefficients: Any
    lower: Any
    upper: Any

    def holds(self, x: Any) -> bool:
        """Whether the cells' values ``x`` satisfy every relation."""
        import numpy as np

        if not self.rows:
            return True
        sums = np.zeros(self.rows)
        np.add.at(sums, self.row_of, self.coefficients * x[self.column_of])
        return bool(np.all(sums >= self.lower) and np.all(sums <= self.upper))


def _relation_block(table: Table[K], cells: Sequence[K], index: Mapping[K, int]) -> _Block:
    """The relations among ``cells`` (a component of ``table``), built once per table."""
    import numpy as np

    key = ("relations", tuple(cells))
    found = table.cache.get(key)
    if isinstance(found, _Block):
        return found
    row_of: list[int] = []
    column_of: list[int] = []
    coefficients: list[float] = []
    lower: list[float] = []
    members = set(cells)
    for relation in table.relations:
        if relation.total not in members:
            continue
        sense = relation_sense(table, relation)
        if sense is None:
            continue
        entries: dict[int, float] = {index[relation.total]: -1}
        for part in relation.parts:
            entries[index[part]] = entries.get(index[part], 0) + 1
        for i, coefficient in entries.items():
            row_of.append(len(lower))
            column_of.append(i)
            coefficients.append(coefficient)
        lower.append(0 if sense == "=" else -np.inf)
    block = _Block(
        rows=len(lower),
        row_of=np.array(row_of, dtype=int),
        column_of=np.array(column_of, dtype=int),
        coefficients=np.array(coefficients, dtype=float),
        lower=np.array(lower, dtype=float),
        upper=np.zeros(len(lower)),
    )
    table.cache[key] = block
    return block


class _Model(Generic[K]):
    """The attacker's knowledge of one component as a MILP: one integer variable per cell, and
    one binary per hidden cell (``x <= big * b``, ``x >= threshold * b``).

    With ``releasable`` cells (published now), the model also says which of them to hide: each
    gets a binary ``z`` (hidden) that frees it from its published value (``|x - value| <= big
    * z``) into what a hidden cell may be; :meth:`cheapest_release` minimises their cost.

    The constraints are kept sparse: a relation touches a handful of the table's cells."""

    def __init__(
        self,
        table: Table[K],
        cells: Sequence[K],
        pattern: Mapping[K, Suppression],
        threshold: int,
        releasable: Sequence[K] = (),
        release_as: Suppression = Suppression.HIDDEN,
    ) -> None:
        import numpy as np

        index = {cell: i for i, cell in enumerate(cells)}
        hidden = [c for c in cells if pattern.get(c) is Suppression.HIDDEN]
        binary = [*hidden, *(releasable if release_as is Suppression.HIDDEN else ())]
        n = len(cells) + len(binary) + len(releasable)
        big = 2 * max(table.values[c] for c in cells) + threshold
        lower = np.zeros(n)
        upper = np.zeros(n)
        for cell, i in index.items():
            kind = pattern.get(cell)
            value = table.values[cell]
            if kind is Suppression.SMALL:
                lower[i], upper[i] = 1, threshold - 1
            elif kind in _ANY_COUNT or cell in table.unpublished or cell in releasable:
                lower[i], upper[i] = 0, big
            else:
                lower[i] = upper[i] = value
        block = _relation_block(table, cells, index)
        row_of: list[int] = []
        column_of: list[int] = []
        coefficients: list[float] = []
        row_lower: list[float] = []
        row_upper: list[float] = []

        def add(entries: Mapping[int, float], low: float, high: float) -> None:
            row = block.rows + len(row_lower)
            for i, coefficient in entries.items():
                row_of.append(row)
                column_of.append(i)
                coefficients.append(coefficient)
            row_lower.append(low)
            row_upper.append(high)

        j = len(cells)
        for cell in binary:
            lower[j], upper[j] = 0, 1
            add({index[cell]: 1, j: -threshold}, 0, np.inf)  # x >= threshold * b
            add({index[cell]: 1, j: -big}, -np.inf, 0)  # x <= big * b
            j += 1
        self.release: dict[K, int] = {}
        for cell in releasable:
            lower[j], upper[j] = 0, 1
            value = table.values[cell]
            add({index[cell]: 1, j: -big}, -np.inf, value)  # x - value <= big * z
            add({index[cell]: -1, j: -big}, -np.inf, -value)  # value - x <= big * z
            self.release[cell] = j
            j += 1
        self.table = table
        self.cells = cells
        self.block = block
        self.hidden = np.array(sorted(index[c] for c in hidden), dtype=int)
        self.threshold = threshold
        self.index = index
        self.n = n
        self.lower = lower
        self.upper = upper
        self.entries = (
            np.concatenate([block.row_of, np.array(row_of, dtype=int)]),
            np.concatenate([block.column_of, np.array(column_of, dtype=int)]),
            np.concatenate([block.coefficients, np.array(coefficients, dtype=float)]),
        )
        self.row_lower = np.concatenate([block.lower, np.array(row_lower, dtype=float)])
        self.row_upper = np.concatenate([block.upper, np.array(row_upper, dtype=float)])

    def _matrix(self) -> Any:
        from scipy.sparse import csr_array  # type: ignore[import-untyped]

        row_of, column_of, coefficients = self.entries
        return csr_array((coefficients, (row_of, column_of)), shape=(len(self.row_lower), self.n))

    def cheapest_release(
        self, cell: K, value: int, cost: Mapping[K, float], gap: float = 0.5
    ) -> list[K] | None:
        """The cheapest releasable cells whose hiding makes ``value`` possible for ``cell``, or
        ``None`` when hiding all of them would not."""
        import numpy as np

        objective = np.zeros(self.n)
        for released, j in self.release.items():
            objective[j] = cost[released]
        result = self.solve(objective, {self.index[cell]: value}, gap=gap)
        if result is None:
            return None
        return [c for c, j in self.release.items() if result.x[j] > 0.5]

    def solve(
        self, objective: Any, fixed: Mapping[int, int] | None = None, gap: float = 1e-4
    ) -> Any:
        import numpy as np
        from scipy.optimize import Bounds, LinearConstraint, milp  # type: ignore[import-untyped]

        lower, upper = self.lower.copy(), self.upper.copy()
        for i, value in (fixed or {}).items():
            if not lower[i] <= value <= upper[i]:
                return None
            lower[i] = upper[i] = value
        constraints = (
            [LinearConstraint(self._matrix(), self.row_lower, self.row_upper)]
            if len(self.row_lower)
            else []
        )
        result = milp(
            objective,
            integrality=np.ones(self.n),
            bounds=Bounds(lower, upper),
            constraints=constraints,
            options={"mip_rel_gap": gap},
        )
        return result if result.status == 0 else None

    def bounds(self, cell: K) -> tuple[int, int]:
        import numpy as np

        objective = np.zeros(self.n)
        objective[self.index[cell]] = 1
        low, high = self.solve(objective), self.solve(-objective)
        if low is None or high is None:
            raise ValueError("the table's own values do not satisfy its relations")
        return round(low.fun), round(-high.fun)

    def possible(self, cell: K, value: int, witnesses: Witnesses | None = None) -> bool:
        """Whether ``cell`` can be ``value`` given what is published. A solution found for the
        same question before (``witnesses``) is tried first; a new one is kept there."""
        import numpy as np

        key = (cell, value)
        if witnesses is not None and key in witnesses and self.satisfies(witnesses[key]):
            return True
        result = self.solve(np.zeros(self.n), {self.index[cell]: value})
        if result is not None and witnesses is not None:
            witnesses[key] = {c: round(result.x[i]) for c, i in self.index.items()}
        return result is not None

    def satisfies(self, solution: Mapping[K, int]) -> bool:
        """Whether these values of the cells (the true value where a cell has none) are a
        solution: every bound, every hidden cell 0 or at least the threshold, every relation."""
        import numpy as np

        x = np.array([solution.get(c, self.table.values[c]) for c in self.cells], dtype=float)
        columns = len(self.cells)
        if np.any(x < self.lower[:columns]) or np.any(x > self.upper[:columns]):
            return False
        hidden = x[self.hidden]
        if np.any((hidden > 0) & (hidden < self.threshold)):
            return False
        return self.block.holds(x)


def _model(
    table: Table[K], cells: Sequence[K], pattern: Mapping[K, Suppression], threshold: int
) -> _Model[K]:
    """The model of ``cells`` under ``pattern``, built once per table and pattern (protecting
    one cell after another asks the same pattern many times)."""
    key = ("model", tuple(cells), frozenset(pattern.items()), threshold)
    found = table.cache.get(key)
    if isinstance(found, _Model):
        return found
    model = _Model(table, cells, pattern, threshold)
    table.cache[key] = model
    return model


def audit(
    table: Table[K], pattern: Mapping[K, Suppression], threshold: int
) -> dict[K, tuple[int, int]]:
    """For every suppressed cell: the smallest and largest value an attacker can derive from
    the published cells, the relations and the labels (a primary cell is 1..threshold-1, a
    hidden one 0 or >= threshold, a withheld or unpublished one >= 0)."""
    result: dict[K, tuple[int, int]] = {}
    for cells in components(table):
        suppressed = [c for c in cells if c in pattern]
        if not suppressed:
            continue
        model = _Model(table, cells, pattern, threshold)
        for cell in suppressed:
            result[cell] = model.bounds(cell)
    return result


def is_protected(
    table: Table[K],
    pattern: Mapping[K, Suppression],
    threshold: int,
    cell: K,
    model: _Model[K] | None = None,
) -> bool:
    """Whether every value 1..threshold-1 stays possible for ``cell`` (a primary cell)."""
    if model is None:
        cells = next(c for c in components(table) if cell in c)
        model = _Model(table, cells, pattern, threshold)
    true = table.values[cell]
    return all(
        value == true or model.possible(cell, value) for value in range(1, max(threshold, 2))
    )


@dataclass(frozen=True)
class Protection(Generic[K]):
    """A suppression pattern, and the primary cells that no pattern could protect."""

    pattern: dict[K, Suppression]
    unprotectable: tuple[K, ...] = ()


def primary_cells(table: Table[K], threshold: int) -> list[K]:
    return sorted(
        (c for c in table.suppressible if 0 < table.values[c] < threshold),
        key=table.position,
    )


def protect(
    table: Table[K],
    threshold: int,
    already: Mapping[K, Suppression] | None = None,
    witnesses: Witnesses | None = None,
) -> Protection[K]:
    """Primary suppression, then complementary suppression until every primary cell is
    protected (see the module's docstring). ``already``: cells that must stay suppressed (e.g.
    suppressed at an earlier publication point), with their labels; they are kept as they are
    (or widened to withheld), and their primary cells are protected too (only suppressible cells
    are added). ``witnesses``: solutions kept from an earlier call on a table that grew from this
    one's (see :data:`Witnesses`); each is checked again, so a stale one only costs a check."""
    pattern: dict[K, Suppression] = {c: k for c, k in (already or {}).items() if c in table.values}
    small = primary_cells(table, threshold)
    for cell in small:
        pattern.setdefault(cell, Suppression.SMALL)
    if threshold <= 1:
        return Protection(pattern)
    unprotectable: list[K] = []
    # a small cell carried over withheld is protected again too: new cells (a later quarter's
    # total) can narrow it
    primary = set(small) | {
        c
        for c, k in pattern.items()
        if (k is Suppression.SMALL or 0 < table.values[c] < threshold) and c not in table.copied
    }
    for cells in components(table):
        for cell in [c for c in cells if c in primary]:
            _protect_cell(table, threshold, cells, pattern, cell, unprotectable, witnesses)
    return Protection(pattern, tuple(unprotectable))


def _protect_cell(
    table: Table[K],
    threshold: int,
    cells: list[K],
    pattern: dict[K, Suppression],
    cell: K,
    unprotectable: list[K],
    witnesses: Witnesses | None = None,
) -> None:
    """Hide the cheapest cells (value + 1 each: few and small first, so zeros are not free)
    until every value 1..threshold-1 is possible for ``cell``; when even hiding every open cell
    would not do, withhold the group (:func:`_withhold`)."""
    true = table.values[cell]
    for value in range(1, threshold):
        if value == true:
            continue
        if _model(table, cells, pattern, threshold).possible(cell, value, witnesses):
            continue
        open_cells = _open(table, cells, pattern)
        cost = _costs(table, open_cells)
        chosen = None
        near = {cell}
        for candidate in sorted(
            (c for c in open_cells if c in _neighbours(table, near)), key=cost.__getitem__
        ):
            trial = {**pattern, candidate: Suppression.HIDDEN}
            if _Model(table, cells, trial, threshold).possible(cell, value, witnesses):
                chosen = [candidate]  # one cell beside it is enough: the cheapest such
                break
        for _ in range(3 if chosen is None else 0):  # the cells around it first, then all
            near |= _neighbours(table, near)
            releasable = [c for c in open_cells if c in near]
            if releasable:
                model = _Model(table, cells, pattern, threshold, releasable=releasable)
                chosen = model.cheapest_release(cell, value, cost)
            if chosen is not None:
                break
        if chosen is None and open_cells:
            model = _Model(table, cells, pattern, threshold, releasable=open_cells)
            chosen = model.cheapest_release(cell, value, cost)
        if chosen is None:
            if not _withhold(table, threshold, cells, pattern, cell, value) and not _withhold(
                table, threshold, cells, pattern, cell, value, last_resort=True
            ):
                unprotectable.append(cell)
                _withhold(table, threshold, cells, pattern, cell, 0)
                return
            continue
        for c in chosen:
            pattern[c] = Suppression.HIDDEN


def _open(table: Table[K], cells: Sequence[K], pattern: Mapping[K, Suppression]) -> list[K]:
    """The cells that are published now and may be suppressed."""
    return [
        c
        for c in cells
        if c in table.suppressible and c not in pattern and c not in table.unpublished
    ]


def _costs(table: Table[K], cells: Sequence[K], last_resort: bool = False) -> dict[K, float]:
    """What suppressing each cell costs: value + 1 (few and small first, so a zero is not
    free), the position in the table breaking ties; a last-resort cell more than all the
    others together."""
    above = 1.0 + sum(table.values[c] + 1.0 for c in cells) if last_resort else 0.0
    return {
        c: 1.0
        + table.values[c]
        + table.position(c) / (10.0 * (len(table.order) + 1))
        + (above if c in table.last_resort else 0.0)
        for c in cells
    }


def _withhold(
    table: Table[K],
    threshold: int,
    cells: list[K],
    pattern: dict[K, Suppression],
    cell: K,
    value: int,
    *,
    last_resort: bool = False,
) -> bool:
    """The last resort, where "<3" and hidden cannot protect ``cell`` (e.g. a year of 1 + 1
    whose three cells are all small: a sum of two cells of 1..2 that is at most 2 pins them):
    every suppressed cell of its group (the cells that share a relation with it, then theirs,
    then the whole component) becomes withheld - any count, 0 or more - with the cheapest
    published cells of the group withheld too, until ``value`` is possible for ``cell``. False,
    with the pattern unchanged, when even withholding every suppressible cell would not do
    (the shown totals fix it). With ``last_resort``, the whole component at once, and the
    table's last-resort cells may be withheld too (each costing more than all other cells)."""
    near = {cell}
    for step in range(3 if last_resort else 0, 4):
        near = set(cells) if step == 3 else near | _neighbours(table, near)
        trial = dict(pattern)
        for c in near:
            if c in table.suppressible and c in pattern:
                trial[c] = Suppression.WITHHELD
        open_cells = [c for c in _open(table, cells, trial) if c in near]
        if last_resort:
            open_cells += [c for c in cells if c in table.last_resort and c not in trial]
        if _Model(table, cells, trial, threshold).possible(cell, value):
            chosen: list[K] | None = []
        elif open_cells:
            model = _Model(
                table,
                cells,
                trial,
                threshold,
                releasable=open_cells,
                release_as=Suppression.WITHHELD,
            )
            costs = _costs(table, open_cells, last_resort)
            chosen = model.cheapest_release(cell, value, costs, 1e-4 if last_resort else 0.5)
        else:
            chosen = None
        if chosen is not None:
            pattern.update(trial)
            pattern.update({c: Suppression.WITHHELD for c in chosen})
            return True
    return False


def _neighbours(table: Table[K], cells: set[K]) -> set[K]:
    """The cells that share a relation with one of ``cells``."""
    found: set[K] = set()
    for relation in table.relations:
        members = (relation.total, *relation.parts)
        if not cells.isdisjoint(members):
            found.update(members)
    return found

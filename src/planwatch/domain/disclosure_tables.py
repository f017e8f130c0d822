"""The table a viewer can combine for one indicator and year, and its suppression pattern at
every publication point: the bridge between stored figures and :mod:`planwatch.domain.disclosure`.

A cell is ``(kind, quarter, sex, age_group, exploitation)``: ``kind`` is ``"year"`` (a reported
yearly figure), ``"quarter"`` (a quarterly figure) or ``"quarters"`` (the year built from the
quarters: a flow's sum, a stock's last quarter - every page shows it beside or instead of the
reported year). Relations:

* each cell with a breakdown adds up, per breakdown dimension, to the cell with that dimension
  at the total (women by form of exploitation to women; women, men, ... to the year's total), a
  missing margin being a cell the attacker does not see;
* the quarters add up to the year built from them (a stock: the last quarter equals it), and
  that year to the reported year where both are stored (equal, or at most it while a quarter
  is missing);
* across publication points, a cell whose value did not change between two consecutive points
  is one unknown (the attacker may know it did not change: the history shows when a figure got
  a new version).

Totals (no breakdown) stay shown, with one exception: where a later point's totals would give a
small cell away - a correction adds one person to a quarter whose total and other cells were
shown, so the difference of the two totals is that person - the totals that are new or changed
at that point are :attr:`~planwatch.domain.disclosure.Table.last_resort` cells, withheld only
when no breakdown cell can protect it; once withheld, a total stays withheld while it does not
change.

Pure: no storage.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Final

from planwatch.domain.disclosure import Relation, Table, Witnesses, protect
from planwatch.domain.suppression import Suppression

CellKey = tuple[str, int | None, str, str, str]
"""(kind, quarter, sex, age_group, exploitation): kind is "year", "quarter" or "quarters"."""

StoredKey = tuple[int | None, str, str, str]
"""(quarter, sex, age_group, exploitation) of a stored figure in one year."""

Moment = tuple[tuple[StoredKey, int], ...]
"""A year's stored figures at one publication point, sorted: hashable, so patterns are cached."""

ALL: Final = "all"
_KIND_ORDER: Final = {"year": 0, "quarters": 1, "quarter": 2}


def _sort_key(key: CellKey) -> tuple[int, int, str, str, str]:
    kind, quarter, sex, age_group, exploitation = key
    return (_KIND_ORDER[kind], quarter or 0, sex, age_group, exploitation)


def _level(key: CellKey) -> int:
    return sum(1 for code in key[2:] if code != ALL)


def as_moment(values: Mapping[StoredKey, Decimal | int]) -> Moment | None:
    """The stored figures as a moment, or ``None`` when one is not a whole number."""
    cells: list[tuple[StoredKey, int]] = []
    for key, value in values.items():
        if value != int(value):
            return None
        cells.append((key, int(value)))
    return tuple(sorted(cells, key=lambda item: (item[0][0] or 0, *item[0][1:])))


def year_table(moment: Moment, aggregation: str) -> Table[CellKey]:
    """The table of one year at one publication point (``aggregation``: flow or stock)."""
    values: dict[CellKey, int] = {}
    relations: list[Relation[CellKey]] = []
    unpublished: set[CellKey] = set()
    quarters: dict[tuple[str, str, str], list[tuple[int, CellKey]]] = {}
    for (quarter, *breakdown), value in moment:
        sex, age_group, exploitation = breakdown
        if quarter is None:
            values[("year", None, sex, age_group, exploitation)] = value
        else:
            key: CellKey = ("quarter", quarter, sex, age_group, exploitation)
            values[key] = value
            quarters.setdefault((sex, age_group, exploitation), []).append((quarter, key))
    for (sex, age_group, exploitation), stored in quarters.items():
        stored.sort()
        parts = tuple(k for _, k in stored) if aggregation != "stock" else (stored[-1][1],)
        built: CellKey = ("quarters", None, sex, age_group, exploitation)
        values[built] = sum(values[k] for k in parts)
        relations.append(Relation(built, parts))
        reported: CellKey = ("year", None, sex, age_group, exploitation)
        if reported in values:
            relations.append(Relation(reported, (built,)))
    for level in (3, 2, 1):
        children: dict[tuple[CellKey, int], list[CellKey]] = {}
        for key in sorted((k for k in values if _level(k) == level), key=_sort_key):
            for position in (2, 3, 4):
                if key[position] != ALL:
                    parent = (*key[:position], ALL, *key[position + 1 :])
                    children.setdefault((parent, position), []).append(key)  # type: ignore[arg-type]
        for (parent, _), parts_of in children.items():
            if parent not in values:
                values[parent] = sum(values[k] for k in parts_of)
                unpublished.add(parent)
            relations.append(Relation(parent, tuple(parts_of)))
    ordered = sorted(values, key=_sort_key)
    return Table(
        values=values,
        relations=tuple(relations),
        suppressible=frozenset(k for k in values if _level(k) > 0 and k not in unpublished),
        unpublished=frozenset(unpublished),
        order={k: i for i, k in enumerate(ordered)},
    )


JointKey = tuple[int, CellKey]


def joint_table(moments: Sequence[Moment], aggregation: str) -> Table[JointKey]:
    """The tables of consecutive publication points as one: a published cell whose value did
    not change from one point to the next is the same unknown at both. Only the last point's
    cells are suppressible (the earlier points' patterns are already decided)."""
    tables = [year_table(moment, aggregation) for moment in moments]
    values: dict[JointKey, int] = {}
    relations: list[Relation[JointKey]] = []
    unpublished: set[JointKey] = set()
    order: dict[JointKey, int] = {}
    for m, table in enumerate(tables):
        base = len(order)  # the points in turn, each in its table's order
        for key, value in table.values.items():
            values[(m, key)] = value
            order[(m, key)] = base + table.position(key)
        unpublished.update((m, k) for k in table.unpublished)
        relations.extend(
            Relation((m, r.total), tuple((m, p) for p in r.parts)) for r in table.relations
        )
        if m:
            before = tables[m - 1]
            for key, value in table.values.items():
                same = before.values.get(key) == value
                if same and key not in table.unpublished and key not in before.unpublished:
                    relations.append(Relation((m - 1, key), ((m, key),)))
    last = len(tables) - 1
    return Table(
        values=values,
        relations=tuple(relations),
        suppressible=frozenset((last, k) for k in tables[last].suppressible),
        unpublished=frozenset(unpublished),
        order=order,
        last_resort=frozenset((last, k) for k in _new_totals(tables)),
    )


def totals_change(moments: Sequence[Moment]) -> bool:
    """Whether a stored total (no breakdown) is new or changed from one moment to the next: only
    then can a pattern hold a total (:func:`_new_totals`), so only then must a reader of a total
    solve the year's patterns (a cheap test, without scipy)."""
    for before, now in itertools.pairwise(moments):
        earlier = {key: value for key, value in before if set(key[1:]) == {ALL}}
        for key, value in now:
            if set(key[1:]) == {ALL} and earlier.get(key) != value:
                return True
    return False


def _new_totals(tables: Sequence[Table[CellKey]]) -> list[CellKey]:
    """The totals of the last table that are new or changed since the one before it (none at
    the first point: totals are withheld only to stop a difference between points)."""
    if len(tables) < 2:
        return []
    before, now = tables[-2], tables[-1]
    return [
        key
        for key, value in now.values.items()
        if _level(key) == 0
        and key not in now.unpublished
        and (key in before.unpublished or before.values.get(key) != value)
    ]


def patterns(
    moments: Sequence[Moment], aggregation: str, threshold: int
) -> list[dict[CellKey, Suppression]]:
    """The suppression pattern of a year at each publication point (oldest first). Each point's
    pattern is decided with every earlier point's values and pattern known to the attacker, and
    never changes afterwards. A cell suppressed at one point and unchanged at the next stays
    suppressed there (with the same label).

    Solved on :class:`_Compact`, the :func:`joint_table` with each shown cell that did not
    change between consecutive points as one cell (the joint table links such copies with a
    relation ``a = b``; here they are one unknown), so the table grows with what changed, not
    with the number of points; solutions found at one point are tried at the next
    (``witnesses``) before the solver is asked again."""
    compact = _Compact(aggregation)
    result: list[dict[CellKey, Suppression]] = []
    pattern: dict[JointKey, Suppression] = {}
    witnesses: Witnesses = {}
    for moment in moments:
        table = compact.add(moment, pattern)
        for copy, earlier in compact.copies.items():  # a suppressed cell unchanged: carried
            pattern[copy] = pattern[earlier]
            for (cell, value), solution in list(witnesses.items()):
                if earlier in solution:
                    solution[copy] = solution[earlier]
                if cell == earlier:
                    witnesses[(copy, value)] = solution
        pattern = protect(table, threshold, pattern, witnesses).pattern
        now = compact.cells[-1]
        result.append({key: pattern[cell] for key, cell in now.items() if cell in pattern})
    return result


class _Compact:
    """The attacker's table of the points so far, with one cell per run of a cell's value: a
    published cell unchanged from the point before is the same cell (key of the point where the
    run began), and so is a margin that is not published when one of its sums has the same cells
    at both points (it is the same sum). A relation whose cells are all the same as a relation
    of an earlier point is not repeated.

    A cell suppressed at the point before and unchanged is the exception: it gets a copy at the
    newest point linked to it by ``a = b`` (:attr:`copies`), as in the joint table, so that its
    label there can still be widened to withheld. Only cells that begin at the newest point are
    suppressible: a shown cell unchanged since an earlier point stays shown. The totals that
    begin at the newest point, other than at the first, are its last-resort cells
    (:func:`_new_totals`)."""

    def __init__(self, aggregation: str) -> None:
        self._aggregation = aggregation
        self._tables: list[Table[CellKey]] = []
        self.cells: list[dict[CellKey, JointKey]] = []
        self._values: dict[JointKey, int] = {}
        self._order: dict[JointKey, int] = {}
        self._size = 0
        self._unpublished: set[JointKey] = set()
        self._relations: list[Relation[JointKey]] = []
        self._seen: set[tuple[JointKey, tuple[JointKey, ...]]] = set()
        self._sums: list[dict[CellKey, set[tuple[JointKey, ...]]]] = []
        self.copies: dict[JointKey, JointKey] = {}
        self._copied: set[JointKey] = set()

    def add(self, moment: Moment, suppressed: Mapping[JointKey, Suppression]) -> Table[JointKey]:
        """The table with the point ``moment`` added; ``suppressed``: the pattern so far."""
        self.copies = {}
        table = year_table(moment, self._aggregation)
        m = len(self._tables)
        before = self._tables[-1] if self._tables else None
        defined: dict[CellKey, list[tuple[CellKey, ...]]] = {}
        for relation in table.relations:
            defined.setdefault(relation.total, []).append(relation.parts)
        cells: dict[CellKey, JointKey] = {}
        sums: dict[CellKey, set[tuple[JointKey, ...]]] = {}
        base = self._size  # as in joint_table: the points in turn, each in its table's order
        for key in sorted(table.values, key=lambda k: (-_level(k), _sort_key(k))):
            value = table.values[key]
            if key in table.unpublished:
                sums[key] = {tuple(cells[p] for p in parts) for parts in defined.get(key, ())}
            same = before is not None and self._unchanged(table, before, key, sums)
            cell: JointKey = self.cells[-1][key] if same else (m, key)
            if same and cell in suppressed and key not in table.unpublished:
                self.copies[(m, key)] = cell
                cell = (m, key)
            cells[key] = cell
            if cell[0] == m:
                self._values[cell] = value
                self._order[cell] = base + table.position(key)
                if key in table.unpublished:
                    self._unpublished.add(cell)
        for copy, earlier in self.copies.items():
            self._copied.add(earlier)
            self._seen.add((earlier, (copy,)))
            self._relations.append(Relation(earlier, (copy,)))
        for relation in table.relations:
            parts = tuple(cells[p] for p in relation.parts)
            signature = (cells[relation.total], parts)
            if signature not in self._seen:
                self._seen.add(signature)
                self._relations.append(Relation(cells[relation.total], parts))
        self._size += len(table.values)
        self._tables.append(table)
        self.cells.append(cells)
        self._sums.append(sums)
        new = {key for key, cell in cells.items() if cell[0] == m}
        return Table(
            values=dict(self._values),
            relations=tuple(self._relations),
            suppressible=frozenset(cells[k] for k in table.suppressible if k in new),
            unpublished=frozenset(self._unpublished),
            order=dict(self._order),
            last_resort=frozenset(cells[k] for k in _new_totals(self._tables[-2:])),
            copied=frozenset(self._copied),
        )

    def _unchanged(
        self,
        table: Table[CellKey],
        before: Table[CellKey],
        key: CellKey,
        sums: Mapping[CellKey, set[tuple[JointKey, ...]]],
    ) -> bool:
        """Whether ``key`` is the same cell as at the point before: published at both with the
        same value, or published at neither and the same sum of the same cells."""
        if before.values.get(key) != table.values[key]:
            return False
        if key not in table.unpublished and key not in before.unpublished:
            return True
        return (
            key in table.unpublished
            and key in before.unpublished
            and not sums[key].isdisjoint(self._sums[-1].get(key, set()))
        )

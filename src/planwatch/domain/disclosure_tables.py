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

from planwatch.domain.disclosure import Relation, Table, protect
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
        for key, value in table.values.items():
            values[(m, key)] = value
            order[(m, key)] = len(order) + table.position(key)
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
    suppressed there (with the same label)."""
    result: list[dict[CellKey, Suppression]] = []
    already: dict[JointKey, Suppression] = {}
    for last in range(len(moments)):
        table = joint_table(moments[: last + 1], aggregation)
        if last:  # a cell suppressed before and unchanged since stays suppressed
            for key, kind in result[-1].items():
                same = table.values.get((last, key)) == table.values[(last - 1, key)]
                if same and ((last, key) in table.suppressible or _level(key) == 0):
                    already[(last, key)] = kind
        protection = protect(table, threshold, already)
        already = protection.pattern
        result.append({key: kind for (m, key), kind in already.items() if m == last})
    return result

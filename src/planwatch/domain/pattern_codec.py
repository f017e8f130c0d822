"""A year's small-count patterns as kept in the database: the digest they are kept under, their
text, and the check a reader makes before it trusts them.

The patterns of a year (:func:`planwatch.domain.disclosure_tables.patterns`) are a pure function
of the year's figures at each publication point, the aggregation and the threshold, and of the
code that solves them. The digest covers all four: the code as the SHA-256 of the modules that
decide a pattern and the version of the solver (SciPy's HiGHS), so a changed rule or solver
never reads patterns solved by the old one.

A kept entry is derived data, not evidence, and the database file is not trusted with it: before
a reader uses one it checks that it is well formed, names only cells of that year's tables, and
suppresses every small count at every point (:func:`holds`). So an entry edited in the file can
at most hide more than it should; whether it hides as much as the solver would - every
complementary cell - is what ``planwatch audit verify`` checks, by solving each kept year again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Final

from planwatch.domain import disclosure, disclosure_tables, suppression
from planwatch.domain.disclosure import primary_cells
from planwatch.domain.disclosure_tables import CellKey, Moment, year_table
from planwatch.domain.suppression import Suppression

Patterns = tuple[dict[CellKey, Suppression], ...]
"""A year's pattern at each of its distinct publication points, oldest first."""

_KINDS: Final = frozenset({"year", "quarter", "quarters"})


@cache
def code_version() -> str:
    """The SHA-256 of the modules that decide a pattern, and the solver's version."""
    hashed = hashlib.sha256()
    for module in (disclosure, disclosure_tables, suppression):
        hashed.update(Path(str(module.__file__)).read_bytes())
    try:
        solver = metadata.version("scipy")
    except metadata.PackageNotFoundError:  # pragma: no cover - scipy is a dependency
        solver = "?"
    hashed.update(f"\nscipy {solver}".encode())
    return hashed.hexdigest()


def inputs(moments: Sequence[Moment], aggregation: str, threshold: int) -> str:
    """What a year's patterns are solved from, as canonical JSON text (kept beside them, so that
    ``audit verify`` can solve them again): the code's version, the aggregation, the threshold
    and per point the sorted ``[quarter, sex, age group, exploitation, value]`` of its figures."""
    return json.dumps(
        {
            "aggregation": aggregation,
            "code": code_version(),
            "moments": [[[*key, value] for key, value in moment] for moment in moments],
            "threshold": threshold,
        },
        separators=(",", ":"),
        sort_keys=True,
    )


def digest(inputs_text: str) -> str:
    """The key a year's patterns are kept under: the SHA-256 of their :func:`inputs`."""
    return hashlib.sha256(inputs_text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Inputs:
    """:func:`inputs` read back."""

    moments: tuple[Moment, ...]
    aggregation: str
    threshold: int
    code: str


def read_inputs(text: str) -> Inputs | None:
    """The inputs kept as ``text``, or ``None`` when it is not what :func:`inputs` writes."""
    try:
        found = json.loads(text)
        moments = tuple(
            tuple(
                ((quarter, str(sex), str(age), str(exploitation)), int(value))
                for quarter, sex, age, exploitation, value in point
            )
            for point in found["moments"]
        )
        if any(q is not None and type(q) is not int for m in moments for (q, *_), _v in m):
            return None
        return Inputs(
            moments, str(found["aggregation"]), int(found["threshold"]), str(found["code"])
        )
    except (ValueError, TypeError, KeyError):
        return None


def encode(patterns: Patterns) -> str:
    """The patterns as JSON text: per point, a sorted list of ``[kind, quarter, sex, age group,
    exploitation, suppression]``."""
    return json.dumps(
        [
            [[*key, pattern[key].value] for key in sorted(pattern, key=_order)]
            for pattern in patterns
        ],
        separators=(",", ":"),
    )


def _order(key: CellKey) -> tuple[str, int, str, str, str]:
    kind, quarter, sex, age_group, exploitation = key
    return (kind, quarter or 0, sex, age_group, exploitation)


def decode(text: str) -> Patterns | None:
    """The patterns kept as ``text``, or ``None`` when it is not what :func:`encode` writes."""
    try:
        points = json.loads(text)
        if not isinstance(points, list):
            return None
        decoded: list[dict[CellKey, Suppression]] = []
        for point in points:
            pattern: dict[CellKey, Suppression] = {}
            for kind, quarter, sex, age_group, exploitation, label in point:
                if kind not in _KINDS or not (quarter is None or type(quarter) is int):
                    return None
                if not all(isinstance(s, str) for s in (sex, age_group, exploitation)):
                    return None
                pattern[(kind, quarter, sex, age_group, exploitation)] = Suppression(label)
            decoded.append(pattern)
    except (ValueError, TypeError):
        return None
    return tuple(decoded)


def holds(patterns: Patterns, moments: Sequence[Moment], aggregation: str, threshold: int) -> bool:
    """Whether kept ``patterns`` may be used for ``moments``: one pattern per point, each naming
    only cells of that point's table, every small count suppressed at every point, and a cell
    suppressed at one point still suppressed at the next while its value is the same."""
    if len(patterns) != len(moments):
        return False
    before: dict[CellKey, Suppression] = {}
    values_before: dict[CellKey, int] = {}
    for pattern, moment in zip(patterns, moments, strict=True):
        table = year_table(moment, aggregation)
        if not set(pattern) <= set(table.values):
            return False
        if any(cell not in pattern for cell in primary_cells(table, threshold)):
            return False
        for cell in before:
            if (
                cell not in pattern
                and cell in table.values
                and cell not in table.unpublished
                and values_before.get(cell) == table.values[cell]
            ):
                return False
        before, values_before = pattern, dict(table.values)
    return True

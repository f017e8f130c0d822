"""Pure rules about a yearly series: what a speaking note may truthfully say about its latest
value."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Extreme:
    """The latest value is the highest (or lowest) since ``since``; ``record`` when no earlier
    year in the series matches it (then ``since`` is the series' first year)."""

    since: int
    record: bool


def highest_since(values: Mapping[int, Decimal], latest_year: int) -> Extreme | None:
    """'The highest since <year>': the most recent earlier year with a value at least as high,
    when every year after it (up to the latest) was lower, and at least two such years lie in
    between. Years missing from the series are not assumed to be anything."""
    return _since(values, latest_year, higher=True)


def lowest_since(values: Mapping[int, Decimal], latest_year: int) -> Extreme | None:
    return _since(values, latest_year, higher=False)


def _since(values: Mapping[int, Decimal], latest_year: int, *, higher: bool) -> Extreme | None:
    if latest_year not in values:
        return None
    latest = values[latest_year]
    earlier = sorted((y for y in values if y < latest_year), reverse=True)
    between = 0
    for year in earlier:
        beaten = values[year] >= latest if higher else values[year] <= latest
        if beaten:
            return Extreme(year, record=False) if between >= 2 else None
        between += 1
    if between >= 2:
        return Extreme(min(earlier), record=True)
    return None

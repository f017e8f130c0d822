"""Finding ``count`` and ``from-to`` claims: a count and the year it is for, or two counts
from one year to another (docs/claims.md, "Claims")."""

from __future__ import annotations

import re
from typing import Final

from planwatch.claims import cues, extract_changes
from planwatch.claims.candidates import (
    Candidate,
    Context,
    claim_span,
    extend_back,
    other_claim,
)
from planwatch.claims.quantities import Quantity
from planwatch.claims.sentences import Sentence

_CONJUNCTION: Final = re.compile(
    r"[,;:()]|(?<![\w])(?:og|men|mens|samt|mod|and|but|while|whereas|against|versus)(?![\w])",
    re.I,
)


def from_to_claims(
    context: Context, counts: list[Quantity], years: list[Quantity]
) -> tuple[list[Candidate], set[Quantity]]:
    """*fra 73 i 2022 til 112 i 2023*, *from 182 in 2020 to 290 in 2023*, and *fra 2022 til
    2023 steg antallet fra 73 til 112*."""
    claims: list[Candidate] = []
    used: set[Quantity] = set()
    for index, first in enumerate(counts):
        if first.marker != "from" or first in used:
            continue
        second = next((c for c in counts[index + 1 :] if c.marker == "to"), None)
        if second is None:
            continue
        pair = _from_to_years(context, first, second, years)
        if pair is None:
            continue
        start, end = claim_span(
            context.sentence,
            (first.start, first.end),
            (second.start, second.end),
            *((y.start, y.end) for y in pair),
        )
        start = extend_back(context.sentence, start, ("fra", "from"))
        claims.append(
            Candidate(
                "from-to",
                context.sentence,
                start,
                end,
                (first, second),
                (pair[0].year, pair[1].year),
                anchor=(first.start, second.end),
            )
        )
        used |= {first, second}
    return claims, used


def _from_to_years(
    context: Context, first: Quantity, second: Quantity, years: list[Quantity]
) -> tuple[Quantity, Quantity] | None:
    after_first = _year_after(context, first, years)
    after_second = _year_after(context, second, years)
    if after_first is not None and after_second is not None and after_first != after_second:
        return after_first, after_second
    froms = [y for y in years if y.role == "from"]
    tos = [y for y in years if y.role == "to"]
    if froms and tos:
        return froms[0], tos[0]
    return None


def _year_after(context: Context, count: Quantity, years: list[Quantity]) -> Quantity | None:
    """The year right after a count (*73 personer i 2022*): the next figure is a point year,
    with at most eight words, no comma and no conjunction in between."""
    following = [q for q in context.quantities if q.start > count.start]
    if not following or following[0].kind != "year" or following[0].role not in ("point", "to"):
        return None
    year = following[0]
    between = context.sentence.text[
        count.end - context.sentence.start : year.start - context.sentence.start
    ]
    if _CONJUNCTION.search(between) or len(between.split()) > 8:
        return None
    return year if year in years else None


def _count_year(context: Context, count: Quantity, years: list[Quantity]) -> Quantity | None:
    after = _year_after(context, count, years)
    if after is not None:
        return after
    points = [y for y in years if y.role in ("point",)]
    before = [y for y in points if y.end <= count.start]
    if before:
        return before[-1]
    return points[0] if len(points) == 1 else None


def count_claim(
    context: Context,
    count: Quantity,
    years: list[Quantity],
    previous: Context | None,
) -> Candidate:
    """A count and the year it is for; a count with *flere*/*færre* or a sign (*39 flere*) is a
    difference; a count over a period (*fra 2020 til 2023 blev 300*) is ``other``."""
    sentence = context.sentence
    if count.sign:
        return extract_changes.difference_claim(context, count, previous)
    period = [y for y in years if y.role in ("from", "to")]
    year = _count_year(context, count, years)
    if year is None and len(period) >= 2:
        return other_claim(context, count, "period-total")
    note = count.note
    parts = [(count.start, _unit_end(sentence, count))]
    between = [] if year is None else _figures_between(context, year, count)
    if year is not None and not between:
        parts.append((year.start, year.end))
    start, end = claim_span(sentence, *parts)
    if year is not None and year.start < count.start and not between:
        start = extend_back(sentence, start, ("i", "in", "for"))
    return Candidate(
        "count", sentence, start, end, (count,), (year.year,) if year else (),
        years_from="sentence" if year else "none", anchor=(count.start, count.end),
        note=note, qualifier=count.qualifier,
    )  # fmt: skip


def _figures_between(context: Context, a: Quantity, b: Quantity) -> list[Quantity]:
    """The figures (not years) written between two quantities."""
    low, high = min(a.start, b.start), max(a.end, b.end)
    return [
        q
        for q in context.quantities
        if q.kind != "year" and low <= q.start < high and q is not a and q is not b
    ]


def _unit_end(sentence: Sentence, count: Quantity) -> int:
    """Where a count ends with the noun that names its unit (*112 personer*)."""
    if count.unit_word is None:
        return count.end
    rest = sentence.text[count.end - sentence.start :]
    match = cues.UNIT_AFTER.match(rest)
    return count.end + match.end() if match else count.end

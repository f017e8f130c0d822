"""Finding the claims about several years at once: ``total`` (a count over a span of years:
*fra 2007 til og med 2022 i alt 1.121*, *siden 2007 i alt 1.233*, *a total of 1,233 since 2007*)
and ``range`` (*i perioden 2020-2022 mellem 73 og 80 om året*, *between 64 and 121 a year*).
The rules are in docs/claims.md ("Totals and ranges"); the checks in
:mod:`planwatch.claims.check_totals`."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Final

from planwatch.claims import cues, each_year_words
from planwatch.claims.candidates import Candidate, Context, claim_span
from planwatch.claims.extract_changes import superlative_since_year
from planwatch.claims.extract_counts import year_of_clause
from planwatch.claims.quantities import Quantity

TOTAL_WORDS: Final = (
    "i alt", "samlet", "samlede", "tilsammen", "sammenlagt", "in total", "a total of",
    "total of", "the total", "altogether", "in all", "cumulatively", "all told",
)  # fmt: skip
"""Words that make a count over a span of years a total, when they stand within
:data:`TOTAL_REACH` words before or after it (*i alt 1.233*, *1,233 in total*)."""
TOTAL_REACH: Final = 3
AVERAGE_WORDS: Final = ("i gennemsnit", "gennemsnitligt", "on average", "an average of")
"""A count with these words is an average, not a total: left as it is."""

_TOTAL_BEFORE: Final = re.compile(
    rf"(?<![\w])(?:{cues.alternation(TOTAL_WORDS)})\s+(?:[^\W\d_]+\s+){{0,{TOTAL_REACH - 1}}}$",
    re.I,
)
_TOTAL_AFTER: Final = re.compile(
    rf"^\s*(?:[^\W\d_]+\s+){{0,{TOTAL_REACH - 1}}}(?:{cues.alternation(TOTAL_WORDS)})(?![\w])",
    re.I,
)
_AVERAGE: Final = re.compile(rf"(?<![\w])(?:{cues.alternation(AVERAGE_WORDS)})(?![\w])", re.I)
_RANGE_START: Final = re.compile(r"(?<![\w])(?:mellem|between|fra|from)\s+$", re.I)
_RANGE_JOIN: Final = re.compile(r"^\s*(?:og|and|til|to|[-–—])\s*$", re.I)


def period_claims(context: Context, counts: list[Quantity]) -> tuple[list[Candidate], set[int]]:
    """The ranges and totals of a sentence, and the starts of the quantities they use (so they
    are not read again as counts or ``other`` figures)."""
    claims: list[Candidate] = []
    used: set[int] = set()
    span = _span(context)
    for low, high in _ranges(context):
        years = _range_years(context, span)
        start, end = claim_span(context.sentence, (low.start, low.end), (high.start, high.end))
        start = _back_to(context, start, _RANGE_START)
        per_year = bool(each_year_words.PER_YEAR.search(context.sentence.text))
        claims.append(
            Candidate(
                "range", context.sentence, start, end, (low, high), years[0], years[1],
                "sentence" if years[0] else "none", anchor=(low.start, high.end),
                note="per-year" if per_year else None,
            )
        )  # fmt: skip
        used |= {low.start, high.start}
    if span is None:
        return claims, used
    averages = {c.start for c in counts if _an_average(context, c)}
    any_worded = any(_total_worded(context, c) for c in counts)
    for count in counts:
        if count.start in used or count.marker or count.sign or count.note:
            continue
        worded = _total_worded(context, count)
        if count.start in averages and not worded:  # *i gennemsnit godt 80 om året*
            claims.append(_each_year_claim(context, count, span, "average"))
            used.add(count.start)
            continue
        if averages and not worded:
            continue  # beside an average, only a count with *i alt* is a total
        if not worded and (_of_the_year(context, count) or _after_its_own_year(context, count)):
            continue  # *siden 2020, hvor 21 mænd blev …*: that year's count, not the span's
        first, last = span
        start, end = _total_span(context, count)
        if not worded and each_year_words.said_of_each_year(context, count):
            claims.append(_each_year_claim(context, count, span, None))
            used.add(count.start)
            continue
        if not worded and (any_worded or not _untied(context, span)):
            continue
        claims.append(
            Candidate(
                "total", context.sentence, start, end, (count,),
                (first,) if last is None else (first, last), open_end=last is None,
                years_from="latest" if last is None else "sentence",
                anchor=(count.start, count.end), qualifier=count.qualifier,
                note="total-word" if worded else None,
            )
        )  # fmt: skip
        used.add(count.start)
    return claims, used


_PAST_AFTER: Final = re.compile(r"^[^,.;:()]{0,60}?(?<![\w])(?:blev|var|were|was)(?![\w])", re.I)
"""A verb in the simple past after a count (*hvor 21 mænd blev vurderet*, *when 121 persons
were assessed*): what happened that year, not what has happened since."""


def _after_its_own_year(context: Context, count: Quantity) -> bool:
    """A count whose nearest figure before it is a year of its own, not one of the span's
    (*Fra 2007 til og med 2023 er 1.233 … – alene i 2023 var det 112*): that year's count."""
    earlier = [q for q in context.quantities if q.end <= count.start]
    if not earlier or earlier[-1].kind != "year" or earlier[-1].role != "point":
        return False
    if len(earlier) > 1 and earlier[-2].kind == "year":  # *fra 2007 til og med 2023 er 1.233*
        text, offset = context.sentence.text, context.sentence.start
        between = text[earlier[-2].end - offset : earlier[-1].start - offset]
        return not _SPAN_JOIN.fullmatch(between)
    return True


_SPAN_JOIN: Final = re.compile(
    r"\s*(?:-|–|—|til(?:\s+og\s+med)?|to|through|until|and|og)\s*(?:i\s+|in\s+)?", re.IGNORECASE
)
"""What joins the two years of a span (*2007 til og med 2023*, *2007-2023*, *2007 to 2023*)."""


def _an_average(context: Context, count: Quantity) -> bool:
    """A count that is an average: *i gennemsnit (godt) 80*, *an average of 80* before it in
    its clause, or *i gennemsnit / on average* right after it (*80 om året i gennemsnit*, at
    most two words between); in *406 personer, i gennemsnit 80 om året* only 80 is."""
    found = each_year_words.tied_word(context, count, _AVERAGE)
    if found is None:
        return False
    offset = context.sentence.start
    if found.start() + offset < count.start:
        return True
    between = context.sentence.text[count.end - offset : found.start()]
    return bool(re.fullmatch(r"(?:\s+[^\W\d_]+\.?){0,2}\s*", between))


def _each_year_claim(
    context: Context, count: Quantity, span: tuple[int, int | None], note: str | None
) -> Candidate:
    """A count said of each year of the span (``note`` ``average``: their average)."""
    first, last = span
    start, end = _total_span(context, count)
    return Candidate(
        "each-year", context.sentence, start, end, (count,),
        (first,) if last is None else (first, last), open_end=last is None,
        years_from="latest" if last is None else "sentence",
        anchor=(count.start, count.end), qualifier=count.qualifier, note=note,
    )  # fmt: skip


def _of_the_year(context: Context, count: Quantity) -> bool:
    """A count in a relative clause right after a year of the span (*siden 2020, hvor 21 mænd
    blev vurderet handlet*, *since 2016, when 121 persons were assessed*), told in the simple
    past: that year's count (read by ``extract_counts``), not a total over the span. In the
    perfect (*hvor 153 personer er blevet vurderet*) or with a word for a total (*hvor i alt*),
    it stays the span's total."""
    text, offset = context.sentence.text, context.sentence.start
    in_clause, _ = year_of_clause(context, count)
    return in_clause and bool(_PAST_AFTER.match(text[count.end - offset :]))


def _total_span(context: Context, count: Quantity) -> tuple[int, int]:
    """A total as written: *i alt 1.233 personer*, *a total of 1,233 persons*."""
    text, offset = context.sentence.text, context.sentence.start
    start, end = claim_span(context.sentence, (count.start, count.end))
    before = _TOTAL_BEFORE.search(text[: start - offset])
    unit = cues.UNIT_AFTER.match(text[count.end - offset :]) if count.unit_word else None
    return (
        offset + before.start() if before else start,
        count.end + unit.end() if unit else end,
    )


def _span(context: Context) -> tuple[int, int | None] | None:
    """The span of years a sentence names: *fra 2007 til (og med) 2022*, *2007-2023*, *mellem
    2015 og 2023* (from, to), or *siden 2007* (since, the latest point year after it or open).
    The *siden* year of a highest/lowest phrase is none."""
    extreme = superlative_since_year(context)
    years = [q for q in context.quantities if q.kind == "year" and q is not extreme]
    for first in (y for y in years if y.role == "from"):
        later = [y for y in years if y.start > first.start and y.role in ("to", "point")]
        if later and later[0].year > first.year:
            return first.year, later[0].year
    since = next((y for y in years if y.role == "since"), None)
    if since is None:
        return None
    ends = [y.year for y in years if y.role in ("to", "point") and y.year > since.year]
    return since.year, max(ends) if ends else None


def _total_worded(context: Context, count: Quantity) -> bool:
    """*i alt 1.233*, *a total of 1,233*, *1,233 in total*."""
    text, offset = context.sentence.text, context.sentence.start
    before, after = text[: count.start - offset], text[count.end - offset :]
    return bool(_TOTAL_BEFORE.search(before) or _TOTAL_AFTER.match(after))


def _untied(context: Context, span: tuple[int, int | None]) -> bool:
    """Whether the counts of a sentence that says no *i alt* have no year of their own: it
    names no point year but the span's end (*I perioden 2007-2023 har myndighederne vurderet
    1233 personer*) and no base year."""
    years = [q for q in context.quantities if q.kind == "year"]
    points = [y for y in years if y.role == "point" and y.year != span[1]]
    return not points and not any(y.role == "base" for y in years)


def _ranges(context: Context) -> list[tuple[Quantity, Quantity]]:
    """Two counts written as a range: *mellem 73 og 80*, *between 64 and 121*, *73-80*."""
    text, offset = context.sentence.text, context.sentence.start
    figures = [q for q in context.quantities if q.kind != "year"]
    found: list[tuple[Quantity, Quantity]] = []
    for low, high in pairwise(figures):
        dashed = low.note == "range" and high.note == "range"
        counted = low.kind == "count" and high.kind == "count" and low.note is None
        between = text[low.end - offset : high.start - offset]
        if not (dashed or counted) or not _RANGE_JOIN.match(between):
            continue
        if counted and not re.search(r"(?:mellem|between)\s+$", text[: low.start - offset], re.I):
            continue
        if low.value < high.value and not any(low in pair or high in pair for pair in found):
            found.append((low, high))
    return found


def _range_years(
    context: Context, span: tuple[int, int | None] | None
) -> tuple[tuple[int, ...], bool]:
    """The years a range is about: the sentence's span, else its only point year; open when
    the span runs to the latest year."""
    if span is not None:
        first, last = span
        return ((first,), True) if last is None else ((first, last), False)
    if each_year_words.PER_YEAR.search(context.sentence.text) is None and any(
        q.kind == "year" and q.role in ("from", "since") for q in context.quantities
    ):
        return (), False
    points = {q.year for q in context.quantities if q.kind == "year" and q.role == "point"}
    return ((points.pop(),), False) if len(points) == 1 else ((), False)


def _back_to(context: Context, start: int, pattern: re.Pattern[str]) -> int:
    before = context.sentence.text[: start - context.sentence.start]
    match = pattern.search(before)
    return context.sentence.start + match.start() if match else start

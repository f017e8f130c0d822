"""Finding ``count`` and ``from-to`` claims: a count and the year it is for, or two counts
from one year to another (docs/claims.md, "Claims")."""

from __future__ import annotations

import re
from typing import Final

from planwatch.claims import cues, extract_changes, relative_years
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
    text, offset = context.sentence.text, context.sentence.start
    aside = _aside_after(text, count.end - offset)
    skip_to = offset + aside[1] if aside is not None else count.end
    following = [q for q in context.quantities if q.start >= skip_to and q.start > count.start]
    if not following or following[0].kind != "year" or following[0].role not in ("point", "to"):
        return None
    year = following[0]
    between = text[count.end - offset : year.start - offset]
    if aside is not None:  # *64 victims (38 …, 17 …) in 2019*: the aside is not counted
        between = text[count.end - offset : aside[0]] + text[aside[1] : year.start - offset]
    if _CONJUNCTION.search(between) or len(between.split()) > 8:
        return None
    return year if year in years else None


_ASIDE_OPENS: Final = re.compile(r"^[^(),;.]{0,40}?\(")


def _in_other_aside(text: str, offset: int, year: Quantity, count: Quantity) -> bool:
    """Whether ``year`` stands in a parenthesis that ``count`` is not in."""
    before = text[: year.start - offset]
    opened = before.rfind("(")
    if opened < 0 or ")" in before[opened:]:
        return False
    close = text.find(")", year.end - offset)
    inside = opened < count.start - offset < (close if close >= 0 else len(text))
    return not inside


def _aside_after(text: str, end: int) -> tuple[int, int] | None:
    """Where a parenthesis opening within a few words after a count starts and ends (after its
    closing bracket), in ``text``; ``None`` when there is none or it is not closed."""
    opens = _ASIDE_OPENS.match(text[end:])
    if opens is None:
        return None
    start = end + opens.end() - 1
    close = text.find(")", start)
    return None if close < 0 else (start, close + 1)


def _year_of_enclosing(context: Context, count: Quantity, years: list[Quantity]) -> Quantity | None:
    """A count inside a parenthesis that lists the parts of the count before it (*64 victims
    (38 sex trafficking, 17 labour …) in 2019*) is for that count's year."""
    text, offset = context.sentence.text, context.sentence.start
    for other in context.quantities:
        if other.kind != "count" or other.start >= count.start:
            continue
        aside = _aside_after(text, other.end - offset)
        if aside is not None and aside[0] < count.start - offset < aside[1]:
            return _year_after(context, other, years)
    return None


def _listed(context: Context, first: Quantity, kind: str, join: re.Pattern[str]) -> list[Quantity]:
    """``first`` and the figures of ``kind`` that follow it in a list, each joined to the one
    before by ``join`` alone."""
    text, offset = context.sentence.text, context.sentence.start
    listed = [first]
    for q in (q for q in context.quantities if q.start > first.start):
        if q.kind != kind or not join.fullmatch(text[listed[-1].end - offset : q.start - offset]):
            break
        listed.append(q)
    return listed


def respective_year(
    context: Context, count: Quantity, years: list[Quantity]
) -> tuple[bool, Quantity | None]:
    """Whether a list of years follows ``count`` (*112 and 86 victims identified in 2016 and
    2017*), and then the year at the count's place in its list of counts: each count is for the
    year at its place (*respectively*); ``(True, None)`` when the lists differ in length (*86
    victims in 2016 and 2017* is both years' or unsaid). ``(False, None)`` when at most one
    year follows."""
    counts = [q for q in context.quantities if q.kind == "count"]
    heads = [
        q
        for q in counts
        if q.start <= count.start and count in _listed(context, q, "count", cues.COUNT_LIST_JOIN)
    ]
    listed_counts = _listed(context, heads[0], "count", cues.COUNT_LIST_JOIN) if heads else [count]
    year = _year_after(context, listed_counts[-1], years)
    if year is None:
        return False, None
    listed_years = _listed(context, year, "year", _LISTED_YEARS)
    if len(listed_years) < 2:
        return False, None
    if len(listed_years) != len(listed_counts):
        return True, None
    return True, listed_years[listed_counts.index(count)]


def _year_of_listed_years_before(
    context: Context, count: Quantity, last: Quantity
) -> Quantity | None:
    """The year before a count is its year, unless that year ends a list (*I 2016 og 2017 blev
    121 og 98 personer …*): then each count of a list as long, right after the years, is for the
    year at its place, and any other count's year is unsaid."""
    text, offset = context.sentence.text, context.sentence.start
    earlier = [q for q in context.quantities if q.end <= last.start]
    heads = [
        q
        for q in earlier
        if q.kind == "year" and last in _listed(context, q, "year", _LISTED_YEARS)
    ]
    listed_years = _listed(context, heads[0], "year", _LISTED_YEARS) if heads else [last]
    if len(listed_years) < 2:
        return last
    following = [q for q in context.quantities if q.start >= last.end]
    if not following or following[0].kind != "count":
        return None
    listed_counts = _listed(context, following[0], "count", cues.COUNT_LIST_JOIN)
    between = text[last.end - offset : following[0].start - offset]
    if (
        count not in listed_counts
        or len(listed_counts) != len(listed_years)
        or len(between.split()) > 4
    ):
        return None
    return listed_years[listed_counts.index(count)]


def names_its_year(context: Context, count: Quantity, years: list[Quantity]) -> bool:
    """Whether a year stands right after the count, or the count is in an aside of its year
    (*73 personer i 2022*, *64 victims (38 …) in 2019*)."""
    after = _year_after(context, count, years) or _year_of_enclosing(context, count, years)
    return after is not None


def _count_year(context: Context, count: Quantity, years: list[Quantity]) -> Quantity | None:
    respective, its_year = respective_year(context, count, years)
    if respective:
        return its_year if its_year in years else None
    after = _year_after(context, count, years) or _year_of_enclosing(context, count, years)
    if after is not None:
        return after
    in_clause, clause_year = year_of_clause(context, count)
    if in_clause:
        return clause_year  # None: the clause follows a list of years, and which one is unsaid
    if _compared(context.sentence.text[: count.start - context.sentence.start]):
        return None  # *up from 73*, *mod 6*: the other side of a comparison, its year unsaid
    points = [y for y in years if y.role in ("point",)]
    before = [y for y in points if y.end <= count.start]
    if before:
        return _year_of_listed_years_before(context, count, before[-1])
    if len(points) == 1 and _in_other_aside(context.sentence.text, context.sentence.start,
                                            points[0], count):  # fmt: skip
        return None  # *five were children (11 in 2020)*: 2020 is the aside's year
    if len(points) != 1 or any(
        q.kind != "year"
        and count.end <= q.start
        and _year_after(context, q, years) is points[0]
        and _compared(context.sentence.text[: q.start - context.sentence.start])
        for q in context.quantities
    ):
        return None  # the one year belongs to the other side (*3 …, compared with 8 in 2016*)
    return points[0]


_CLAUSE_AFTER_YEAR: Final = re.compile(
    r"^\s*,\s*(?:hvor|da|where|when)\b[^,.;:()\d]{0,40}$", re.IGNORECASE
)
"""A relative clause opening right after a year, up to a count (*end i 2016, hvor 121 personer*,
*than in 2016, when 121 people*): the count is that year's, whatever role the year has in the
sentence (here the other side of *færre end*)."""
_PARENTHESIS_AFTER_YEAR: Final = re.compile(r"^\s*\(\s*$")
"""A count in brackets right after a year (*fewer victims in 2022 (73) than in 2021 (80)*): the
count is that year's, whatever role the year has (80 was read as 2022's: a false alarm)."""


def year_of_clause(context: Context, count: Quantity) -> tuple[bool, Quantity | None]:
    """Whether a count stands in a relative clause right after a year
    (:data:`_CLAUSE_AFTER_YEAR`) or in brackets right after it (:data:`_PARENTHESIS_AFTER_YEAR`),
    and that year; ``(True, None)`` when the clause follows a list
    of years (*i 2015 og 2016, hvor 121*): which year it is about is unsaid."""
    text, offset = context.sentence.text, context.sentence.start
    earlier = [q for q in context.quantities if q.end <= count.start]
    if not earlier or earlier[-1].kind != "year":
        return False, None  # another figure stands between the year and the count
    year = earlier[-1]
    between = text[year.end - offset : count.start - offset]
    if not (_CLAUSE_AFTER_YEAR.match(between) or _PARENTHESIS_AFTER_YEAR.match(between)):
        return False, None
    listed = (
        len(earlier) > 1
        and earlier[-2].kind == "year"
        and _LISTED_YEARS.fullmatch(text[earlier[-2].end - offset : year.start - offset])
    )
    return True, None if listed else year


_LISTED_YEARS: Final = re.compile(
    r"\s*(?:,|og|and|or|eller|-|–|til|to)?\s*(?:i|in)?\s*", re.IGNORECASE
)
"""What joins two years in a list or a span (*2015 og 2016*, *2015-2016*, *2015 and in 2016*)."""


_COMPARED: Final = re.compile(
    r"(?:\b(?:up|down|increase|decrease|rise|fall|drop) from|\bcompared (?:with|to)"
    rf"|\bagainst{cues.NOT_THE_FIGHT}|\bversus|\bvs\.|\bmod{cues.NOT_THE_FIGHT}|\bop fra|\bned fra"
    r"|\bsammenlignet med|\bi forhold til|\bfrem for)\s+(?:\S+\s+){0,2}$",
    re.IGNORECASE,
)
"""Words before a count that make it the other side of a comparison (*up from 73*, *mod 6*):
such a count without its own year is not given the sentence's year."""

_ACCUSED: Final = re.compile(
    r"(?<![\w])(?:tiltale[nr]?|sigtelse[nr]?|anklage[nr]?|charges?|indictments?)(?![\w])"
    r"[^.,;:]{0,60}(?<![\w])(?:mod|against)\s+(?:\S+\s+){0,2}$",
    re.IGNORECASE,
)
"""*Rejst tiltale for menneskehandel mod tre personer*, *charges against three persons*: *mod /
against* names who is accused; it compares nothing."""


def _compared(before: str) -> bool:
    """Whether the words ``before`` a count make it the other side of a comparison."""
    return bool(_COMPARED.search(before)) and not _ACCUSED.search(before)


_TARGET_WORD: Final = re.compile(
    r"(?<![\w])(?:mål|målet|målene|målsætning(?:en)?|målsætninger(?:ne)?|målsat|måltal(?:let)?"
    r"|target(?:s|ed)?|goal|goals|aim(?:s|ed)?)(?![\w])",
    re.I,
)
"""A word that makes a number after it in its clause a target (*Planens mål for 2027 er mindst
150 udredninger*, *a target of 150 assessments*), not a recorded figure. Whole words only:
*målgruppe*, *målt* and *goalkeeper* are none."""

_TARGET_CLAUSE: Final = re.compile(r"[;:.!?]|(?<![\w])(?:men|mens|but|while|whereas)(?![\w])", re.I)
"""What ends the clause a target word governs: a count after it is stated on its own."""

_TARGET_REACH: Final = 10
"""A target word governs a count at most this many words after it."""


def _is_target(context: Context, count: Quantity) -> bool:
    """Whether ``count`` is stated as a target: a target word stands before it in its clause,
    at most :data:`_TARGET_REACH` words back."""
    sentence = context.sentence
    before = sentence.text[: count.start - sentence.start]
    boundaries = list(_TARGET_CLAUSE.finditer(before))
    clause = before[boundaries[-1].end() :] if boundaries else before
    words = clause.split()[-_TARGET_REACH:]
    return bool(_TARGET_WORD.search(" ".join(words)))


def count_claim(
    context: Context,
    count: Quantity,
    years: list[Quantity],
    previous: Context | None,
) -> Candidate:
    """A count and the year it is for; a count with *flere*/*færre* or a sign (*39 flere*) is a
    difference; a count over a period (*fra 2020 til 2023 blev 300*) is ``other``; a count
    stated as a target (*målet er mindst 150*) is ``other`` too: a target is no figure."""
    sentence = context.sentence
    if _is_target(context, count):
        return other_claim(context, count, "target")
    if count.sign:
        return extract_changes.difference_claim(context, count, previous)
    period = [y for y in years if y.role in ("from", "to")]
    relative = _relative(context, count, years, previous)
    if relative is not None:
        return _relative_count(context, count, relative)
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


def _relative(
    context: Context, count: Quantity, years: list[Quantity], previous: Context | None
) -> relative_years.Relative | None:
    """The relative-year phrase governing a count with no year right after it."""
    if _year_after(context, count, years) is not None:
        return None
    sentence = context.sentence
    same_paragraph = previous is not None and previous.sentence.paragraph == sentence.paragraph
    return relative_years.governing(
        sentence.text,
        sentence.start,
        count,
        context.quantities,
        previous.quantities if previous is not None and same_paragraph else None,
    )


def _relative_count(
    context: Context, count: Quantity, relative: relative_years.Relative
) -> Candidate:
    """A count for the year a relative phrase works out (*året efter var tallet 77*), from the
    previous sentence's year when the base is there; without a year when it is unresolved."""
    year = relative.year
    start, end = claim_span(context.sentence, (count.start, _unit_end(context.sentence, count)))
    return Candidate(
        "count", context.sentence, start, end, (count,), (year,) if year is not None else (),
        years_from=("previous" if relative.base_in_previous else "sentence")
        if year is not None else "none",
        anchor=(count.start, count.end), note=count.note, qualifier=count.qualifier,
        relative=(relative.phrase, relative.base),
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

"""Breakdown combinations (docs/claims.md, "Breakdown combinations"): the part of the victims
a count is about carries to the counts that follow *heraf / hvoraf / af dem / blandt dem / of
whom / of these / including* (*23 ofre for tvangsarbejde, heraf 14 mænd og 9 kvinder*: 14 is
men in forced labour), and to the counts of the next sentence when it refers back to a count
(*Af de 112 personer …*, *Alle 58 personer …*, *Of these …*, or counts of parts that add up to
it: *23 personer … 14 er mænd og ni er kvinder*), with that count's year and indicator."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Final

from planwatch.claims import breakdowns, cues
from planwatch.claims.candidates import Candidate, Context
from planwatch.claims.quantities import Quantity
from planwatch.domain.vocab import ALL, TOTAL, Breakdown
from planwatch.formatting import Language

DIMENSIONS: Final = ("sex", "age_group", "exploitation")
CARRY_WORDS: Final = (
    "heraf", "hvoraf", "deraf", "af dem", "af disse", "blandt dem", "blandt disse", "herunder",
    "heriblandt", "of whom", "of these", "of them", "of those", "among them", "among these",
    "among whom", "including", "of which",
)  # fmt: skip
"""Words after a count that make the counts after them parts of it."""
_CARRY: Final = re.compile(rf"(?<![\w])(?:{cues.alternation(CARRY_WORDS)})(?![\w])", re.I)
_PART_OF: Final = re.compile(
    r"^\s*(?:af\s+(?:dem|disse|de\s+\w+)|blandt\s+(?:dem|disse)|of\s+(?:them|these|those|whom)|"
    r"among\s+(?:them|these|those))(?![\w])",
    re.I,
)
"""A count followed by these words is a part of the count before it (*og 40 af dem modtog en
refleksionsperiode*, *and 70 of them were repatriated*), as one after *heraf / of whom* is."""
_STARTS_BACK: Final = re.compile(rf"^\W*(?:{cues.alternation(CARRY_WORDS)})(?![\w])", re.I)
"""A sentence that opens by referring back to the previous sentence's last count."""
_NAMES_COUNT: Final = re.compile(
    r"^\W*(?:(?:\w+\s+){0,3}?)(?:af|blandt|of|among|alle|all|de|the|disse|these)\s+"
    r"(?:(?:de|the|disse|these)\s+)?(?P<value>\d[\d.,]*)(?![\d])",
    re.I,
)
"""A sentence that opens (within its first words) by naming a count of the previous sentence:
*Af de 112 personer*, *Alle 58 personer*, *De 112 personer*, *Of the 23 victims*."""


PART_OF_ALL_NOUNS: Final = (
    "ofre", "ofrene", "personer", "personerne", "victims", "persons", "people",
)  # fmt: skip
"""The nouns of *N af de (handlede) personer*, *N of the (identified) victims*: a sentence that
opens so is about a part of the previous sentence's whole count (its last count of all victims,
not a part, not the other side of a comparison, not in a parenthesis)."""
_PART_OF_ALL: Final = re.compile(
    r"^\W*\w+\s+(?:af de|of the|af)\s+(?:\w+\s+)?"
    rf"(?:{cues.alternation(PART_OF_ALL_NOUNS)})(?![\w])",
    re.I,
)

ALL_PARTS: Final = "all-parts"
"""The note of a count whose noun lists parts that together are every victim (*64 mænd og
kvinder*): the total, whatever part words the sentence names."""


def merged(base: Breakdown, own: Breakdown) -> Breakdown | None:
    """A count's own part within the part it is carried from; ``None`` when they conflict
    (*heraf 58 ofre for seksuel udnyttelse* under *23 ofre for tvangsarbejde*)."""
    values = {}
    for dimension in DIMENSIONS:
        mine, theirs = getattr(own, dimension), getattr(base, dimension)
        if mine != ALL and theirs != ALL and mine != theirs:
            return None
        values[dimension] = mine if mine != ALL else theirs
    return Breakdown(**values)


_CLAUSE_CUT: Final = re.compile(
    rf"[,;:()\d]|(?<![\w])(?:og|and|mens|while|but|{cues.alternation(CARRY_WORDS)})(?![\w])",
    re.I,
)
_FORM_OF: Final = re.compile(r"(?<![\w])(?:for|til|to|into|of|af|in)\s+$", re.I)
NEAR_WORDS: Final = 8
"""How many words after a count a part is read as its own (``breakdowns.breakdown_after``);
further on in the same clause it is adopted only as a form of exploitation after *for / til /
to / of* (*23 people were assessed as victims of trafficking for forced labour*), else the
count is ``breakdown-unclear``."""


def _far_part(quantity: Quantity, rest: str, language: Language) -> Quantity:
    """A count whose clause names a part further than :data:`NEAR_WORDS` words after it."""
    if quantity.kind != "count" or quantity.breakdown != TOTAL or quantity.note is not None:
        return quantity
    rest = breakdowns.without_asides(rest, language)
    cut = _CLAUSE_CUT.search(rest)
    window = rest[: cut.start()] if cut else rest
    if len(window.split()) <= NEAR_WORDS:
        return quantity
    named, unheld = breakdowns.parts_named(window, language)
    if unheld:
        return replace(quantity, note="breakdown")
    if not named:
        return quantity
    spans = breakdowns.cue_spans(window, language)
    if (
        set(named) == {"exploitation"}
        and len(named["exploitation"]) == 1
        and all(_FORM_OF.search(window[:start]) for start, _ in spans)
    ):
        return replace(
            quantity, breakdown=Breakdown(exploitation=next(iter(named["exploitation"])))
        )
    return replace(quantity, note="breakdown-unclear")


def within_sentence(
    text: str, offset: int, quantities: list[Quantity], language: Language
) -> list[Quantity]:
    """The counts of a sentence with the part their clause names further on, and the counts
    after *heraf / of whom* as parts of the count before them."""
    result: list[Quantity] = []
    base: Quantity | None = None
    for quantity in short_ranges(text, offset, quantities):
        if (
            quantity.kind == "count"
            and quantity.breakdown == TOTAL
            and quantity.note is None
            and breakdowns.lists_every_part(text[quantity.end - offset :], language)
        ):
            quantity = replace(quantity, note=ALL_PARTS)
        quantity = _far_part(quantity, text[quantity.end - offset :], language)
        if quantity.kind != "count":
            result.append(quantity)
            continue
        last = next((q for q in reversed(result) if q.kind == "count"), None)
        if last is not None:
            between = text[last.end - offset : quantity.start - offset]
            if cues.CONTRAST[language].search(between):  # a carried part ends there
                base = None
            if _CARRY.search(between) or _PART_OF.match(text[quantity.end - offset :]):
                base = last
        if base is not None:
            carried = _carried(quantity, base)
            if carried is None:
                base = None
            else:
                quantity = carried
        else:
            quantity = _in_parenthesis(text, offset, quantity, result)
        result.append(quantity)
    return _of_the_whole(text, offset, result, language)


_OF_THE: Final = re.compile(
    r"^\s*(?:af\s+(?:de\s+)?|ud\s+af\s+(?:de\s+)?|of\s+(?:the\s+|those\s+|these\s+)?|"
    r"out\s+of\s+(?:the\s+)?)$",
    re.I,
)
"""What joins a part to its whole in *41 af de 64*, *41 ud af 64*, *41 of the 64*, *41 out of
64*."""


def _of_the_whole(
    text: str, offset: int, quantities: list[Quantity], language: Language
) -> list[Quantity]:
    """*N af de M / N of the M*: M is the whole and N the part of it. The part the sentence
    names after M is N's (*41 af de 64 var kvinder*, *41 of the 64 were women*, *41 af de 64
    ofre … kvinder*), and M is the whole (a total); a part written right after M is M's own
    (*41 af de 64 kvinder var fra Nigeria*: 64 women, and 41 a part of them the text names by
    something planwatch does not hold). Either way N is never compared with the whole, nor M
    with N's part."""
    result = list(quantities)
    for index, (part, whole) in enumerate(itertools.pairwise(quantities)):
        if part.kind != "count" or whole.kind != "count" or part.value > whole.value:
            continue
        if not _OF_THE.match(text[part.end - offset : whole.start - offset]):
            continue
        first_word = re.match(r"\s*(\S+)", text[whole.end - offset :])
        own = first_word is not None and breakdowns.names_a_part(first_word.group(1), language)
        if own:
            if part.breakdown == TOTAL:
                result[index] = replace(part, note=part.note or UNNAMED_PART)
            continue
        named = whole.breakdown != TOTAL or whole.note in _CARRIED_NOTES
        together = merged(part.breakdown, whole.breakdown)
        if named and together is not None:
            result[index] = replace(part, breakdown=together, note=whole.note)
        elif part.breakdown == TOTAL:
            result[index] = replace(part, note=part.note or UNNAMED_PART)
        result[index + 1] = replace(whole, breakdown=TOTAL, note=None)
    return result


SHORT_RANGE_SPAN: Final = 10
"""At most this many years from the first year to the second in a period written with a
two-digit end year (*2020-24*)."""
_SHORT_END: Final = re.compile(r"^\s*[-–—]\s*$")


def short_ranges(text: str, offset: int, quantities: list[Quantity]) -> list[Quantity]:
    """A year followed by a dash and two digits (*2020-24*, *2015–18*) is a period, from the
    year to the same century's year (within :data:`SHORT_RANGE_SPAN` years after it), not the
    first year alone."""
    result = list(quantities)
    for index, (year, end) in enumerate(itertools.pairwise(quantities)):
        if year.kind != "year" or year.role != "point" or end.kind == "year":
            continue
        if not _SHORT_END.match(text[year.end - offset : end.start - offset]):
            continue
        if not re.fullmatch(r"\d\d", end.text.strip()):
            continue
        last = year.year - year.year % 100 + int(end.text)
        if not 0 < last - year.year <= SHORT_RANGE_SPAN:
            continue
        result[index] = replace(year, role="from")
        result[index + 1] = replace(
            end, kind="year", value=Decimal(last), role="to", note=None, breakdown=TOTAL
        )
    return result


_YEAR_LIST_ITEM: Final = re.compile(
    r"^\s*(?:i|in|for)\s+(?:19|20)\d\d(?![\d])\s*(?:[,;)]|(?:og|and)(?![\w])|$)", re.I
)
"""What follows a count in a parenthesis of year-by-year figures (*(10 in 2018, three in
2017)*, *(mod 6 i 2022)*)."""


def _in_parenthesis(
    text: str, offset: int, quantity: Quantity, earlier: list[Quantity]
) -> Quantity:
    """A count in a parenthesis right after a count of a part, naming no part of its own and
    written as a figure for a year (*Six … were minors (10 in 2018, three in 2017)*), is a
    count of the same part for that year."""
    if quantity.kind != "count" or quantity.breakdown != TOTAL or quantity.note is not None:
        return quantity
    prefix = text[: quantity.start - offset]
    opened = prefix.rfind("(")
    if opened < 0 or ")" in prefix[opened:]:
        return quantity
    outside = [q for q in earlier if q.kind == "count" and q.end - offset <= opened]
    if not outside:
        return quantity
    before = outside[-1]
    if (before.breakdown == TOTAL and before.note != "breakdown") or re.search(
        r"[.;()]", text[before.end - offset : opened]
    ):
        return quantity
    if not _YEAR_LIST_ITEM.match(text[quantity.end - offset :]):
        return quantity
    return replace(quantity, breakdown=before.breakdown, note=before.note)


def _carried(quantity: Quantity, base: Quantity) -> Quantity | None:
    """A count after *heraf / of whom* as the part it names of ``base``; ``None`` when its part
    conflicts with the base's. A count that names no part of its own is a part planwatch cannot
    tell (*heraf 30 fra Rumænien*): ``breakdown-unclear``."""
    together = merged(base.breakdown, quantity.breakdown)
    if together is None:
        return None
    note = quantity.note or (base.note if base.note in _CARRIED_NOTES else None)
    if note is None and quantity.breakdown == TOTAL:
        note = UNNAMED_PART  # *heraf 58*, *of these, three were …*: which part is not said
    return replace(quantity, breakdown=together, note=note)


UNNAMED_PART: Final = "breakdown-unclear"
"""A count carried as a part of another (after *heraf / of these*) that names no part of its
own is a part the text does not name: not checked (never against the whole it is part of)."""


_CARRIED_NOTES: Final = frozenset({"breakdown", "breakdown-unclear"})
"""A count of a part planwatch does not hold, or of an unclear part, makes its parts so too."""


def carry_from_previous(
    context: Context, found: list[Candidate], previous: Sequence[Candidate]
) -> list[Candidate]:
    """The counts of a sentence that refers back to a count of the previous sentence, with that
    count's part, year(s) and (in :mod:`planwatch.claims.checking`) indicator: each count that
    names a part, and the count itself repeated (*Af de 112 personer*); a count that names no
    part (*De 112 personer kom fra 30 lande*) borrows nothing."""
    own_years = _blocking_years(context)
    counts = [c for c in found if c.kind == "count" and c.stated]
    if own_years or not counts:
        return found
    referent = _referent(context, counts, previous)
    if referent is None:
        return _repeated_totals(context, found, previous)
    if not referent.years:
        return found
    base = referent.stated[0] if referent.kind == "count" else referent.stated[-1]
    result = []
    for claim in found:
        if claim.kind == "count" and claim.stated and not claim.years:
            quantity = claim.stated[0]
            together = merged(base.breakdown, quantity.breakdown)
            names_part = quantity.breakdown != TOTAL or quantity.note is not None
            repeats = quantity.breakdown == TOTAL and quantity.value == base.value
            if together is not None and (names_part or repeats):
                note = quantity.note or (base.note if base.note in _CARRIED_NOTES else None)
                if note is None and quantity.breakdown == TOTAL and quantity.value != base.value:
                    note = UNNAMED_PART  # *Of these, three were …*: a part it does not name
                quantity = replace(quantity, breakdown=together, note=note)
                claim = replace(
                    claim, stated=(quantity,), years=(referent.years[-1],),
                    years_from="previous", carried=True,
                    year_of_previous=referent.year_of_previous,
                    note=note if note == UNNAMED_PART else (
                        None if claim.note == "breakdown-unclear" and names_part else claim.note
                    ),
                )  # fmt: skip
        result.append(claim)
    return result


def _repeated_totals(
    context: Context, found: list[Candidate], previous: Sequence[Candidate]
) -> list[Candidate]:
    """A sentence that opens by naming a total of the previous sentence (*Between 2007 and 2020,
    968 persons … . Of the 968 persons identified …*): that figure repeated is the same total,
    over the same years; nothing else is carried (its parts are parts of a total over years,
    never of one year's count)."""
    named = _NAMES_COUNT.match(context.sentence.text)
    if named is None:
        return found
    value = re.sub(r"[.,]", "", named.group("value"))
    totals = [
        c
        for c in previous
        if c.kind == "total" and c.stated and c.years and str(int(c.stated[0].value)) == value
    ]
    if not totals:
        return found
    total = totals[-1]
    result = []
    for claim in found:
        quantity = claim.stated[0] if claim.stated else None
        if (
            claim.kind == "count"
            and quantity is not None
            and not claim.years
            and quantity.breakdown == TOTAL
            and quantity.note is None
            and quantity.start - context.sentence.start == named.start("value")
        ):
            claim = replace(
                claim, kind="total", years=total.years, open_end=total.open_end,
                years_from="previous", carried=True, note=total.note,
            )  # fmt: skip
        result.append(claim)
    return result


_COMPARED_BEFORE: Final = re.compile(
    rf"(?:\b(?:up|down) from|\bcompared (?:with|to)|\bagainst{cues.NOT_THE_FIGHT}|\bversus|\bvs\."
    rf"|\bmod{cues.NOT_THE_FIGHT}|\bop fra|\bned fra|\bsammenlignet med|\bi forhold til"
    r"|\bfrem for)\s+(?:\S+\s+){0,2}$",
    re.I,
)
"""Words before a count that make it the other side of a comparison (*compared with 121
victims in 2016*): *Of these* in the next sentence never refers back to it."""


_COMPARISON: Final = re.compile(
    r"\b(?:(?:up|down|increase|decrease|rise|fall|drop|decline) from|compared (?:with|to)"
    r"|versus|(?:op|ned|stigning|fald|steget|faldet) fra|sammenlignet med|i forhold til)\b",
    re.I,
)
"""Words that open the other side of a comparison; every count after them in the sentence,
once the sentence has stated a count before them, is on that other side (*a decrease from 97
in 2018 and 98 in 2017*)."""


def _compared(candidate: Candidate) -> bool:
    sentence = candidate.sentence
    first = candidate.stated[0]
    before = sentence.text[: first.start - sentence.start]
    if _COMPARED_BEFORE.search(before) or _in_aside(before):
        return True
    found = list(_COMPARISON.finditer(before))
    return bool(found) and bool(re.search(r"\d", before[: found[-1].start()]))


def _in_aside(before: str) -> bool:
    """Whether the text after ``before`` stands inside a parenthesis (*(38 sex trafficking, 17
    labor trafficking …)*): an aside, never the count a next sentence refers back to."""
    return before.count("(") > before.count(")")


def _blocking_years(context: Context) -> list[Quantity]:
    """The sentence's own years that tie its counts to a year: not those in a parenthesis
    (*(10 in 2018, three in 2017)*) nor those after a comparison (*compared with eight in
    2016*), which are the other side's."""
    text, offset = context.sentence.text, context.sentence.start
    kept = []
    for year in (q for q in context.quantities if q.kind == "year"):
        before = text[: year.start - offset]
        if _in_aside(before) or _COMPARISON.search(before) or _COMPARED_BEFORE.search(before):
            continue
        kept.append(year)
    return kept


def _referent(
    context: Context, counts: list[Candidate], previous: Sequence[Candidate]
) -> Candidate | None:
    """The count of the previous sentence this one refers back to, if any."""
    earlier = [c for c in previous if c.kind in ("count", "from-to") and c.stated and c.years]
    if not earlier:
        return None
    text = context.sentence.text
    if _STARTS_BACK.match(text):
        main = [c for c in earlier if not _compared(c)]
        return main[-1] if main else None
    if _PART_OF_ALL.match(text):  # *Six of the identified victims*: of the whole count
        main = [c for c in earlier if not _compared(c) and c.stated[-1].breakdown == TOTAL]
        return main[-1] if main else None
    named = _NAMES_COUNT.match(text)
    if named:
        value = re.sub(r"[.,]", "", named.group("value"))
        same = [c for c in earlier if str(int(c.stated[-1].value)) == value]
        if same:
            return same[-1]
    parts = [c.stated[0] for c in counts]
    if len(parts) >= 2 and all(q.breakdown != TOTAL for q in parts):
        dimensions = {tuple(d for d in DIMENSIONS if getattr(q.breakdown, d) != ALL) for q in parts}
        total = sum(q.value for q in parts)
        same = [c for c in earlier if c.stated[-1].value == total]
        if len(dimensions) == 1 and same:
            return same[-1]
    return None

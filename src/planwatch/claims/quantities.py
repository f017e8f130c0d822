"""The quantities a sentence writes: each number with what it is (a count, per cent, points,
money, a year and its role, or another figure), read from the words around it. The rules are
in docs/claims.md ("Units", "Years", "Not figures", "Too many numbers", "Breakdowns")."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Final, Literal

from planwatch.claims import breakdowns, cues, numbers, periods
from planwatch.claims.cues import Qualifier
from planwatch.domain.numbers import plain
from planwatch.domain.periods import MAX_YEAR
from planwatch.domain.vocab import TOTAL, Breakdown
from planwatch.formatting import Language

QuantityKind = Literal["count", "percent", "points", "money", "year", "other"]
YearRole = Literal["point", "from", "to", "since", "base", "date"]
Marker = Literal["from", "to"]

MIN_YEAR: Final = 1900
# Each number is read against the whole sentence around it, so a "sentence" of a thousand
# numbers (a table pasted as text, no full stops) took minutes: "1 " x 1000 took 6 s (fixture
# tests/data/fuzz/text-thousand-numbers-one-sentence.txt). Prose never has this many.
MAX_NUMBERS_PER_SENTENCE: Final = 100

_MONTHS: Final = cues.word_set(
    "januar februar marts april maj juni juli august september oktober november december "
    "january february march may june july october jan feb mar apr jun jul aug sep sept oct "
    "nov dec"
)
_MONTH_AFTER: Final = cues.head(_MONTHS)
_MONTH_BEFORE: Final = cues.tail(_MONTHS)
_REFERENCE_BEFORE: Final = re.compile(
    r"(?:§+|(?<![\w'’])(?:s|p|nr|no|stk|pkt|kap|art|fig|tab)\.|(?<![\w'’])(?:nr|stk|kl|side|"
    r"bilag|afsnit|punkt|artikel|section|page|chapter|article|annex|klokken|version|figur|"
    r"indsatsområde|indsatsområdet|action\s+area|"
    r"tabel|figure|table))\s*$",
    re.I,
)
POINT_YEAR_CUES: Final = (
    "as recently as", "as early as", "as late as", "as far back as", "already in", "back in",
    "så sent som", "så tidligt som", "tilbage i", "helt tilbage i",
)  # fmt: skip
"""Words after which a four-digit number is a point year, though no *i*/*in* stands right
before it (*As recently as 2007, that number was just 17*, *så sent som 2019*, *så tidligt
som 2015*): checked before the other roles (docs/claims.md, "Years")."""
REPORT_TITLE_CUES: Final = (
    "årsrapport", "årsrapporten", "årsrapport for", "årsrapporten for", "menneskehandel i danmark",
    "annual report", "the annual report for", "annual report for",
    "human trafficking in denmark", "trafficking in denmark",
)  # fmt: skip
"""Words of the title of the Centre against Human Trafficking's yearly report, after which a
four-digit number is the year the report is about (*Menneskehandel i Danmark 2021.
Årsrapport*, *årsrapporten 2019*, *Annual report 2022*), not a count (docs/claims.md,
"Years"). Not the US report's title (*Trafficking in Persons Report 2021* is about the year
before), which none of these words ends."""
_YEAR_ROLES: Final[tuple[tuple[YearRole, re.Pattern[str]], ...]] = (
    (
        "base",
        cues.tail(
            [
                "i forhold til", "sammenlignet med", "set i forhold til", "compared with",
                "compared to", "relative to", "against", "versus", "vs.", "mod", "end i",
                "than in", "on", "som i", "as in",
            ]
        ),
    ),
    ("since", cues.tail(["siden", "since", "fra og med"])),
    ("point", cues.tail(POINT_YEAR_CUES)),
    ("point", cues.tail(REPORT_TITLE_CUES)),
    (
        "point",
        cues.tail(
            [
                "udgangen af", "slutningen af", "i løbet af", "end of", "in the course of",
                "by the end of", "the year", "året", "år", "year", "i", "in", "for", "during",
                "ultimo", "primo", "til og med", "through", "kvartal", "kvartaler", "quarter",
                "halvår", "half", "q1", "q2", "q3", "q4", "hele", "whole of", "all of",
                "full year", "full-year",
            ]
        ),
    ),
    ("from", cues.tail(["fra", "from", "mellem", "between"])),
    ("to", cues.tail(["til", "to", "until", "indtil", "frem til", "up to"])),
)  # fmt: skip
_AFTER_YEAR: Final = cues.tail(["og", "and", "eller", "or", ",", "&"])
_RANGE_AFTER: Final = re.compile(r"^\s*[-–—/]\s*(\d{4})(?!\d)")
_RANGE_BEFORE: Final = re.compile(r"(?<!\d)(\d{4})\s*[-–—/]\s*$")
_NUMBER_RANGE_AFTER: Final = re.compile(r"^\s*[-–—]\s*\d")
_NUMBER_RANGE_BEFORE: Final = re.compile(r"\d\s*[-–—]\s*$")
_AGE_OR_DURATION: Final = re.compile(
    r"^(?:-?\s*(?:årig\w*|års?\b|år\b|years?\b|year-old|months?\b|måneder?\b|uger?\b|weeks?\b|"
    r"dage?\b|days?\b|timer?\b|hours?\b|ugers\b|dages\b))",
    re.I,
)
_AGE_GROUP_NUMBER: Final = re.compile(r"(?<![\w])(?:under|over|above|below)\s*$", re.I)
_FACTOR_AFTER: Final = cues.head(["gange", "times", "gang", "fold"])
_PERCENT_AFTER: Final = re.compile(
    r"^\s*(?P<unit>procentpoint\w*|pct\.?-?\s*point\w*|percentage\s+points?|pp\b|%-point\w*|"
    r"%|pct\b\.?|procent\b|per\s*cent\b|percent\b)",
    re.I,
)
_MONEY_AFTER: Final = re.compile(
    r"^\s*(?P<scale>mio\b\.?|millioner\b|million\b|mill\.|mia\b\.?|milliarder?\b|billion\b|"
    r"bn\b|mn\b)?(?:\s*(?P<currency>kr\b\.?|kroner\b|DKK\b))?",
    re.I,
)
_GLUED_SCALE: Final = re.compile(r"^(?P<scale>m|mn|bn|(?:mio|mia)\b\.?)(?![\w])", re.I)
_CURRENCY_BEFORE: Final = re.compile(r"(?<![\w])(?:DKK|kr\.?|kroner)\s*$", re.I)
_MARKERS: Final[tuple[tuple[Marker, re.Pattern[str]], ...]] = (
    ("from", cues.tail(["fra", "from"])),
    ("to", cues.tail(["til", "to"])),
)
_DIFFERENCE_AFTER: Final = re.compile(
    r"^\s*(?:(?P<up>flere|mere|more)|(?P<down>færre|mindre|fewer|less))\b", re.I
)
_NEXT_WORD_UNIT: Final = re.compile(rf"^\s+(?:{cues.alternation(cues.UNIT_OF)})(?![\w])", re.I)


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number a sentence writes, with what it is.

    ``value``: a year; a count; per cent (or points); kroner (``value / scale`` is the number as
    written, e.g. 118.2 for ``118,2 mio. kr.``). ``decimals``: digits written after the decimal
    sign. ``text`` is the number with its unit as written, at ``start:end`` in the original.
    ``qualifier``: *mere end*, *ca.*, … before it. ``role`` (years): how the year is used.
    ``marker`` (counts): *fra*/*from* or *til*/*to* before it. ``sign``: a written ``+``/``-``
    (per cent) or *flere*/*færre* after a count. ``unit``: the unit the noun after a count names.
    ``breakdown``: sex, age group or form of exploitation written right after a count.
    ``note``: why an ``other`` quantity is no count (``range``, ``factor``, ``breakdown``).
    """

    kind: QuantityKind
    text: str
    start: int
    end: int
    value: Decimal
    decimals: int = 0
    scale: int = 1
    qualifier: Qualifier = "exact"
    role: YearRole | None = None
    marker: Marker | None = None
    sign: int = 0
    unit: str | None = None
    unit_word: str | None = None
    breakdown: Breakdown = TOTAL
    note: str | None = None
    is_word: bool = False

    @property
    def written(self) -> Decimal:
        """The number as written, in its written scale (118.2 for 118,2 mio. kr.)."""
        return self.value / self.scale if self.scale != 1 else self.value

    @property
    def year(self) -> int:
        return int(self.value)


_DIGITS: Final = re.compile(
    r"(?<![\w.,])(?P<sign>[+\-−](?=\d))?(?P<num>\d+(?:(?:[.,]|[\u00a0\u202f](?=\d{3}(?!\d)))\d+)*)"
)


@dataclass(frozen=True, slots=True)
class _Token:
    start: int  # within the sentence
    end: int
    raw: str
    sign: str
    is_word: bool
    value: int = 0  # a number in words: its value


def find_quantities(sentence: str, language: Language, offset: int = 0) -> list[Quantity]:
    """The quantities a sentence writes (counts, per cents, points, money, years, others), in
    order, with offsets (``offset`` is where the sentence starts in the original)."""
    found: list[Quantity] = []
    parts = periods.quarter_spans(sentence)
    for token in _tokens(sentence, language)[:MAX_NUMBERS_PER_SENTENCE]:
        if periods.inside(parts, token.start - len(token.sign), token.end):
            continue  # the 1 and 3 of "1.–3. kvt.", the "tre" of "de første tre kvartaler"
        part = periods.part_before(sentence, parts, token.start) if _is_year(token) else None
        if part is not None:  # "1. kvt. 2025", "siden første halvår af 2025"
            found.append(_part_year(sentence, token, part.start, found))
            continue
        quantity = _classify(sentence, token, language, found)
        if quantity is not None:
            found.append(quantity)
    found = _inherit_breakdowns(sentence, found)
    return [replace(q, start=q.start + offset, end=q.end + offset) for q in found]


def _tokens(sentence: str, language: Language) -> list[_Token]:
    tokens = [
        _Token(m.start("num"), m.end(), m.group("num"), m.group("sign") or "", False)
        for m in _DIGITS.finditer(sentence)
    ]
    for found in numbers.word_numbers(sentence, language):
        word, rest = found.text.lower(), sentence[found.end :]
        if word in numbers.ARTICLE_LIKE and not _one_counts(sentence, found.start, rest, tokens):
            continue  # "en stigning", "et fald", "one of": an article, not a number
        if word in NOUN_ONLY[language] and not _before_a_noun(rest):
            continue  # Danish "to" is 2 only before what it counts: "to kvinder"
        tokens.append(_Token(found.start, found.end, found.text, "", True, found.value))
    return sorted(tokens, key=lambda t: t.start)


_LIST_ITEM_BEFORE: Final = re.compile(r"(?:,|,?\s+(?:and|og))\s*$", re.I)
_LIST_VERB: Final = r"(?:were|was|is|are|identified|var|er|blev)"
_ITEM_AFTER: Final = re.compile(rf"^\s+{_LIST_VERB}(?![\w])", re.I)
_EARLIER_ITEM: Final = re.compile(rf"(?<![\w.,])\d+\s+{_LIST_VERB}(?![\w])", re.I)


def _one_counts(sentence: str, start: int, rest: str, digits: list[_Token]) -> bool:
    """Whether *one* / *en* / *et* is the number 1 rather than an article: right before what it
    counts (*en person*), or an item of a list of counts, each with its verb (*22 were male, 41
    were female, and one identified as transgender*; *86 were …, one was …*): after a comma or
    *and / og*, before *was / were / identified / var / er / blev*, with a count in figures
    right before such a verb earlier in the sentence (*41 were*)."""
    if _NEXT_WORD_UNIT.match(rest):
        return True
    before = sentence[:start]
    return bool(
        _LIST_ITEM_BEFORE.search(before)
        and _ITEM_AFTER.match(rest)
        and any(t.start < start for t in digits)
        and _EARLIER_ITEM.search(before)
    )


NOUN_ONLY: Final[dict[Language, frozenset[str]]] = {"da": frozenset({"to"}), "en": frozenset()}
"""Number words that are also common words of their language (Danish *to*, in English *to*
is never 2): a number only right before what it counts (*to kvinder*, *to vurderede ofre*,
*to pct.*, *to mio. kr.*)."""


def _before_a_noun(rest: str) -> bool:
    money = _MONEY_AFTER.match(rest)
    return bool(
        cues.UNIT_AFTER.match(rest)
        or _PERCENT_AFTER.match(rest)
        or (money and (money.group("scale") or money.group("currency")))
    )


def _classify(
    sentence: str, token: _Token, language: Language, earlier: list[Quantity]
) -> Quantity | None:
    before, after = sentence[: token.start - len(token.sign)], sentence[token.end :]
    if not token.is_word and _not_a_figure(token, before, after, language):
        return None
    year = _as_year(sentence, token, before, after, earlier)
    if year is not None:
        return year
    if _AGE_OR_DURATION.match(after) or (_AGE_GROUP_NUMBER.search(before) and token.raw == "18"):
        return None
    return _as_figure(sentence, token, language, before, after)


def _not_a_figure(token: _Token, before: str, after: str, language: Language) -> bool:
    """A reference (§ 262 a, nr. 2), an ordinal (4. juni), a day of a month, or digits glued
    to letters (CO2, 2020'erne)."""
    if re.match(r"^[^\W\d_]", after) and not _GLUED_SCALE.match(after):
        return True
    if re.match(r"^['’](?:erne|s\b|tallet)", after) or _REFERENCE_BEFORE.search(before):
        return True
    if language == "da" and re.match(r"^\.\s+[a-zæøå]", after):
        return True
    return bool(_MONTH_AFTER.match(after)) or (
        bool(_MONTH_BEFORE.search(before)) and not _is_year(token)
    )


def _is_year(token: _Token) -> bool:
    return (
        not token.is_word
        and not token.sign
        and token.raw.isdigit()
        and len(token.raw) == 4
        and MIN_YEAR <= int(token.raw) <= MAX_YEAR
    )


def _part_year(sentence: str, token: _Token, part_start: int, earlier: list[Quantity]) -> Quantity:
    """The year of a part of a year: its role is read before the part (*siden 1. kvt. 2024*,
    *fra første halvår 2024*), else it is a point year."""
    before = sentence[:part_start]
    role = _year_role(sentence, token, before, sentence[token.end :], earlier) or "point"
    if role == "from" and periods.is_range(sentence[part_start : token.start]):
        role = "point"  # "fra første til tredje kvartal 2025": the range is the part's own
    return Quantity("year", token.raw, token.start, token.end, Decimal(token.raw), role=role)


def _as_year(
    sentence: str, token: _Token, before: str, after: str, earlier: list[Quantity]
) -> Quantity | None:
    if not _is_year(token):
        return None
    role = _year_role(sentence, token, before, after, earlier)
    if role is None:
        return None
    return Quantity("year", token.raw, token.start, token.end, Decimal(token.raw), role=role)


def _year_role(
    sentence: str, token: _Token, before: str, after: str, earlier: list[Quantity]
) -> YearRole | None:
    """How a year-like number is used, or ``None`` when it does not stand in year position."""
    range_after = _RANGE_AFTER.match(after)
    if range_after and MIN_YEAR <= int(range_after.group(1)) <= MAX_YEAR:
        return "from"
    range_before = _RANGE_BEFORE.search(before)
    if range_before and MIN_YEAR <= int(range_before.group(1)) <= MAX_YEAR:
        return "to"
    if _MONTH_BEFORE.search(before) or re.search(r"\d{1,2}\.\s*$", before):
        return "date"
    for role, pattern in _YEAR_ROLES:
        if pattern.search(before):
            return role
    previous = earlier[-1] if earlier else None
    if (
        previous is not None
        and previous.kind == "year"
        and _AFTER_YEAR.search(before)
        and len(sentence[previous.end : token.start]) <= 12
    ):
        return "to" if previous.role == "from" else previous.role
    if not before.strip() or re.search(r"[(\[]\s*$", before) or re.match(r"^\s*[)\]]", after):
        return "point"
    if _year_by_verb(token, before, after):
        return "point"
    return None


MIN_VERB_YEAR: Final = 1990
"""A number next to a verb (:data:`_VERB_BEFORE_YEAR`, :data:`_VERB_AFTER_YEAR`) is a year
only from this year (to :data:`~planwatch.domain.periods.MAX_YEAR`)."""
_VERB_BEFORE_YEAR: Final = cues.tail(
    ["var", "er", "blev", "bliver", "was", "were", "is", "became", "remained", "forblev"]
)
_VERB_AFTER_YEAR: Final = cues.head(
    [
        "var", "er", "blev", "bliver", "viste", "bød på", "gav", "har", "havde", "was", "is",
        "saw", "showed", "brought", "had", "has", "became", "marked", "remained",
    ]
)  # fmt: skip


def _year_by_verb(token: _Token, before: str, after: str) -> bool:
    """*Med 73 var 2022 det laveste niveau*, *2022 var året*, *2023 saw*: a whole number
    1990-2100 right after or before a verb is a year, unless a count noun or a unit follows it
    (*var 2023 personer*) or a qualifier stands before it (*over 2000 var*)."""
    if int(token.raw) < MIN_VERB_YEAR or _before_a_noun(after):
        return False
    if any(pattern.search(before) for _, pattern in cues.QUALIFIERS):
        return False
    return bool(_VERB_BEFORE_YEAR.search(before) or _VERB_AFTER_YEAR.match(after))


def _as_figure(
    sentence: str, token: _Token, language: Language, before: str, after: str
) -> Quantity | None:
    """A per cent, points, money, a range, a factor or a count."""
    start = token.start - len(token.sign)
    unit = _unit(sentence, token, language, before, after)
    if unit is None:
        return None
    kind, scale, convention, end, start, note = unit
    try:
        parsed = (
            numbers.ParsedNumber(Decimal(token.value), 0)
            if token.is_word
            else numbers.parse_number(token.sign + token.raw, convention)
        )
        value = plain(parsed.value * scale)
    except (ValueError, InvalidOperation):  # InvalidOperation: 10**28 or more, no real figure
        return None
    text = sentence[start:end].rstrip()
    base = Quantity(
        kind, text, start, start + len(text), value, parsed.decimals, scale,
        _qualifier(sentence[:start]), sign=_sign(token.sign), note=note, is_word=token.is_word,
    )  # fmt: skip
    return _count_details(base, before, after, language) if kind == "count" else base


_Unit = tuple[QuantityKind, int, Language, int, int, "str | None"]


def _unit(
    sentence: str, token: _Token, language: Language, before: str, after: str
) -> _Unit | None:
    """What follows (or precedes) a number says what it is: (kind, scale, the convention its
    digits are read in, end, start, note)."""
    start = token.start - len(token.sign)
    percent = _PERCENT_AFTER.match(after)
    if percent:
        unit = percent.group("unit").lower()
        kind: QuantityKind = "points" if ("point" in unit or unit == "pp") else "percent"
        return kind, 1, _percent_convention(unit, language), token.end + percent.end(), start, None
    glued = None if token.is_word else _GLUED_SCALE.match(after)
    money = _MONEY_AFTER.match(after)
    scale_word = (glued.group("scale") if glued else money.group("scale") if money else None) or ""
    currency = None if glued or money is None else money.group("currency")
    currency_before = _CURRENCY_BEFORE.search(before)
    if glued or scale_word or currency or currency_before:
        end = token.end + (glued.end() if glued else money.end() if money else 0)
        if (
            scale_word
            and not (glued or currency or currency_before)
            and cues.UNIT_AFTER.match(sentence[end:])
        ):
            return "other", 1, language, token.end, start, "large-number"
        prefix = currency_before.group() if currency_before else ""
        convention = _money_convention(f"{scale_word} {currency or ''} {prefix}", language)
        if currency_before:
            start = currency_before.start()
        return "money", _scale(scale_word), convention, end, start, None
    if _NUMBER_RANGE_AFTER.match(after) or _NUMBER_RANGE_BEFORE.search(before):
        return "other", 1, language, token.end, start, "range"
    if _FACTOR_AFTER.match(after):
        return "other", 1, language, token.end, start, "factor"
    if language == "en" and _AFTER_A_PASSIVE.search(before) and _NOTHING_AFTER.match(after):
        return "other", 1, language, token.end, start, "stray"
    return "count", 1, language, token.end, start, None


_AFTER_A_PASSIVE: Final = re.compile(
    r"\b(?:was|were|been|is|are)\s+(?:\w+ed|identified|found|seen)\s+$", re.IGNORECASE
)
_NOTHING_AFTER: Final = re.compile(r"^\s*(?:[,;:.)]|$)")
"""A number right after an English passive with nothing after it (*33 victims … were
identified 63, compared to …*): no English states a count so; it is a page or footnote
number a copied text kept, not a count of what the verb is about."""


def _percent_convention(unit: str, language: Language) -> Language:
    if unit.startswith(("pct", "procent")):
        return "da"
    if unit.startswith(("per", "percent")):
        return "en"
    return language


def _money_convention(words: str, language: Language) -> Language:
    lowered = words.lower()
    if re.search(r"\b(?:dkk|m|mn|bn|million|billion)\b", lowered):
        return "en"
    if re.search(r"\b(?:mio|mia|kr|kroner|millioner|milliard)", lowered):
        return "da"
    return language


def _scale(word: str) -> int:
    lowered = word.lower().rstrip(".")
    if lowered in ("mia", "milliard", "milliarder", "billion", "bn"):
        return 1_000_000_000
    if lowered:
        return 1_000_000
    return 1


def _sign(text: str) -> int:
    return {"+": 1, "-": -1, "−": -1}.get(text, 0)


def _qualifier(before: str) -> Qualifier:
    trimmed = _CURRENCY_BEFORE.sub("", before)
    for qualifier, pattern in cues.QUALIFIERS:
        if pattern.search(trimmed):
            return qualifier
    return "exact"


def _count_details(base: Quantity, before: str, after: str, language: Language) -> Quantity:
    difference = _DIFFERENCE_AFTER.match(after)
    unit = cues.UNIT_AFTER.match(after)
    breakdown, other = breakdowns.breakdown_after(after, language)
    note = "breakdown" if other else _every_form(after, language)
    if breakdowns.part_beside_aside(after, language):
        breakdown, note = TOTAL, "breakdown-unclear"
    elif breakdowns.of_a_part(after, language):
        breakdown, note = TOTAL, "breakdown"
    sign = base.sign
    if difference:
        sign = 1 if difference.group("up") else -1
    return replace(
        base,
        marker=_marker(before),
        sign=sign,
        unit=cues.UNIT_OF[unit.group("word").lower()] if unit else None,
        unit_word=unit.group("word") if unit else None,
        breakdown=breakdown,
        note=note,
    )


def _every_form(after: str, language: Language) -> str | None:
    """``every-form`` for a count followed by a list of every form of exploitation: read as
    the total, but checked with care (``check_counts``), as it may be the sum of those forms."""
    return "every-form" if breakdowns.lists_every_form(after, language) else None


def _marker(before: str) -> Marker | None:
    trimmed = before
    for _, pattern in cues.QUALIFIERS:
        trimmed = pattern.sub("", trimmed)
    for marker, pattern in _MARKERS:
        if pattern.search(trimmed):
            return marker
    return None


_COMPARED_WITH_BEFORE: Final = re.compile(
    r"(?<![\w])(?:mod|against|versus|compared\s+with|compared\s+to)\s+"
    r"(?:ca\.\s+|omkring\s+|about\s+)?$",
    re.I,
)


_A_TOTAL_AFTER: Final = re.compile(
    r"^\s+(?:\S+\s+){0,3}?(?:i alt|in total|in all|alt i alt|samlet|totalt)(?![\w])", re.I
)
"""Words after a count that make it a total (*mod 64 i alt i 2019*, *compared with 64 in
total*): the other side of a comparison then is no part."""


def _inherit_breakdowns(sentence: str, found: list[Quantity]) -> list[Quantity]:
    """A count compared with the count before it (*3 … under 18 år mod 6 i 2022*, *3 … under
    18, against 6 in 2022*) and naming no breakdown of its own is a count of the same part, and
    so is each count listed right after it (*33 victims of sexual exploitation …, compared to
    112 and 86 victims identified in 2016 and 2017*); a count that says it is a total (*mod 64
    i alt*) is not."""
    result: list[Quantity] = []
    for quantity in found:
        figures = [q for q in result if q.kind != "year" and q.note != "stray"]
        before = _compared_count(sentence, figures, quantity)
        own = (
            quantity.kind == "count"
            and quantity.breakdown == TOTAL
            and quantity.note is None
            and not _A_TOTAL_AFTER.match(sentence[quantity.end :])
        )
        if (
            own
            and before is not None
            and before.kind == "count"
            and (before.breakdown != TOTAL or before.note == "breakdown")
            and _COMPARED_WITH_BEFORE.search(sentence[: quantity.start])
            and ";" not in sentence[before.end : quantity.start]
        ):
            quantity = replace(quantity, breakdown=before.breakdown, note=before.note)
        elif own and result and _listed_after_a_compared_part(sentence, result[-1], quantity):
            quantity = replace(quantity, breakdown=result[-1].breakdown, note=result[-1].note)
        result.append(quantity)
    return result


def _listed_after_a_compared_part(sentence: str, last: Quantity, quantity: Quantity) -> bool:
    """Whether ``quantity`` is listed right after ``last``, a count of a part that stands after
    a comparison word (*compared to 112 and 86*)."""
    return (
        last.kind == "count"
        and (last.breakdown != TOTAL or last.note == "breakdown")
        and bool(cues.COUNT_LIST_JOIN.fullmatch(sentence[last.end : quantity.start]))
        and bool(_COMPARED_WITH_BEFORE.search(sentence[: last.start]))
    )


def _compared_count(sentence: str, earlier: list[Quantity], quantity: Quantity) -> Quantity | None:
    """The figure a count after *mod / compared with* is compared with: the one before it, or,
    when that one stands in a parenthesis closed before the comparison, the one before the
    parenthesis (*68 victims (26 sex trafficking, … 11 other or unspecified), compared with 64
    in 2020*: 64 is compared with 68, not with the 11 unspecified)."""
    if not earlier:
        return None
    last = earlier[-1]
    closed = sentence.find(")", last.end, quantity.start)
    opened = sentence.rfind("(", 0, closed) if closed >= 0 else -1
    if not 0 <= opened < last.start:
        return last  # no parenthesis around the figure before
    outside = [q for q in earlier if q.end <= opened]
    return outside[-1] if outside else None

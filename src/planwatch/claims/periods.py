"""The parts of a year a sentence speaks of: quarters and half-years (*1. kvt. 2025*, *første
halvår 2025*, *de første tre kvartaler*, *Q1–Q3 2025*, *the first half of 2025*, *samme
periode*), and the year each belongs to (docs/claims.md, "Parts of a year").

Reading is pure. A sentence's periods are *read* when every word for a part of a year in it is
a quarter expression planwatch understands and each is tied to one year; a claim in such a
sentence is about those quarters of its year, and about the whole year for a year with no
quarter expression. Otherwise they are *unclear*, and the sentence's claims are not checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, Protocol

_ORDINALS: Final[dict[str, int]] = {
    "første": 1, "anden": 2, "andet": 2, "tredje": 3, "fjerde": 4,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}  # fmt: skip
_HOW_MANY: Final[dict[str, int]] = {"to": 2, "tre": 3, "two": 2, "three": 3, "2": 2, "3": 3}
_ORDINAL: Final = r"(?:[1-4]\.|første|anden|andet|tredje|fjerde|first|second|third|fourth|" \
    r"1st|2nd|3rd|4th)"  # fmt: skip
_JOIN: Final = r"\s*(?:[-–—,&]|(?<![\w])(?:til|to|og|and)(?![\w]))\s*(?:the\s+)?"
_QUARTER_NOUN: Final = r"(?:kvt\b\.?|kvartal(?:erne|er|et)?\b|quarters?\b)"
_HALF_NOUN: Final = r"(?:halvår(?:et)?\b|halvdel(?:en)?\b|half-year\b|half\b)"

# At most four quarters in a list: an unbounded list made "1., 1., 1., …" quadratic (16 s for
# 5,000 of them).
_PERIOD: Final = re.compile(
    rf"(?<![\w])(?:"
    rf"(?P<list>{_ORDINAL}(?:{_JOIN}{_ORDINAL}){{0,3}})\s*(?:the\s+)?{_QUARTER_NOUN}"
    rf"|(?P<q>Q[1-4](?:{_JOIN}Q[1-4]){{0,3}})(?![\w])"
    rf"|(?P<half>første|1\.|first|anden|andet|2\.|second)\s*{_HALF_NOUN}"
    rf"|(?P<h>H[12])(?![\w])"
    rf"|(?P<edge>første|first|sidste|last)\s+(?P<n>to|tre|two|three|2|3)\s+(?:kvartaler|quarters)\b"
    rf"|(?P<n2>to|tre|two|three)\s+(?P<edge2>første|first|sidste|last)\s+(?:kvartaler|quarters)\b"
    rf"|(?P<same>samme|same)\s+(?:kvartal(?:er)?|periode|period|halvår|quarters?|half-year|half)\b"
    rf")",
    re.I,
)
_PART_OF_YEAR: Final = re.compile(
    r"(?<![\w])(?:\d\.\s*kvartal|kvt\b|kvartal\w*|quarter\w*|halvår\w*|half-year\w*|first half|"
    r"second half|første halvdel|anden halvdel|Q[1-4]|H[12](?=\s*\d{4}))(?![\w])",
    re.I,
)
_THIS_YEAR: Final = re.compile(
    r"(?<![\w])(?:årets|året(?!\s+\d)|i år|indeværende år|this year|the year(?!\s+\d))(?![\w])",
    re.I,
)
"""*årets første halvår*, *the first half of the year*: a year the text does not name."""
_BEFORE_YEAR: Final = re.compile(r"^[\s,:]*(?:(?:af|of|i|in)\s+)?(?:(?:året|the year)\s+)?$", re.I)
_AFTER_YEAR: Final = re.compile(r"^[\s,:(]*$")


@dataclass(frozen=True, slots=True)
class QuarterSpan:
    """A part of a year as a text writes it, at ``start:end`` (in the sentence, or in the
    original when an offset was given): its quarters, or ``None`` for *samme periode* / *the
    same quarter* (the quarters of another part the sentence names)."""

    start: int
    end: int
    quarters: tuple[int, ...] | None


class YearLike(Protocol):
    """What binding a part of a year to its year needs of a year a sentence writes."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def year(self) -> int: ...


@dataclass(frozen=True, slots=True)
class SentencePeriods:
    """The parts of years a sentence names: ``quarters`` by year (a year not in it is a whole
    year), and whether they were read (``clear``); ``written`` are the years the sentence
    writes."""

    quarters: dict[int, tuple[int, ...]]
    clear: bool
    written: frozenset[int]


WHOLE_YEARS: Final = SentencePeriods({}, True, frozenset())
MAX_PARTS_PER_SENTENCE: Final = 8
"""More parts of years than this in one sentence is a table pasted as text, not prose: unclear
(and every part checked against every word for one made "Q1 " x 10,000 take 7 s)."""


def quarter_spans(text: str, offset: int = 0) -> list[QuarterSpan]:
    """The quarters and half-years ``text`` names, in order."""
    spans: list[QuarterSpan] = []
    for match in _PERIOD.finditer(text):
        quarters = _quarters(match)
        if quarters == ():
            continue
        spans.append(QuarterSpan(match.start() + offset, match.end() + offset, quarters))
    return spans


def _quarters(match: re.Match[str]) -> tuple[int, ...] | None:
    """The quarters a match names; ``None`` for "the same"; ``()`` when it names none."""
    if match.group("same"):
        return None
    if match.group("list") or match.group("q"):
        return _listed(match.group("list") or match.group("q"))
    if match.group("half") or match.group("h"):
        word = (match.group("half") or match.group("h")).lower()
        return (1, 2) if word in ("første", "1.", "first", "h1") else (3, 4)
    edge = (match.group("edge") or match.group("edge2")).lower()
    count = _HOW_MANY[(match.group("n") or match.group("n2")).lower()]
    first = edge in ("første", "first")
    return tuple(range(1, count + 1)) if first else tuple(range(5 - count, 5))


def _listed(text: str) -> tuple[int, ...]:
    """``1.–3.`` is 1, 2, 3; ``1. og 3.`` is 1 and 3; ``Q1-Q2``, ``first and second`` …"""
    parts = re.split(f"({_JOIN})", text, flags=re.I)
    numbers = [_number(p) for p in parts[::2]]
    joins = [j.strip().lower().removesuffix("the").strip() for j in parts[1::2]]
    found: list[int] = [numbers[0]]
    for join, number in zip(joins, numbers[1:], strict=True):
        if join in ("-", "–", "—", "til", "to"):
            if number <= found[-1]:
                return ()
            found.extend(range(found[-1] + 1, number + 1))
        else:
            found.append(number)
    if found != sorted(set(found)):
        return ()
    return tuple(found)


def _number(text: str) -> int:
    word = text.strip().lower().rstrip(".").removeprefix("q")
    return _ORDINALS.get(word) or int(word)


def is_range(text: str) -> bool:
    """Whether a part of a year is written as a range (*første til tredje kvartal*)."""
    return bool(re.search(r"[-–—]|(?<![\w])(?:til|to)(?![\w])", text, re.I))


def about_part_of_year(text: str) -> bool:
    """Whether a text speaks of a quarter or a half-year at all."""
    return bool(_PART_OF_YEAR.search(text))


def inside(spans: Iterable[QuarterSpan], start: int, end: int) -> bool:
    """Whether ``start:end`` lies within one of ``spans``."""
    return any(s.start <= start and end <= s.end for s in spans)


def part_before(text: str, spans: Iterable[QuarterSpan], start: int) -> QuarterSpan | None:
    """The part of a year the number at ``start`` of ``text`` comes right after (*1. kvt.
    2025*, *første kvartal af 2025*, *the first half of 2025*), if any: then the number is that
    part's year. ``spans`` and ``start`` are positions in ``text``."""
    return next(
        (s for s in spans if s.end <= start and _BEFORE_YEAR.match(text[s.end : start])), None
    )


def sentence_periods(text: str, years: Sequence[YearLike], offset: int = 0) -> SentencePeriods:
    """The quarters of each year a sentence names, and whether they are clear: every word for a
    part of a year is a quarter expression, each tied to a year (the year right after it, else
    right before it, else the sentence's only year), no year tied to two different parts and
    each *samme periode* to a part the sentence names. *Årets* / *this year's* part is of no
    year the sentence names: unclear."""
    written = frozenset(y.year for y in years)
    if not about_part_of_year(text):
        return SentencePeriods({}, True, written)
    spans = quarter_spans(text, offset)
    if len(spans) > MAX_PARTS_PER_SENTENCE:
        return SentencePeriods({}, False, written)
    words = [(m.start() + offset, m.end() + offset) for m in _PART_OF_YEAR.finditer(text)]
    clear = all(inside(spans, start, end) for start, end in words)
    named = {s.quarters for s in spans if s.quarters is not None}
    bound: dict[int, set[tuple[int, ...]]] = {}
    unbound: list[QuarterSpan] = []
    tied: set[int] = set()  # where the years tied to a part stand
    for span in spans:
        quarters = span.quarters
        if quarters is None:
            if len(named) != 1:
                clear = False
                continue
            (quarters,) = named
        year = _year_of(text, span, years, offset)
        if year is None:
            unbound.append(QuarterSpan(span.start, span.end, quarters))
        else:
            bound.setdefault(year.year, set()).add(quarters)
            tied.add(year.start)
    if any(y.year in bound and y.start not in tied for y in years):
        clear = False  # "19 i 1. kvt. 2024 og 100 i hele 2024": which 2024 is which
    if unbound:
        distinct = {s.quarters for s in unbound}
        if (
            len(written) == 1
            and len(distinct) == 1
            and not (written & bound.keys())
            and not _THIS_YEAR.search(text)
        ):
            (only,) = written
            bound[only] = {s.quarters for s in unbound if s.quarters is not None}
        else:
            clear = False
    if any(len(q) != 1 for q in bound.values()):
        clear = False
    quarters_by_year = {y: next(iter(q)) for y, q in bound.items() if len(q) == 1}
    return SentencePeriods(quarters_by_year, clear, written)


def _year_of(
    text: str, span: QuarterSpan, years: Sequence[YearLike], offset: int
) -> YearLike | None:
    """The year right after a part (*1. kvt. 2025*), else right before it (*2025, 1. kvt.*)."""
    after = [y for y in years if y.start >= span.end]
    if after and _BEFORE_YEAR.match(text[span.end - offset : after[0].start - offset]):
        return after[0]
    before = [y for y in years if y.end <= span.start]
    if before and _AFTER_YEAR.match(text[before[-1].end - offset : span.start - offset]):
        return before[-1]
    return None

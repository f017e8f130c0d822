"""A candidate claim (a claim a sentence makes, before it is checked), the sentence the finders
read, and the spans claims are cut to. The finders are in ``extract_*`` modules; the kinds of
claim are in docs/claims.md ("Claims")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from planwatch.claims import cues
from planwatch.claims.cues import Qualifier
from planwatch.claims.fractions import ShareSpec
from planwatch.claims.periods import WHOLE_YEARS, SentencePeriods
from planwatch.claims.quantities import Quantity
from planwatch.claims.sentences import Sentence
from planwatch.domain.vocab import TOTAL, Breakdown
from planwatch.formatting import Language

ClaimKind = Literal[
    "count",
    "from-to",
    "change",
    "difference",
    "ratio",
    "highest-since",
    "lowest-since",
    "budget",
    "share",
    "allocation",
    "other",
    "total",
    "range",
    "each-year",
]
YearsFrom = Literal["sentence", "previous", "year-before", "latest", "none"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A claim a sentence makes, before it is checked.

    ``text`` is the claim as written, at ``start:end`` in the original. ``stated``: the
    quantities it states. ``years``: the years it is about (a count: one; from-to, change,
    difference, ratio: the earlier and the later; highest/lowest-since: the since year and the
    year compared, or the since year alone with ``open_end``). ``open_end``: the later year is
    the latest year with a figure. ``years_from`` says where the years came from. ``direction``:
    +1 up, -1 down, 0 not said. ``factor``: 2 for *fordoblet*, 0.5 for *halveret*.
    ``anchor``: the span of its main figure, for finding the indicator nearest to it.
    ``note``: for ``other``, why it is not a claim of a known kind; else a caveat.
    ``quarters``: the years it names a part of (*1. kvt. 2025*) with their quarters; any other
    year is a whole year. ``part_of_year``: it speaks of a part of a year it could not read
    (:mod:`planwatch.claims.periods`), so it is not checked. ``share``: what a ``share`` claim
    states (:mod:`planwatch.claims.fractions`). ``carried``: a count whose part, year and
    indicator are carried from the count of the previous sentence it refers back to
    (:mod:`planwatch.claims.combinations`). ``relative``: a count whose year a phrase names
    relative to another year (*året efter*, *last year*): the phrase and the base year it was
    counted from, ``None`` when unresolved (:mod:`planwatch.claims.relative_years`).
    ``year_of_previous``: a count in a sentence that names no year, given the one year the
    previous sentence of its paragraph names (:mod:`planwatch.claims.extraction`); it may be
    found consistent, never inconsistent.
    """

    kind: ClaimKind
    sentence: Sentence
    start: int
    end: int
    stated: tuple[Quantity, ...] = ()
    years: tuple[int, ...] = ()
    open_end: bool = False
    years_from: YearsFrom = "sentence"
    direction: int = 0
    factor: Decimal | None = None
    qualifier: Qualifier = "exact"
    record: bool = False
    plan_years: tuple[int, int] | None = None
    plan_named: bool = False
    part_of_year: bool = False
    quarters: tuple[tuple[int, tuple[int, ...]], ...] = ()
    anchor: tuple[int, int] = (0, 0)
    note: str | None = None
    share: ShareSpec | None = None
    carried: bool = False
    relative: tuple[str, int | None] | None = None
    year_of_previous: bool = False

    def quarters_of(self, year: int) -> tuple[int, ...] | None:
        """The quarters of ``year`` the claim states, or ``None`` for the whole year."""
        return dict(self.quarters).get(year)

    @property
    def text(self) -> str:
        return self.sentence.text[self.start - self.sentence.start : self.end - self.sentence.start]

    @property
    def breakdown(self) -> Breakdown:
        return self.stated[0].breakdown if self.stated else TOTAL


@dataclass(frozen=True, slots=True)
class Context:
    """A sentence with the quantities it writes, in the text's language, and the parts of years
    it names: what the finders of claims read (the sentence's own, and the previous sentence's
    for linked years)."""

    sentence: Sentence
    quantities: list[Quantity]
    language: Language
    periods: SentencePeriods = WHOLE_YEARS


def claim_span(sentence: Sentence, *parts: tuple[int, int]) -> tuple[int, int]:
    """The span a claim covers: all of ``parts``, with a qualifier before them, within the
    sentence."""
    start = min(p[0] for p in parts)
    end = max(p[1] for p in parts)
    return with_qualifier(sentence, max(start, sentence.start)), min(end, sentence.end)


def with_qualifier(sentence: Sentence, start: int) -> int:
    """Where a claim starts when a qualifier (*ca.*, *mere end*, *about*) stands before it."""
    before = sentence.text[: start - sentence.start]
    for _, pattern in cues.QUALIFIERS:
        match = pattern.search(before)
        if match:
            return sentence.start + match.start()
    return start


def other_claim(context: Context, quantity: Quantity, note: str) -> Candidate:
    """A figure that is no claim of a known kind (``other``), with the reason in ``note``."""
    start = with_qualifier(context.sentence, quantity.start)
    return Candidate(
        "other", context.sentence, start, quantity.end, (quantity,),
        anchor=(quantity.start, quantity.end), note=note, years_from="none",
    )  # fmt: skip


def extend_back(sentence: Sentence, start: int, words: tuple[str, ...]) -> int:
    """Where a claim starts when one of ``words`` stands before it with at most two words
    between (*fra* 73, *en* stigning)."""
    before = sentence.text[: start - sentence.start]
    match = re.search(rf"(?<![\w])(?:{'|'.join(words)})\s+(?:\w+\s+){{0,2}}$", before, re.I)
    return sentence.start + match.start() if match else start

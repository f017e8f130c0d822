"""Indicator terms: the names and declared synonyms by which a text names an indicator (stored
with the indicator, versioned; the bundled ones loaded at ``init`` from
``data/reference/indicator_terms.csv``), and where a text names them, by the stems of their
words (docs/claims.md, "Which indicator"). The terms are data; matching them is pure."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Final

from planwatch.claims import stems
from planwatch.claims.sentences import detect_language
from planwatch.domain.indicators import Indicator
from planwatch.errors import DataError, Problem
from planwatch.formatting import Language
from planwatch.settings import BUNDLED_DATA

DATA_DIR: Final = BUNDLED_DATA  # the bundled data folder, the one reference data comes from
TERMS_FILE: Final = DATA_DIR / "reference" / "indicator_terms.csv"
TERMS_COLUMNS: Final = ("indicator_code", "language", "term")


@dataclass(frozen=True, slots=True)
class IndicatorTerm:
    """A synonym by which a text may name an indicator, in one language."""

    indicator_code: str
    language: str
    term: str


def load_terms(path: Path = TERMS_FILE) -> tuple[IndicatorTerm, ...]:
    """The declared synonyms (``indicator_code,language,term``, UTF-8 CSV), checked: the header,
    a language ``da`` or ``en`` and a term on every row. Raises :class:`DataError` with every
    problem found."""
    return _load_terms(path.resolve())


@lru_cache(maxsize=4)
def _load_terms(path: Path) -> tuple[IndicatorTerm, ...]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(
            f"Filen {path.name} kan ikke læses: {error}",
            f"The file {path.name} cannot be read: {error}",
            [],
        ) from error
    if not rows or tuple(c.strip() for c in rows[0]) != TERMS_COLUMNS:
        raise DataError(
            f"{path.name} skal have kolonnerne {', '.join(TERMS_COLUMNS)}.",
            f"{path.name} must have the columns {', '.join(TERMS_COLUMNS)}.",
            [],
        )
    terms: list[IndicatorTerm] = []
    problems: list[Problem] = []
    for number, row in enumerate(rows[1:], start=2):
        cells = [c.strip() for c in row] + [""] * (3 - len(row))
        code, language, term = cells[:3]
        if not row or not any(cells):
            continue
        if len(row) != 3 or not code or language not in ("da", "en") or not term:
            problems.append(
                Problem(
                    "invalid-term",
                    "Rækken skal have en indikatorkode, sproget da eller en og et udtryk.",
                    "The row must have an indicator code, the language da or en and a term.",
                    row=number,
                    value=",".join(row),
                )
            )
            continue
        terms.append(IndicatorTerm(code, language, term))
    if problems:
        raise DataError(f"{path.name} indeholder fejl.", f"{path.name} has problems.", problems)
    return tuple(terms)


def stored_terms(indicators: Iterable[Indicator]) -> tuple[IndicatorTerm, ...]:
    """The synonyms the database declares for these indicators (as of the check's moment: a
    synonym added later is not known; docs/claims.md, "Which indicator")."""
    return tuple(
        IndicatorTerm(i.code, language, term)
        for i in indicators
        for language in ("da", "en")
        for term in i.synonyms(language)
    )


def term_pairs(
    indicators: Mapping[str, Indicator], terms: Sequence[IndicatorTerm], language: Language
) -> tuple[tuple[str, str], ...]:
    """``(code, term)``: each indicator's name and declared synonyms in the text's
    language (synonyms of codes the database does not define are left out)."""
    pairs = [(i.code, i.name(language)) for i in indicators.values()]
    pairs += [
        (t.indicator_code, t.term)
        for t in terms
        if t.language == language and t.indicator_code in indicators
    ]
    return tuple(pairs)


@dataclass(frozen=True, slots=True)
class TermHit:
    """A term of an indicator found in a text, at ``start:end``."""

    code: str
    term: str
    start: int
    end: int

    def distance(self, start: int, end: int) -> int:
        """Characters between this hit and the span ``start:end`` (0 when they overlap)."""
        return max(0, self.start - end, start - self.end)


def normalise(text: str) -> str:
    """The text for matching, of the same length: typographic apostrophes and dashes plain,
    no-break spaces plain, lower case (``casefold`` would change lengths: ``ß``)."""
    table = str.maketrans({"’": "'", "‘": "'", "\u00a0": " ", "\u202f": " ", "–": "-", "—": "-"})
    lowered = text.translate(table)
    fast = lowered.lower()
    if len(fast) == len(lowered):
        return fast
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in lowered)


@lru_cache(maxsize=64)
def _term_stems(
    terms: tuple[tuple[str, str], ...], language: Language
) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, str], ...]]:
    """The distinct terms as stems (:func:`planwatch.claims.stems.term_stems`), with the
    ``(code, term)`` each stands for (the first pair declaring it)."""
    seen: dict[tuple[str, ...], tuple[str, str]] = {}
    for code, term in terms:
        stemmed = stems.term_stems(normalise(term), language)
        if stemmed and stemmed not in seen:
            seen[stemmed] = (code, term)
    return tuple(seen), tuple(seen.values())


def find_terms(
    text: str,
    terms: Sequence[tuple[str, str]],
    offset: int = 0,
    language: Language | None = None,
) -> list[TermHit]:
    """Where ``(code, term)`` pairs occur in ``text`` by the stems of their words, in
    ``language`` (else the text's own): in any inflection, in order, with a bounded gap of
    words between (:func:`planwatch.claims.stems.find`); the term of most words first, a
    shorter term inside a longer one's match not counted again."""
    lang = language or detect_language(text)
    stemmed, pairs = _term_stems(tuple(terms), lang)
    hits = stems.find(normalise(text), stemmed, lang)
    return [
        TermHit(pairs[h.index][0], pairs[h.index][1], h.start + offset, h.end + offset)
        for h in hits
    ]


CMM_SERIES: Final = "victims_assessed"
"""The Danish Centre against Human Trafficking's count of persons assessed as victims."""
TIP_SERIES: Final = "victims_identified_tip"
"""The US TIP report's count of victims identified, published beside CMM's."""

SOURCE_SERIES: Final[dict[str, frozenset[str]]] = {
    TIP_SERIES: frozenset({CMM_SERIES}),
}
"""Series a source publishes in parallel to another: when a sentence names the source (a term
of the key, *TIP-rapporten*, *the State Department*), a term of the parallel series
(*identified victims*) is read as the source's series (docs/claims.md, "Two series")."""


def by_named_source(hits: list[TermHit]) -> list[TermHit]:
    """A sentence's term hits, with those of a series parallel to a source the sentence names
    read as that source's series (:data:`SOURCE_SERIES`)."""
    named = {h.code for h in hits} & set(SOURCE_SERIES)
    if not named:
        return hits
    mapping = {parallel: source for source in named for parallel in SOURCE_SERIES[source]}
    return [
        TermHit(mapping[h.code], h.term, h.start, h.end) if h.code in mapping else h for h in hits
    ]


_BARE_VICTIMS: Final = re.compile(
    r"(?<![\w-])(?:ofre|ofrene|offer|offeret|victims?)(?![\w-])", re.IGNORECASE
)
_TRAFFICKING: Final = re.compile(r"(?<![\w-])(?:menneskehand\w*|trafficking|trafficked)", re.I)


def bare_victims(
    text: str, hits: Sequence[TermHit], earlier: str = "", offset: int = 0
) -> list[TermHit]:
    """*Ofre / victims* standing alone, read as the victims of trafficking planwatch counts
    when the sentence or the one before it speaks of trafficking (*Menneskehandel i Danmark
    nåede i 2016 sit højdepunkt med 121 ofre*) and names no indicator or source by a term of
    its own (*The State Department reported 72 victims* is the TIP report's series; the caller
    leaves it to a previous sentence's indicator where there is one, borrowed with its guards:
    *Of these victims, 22 were men in 2021* never takes a year it was not given). Victims of
    something else (*ofre for vold*) are told apart where the count is read (``breakdowns``)."""
    if hits or not (_TRAFFICKING.search(text) or _TRAFFICKING.search(earlier)):
        return []
    return [
        TermHit(CMM_SERIES, m.group(), m.start() + offset, m.end() + offset)
        for m in _BARE_VICTIMS.finditer(text)
    ]


def sentence_hits(
    text: str,
    pairs: Mapping[str, Sequence[tuple[str, str]]],
    language: Language,
    offset: int = 0,
) -> list[TermHit]:
    """The terms a sentence names, in its own ``language`` (``pairs`` by language), with the
    names of a source (:data:`SOURCE_SERIES`: *TIP-rapporten* in an English quote) in either
    language, and a parallel series read as the source's (:func:`by_named_source`)."""
    hits = find_terms(text, pairs[language], offset, language)
    other: Language = "en" if language == "da" else "da"
    sources = [p for p in pairs[other] if p[0] in SOURCE_SERIES]
    extra = [
        h
        for h in find_terms(text, sources, offset, other)
        if not any(k.start < h.end and h.start < k.end for k in hits)
    ]
    return by_named_source(sorted(hits + extra, key=lambda h: h.start))

"""Indicator terms: the names and declared synonyms by which a text names an indicator
(``data/reference/indicator_terms.csv``), and where a text names them (docs/claims.md, "Which
indicator"). The terms are data; matching them is pure."""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Final

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
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in lowered)


def _flexible(term: str) -> str:
    """A term as a pattern in which any run of white space matches any other."""
    return r"\s+".join(re.escape(part) for part in term.split())


@lru_cache(maxsize=32)
def _term_patterns(
    terms: tuple[tuple[str, str], ...],
) -> tuple[tuple[re.Pattern[str], str, str], ...]:
    ordered = sorted({(normalise(t).strip(), code) for code, t in terms if t.strip()},
                     key=lambda item: (-len(item[0]), item[0], item[1]))  # fmt: skip
    return tuple(
        (re.compile(r"(?<![\w])" + _flexible(term) + r"(?![\w])"), code, term)
        for term, code in ordered
    )


def find_terms(text: str, terms: Sequence[tuple[str, str]], offset: int = 0) -> list[TermHit]:
    """Where ``(code, term)`` pairs occur in ``text``: case-insensitive, whole words, the longest
    term first; a shorter term inside a longer one's match is not counted again."""
    lowered = normalise(text)
    hits: list[TermHit] = []
    for pattern, code, term in _term_patterns(tuple(terms)):
        for match in pattern.finditer(lowered):
            if any(h.start < match.end() and match.start() < h.end for h in hits):
                continue
            hits.append(TermHit(code, term, match.start(), match.end()))
    return sorted(
        (TermHit(h.code, h.term, h.start + offset, h.end + offset) for h in hits),
        key=lambda h: h.start,
    )

"""Words by their stem: a light stemmer for Danish and English and a matcher of multi-word terms
that finds a term in any inflection with a bounded gap of words between its words
(docs/claims.md, "Which indicator"). Pure: no data, no database.

A term is a sequence of stems. ``vurderet udsat for menneskehandel`` matches *vurderede udsat
for menneskehandel*, *vurderet som udsat for menneskehandel* (one word between) and *112
personer blev vurderet udsat for menneskehandel*; ``identified victims`` matches *identified 64
victims* and *victims were identified* only in its own order (*identified … victims*).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from planwatch.claims import cues
from planwatch.formatting import Language

MIN_STEM: Final = 3
"""A suffix is stripped only when at least this many letters stay (*ofre* → *ofr*, *sag* stays)."""
MAX_GAP: Final = 4
"""At most this many words may stand between two words of a term (*identified 64 victims*,
*victims of forced labour were identified*: counted per pair of neighbouring term words)."""

DA_SUFFIXES: Final = (
    "erendes", "erende", "ernes", "erne", "enes", "ene", "edes", "ede", "ende", "ens", "ets",
    "ers", "er", "et", "es", "en", "e", "s",
)  # fmt: skip
"""Danish inflectional endings, longest first (*-erne*, *-ene*, *-ede*, *-er*, *-et*, *-e* …)."""
EN_SUFFIXES: Final = ("ings", "ing", "ies", "ied", "ed", "es", "s", "e")
"""English inflectional endings, longest first (*-ing*, *-ed*, *-es*, *-s*; a final *-e*, so
that *case* and *cases*, *charge* and *charged* share a stem). No *-s* after *s*, *u*, *i*
(*assess*, *status*, *analysis*)."""
IRREGULAR: Final[dict[Language, dict[str, str]]] = {
    "da": {"offer": "ofr", "offeret": "ofr", "offerets": "ofr", "ofrenes": "ofr"},
    "en": {"people": "person", "persons": "person", "was": "be", "were": "be", "is": "be"},
}
"""Words whose stem no ending gives (*offer* and *ofre* are one word)."""
GAP_BREAKERS: Final = cues.word_set(
    "og men mens samt eller mod end ikke aldrig ingen heraf and but while whereas or against "
    "versus than not never no"
)
"""Words a gap may not hold: a conjunction, *mod/against*, a negation. A term's words across
such a word belong to different clauses (*vurderet som ofre, mens 12 ikke blev*)."""
_WORD: Final = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_CLAUSE_BREAK: Final = re.compile(r"[,;:()]")


@lru_cache(maxsize=65536)
def stem(word: str, language: Language) -> str:
    """The stem of one word, lower case: its inflectional ending stripped (Danish: an
    undoubled final consonant, *-el* as *-l*: *handel*, *handlet* → *handl*)."""
    lowered = word.lower().replace("’", "'")
    lowered = lowered.split("'")[0] if language == "da" else lowered.removesuffix("'s")
    irregular = IRREGULAR[language].get(lowered)
    if irregular is not None:
        return irregular
    if lowered.isdigit():
        return lowered
    suffixes = DA_SUFFIXES if language == "da" else EN_SUFFIXES
    result = lowered
    for suffix in suffixes:
        if language == "en" and suffix == "s" and result.endswith(("ss", "us", "is")):
            continue
        if result.endswith(suffix) and len(result) - len(suffix) >= MIN_STEM:
            result = result[: -len(suffix)]
            break
    if language == "en":
        if lowered.endswith(("ies", "ied")) and result != lowered:
            result += "i"
        elif result.endswith("y"):
            result = result[:-1] + "i"
        return result
    if len(result) > MIN_STEM and result[-1] == result[-2] and result[-1] not in "aeiouyæøå":
        result = result[:-1]  # "udsatte" → "udsatt" → "udsat"
    if re.search(r"[^aeiouyæøå]el$", result) and len(result) > MIN_STEM + 1:
        result = result[:-2] + "l"  # "handel" / "handlen" / "handlet"
    return result


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a text: where it stands and its stem."""

    start: int
    end: int
    stem: str


def tokens(text: str, language: Language) -> list[Token]:
    """The words of ``text`` with their stems; a comma, semicolon, colon or bracket is a token
    of its own (stem ``,``) so that no gap runs across it."""
    found = [Token(m.start(), m.end(), stem(m.group(), language)) for m in _WORD.finditer(text)]
    found += [Token(m.start(), m.end(), ",") for m in _CLAUSE_BREAK.finditer(text)]
    return sorted(found, key=lambda t: t.start)


def term_stems(term: str, language: Language) -> tuple[str, ...]:
    """A term as the stems of its words (``vurderede ofre`` → ``vurder ofr``; a comma or a
    bracket in it as ``,``)."""
    return tuple(t.stem for t in tokens(term, language))


@dataclass(frozen=True, slots=True)
class StemHit:
    """A term found in a text: the term's index in the list matched, its span and the words
    skipped in its gaps (fewer is a closer match)."""

    index: int
    start: int
    end: int
    gap: int


@lru_cache(maxsize=4)
def _breakers(language: Language) -> frozenset[str]:
    return frozenset(stem(w, language) for w in GAP_BREAKERS) | {","}


def find(
    text: str, terms: Sequence[tuple[str, ...]], language: Language, max_gap: int = MAX_GAP
) -> list[StemHit]:
    """Where each term (a sequence of stems) occurs in ``text``, in order, with at most
    ``max_gap`` words between neighbouring term words (none in a term with a number: *ofre
    siden 2007* is a fixed phrase) and none of :data:`GAP_BREAKERS`; the
    terms with more words first, then the closer match; a hit overlapping one already taken is
    dropped. Hits sorted by where they start."""
    words = tokens(text, language)
    breakers = _breakers(language)
    positions: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        positions.setdefault(word.stem, []).append(i)
    candidates: list[tuple[int, int, int, int, int]] = []  # (-length, gap, start, end, index)
    for index, term in enumerate(terms):
        if not term or term[0] not in positions:
            continue
        gap = 0 if any(w.isdigit() for w in term) else max_gap
        for first in positions[term[0]]:
            match = _match_from(words, term, first, breakers, gap)
            if match is not None:
                last, gap = match
                candidates.append((-len(term), gap, words[first].start, words[last].end, index))
    taken: list[StemHit] = []
    for _, gap, start, end, index in sorted(candidates):
        if any(h.start < end and start < h.end for h in taken):
            continue
        taken.append(StemHit(index, start, end, gap))
    return sorted(taken, key=lambda h: h.start)


def _match_from(
    words: list[Token],
    term: tuple[str, ...],
    first: int,
    breakers: frozenset[str],
    max_gap: int,
) -> tuple[int, int] | None:
    """The index of the last word and the words skipped, matching ``term`` from the word at
    ``first`` (each next term word the nearest one within the gap)."""
    current, skipped = first, 0
    for wanted in term[1:]:
        for step in range(1, max_gap + 2):
            position = current + step
            if position >= len(words):
                return None
            word = words[position].stem
            if word == wanted:
                current, skipped = position, skipped + step - 1
                break
            if word in breakers:
                return None
        else:
            return None
    return current, skipped


def any_of(text: str, terms: Iterable[str], language: Language) -> bool:
    """Whether any of ``terms`` (written words) occurs in ``text`` by stem."""
    return bool(find(text, tuple(term_stems(t, language) for t in terms), language))

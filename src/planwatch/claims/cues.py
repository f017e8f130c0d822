"""Cue words: patterns built from word lists, and the cue words both the numbers of a sentence
and its claims are read by (qualifiers such as *ca.* or *mere end*; the nouns that name what a
count counts). The rules they serve are in docs/claims.md."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final, Literal

from planwatch.formatting import Language

Qualifier = Literal[
    "exact", "approx", "more", "less", "at-least", "at-most", "just-under", "just-over"
]  # fmt: skip


def word_set(text: str) -> frozenset[str]:
    """The words of ``text``, split at white space."""
    return frozenset(text.split())


def alternation(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words`` (longest first; any white space where a
    word has a space)."""
    escaped = [
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True)
    ]
    return "|".join(escaped)


CONTRAST: Final[dict[Language, re.Pattern[str]]] = {
    "da": re.compile(r";|(?<![\w])(?:mens|men)(?![\w])", re.I),
    "en": re.compile(r";|(?<![\w])(?:while|whereas|but)(?![\w])", re.I),
}
"""What begins another clause in a sentence's language: a semicolon or a word of contrast
(Danish *men* is "but"; English *men* is a part of the victims, never a clause break)."""


def clause_around(text: str, start: int, end: int, language: Language) -> tuple[int, int]:
    """Where the clause holding ``text[start:end]`` begins and ends, between the
    :data:`CONTRAST` breaks around it (the whole text when there are none)."""
    breaks = list(CONTRAST[language].finditer(text))
    first = max((m.end() for m in breaks if m.end() <= start), default=0)
    last = min((m.start() for m in breaks if m.start() >= end), default=len(text))
    return first, last


COUNT_LIST_JOIN: Final = re.compile(r"\s*(?:,|&|og|and)\s*", re.IGNORECASE)
"""What alone joins two counts in a list (*112 og 86*, *compared to 112 and 86*): the whole
text between them (``fullmatch``)."""

NOT_THE_FIGHT: Final = r"(?!\s+(?:menneskehand\w*|human\s+trafficking|trafficking)\b)"
"""Put after *mod* / *against* in a pattern of comparing words: not where they name the fight
against trafficking (*Center mod Menneskehandel 316 opkald*, *indsatsen mod menneskehandel*,
*the Centre against Human Trafficking*), which compares nothing."""


def tail(words: Iterable[str]) -> re.Pattern[str]:
    """Matches when a text *ends* with one of ``words`` (then white space)."""
    return re.compile(rf"(?<![\w])(?:{alternation(words)})\s*$", re.I)


def head(words: Iterable[str]) -> re.Pattern[str]:
    """Matches when a text *starts* with one of ``words`` (after white space)."""
    return re.compile(rf"^\s*(?:{alternation(words)})(?![\w])", re.I)


QUALIFIERS: Final[tuple[tuple[Qualifier, re.Pattern[str]], ...]] = (
    (
        "just-under",
        tail(
            [
                "knap", "knapt", "næsten", "små", "nearly", "almost", "just under",
                "not quite", "a little under", "slightly under", "little under",
            ]
        ),
    ),
    (
        "just-over",
        tail(
            [
                "godt", "lidt over", "lidt mere end", "just over", "slightly over",
                "a little over", "slightly more than", "a little more than", "just above",
            ]
        ),
    ),
    (
        "at-least",
        tail(
            [
                "mindst", "at least", "ikke under", "ikke færre end", "ikke mindre end",
                "no fewer than", "no less than", "not fewer than", "not less than",
            ]
        ),
    ),
    (
        "at-most",
        tail(
            [
                "højst", "op til", "op mod", "at most", "up to", "ikke over", "ikke flere end",
                "ikke mere end", "no more than", "not more than",
            ]
        ),
    ),
    (
        "more",
        tail(
            [
                "mere end", "flere end", "over", "more than", "above", "højere end",
                "større end", "higher than", "greater than", "in excess of",
            ]
        ),
    ),
    (
        "less",
        tail(
            [
                "færre end", "mindre end", "under", "less than", "fewer than", "below",
                "lavere end", "lower than", "smaller than",
            ]
        ),
    ),
    (
        "approx",
        tail(
            [
                "ca.", "ca", "cirka", "omkring", "tæt på", "about", "around", "approximately",
                "approx.", "roughly", "some", "close to",
            ]
        ),
    ),
)  # fmt: skip
"""Words before a number that say how exact it is, in the order they are tried: *knap* /
*næsten* / *nearly* is a little under the figure (``just-under``), *godt* / *just over* a little
over it (``just-over``), both within :data:`planwatch.claims.tolerance.A_LITTLE`; *ca.* /
*about* is the figure rounded (docs/claims.md, "Tolerance")."""
UNITS: Final[dict[str, tuple[str, ...]]] = {
    "persons": (
        "personer", "person", "ofre", "offer", "ofrene", "mennesker", "individer", "people",
        "persons", "individuals", "victims", "victim", "kvinder", "mænd", "børn", "piger",
        "drenge", "mindreårige", "voksne", "transkønnede", "women", "men", "children", "girls",
        "boys", "minors", "adults",
    ),
    "calls": (
        "opkald", "henvendelser", "henvendelse", "calls", "call", "inquiries", "enquiries",
        "contacts",
    ),
    "cases": (
        "sager", "sag", "anmeldelser", "anmeldelse", "politianmeldelser", "cases", "case",
        "reports",
    ),
    "assessments": (
        "udredninger", "udredning", "vurderinger", "vurdering", "assessments", "assessment",
    ),
    "counts": ("forhold", "counts"),
    "investigations": ("efterforskninger", "efterforskning", "investigations", "investigation"),
}  # fmt: skip
"""The nouns that name what a count counts, by the unit of an indicator they match."""
UNIT_OF: Final = {word: unit for unit, words in UNITS.items() for word in words}
UNIT_AFTER: Final = re.compile(
    rf"^\s*(?:[^\W\d_]+\s+)?(?P<word>{alternation(UNIT_OF)})(?![\w])"
    r"(?!(?<=forhold)\s+til(?![\w]))",
    re.I,
)
"""A count noun right after a number, perhaps after one other word (*112 vurderede ofre*);
not *forhold* (counts of a charge) in *i forhold til* (relative to: *steg med 39 i forhold
til 2022*)."""

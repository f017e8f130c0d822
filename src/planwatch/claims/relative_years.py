"""Years a sentence names only relative to another year (docs/claims.md, "Relative years").

*I 2019 var der 64 ofre. Året efter var tallet 77.* — *året efter* is 2020: the year after the
one point year the previous sentence names. A count governed by such a phrase (the phrase stands
before it with no year or other figure between, or right after it) is for the year the phrase
works out, when the base is certain: exactly one point year in the count's own sentence before
the phrase, or, when its sentence names none there, exactly one point year in the previous
sentence. Otherwise the year is *unresolved* and the count is not checked. *Sidste år*, *i
fjor*, *last year*, *this year* are never resolved: the text's own date is unknown. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from planwatch.claims import cues
from planwatch.claims.candidates import Candidate
from planwatch.claims.quantities import Quantity

RELATIVE_YEARS: Final[dict[str, int]] = {
    # Danish
    "året efter": 1, "det følgende år": 1, "følgende år": 1, "det efterfølgende år": 1,
    "året derpå": 1, "året derefter": 1, "et år senere": 1, "året før": -1,
    "året forinden": -1, "det foregående år": -1, "året inden": -1, "et år tidligere": -1,
    "samme år": 0, "det samme år": 0, "det år": 0,
    # English
    "the following year": 1, "the next year": 1, "the year after": 1, "a year later": 1,
    "one year later": 1, "the subsequent year": 1, "the year before": -1,
    "the previous year": -1, "the preceding year": -1, "a year earlier": -1,
    "one year earlier": -1, "the prior year": -1, "the same year": 0, "that same year": 0,
    "that year": 0,
}  # fmt: skip
"""Phrases naming a year relative to another one, with the offset in years (+1 the year after,
-1 the year before, 0 the same year)."""
UNRESOLVED_YEARS: Final = (
    "sidste år", "i fjor", "sidste års", "forrige år", "forrige års", "i år", "næste år",
    "last year", "this year", "next year", "the past year",
)  # fmt: skip
"""Phrases naming a year relative to the text's own date, which planwatch does not know: a
count they govern is never given a year."""
MAX_WORDS_AFTER: Final = 3
"""A phrase right after a count (*73 the year before*) governs it when at most this many words
stand between the count and the phrase."""

_RELATIVE: Final = re.compile(rf"(?<![\w])(?:{cues.alternation(RELATIVE_YEARS)})(?![\w])", re.I)
_UNRESOLVED: Final = re.compile(
    rf"(?<![\w])(?:{cues.alternation(UNRESOLVED_YEARS)})(?:['’]s)?(?![\w])", re.I
)
_BREAK: Final = re.compile(r"[;:]|(?<![\w])(?:og|men|mens|and|but|while|whereas)(?![\w])", re.I)


@dataclass(frozen=True, slots=True)
class Relative:
    """A relative-year phrase governing a count: the phrase as written, its offset, the base
    year it counts from (``None`` when unresolved) and whether that base is in the previous
    sentence."""

    phrase: str
    offset: int | None
    base: int | None
    base_in_previous: bool

    @property
    def year(self) -> int | None:
        if self.base is None or self.offset is None:
            return None
        return self.base + self.offset


def governing(
    text: str,
    start: int,
    count: Quantity,
    quantities: list[Quantity],
    previous: list[Quantity] | None,
) -> Relative | None:
    """The relative-year phrase that governs ``count`` in the sentence ``text`` (which starts at
    ``start`` in the original), resolved against the sentence's own point years before the
    phrase, else the previous sentence's (``previous``: its quantities, ``None`` when there is
    no previous sentence in the same paragraph)."""
    phrase = _phrase(text, start, count, quantities)
    if phrase is None:
        return None
    written, at = phrase
    offset = _offset(written)
    if offset is None:
        return Relative(written, None, None, False)
    own = [q for q in quantities if q.kind == "year" and q.end <= start + at]
    if own:
        return Relative(written, offset, _one_point_year(own), False)
    theirs = [q for q in previous or [] if q.kind == "year"]
    return Relative(written, offset, _one_point_year(theirs), True)


def _phrase(
    text: str, start: int, count: Quantity, quantities: list[Quantity]
) -> tuple[str, int] | None:
    """The phrase (as written, and where it starts in ``text``) right before the count with no
    year, figure or clause break between, or right after it."""
    low, high = count.start - start, count.end - start
    found: list[tuple[str, int, int]] = []
    for pattern in (_RELATIVE, _UNRESOLVED):
        found.extend((m.group(0), m.start(), m.end()) for m in pattern.finditer(text))
    before = [f for f in found if f[2] <= low]
    if before:
        written, at, end = max(before, key=lambda f: f[2])
        between = [q for q in quantities if end + start <= q.start < count.start]
        if not between and not _BREAK.search(text[end:low]):
            return written, at
    after = [f for f in found if f[1] >= high]
    if after:
        written, at, _ = min(after, key=lambda f: f[1])
        gap = text[high:at]
        following = [q for q in quantities if count.end <= q.start < start + at]
        if not following and len(gap.split()) <= MAX_WORDS_AFTER and not re.search(r"[,;:]", gap):
            return written, at
    return None


def _offset(written: str) -> int | None:
    key = " ".join(written.lower().split())
    return RELATIVE_YEARS.get(key)


def _one_point_year(years: list[Quantity]) -> int | None:
    """The year when ``years`` are all one point year (written once or more), else ``None``."""
    distinct = {q.year for q in years}
    if len(distinct) == 1 and all(q.role == "point" for q in years):
        return distinct.pop()
    return None


def explain(candidate: Candidate) -> tuple[str, str]:
    """Where a count's year came from (or why it has none), in Danish and English."""
    if candidate.relative is None:
        return "", ""
    phrase, base = candidate.relative
    offset = _offset(phrase)
    where_da = "den foregående sætning" if candidate.years_from == "previous" else "samme sætning"
    where_en = "the previous sentence" if candidate.years_from == "previous" else "the sentence"
    if offset is None:
        return (
            f"»{phrase}« regnes fra tekstens egen dato, som planwatch ikke kender, så året er "
            "ukendt, og tallet kontrolleres ikke.",
            f"“{phrase}” counts from the text's own date, which planwatch does not know, so the "
            "year is unknown and the figure is not checked.",
        )
    if base is None or not candidate.years:
        return (
            f"»{phrase}« henviser til et andet år, men hverken sætningen før udtrykket eller den "
            "foregående sætning (i samme afsnit) nævner præcis ét år. Regel: et relativt år "
            "regnes kun ud fra præcis ét nævnt år; ellers kontrolleres tallet ikke.",
            f"“{phrase}” refers to another year, but neither the sentence before the phrase nor "
            "the previous sentence (in the same paragraph) names exactly one year. Rule: a "
            "relative year is only worked out from exactly one named year; otherwise the figure "
            "is not checked.",
        )
    year = candidate.years[0]
    return (
        f"Året ({year}) er læst af »{phrase}« regnet fra {base}, det ene år {where_da} "
        "nævner. Regel: et relativt år regnes kun ud fra præcis ét nævnt år.",
        f"The year ({year}) is read from “{phrase}”, counted from {base}, the one year "
        f"{where_en} names. Rule: a relative year is only worked out from exactly one named "
        "year.",
    )

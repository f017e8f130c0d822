"""Words for *each year* (*om året, hvert år, a year, every year, annually …*) and whether one
belongs to a figure of its sentence (docs/claims.md, "Totals and ranges" and "Changes each
year"): a range of each year's figure (*mellem 73 og 80 om året*), a figure said of each year
of a span (*mindst 64 hvert år siden 2019*), a change a year (*steget med 12 om året*)."""

from __future__ import annotations

import re
from typing import Final, Literal

from planwatch.claims import cues
from planwatch.claims.candidates import Context
from planwatch.claims.quantities import Quantity

EVERY_YEAR_WORDS: Final = ("hvert år", "each year", "every year")
"""Words that say a thing held in every single year (*steg hvert år*)."""
PER_YEAR_WORDS: Final = (
    "om året", "årligt", "årlig", "pr. år", "per år", "om år", "per year", "a year", "annually",
    "yearly", "per annum", *EVERY_YEAR_WORDS,
)  # fmt: skip
"""Words that make a figure a figure of each year (*mellem 73 og 80 om året*)."""
PER_YEAR: Final = re.compile(
    rf"(?<![\w])(?:{cues.alternation(PER_YEAR_WORDS)})(?![\w])"
    r"(?!\s+(?:before|earlier|later|after|ago|før|tidligere|senere|efter)(?![\w]))",
    re.I,
)
"""A word for *each year*, not *a year before / et år senere* (another year)."""
_EVERY_YEAR: Final = re.compile(rf"^(?:{cues.alternation(EVERY_YEAR_WORDS)})$", re.I)
_ANOTHER_CLAUSE: Final = re.compile(r"[:,]\s*(?:og|and|eller|or|hvilket|which)(?![\w])", re.I)
"""A comma and a word that begins another clause (*…, og tallet er steget hvert år*): a word
for each year after it is not the figure's."""

Reading = Literal["every", "per"]
"""*hvert år / every year*: each year on its own; *om året / a year*: on average, as a rate."""


def said_of_each_year(context: Context, figure: Quantity) -> bool:
    """Whether a figure is said of each year: a word for *each year* after it in its clause
    (*mindst 64 personer om året*, *at least 64 … every year*) or before it (*Hvert år siden
    2019 er mindst 64 …*), with no other figure between them (in *406 personer, eller omkring
    80 om året*, only 80 is)."""
    return each_year_word(context, figure) is not None


def each_year_word(context: Context, figure: Quantity) -> Reading | None:
    """How the word for *each year* tied to ``figure`` reads it (see :func:`said_of_each_year`),
    or ``None`` when none is."""
    found = tied_word(context, figure, PER_YEAR)
    if found is None:
        return None
    return "every" if _EVERY_YEAR.match(found.group()) else "per"


def tied_word(context: Context, figure: Quantity, words: re.Pattern[str]) -> re.Match[str] | None:
    """The match of ``words`` that belongs to ``figure``: the first after it in its clause, else
    the last before it in its clause, with no other figure between them."""
    text, offset = context.sentence.text, context.sentence.start
    others = [q.start - offset for q in context.quantities if q.kind != "year" and q != figure]

    def tied(start: int, end: int) -> bool:  # nothing between them but words of one clause
        between = text[start:end]
        return not (
            cues.CONTRAST[context.language].search(between)
            or _ANOTHER_CLAUSE.search(between)
            or any(start <= other < end for other in others)
        )

    after = words.search(text, figure.end - offset)
    if after is not None and tied(figure.end - offset, after.start()):
        return after
    before = list(words.finditer(text, 0, figure.start - offset))
    if before and tied(before[-1].end(), figure.start - offset):
        return before[-1]
    return None

"""What every chart carries besides its marks, in one place: the page's font, and the lines
under its title that let the image stand on its own once downloaded (its unit, its source and
the date its figures are as of), as Statistics Denmark's charts do.

The font is the app's (IBM Plex Sans, served by the app itself as woff2); the offline PNG/SVG
render draws it from the TTF files in ``charts/fonts/`` (see ``render``). The generic
``sans-serif`` after it is for an SVG opened where Plex is not installed.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from planwatch.formatting import format_date

FONT: Final = "IBM Plex Sans, sans-serif"
"""The page's font, with the generic family to fall back on."""

TITLE_CHARS: Final = 28
"""Characters per line of a chart's title: a phone's width (358 pixels) at the title's size.
Vega neither wraps a title nor lets it run past the chart: it cuts it off with an ellipsis."""
SUBTITLE_CHARS: Final = 44
"""Characters per line under the title, at the subtitle's smaller size."""

_WORDS: Final[Mapping[str, Mapping[str, str]]] = {
    "source": {"da": "Kilde", "en": "Source"},
    "as_of": {"da": "Tal pr. {day}", "en": "Figures as of {day}"},
    "one_year": {"da": "Kun ét år med tal: {year}", "en": "Only one year of figures: {year}"},
}


def lines(text: str, width: int) -> list[str]:
    """``text`` broken into lines of at most ``width`` characters, at spaces where it can."""
    return textwrap.wrap(text, width=width, break_long_words=True) or [text]


def title_text(text: str) -> str | list[str]:
    """A title as Vega draws it whole on a phone: as it is when short, else in lines."""
    return text if len(text) <= TITLE_CHARS else lines(text, TITLE_CHARS)


def subtitle_lines(texts: Sequence[str]) -> list[str]:
    """The lines under a title, each broken to fit a phone's width."""
    return [line for text in texts for line in lines(text, SUBTITLE_CHARS)]


def config() -> dict[str, Any]:
    """The top-level ``config`` of every chart: the page's font for every text."""
    return {"font": FONT}


def one_year_caption(year: int, language: str) -> str:
    """What a chart with a single year says under its title."""
    return _WORDS["one_year"][language].format(year=year)


def source_names(values: Iterable[object]) -> str | None:
    """The distinct sources named in ``values`` (text, in order), joined; None if none."""
    names: list[str] = []
    for value in values:
        for name in str(value or "").split(", "):
            if name.strip() and name.strip() not in names:
                names.append(name.strip())
    return ", ".join(names) or None


def caption_lines(
    language: str,
    *,
    unit: str | None,
    source: str | None,
    as_of: dt.date | None,
    extra: Sequence[str] = (),
) -> list[str]:
    """The lines under a chart's title: its unit; "Kilde: … · Tal pr. 5. december 2026";
    then ``extra`` (a note, a caption)."""
    lines = [unit] if unit else []
    credit = []
    if source:
        credit.append(f"{_WORDS['source'][language]}: {source}")
    if as_of is not None:
        credit.append(_WORDS["as_of"][language].format(day=format_date(as_of, language)))
    if credit:
        lines.append(" · ".join(credit))
    lines.extend(line for line in extra if line)
    return lines

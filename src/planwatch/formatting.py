"""Numbers, money, percentages and dates as a Danish or an English reader expects them.

Danish: ``1.233``, ``53,4 %``, ``118,2 mio. kr.``; English: ``1,233``, ``53.4%``, ``DKK 118.2m``.
Rounding is half away from zero on the decimal value, never on a binary float.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Final, Literal

Language = Literal["da", "en"]
"""The two languages planwatch speaks: Danish (the default) and English."""

LANGUAGES: Final[tuple[Language, ...]] = ("da", "en")

Number = Decimal | int | float

MONTHS_DA = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)


def _decimal(value: Number) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def round_half_up(value: Number, decimals: int = 0) -> Decimal:
    quantum = Decimal(1).scaleb(-decimals)
    return _decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


def format_number(value: Number, language: str = "da", decimals: int = 0) -> str:
    rounded = round_half_up(value, decimals)
    text = f"{abs(rounded):,.{decimals}f}"
    if language == "da":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return f"-{text}" if rounded < 0 else text


def format_dkk_millions(value: Number, language: str = "da", decimals: int = 1) -> str:
    millions = _decimal(value) / Decimal(1_000_000)
    number = format_number(millions, language, decimals)
    return f"{number} mio. kr." if language == "da" else f"DKK {number}m"


def format_percent(
    value: Number, language: str = "da", decimals: int = 1, signed: bool = False
) -> str:
    number = format_number(value, language, decimals)
    if signed and round_half_up(value, decimals) > 0:
        number = f"+{number}"
    return f"{number} %" if language == "da" else f"{number}%"


def format_percent_words(value: Number, language: str = "da", decimals: int = 1) -> str:
    """A per cent as a speaking note or a speech writes it: ``53,4 pct.`` / ``53.4 per cent``
    (rounded half up, the sign as given)."""
    number = format_number(value, language, decimals)
    return f"{number} pct." if language == "da" else f"{number} per cent"


def percent_change(old: Number, new: Number) -> Decimal | None:
    """Change from ``old`` to ``new`` in per cent (73 -> 112 gives 53.42...). None if old is 0."""
    before = _decimal(old)
    if before == 0:
        return None
    return (_decimal(new) - before) / before * 100


def format_date(day: dt.date, language: str = "da") -> str:
    if language == "da":
        return f"{day.day}. {MONTHS_DA[day.month - 1]} {day.year}"
    return f"{day.day} {day:%B} {day.year}"


def format_moment(moment: dt.datetime, language: str = "da") -> str:
    """A moment as a reader in Denmark reads it: ``4. december 2026, kl. 13.00`` /
    ``4 December 2026, 13:00 Danish time``.

    ``moment`` must already be in Danish time (``planwatch.domain.clock.to_local`` turns a
    stored UTC moment into it): every date and time a user sees is Danish time, so that a page,
    a speaking note and an export name the same day.
    """
    if moment.tzinfo is None:
        raise ValueError("format_moment takes an aware moment in Danish time (clock.to_local)")
    if language == "da":
        return f"{format_date(moment.date(), language)}, kl. {moment:%H.%M}"
    return f"{format_date(moment.date(), language)}, {moment:%H:%M} Danish time"

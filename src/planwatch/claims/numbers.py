"""Numbers as written: digits with Danish or English decimal signs and digit groups, and small
numbers in words (docs/claims.md, "Numbers" and "Units")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Final

from planwatch.formatting import Language


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """A number as written: its value and how many digits follow its decimal sign."""

    value: Decimal
    decimals: int


def parse_number(text: str, convention: Language = "da") -> ParsedNumber:
    """Parse ``1.233``, ``1,233``, ``53,4``, ``1.234,5``, ``-12`` (docs/claims.md, "Numbers").
    Raises ``ValueError`` for anything else."""
    body = text.strip()
    negative = body[:1] in "-−"
    body = body.lstrip("+-−")
    body = _ungroup_spaces(body)
    if not re.fullmatch(r"\d+(?:[.,]\d+)*", body):
        raise ValueError(f"not a number: {text!r}")
    integer, fraction = _split_decimal(body, convention)
    value = Decimal(f"{integer}.{fraction}" if fraction else integer)
    return ParsedNumber(-value if negative else value, len(fraction))


def _ungroup_spaces(body: str) -> str:
    parts = re.split(r"[ \u00a0\u202f]", body)
    if len(parts) == 1:
        return body
    if not (1 <= len(parts[0]) <= 3 and all(re.match(r"\d{3}(?!\d)", p) for p in parts[1:])):
        raise ValueError(f"bad digit groups: {body!r}")
    return "".join(parts)


def _split_decimal(body: str, convention: Language) -> tuple[str, str]:
    signs = [c for c in body if c in ".,"]
    if not signs:
        return body, ""
    if len(set(signs)) == 2:
        decimal_sign = signs[-1]
        if signs.count(decimal_sign) != 1:
            raise ValueError(f"two decimal signs: {body!r}")
        integer, fraction = body.rsplit(decimal_sign, 1)
        return _grouped(integer, "," if decimal_sign == "." else "."), fraction
    sign = signs[0]
    if len(signs) > 1:
        return _grouped(body, sign), ""
    integer, fraction = body.split(sign)
    ambiguous = len(fraction) == 3 and 1 <= len(integer) <= 3 and not integer.startswith("0")
    grouping = ambiguous and sign == ("." if convention == "da" else ",")
    return (integer + fraction, "") if grouping else (integer, fraction)


def _grouped(text: str, sign: str) -> str:
    groups = text.split(sign)
    if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
        raise ValueError(f"bad digit groups: {text!r}")
    return "".join(groups)


_DA_UNITS: Final = {
    "en": 1, "et": 1, "én": 1, "ét": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6,
    "syv": 7, "otte": 8, "ni": 9,
}  # fmt: skip
_DA_TEENS: Final = {
    "ti": 10, "elleve": 11, "tolv": 12, "tretten": 13, "fjorten": 14, "femten": 15,
    "seksten": 16, "sytten": 17, "atten": 18, "nitten": 19,
}  # fmt: skip
_DA_TENS: Final = {
    "tyve": 20, "tredive": 30, "fyrre": 40, "halvtreds": 50, "tres": 60, "halvfjerds": 70,
    "firs": 80, "halvfems": 90,
}  # fmt: skip
_EN_UNITS: Final = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9,
}  # fmt: skip
_EN_TEENS: Final = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_EN_TENS: Final = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
ARTICLE_LIKE: Final = frozenset({"en", "et", "one"})
"""Number words that are also articles: a number only before a count noun (*en person*)."""


@lru_cache(maxsize=2)
def number_words(language: Language) -> dict[str, int]:
    """Every small number word of a language (with compounds, 1-99), lower case, to its value."""
    words: dict[str, int] = {}
    if language == "da":
        words.update(_DA_UNITS | _DA_TEENS | _DA_TENS)
        for unit, u in _DA_UNITS.items():
            if unit not in ("et", "én", "ét"):
                words.update({f"{unit}og{tens}": u + t for tens, t in _DA_TENS.items()})
    else:
        words.update(_EN_UNITS | _EN_TEENS | _EN_TENS)
        for tens, t in _EN_TENS.items():
            for unit, u in _EN_UNITS.items():
                words[f"{tens}-{unit}"] = t + u
                words[f"{tens} {unit}"] = t + u
    return words


@lru_cache(maxsize=2)
def number_word_pattern(language: Language) -> re.Pattern[str]:
    """Any number word of a language, as a whole word (group ``num``)."""
    alternatives = sorted(number_words(language), key=len, reverse=True)
    body = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in alternatives)
    return re.compile(rf"(?<![\w-])(?P<num>{body})(?![\w-])", re.I)


def word_value(text: str, language: Language) -> int:
    """The value of a number word as found by :func:`number_word_pattern`."""
    return number_words(language)[re.sub(r"\s+", " ", text.lower())]

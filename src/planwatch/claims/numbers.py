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
    """The value of a number written in words (:func:`word_numbers`), e.g. *hundrede og
    tolv*. Raises ``KeyError`` when ``text`` is no such number."""
    found = word_numbers(text.strip(), language)
    if len(found) != 1 or found[0].text != text.strip():
        raise KeyError(text)
    return found[0].value


SCALES: Final[dict[Language, dict[str, int]]] = {
    "da": {"hundrede": 100, "hundred": 100, "tusind": 1000, "tusinde": 1000},
    "en": {"hundred": 100, "thousand": 1000},
}
"""Number words that multiply what stands before them (*to hundrede*, *two thousand*); the
millions are a scale of money in :mod:`planwatch.claims.quantities` (*1,2 mio.*)."""
CONNECTORS: Final[dict[Language, str]] = {"da": "og", "en": "and"}
"""The word between a hundred or a thousand and the rest (*hundrede og tolv*)."""
PHRASE_ARTICLES: Final[dict[Language, frozenset[str]]] = {
    "da": frozenset({"et", "en", "ét", "én"}),
    "en": frozenset({"a", "an", "one"}),
}
"""Articles that are 1 before a scale word (*et hundrede*, *a hundred*)."""
VAGUE_BEFORE_SCALE: Final = frozenset(
    {"par", "nogle", "flere", "mange", "adskillige", "several", "few", "many", "couple"}
)
"""Words that make a following *hundrede* / *hundred* vague (*et par hundrede*, *several
hundred*): no number is read."""
_GLUED_SCALE_WORD: Final = re.compile(
    r"^(?P<unit>en|et|to|tre|fire|fem|seks|syv|otte|ni)(?P<scale>hundrede|tusinde?)$"
)
_WORD_TOKEN: Final = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)*(?![\w-])")


@dataclass(frozen=True, slots=True)
class WordNumber:
    """A number written in words (*hundrede og tolv*, *twenty-three*) at ``start:end``."""

    start: int
    end: int
    text: str
    value: int


_Item = tuple[str, int]  # ("small" | "tens" | "hundred" | "big" | "and" | "article", value)


def _items(words: list[str], index: int, language: Language) -> list[_Item] | None:
    """What the word at ``index`` is in a number phrase (a glued *tohundrede* is two items)."""
    word = words[index].lower()
    following = words[index + 1].lower() if index + 1 < len(words) else ""
    scales = SCALES[language]
    if word in PHRASE_ARTICLES[language] and following in scales:
        return [("article", 1)]
    if word in scales:
        return [("hundred" if scales[word] == 100 else "big", scales[word])]
    if word == CONNECTORS[language]:
        return [("and", 0)]
    glued = _GLUED_SCALE_WORD.match(word) if language == "da" else None
    if glued:
        unit = 1 if glued.group("unit") in ("en", "et") else _DA_UNITS[glued.group("unit")]
        scale = scales[glued.group("scale")]
        return [("small", unit), ("hundred" if scale == 100 else "big", scale)]
    value = number_words(language).get(word)
    if value is None:
        return None
    return [("tens" if value >= 20 and value % 10 == 0 else "small", value)]


def _phrase(words: list[str], start: int, language: Language) -> tuple[int, int] | None:
    """The longest number phrase from the word at ``start``: (words used, value)."""
    total, group, last, big = 0, 0, "start", 0
    best: tuple[int, int] | None = None
    index = start
    while index < len(words):
        items = _items(words, index, language)
        if items is None:
            break
        for kind, value in items:
            if kind == "article" and last == "start":
                last = "article"
            elif kind in ("small", "tens") and (
                last in ("start", "hundred", "big", "and")
                or (last == "tens" and kind == "small" and value < 10)
            ):
                if group % 100 and last != "tens":
                    return best
                group, last = group + value, kind
            elif (
                kind == "hundred" and last in ("start", "article", "small", "tens") and group < 100
            ):
                group, last = (group or 1) * 100, "hundred"
            elif (
                kind == "big"
                and last in ("start", "article", "small", "tens", "hundred")
                and (not big or value < big)
            ):
                total, group, last, big = total + (group or 1) * value, 0, "big", value
            elif kind == "and" and last in ("hundred", "big"):
                nxt = _items(words, index + 1, language) if index + 1 < len(words) else None
                if not nxt or nxt[0][0] not in ("small", "tens"):
                    return best
                last = "and"
            else:
                return best
        index += 1
        if last not in ("article", "and"):
            best = (index - start, total + group)
    return best


def word_numbers(text: str, language: Language) -> list[WordNumber]:
    """The numbers ``text`` writes in words, of any size (docs/claims.md, "Numbers"): *tolv*,
    *treoghalvfjerds*, *hundrede og tolv*, *et hundrede og tolv*, *tohundrede*, *to tusind*;
    *twenty-three*, *twenty three*, *one hundred and twelve*, *a hundred*, *two thousand*. A
    scale word after a vague word (*et par hundrede*) is no number."""
    matches = list(_WORD_TOKEN.finditer(text))
    words = [m.group() for m in matches]
    found: list[WordNumber] = []
    index = 0
    while index < len(words):
        phrase = _phrase(words, index, language)
        vague = index > 0 and words[index - 1].lower() in VAGUE_BEFORE_SCALE
        if phrase is None or (vague and words[index].lower() in SCALES[language]):
            index += 1
            continue
        used, value = phrase
        first, last = matches[index], matches[index + used - 1]
        found.append(WordNumber(first.start(), last.end(), text[first.start() : last.end()], value))
        index += used
    return found

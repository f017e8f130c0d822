"""Shares in words and their tolerances (docs/claims.md, "Shares"): *to tredjedele*, *hver
fjerde*, *tre ud af fire*, *mere end halvdelen*, *størstedelen*, *two thirds*, *one in four*,
*the majority*; the qualifier before a share (*knap*, *godt*, *over*, *cirka*, *nearly* …) and
the band of per cents each qualifier allows. Pure: word lists and arithmetic, no claims."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Final, Literal

from planwatch.claims import cues, numbers
from planwatch.domain.vocab import TOTAL, Breakdown
from planwatch.formatting import Language

ShareQualifier = Literal[
    "exact", "about", "below", "above", "more", "less", "at-least", "at-most", "majority",
    "minority",
]  # fmt: skip

HUNDRED: Final = Decimal(100)
EXACT_FRACTION_POINTS: Final = Decimal("2.5")
"""A share in words with no qualifier (*to tredjedele*, *hver fjerde*) is consistent within
this many percentage points of the fraction (66.7 % ± 2.5)."""
ABOUT_POINTS: Final = Decimal("2.5")
"""*cirka / omkring / ca. / about / around / roughly*: within this many points either side."""
NEAR_POINTS: Final = Decimal(5)
"""*knap / næsten / nearly / almost* (below) and *godt / just over* (above): on that side of the
figure and within this many points of it."""
GREY_ZONE_POINTS: Final = Decimal("2.5")
"""A share in words outside its band by at most this many points is ``not-checked`` (close,
but outside the tolerance), never ``inconsistent``."""
PERCENT_GREY_ZONE_POINTS: Final = Decimal(1)
"""The same for a share written in per cent (*66 pct. var kvinder*): within one point of the
rounded figure it is ``not-checked``."""
MAX_OUT_OF: Final = 10
"""*tre ud af fire*, *1 in 4*: a fraction only when the second number is at most this; *3 ud af
112* is two counts."""

_SHARE_QUALIFIERS: Final[tuple[tuple[ShareQualifier, tuple[str, ...]], ...]] = (
    ("below", ("knap", "knapt", "næsten", "nærmest", "lidt under", "lige under", "nearly",
               "almost", "just under", "slightly under", "slightly less than", "not quite")),
    ("above", ("godt", "lidt over", "lige over", "lidt mere end", "just over",
               "slightly over", "slightly more than", "a little over", "a little more than")),
    ("more", ("mere end", "flere end", "over", "langt over", "more than", "well over",
              "above", "upwards of", "in excess of")),
    ("less", ("mindre end", "færre end", "under", "less than", "fewer than", "below")),
    ("at-least", ("mindst", "i hvert fald", "at least")),
    ("at-most", ("højst", "at most", "no more than")),
    ("about", ("ca.", "ca", "cirka", "omkring", "omtrent", "tæt på", "små", "about", "around",
               "approximately", "approx.", "roughly", "some", "close to")),
)  # fmt: skip
"""Words before a share and what they say of it; each qualifier's band is in
:func:`share_band`."""

_DA_DENOMINATORS: Final = {
    "halvdel": 2, "halvdelen": 2, "halvdele": 2, "tredjedel": 3, "tredjedelen": 3,
    "tredjedele": 3, "tredjedelene": 3, "fjerdedel": 4, "fjerdedelen": 4, "fjerdedele": 4,
    "femtedel": 5, "femtedelen": 5, "femtedele": 5, "sjettedel": 6, "sjettedele": 6,
    "tiendedel": 10, "tiendedele": 10,
}  # fmt: skip
_EN_DENOMINATORS: Final = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "tenth": 10, "tenths": 10,
}  # fmt: skip
_DA_ORDINALS: Final = {
    "anden": 2, "andet": 2, "tredje": 3, "fjerde": 4, "femte": 5, "sjette": 6, "syvende": 7,
    "ottende": 8, "niende": 9, "tiende": 10,
}  # fmt: skip
_EN_ORDINALS: Final = {
    "second": 2, "other": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_MAJORITY: Final[dict[Language, tuple[str, ...]]] = {
    "da": ("størstedelen", "størstedel", "flertallet", "hovedparten", "langt de fleste",
           "de fleste", "majoriteten", "den overvejende del", "et flertal"),
    "en": ("the majority", "a majority", "the vast majority", "the great majority",
           "most of", "the bulk of"),
}  # fmt: skip
_MINORITY: Final[dict[Language, tuple[str, ...]]] = {
    "da": ("et mindretal", "mindretallet", "minoriteten", "en minoritet"),
    "en": ("a minority", "the minority"),
}


@dataclass(frozen=True, slots=True)
class ShareSpec:
    """A share a sentence states: ``percent`` of the ``whole`` (the total, or the part named
    after *af / of the*) are the ``part`` (which always includes the whole's dimensions).
    ``qualifier`` says how exact it is; ``decimals``: decimals of a per cent as written
    (``None`` for a share in words). ``unheld``: the text names a part planwatch does not
    hold (a nationality, another age band). ``part_named``: the sentence says which part.
    ``conflict``: it names two parts of one dimension. ``of_other``: the share is of something
    other than persons (*halvdelen af midlerne*)."""

    percent: Decimal
    qualifier: ShareQualifier
    decimals: int | None
    part: Breakdown = TOTAL
    whole: Breakdown = TOTAL
    part_named: bool = False
    unheld: bool = False
    conflict: bool = False
    of_other: bool = False


@dataclass(frozen=True, slots=True)
class FractionMatch:
    """A share in words found in a sentence: ``start:end`` within it, the per cent it is, and
    its qualifier (at ``qualifier_start`` when written)."""

    start: int
    end: int
    percent: Decimal
    qualifier: ShareQualifier
    text: str


def _number(word: str, language: Language) -> int | None:
    if word.isdigit():
        return int(word)
    return numbers.number_words(language).get(word.lower())


def _lang_number_words(language: Language) -> str:
    words = [w for w in numbers.number_words(language) if " " not in w]
    return rf"(?:\d+|{cues.alternation(words)})"


@lru_cache(maxsize=2)
def _patterns(language: Language) -> tuple[re.Pattern[str], ...]:
    number = _lang_number_words(language)
    qualifier = cues.alternation(w for _, ws in _SHARE_QUALIFIERS for w in ws)
    lead = rf"(?:(?P<q>{qualifier})\s+)?"
    if language == "da":
        denominators = cues.alternation(_DA_DENOMINATORS)
        ordinals = cues.alternation(_DA_ORDINALS)
        majority = cues.alternation(_MAJORITY["da"] + _MINORITY["da"])
        bodies = (
            rf"(?:(?P<num>{number})\s+)?(?P<den>{denominators})",
            rf"hver(?:t)?\s+(?P<ord>{ordinals})",
            rf"(?P<a>{number})\s+ud\s+af\s+(?P<b>{number})",
            rf"(?P<maj>{majority})",
        )
    else:
        denominators = cues.alternation(_EN_DENOMINATORS)
        ordinals = cues.alternation(_EN_ORDINALS)
        majority = cues.alternation(_MAJORITY["en"] + _MINORITY["en"])
        bodies = (
            rf"(?:(?P<num>{number}|an?)[\s-]+)?(?P<den>{denominators})",
            rf"every\s+(?P<ord>{ordinals})",
            rf"(?P<a>{number})\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<b>{number})",
            rf"(?P<maj>{majority})",
        )
    return tuple(re.compile(rf"(?<![\w-]){lead}{body}(?![\w-])", re.I) for body in bodies)


def _qualifier(text: str | None) -> ShareQualifier:
    if not text:
        return "exact"
    lowered = re.sub(r"\s+", " ", text.lower())
    for qualifier, words in _SHARE_QUALIFIERS:
        if lowered in words:
            return qualifier
    return "exact"  # pragma: no cover


def find_fractions(sentence: str, language: Language) -> list[FractionMatch]:
    """Every share in words of a sentence, in order, not overlapping."""
    return list(_find_fractions(sentence, language))


@lru_cache(maxsize=256)
def _find_fractions(sentence: str, language: Language) -> tuple[FractionMatch, ...]:
    """:func:`find_fractions`, read once per sentence (the extraction asks twice). A pattern is
    tried only where its one word that must be there is (:func:`_keywords`): most sentences
    have none, and the patterns' long alternations are slow to try at every position."""
    found: list[FractionMatch] = []
    for pattern, keyword in zip(_patterns(language), _keywords(language), strict=True):
        if not keyword.search(sentence):
            continue
        for m in pattern.finditer(sentence):
            match = _fraction(m, language)
            if match is not None and not any(
                f.start < match.end and match.start < f.end for f in found
            ):
                found.append(match)
    return tuple(sorted(found, key=lambda f: f.start))


@lru_cache(maxsize=2)
def _keywords(language: Language) -> tuple[re.Pattern[str], ...]:
    """For each of :func:`_patterns`, a quick test of the word it cannot match without."""
    if language == "da":
        words: tuple[str, ...] = (
            cues.alternation(_DA_DENOMINATORS),
            r"hvert?",
            r"ud\s+af",
            cues.alternation(_MAJORITY["da"] + _MINORITY["da"]),
        )
    else:
        words = (
            cues.alternation(_EN_DENOMINATORS),
            r"every",
            r"in|out\s+of",
            cues.alternation(_MAJORITY["en"] + _MINORITY["en"]),
        )
    return tuple(re.compile(rf"(?<!\w)(?:{w})(?!\w)", re.I) for w in words)


_NOT_A_SHARE_BEFORE: Final = re.compile(
    r"(?<![\w])(?:første|anden|andet|sidste|seneste|1\.|2\.|first|second|last|latest|"
    r"the\s+third|the\s+fourth|a\s+third|tredje|fjerde)\s*$",
    re.I,
)
_NOT_A_SHARE_AFTER: Final = re.compile(
    r"^\s*(?:(?:af|of)\s+(?:the\s+)?(?:året|year|(?:19|20)\d\d)|år\b|året\b|gang|måned|uge|"
    r"kvartal|dag|years?\b|times?\b|months?\b|weeks?\b|quarters?\b|days?\b)",
    re.I,
)


def _fraction(m: re.Match[str], language: Language) -> FractionMatch | None:
    """The share a match of :func:`_patterns` states, or ``None`` when it is no share (*første
    halvdel af 2025*, *hvert andet år*, *the third*)."""
    text = m.string
    if _NOT_A_SHARE_BEFORE.search(text[: m.start()]) or _NOT_A_SHARE_AFTER.match(text[m.end() :]):
        return None
    groups = m.groupdict()
    qualifier = _qualifier(groups.get("q"))
    if groups.get("maj"):
        words = re.sub(r"\s+", " ", groups["maj"].lower())
        minority = words in _MINORITY["da"] + _MINORITY["en"]
        if qualifier != "exact":
            return None  # "næsten størstedelen": not a share we read
        kind: ShareQualifier = "minority" if minority else "majority"
        return FractionMatch(m.start(), m.end(), Decimal(50), kind, m.group())
    if groups.get("den"):
        denominators = _DA_DENOMINATORS if language == "da" else _EN_DENOMINATORS
        den = denominators[groups["den"].lower()]
        raw = groups.get("num")
        numerator = (
            1
            if raw is None or raw.lower() in ("en", "et", "én", "ét", "a", "an")
            else (_number(raw, language))
        )
        plural = groups["den"].lower().endswith(("e", "s", "ene")) and den != 2
        if numerator is None or numerator >= den or (raw is None and plural):
            return None
        if raw is None and language == "en" and den != 2:
            return None  # "third" alone is an ordinal
        return FractionMatch(m.start(), m.end(), HUNDRED * numerator / den, qualifier, m.group())
    if groups.get("ord"):
        ordinals = _DA_ORDINALS if language == "da" else _EN_ORDINALS
        den = ordinals[groups["ord"].lower()]
        return FractionMatch(m.start(), m.end(), HUNDRED / den, qualifier, m.group())
    a, b = _number(groups["a"], language), _number(groups["b"], language)
    if a is None or b is None or not 0 < a < b <= MAX_OUT_OF:
        return None
    return FractionMatch(m.start(), m.end(), HUNDRED * a / b, qualifier, m.group())


def share_qualifier(before: str) -> ShareQualifier:
    """The qualifier a text writes right before a per cent (*over 80 procent*)."""
    match = _QUALIFIER_BEFORE.search(before)
    return _qualifier(match.group(1)) if match else "exact"


def qualifier_start(before: str) -> int:
    """Where the qualifier right at the end of ``before`` starts (``len(before)``: none)."""
    match = _QUALIFIER_BEFORE.search(before)
    return match.start() if match else len(before)


_QUALIFIER_BEFORE: Final = re.compile(
    rf"(?<![\w])({cues.alternation(w for _, ws in _SHARE_QUALIFIERS for w in ws)})\s*$", re.I
)


def share_band(spec: ShareSpec) -> tuple[Decimal | None, Decimal | None, bool, bool]:
    """The band of per cents a stated share allows: (low, high, low included, high
    included); ``None`` is open. See the constants above for each qualifier."""
    p = spec.percent
    q = spec.qualifier
    if q == "majority":
        return HUNDRED / 2, None, False, True
    if q == "minority":
        return None, HUNDRED / 2, True, False
    if q == "more":
        return p, None, False, True
    if q == "less":
        return None, p, True, False
    if q == "at-least":
        return p, None, True, True
    if q == "at-most":
        return None, p, True, True
    if q == "below":
        return p - NEAR_POINTS, p, True, False
    if q == "above":
        return p, p + NEAR_POINTS, False, True
    if spec.decimals is not None and q == "exact":
        half = Decimal(5) / Decimal(10) ** (spec.decimals + 1)
        return p - half, p + half, True, False
    points = ABOUT_POINTS if q == "about" else EXACT_FRACTION_POINTS
    return p - points, p + points, True, True


def inside(share: Decimal, spec: ShareSpec) -> bool:
    """Whether ``share`` lies in the band ``spec`` allows."""
    low, high, low_in, high_in = share_band(spec)
    above_low = low is None or share > low or (share == low and low_in)
    below_high = high is None or share < high or (share == high and high_in)
    return above_low and below_high


def distance_outside(share: Decimal, spec: ShareSpec) -> Decimal:
    """How many percentage points ``share`` lies from the band ``spec`` allows (0 inside or on
    an open edge: see :func:`inside`)."""
    low, high, _, _ = share_band(spec)
    if low is not None and share < low:
        return low - share
    if high is not None and share > high:
        return share - high
    return Decimal(0)


def grey_zone(spec: ShareSpec) -> Decimal:
    """How far outside its band a share may be and still not be called wrong."""
    return PERCENT_GREY_ZONE_POINTS if spec.decimals is not None else GREY_ZONE_POINTS


def band_text(spec: ShareSpec, language: Language) -> str:
    """The rule applied, in words: ``mellem 64,2 og 69,2 pct.`` / ``above 50 per cent``."""
    from planwatch.formatting import format_number

    def pct(value: Decimal) -> str:
        number = format_number(value, language, 1)
        return f"{number} pct." if language == "da" else f"{number} per cent"

    low, high, low_in, high_in = share_band(spec)
    if low is not None and high is not None:
        return (
            f"fra {pct(low)} til {pct(high)}" if language == "da"
            else f"from {pct(low)} to {pct(high)}"
        )  # fmt: skip
    if low is not None:
        word = (
            ("mindst" if low_in else "over")
            if language == "da"
            else ("at least" if low_in else "above")
        )
        return f"{word} {pct(low)}"
    word = (
        ("højst" if high_in else "under")
        if language == "da"
        else ("at most" if high_in else "below")
    )
    return f"{word} {pct(high or Decimal(0))}"

"""Which part of the victims a figure is about (sex, age group, form of exploitation): read
from the words after a count (docs/claims.md, "Breakdowns"), and written for the report."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Final

from planwatch.claims import cues
from planwatch.domain.vocab import ALL, BREAKDOWN_DIMENSIONS, TOTAL, Breakdown
from planwatch.formatting import Language

_BREAKDOWNS: Final[tuple[tuple[str, str, tuple[str, ...]], ...]] = (
    ("sex", "female", ("kvinder", "kvinde", "kvinderne", "piger", "pige", "women", "woman",
                       "girls", "girl", "female", "females")),
    ("sex", "male", ("mænd", "mand", "mændene", "drenge", "dreng", "men", "boys", "boy", "male",
                     "males")),
    ("sex", "transgender", ("transkønnede", "transkønnet", "transpersoner", "transgender")),
    ("age_group", "under_18", ("mindreårige", "mindreårig", "børn", "barn", "under 18",
                               "under 18 år", "minors", "minor", "children", "child",
                               "under the age of 18", "under 18 years")),
    ("age_group", "18_plus", ("voksne", "voksen", "over 18", "over 18 år", "18 år og derover",
                              "adults", "adult", "18 and over", "18 or over")),
    ("exploitation", "sexual", ("seksuel udnyttelse", "seksuelt udnyttet", "udnyttet seksuelt",
                                "prostitution", "sexual exploitation", "sexually exploited",
                                "sex trafficking")),
    ("exploitation", "forced_labour", ("tvangsarbejde", "forced labour", "forced labor",
                                       "labour trafficking", "labor trafficking")),
    ("exploitation", "criminal_activities", ("strafbare handlinger", "tvungen kriminalitet",
                                             "kriminalitet", "criminal activities",
                                             "forced criminality")),
    ("exploitation", "slavery_like", ("slaverilignende forhold", "slaverilignende",
                                      "slavery-like conditions", "slavery-like")),
)  # fmt: skip
_YEAR_LIKE: Final = re.compile(r"(?:19|20)\d\d|2100")
_FALSE_FRIENDS: Final[dict[Language, frozenset[str]]] = {
    "da": frozenset({"men"}),  # Danish "men" is "but"
    "en": frozenset(),
}


@lru_cache(maxsize=2)
def _breakdown_cue(language: Language) -> re.Pattern[str]:
    """Any word of :data:`_BREAKDOWNS`, except those that mean something else in the text's
    language."""
    words = (w for _, _, ws in _BREAKDOWNS for w in ws if w not in _FALSE_FRIENDS[language])
    return re.compile(rf"(?<![\w])(?P<cue>{cues.alternation(words)})(?![\w])", re.I)


_OTHER_BREAKDOWN_CUE: Final = re.compile(
    r"(?<![\w])(?:under|over)\s+(?!18\b)\d+\s*(?:år|years)|\b(?:nationalitet\w*|nationality|"
    r"statsborger\w*|citizens?|ukrainsk\w*|ukrainian\w*|rumænsk\w*|romanian\w*|nigeriansk\w*|"
    r"nigerian\w*|vietnames\w*|marokkansk\w*|moroccan\w*)",
    re.I,
)


def names_a_part(text: str, language: Language) -> bool:
    """Whether a text names a part of the victims anywhere, one planwatch holds or not."""
    return bool(_breakdown_cue(language).search(text) or _OTHER_BREAKDOWN_CUE.search(text))


def breakdown_after(after: str, language: Language) -> tuple[Breakdown, bool]:
    """The breakdown written right after a count (up to a comma, a conjunction or another
    figure that is not a year; a cue that begins within the first eight words, so that *under
    18* counts when *under* is the eighth word), and whether a breakdown planwatch does not
    hold (another age band, a nationality) is written there."""
    window = re.split(r"[,;:.()]|\s(?:og|and|mens|while)\s", after, maxsplit=1)[0]
    word_starts = [m.start() for m in itertools.islice(re.finditer(r"\S+", window), 9)]
    limit = word_starts[8] if len(word_starts) > 8 else len(window)
    # Only what begins before the ninth word matters: reading the whole rest of the sentence
    # for every count made a sentence of many numbers quadratic.
    cue_pattern = _breakdown_cue(language)
    hits = list(itertools.takewhile(lambda m: m.start() < limit, cue_pattern.finditer(window)))
    digits = (
        m.start()
        for m in itertools.takewhile(lambda m: m.start() < limit, re.finditer(r"\d+", window))
        if not _inside(m.start(), hits) and not _YEAR_LIKE.fullmatch(m.group())
    )
    cut = min(limit, next(digits, limit))
    chosen: dict[str, str] = {}
    for match in (m for m in hits if m.start() < cut):
        cue = re.sub(r"\s+", " ", match.group("cue").lower())
        for dimension, code, words in _BREAKDOWNS:
            if cue in words and dimension not in chosen:
                chosen[dimension] = code
    other = bool(_OTHER_BREAKDOWN_CUE.search(window[:cut]))
    return (Breakdown(**chosen) if chosen else TOTAL), other


def _inside(position: int, matches: Sequence[re.Match[str]]) -> bool:
    return any(m.start() <= position < m.end() for m in matches)


def breakdown_label(breakdown: Breakdown) -> str:
    """``sex=female exploitation=sexual``; empty for the total."""
    return " ".join(
        f"{name}={getattr(breakdown, name)}"
        for name in ("sex", "age_group", "exploitation")
        if getattr(breakdown, name) != ALL
    )


def breakdown_text(breakdown: Breakdown, language: Language) -> str:
    """``Kvinder, Seksuel udnyttelse``; empty for the total."""
    labels = []
    for dimension, vocabulary in BREAKDOWN_DIMENSIONS.items():
        code = getattr(breakdown, dimension)
        if code != ALL:
            term = vocabulary[code]
            labels.append(term.label_da if language == "da" else term.label_en)
    return ", ".join(labels)

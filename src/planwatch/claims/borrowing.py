"""A count that takes its indicator from the previous sentence (docs/claims.md, "Which
indicator", "A count that continues the previous sentence").

*I 2023 blev 112 personer vurderet som ofre. I 2022 var tallet 73.* The second sentence names
no indicator, but it continues the first one's subject. A count borrows the previous sentence's
indicator only under strict conditions (:func:`link`): the previous sentence names exactly one
indicator; the count's noun is that indicator's unit noun (*personer*, *ofre*, *victims*) or it
has none (*tallet var 77*, *that number was just 17*); and the sentence either gives the count
a year (its own, or the one year of the previous sentence: ``year_of_previous``) or refers back
to the number (:data:`REFERS_BACK`: *tallet*, *antallet*, *der er tale om*, *that number*).
Only a count that refers back to the number itself (``strong``) may be judged
``inconsistent``; any other borrowed count (``weak``) that does not agree is
``not-checked`` (:func:`guarded`): it may be about a part the sentence describes in words
planwatch does not read (*20 personer fra Nigeria*). Pure: no data, no database.
"""

from __future__ import annotations

import re
from typing import Final, Literal

from planwatch.claims import cues, stems
from planwatch.claims.candidates import Candidate
from planwatch.claims.outcomes import Outcome, not_checked
from planwatch.formatting import Language

Link = Literal["strong", "weak"]

BORROWING_KINDS: Final = frozenset({"count", "from-to"})
"""The claims that may borrow the previous sentence's indicator under :func:`link` (changes,
differences and shares always may: ``checking._REFERS_BACK``)."""
REFERS_BACK: Final[dict[Language, tuple[str, ...]]] = {
    "da": (
        "tallet", "antallet", "det tal", "dette tal", "samme tal", "der tale om",
        "det drejede sig om", "drejer det sig om", "det sig om",
    ),
    "en": (
        "that number", "the number", "this number", "that figure", "the figure", "this figure",
        "the total", "that total", "the count",
    ),
}  # fmt: skip
"""Words by which a sentence refers back to the previous sentence's number itself (matched by
stem, in the sentence's language): a count with one of them is the same measure."""
PART_WORDS: Final = cues.word_set("heraf hvoraf hvilke dem disse these those whom them which")
"""Words that make a count a part of the previous sentence's (*heraf*, *af dem*, *of these*,
*of whom*): such a borrowed count is never judged ``inconsistent``."""
NO_NOUN_AFTER: Final = cues.word_set(
    "var er blev bliver har havde i på og mens men samt af som til fra mod end "
    "was were is are be been had has have in on and while but of as to from against than "
    "compared"
)
"""Words that may follow a count that has no noun of its own (*tallet var 77 i 2021*, *that
number was just 17 in 2007*): a count followed by one of them, by punctuation or by nothing is a
bare number."""
_NEXT_WORD: Final = re.compile(r"^\s*(?P<word>[^\W\d_]+)?", re.UNICODE)


def _bare(after: str) -> bool:
    """Whether the text right after a count holds no noun: punctuation, the end, or a word of
    :data:`NO_NOUN_AFTER`."""
    match = _NEXT_WORD.match(after)
    word = match.group("word") if match else None
    return word is None or word.lower() in NO_NOUN_AFTER


def link(candidate: Candidate, unit: str, language: Language) -> Link | None:
    """How a count without an indicator term of its own is tied to the previous sentence's one
    indicator, measured in ``unit``: ``strong`` (it refers back to the number), ``weak`` (its
    own year and the indicator's unit noun or none), or ``None`` (it is not)."""
    if candidate.kind not in BORROWING_KINDS or not candidate.stated:
        return None
    sentence = candidate.sentence
    for quantity in candidate.stated:
        if quantity.unit is not None and quantity.unit != unit:
            return None
        if quantity.unit is None and not _bare(sentence.text[quantity.end - sentence.start :]):
            return None
    words = {w.lower() for w in re.findall(r"[^\W\d_]+", sentence.text)}
    part = bool(words & PART_WORDS)
    if stems.any_of(sentence.text, REFERS_BACK[language], language):
        return "weak" if part else "strong"
    if candidate.years and (
        candidate.years_from == "sentence"
        or candidate.relative is not None
        or candidate.year_of_previous
    ):
        return "weak"
    return None


def guarded(outcome: Outcome, strength: Link | None) -> Outcome:
    """``outcome``, or ``not-checked`` when a count with a ``weak`` borrowed indicator does not
    agree: it may be about a part of it the sentence describes in words planwatch does not
    read."""
    if strength != "weak" or outcome.verdict != "inconsistent":
        return outcome
    return not_checked(
        f"{outcome.da} Men sætningen nævner ingen indikator, og den henviser ikke til tallet i "
        "den foregående sætning (som »tallet« eller »der er tale om«); tallet kan gælde en del "
        "af den. Regel: et tal, der låner den foregående sætnings indikator, kaldes kun forkert, "
        "når sætningen henviser til selve tallet. Tallet kontrolleres derfor ikke.",
        f"{outcome.en} But the sentence names no indicator, and it does not refer back to the "
        "previous sentence's number (as “that number” or “the number” do); the figure may be "
        "about a part of it. Rule: a figure that borrows the previous sentence's indicator is "
        "only called wrong when the sentence refers back to the number itself. So it is not "
        "checked.",
        outcome.stored,
    )

"""Finding the claims that compare years: ``change`` (a per cent with a change word or a sign),
``difference`` (*39 flere*), ``ratio`` (*fordoblet*) and ``highest-since``/``lowest-since``
(*det højeste antal siden 2016*), with the two years each is between: from its own sentence,
else from the previous one (docs/claims.md, "Claims")."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

from planwatch.claims import cues, fractions, numbers, relative_years
from planwatch.claims.candidates import (
    Candidate,
    ClaimKind,
    Context,
    YearsFrom,
    claim_span,
    extend_back,
    other_claim,
)
from planwatch.claims.cues import Qualifier
from planwatch.claims.quantities import Quantity
from planwatch.claims.sentences import Sentence
from planwatch.formatting import Language

_CHANGE_UP: Final = (
    "stigning", "stigningen", "steg", "steget", "stiger", "stigende", "øgning", "forøgelse",
    "øget", "øgede", "voksede", "vokset", "vækst", "increase", "increased", "increases",
    "rise", "rose", "risen", "rising", "grew", "grown", "growth", "up", "jump", "jumped",
    "higher", "højere", "flere", "more",
)  # fmt: skip
_CHANGE_DOWN: Final = (
    "fald", "faldet", "faldt", "falder", "faldende", "nedgang", "reduktion", "reduceret",
    "mindsket", "decrease", "decreased", "decline", "declined", "drop", "dropped", "fell",
    "fallen", "falling", "down", "reduction", "reduced", "lower", "lavere", "færre", "fewer",
)  # fmt: skip
_CHANGE_ANY: Final = ("ændring", "ændret", "change", "changed", "forskel", "difference")
_CHANGE_CUE: Final = re.compile(
    rf"(?<![\w])(?:(?P<up>{cues.alternation(_CHANGE_UP)})|(?P<down>{cues.alternation(_CHANGE_DOWN)})|"
    rf"(?P<any>{cues.alternation(_CHANGE_ANY)}))(?![\w])",
    re.I,
)
_SHARE_AFTER: Final = cues.head(["af", "of", "heraf", "blandt", "among"])
_RATIO_QUALIFIERS: Final = (
    "mere end", "over", "mindst", "næsten", "knap", "knapt", "godt", "små", "cirka", "ca.",
    "omkring", "lidt over", "more than", "well over", "at least", "almost", "nearly", "roughly",
    "about", "around", "approximately", "just over", "just under", "a little over",
    "slightly over", "not quite", "under", "less than",
)  # fmt: skip
"""Words before *fordoblet* / *doubled* that qualify the multiple, read as
:data:`planwatch.claims.cues.QUALIFIERS` reads them (*næsten*: just under, *godt*: just over)."""
_RATIO_CUE: Final = re.compile(
    rf"(?<![\w])(?:(?P<qualifier>{cues.alternation(_RATIO_QUALIFIERS)})\s+)?"
    r"(?P<word>fordoblet|fordoblede|fordobledes|fordobles|fordobling|tredoblet|tredoblede|"
    r"tredobledes|tredobling|firedoblet|firedoblede|firedobledes|halveret|halverede|halveredes|"
    r"halveres|halvering|doubled|doubling|"
    r"tripled|trebled|quadrupled|halved|halving|"
    r"(?P<as>(?:dobbelt|halvt)\s+så|(?:twice|half)\s+as|"
    r"(?P<times>(?<![\d.,])\d{1,2}|[^\W\d_]+)\s+(?:gange|times)\s+(?:så|as)))(?![\w])",
    re.I,
)
_RATIO_FACTORS: Final[dict[str, Decimal]] = {
    "fordob": Decimal(2), "doubl": Decimal(2), "tredob": Decimal(3), "tripl": Decimal(3),
    "trebl": Decimal(3), "firedob": Decimal(4), "quadrupl": Decimal(4), "halv": Decimal("0.5"),
    "dobbelt": Decimal(2), "twice": Decimal(2), "half": Decimal("0.5"),
}  # fmt: skip
"""The factor of each word of :data:`_RATIO_CUE`, by the word's beginning."""
_TIMES: Final[dict[Language, dict[str, int]]] = {
    language: {w: v for w, v in numbers.number_words(language).items() if 2 <= v <= 10}
    for language in ("da", "en")
}
"""*tre gange så mange som i 2019*, *three times as many as in 2019*: the number of times, in
the sentence's language's words (or digits) from 2 to 10 (English *to* is no number)."""
_BEFORE: Final = [p for p, offset in relative_years.RELATIVE_YEARS.items() if offset == -1]
_YEAR_BEFORE: Final = re.compile(
    r"(?:\s+[^\W\d_]+){0,6}?\s+(?:som|as|end|than)\s+(?:i\s+|in\s+)?"
    rf"(?:{cues.alternation(_BEFORE)})(?![\w])",
    re.I,
)
"""*dobbelt så mange ofre som året før*, *twice as many as the previous year*: compared with
the year before the sentence's one year."""
_SUPERLATIVE: Final = re.compile(
    r"(?<![\w])(?:(?P<high>højeste|største|flest|highest|largest|most|biggest)|"
    r"(?P<low>laveste|mindste|færreste|lowest|smallest|fewest))(?![\w])",
    re.I,
)
_RECORD: Final = re.compile(
    r"(?<![\w])(?:nogensinde|hidtil|rekord\w*|ever|on record|record)(?![\w])", re.I
)


def difference_claim(context: Context, count: Quantity, previous: Context | None) -> Candidate:
    """A count with *flere*/*færre* or a sign (*39 flere*, *+39*): a difference between two
    years."""
    years, open_end, source = _own_base_year(context, count, _change_years(context, previous))
    return Candidate(
        "difference", context.sentence, count.start,
        _word_end(context.sentence, count.end), (count,), years, open_end, source,
        direction=count.sign, anchor=(count.start, count.end), qualifier=count.qualifier,
    )  # fmt: skip


_THAN_IN_YEAR: Final = r"(?:end|than)\s+(?:i|in)\s+(?P<year>(?:19|20)\d\d)(?!\d)"
"""*end i 2019 / than in 2019*: the year a figure is compared with (:data:`_THAN_A_YEAR`,
:data:`_THAN_ITS_YEAR`)."""
_THAN_ITS_YEAR: Final = re.compile(rf"\s+(?:[^\W\d_]+\s+){{1,3}}?{_THAN_IN_YEAR}", re.I)
"""*48 flere end i 2019*, *48 more victims than in 2019*: up to three words after a figure,
then the year it is compared with."""


def _own_base_year(
    context: Context, figure: Quantity, years: tuple[tuple[int, ...], bool, YearsFrom]
) -> tuple[tuple[int, ...], bool, YearsFrom]:
    """A change from the year its figure names right after it (*48 flere end i 2019*, *75 pct.
    flere end i 2019*, *48 more victims than in 2019*) to the sentence's one point year: in
    *… 112 ofre, hvilket er 39 flere end i 2022 og 48 flere end i 2019* each change is from its
    own year (the second was checked from 2022: a false alarm on a true sentence). Else
    ``years``, the change's years as the sentence gives them."""
    match = _THAN_ITS_YEAR.match(context.sentence.text, figure.end - context.sentence.start)
    own = int(match.group("year")) if match else None
    if own is None or years[0][:1] == (own,):
        return years
    points = [q.year for q in context.quantities if q.kind == "year" and q.role == "point"]
    if len(points) != 1 or points[0] == own:
        return years
    return (own, points[0]), False, "sentence"


_ABSOLUTE_PREPOSITIONS: Final = ("med", "på", "by", "of")
_ABSOLUTE_CUE: Final = re.compile(
    rf"(?<![\w])(?:(?P<up>{cues.alternation(_CHANGE_UP)})|(?P<down>{cues.alternation(_CHANGE_DOWN)})"
    rf"|(?P<any>{cues.alternation(_CHANGE_ANY)}))\s+(?:{cues.alternation(_ABSOLUTE_PREPOSITIONS)})"
    r"\s+(?:[^\W\d_]+\.?\s+){0,2}$",
    re.I,
)
"""A change word and *med* / *på* / *by* / *of* right before a count, with at most two words
(a qualifier: *med knap*, *by a further*) between: *steg med 39*, *en stigning på 39 personer*,
*rose by 39*, *an increase of 39*. The count is the size of a change, never a level."""


_APART_UP: Final = (
    "steg", "steget", "stiger", "øgedes", "øget", "voksede", "vokset", "vokser", "stigning",
    "rose", "risen", "increased", "grew", "grown", "jumped",
)  # fmt: skip
_APART_DOWN: Final = (
    "faldt", "faldet", "falder", "mindskedes", "mindsket", "reduceret", "fald", "fell", "fallen",
    "decreased", "declined", "dropped",
)  # fmt: skip
_ABSOLUTE_CUE_APART: Final = re.compile(
    rf"(?<![\w])(?:(?P<up>{cues.alternation(_APART_UP)})|(?P<down>{cues.alternation(_APART_DOWN)}))"
    r"(?:\s+(?!(?:og|and|men|but|mens|while|hvor|where|som|that|der|which|da|when)(?![\w]))"
    r"(?:[^\W\d_]+\.?|(?:19|20)\d\d)){1,10}\s+(?:med|på|by)"
    r"\s+(?:[^\W\d_]+\.?\s+){0,2}$",
    re.I,
)
"""A change verb (or *stigning / fald*) and *med / på / by* with words between: the subject
after the verb in Danish word order (*Fra 2022 til 2023 steg antallet af ofre for
menneskehandel med 39*, *steg fra 2022 til 2023 med 39*) - no figure but years, no comma and
no word that begins another clause between (*steget … og toppede i 2016 med 121*: 121 is the
peak, not the rise). Not read as this, the first example was a total over 2022-2023 (39
against 185: a false alarm)."""


def absolute_change_claim(
    context: Context, count: Quantity, previous: Context | None
) -> Candidate | None:
    """A count that is the size of a change (*steg med 39*, *faldt med 7 fra 2021 til 2022*,
    *an increase of 39 persons*): a ``difference`` with the direction its change word says,
    between the two years a change is between; ``None`` when no change word governs it."""
    sentence = context.sentence
    before = sentence.text[: count.start - sentence.start]
    match = _ABSOLUTE_CUE.search(before) or _ABSOLUTE_CUE_APART.search(before)
    if match is None or count.marker is not None or count.sign:
        return None
    direction = 1 if match.group("up") else -1 if match.group("down") else 0
    years, open_end, source = _change_years(context, previous)
    start = extend_back(sentence, sentence.start + match.start(), ("en", "et", "an", "a"))
    end = _word_end(sentence, count.end) if count.unit_word else count.end
    return Candidate(
        "difference", sentence, start, end, (count,), years, open_end, source,
        direction=direction, anchor=(count.start, count.end), qualifier=count.qualifier,
    )  # fmt: skip


_LEVEL_AFTER: Final = re.compile(
    r"^\s*(?:[^\W\d_]+\s+){0,2}?(?:til|to)\s+(?:i\s+alt\s+|in\s+all\s+|a\s+total\s+of\s+)?$",
    re.I,
)


def level_after_change(
    context: Context, count: Quantity, changes: list[Candidate]
) -> Candidate | None:
    """*faldt fra 2021 til 2022 med 7 personer til 73*, *rose from 2022 to 2023 by 39 to 112*:
    a count that *til* / *to* brings right after a change between two years of its own
    sentence is the later year's figure (not a figure for the period, as it would be read
    alone). Only the change that ends nearest before it, with at most two words and *til* /
    *to* between (*i alt* / *in all* may follow)."""
    if count.sign:
        return None
    before = [c for c in changes if c.end <= count.start and c.sentence == context.sentence]
    if not before:
        return None
    change = max(before, key=lambda c: c.end)
    if (
        change.kind not in ("difference", "change")
        or len(change.years) != 2
        or change.open_end
        or change.years_from != "sentence"
    ):
        return None
    sentence = context.sentence
    between = sentence.text[change.end - sentence.start : count.start - sentence.start]
    if not _LEVEL_AFTER.match(between):
        return None
    start = extend_back(sentence, count.start, ("til", "to"))
    end = _word_end(sentence, count.end) if count.unit_word else count.end
    return Candidate(
        "count", sentence, start, end, (count,), (change.years[-1],), years_from="sentence",
        anchor=(count.start, count.end), qualifier=count.qualifier,
    )  # fmt: skip


def _word_end(sentence: Sentence, end: int) -> int:
    match = re.match(r"\s*[^\W\d_]+", sentence.text[end - sentence.start :])
    return end + match.end() if match else end


def _change_years(
    context: Context, previous: Context | None
) -> tuple[tuple[int, ...], bool, YearsFrom]:
    """The two years a change is between: from this sentence, else from the previous one
    (``years_from="previous"``), else none."""
    own = _years_between(context)
    start = _from_count_year(context)
    if own is not None and own[2] == "year-before" and own[0][1] == start:
        # "en stigning på 60 pct. fra 73 i 2022": 2022 is where the change starts, not where
        # it ends; it ends in the previous sentence's later year, else in the latest year.
        later = (
            []
            if previous is None
            else [q.year for q in previous.quantities if q.kind == "year" and q.year > start]
        )
        if later:
            return (start, max(later)), False, "previous"
        return (start,), True, "latest"
    if own is not None and own[2] == "latest" and previous is not None:
        # "Det er 7 færre end i 2020" after "I 2021 blev 80 …": to the previous sentence's year
        base = own[0][0]
        roles = [q.role for q in context.quantities if q.kind == "year" and q.year == base]
        later = [q.year for q in previous.quantities if q.kind == "year" and q.year > base]
        if roles == ["base"] and later:
            return (base, max(later)), False, "previous"
    if own is not None:
        return own
    linked = None if previous is None else _years_between(previous)
    if linked is not None:
        return linked[0], linked[1], "previous"
    return (), False, "none"


_FROM_COUNT_YEAR: Final = re.compile(
    r"\b(?:fra|from)\s+(?:ca\.\s+|about\s+)?\d[\d.,]*\s+(?:\w+\s+)?(?:i|in)\s+(\d{4})\b",
    re.IGNORECASE,
)


def _from_count_year(context: Context) -> int | None:
    """The year of "fra 73 i 2022" / "from 73 in 2022": a count the change starts from."""
    match = _FROM_COUNT_YEAR.search(context.sentence.text)
    return int(match.group(1)) if match else None


def _years_between(context: Context) -> tuple[tuple[int, ...], bool, YearsFrom] | None:
    """From-to years; a since/base year and the latest point year; a since year alone (to the
    latest year with a figure); two point years; one point year and the year before it. The
    since year of a highest/lowest phrase (*det højeste antal siden 2016*) is not one of them:
    it says how far back the extreme reaches, not where a change starts."""
    extreme = _superlative_since(context)
    since = extreme[1] if extreme else None
    years = [q for q in context.quantities if q.kind == "year" and q is not since]
    froms = [y.year for y in years if y.role == "from"]
    tos = [y.year for y in years if y.role == "to"]
    bases = [y.year for y in years if y.role in ("since", "base")]
    points = [y.year for y in years if y.role == "point"]
    if froms and tos:
        return (froms[0], tos[-1]), False, "sentence"
    if bases and (points or tos):
        return (bases[0], max(points + tos)), False, "sentence"
    if bases or froms:
        return ((bases + froms)[0],), True, "latest"
    if len(points) >= 2:
        return (min(points), max(points)), False, "sentence"
    if len(points) == 1:
        return (points[0] - 1, points[0]), False, "year-before"
    return None


def percent_claims(context: Context, previous: Context | None) -> list[Candidate]:
    """Each per cent of a sentence: a change when a change word (*stigning*, *fell*) stands
    near it or it has a sign; else ``other`` (a share, points, a per cent alone)."""
    claims: list[Candidate] = []
    sentence = context.sentence
    percents = [q for q in context.quantities if q.kind in ("percent", "points")]
    for quantity in percents:
        if quantity.kind == "points":
            claims.append(other_claim(context, quantity, "percentage-points"))
            continue
        after = sentence.text[quantity.end - sentence.start :]
        if _SHARE_AFTER.match(after):
            claims.append(other_claim(context, quantity, "share"))
            continue
        cue = _change_cue(sentence, quantity, percents, context.language)
        if cue is None and not quantity.sign:
            claims.append(other_claim(context, quantity, "percent"))
            continue
        direction = quantity.sign or (cue[2] if cue else 0)
        years, open_end, source = _own_base_year(
            context, quantity, _change_years(context, previous)
        )
        parts = [(quantity.start, quantity.end)] + ([(cue[0], cue[1])] if cue else [])
        start, end = claim_span(sentence, *parts)
        start = extend_back(sentence, start, ("en", "et", "an", "a"))
        claims.append(
            Candidate(
                "change",
                sentence,
                start,
                end,
                (quantity,),
                years,
                open_end,
                source,
                direction=direction,
                qualifier=quantity.qualifier,
                anchor=(quantity.start, quantity.end),
            )
        )
    return claims


_BY_A_FRACTION: Final = re.compile(
    rf"(?<![\w])(?:(?P<up>{cues.alternation(_CHANGE_UP)})|(?P<down>{cues.alternation(_CHANGE_DOWN)}))"
    r"\s+(?:med|på|by|of)\s+$",
    re.IGNORECASE,
)
"""A change word with *med / på / by / of* right before a fraction (*steg med mere end
halvdelen*, *an increase of more than two thirds*): the fraction is the size of the change."""
_FRACTION_CHANGE_QUALIFIERS: Final[dict[str, Qualifier]] = {
    "more": "more", "at-least": "at-least", "less": "less", "at-most": "at-most",
    "below": "just-under", "above": "just-over",
}  # fmt: skip
"""The fractions whose size as a change is clear enough to check: one side of a bound
(*mere end halvdelen*) or just under or over it (*knap en tredjedel*). A bare or *about*
fraction (*steg med en tredjedel*) is said loosely of +25 % to +40 % and is not checked."""


def fraction_change_claims(context: Context, previous: Context | None) -> list[Candidate]:
    """*Antallet steg med mere end halvdelen*, *an increase of more than two thirds*: a change
    in per cent stated as a fraction, checked like *en stigning på over 50 pct.*"""
    claims: list[Candidate] = []
    sentence = context.sentence
    for found in fractions.find_fractions(sentence.text, context.language):
        cue = _BY_A_FRACTION.search(sentence.text[: found.start])
        qualifier = _FRACTION_CHANGE_QUALIFIERS.get(found.qualifier)
        if cue is None or qualifier is None:
            continue
        start, end = sentence.start + found.start, sentence.start + found.end
        quantity = Quantity(
            "percent", found.text, start, end, found.percent, qualifier=qualifier, is_word=True
        )
        years, open_end, source = _change_years(context, previous)
        claims.append(
            Candidate(
                "change",
                sentence,
                sentence.start + cue.start(),
                end,
                (quantity,),
                years,
                open_end,
                source,
                direction=1 if cue.group("up") else -1,
                qualifier=qualifier,
                anchor=(start, end),
            )
        )
    return claims


_CUE_REACH: Final = 6
"""How many words may stand between a per cent and its change word."""
_CUE_REACH_MED: Final = 10
"""… when the per cent follows *med* / *på* / *by* / *of* (*steg antallet af ofre for
menneskehandel med knap 54 pct.*): the change word's subject stands between."""
_MED: Final = re.compile(r"(?<![\w])(?:med|på|by|of)\s+(?:[^\W\d_]+\s+){0,2}$", re.I)


_THAN_A_YEAR: Final = re.compile(
    rf"\s+(?:{_THAN_IN_YEAR}|(?:end|than)\s+(?:året\s+før|the\s+year\s+before))", re.IGNORECASE
)
"""*… flere end i 2022*, *… more than the year before*: a comparison with another year."""


def _change_cue(
    sentence: Sentence, quantity: Quantity, percents: list[Quantity], language: Language
) -> tuple[int, int, int] | None:
    """The change word nearest a per cent (within six words, no other per cent and no other
    clause between: :data:`cues.CONTRAST`): its span and direction."""
    best: tuple[int, int, int] | None = None
    best_distance = 10**9
    for match in _CHANGE_CUE.finditer(sentence.text):
        start, end = match.start() + sentence.start, match.end() + sentence.start
        if (
            match.group("up")
            and match.group("up").lower() == "up"
            and re.match(r"\s+to\b", sentence.text[match.end() :], re.I)
        ):
            continue  # "up to 35 %" is a ceiling, not a rise
        right_after = (
            quantity.end <= start
            and not sentence.text[quantity.end - sentence.start : match.start()].strip()
            and _THAN_A_YEAR.match(sentence.text[match.end() :])
        )
        if re.match(r"\s+(?:end|than)\b", sentence.text[match.end() :], re.I) and not right_after:
            continue  # "flere end", "more than": a qualifier, not a change (but "53 pct. flere
            # end i 2022" right after the per cent compares two years)
        lo, hi = (end, quantity.start) if end <= quantity.start else (quantity.end, start)
        gap = sentence.text[lo - sentence.start : hi - sentence.start]
        reach = _CUE_REACH_MED if end <= quantity.start and _MED.search(gap) else _CUE_REACH
        if cues.CONTRAST[language].search(gap):
            continue  # "steg med 53 pct., mens antallet af sager faldt": another clause's word
        if len(gap.split()) > reach or any(
            lo <= p.start < hi for p in percents if p is not quantity
        ):
            continue
        distance = hi - lo
        if distance < best_distance:
            direction = 1 if match.group("up") else -1 if match.group("down") else 0
            best, best_distance = (start, end, direction), distance
    return best


def ratio_claims(context: Context, previous: Context | None) -> list[Candidate]:
    """*fordoblet*, *mere end fordoblet*, *halveret*, *tripled* …: a ratio between two years."""
    claims: list[Candidate] = []
    sentence = context.sentence
    for match in _RATIO_CUE.finditer(sentence.text):
        factor = _factor(match, context.language)
        if factor is None:
            continue  # *mange gange så mange*: no number of times
        year_before = _YEAR_BEFORE.match(sentence.text, match.end()) if match.group("as") else None
        if (
            match.group("as")
            and not year_before
            and not _compared_with_a_year(context, match.end())
        ):
            continue  # *dobbelt så mange kvinder som mænd*: parts compared, not two years
        qualifier = _ratio_qualifier(match.group("qualifier"))
        if match.group("as") and factor < 1:  # *knap halvt så mange*: a little under half
            qualifier = _AS_VALUE.get(qualifier, qualifier)
        years, open_end, source = _change_years(context, previous)
        if year_before and source != "year-before":
            continue  # *som året før* in a sentence with more than one year: which one?
        start, end = match.start() + sentence.start, match.end() + sentence.start
        roles = ("since", "from", "to", "base") if match.group("as") else ("since", "from", "to")
        named = [
            q
            for q in context.quantities
            if q.kind == "year" and q.role in roles and q.start > start
        ]
        if named:
            end = max(end, *(q.end for q in named[:2]))
        if year_before:
            end = max(end, year_before.end() + sentence.start)
        claims.append(
            Candidate(
                "ratio",
                sentence,
                start,
                end,
                (),
                years,
                open_end,
                source,
                direction=1 if factor > 1 else -1,
                factor=factor,
                qualifier=qualifier,
                anchor=(start, end),
            )
        )
    return claims


_AS_VALUE: Final[dict[Qualifier, Qualifier]] = {
    "just-under": "just-over", "just-over": "just-under", "more": "less", "less": "more",
    "at-least": "at-most", "at-most": "at-least",
}  # fmt: skip
"""A shrinking multiple is judged on how far it goes (*næsten halveret*: not quite down to
half, a ratio a little over 0.5); *knap halvt så mange* says the value: a ratio a little under
0.5. The qualifier of *halvt så / half as* is turned round to be judged the same way."""


def _factor(match: re.Match[str], language: Language) -> Decimal | None:
    """The multiple a match of :data:`_RATIO_CUE` says (``None``: *mange gange*, no number)."""
    times = match.group("times")
    if times is None:
        word = match.group("word").lower()
        return next(v for k, v in _RATIO_FACTORS.items() if word.startswith(k))
    value = int(times) if times.isdigit() else _TIMES[language].get(times.lower())
    return None if value is None or not 2 <= value <= 10 else Decimal(value)


def _compared_with_a_year(context: Context, after: int) -> bool:
    """*dobbelt så mange som i 2019*, *twice as many … as in 2019*: a multiple of another
    year's figure only when a year it is compared with (*som i / as in / end i / than in /
    compared with*) follows it in the sentence."""
    start = context.sentence.start + after
    return any(
        q.kind == "year" and q.role == "base" and q.start > start for q in context.quantities
    )


def _ratio_qualifier(text: str | None) -> Qualifier:
    """The qualifier of a multiple (*næsten* fordoblet: ``just-under``), as the qualifiers of
    figures are read."""
    if text is None:
        return "exact"
    for qualifier, pattern in cues.QUALIFIERS:
        if pattern.search(text):
            return qualifier
    return "approx"


def _superlative_since(context: Context) -> tuple[re.Match[str], Quantity | None] | None:
    """The first superlative of a sentence (*højeste*, *lowest* …) and the since year after it
    (*siden 2016*), if any."""
    sentence = context.sentence
    superlative = _SUPERLATIVE.search(sentence.text)
    if superlative is None:
        return None
    start = superlative.start() + sentence.start
    since = next(
        (
            q
            for q in context.quantities
            if q.kind == "year" and q.role == "since" and q.start > start
        ),
        None,
    )
    return superlative, since


_YEAR_BEFORE_SUPERLATIVE: Final = re.compile(
    r"(?<![\d.,])(?P<year>(?:19|20)\d\d),?\s+(?:(?:var|er|blev|bliver|was|is|became|were)\s+)?"
    r"(?:det|den|the)\s+$",
    re.I,
)
"""*Med 73 var 2022 det laveste niveau siden 2019*, *2022 was the lowest since 2019*: the year
the highest/lowest phrase is said of, however the year itself was read."""


def _year_before(context: Context, superlative_start: int) -> list[int]:
    """The year a highest/lowest phrase is said of when it stands right before it (*var 2022
    det laveste*), as a list of none or one."""
    sentence = context.sentence
    match = _YEAR_BEFORE_SUPERLATIVE.search(sentence.text[: superlative_start - sentence.start])
    return [int(match.group("year"))] if match else []


def superlative_since_year(context: Context) -> Quantity | None:
    """The *siden* year of a highest/lowest phrase (*det højeste antal siden 2016*): it says
    how far back the extreme reaches, so it starts no change and no total."""
    found = _superlative_since(context)
    return found[1] if found else None


def extreme_claims(context: Context, previous: Context | None) -> list[Candidate]:
    """*Det højeste antal siden 2016*: the year compared is the last point year of the
    sentence, else the later year the previous sentence of the same paragraph is about (by the
    rules of :func:`_years_between`; ``years_from="previous"``), else the latest year with a
    figure."""
    sentence = context.sentence
    found = _superlative_since(context)
    if found is None:
        return []
    superlative, since = found
    kind: ClaimKind = "highest-since" if superlative.group("high") else "lowest-since"
    start = superlative.start() + sentence.start
    years = [q for q in context.quantities if q.kind == "year"]
    record = _RECORD.search(sentence.text, superlative.end())
    if since is None and record is None:
        return []
    points = [y.year for y in years if y.role == "point"] or _year_before(context, start)
    compared: tuple[int, ...] = (points[-1],) if points else ()
    years_from: YearsFrom = "sentence" if compared else "latest"
    same_paragraph = previous is not None and previous.sentence.paragraph == sentence.paragraph
    linked = _years_between(previous) if previous and same_paragraph and not compared else None
    if linked is not None and not linked[1] and (since is None or max(linked[0]) > since.year):
        compared, years_from = (max(linked[0]),), "previous"
    end = since.end if since else record.end() + sentence.start if record else start
    return [
        Candidate(
            kind,
            sentence,
            start,
            end,
            (),
            ((since.year,) if since else ()) + compared,
            open_end=not compared,
            years_from=years_from,
            record=since is None,
            anchor=(start, end),
        )
    ]

"""Finding ``share`` claims: a share of the victims in words (*knap to tredjedele var kvinder*,
*hver fjerde*, *tre ud af fire af kvinderne*, *the majority were women*) or in per cent with the
part it is of (*over 80 procent af ofrene var kvinder*) (docs/claims.md, "Shares"). The part is
the breakdown the share's clause names; the whole is the total, or the part named after
*af / of the / blandt / among*, or the count a *heraf / hvoraf / of whom* refers back to."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from planwatch.claims import breakdowns, cues, fractions
from planwatch.claims.candidates import Candidate, Context, YearsFrom
from planwatch.claims.cues import Qualifier
from planwatch.claims.fractions import ShareQualifier, ShareSpec
from planwatch.claims.quantities import Quantity
from planwatch.domain.vocab import ALL, Breakdown
from planwatch.formatting import Language

_CLAUSE_END: Final = re.compile(r"[;:.!?()]|,(?!\d)|\s[-–—]\s")
_WHOLE_AFTER: Final = re.compile(
    r"^\s*(?:af|of|blandt|among)\s+(?:(?:de|dem|disse|the|these|those|them|all)\s+)?"
    r"(?:[\d.,]+\s+|\w+\s+(?=ofre|victims|personer|persons))?",
    re.I,
)
_WHOLE_BEFORE: Final = re.compile(
    r"(?<![\w])(?:af|of|blandt|among)\s+(?:(?:de|disse|the|these|those|all)\s+)?"
    r"(?:[\d.,]+\s+)?(?P<rest>[^\d]*?)\s*$",
    re.I,
)
_REFERS_BACK_BEFORE: Final = re.compile(
    r"(?<![\w])(?:heraf|hvoraf|deraf|af\s+dem|af\s+disse|blandt\s+dem|blandt\s+disse|"
    r"of\s+whom|of\s+these|of\s+them|of\s+those|among\s+them|among\s+these)\s*,?\s*$",
    re.I,
)
_DETERMINERS: Final = re.compile(
    r"^(?:(?:de|den|det|disse|alle|the|these|those|all|i\s+alt|samlede|totale|total)\s+"
    r"|(?:antal(?:let)?|number)(?:\s+(?:af|of))?\s+|[\d.,]+\s+)*",
    re.I,
)
"""Words before what a share is of that do not change it: determiners, and *(det samlede)
antal (af)*, *the (total) number of*: *knap halvdelen af det samlede antal ofre* is of the
victims, *halvdelen af det samlede antal timer* still of something else."""
_OF_PERSONS: Final = re.compile(
    rf"^(?:dem|them|vurderede|identificerede|assessed|identified|"
    rf"{cues.alternation(cues.UNITS['persons'])})(?![\w])",
    re.I,
)
"""What a share *af / of* must be of to be a share of the victims (*af ofrene*, *of them*, *af
kvinderne*), not of money or time (*halvdelen af midlerne*)."""
_SHARE_NOUN_BEFORE: Final = re.compile(
    r"(?<![\w])(?:andel(?:en)?|procentdel(?:en)?|share|proportion|percentage)\s*$", re.I
)
_CHANGE_WORD: Final = re.compile(
    r"(?<![\w])(?:steg|stiger|stigning\w*|stigende|fald\w*|faldt|øge\w*|øget|reducer\w*|"
    r"voks\w*|vækst|ændr\w*|rose|risen|rising|fell|fallen|falling|increas\w*|decreas\w*|"
    r"grew|grown|growth|drop\w*|declin\w*|reduc\w*)(?![\w])",
    re.I,
)
"""Words that make a per cent in their clause a change, never a share (whatever
``extract_changes`` made of it)."""
_LINK: Final = re.compile(
    r"(?<![\w])(?:var|er|blev|bliver|været|udgør|udgjorde|udgøres|udgjordes|"
    r"were|was|are|is|been|became|accounted\s+for|account\s+for|accounts\s+for|made\s+up|"
    r"make\s+up|makes\s+up|constituted|constitute|comprised)(?![\w])",
    re.I,
)
"""A share is of a part only when its clause links them (*var kvinder*, *udgør*, *were
women*, *accounted for*); *Halvdelen går til kvinder* is no share of the victims."""
_TO_NEAR: Final = re.compile(r"(?<![\w])(?:og|and|mens|while|men|but)(?![\w])", re.I)
_SHARE_QUALIFIER_MAP: Final[dict[ShareQualifier, Qualifier]] = {
    "exact": "exact",
    "about": "approx",
    "below": "approx",
    "above": "approx",
    "more": "more",
    "less": "less",
    "at-least": "at-least",
    "at-most": "at-most",
    "majority": "more",
    "minority": "less",
}


@dataclass(frozen=True, slots=True)
class _Phrase:
    start: int  # within the sentence
    end: int
    percent: Decimal
    qualifier: ShareQualifier
    decimals: int | None
    text: str
    quantity: Quantity | None = None


def fraction_spans(text: str, language: Language) -> list[tuple[int, int]]:
    """Where a sentence writes a share in words (relative to the sentence)."""
    return [(f.start, f.end) for f in fractions.find_fractions(text, language)]


def outside_fractions(
    text: str, offset: int, quantities: list[Quantity], language: Language
) -> list[Quantity]:
    """The quantities of a sentence without the numbers a share in words is written with (the
    *to* of *to tredjedele*, the *tre* and *fire* of *tre ud af fire*)."""
    spans = fraction_spans(text, language)
    if not spans:
        return quantities
    return [
        q
        for q in quantities
        if not any(s + offset <= q.start and q.end <= e + offset for s, e in spans)
    ]


def share_claims(
    context: Context, previous: Context | None, changes: Collection[Quantity] = ()
) -> tuple[list[Candidate], list[tuple[int, int]]]:
    """The share claims of a sentence, and the spans (within the sentence) of the words they
    read, so that those parts are not taken as a part of the victims no count names. A per cent
    in ``changes`` (read as a change) is no share."""
    sentence = context.sentence
    text = sentence.text
    taken = {(q.start - sentence.start, q.end - sentence.start) for q in changes}
    phrases = [
        _Phrase(f.start, f.end, f.percent, f.qualifier, None, f.text)
        for f in fractions.find_fractions(text, context.language)
        if (f.start, f.end) not in taken  # the size of a change (*steg med over halvdelen*)
    ]
    phrases += [p for p in _percent_phrases(context) if p.quantity not in changes]
    phrases.sort(key=lambda p: p.start)
    claims: list[Candidate] = []
    used: list[tuple[int, int]] = []
    for index, phrase in enumerate(phrases):
        low = phrases[index - 1].end if index else 0
        high = phrases[index + 1].start if index + 1 < len(phrases) else len(text)
        spec, spans = _spec(context, previous, phrase, low, high)
        if spec is None:
            continue
        used += [(phrase.start, phrase.end), *spans]
        claims.append(_candidate(context, previous, phrase, spec))
    return claims, used


def _percent_phrases(context: Context) -> list[_Phrase]:
    """Per cents that may be shares: not a change (no sign); whether each is a share is
    decided by the part its clause names."""
    text, start = context.sentence.text, context.sentence.start
    return [
        _Phrase(
            q.start - start,
            q.end - start,
            q.value,
            fractions.share_qualifier(text[: q.start - start]),
            q.decimals,
            q.text,
            q,
        )
        for q in context.quantities
        if q.kind == "percent" and not q.sign
    ]


def _spec(
    context: Context, previous: Context | None, phrase: _Phrase, low: int, high: int
) -> tuple[ShareSpec | None, list[tuple[int, int]]]:
    """What a share is of, read in its clause: the whole after it (*af kvinderne*) or before it
    (*Blandt kvinderne*), or the count *heraf* refers to; the part after it (*var kvinder*),
    else before it with no other figure or conjunction between (*Kvinder udgør to
    tredjedele*)."""
    text, language = context.sentence.text, context.language
    clause_start = max(low, _clause_start(text, phrase.start))
    clause_end = min(high, _clause_end(text, phrase.end))
    if phrase.quantity is not None and _CHANGE_WORD.search(text[clause_start:clause_end]):
        return None, []  # "øget med 20 procent": a change, not a share
    if any(q.kind == "money" for q in context.quantities):
        if phrase.quantity is not None:
            return None, []
        spec = ShareSpec(phrase.percent, phrase.qualifier, phrase.decimals, of_other=True)
        return spec, [(phrase.start, phrase.end)]  # "Halvdelen går til …, og 10 mio. kr. …"
    spans: list[tuple[int, int]] = []
    whole: dict[str, str] = {}
    after_start = phrase.end
    whole_after = _WHOLE_AFTER.match(text[phrase.end : clause_end])
    if whole_after and whole_after.end() > 0:
        rest = text[phrase.end + whole_after.end() : clause_end]
        of_what = re.sub(r"^\s*(?:af|of|blandt|among)\s+", "", text[phrase.end : clause_end])
        of_what = of_what[_DETERMINERS.match(of_what).end() :]  # type: ignore[union-attr]
        cue_at_start = any(start == 0 for start, _ in breakdowns.cue_spans(of_what, language))
        if not _OF_PERSONS.match(of_what) and not cue_at_start:
            if phrase.quantity is not None:
                return None, []  # "80 pct. af midlerne": not a share of the victims
            spec = ShareSpec(phrase.percent, phrase.qualifier, phrase.decimals, of_other=True)
            return spec, [(phrase.start, phrase.end)]
        leading = _leading_parts(rest, language)
        if leading is not None:
            whole, length = leading
            after_start = phrase.end + whole_after.end() + length
            spans.append((phrase.end, after_start))
    before = text[clause_start : phrase.start]
    before = before[: fractions.qualifier_start(before)]
    carried = _REFERS_BACK_BEFORE.search(before)
    if not whole and carried:
        whole = _carried_whole(context, previous, phrase.start)
        before = before[: carried.start()]
    whole_before = None if whole else _WHOLE_BEFORE.search(before)
    if whole_before and _SHARE_NOUN_BEFORE.search(before[: whole_before.start()]):
        whole_before = None  # "Andelen af kvinder var 66 pct.": the part, not the whole
    if whole_before:
        named, unheld = breakdowns.parts_named(whole_before.group("rest"), language)
        if named and not unheld and all(len(codes) == 1 for codes in named.values()):
            whole = {d: next(iter(c)) for d, c in named.items()}
            before = before[: whole_before.start()]
    after = text[after_start:clause_end]
    named, unheld = breakdowns.parts_named(after, language)
    spans += [(after_start + s, after_start + e) for s, e in breakdowns.cue_spans(after, language)]
    conjunctions = [m.end() for m in _TO_NEAR.finditer(before)]
    if conjunctions:
        clause_start, before = clause_start + conjunctions[-1], before[conjunctions[-1] :]
    if not named and not unheld and not re.search(r"\d", before):
        named, unheld = breakdowns.parts_named(before, language)
        spans += [
            (clause_start + s, clause_start + e) for s, e in breakdowns.cue_spans(before, language)
        ]
    if not _LINK.search(text[clause_start:clause_end]):
        named = {}  # "Halvdelen går til kvinder": no "var / udgør / were", no share of a part
    if phrase.quantity is not None and not named and not unheld:
        return None, []  # a per cent that names no part: left to the other finders
    conflict = any(len(codes) > 1 for codes in named.values()) or any(
        d in whole and whole[d] not in codes for d, codes in named.items()
    )
    part = dict(whole)
    if not conflict:
        part.update({d: next(iter(codes)) for d, codes in named.items()})
    part_named = bool(named) and part != whole
    return (
        ShareSpec(
            phrase.percent,
            phrase.qualifier,
            phrase.decimals,
            Breakdown(**part),
            Breakdown(**whole),
            part_named,
            unheld,
            conflict,
        ),
        spans,
    )


def _leading_parts(rest: str, language: Language) -> tuple[dict[str, str], int] | None:
    """The part named right at the start of ``rest`` (*kvinderne*, *the 23 victims of forced
    labour*, *ofrene for tvangsarbejde*), and how far it runs; ``None`` when it names none
    (*af ofrene* is the total)."""
    window = re.split(
        r"(?:^|\s)(?:var|er|blev|været|udgjorde|udgør|har|were|was|are|is|been|made|had|have)(?:\s|$)",
        rest,
        maxsplit=1,
    )[0]
    named, unheld = breakdowns.parts_named(window, language)
    if unheld or not named or any(len(codes) > 1 for codes in named.values()):
        return ({}, len(window)) if not named and not unheld else None
    return {d: next(iter(c)) for d, c in named.items()}, len(window)


def _carried_whole(context: Context, previous: Context | None, position: int) -> dict[str, str]:
    """The part of the count a *heraf / of whom* refers back to: the last count before it in
    the sentence, else the last count of the previous sentence."""
    start = context.sentence.start
    counts = [q for q in context.quantities if q.kind == "count" and q.end - start <= position]
    if not counts and previous is not None:
        counts = [q for q in previous.quantities if q.kind == "count"]
    if not counts:
        return {}
    breakdown = counts[-1].breakdown
    return {
        d: getattr(breakdown, d)
        for d in ("sex", "age_group", "exploitation")
        if getattr(breakdown, d) != ALL
    }


def _clause_start(text: str, position: int) -> int:
    ends = [m.end() for m in _CLAUSE_END.finditer(text[:position])]
    return ends[-1] if ends else 0


def _clause_end(text: str, position: int) -> int:
    match = _CLAUSE_END.search(text, position)
    return match.start() if match else len(text)


def _candidate(
    context: Context, previous: Context | None, phrase: _Phrase, spec: ShareSpec
) -> Candidate:
    sentence = context.sentence
    start = sentence.start + phrase.start
    qualifier_at = fractions.qualifier_start(sentence.text[: phrase.start])
    if phrase.quantity is None:
        stated = Quantity(
            "percent",
            phrase.text,
            start,
            sentence.start + phrase.end,
            phrase.percent,
            qualifier=_SHARE_QUALIFIER_MAP[phrase.qualifier],
            note="fraction",
        )
    else:
        stated = phrase.quantity
    years, source = _years(context, previous)
    return Candidate(
        "share",
        sentence,
        sentence.start + qualifier_at,
        sentence.start + phrase.end,
        (stated,),
        years,
        years_from=source,
        anchor=(start, sentence.start + phrase.end),
        qualifier=stated.qualifier,
        share=spec,
    )


_SPAN_ROLES: Final = frozenset({"from", "to", "since"})
"""Roles of a year that make the previous sentence about a span of years: a share that would
take its year from there is about the span (*I alt 1.121 fra 2007 til og med 2022. Af dem var
over 80 procent kvinder*), which planwatch holds no parts of, and is given no year."""


def _years(context: Context, previous: Context | None) -> tuple[tuple[int, ...], YearsFrom]:
    """The one point year of the sentence, else of the previous sentence when it names no span
    of years."""
    own = {q.year for q in context.quantities if q.kind == "year" and q.role == "point"}
    if len(own) == 1:
        return (own.pop(),), "sentence"
    if own:
        return (), "none"
    others = [q for q in context.quantities if q.kind == "year"]
    if previous is not None and not others:
        theirs = {q.year for q in previous.quantities if q.kind == "year" and q.role == "point"}
        spans = any(q.kind == "year" and q.role in _SPAN_ROLES for q in previous.quantities)
        if len(theirs) == 1 and not spans:  # after *fra 2007 til og med 2022*: of the span
            return (theirs.pop(),), "previous"
    return (), "none"

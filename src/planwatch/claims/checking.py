"""Checking the figures in a text against what planwatch holds (issue 7).

:func:`check` reads a speech, a press release or an answer to a parliamentary question
(:func:`check_file`: a ``.txt``, ``.md`` or ``.docx``), finds its claims
(:mod:`planwatch.claims.extraction`), ties each to the indicator the sentence names
(:mod:`planwatch.claims.terms`) and gives it a verdict against the stored figures
(:mod:`planwatch.claims.stored`) by the check of its kind: ``check_counts``, ``check_changes``,
``check_budgets``. The verdicts, the tolerance and every reason a figure is not checked are in
docs/claims.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Final

from planwatch.claims import borrowing, check_combined, cues, places, relative_years
from planwatch.claims.candidates import Candidate
from planwatch.claims.check_budgets import check_allocation, check_budget
from planwatch.claims.check_changes import (
    check_change,
    check_difference,
    check_extreme,
    check_ratio,
)
from planwatch.claims.check_counts import check_count, check_from_to
from planwatch.claims.check_each_year import check_each_year
from planwatch.claims.check_shares import check_share
from planwatch.claims.check_totals import check_range, check_total
from planwatch.claims.documents import read_document, require_text
from planwatch.claims.extraction import sentence_candidates
from planwatch.claims.outcomes import OTHER_REASONS, Outcome, not_checked, quote
from planwatch.claims.quantities import Quantity
from planwatch.claims.report import CheckReport, Claim, IndicatorRef, StatedValue
from planwatch.claims.sentences import detect_language, sentence_language
from planwatch.claims.series import parallel_series, two_series
from planwatch.claims.stored import StoredFigures
from planwatch.claims.terms import (
    IndicatorTerm,
    TermHit,
    bare_victims,
    sentence_hits,
    stored_terms,
    term_pairs,
)
from planwatch.domain.permissions import PUBLIC_VIEW, View
from planwatch.errors import UsageError
from planwatch.formatting import Language
from planwatch.storage import Store


def check(
    store: Store,
    text: str,
    *,
    language: str | None = None,
    as_of: dt.datetime | None = None,
    view: View = PUBLIC_VIEW,
    file_name: str | None = None,
    terms: Sequence[IndicatorTerm] | None = None,
) -> CheckReport:
    """Check every claim in ``text`` against the stored figures as of ``as_of`` in ``view``.
    ``language`` ``da`` or ``en``, or ``None`` to detect it. Raises :class:`UsageError` for an
    empty text or an unknown language."""
    require_text(text, file_name)
    lang = _language(text, language)
    figures = StoredFigures(store, lang, as_of, view)
    declared = stored_terms(figures.indicators.values()) if terms is None else terms
    pairs = {t: term_pairs(figures.indicators, declared, t) for t in ("da", "en")}
    claims = tuple(_claims(figures, pairs, text))
    return CheckReport(lang, claims, text, file_name)


def check_file(
    store: Store,
    data: bytes,
    file_name: str,
    *,
    language: str | None = None,
    as_of: dt.datetime | None = None,
    view: View = PUBLIC_VIEW,
) -> CheckReport:
    """Check a ``.txt``, ``.md`` or ``.docx`` file's claims (see :func:`check`). Raises
    :class:`UsageError` for an empty, unreadable or unsupported file."""
    text = read_document(data, file_name)
    return check(store, text, language=language, as_of=as_of, view=view, file_name=file_name)


def _language(text: str, language: str | None) -> Language:
    if language is None:
        return detect_language(text)
    if language == "da":
        return "da"
    if language == "en":
        return "en"
    raise UsageError(
        f"Ukendt sprog {language!r}: brug da eller en.",
        f"Unknown language {language!r}: use da or en.",
    )


_REFERS_BACK: Final = frozenset(
    {"change", "difference", "ratio", "highest-since", "lowest-since", "share"}
)
"""Claims that may name their indicator in the previous sentence (*en stigning på 35 pct.*);
a count must name its own."""

_CHECKS: Final[dict[str, Callable[[StoredFigures, Candidate, str], Outcome]]] = {
    "count": check_count,
    "from-to": check_from_to,
    "change": check_change,
    "difference": check_difference,
    "ratio": check_ratio,
    "highest-since": check_extreme,
    "lowest-since": check_extreme,
    "total": check_total,
    "range": check_range,
    "each-year": check_each_year,
    "share": check_share,
}
"""The check of each kind of claim that is about an indicator."""


def _claims(
    figures: StoredFigures, terms: Mapping[str, tuple[tuple[str, str], ...]], text: str
) -> Iterable[Claim]:
    """Each candidate claim checked, in order. A sentence's terms are looked up once, in the
    sentence's own language; a sentence without any borrows the previous sentence's."""
    previous: list[TermHit] = []
    earlier = ""
    for sentence, found in sentence_candidates(text, figures.language):
        own = sentence_language(sentence.text, figures.language)
        hits = sentence_hits(sentence.text, terms, own, sentence.start)
        if not previous:  # else the previous sentence's indicator is borrowed, with its guards
            hits += bare_victims(sentence.text, hits, earlier, sentence.start)
        for candidate in found:
            yield _claim(figures, candidate, hits, previous, earlier)
        earlier = sentence.text
        if hits or not any(c.carried for c in found):  # a carried count keeps the indicator
            previous = hits


def _claim(
    figures: StoredFigures,
    candidate: Candidate,
    hits: list[TermHit],
    previous_hits: list[TermHit],
    earlier: str = "",
) -> Claim:
    """A candidate checked: its indicator, its verdict and why (with a note when the indicator
    was chosen among several or taken from the previous sentence)."""
    indicator, note = _indicator(figures, candidate, hits, previous_hits)
    outcome = _outcome(figures, candidate, indicator)
    if outcome.verdict == "inconsistent" and indicator is not None:
        indicator, outcome, note = _another_in_clause(
            figures, candidate, hits, indicator, outcome, note
        )
    if outcome.verdict == "inconsistent" and indicator is not None:
        outcome = _named_in_another_clause(figures, candidate, hits, indicator, outcome)
    if indicator is not None:
        linked = indicator.from_previous_sentence or candidate.carried
        year_from = earlier if candidate.years_from == "previous" else ""
        outcome = two_series(
            figures, candidate, indicator.code, outcome, earlier if linked else "", year_from
        )
        outcome = parallel_series(figures, candidate, indicator.code, outcome)
        if indicator.from_previous_sentence and not candidate.carried:
            outcome = borrowing.guarded(outcome, _borrowed(figures, candidate, indicator.code))
        if outcome.indicator is not None and outcome.indicator != indicator.code:
            indicator = IndicatorRef(
                outcome.indicator,
                figures.name(outcome.indicator),
                indicator.term,
                indicator.from_previous_sentence,
            )
    if candidate.year_of_previous:
        outcome = _year_of_previous(outcome, candidate)
    da, en = outcome.da, outcome.en
    if note is not None and candidate.kind not in ("budget", "allocation", "other"):
        da, en = f"{da} {note[0]}", f"{en} {note[1]}"
    if candidate.relative is not None:
        why_da, why_en = relative_years.explain(candidate)
        da, en = f"{da} {why_da}", f"{en} {why_en}"
    return Claim(
        kind=candidate.kind,
        sentence=candidate.sentence.text,
        sentence_span=(candidate.sentence.start, candidate.sentence.end),
        span=(candidate.start, candidate.end),
        text=candidate.text,
        indicator=indicator if candidate.kind not in ("budget", "allocation") else None,
        years=outcome.years or candidate.years,
        stated=tuple(_stated(q) for q in candidate.stated),
        verdict=outcome.verdict,
        stored=outcome.stored,
        correct=outcome.correct if outcome.verdict == "inconsistent" else None,
        explanation_da=da.strip(),
        explanation_en=en.strip(),
        language=figures.language,
    )


def _year_of_previous(outcome: Outcome, candidate: Candidate) -> Outcome:
    """A count that took its year from the previous sentence (``year_of_previous``) says so; it
    may agree, but is never called wrong: ``inconsistent`` becomes ``not-checked``, with the
    stored figure and the reason."""
    year = candidate.years[0]
    if outcome.verdict != "inconsistent":
        return replace(
            outcome,
            da=f"{outcome.da} Året ({year}) er taget fra den foregående sætning.",
            en=f"{outcome.en} The year ({year}) is taken from the previous sentence.",
        )
    return not_checked(
        f"{outcome.da} Sætningen nævner intet år; {year} er taget fra den foregående sætning. "
        "Regel: et tal, hvis år kun står i den foregående sætning, kan stemme, men kaldes ikke "
        "forkert (det kan gælde et andet år). Skriv året ved tallet.",
        f"{outcome.en} The sentence names no year; {year} is taken from the previous sentence. "
        "Rule: a figure whose year is only in the previous sentence may agree but is not called "
        "wrong (it may be for another year). Write the year with the figure.",
        outcome.stored,
    )


def _indicator(
    figures: StoredFigures,
    candidate: Candidate,
    hits: list[TermHit],
    previous_hits: list[TermHit],
) -> tuple[IndicatorRef | None, tuple[str, str] | None]:
    """The indicator the sentence names nearest the claim's figure, or the previous
    sentence's; and a note when there was a choice or a borrowing."""
    if not hits:
        if not previous_hits:
            return None, None
        chosen = previous_hits[-1]
        if candidate.kind not in _REFERS_BACK and not candidate.carried:
            codes = {h.code for h in previous_hits}
            if len(codes) != 1 or _borrowed(figures, candidate, chosen.code) is None:
                return None, None
        ref = IndicatorRef(chosen.code, figures.name(chosen.code), chosen.term, True)
        return ref, (
            f"Indikatoren ({ref.name}) er taget fra den foregående sætning.",
            f"The indicator ({ref.name}) is taken from the previous sentence.",
        )
    start, end = candidate.anchor
    text, offset = candidate.sentence.text, candidate.sentence.start

    def apart(hit: TermHit) -> bool:  # another clause between the term and the figure
        between = text[min(end, hit.end) - offset : max(start, hit.start) - offset]
        return bool(_CLAUSE_BREAK.search(between))

    # the nearest in the figure's own clause first: in *Antallet af ofre … steg med 39 i 2023,
    # og antallet af opkald til hotlinen faldt …* 39 is the victims', though *hotlinen* is
    # fewer characters away
    chosen = min(
        hits, key=lambda h: (apart(h), h.distance(start, end), -(h.end - h.start), h.start)
    )
    ref = IndicatorRef(chosen.code, figures.name(chosen.code), chosen.term)
    others = sorted({figures.name(h.code) for h in hits if h.code != chosen.code})
    if not others:
        return ref, None
    return ref, (
        f"Sætningen nævner også {'; '.join(others)}; {ref.name} står nærmest tallet.",
        f"The sentence also names {'; '.join(others)}; {ref.name} is nearest the figure.",
    )


def _named_in_another_clause(
    figures: StoredFigures,
    candidate: Candidate,
    hits: list[TermHit],
    indicator: IndicatorRef,
    outcome: Outcome,
) -> Outcome:
    """A figure found wrong against an indicator named only across a contrast (*;, mens, men,
    while, but*) from it, whose own clause names a number of something else, is not called
    wrong: *Antallet af ofre steg i 2023 med 39, mens antallet af sager faldt med 5* - the 5
    are the cases', which planwatch does not hold. A clause without such a subject (*…, but by
    2012 the figure had risen to 76*) stays about the indicator."""
    if indicator.from_previous_sentence:
        return outcome
    text, offset = candidate.sentence.text, candidate.sentence.start
    language = sentence_language(text, figures.language)
    contrast = cues.CONTRAST[language]
    start, end = candidate.anchor[0] - offset, candidate.anchor[1] - offset
    own = [h for h in hits if h.code == indicator.code]
    if not own or any(
        not contrast.search(text[min(end, h.end - offset) : max(start, h.start - offset)])
        for h in own
    ):
        return outcome
    clause_start, clause_end = cues.clause_around(text, start, end, language)
    subjects = [
        m
        for m in _NUMBER_OF.finditer(text, clause_start, clause_end)
        if not any(h.start - offset < m.end() and m.start() < h.end - offset for h in hits)
    ]
    if not subjects:
        return outcome
    return not_checked(
        f"{indicator.name} nævnes kun i en anden del af sætningen (efter eller før »mens«, "
        "»men« eller »;«), så det er uklart, hvad tallet tæller. " + outcome.da,
        f"{indicator.name} is named only in another part of the sentence (across “while”, "
        "“but” or “;”), so what the figure counts is unclear. " + outcome.en,
        outcome.stored,
    )


_NUMBER_OF: Final = re.compile(
    r"(?<![\w])(?:antallet|tallet|the\s+number|number)\s+(?:af|of|for)\s+[^\W\d_]+", re.I
)
"""*antallet af sager*, *the number of cases*: what a clause counts."""

_CLAUSE_BREAK: Final = re.compile(
    r"[,;:()]|\s[–—-]\s|(?<![\w])(?:og|men|mens|and|but|while|whereas)(?![\w])", re.IGNORECASE
)


def _another_in_clause(
    figures: StoredFigures,
    candidate: Candidate,
    hits: list[TermHit],
    indicator: IndicatorRef,
    outcome: Outcome,
    note: tuple[str, str] | None,
) -> tuple[IndicatorRef, Outcome, tuple[str, str] | None]:
    """A count that disagrees with the indicator nearest it, where its clause also names
    another (*I 2021 tog 38 ofre for menneskehandel imod en forberedt hjemsendelse*: the
    victims who took a prepared return): judged against the other when it agrees with it, else
    not called wrong, since which of the two it counts is unclear."""
    if candidate.kind != "count":
        return indicator, outcome, note
    text, offset = candidate.sentence.text, candidate.sentence.start
    start, end = candidate.anchor
    others = [
        h
        for h in hits
        if h.code != indicator.code
        and not _CLAUSE_BREAK.search(text[min(end, h.end) - offset : max(start, h.start) - offset])
    ]
    if not others:
        return indicator, outcome, note
    for hit in others:
        ref = IndicatorRef(hit.code, figures.name(hit.code), hit.term)
        other = _outcome(figures, candidate, ref)
        if other.verdict == "consistent":
            return (
                ref,
                other,
                (
                    f"Sætningen nævner også {indicator.name}; tallet stemmer med {ref.name}.",
                    f"The sentence also names {indicator.name}; the figure agrees with {ref.name}.",
                ),
            )
    names = "; ".join(sorted({figures.name(h.code) for h in others}))
    return (
        indicator,
        not_checked(
            f"{outcome.da} Sætningen nævner også {names} i samme led, så det er uklart, hvilken af "
            "dem tallet gælder; det kaldes ikke forkert.",
            f"{outcome.en} The clause also names {names}, so which of them the figure counts is "
            "unclear; it is not called wrong.",
            outcome.stored,
        ),
        None,
    )


def _borrowed(figures: StoredFigures, candidate: Candidate, code: str) -> borrowing.Link | None:
    """How a count without a term of its own is tied to the previous sentence's indicator
    (:func:`planwatch.claims.borrowing.link`)."""
    language = sentence_language(candidate.sentence.text, figures.language)
    return borrowing.link(candidate, figures.indicators[code].unit, language)


def _outcome(
    figures: StoredFigures, candidate: Candidate, indicator: IndicatorRef | None
) -> Outcome:
    """The verdict of a claim of any kind, or why it is not checked."""
    place = None if candidate.kind == "other" else _another_place(figures, candidate)
    if place is not None:
        return not_checked(
            f"Tallet gælder et andet land eller område end Danmark ({quote(place, 'da')}); "
            "planwatch har kun Danmarks tal, så det sammenlignes ikke.",
            f"The figure is for another country or region than Denmark ({quote(place, 'en')}); "
            "planwatch holds Denmark's figures only, so it is not compared.",
        )
    if candidate.kind == "other":
        reason = OTHER_REASONS.get(candidate.note or "", None)
        if reason is None:
            reason = ("Tallet kontrolleres ikke.", "The figure is not checked.")
        return not_checked(*reason)
    if candidate.kind == "budget":
        return check_budget(figures, candidate)
    if candidate.kind == "allocation":
        return check_allocation(figures, candidate)
    if indicator is None:
        return not_checked(
            "Tallet kunne ikke knyttes til en indikator, planwatch følger.",
            "The figure could not be matched to an indicator planwatch follows.",
        )
    if candidate.part_of_year:
        return not_checked(
            "Tallet gælder en del af et år (kvartal eller halvår), men det fremgår ikke entydigt, "
            "hvilke kvartaler af hvilket år (skriv fx »1. kvt. 2025« eller »første halvår 2025«).",
            "The figure is for part of a year (a quarter or half-year), but the text does not "
            "make clear which quarters of which year (write e.g. “Q1 2025” or “the first half "
            "of 2025”).",
        )
    combined = check_combined.check_combined_ratio(figures, candidate, indicator.code)
    if combined is not None:
        return combined
    if candidate.note == "breakdown" and candidate.kind in _REFERS_BACK:
        return not_checked(
            "Ændringer for en del af ofrene (køn, alder, udnyttelsesform) kontrolleres ikke; "
            "kun ændringer i det samlede tal.",
            "Changes for part of the victims (sex, age, form of exploitation) are not "
            "checked; only changes in the total are.",
        )
    return _CHECKS[candidate.kind](figures, candidate, indicator.code)


def _another_place(figures: StoredFigures, candidate: Candidate) -> str | None:
    """The other country or region the sentence gives the claim's figure for
    (:mod:`planwatch.claims.places`)."""
    text, offset = candidate.sentence.text, candidate.sentence.start
    start, end = candidate.anchor
    language = sentence_language(text, figures.language)
    return places.another_place(text, start - offset, end - offset, language)


def _stated(quantity: Quantity) -> StatedValue:
    """A quantity as the report states it."""
    return StatedValue(
        quantity.text, quantity.value, quantity.decimals, quantity.kind, quantity.qualifier
    )

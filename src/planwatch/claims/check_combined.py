"""A ratio in words (*fordoblet*, *doubled*) said of a combined form of exploitation that
planwatch holds as one breakdown (docs/claims.md, "A ratio for a combined part").

Centre against Human Trafficking publishes *tvangsarbejde og strafbare handlinger* together for
some years (breakdown ``forced_labour_or_criminal``). *Antallet af personer handlet til
tvangsarbejde og strafbare handlinger er fordoblet fra 2020 til 2021* is checked against that
combined breakdown when the ratio's clause names exactly those two forms together (joined by
*og*/*eller*/*and*/*or*) and no other part of the victims, and the sentence names both years;
otherwise the claim stays not checked (:func:`check_combined_ratio` returns ``None`` and the
usual rule applies, or a not-checked outcome says why).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

from planwatch.claims import breakdowns
from planwatch.claims.candidates import Candidate
from planwatch.claims.outcomes import Outcome, cite, not_checked
from planwatch.claims.stored import PeriodValue, StoredFigures
from planwatch.claims.tolerance import ratio_agrees, ratio_rule
from planwatch.domain.vocab import Breakdown
from planwatch.formatting import Language, format_number

ONE_PERSON: Final = Decimal(1)
"""A multiple said of a combined part (small counts) agrees when the new figure is within this
many persons of the factor times the old one (*fordoblet* from 18 to 37: 36 ± 1), as well as by
the usual rule for ratios in words (docs/claims.md, "Tolerance")."""
COMBINED: Final = Breakdown(exploitation="forced_labour_or_criminal")
"""The combined breakdown planwatch holds for forced labour and criminal activities together."""
_FORCED: Final = r"(?:tvangsarbejde|forced\s+labou?r|labou?r\s+trafficking)"
_CRIMINAL: Final = (
    r"(?:strafbare\s+handlinger|kriminalitet|tvungen\s+kriminalitet|criminal\s+(?:actions|"
    r"activities|activity|acts)|forced\s+criminality|crime)"
)
_ASIDE: Final = r"(?:\s*\([^()]{0,80}\))?"
_JOIN: Final = r"\s+(?:og|eller|and|or)\s+(?:enten\s+|either\s+)?"
COMBINED_PHRASE: Final = re.compile(
    rf"(?<![\w])(?:{_FORCED}{_ASIDE}{_JOIN}{_CRIMINAL}|{_CRIMINAL}{_ASIDE}{_JOIN}{_FORCED})"
    rf"(?![\w])",
    re.I,
)
"""Forced labour and criminal activities named together (either order, an aside in brackets
allowed after the first: *tvangsarbejde (fx i byggebranchen) eller strafbare handlinger*)."""
_CLAUSE_BREAK: Final = re.compile(
    r"[;:]|,\s*(?:mens|men|og|while|but|whereas|and)\b|\s(?:mens|while|whereas)\s", re.I
)


def _clause(candidate: Candidate) -> str:
    """The clause of the sentence the ratio word stands in."""
    text = candidate.sentence.text
    at = candidate.start - candidate.sentence.start
    breaks = [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(text)]
    start = max((end for s, end in breaks if end <= at), default=0)
    end = min((s for s, _ in breaks if s >= at), default=len(text))
    return text[start:end]


def names_combined(candidate: Candidate, language: Language) -> bool:
    """Whether the ratio's clause names the combined part and no other part of the victims."""
    clause = _clause(candidate)
    match = COMBINED_PHRASE.search(clause)
    if match is None:
        return False
    outside = [
        span
        for span in breakdowns.cue_spans(clause, language)
        if not (match.start() <= span[0] and span[1] <= match.end())
    ]
    return not outside


def check_combined_ratio(figures: StoredFigures, candidate: Candidate, code: str) -> Outcome | None:
    """The ratio checked against the combined breakdown, a not-checked outcome saying why it
    cannot be, or ``None`` when the clause does not name the combined part."""
    if candidate.kind != "ratio" or not names_combined(candidate, figures.language):
        return None
    if (
        len(candidate.years) != 2
        or candidate.years[0] >= candidate.years[1]
        or candidate.open_end
        or candidate.years_from != "sentence"
    ):
        return not_checked(
            "Ændringen gælder tvangsarbejde og strafbare handlinger tilsammen, men sætningen "
            "nævner ikke begge år, ændringen er mellem. Regel: et forhold for en samlet del "
            "kontrolleres kun mellem to år, sætningen selv nævner.",
            "The change is for forced labour and criminal activities together, but the "
            "sentence does not name both years it is between. Rule: a ratio for a combined "
            "part is only checked between two years the sentence itself names.",
        )
    old_year, new_year = candidate.years
    found = [figures.lookup(code, figures.stated(code, y, None), COMBINED) for y in candidate.years]
    values = [f for f in found if isinstance(f, PeriodValue) and f.value is not None]
    if len(values) < 2:
        return not_checked(
            f"Ændringen gælder tvangsarbejde og strafbare handlinger tilsammen; planwatch har "
            f"ikke det samlede tal for både {old_year} og {new_year}, så den kontrolleres ikke.",
            f"The change is for forced labour and criminal activities together; planwatch does "
            f"not hold the combined figure for both {old_year} and {new_year}, so it is not "
            "checked.",
        )
    old, new = (v.value or Decimal(0) for v in values)
    stored = tuple(figures.stored(code, v, COMBINED) for v in values)
    if old == 0:
        return not_checked(
            f"Forholdet er ikke defineret: tallet for {old_year} er 0.",
            f"The ratio is undefined: the figure for {old_year} is 0.",
            stored,
        )
    factor = candidate.factor or Decimal(2)
    ratio = new / old
    source = cite(s.sources[0] for s in stored)
    word = re.split(r"\s+(?:fra|siden|from|since|mellem|between|i|in)\b|\s+\d", candidate.text)
    rule_da, rule_en = ratio_rule(word[0], factor, candidate.qualifier)
    da = (
        f"Personer handlet til tvangsarbejde eller strafbare handlinger (samlet): "
        f"{format_number(old, 'da', 0)} i {old_year}, {format_number(new, 'da', 0)} i {new_year}"
        f", faktor {format_number(ratio, 'da', 2)} ({source}). {rule_da} Sammenlignet med det "
        "samlede tal for tvangsarbejde og strafbare handlinger, som kilden offentliggør."
    )
    en = (
        f"Persons trafficked into forced labour or criminal activities (combined): "
        f"{format_number(old, 'en', 0)} in {old_year}, {format_number(new, 'en', 0)} in "
        f"{new_year}, a factor of {format_number(ratio, 'en', 2)} ({source}). {rule_en} "
        "Compared with the combined figure for forced labour and criminal activities the "
        "source publishes."
    )
    ok = ratio_agrees(ratio, factor, candidate.qualifier) or (
        candidate.qualifier == "exact" and abs(new - factor * old) <= ONE_PERSON
    )
    if ok:
        da += f" Inden for reglen eller højst {ONE_PERSON} person fra {factor} gange det gamle tal."
        en += f" Within the rule or at most {ONE_PERSON} person from {factor} times the old figure."
    elif ratio_agrees(ratio, factor, "approx"):
        return not_checked(
            f"{da} Forholdet ligger tæt på, så det kaldes ikke forkert.",
            f"{en} The ratio is close, so it is not called wrong.",
            stored,
        )
    right = format_number(ratio, figures.language, 2)
    return Outcome(
        "consistent" if ok else "inconsistent", da, en, stored, right, (old_year, new_year)
    )

"""Two series of one thing: the persons CMM assessed as victims (``victims_assessed``) and the
victims the US TIP report says the government identified (``victims_identified_tip``), which
differ in 2020-2022. A sentence that names the TIP report is read as the TIP series
(:func:`planwatch.claims.terms.by_named_source`); any other "identified victims" is checked
against CMM's series, and when it is wrong there but fits the TIP series, or is written in the
TIP report's words (*the government identified*), it is not checked: two series fit, and
calling a true sentence wrong is the worst outcome (docs/claims.md, "Two series")."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final

from planwatch.claims import stems
from planwatch.claims.candidates import Candidate
from planwatch.claims.check_counts import check_count
from planwatch.claims.outcomes import Outcome, cite, not_checked, quote
from planwatch.claims.quantities import Quantity
from planwatch.claims.report import StoredFigure
from planwatch.claims.sentences import sentence_language
from planwatch.claims.stored import PeriodValue, StoredFigures
from planwatch.claims.terms import CMM_SERIES, TIP_SERIES
from planwatch.claims.tolerance import agrees
from planwatch.formatting import Language

TIP_WORDING: Final[dict[Language, tuple[str, ...]]] = {
    "da": (
        "regeringen identificerede", "myndighederne identificerede",
        "identificerede regeringen", "identificerede myndighederne",
        "regeringen rapporterede", "myndighederne rapporterede",
    ),
    "en": (
        "government identified", "authorities identified", "officials identified",
        "government reported identifying", "government reported", "authorities reported",
    ),
}  # fmt: skip
"""The TIP report's way of stating its count, matched by stem in the sentence's language (with
a gap: *the Danish government identified*)."""
_CLAIMS: Final = ("count", "from-to")
_CMM: Final = (
    r"(?:the\s+)?(?:Danish\s+)?(?:Centre|Center)\s+(?:against|for\s+combating)\s+Human\s+"
    r"Trafficking|Center\s+mod\s+Menneskehandel|CMM"
)
CMM_NAMED: Final = re.compile(
    rf"(?:according\s+to|ifølge)\s+(?:(?:the\s+)?(?:latest\s+|new\s+|nye\s+)?"
    rf"(?:figures|data|statistics|numbers|tal|statistik)\s+(?:from|fra)\s+)?(?:{_CMM})"
    rf"|(?:figures|data|statistics|numbers|tal|statistik|opgørelse\w*)\s+(?:from|fra)\s+(?:{_CMM})"
    rf"|(?:{_CMM})(?:'s|s)?\s+(?:figures|statistics|data|annual\s+report|tal|statistik|"
    rf"opgørelse\w*|årsrapport\w*)"
    rf"|(?:{_CMM}),?\s+(?:vurderer|oplyser|opgør|reports|says|states)",
    re.IGNORECASE,
)
"""Words by which a text names the Danish Centre against Human Trafficking as the source of its
figures (*According to figures from the Danish Centre against Human Trafficking*, *ifølge Center
mod Menneskehandel*, *viser tal fra CMM*, *CMM's statistics*): then it means CMM's series, and a
figure wrong there is wrong even in the TIP report's words or when it fits the TIP series. CMM
named otherwise (*referred to the Centre against Human Trafficking*) is no source."""


def two_series(
    figures: StoredFigures,
    candidate: Candidate,
    code: str,
    outcome: Outcome,
    earlier: str = "",
    year_from: str = "",
) -> Outcome:
    """``outcome``, or ``not-checked`` when an ``inconsistent`` count of CMM's series fits the
    TIP series' figure for its year or is written in the TIP report's words. Only whole years
    planwatch holds for CMM's series: the period rules (docs/claims.md, "Parts of a year")
    stand. ``earlier``: the previous sentence when the claim took its indicator or part from
    it; ``year_from``: the previous sentence when the claim took its year from it (*Of these,
    eight were forced to commit crimes*)."""
    if outcome.verdict == "not-in-data" and code == CMM_SERIES and candidate.kind == "count":
        worded = _tip_worded(figures, candidate, earlier, year_from)
        return _tip_instead(figures, candidate, outcome, worded)
    if outcome.verdict != "inconsistent" or code != CMM_SERIES or candidate.kind not in _CLAIMS:
        return outcome
    if _cmm_named(candidate, earlier, year_from):
        return _cmm_is_the_source(outcome)
    pairs = list(zip(candidate.stated, candidate.years, strict=False))
    if not pairs:
        return outcome
    tip_values: list[tuple[Quantity, int, PeriodValue | None]] = []
    for quantity, year in pairs:
        own = figures.lookup(code, figures.stated(code, year, None), quantity.breakdown)
        if candidate.quarters_of(year) is not None or not isinstance(own, PeriodValue):
            return outcome
        tip = None
        if TIP_SERIES in figures.indicators:
            found = figures.lookup(TIP_SERIES, figures.stated(TIP_SERIES, year, None),
                                   quantity.breakdown)  # fmt: skip
            tip = found if isinstance(found, PeriodValue) and found.value is not None else None
        tip_values.append((quantity, year, tip))
    fits = any(
        tip is not None
        and tip.value is not None
        and agrees(q.written, q.decimals, tip.value, q.qualifier)
        for q, _, tip in tip_values
    )
    worded = _tip_worded(figures, candidate, earlier)
    if not (fits or worded):
        return outcome
    tip_stored = tuple(
        figures.stored(TIP_SERIES, tip, q.breakdown) for q, _, tip in tip_values if tip
    )
    all_fit = all(
        tip is not None
        and tip.value is not None
        and agrees(q.written, q.decimals, tip.value, q.qualifier)
        for q, _, tip in tip_values
    )
    if worded and all_fit:
        return _tip_agrees(outcome, tip_stored)
    if not fits and all(tip is not None for _, _, tip in tip_values):
        return _wrong_in_both(outcome, tip_stored)
    if not fits and _from_the_tip_report(outcome.stored):
        return _tip_is_the_source(outcome)
    return _two_series_outcome(outcome, tip_values, tip_stored, fits)


def _tip_worded(figures: StoredFigures, candidate: Candidate, *earlier: str) -> bool:
    """The claim's own sentence, or a sentence it took its indicator, part or year from, is
    written in the TIP report's words (:data:`TIP_WORDING`, in the claim's sentence's
    language)."""
    language = sentence_language(candidate.sentence.text, figures.language)
    return any(
        stems.any_of(text, TIP_WORDING[language], language)
        for text in (candidate.sentence.text, *earlier)
        if text
    )


def _cmm_named(candidate: Candidate, *earlier: str) -> bool:
    """The claim's own sentence, or one it took its indicator, part or year from, names CMM as
    the source of its figures (:data:`CMM_NAMED`)."""
    return any(CMM_NAMED.search(text) for text in (candidate.sentence.text, *earlier) if text)


def _cmm_is_the_source(outcome: Outcome) -> Outcome:
    """Wrong against CMM's series in a text that names CMM as its source: ``inconsistent``,
    saying so."""
    return replace(
        outcome,
        da=f"{outcome.da} Teksten nævner Center mod Menneskehandel som kilde, så tallet "
        "kontrolleres mod centrets serie, også hvis det passer med den amerikanske TIP-rapport "
        "eller er skrevet med dens ord.",
        en=f"{outcome.en} The text names the Danish Centre against Human Trafficking as its "
        "source, so the figure is checked against the Centre's series, even if it fits the US "
        "TIP report or is written in its words.",
    )


def _shown(stored: tuple[StoredFigure, ...] | list[StoredFigure]) -> tuple[str, str]:
    """Stored figures as a verdict names them, in Danish and English: "86 i 2021 (kilde); …"."""
    return (
        "; ".join(f"{s.shown} i {s.period} ({cite(s.sources)})" for s in stored),
        "; ".join(f"{s.shown} in {s.period} ({cite(s.sources)})" for s in stored),
    )


TIP_PUBLISHER: Final = "US Department of State"
"""The publisher (``sources.csv``) of the TIP report: a CMM figure planwatch holds from it is
the TIP report's own figure for that year."""


def _from_the_tip_report(stored: tuple[StoredFigure, ...]) -> bool:
    """Every stored figure of CMM's series the claim was checked against is cited from the TIP
    report itself (2015-2016: planwatch holds those years' counts from the TIP reports)."""
    return bool(stored) and all(
        s.indicator == CMM_SERIES and any(src.publisher == TIP_PUBLISHER for src in s.sources)
        for s in stored
    )


def _tip_agrees(outcome: Outcome, tip_stored: tuple[StoredFigure, ...]) -> Outcome:
    """In the TIP report's words and exactly the TIP series' figure: ``consistent`` with the
    TIP report, whatever CMM's series says."""
    shown_da, shown_en = _shown(tip_stored)
    return Outcome(
        "consistent",
        f"Den amerikanske TIP-rapports serie (identificerede ofre) har {shown_da}, og teksten "
        "bruger TIP-rapportens ord. Regel: et tal skrevet med TIP-rapportens ord, der er netop "
        "TIP-rapportens tal, stemmer med TIP-rapporten (Center mod Menneskehandels serie tæller "
        "anderledes de år).",
        f"The US TIP report's series (victims identified) has {shown_en}, and the text uses the "
        "TIP report's words. Rule: a figure in the TIP report's words that is exactly the TIP "
        "report's figure agrees with the TIP report (the Danish Centre against Human "
        "Trafficking's series counts differently in those years).",
        outcome.stored + tip_stored,
        indicator=TIP_SERIES,
    )


def _tip_is_the_source(outcome: Outcome) -> Outcome:
    """In the TIP report's words, wrong against a CMM figure planwatch holds from the TIP report
    itself, and no separate TIP figure held for the year: ``inconsistent`` (the two series are
    one figure there)."""
    return Outcome(
        "inconsistent",
        f"{outcome.da} Det tal har planwatch fra den amerikanske TIP-rapport selv, så de to "
        "serier er ét tal det år. Regel: et tal skrevet med TIP-rapportens ord, der afviger fra "
        "et tal planwatch har fra TIP-rapporten, er forkert.",
        f"{outcome.en} planwatch holds that figure from the US TIP report itself, so the two "
        "series are one figure that year. Rule: a figure in the TIP report's words that differs "
        "from a figure planwatch holds from the TIP report is wrong.",
        outcome.stored,
        outcome.correct,
        outcome.years,
    )


def _wrong_in_both(outcome: Outcome, tip_stored: tuple[StoredFigure, ...]) -> Outcome:
    """Written in the TIP report's words but wrong in both series: ``inconsistent``, naming
    both."""
    shown_da, shown_en = _shown(tip_stored)
    return Outcome(
        "inconsistent",
        f"{outcome.da} Den amerikanske TIP-rapports serie har {shown_da}; tallet passer med "
        "ingen af de to serier. Regel: et tal, der hverken er Center mod Menneskehandels eller "
        "TIP-rapportens, er forkert, hvilken kilde teksten end mener.",
        f"{outcome.en} The US TIP report's series has {shown_en}; the figure fits neither "
        "series. Rule: a figure that is neither the Danish Centre against Human Trafficking's "
        "nor the TIP report's is wrong whichever source the text means.",
        outcome.stored + tip_stored,
        outcome.correct,
        outcome.years,
        TIP_SERIES,  # written in its words: the claim is about the TIP series
    )


def _tip_instead(
    figures: StoredFigures, candidate: Candidate, outcome: Outcome, worded: bool = False
) -> Outcome:
    """A count CMM's series holds no figure for (*86 were women* in 2017, a breakdown CMM did
    not publish) that is the TIP series' figure for that year and part: ``consistent``, naming
    the TIP report. Another figure stays ``not-in-data`` (never judged against a series the
    text may not mean), unless the text is in the TIP report's words (``worded``): then it is
    checked against the TIP series as any count is (:func:`_tip_only`)."""
    if (
        len(candidate.stated) != 1
        or len(candidate.years) != 1
        or TIP_SERIES not in figures.indicators
    ):
        return outcome
    (quantity,), (year,) = candidate.stated, candidate.years
    if candidate.quarters_of(year) is not None:
        return outcome
    found = figures.lookup(TIP_SERIES, figures.stated(TIP_SERIES, year, None), quantity.breakdown)
    if not isinstance(found, PeriodValue) or found.value is None:
        return outcome
    if not agrees(quantity.written, quantity.decimals, found.value, quantity.qualifier):
        return _tip_only(figures, candidate, outcome) if worded else outcome
    stored = figures.stored(TIP_SERIES, found, quantity.breakdown)
    what_da, what_en = figures.what(TIP_SERIES, figures.stated(TIP_SERIES, year, None),
                                    quantity.breakdown)  # fmt: skip
    return Outcome(
        "consistent",
        f"{outcome.da} {what_da}: planwatch har {stored.shown} ({cite(stored.sources)}). Regel: "
        "når Center mod Menneskehandels serie ikke har tallet, men den amerikanske TIP-rapports "
        "serie har netop det, stemmer det med TIP-rapporten; et andet tal kaldes ikke forkert.",
        f"{outcome.en} {what_en}: planwatch holds {stored.shown} ({cite(stored.sources)}). "
        "Rule: when the Danish Centre against Human Trafficking's series has no figure but the "
        "US TIP report's series has exactly this one, it agrees with the TIP report; another "
        "figure is not called wrong.",
        (*outcome.stored, stored),
        years=(year,),
    )


def _tip_only(figures: StoredFigures, candidate: Candidate, outcome: Outcome) -> Outcome:
    """A count in the TIP report's words for a year and part only the TIP series holds, that
    is not the TIP series' figure: checked against the TIP series as any count is (so a figure
    far from it stays ``not-checked``); ``inconsistent`` names the TIP series and the rule."""
    own = check_count(figures, candidate, TIP_SERIES)
    if own.verdict != "inconsistent":
        return Outcome(own.verdict, f"{outcome.da} {own.da}", f"{outcome.en} {own.en}",
                       outcome.stored + own.stored)  # fmt: skip
    return Outcome(
        "inconsistent",
        f"{outcome.da} {own.da} Teksten bruger TIP-rapportens ord, og kun TIP-rapportens serie "
        "har året og delen, så tallet kontrolleres mod den.",
        f"{outcome.en} {own.en} The text uses the TIP report's words, and only the TIP "
        "report's series holds the year and part, so the figure is checked against it.",
        outcome.stored + own.stored,
        own.correct,
        own.years,
        TIP_SERIES,
    )


def _two_series_outcome(
    outcome: Outcome,
    tip_values: list[tuple[Quantity, int, PeriodValue | None]],
    tip_stored: tuple[StoredFigure, ...],
    fits: bool,
) -> Outcome:
    stated_da = ", ".join(quote(q.text, "da") for q, _, _ in tip_values)
    stated_en = ", ".join(quote(q.text, "en") for q, _, _ in tip_values)
    if tip_stored:
        shown_da, shown_en = _shown(tip_stored)
        tip_da = f"Den amerikanske TIP-rapports serie (identificerede ofre) har {shown_da}."
        tip_en = f"The US TIP report's series (victims identified) has {shown_en}."
    else:
        tip_da = "planwatch har intet tal fra den amerikanske TIP-rapport for det år."
        tip_en = "planwatch holds no figure from the US TIP report for that year."
    why_da = (
        f"{stated_da} passer med TIP-rapportens tal"
        if fits
        else "ordlyden (fx »regeringen identificerede«) er TIP-rapportens"
    )
    why_en = (
        f"{stated_en} fits the TIP report's figure"
        if fits
        else "the wording (e.g. “the government identified”) is the TIP report's"
    )
    return not_checked(
        f"{outcome.da} {tip_da} To serier kan passe: {why_da}, og teksten nævner ikke kilden. "
        "Regel: tallet kontrolleres mod Center mod Menneskehandels serie; når det ikke passer "
        "dér, men passer med TIP-rapporten eller er skrevet med dens ord, kontrolleres det "
        "ikke. Nævn kilden (CMM eller TIP-rapporten).",
        f"{outcome.en} {tip_en} Two series may fit: {why_en}, and the text does not name its "
        "source. Rule: the figure is checked against the Danish Centre against Human "
        "Trafficking's series; when it does not agree there but fits the TIP report or is "
        "written in its words, it is not checked. Name the source (CMM or the TIP report).",
        outcome.stored + tip_stored,
    )


PARALLEL_SERIES: Final[dict[str, tuple[str, ...]]] = {
    "persons_convicted_262a": ("persons_convicted_tip",),
    "persons_convicted_tip": ("persons_convicted_262a",),
    "persons_charged_262a": ("persons_prosecuted_tip",),
    "persons_indicted_262a": ("persons_prosecuted_tip",),
    "persons_prosecuted_tip": ("persons_charged_262a", "persons_indicted_262a"),
}
"""The prosecution series published twice: by the Director of Public Prosecutions under Penal
Code section 262 a (charged, indicted, convicted; calendar years) and by the US TIP report
(prosecuted, convicted; its reporting period, its own counting). A figure of one may be the
other's (docs/claims.md, "Two series")."""
PROSECUTION_TIP_WORDING: Final[dict[Language, tuple[str, ...]]] = {
    "da": (
        "TIP-rapport", "udenrigsministerium", "regeringen retsforfulgte",
        "myndighederne retsforfulgte", "regeringen dømte", "regeringen rapporterede",
        "myndighederne rapporterede",
    ),
    "en": (
        "TIP report", "Trafficking in Persons report", "State Department",
        "government prosecuted", "government convicted", "authorities prosecuted",
        "authorities convicted", "government reported", "authorities reported",
        "government initiated", "authorities initiated",
    ),
}  # fmt: skip
"""Words by which a sentence speaks as the TIP report does (matched by stem): a section 262 a
figure that does not agree in such a sentence is not called wrong."""


def parallel_series(
    figures: StoredFigures, candidate: Candidate, code: str, outcome: Outcome
) -> Outcome:
    """``outcome``, or ``not-checked`` when an ``inconsistent`` count of one prosecution series
    (:data:`PARALLEL_SERIES`) agrees with the parallel series' figure for its year, or is about
    a section 262 a series in the TIP report's words (:data:`PROSECUTION_TIP_WORDING`)."""
    parallel = PARALLEL_SERIES.get(code, ())
    if outcome.verdict != "inconsistent" or not parallel or candidate.kind not in _CLAIMS:
        return outcome
    found: list[StoredFigure] = []
    fits = False
    for quantity, year in zip(candidate.stated, candidate.years, strict=False):
        for other in parallel:
            if other not in figures.indicators:
                continue
            value = figures.lookup(other, figures.stated(other, year, None), quantity.breakdown)
            if not isinstance(value, PeriodValue) or value.value is None:
                continue
            found.append(figures.stored(other, value, quantity.breakdown))
            if agrees(quantity.written, quantity.decimals, value.value, quantity.qualifier):
                fits = True
    language = sentence_language(candidate.sentence.text, figures.language)
    worded = code.endswith("_262a") and stems.any_of(
        candidate.sentence.text, PROSECUTION_TIP_WORDING[language], language
    )
    if not (fits or worded):
        return outcome
    names_da = " og ".join(figures.indicators[o].name("da") for o in parallel)
    names_en = " and ".join(figures.indicators[o].name("en") for o in parallel)
    shown_da, shown_en = _shown(found)
    held_da = (
        f"Den parallelle serie har {shown_da}."
        if found
        else "Den parallelle serie har intet tal for året."
    )
    held_en = (
        f"The parallel series has {shown_en}."
        if found
        else "The parallel series holds no figure for the year."
    )
    why_da = "tallet passer med den parallelle serie" if fits else "ordlyden er TIP-rapportens"
    why_en = "the figure fits the parallel series" if fits else "the wording is the TIP report's"
    return not_checked(
        f"{outcome.da} Samme forhold tælles også i {names_da}. {held_da} To serier kan passe: "
        f"{why_da}. Regel: en straffesagsserie efter § 262 a og TIP-rapportens serie for det "
        "samme kan afvige; når tallet ikke passer i den ene, men passer i den anden eller er "
        "skrevet med TIP-rapportens ord, kontrolleres det ikke. Nævn kilden.",
        f"{outcome.en} The same thing is also counted in {names_en}. {held_en} Two series may "
        f"fit: {why_en}. Rule: a section 262 a series and the TIP report's series for the same "
        "thing can differ; when the figure does not agree with one but agrees with the other or "
        "is written in the TIP report's words, it is not checked. Name the source.",
        outcome.stored + tuple(found),
    )

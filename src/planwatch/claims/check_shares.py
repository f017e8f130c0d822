"""Checking ``share`` claims: the stored part over the stored whole of the year the sentence is
about, against the band the stated share and its qualifier allow (docs/claims.md, "Shares")."""

from __future__ import annotations

from decimal import Decimal

from planwatch.claims import fractions
from planwatch.claims.breakdowns import breakdown_text
from planwatch.claims.candidates import Candidate
from planwatch.claims.fractions import HUNDRED
from planwatch.claims.outcomes import Outcome, cite, not_checked, quote
from planwatch.claims.stored import Missing, StoredFigures
from planwatch.domain.vocab import Breakdown
from planwatch.formatting import Language, format_number


def check_share(figures: StoredFigures, candidate: Candidate, code: str) -> Outcome:
    """A share of the victims against part / whole stored for its year; ``inconsistent`` only
    when it is outside its band by more than the grey zone."""
    spec = candidate.share
    said_da, said_en = quote(candidate.text, "da"), quote(candidate.text, "en")
    if spec is None:  # pragma: no cover
        return not_checked("Andelen kontrolleres ikke.", "The share is not checked.")
    if spec.of_other:
        return not_checked(
            f"{said_da} er ikke en andel af ofrene (men fx af midler eller tid), så den "
            "kontrolleres ikke.",
            f"{said_en} is not a share of the victims (but e.g. of money or time), so it is "
            "not checked.",
        )
    if spec.unheld:
        return Outcome(
            "not-in-data",
            f"{said_da} er en andel af en opdeling, planwatch ikke har (fx nationalitet eller "
            "en anden aldersgruppe end under 18).",
            f"{said_en} is a share of a breakdown planwatch does not hold (e.g. nationality or "
            "an age band other than under 18).",
        )
    if spec.conflict or not spec.part_named:
        return not_checked(
            f"Det fremgår ikke entydigt, hvilken del af ofrene {said_da} gælder (køn, alder, "
            "udnyttelsesform), så andelen kontrolleres ikke.",
            f"The text does not make clear which part of the victims {said_en} is about (sex, "
            "age, form of exploitation), so the share is not checked.",
        )
    if not candidate.years:
        return not_checked(
            f"Der står ikke entydigt, hvilket år andelen {said_da} gælder.",
            f"The text does not say clearly which year the share {said_en} is for.",
        )
    year = candidate.years[0]
    period = figures.stated(code, year, candidate.quarters_of(year))
    found = [figures.lookup(code, period, b) for b in (spec.part, spec.whole)]
    what = [figures.what(code, period, b) for b in (spec.part, spec.whole)]
    for value, (da, en) in zip(found, what, strict=True):
        if isinstance(value, Missing):
            gap = value.gap in ("no-figure", "no-quarters")
            return Outcome(
                "not-in-data" if gap else "not-checked",
                f"Andelen {said_da} kræver {da}, men planwatch har intet sådant tal for perioden.",
                f"The share {said_en} needs {en}, but planwatch holds no such figure for the "
                "period.",
                years=(year,),
            )
    part, whole = (v for v in found if not isinstance(v, Missing))
    stored = (
        figures.stored(code, part, spec.part),
        figures.stored(code, whole, spec.whole),
    )
    if part.value is None or whole.value is None or whole.value == 0:
        return not_checked(
            "Tallene bag andelen vises ikke præcist i denne visning (små antal personer "
            "skjules), så andelen kontrolleres ikke.",
            "The figures behind the share are not shown exactly in this view (small counts of "
            "persons are suppressed), so the share is not checked.",
            stored,
        )
    share = HUNDRED * part.value / whole.value
    cited = cite(s for figure in stored for s in figure.sources)
    label = period.label("da"), period.label("en")
    basis_da = (
        f"{_of_text(spec.part, 'da')} i {label[0]}: {part.value} af "
        f"{whole.value} {_whole_text(spec.whole, 'da')} = {_pct(share, 'da')} ({cited})"
    )
    basis_en = (
        f"{_of_text(spec.part, 'en')} in {label[1]}: {part.value} of "
        f"{whole.value} {_whole_text(spec.whole, 'en')} = {_pct(share, 'en')} ({cited})"
    )
    rule_da = f"Regel: {said_da} tillader {fractions.band_text(spec, 'da')}."
    rule_en = f"Rule: {said_en} allows {fractions.band_text(spec, 'en')}."
    outside = fractions.distance_outside(share, spec)
    if fractions.inside(share, spec):
        return Outcome(
            "consistent", f"{basis_da}. {rule_da}", f"{basis_en}. {rule_en}", stored,
            years=(year,),
        )  # fmt: skip
    if outside <= fractions.grey_zone(spec):
        zone = format_number(fractions.grey_zone(spec), "da", 1)
        zone_en = format_number(fractions.grey_zone(spec), "en", 1)
        return not_checked(
            f"{basis_da}. {rule_da} Andelen ligger lige uden for (højst {zone} procentpoint), "
            "så den kaldes ikke forkert; skriv hellere det præcise tal.",
            f"{basis_en}. {rule_en} The share is just outside (by at most {zone_en} "
            "percentage points), so it is not called wrong; better write the exact figure.",
            stored,
        )
    return Outcome(
        "inconsistent",
        f"{basis_da}. {rule_da} Teksten siger {said_da}.",
        f"{basis_en}. {rule_en} The text says {said_en}.",
        stored,
        _pct(share, figures.language),
        years=(year,),
    )


def _pct(value: Decimal, language: Language) -> str:
    number = format_number(value, language, 1)
    return f"{number} pct." if language == "da" else f"{number} per cent"


def _of_text(part: Breakdown, language: Language) -> str:
    text = breakdown_text(part, language)
    return f"Andelen {text.lower()}" if language == "da" else f"The share {text.lower()}"


def _whole_text(whole: Breakdown, language: Language) -> str:
    text = breakdown_text(whole, language).lower()
    if language == "da":
        return f"({text})" if text else "i alt"
    return f"({text})" if text else "in all"

"""Checking ``count`` and ``from-to`` claims: each count against the stored figure for its
indicator, year and breakdown (docs/claims.md, "Which indicator" and "Tolerance")."""

from __future__ import annotations

from planwatch.claims.candidates import Candidate
from planwatch.claims.outcomes import (
    OTHER_REASONS,
    Outcome,
    cite,
    not_checked,
    quote,
    unit_da,
    verdict_of,
)
from planwatch.claims.quantities import Quantity
from planwatch.claims.stored import StoredFigures
from planwatch.claims.tolerance import agrees
from planwatch.figures import reporting
from planwatch.formatting import Language, format_number


def check_count(figures: StoredFigures, candidate: Candidate, code: str) -> Outcome:
    """A count against the stored figure for its year; not when the sentence leaves unclear
    which part of the victims it counts."""
    if candidate.note == "breakdown-unclear":
        return not_checked(
            "Sætningen nævner en del af ofrene (køn, alder, udnyttelsesform), men det fremgår "
            "ikke, om tallet gælder den del eller alle.",
            "The sentence names part of the victims (sex, age, form of exploitation), but not "
            "whether the figure is for that part or for all of them.",
        )
    return _count_of(figures, candidate.stated[0], candidate.years[:1], code)


def _count_of(
    figures: StoredFigures, quantity: Quantity, years: tuple[int, ...], code: str
) -> Outcome:
    """A count of the indicator ``code`` in the first of ``years``, for the part of the victims
    it names: in the indicator's unit, stored, and shown exactly in the view."""
    indicator = figures.indicators[code]
    if quantity.note == "breakdown":
        return not_checked(*OTHER_REASONS["breakdown"])
    if quantity.unit is not None and quantity.unit != indicator.unit:
        return not_checked(
            f"Teksten tæller {quote(quantity.unit_word or '', 'da')}, men "
            f"{indicator.name_da} måles i {unit_da(indicator.unit)}.",
            f"The text counts {quote(quantity.unit_word or '', 'en')} ({quantity.unit}), "
            f"but {indicator.name_en} is measured in {indicator.unit}.",
        )
    if not years:
        return not_checked(
            "Der står ikke, hvilket år tallet gælder.",
            "The text does not say which year the figure is for.",
        )
    year = years[0]
    breakdown = quantity.breakdown
    value = figures.series(code, breakdown).get(year)
    what_da, what_en = figures.what(code, year, breakdown)
    if value is None:
        return Outcome(
            "not-in-data",
            f"{what_da}: planwatch har intet tal.",
            f"{what_en}: planwatch holds no figure.",
            years=(year,),
        )
    stored = (figures.stored(code, value, breakdown),)
    if value.value is None:
        return not_checked(
            f"{what_da}: tallet vises ikke præcist i denne visning (små antal personer "
            f"skjules), så det kontrolleres ikke.",
            f"{what_en}: the figure is not shown exactly in this view (small counts of "
            f"persons are suppressed), so it is not checked.",
            stored,
        )
    actual = value.value
    shown = stored[0].shown
    cited = cite(stored[0].sources)
    source_da = f"{cited}; afventer godkendelse" if value.submitted else cited
    source_en = f"{cited}; awaiting approval" if value.submitted else cited
    if agrees(quantity.written, quantity.decimals, actual, quantity.qualifier):
        return Outcome(
            "consistent",
            f"{what_da}: planwatch har {shown} ({source_da}).",
            f"{what_en}: planwatch holds {shown} ({source_en}).",
            stored,
            years=(year,),
        )
    return Outcome(
        "inconsistent",
        f"{what_da}: teksten siger {quote(quantity.text, 'da')}, men planwatch har "
        f"{shown} ({source_da}).",
        f"{what_en}: the text says {quote(quantity.text, 'en')}, but planwatch holds "
        f"{shown} ({source_en}).",
        stored,
        shown,
        years=(year,),
    )


def check_from_to(figures: StoredFigures, candidate: Candidate, code: str) -> Outcome:
    """Both counts of *fra 73 i 2022 til 112 i 2023*, each against its year; the worst verdict
    of the two."""
    parts = [
        _count_of(figures, q, (year,), code)
        for q, year in zip(candidate.stated, candidate.years, strict=True)
    ]
    stored = tuple(s for p in parts for s in p.stored)
    da = " ".join(p.da for p in parts)
    en = " ".join(p.en for p in parts)
    for verdict in ("inconsistent", "not-in-data", "not-checked"):
        if any(p.verdict == verdict for p in parts):
            break
    else:
        verdict = "consistent"
    correct = None
    if verdict == "inconsistent" and all(s.value is not None for s in stored):
        first, second = (figures.series(code).get(y) for y in candidate.years)
        if first is not None and second is not None:
            correct = _from_to_text(figures.language, candidate.years, first, second)
    return Outcome(verdict_of(verdict), da, en, stored, correct)


def _from_to_text(
    language: Language,
    years: tuple[int, ...],
    first: reporting.YearValue,
    second: reporting.YearValue,
) -> str:
    a = format_number(first.value or 0, language)
    b = format_number(second.value or 0, language)
    if language == "da":
        return f"fra {a} i {years[0]} til {b} i {years[1]}"
    return f"from {a} in {years[0]} to {b} in {years[1]}"

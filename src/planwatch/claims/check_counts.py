"""Checking ``count`` and ``from-to`` claims: each count against the stored figure for its
indicator, period and breakdown (docs/claims.md, "Which indicator", "Tolerance" and "Parts of a
year")."""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from planwatch.claims.breakdowns import EVERY_FORM
from planwatch.claims.candidates import Candidate
from planwatch.claims.check_periods import (
    from_to_text,
    missing_outcome,
    partial_count,
    periods_apart,
)
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
from planwatch.claims.stored import Missing, PeriodValue, StoredFigures
from planwatch.claims.tolerance import agrees, figure_rule
from planwatch.domain.coverage import Coverage
from planwatch.domain.vocab import Breakdown

_PART_UNCLEAR: Final = (
    "Sætningen nævner en del af ofrene (køn, alder, udnyttelsesform), men det fremgår ikke, om "
    "tallet gælder den del eller alle.",
    "The sentence names part of the victims (sex, age, form of exploitation), but not whether "
    "the figure is for that part or for all of them.",
)


def check_count(figures: StoredFigures, candidate: Candidate, code: str) -> Outcome:
    """A count against the stored figure for its period; not when the sentence leaves unclear
    which part of the victims it counts."""
    if candidate.note == "breakdown-unclear":
        return not_checked(*_PART_UNCLEAR)
    if not candidate.years:
        return _count_of(figures, candidate.stated[0], None, code)
    year = candidate.years[0]
    period = figures.stated(code, year, candidate.quarters_of(year))
    return _count_of(figures, candidate.stated[0], period, code)


def _count_of(
    figures: StoredFigures, quantity: Quantity, period: Coverage | None, code: str
) -> Outcome:
    """A count of the indicator ``code`` in ``period`` (a year, or quarters of it), for the part
    of the victims it names: in the indicator's unit, stored for that period, and shown exactly
    in the view."""
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
    if period is None:
        return not_checked(
            "Der står ikke, hvilket år tallet gælder.",
            "The text does not say which year the figure is for.",
        )
    breakdown = quantity.breakdown
    found = figures.lookup(code, period, breakdown)
    if isinstance(found, Missing):
        if found.gap == "not-complete" and found.year is not None:
            return partial_count(figures, code, quantity, found.year, breakdown)
        return missing_outcome(figures, code, found, breakdown)
    what_da, what_en = figures.what(code, period, breakdown)
    stored = (figures.stored(code, found, breakdown),)
    years = (period.year,)
    if found.value is None:
        return not_checked(
            f"{what_da}: tallet vises ikke præcist i denne visning (små antal personer "
            f"skjules), så det kontrolleres ikke.",
            f"{what_en}: the figure is not shown exactly in this view (small counts of "
            f"persons are suppressed), so it is not checked.",
            stored,
        )
    shown = stored[0].shown
    cited = cite(stored[0].sources)
    source_da = f"{cited}; afventer godkendelse" if found.year.submitted else cited
    source_en = f"{cited}; awaiting approval" if found.year.submitted else cited
    rule_da, rule_en = figure_rule(quantity.text, quantity.decimals, quantity.qualifier)
    if _far_apart(quantity.written, found.value):
        return not_checked(
            f"{what_da}: planwatch har {shown} ({source_da}), og teksten siger "
            f"{quote(quantity.text, 'da')}. Så langt fra hinanden er tallet nok et andet mål (en "
            f"anden periode, et andet sted eller en anden gruppe) end det, planwatch har; det "
            f"kaldes ikke forkert.",
            f"{what_en}: planwatch holds {shown} ({source_en}), and the text says "
            f"{quote(quantity.text, 'en')}. That far apart, the figure is likely another measure "
            f"(another period, place or group) than the one planwatch holds; it is not called "
            f"wrong.",
            stored,
        )
    if agrees(quantity.written, quantity.decimals, found.value, quantity.qualifier):
        return Outcome(
            "consistent",
            f"{what_da}: planwatch har {shown} ({source_da}). {rule_da}",
            f"{what_en}: planwatch holds {shown} ({source_en}). {rule_en}",
            stored,
            years=years,
        )
    if quantity.note == "every-form" and not _not_the_forms(
        figures, code, period, quantity.written
    ):
        return not_checked(
            f"{what_da}: teksten siger {quote(quantity.text, 'da')}, og planwatch har "
            f"{shown} ({source_da}). Sætningen nævner alle udnyttelsesformer, så tallet læses "
            f"som det samlede antal, men det kan også være summen af netop de nævnte former, "
            f"og den har planwatch ikke (eller den passer); det kaldes ikke forkert.",
            f"{what_en}: the text says {quote(quantity.text, 'en')}, and planwatch holds "
            f"{shown} ({source_en}). The sentence names every form of exploitation, so the "
            f"figure is read as the total, but it may also be the sum of just the forms named, "
            f"which planwatch does not hold (or which fits); it is not called wrong.",
            stored,
        )
    return Outcome(
        "inconsistent",
        f"{what_da}: teksten siger {quote(quantity.text, 'da')}, men planwatch har "
        f"{shown} ({source_da}). {rule_da}",
        f"{what_en}: the text says {quote(quantity.text, 'en')}, but planwatch holds "
        f"{shown} ({source_en}). {rule_en}",
        stored,
        shown,
        years=years,
    )


def _not_the_forms(figures: StoredFigures, code: str, period: Coverage, stated: Decimal) -> bool:
    """Whether a count followed by a list of every form of exploitation, not the total, is not
    the sum of those forms either: it is more than the total (the forms cannot add up to more),
    or planwatch holds each form exactly and their sum is another figure (docs/claims.md,
    "Every form of exploitation listed")."""
    total = figures.lookup(code, period)
    if isinstance(total, PeriodValue) and total.value is not None and stated > total.value:
        return True
    values = []
    for form in sorted(EVERY_FORM):
        found = figures.lookup(code, period, Breakdown(exploitation=form))
        if not isinstance(found, PeriodValue) or found.value is None:
            return False
        values.append(found.value)
    return sum(values, Decimal(0)) != stated


FAR_APART: Final = Decimal(3)
"""A stated count more than this many times the stored one, or less than its share, is not
judged: a figure that far off is nearly always about something else (the years together, an
age band, a nationality, another country), not a wrong figure for the same thing, and a false
"inconsistent" on a true sentence is the worst outcome (docs/claims.md, "Tolerance")."""


def _far_apart(stated: Decimal, stored: Decimal) -> bool:
    low, high = sorted((abs(stated), abs(stored)))
    return high > 0 and (low == 0 or high / low > FAR_APART)


def check_from_to(figures: StoredFigures, candidate: Candidate, code: str) -> Outcome:
    """Both counts of *fra 73 i 2022 til 112 i 2023*, each against its period; the worst
    verdict of the two, and ``inconsistent`` when the two periods are not comparable (a part
    of a year against a whole year: docs/claims.md, "Parts of a year"). Not when the sentence
    leaves unclear which part of the victims they count (*Antallet af mænd … steg fra 21 i 2020
    til 37 i 2021*)."""
    if candidate.note == "breakdown-unclear":
        return not_checked(*_PART_UNCLEAR)
    periods = tuple(
        figures.stated(code, year, candidate.quarters_of(year)) for year in candidate.years
    )
    parts = [
        _count_of(figures, q, period, code)
        for q, period in zip(candidate.stated, periods, strict=True)
    ]
    stored = tuple(s for p in parts for s in p.stored)
    da = " ".join(p.da for p in parts)
    en = " ".join(p.en for p in parts)
    apart = None
    if len(periods) == 2:
        breakdown = candidate.stated[0].breakdown
        apart = periods_apart(figures, code, (periods[0], periods[1]), breakdown)
    if apart is not None:
        statement = apart.statement
        right = apart.outcome.correct
        if statement is not None and statement.base is not None:
            right = from_to_text(
                figures.language,
                (statement.base.value, statement.base.coverage),
                (statement.now, statement.period),
            )
        return Outcome(
            "inconsistent",
            f"{da} {apart.outcome.da}",
            f"{en} {apart.outcome.en}",
            stored,
            right,
        )
    for verdict in ("inconsistent", "not-in-data", "not-checked"):
        if any(p.verdict == verdict for p in parts):
            break
    else:
        verdict = "consistent"
    correct = None
    if verdict == "inconsistent" and all(s.value is not None for s in stored):
        found = [
            figures.lookup(code, period, q.breakdown)
            for q, period in zip(candidate.stated, periods, strict=True)
        ]
        values = [f for f in found if isinstance(f, PeriodValue) and f.value is not None]
        if len(values) == 2:
            correct = from_to_text(
                figures.language,
                (values[0].value or Decimal(0), values[0].coverage),
                (values[1].value or Decimal(0), values[1].coverage),
            )
    return Outcome(verdict_of(verdict), da, en, stored, correct)

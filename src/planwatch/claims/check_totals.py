"""Checking the claims about several years at once (docs/claims.md, "Totals and ranges"):
``total`` against the cumulative indicator's value at the span's end year (a stock counted from
its first year) or the sum of the yearly values when planwatch holds every year of the span,
never against one year's value; ``range`` against every year's value."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from planwatch.claims.candidates import Candidate
from planwatch.claims.outcomes import Outcome, cite, figure_text, not_checked, quote, unit_da
from planwatch.claims.quantities import Quantity
from planwatch.claims.report import StoredFigure
from planwatch.claims.stored import PeriodValue, StoredFigures
from planwatch.claims.tolerance import agrees
from planwatch.domain.coverage import Coverage
from planwatch.domain.indicators import Aggregation
from planwatch.domain.vocab import TOTAL, Breakdown
from planwatch.formatting import Language


@dataclass(frozen=True, slots=True)
class Cumulative:
    """A stock that counts a flow from its first year to the end of each year (``code``), and
    the first year it counts (``since``)."""

    code: str
    since: int


CUMULATIVE: Final[dict[str, Cumulative]] = {
    "victims_assessed": Cumulative("victims_assessed_cumulative", 2007),
}
"""The cumulative indicator of a yearly one: *Vurderede ofre i alt siden 2007* counts
*Vurderede ofre for menneskehandel* from 2007 (its definition in indicators.csv)."""
_YEARLY_OF: Final = {c.code: code for code, c in CUMULATIVE.items()}

TOTAL_RULE: Final = (
    "Regel: et tal for flere år tilsammen kontrolleres mod det samlede tal ved periodens "
    "slutning eller mod summen af årenes tal, aldrig mod ét års tal.",
    "Rule: a figure for several years together is checked against the cumulative figure at the "
    "end of the period or the sum of the years' figures, never against one year's figure.",
)
OPEN_END_RULE: Final = (
    "Regel: et tal siden et år uden slutår gælder til det år, teksten blev skrevet; det "
    "holder, når det er tallet ved udgangen af et år, planwatch har.",
    "Rule: a figure since a year with no end year runs to when the text was written; it holds "
    "when it is the figure at the end of a year planwatch holds.",
)
RANGE_RULE: Final = (
    "Regel: et interval holder, når hvert års tal ligger i intervallet (grænserne medregnet).",
    "Rule: a range holds when every year's figure lies within it (bounds included).",
)


def check_total(figures: StoredFigures, candidate: Candidate, code: str) -> Outcome:
    """A count over a span of years: the cumulative figure at its end year when the span
    starts where the cumulative indicator does, else the sum of the years when planwatch holds
    each of them, else ``not-in-data`` with the reason."""
    quantity = candidate.stated[0]
    yearly = _YEARLY_OF.get(code, code)
    refused = span_refusal(
        figures, candidate, yearly, ("flere år tilsammen", "several years together")
    )
    if refused is not None:
        return refused
    first = candidate.years[0]
    values = figures.complete_values(yearly)
    last = candidate.years[-1] if not candidate.open_end else max(values, default=first)
    if last <= first:
        return Outcome(
            "not-in-data",
            f"{figures.indicators[yearly].name_da} efter {first}: planwatch har intet tal.",
            f"{figures.indicators[yearly].name_en} after {first}: planwatch holds no figure.",
        )
    breakdown = quantity.breakdown
    open_da = f" (til det seneste hele år, planwatch har tal for: {last})" * candidate.open_end
    open_en = f" (up to the latest whole year planwatch holds figures for: {last})" * (
        candidate.open_end
    )
    span_da, span_en = f"{first}-{last}{open_da}", f"{first}-{last}{open_en}"
    found_or_gap = _settled(figures, yearly, first, last, breakdown)
    if isinstance(found_or_gap, Outcome):
        return found_or_gap
    found = found_or_gap
    value, stored, what_da, what_en = found
    cited = cite(s for f in stored for s in f.sources)
    facts_da = f"{what_da}: {figure_text(value, 'da')} ({cited})."
    facts_en = f"{what_en}: {figure_text(value, 'en')} ({cited})."
    rule_da, rule_en = TOTAL_RULE
    if agrees(quantity.written, quantity.decimals, value, quantity.qualifier):
        return Outcome(
            "consistent",
            f"{span_da}: {facts_da} {rule_da}",
            f"{span_en}: {facts_en} {rule_en}",
            stored,
            years=(first, last),
        )
    if candidate.open_end:
        earlier = _open_end(figures, candidate, yearly, first, last, found)
        if earlier is not None:
            return earlier
    single = {v for y, v in values.items() if first <= y <= last}
    if candidate.note != "total-word" and quantity.written in single:
        return not_checked(
            f"{quote(quantity.text, 'da')} er ét års tal i perioden {span_da}, ikke tallet for "
            f"perioden tilsammen; skriv hvilket år, eller »i alt«. {facts_da}",
            f"{quote(quantity.text, 'en')} is one year's figure within {span_en}, not the "
            f"figure for the period together; name the year, or write “in total”. {facts_en}",
            stored,
        )
    return Outcome(
        "inconsistent",
        f"{span_da}: teksten siger {quote(quantity.text, 'da')}, men {facts_da} {rule_da}",
        f"{span_en}: the text says {quote(quantity.text, 'en')}, but {facts_en} {rule_en}",
        stored,
        figure_text(value, figures.language),
        years=(first, last),
    )


def span_refusal(
    figures: StoredFigures, candidate: Candidate, code: str, what: tuple[str, str]
) -> Outcome | None:
    """Why a figure about several years (``what``: *flere år tilsammen*, *several years
    together*) is not checked, or ``None``: only for an indicator counted per year, a count
    without a note, whole years and the indicator's unit."""
    quantity = candidate.stated[0]
    if figures.indicators[code].aggregation is not Aggregation.FLOW or quantity.note:
        return not_checked(
            f"Et tal for {what[0]} kontrolleres kun for indikatorer, der tæller pr. år.",
            f"A figure for {what[1]} is checked only for indicators counted per year.",
        )
    if any(q is not None for _, q in candidate.quarters):
        return not_checked(
            f"Et tal for {what[0]} kontrolleres kun for hele år.",
            f"A figure for {what[1]} is checked only for whole years.",
        )
    return unit_mismatch(figures, code, quantity)


Found = tuple[Decimal, tuple[StoredFigure, ...], str, str]


def _settled(
    figures: StoredFigures, yearly: str, first: int, last: int, breakdown: Breakdown
) -> Found | Outcome:
    """The figure a total over ``first``-``last`` is checked against: the cumulative
    indicator's value at ``last`` when the span starts where it counts from, else the sum of
    the years (or why neither can be had)."""
    cumulative = CUMULATIVE.get(yearly)
    if cumulative is not None and first == cumulative.since and breakdown == TOTAL:
        held = figures.lookup(cumulative.code, Coverage(last))
        if isinstance(held, PeriodValue) and held.value is not None:
            return (
                held.value,
                (figures.stored(cumulative.code, held),),
                f"{figures.indicators[cumulative.code].name_da} ved udgangen af {last}",
                f"{figures.indicators[cumulative.code].name_en} at the end of {last}",
            )
    return _sum(figures, yearly, first, last, breakdown)


def _open_end(
    figures: StoredFigures, candidate: Candidate, yearly: str, first: int, last: int, latest: Found
) -> Outcome | None:
    """A total *since* a year with no end year (*siden 2007 i alt 511*) was true when its text
    was written, which the text does not say: consistent when it is the figure at the end of
    any year planwatch holds; inconsistent only when it is more than the latest figure (a
    total that only grows was never that high); else ``not-checked``, never judged against
    today's figure alone."""
    quantity = candidate.stated[0]
    for end in range(last - 1, first, -1):
        found = _settled(figures, yearly, first, end, quantity.breakdown)
        if isinstance(found, Outcome):
            continue
        value, stored, what_da, what_en = found
        if agrees(quantity.written, quantity.decimals, value, quantity.qualifier):
            cited = cite(s for f in stored for s in f.sources)
            rule_da, rule_en = OPEN_END_RULE
            return Outcome(
                "consistent",
                f"{first}-{end}: {what_da}: {figure_text(value, 'da')} ({cited}). {rule_da}",
                f"{first}-{end}: {what_en}: {figure_text(value, 'en')} ({cited}). {rule_en}",
                stored,
                years=(first, end),
            )
    value, stored, what_da, what_en = latest
    if quantity.written > value and quantity.qualifier in ("exact", "approx"):
        return None  # more than the latest total: inconsistent, as for a closed span
    cited = cite(s for f in stored for s in f.sources)
    return not_checked(
        f"Teksten siger ikke, til hvilket år tallet siden {first} gælder, og det er ikke tallet "
        f"ved udgangen af noget år, planwatch har; {what_da}: {figure_text(value, 'da')} "
        f"({cited}).",
        f"The text does not say up to which year its figure since {first} runs, and it is not "
        f"the figure at the end of any year planwatch holds; {what_en}: "
        f"{figure_text(value, 'en')} ({cited}).",
        stored,
    )


Held = tuple[int, int, dict[int, Decimal], tuple[StoredFigure, ...]]


def years_held(
    figures: StoredFigures,
    candidate: Candidate,
    code: str,
    breakdown: Breakdown,
    what: tuple[str, str],
) -> Held | Outcome:
    """Each year's figure of a claim about every year of its span (a range, a figure for each
    year): the first and last year (an open span runs to the latest complete year), each
    year's value and the stored figures; ``not-in-data`` when planwatch lacks a year,
    ``not-checked`` when one is not shown exactly in this view. ``what`` names the claim in
    the message (*intervallet*, *the range*)."""
    first = candidate.years[0]
    values = figures.complete_values(code)
    last = candidate.years[-1] if not candidate.open_end else max(values, default=first)
    found = {y: figures.lookup(code, Coverage(y), breakdown) for y in range(first, last + 1)}
    missing = [y for y, f in found.items() if not isinstance(f, PeriodValue)]
    indicator = figures.indicators[code]
    if missing:
        return Outcome(
            "not-in-data",
            f"{indicator.name_da}: planwatch har ikke tal for {year_runs(missing)}, så "
            f"{what[0]} kan ikke kontrolleres.",
            f"{indicator.name_en}: planwatch holds no figure for {year_runs(missing)}, so "
            f"{what[1]} cannot be checked.",
            years=(first, last),
        )
    held = {y: f for y, f in found.items() if isinstance(f, PeriodValue)}
    stored = tuple(figures.stored(code, f, breakdown) for f in held.values())
    shown = {y: f.value for y, f in held.items() if f.value is not None}
    if len(shown) < len(held):
        return not_checked(
            "Et af årenes tal vises ikke præcist i denne visning.",
            "One of the years' figures is not shown exactly in this view.",
            stored,
        )
    return first, last, shown, stored


def figures_between(lowest: Decimal, highest: Decimal, language: Language) -> str:
    """The years' own range, the correction of a range or bound they break: *mellem 64 og
    112*, *between 64 and 112*, or the one figure when all are equal."""
    low, high = figure_text(lowest, language), figure_text(highest, language)
    if lowest == highest:
        return low
    return f"mellem {low} og {high}" if language == "da" else f"between {low} and {high}"


def year_runs(years: list[int]) -> str:
    """``2007-2014, 2016`` for 2007, 2008, …, 2014, 2016 (in order)."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def unit_mismatch(figures: StoredFigures, code: str, quantity: Quantity) -> Outcome | None:
    """``not-checked`` when a count names a unit the indicator is not measured in (*39
    opkald* for persons assessed as victims)."""
    indicator = figures.indicators[code]
    if quantity.unit is None or quantity.unit == indicator.unit:
        return None
    return not_checked(
        f"Teksten tæller {quote(quantity.unit_word or '', 'da')}, men {indicator.name_da} måles "
        f"i {unit_da(indicator.unit)}.",
        f"The text counts {quote(quantity.unit_word or '', 'en')}, but {indicator.name_en} is "
        f"measured in {indicator.unit}.",
    )


def _why_not_cumulative(
    figures: StoredFigures, cumulative: Cumulative, first: int, last: int
) -> tuple[str, str]:
    """Why the cumulative figure does not settle a total for ``first``-``last``: it counts from
    another year, or (counting from ``first``) planwatch does not hold it for ``last``, with
    the years it does hold."""
    indicator = figures.indicators[cumulative.code]
    if cumulative.since != first:
        return (
            f" Det samlede tal ({indicator.name_da}) tæller fra {cumulative.since}, ikke fra "
            f"{first}.",
            f" The cumulative figure ({indicator.name_en}) counts from {cumulative.since}, not "
            f"from {first}.",
        )
    held = year_runs(sorted(figures.complete_values(cumulative.code)))
    return (
        f" Det samlede tal ({indicator.name_da}) har planwatch ikke for {last}"
        + (f", kun for {held}." if held else "."),
        f" planwatch does not hold the cumulative figure ({indicator.name_en}) for {last}"
        + (f", only for {held}." if held else "."),
    )


def _sum(
    figures: StoredFigures, code: str, first: int, last: int, breakdown: Breakdown
) -> tuple[Decimal, tuple[StoredFigure, ...], str, str] | Outcome:
    """The sum of the yearly values ``first``-``last``, or ``not-in-data`` naming the years
    planwatch does not hold (or ``not-checked`` when the view hides one)."""
    found = {y: figures.lookup(code, Coverage(y), breakdown) for y in range(first, last + 1)}
    missing = [y for y, f in found.items() if not isinstance(f, PeriodValue)]
    indicator = figures.indicators[code]
    if missing:
        years = year_runs(missing)
        cumulative = CUMULATIVE.get(code)
        why_da = why_en = ""
        if cumulative is not None:
            why_da, why_en = _why_not_cumulative(figures, cumulative, first, last)
        return Outcome(
            "not-in-data",
            f"{indicator.name_da} {first}-{last} tilsammen: planwatch har ikke tal for alle år "
            f"(mangler {years}), så summen kan ikke beregnes.{why_da}",
            f"{indicator.name_en} {first}-{last} together: planwatch does not hold every year "
            f"(missing {years}), so the sum cannot be worked out.{why_en}",
            years=(first, last),
        )
    held = [f for f in found.values() if isinstance(f, PeriodValue)]
    stored = tuple(figures.stored(code, f, breakdown) for f in held)
    if any(f.value is None for f in held):
        return not_checked(
            "Et af årenes tal vises ikke præcist i denne visning, så summen kontrolleres ikke.",
            "One of the years' figures is not shown exactly in this view, so the sum is not "
            "checked.",
            stored,
        )
    total = sum((f.value or Decimal(0) for f in held), Decimal(0))
    return (
        total,
        stored,
        f"summen af {indicator.name_da} {first}-{last}",
        f"the sum of {indicator.name_en} {first}-{last}",
    )


def check_range(figures: StoredFigures, candidate: Candidate, code: str) -> Outcome:
    """*mellem 73 og 80 om året* in 2020-2022: every year's figure within the range; a range
    over a span that does not say *om året* / *a year* and does not hold is ``not-checked``
    (it may be meant as a total)."""
    low, high = candidate.stated
    if not candidate.years:
        return not_checked(
            "Der står ikke, hvilke år intervallet gælder.",
            "The text does not say which years the range is for.",
        )
    unit = unit_mismatch(figures, code, low) or unit_mismatch(figures, code, high)
    if unit is not None:
        return unit
    held = years_held(figures, candidate, code, low.breakdown, ("intervallet", "the range"))
    if isinstance(held, Outcome):
        return held
    first, last, shown, stored = held
    lowest, highest = min(shown.values()), max(shown.values())
    indicator = figures.indicators[code]
    period = f"{first}" if first == last else f"{first}-{last}"
    lang = figures.language
    cited = cite(s for f in stored for s in f.sources)
    facts_da = (
        f"{indicator.name_da} {period}: fra {figure_text(lowest, 'da')} til "
        f"{figure_text(highest, 'da')} ({cited})."
    )
    facts_en = (
        f"{indicator.name_en} {period}: from {figure_text(lowest, 'en')} to "
        f"{figure_text(highest, 'en')} ({cited})."
    )
    rule_da, rule_en = RANGE_RULE
    years = (first,) if first == last else (first, last)
    if low.value <= lowest and highest <= high.value:
        return Outcome(
            "consistent", f"{facts_da} {rule_da}", f"{facts_en} {rule_en}", stored, years=years
        )
    if first != last and candidate.note != "per-year":
        return not_checked(
            f"Det fremgår ikke, om intervallet gælder hvert år eller årene tilsammen. {facts_da}",
            f"The text does not say whether the range is for each year or the years together. "
            f"{facts_en}",
            stored,
        )
    right = figures_between(lowest, highest, lang)
    return Outcome(
        "inconsistent",
        f"Teksten siger {quote(candidate.text, 'da')}. {facts_da} {rule_da}",
        f"The text says {quote(candidate.text, 'en')}. {facts_en} {rule_en}",
        stored,
        right,
        years=years,
    )

"""Checking a figure said of each year of a span (docs/claims.md, "Totals and ranges"): *hvert
år siden 2019 er mindst 64 personer blevet vurderet …*, *over 60 om året*, *at least 64 every
year since 2019*. It is checked against every year's figure, never against the years' sum: a
bound (*mindst, over, højst, under …*) holds when every year's figure is within it; a figure
without one (*omkring 80 om året*) may be an average, so it is checked only when every year
agrees with it."""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from planwatch.claims.candidates import Candidate
from planwatch.claims.check_totals import (
    Held,
    figures_between,
    span_refusal,
    year_runs,
    years_held,
)
from planwatch.claims.outcomes import Outcome, cite, figure_text, not_checked, quote
from planwatch.claims.stored import StoredFigures
from planwatch.claims.tolerance import agrees
from planwatch.formatting import format_number, round_half_up

BOUNDS: Final = frozenset({"more", "at-least", "less", "at-most"})
"""The qualifiers that make a figure a bound every year must keep (*over, mindst, under, højst*
and their English words)."""

EACH_YEAR_RULE: Final = (
    "Regel: et tal for hvert år i en periode holder, når hvert års tal stemmer med det; det "
    "sammenlignes aldrig med årenes sum.",
    "Rule: a figure for each year of a period holds when every year's figure agrees with it; "
    "it is never compared with the years' sum.",
)


def check_each_year(figures: StoredFigures, candidate: Candidate, code: str) -> Outcome:
    """Every year of the span against the stated figure and its qualifier."""
    quantity = candidate.stated[0]
    indicator = figures.indicators[code]
    refused = span_refusal(
        figures, candidate, code, ("hvert år i en periode", "each year of a period")
    )
    if refused is not None:
        return refused
    held = years_held(figures, candidate, code, quantity.breakdown, ("tallet", "the figure"))
    if isinstance(held, Outcome):
        return held
    first, last, shown, stored = held
    if candidate.note == "average":
        return _average(figures, candidate, code, held)
    off = [
        year
        for year, value in shown.items()
        if not agrees(quantity.written, quantity.decimals, value, quantity.qualifier)
    ]
    lowest, highest = min(shown, key=shown.__getitem__), max(shown, key=shown.__getitem__)
    cited = cite(s for f in stored for s in f.sources)
    low_da, high_da = figure_text(shown[lowest], "da"), figure_text(shown[highest], "da")
    low_en, high_en = figure_text(shown[lowest], "en"), figure_text(shown[highest], "en")
    facts_da = (
        f"{indicator.name_da} {first}-{last}: lavest {low_da} ({lowest}), højest {high_da} "
        f"({highest}) ({cited})."
    )
    facts_en = (
        f"{indicator.name_en} {first}-{last}: lowest {low_en} ({lowest}), highest {high_en} "
        f"({highest}) ({cited})."
    )
    rule_da, rule_en = EACH_YEAR_RULE
    years = (first, last)
    if not off:
        return Outcome(
            "consistent", f"{facts_da} {rule_da}", f"{facts_en} {rule_en}", stored, years=years
        )
    if quantity.qualifier not in BOUNDS:
        return not_checked(
            f"{quote(candidate.text, 'da')} om året kan være et gennemsnit; årenes tal er "
            f"forskellige. {facts_da}",
            f"{quote(candidate.text, 'en')} a year may be an average; the years' figures "
            f"differ. {facts_en}",
            stored,
        )
    return Outcome(
        "inconsistent",
        f"Teksten siger {quote(candidate.text, 'da')} hvert år; det holder ikke for "
        f"{year_runs(off)}. {facts_da} {rule_da}",
        f"The text says {quote(candidate.text, 'en')} every year; that does not hold for "
        f"{year_runs(off)}. {facts_en} {rule_en}",
        stored,
        figures_between(shown[lowest], shown[highest], figures.language),
        years=years,
    )


AVERAGE_RULE: Final = (
    "Regel: et gennemsnit for en periode er summen af årenes tal delt med antallet af år; et "
    "rundt tal (80) må være rundet til tiere.",
    "Rule: an average for a period is the sum of the years' figures divided by the number of "
    "years; a round figure (80) may be rounded to tens.",
)


def _average(figures: StoredFigures, candidate: Candidate, code: str, held: Held) -> Outcome:
    """*i gennemsnit godt 80 om året* from 2019 to 2023: the mean of the years' figures (81.2).
    Over a span *siden 2019* with no end year the text may have been written before the latest
    year: a mean that disagrees is then not checked, as a total since a year is not."""
    first, last, shown, stored = held
    quantity = candidate.stated[0]
    mean = sum(shown.values(), Decimal(0)) / len(shown)
    indicator = figures.indicators[code]
    cited = cite(s for f in stored for s in f.sources)
    mean_da, mean_en = format_number(mean, "da", 1), format_number(mean, "en", 1)
    facts_da = f"{indicator.name_da} {first}-{last}: i gennemsnit {mean_da} om året ({cited})."
    facts_en = f"{indicator.name_en} {first}-{last}: on average {mean_en} a year ({cited})."
    rule_da, rule_en = AVERAGE_RULE
    said, places = quantity.written, quantity.decimals
    rounded = quantity.qualifier == "exact" and places == 0 and said % 10 == 0 and said > 0
    if agrees(said, places, mean, quantity.qualifier) or (
        rounded and round_half_up(mean, -1) == said  # *i gennemsnit 80 om året* for 81.2
    ):
        return Outcome(
            "consistent",
            f"{facts_da} {rule_da}",
            f"{facts_en} {rule_en}",
            stored,
            years=(first, last),
        )
    if candidate.open_end:
        return not_checked(
            f"Teksten siger ikke, til hvilket år gennemsnittet siden {first} gælder. {facts_da}",
            f"The text does not say up to which year the average since {first} runs. {facts_en}",
            stored,
        )
    return Outcome(
        "inconsistent",
        f"Teksten siger {quote(candidate.text, 'da')} i gennemsnit. {facts_da} {rule_da}",
        f"The text says {quote(candidate.text, 'en')} on average. {facts_en} {rule_en}",
        stored,
        mean_da if figures.language == "da" else mean_en,
        years=(first, last),
    )

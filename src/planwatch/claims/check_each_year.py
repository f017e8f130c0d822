"""Checking a figure said of each year of a span (docs/claims.md, "Totals and ranges"): *hvert
år siden 2019 er mindst 64 personer blevet vurderet …*, *over 60 om året*, *at least 64 every
year since 2019*. It is checked against every year's figure, never against the years' sum: a
bound (*mindst, over, højst, under …*) holds when every year's figure is within it; a figure
without one (*omkring 80 om året*) may be an average, so it is checked only when every year
agrees with it."""

from __future__ import annotations

from typing import Final

from planwatch.claims.candidates import Candidate
from planwatch.claims.check_totals import unit_mismatch, year_runs, years_held
from planwatch.claims.outcomes import Outcome, cite, figure_text, not_checked, quote
from planwatch.claims.stored import StoredFigures
from planwatch.claims.tolerance import agrees
from planwatch.domain.indicators import Aggregation

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
    if indicator.aggregation is not Aggregation.FLOW or quantity.note:
        return not_checked(
            "Et tal for hvert år i en periode kontrolleres kun for indikatorer, der tæller pr. år.",
            "A figure for each year of a period is checked only for indicators counted per year.",
        )
    if any(q is not None for _, q in candidate.quarters):
        return not_checked(
            "Et tal for hvert år i en periode kontrolleres kun for hele år.",
            "A figure for each year of a period is checked only for whole years.",
        )
    unit = unit_mismatch(figures, code, quantity)
    if unit is not None:
        return unit
    held = years_held(figures, candidate, code, quantity.breakdown, ("tallet", "the figure"))
    if isinstance(held, Outcome):
        return held
    first, last, shown, stored = held
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
        f"mellem {low_da} og {high_da}"
        if figures.language == "da"
        else f"between {low_en} and {high_en}",
        years=years,
    )

"""Checking a change said of each year (docs/claims.md, "Changes each year"): *steget med
omkring 12 personer om året siden 2019*, *has risen by 15 percent a year*, *every year since
2019 … increased by at least 5*. Such a change is never the change from the first year to the
last (that was a false alarm on true sentences: 48 more from 2019 to 2023 is 12 a year).

*Om året / a year / annually* reads it as a rate: the average yearly difference, or the
compound yearly growth for a per cent. *Hvert år / every year / each year* reads it as every
year's own change. It is ``consistent`` when its reading holds; otherwise ``not-checked`` with
both the average and every year's change: which one a writer meant is not certain, so a change
a year is never judged inconsistent."""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from planwatch.claims.candidates import Candidate
from planwatch.claims.outcomes import Outcome, cite, figure_text, not_checked
from planwatch.claims.report import StoredFigure
from planwatch.claims.stored import PeriodValue, StoredFigures
from planwatch.claims.tolerance import agrees
from planwatch.domain.coverage import Coverage
from planwatch.formatting import Language, format_number, percent_change

LANGUAGES: Final[tuple[Language, Language]] = ("da", "en")
RATE_NOTES: Final = frozenset({"per-year", "every-year"})
"""The notes :mod:`planwatch.claims.extraction` gives a change or difference said of each
year: ``per-year`` (*om året*, a rate) and ``every-year`` (*hvert år*, each year's own)."""


def check_a_year(
    figures: StoredFigures,
    candidate: Candidate,
    code: str,
    span: tuple[Coverage, Coverage],
    stored: tuple[StoredFigure, ...],
    *,
    percent: bool,
) -> Outcome:
    """A change (``percent``) or difference said of each year, between the two periods of
    ``span`` (whole years): consistent when its reading holds, else ``not-checked``."""
    old, new = span
    years = new.year - old.year
    if years < 1 or old.quarters is not None or new.quarters is not None:
        return not_checked(
            "En ændring om året kontrolleres kun mellem to hele år.",
            "A change a year is checked only between two whole years.",
            stored,
        )
    values = {
        y: found.value
        for y in range(old.year, new.year + 1)
        if isinstance(found := figures.lookup(code, Coverage(y)), PeriodValue)
        and found.value is not None
    }
    first, last = values.get(old.year), values.get(new.year)
    if first is None or last is None or (percent and first <= 0):
        return not_checked(
            "Ændringen om året kan ikke beregnes af de tal, planwatch har.",
            "The change a year cannot be computed from the figures planwatch holds.",
            stored,
        )
    average = _average(first, last, years, percent)
    steps = [
        _step(values[y - 1], values[y], percent)
        for y in range(old.year + 1, new.year + 1)
        if y - 1 in values and y in values
    ]
    complete = len(steps) == years and None not in steps
    quantity = candidate.stated[0]

    def holds(actual: Decimal | None) -> bool:
        if actual is None:
            return False
        said = candidate.direction
        direction = said == 0 or actual == 0 or (actual > 0) == (said > 0)
        size = agrees(abs(quantity.value), quantity.decimals, abs(actual), quantity.qualifier)
        return direction and size

    every = candidate.note == "every-year"
    ok = all(holds(s) for s in steps) if every and complete else not every and holds(average)
    cited = cite(s for f in stored for s in f.sources)
    shown = steps if complete else []
    facts = {
        lang: _facts(lang, (old.year, new.year), (first, last), average, shown, percent)
        + f" ({cited})."
        for lang in LANGUAGES
    }
    if ok:
        rule_da = (
            "Regel: »hvert år« gælder hvert års ændring."
            if every
            else "Regel: »om året« er den gennemsnitlige ændring pr. år"
            + (" (vækst med renters rente)." if percent else ".")
        )
        rule_en = (
            "Rule: “every year” holds for each year's change."
            if every
            else "Rule: “a year” is the average change per year"
            + (" (compound growth)." if percent else ".")
        )
        return Outcome(
            "consistent",
            f"{facts['da']} {rule_da}",
            f"{facts['en']} {rule_en}",
            stored,
            years=(old.year, new.year),
        )
    return not_checked(
        "En ændring om året kan betyde gennemsnittet eller hvert års ændring, og den stemmer "
        f"ikke med den læsning, ordet giver; den vurderes derfor ikke. {facts['da']}",
        "A change a year may mean the average or each year's own change, and it does not agree "
        f"with the reading its word gives; so it is not judged. {facts['en']}",
        stored,
    )


def _average(first: Decimal, last: Decimal, years: int, percent: bool) -> Decimal:
    if not percent:
        return (last - first) / years
    return ((last / first) ** (Decimal(1) / years) - 1) * 100


def _step(before: Decimal, after: Decimal, percent: bool) -> Decimal | None:
    return percent_change(before, after) if percent else after - before


def _facts(
    language: Language,
    years: tuple[int, int],
    values: tuple[Decimal, Decimal],
    average: Decimal,
    steps: list[Decimal | None],
    percent: bool,
) -> str:
    """*Fra 64 i 2019 til 112 i 2023: i gennemsnit +12 om året; år for år +13, +3, -7, +39*."""
    (first_year, last_year), (first, last) = years, values

    def signed(value: Decimal | None) -> str:
        if value is None:
            return "?"
        size = abs(value)
        text = format_number(size, language, 1) if percent else figure_text(size, language)
        unit = (" pct." if language == "da" else " %") if percent else ""
        return f"{'-' if value < 0 else '+'}{text}{unit}"

    shown = average.quantize(Decimal("0.1"))
    each = ", ".join(signed(s) for s in steps)
    if language == "da":
        text = (
            f"Fra {figure_text(first, 'da')} i {first_year} til {figure_text(last, 'da')} i "
            f"{last_year}: i gennemsnit {signed(shown)} om året"
        )
        return text + (f"; år for år {each}" if steps else "")
    text = (
        f"From {figure_text(first, 'en')} in {first_year} to {figure_text(last, 'en')} in "
        f"{last_year}: on average {signed(shown)} a year"
    )
    return text + (f"; year by year {each}" if steps else "")

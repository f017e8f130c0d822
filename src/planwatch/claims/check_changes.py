"""Checking the claims that compare years: ``change`` (size and direction of a change in per
cent), ``difference``, ``ratio`` and ``highest-since``/``lowest-since``, against the stored
totals of the two years each is between (docs/claims.md, "Tolerance").

A claim's years may come from the previous sentence or run to the latest year with a figure;
the explanation then says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Final

from planwatch.claims.candidates import Candidate
from planwatch.claims.check_periods import (
    comparable_statement,
    from_to_text,
    missing_outcome,
    periods_apart,
)
from planwatch.claims.check_rates import RATE_NOTES, check_a_year
from planwatch.claims.check_totals import unit_mismatch
from planwatch.claims.outcomes import Outcome, cite, figure_text, not_checked, quote
from planwatch.claims.report import StoredFigure
from planwatch.claims.stored import Missing, PeriodValue, StoredFigures
from planwatch.claims.tolerance import agrees, ratio_agrees, ratio_rule
from planwatch.claims.verdicts import Verdict
from planwatch.domain.coverage import Coverage
from planwatch.figures.reporting import YearValue
from planwatch.formatting import (
    Language,
    format_number,
    format_percent_words,
    percent_change,
    round_half_up,
)


@dataclass(frozen=True, slots=True)
class _Pair:
    """The two periods a change is between, their stored values, and where its years came
    from (``note``: a sentence in each language, or empty)."""

    old: Coverage
    new: Coverage
    old_value: Decimal
    new_value: Decimal
    stored: tuple[StoredFigure, ...]
    note: tuple[str, str]


def _pair(figures: StoredFigures, candidate: Candidate, code: str) -> _Pair | Outcome:
    """The two periods a change is between and their stored values, or why not: none, no
    figure, or two periods that are not comparable (docs/claims.md, "Parts of a year")."""
    years = candidate.years
    note = _years_note(candidate)
    if candidate.open_end and years:
        if candidate.quarters_of(years[0]) is not None:
            return not_checked(
                "En ændring fra en del af et år og frem kontrolleres ikke; kun ændringer mellem "
                "to perioder, teksten nævner.",
                "A change from part of a year onwards is not checked; only changes between two "
                "periods the text names are.",
            )
        years, note = _open_end(figures, code, years[0], note)
    if not years:
        return not_checked(
            "Der står ikke, hvilke to år ændringen er mellem.",
            "The text does not say which two years the change is between.",
        )
    if len(years) < 2:
        indicator = figures.indicators[code]
        return Outcome(
            "not-in-data",
            f"{indicator.name_da} i årene efter {years[0]}: planwatch har intet tal.",
            f"{indicator.name_en} in the years after {years[0]}: planwatch holds no figure.",
            years=years,
        )
    stated = (
        figures.stated(code, years[0], candidate.quarters_of(years[0])),
        figures.stated(code, years[1], candidate.quarters_of(years[1])),
    )
    apart = periods_apart(figures, code, stated)
    if apart is not None:
        outcome = apart.outcome
        return replace(outcome, da=outcome.da + note[0], en=outcome.en + note[1])
    found = [figures.lookup(code, period) for period in stated]
    values = [f for f in found if isinstance(f, PeriodValue) and f.value is not None]
    if len(values) < 2:
        return _missing(figures, code, stated, found)
    old, new = values
    stored = tuple(figures.stored(code, f) for f in values)
    old_value, new_value = old.value or Decimal(0), new.value or Decimal(0)
    return _Pair(stated[0], stated[1], old_value, new_value, stored, note)


def _open_end(
    figures: StoredFigures, code: str, since: int, note: tuple[str, str]
) -> tuple[tuple[int, ...], tuple[str, str]]:
    """A change *siden 2020* runs to the latest complete year; to a year planwatch holds only
    in part when there is no complete one after ``since`` (then the periods are not
    comparable)."""
    complete = [y for y in figures.complete_values(code) if y > since]
    running = figures.running_year(code)
    if complete:
        latest = max(complete)
        if running is not None and running.year > latest:
            note = (
                f" Til det seneste hele år, planwatch har tal for ({latest}); "
                f"{running.label('da')} er kun en del af et år.",
                f" Up to the latest whole year planwatch holds figures for ({latest}); "
                f"{running.label('en')} is only part of a year.",
            )
        return (since, latest), note
    if running is not None and running.year > since:
        return (since, running.year), note
    return (since,), note


def _missing(
    figures: StoredFigures,
    code: str,
    stated: tuple[Coverage, Coverage],
    found: list[PeriodValue | Missing],
) -> Outcome:
    """Why a change cannot be worked out: no figure for a period (or its quarters), or a value
    the view does not show."""
    gaps = [f for f in found if isinstance(f, Missing)]
    if gaps and all(g.gap == "no-figure" for g in gaps):
        indicator = figures.indicators[code]
        names_da = " og ".join(g.stated.label("da") for g in gaps)
        names_en = " and ".join(g.stated.label("en") for g in gaps)
        return Outcome(
            "not-in-data",
            f"{indicator.name_da} i {names_da}: planwatch har intet tal.",
            f"{indicator.name_en} in {names_en}: planwatch holds no figure.",
            years=(stated[0].year, stated[1].year),
        )
    if gaps:
        return missing_outcome(figures, code, next(g for g in gaps if g.gap != "no-figure"))
    return not_checked(
        "Tallene vises ikke præcist i denne visning, så ændringen kontrolleres ikke.",
        "The figures are not shown exactly in this view, so the change is not checked.",
    )


def _years_note(candidate: Candidate) -> tuple[str, str]:
    """Where the years came from, when not from the sentence alone."""
    if candidate.years_from == "previous":
        return (
            " Årene er taget fra den foregående sætning.",
            " The years are taken from the previous sentence.",
        )
    if candidate.years_from == "year-before":
        return " Sammenlignet med året før.", " Compared with the year before."
    if candidate.years_from == "latest" or candidate.open_end:
        return (
            " Til det seneste år, planwatch har et tal for.",
            " Up to the latest year planwatch holds a figure for.",
        )
    return "", ""


def check_change(figures: StoredFigures, candidate: Candidate, code: str) -> Outcome:
    """A change in per cent: its size, and its direction when the text says which way."""
    pair = _pair(figures, candidate, code)
    if isinstance(pair, Outcome):
        return pair
    if candidate.note in RATE_NOTES:  # *steget med 15 pct. om året*: not first to last
        return check_a_year(
            figures, candidate, code, (pair.old, pair.new), pair.stored, percent=True
        )
    old, new, stored = pair.old_value, pair.new_value, pair.stored
    change = percent_change(old, new)
    if change is None:
        return not_checked(
            f"Ændringen i procent er ikke defineret: tallet for {pair.old.label('da')} er 0.",
            f"The change in per cent is undefined: the figure for {pair.old.label('en')} is 0.",
            stored,
        )
    quantity = candidate.stated[0]
    places = max(quantity.decimals, 1)
    size_ok = agrees(abs(quantity.value), quantity.decimals, abs(change), quantity.qualifier)
    direction_ok = (
        candidate.direction == 0
        or round_half_up(change, quantity.decimals) == 0
        or (change > 0) == (candidate.direction > 0)
    )
    right = _percent_text(change, places, not direction_ok, figures.language)
    from_da, from_en = _from_to_words(pair)
    facts_da = f"{from_da} {_percent_text(change, places, True, 'da')}"
    facts_en = f"{from_en} {_percent_text(change, places, True, 'en')}"
    note_da, note_en = pair.note
    source_da = f" ({cite(s.sources[0] for s in stored)})."
    years = (pair.old.year, pair.new.year)
    if size_ok and direction_ok:
        return Outcome(
            "consistent",
            facts_da + source_da + note_da,
            facts_en + source_da + note_en,
            stored,
            years=years,
        )
    return Outcome(
        "inconsistent",
        f"Teksten siger {quote(quantity.text, 'da')}. {facts_da}{source_da}{note_da}",
        f"The text says {quote(quantity.text, 'en')}. {facts_en}{source_da}{note_en}",
        stored,
        right,
        years=years,
    )


def _from_to_words(pair: _Pair) -> tuple[str, str]:
    """``Fra 73 i 2022 til 112 i 2023 er`` / ``From 19 in Q1 2024 to 28 in Q1 2025 is``."""
    da = from_to_text("da", (pair.old_value, pair.old), (pair.new_value, pair.new))
    en = from_to_text("en", (pair.old_value, pair.old), (pair.new_value, pair.new))
    return f"{da[:1].upper()}{da[1:]} er", f"{en[:1].upper()}{en[1:]} is"


def _percent_text(change: Decimal, places: int, with_direction: bool, language: Language) -> str:
    """``53,4 pct.`` / ``53.4 per cent``; with the direction: ``en stigning på 53,4 pct.``."""
    text = format_percent_words(abs(change), language, places)
    if not with_direction:
        return text
    up = change > 0
    if language == "da":
        return f"en stigning på {text}" if up else f"et fald på {text}"
    return f"an increase of {text}" if up else f"a decrease of {text}"


def check_difference(figures: StoredFigures, candidate: Candidate, code: str) -> Outcome:
    """A difference in number (*39 flere*, *steg med 39*): its size and direction."""
    unit = unit_mismatch(figures, code, candidate.stated[0])
    if unit is not None:
        return unit
    pair = _pair(figures, candidate, code)
    if isinstance(pair, Outcome):
        return pair
    if candidate.note in RATE_NOTES:  # *steget med 12 om året*: not first to last
        return check_a_year(
            figures, candidate, code, (pair.old, pair.new), pair.stored, percent=False
        )
    old, new, stored = pair.old_value, pair.new_value, pair.stored
    quantity = candidate.stated[0]
    actual = new - old
    size_ok = agrees(abs(quantity.value), quantity.decimals, abs(actual), quantity.qualifier)
    direction_ok = (
        candidate.direction == 0 or actual == 0 or (actual > 0) == (candidate.direction > 0)
    )
    word_da = "flere" if actual >= 0 else "færre"
    word_en = "more" if actual >= 0 else "fewer"
    word = word_da if figures.language == "da" else word_en
    right = f"{figure_text(abs(actual), figures.language)} {word}"
    note_da, note_en = pair.note
    from_da, from_en = _from_to_words(pair)
    source = f" ({cite(s.sources[0] for s in stored)})."
    da = f"{from_da} {figure_text(abs(actual), 'da')} {word_da}{source}{note_da}"
    en = f"{from_en} {figure_text(abs(actual), 'en')} {word_en}{source}{note_en}"
    rule_da, rule_en = DIFFERENCE_RULE
    verdict: Verdict = "consistent" if size_ok and direction_ok else "inconsistent"
    if not size_ok or not direction_ok:
        da = f"Teksten siger {quote(candidate.text, 'da')}. {da}"
        en = f"The text says {quote(candidate.text, 'en')}. {en}"
    years = (pair.old.year, pair.new.year)
    return Outcome(verdict, f"{da} {rule_da}", f"{en} {rule_en}", stored, right, years)


DIFFERENCE_RULE: Final = (
    "Regel: en ændring i antal (»steg med 39«, »39 flere«) er forskellen mellem de to års tal, "
    "med retning; den må ikke læses som årets tal.",
    "Rule: a change in number (“rose by 39”, “39 more”) is the difference between the two "
    "years' figures, with its direction; it is never read as the year's figure.",
)
"""The rule a difference is checked by, as its explanation states it."""


def check_ratio(figures: StoredFigures, candidate: Candidate, code: str) -> Outcome:
    """A ratio in words (*fordoblet*, *mere end halveret*): new against old."""
    pair = _pair(figures, candidate, code)
    if isinstance(pair, Outcome):
        return pair
    old, new, stored = pair.old_value, pair.new_value, pair.stored
    if old == 0:
        return not_checked(
            f"Forholdet er ikke defineret: tallet for {pair.old.label('da')} er 0.",
            f"The ratio is undefined: the figure for {pair.old.label('en')} is 0.",
            stored,
        )
    factor = candidate.factor or Decimal(2)
    ratio = new / old
    ok = ratio_agrees(ratio, factor, candidate.qualifier)
    change = percent_change(old, new) or Decimal(0)
    note_da, note_en = pair.note
    change_da = _percent_text(change, 1, True, "da")
    change_en = _percent_text(change, 1, True, "en")
    from_da, from_en = _from_to_words(pair)
    source = f" ({cite(s.sources[0] for s in stored)})"
    da = f"{from_da} faktor {format_number(ratio, 'da', 2)} ({change_da}){source}.{note_da}"
    en = f"{from_en} a factor of {format_number(ratio, 'en', 2)} ({change_en}){source}.{note_en}"
    words = re.split(r"\s+(?:fra|siden|from|since|mellem|between|i|in)\b|\s+\d", candidate.text)
    rule_da, rule_en = ratio_rule(words[0], factor, candidate.qualifier)
    da, en = f"{da} {rule_da}", f"{en} {rule_en}"
    right = _percent_text(change, 1, True, figures.language)
    verdict: Verdict = "consistent" if ok else "inconsistent"
    return Outcome(verdict, da, en, stored, right, (pair.old.year, pair.new.year))


def check_extreme(figures: StoredFigures, candidate: Candidate, code: str) -> Outcome:
    """*Det højeste antal siden 2016*: by the rule of the dashboard's tiles
    (:func:`planwatch.figures.comparisons.compare`), for the year compared, only ever for a
    complete year and over complete years."""
    high = candidate.kind == "highest-since"
    word_da = "højeste" if high else "laveste"
    word_en = "highest" if high else "lowest"
    years = candidate.years
    since = None if candidate.record else years[0]
    compared = years[-1] if len(years) > (0 if candidate.record else 1) else None
    values = figures.complete_values(code)
    note = ("", "")
    if compared is None:
        if not values:
            return _no_year_compared()
        compared = max(values)
        running = figures.running_year(code)
        if running is not None and running.year > compared:
            note = (
                f" Året er det seneste hele år, planwatch har tal for; {running.label('da')} er "
                f"kun en del af et år.",
                f" The year is the latest whole year planwatch holds figures for; "
                f"{running.label('en')} is only part of a year.",
            )
    period = figures.stated(code, compared, candidate.quarters_of(compared))
    part = period
    if since is not None and period.complete:
        part = figures.stated(code, since, candidate.quarters_of(since))
    if not part.complete:
        return not_checked(
            f"»Det {word_da} siden« kontrolleres kun for hele år; teksten taler om en del af et "
            f"år ({part.label('da')}).",
            f"'The {word_en} since' is checked only for whole years; the text speaks of part of "
            f"a year ({part.label('en')}).",
        )
    found = figures.lookup(code, period)
    if isinstance(found, Missing) and found.gap == "not-complete" and found.year is not None:
        return _extreme_of_part(figures, code, found.year, word_da, word_en)
    comparison = figures.comparison(code, compared)
    if isinstance(found, Missing) or comparison is None or compared not in values:
        return _no_year_compared()
    extreme = comparison.highest if high else comparison.lowest
    stored: tuple[StoredFigure, ...] = (figures.stored(code, found),)
    if extreme is not None:
        stored += (figures.stored(code, figures.series(code)[extreme.since]),)
    ok = extreme is not None and (extreme.record if since is None else extreme.since == since)
    value = values[compared]
    if not ok and since is not None and since not in values:
        return not_checked(
            f"planwatch har intet tal for {since} (eller ikke for et helt år), så det kan ikke "
            f"afgøres, om {figure_text(value, 'da')} i {compared} er det {word_da} siden {since}.",
            f"planwatch holds no figure for {since} (or none for the whole year), so whether "
            f"{figure_text(value, 'en')} in {compared} is the {word_en} since {since} cannot be "
            f"decided.",
            stored,
        )
    if extreme is None and not any(year < compared - 1 for year in values):
        return Outcome(
            "not-in-data",
            f"planwatch har {figure_text(value, 'da')} i {compared}, men ingen tal for tidligere "
            f"år at sammenligne med (mindst to år før), så det kan ikke afgøres, om det er det "
            f"{word_da}.",
            f"planwatch holds {figure_text(value, 'en')} in {compared} but no figures for earlier "
            f"years to compare with (at least two years before), so whether it is the {word_en} "
            "cannot be decided.",
            stored,
        )
    if extreme is None:
        da = (
            f"{figure_text(value, 'da')} i {compared} er ikke det {word_da} tal siden et "
            f"tidligere år med mindst to år imellem (reglen bag »{word_da} siden«)."
        )
        en = (
            f"{figure_text(value, 'en')} in {compared} is not the {word_en} since an earlier "
            f"year with at least two years in between (the rule behind '{word_en} since')."
        )
        right = None
    else:
        first = " (det første år i serien)." if extreme.record else "."
        first_en = " (the first year in the series)." if extreme.record else "."
        da = (
            f"{figure_text(value, 'da')} i {compared} er det {word_da} siden {extreme.since}, da "
            f"tallet var {figure_text(values[extreme.since], 'da')}{first}"
        )
        en = (
            f"{figure_text(value, 'en')} in {compared} is the {word_en} since {extreme.since}, "
            f"when the figure was {figure_text(values[extreme.since], 'en')}{first_en}"
        )
        right = (
            f"det {word_da} antal siden {extreme.since}"
            if figures.language == "da"
            else f"the {word_en} number since {extreme.since}"
        )
    if candidate.years_from == "previous":
        da += " Året er taget fra den foregående sætning."
        en += " The year is taken from the previous sentence."
    da, en = da + note[0], en + note[1]
    years_used = (since, compared) if since is not None else (compared,)
    return Outcome("consistent" if ok else "inconsistent", da, en, stored, right, years_used)


def _no_year_compared() -> Outcome:
    return Outcome(
        "not-in-data",
        "planwatch har intet tal for det år, der sammenlignes.",
        "planwatch holds no figure for the year compared.",
    )


def _extreme_of_part(
    figures: StoredFigures, code: str, part: YearValue, word_da: str, word_en: str
) -> Outcome:
    """*I 2025 er antallet det laveste siden 2016* while planwatch holds only part of 2025
    (``part``): ``inconsistent``; "the highest since" is said of whole years only."""
    held = PeriodValue(part.covers, part.value, part)
    year = part.year
    shown_da = "" if part.value is None else f" ({figure_text(part.value, 'da')})"
    shown_en = "" if part.value is None else f" ({figure_text(part.value, 'en')})"
    da = (
        f"{year} er ikke afsluttet: planwatch har kun tal for {part.label('da')}{shown_da}, og "
        f"»det {word_da} siden« siges kun om hele år."
    )
    en = (
        f"{year} is not complete: planwatch holds figures for {part.label('en')} only{shown_en}, "
        f"and 'the {word_en} since' is said only of whole years."
    )
    statement = comparable_statement(figures, code, part.covers)
    if statement is not None:
        da, en = f"{da} {statement.da}", f"{en} {statement.en}"
    return Outcome("inconsistent", da, en, (figures.stored(code, held),), years=(year,))

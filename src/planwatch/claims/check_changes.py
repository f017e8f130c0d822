"""Checking the claims that compare years: ``change`` (size and direction of a change in per
cent), ``difference``, ``ratio`` and ``highest-since``/``lowest-since``, against the stored
totals of the two years each is between (docs/claims.md, "Tolerance").

A claim's years may come from the previous sentence or run to the latest year with a figure;
the explanation then says so.
"""

from __future__ import annotations

from decimal import Decimal

from planwatch.claims.candidates import Candidate
from planwatch.claims.outcomes import Outcome, cite, figure_text, not_checked, quote
from planwatch.claims.report import StoredFigure
from planwatch.claims.stored import StoredFigures
from planwatch.claims.tolerance import agrees, ratio_agrees
from planwatch.claims.verdicts import Verdict
from planwatch.domain.series import highest_since, lowest_since
from planwatch.domain.vocab import TOTAL
from planwatch.formatting import (
    Language,
    format_number,
    format_percent_words,
    percent_change,
    round_half_up,
)


def _pair(
    figures: StoredFigures, candidate: Candidate, code: str
) -> tuple[int, int, Decimal, Decimal, tuple[StoredFigure, ...]] | Outcome:
    """The two years a change is between and the stored values, or why not."""
    years = candidate.years
    values = figures.values(code)
    if candidate.open_end and years and years[0] in values:
        later = [y for y in values if y > years[0]]
        years = (years[0], max(later)) if later else years
    if not years:
        return not_checked(
            "Der står ikke, hvilke to år ændringen er mellem.",
            "The text does not say which two years the change is between.",
        )
    missing = [y for y in years[:2] if y not in values]
    if missing or len(years) < 2:
        indicator = figures.indicators[code]
        names = " og ".join(str(y) for y in missing) or f"årene efter {years[0]}"
        names_en = " and ".join(str(y) for y in missing) or f"the years after {years[0]}"
        return Outcome(
            "not-in-data",
            f"{indicator.name_da} i {names}: planwatch har intet tal.",
            f"{indicator.name_en} in {names_en}: planwatch holds no figure.",
            years=years,
        )
    old_year, new_year = years[0], years[1]
    series = figures.series(code)
    stored = tuple(figures.stored(code, series[y], TOTAL) for y in (old_year, new_year))
    return old_year, new_year, values[old_year], values[new_year], stored


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
    old_year, new_year, old, new, stored = pair
    change = percent_change(old, new)
    if change is None:
        return not_checked(
            f"Ændringen i procent er ikke defineret: tallet for {old_year} er 0.",
            f"The change in per cent is undefined: the figure for {old_year} is 0.",
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
    from_da, from_en = _from_to_words(old_year, new_year, old, new)
    facts_da = f"{from_da} {_percent_text(change, places, True, 'da')}"
    facts_en = f"{from_en} {_percent_text(change, places, True, 'en')}"
    note_da, note_en = _years_note(candidate)
    source_da = f" ({cite(s.sources[0] for s in stored)})."
    if size_ok and direction_ok:
        return Outcome(
            "consistent",
            facts_da + source_da + note_da,
            facts_en + source_da + note_en,
            stored,
            years=(old_year, new_year),
        )
    return Outcome(
        "inconsistent",
        f"Teksten siger {quote(quantity.text, 'da')}. {facts_da}{source_da}{note_da}",
        f"The text says {quote(quantity.text, 'en')}. {facts_en}{source_da}{note_en}",
        stored,
        right,
        years=(old_year, new_year),
    )


def _from_to_words(old_year: int, new_year: int, old: Decimal, new: Decimal) -> tuple[str, str]:
    """``Fra 73 i 2022 til 112 i 2023 er`` / ``From 73 in 2022 to 112 in 2023 is``."""
    return (
        f"Fra {figure_text(old, 'da')} i {old_year} til {figure_text(new, 'da')} i {new_year} er",
        f"From {figure_text(old, 'en')} in {old_year} to {figure_text(new, 'en')} in {new_year} is",
    )


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
    """A difference in number (*39 flere*): its size and direction."""
    pair = _pair(figures, candidate, code)
    if isinstance(pair, Outcome):
        return pair
    old_year, new_year, old, new, stored = pair
    quantity = candidate.stated[0]
    actual = new - old
    size_ok = agrees(abs(quantity.value), quantity.decimals, abs(actual), quantity.qualifier)
    direction_ok = actual == 0 or (actual > 0) == (candidate.direction > 0)
    word_da = "flere" if actual >= 0 else "færre"
    word_en = "more" if actual >= 0 else "fewer"
    word = word_da if figures.language == "da" else word_en
    right = f"{figure_text(abs(actual), figures.language)} {word}"
    note_da, note_en = _years_note(candidate)
    from_da, from_en = _from_to_words(old_year, new_year, old, new)
    da = f"{from_da} {figure_text(abs(actual), 'da')} {word_da}.{note_da}"
    en = f"{from_en} {figure_text(abs(actual), 'en')} {word_en}.{note_en}"
    verdict: Verdict = "consistent" if size_ok and direction_ok else "inconsistent"
    return Outcome(verdict, da, en, stored, right, (old_year, new_year))


def check_ratio(figures: StoredFigures, candidate: Candidate, code: str) -> Outcome:
    """A ratio in words (*fordoblet*, *mere end halveret*): new against old."""
    if candidate.qualifier == "approx":
        return not_checked(
            "»Næsten« fordoblet/halveret er for vagt til at kontrollere.",
            "'Nearly' doubled/halved is too vague to check.",
        )
    pair = _pair(figures, candidate, code)
    if isinstance(pair, Outcome):
        return pair
    old_year, new_year, old, new, stored = pair
    if old == 0:
        return not_checked(
            f"Forholdet er ikke defineret: tallet for {old_year} er 0.",
            f"The ratio is undefined: the figure for {old_year} is 0.",
            stored,
        )
    factor = candidate.factor or Decimal(2)
    ratio = new / old
    ok = ratio_agrees(ratio, factor, candidate.qualifier)
    change = percent_change(old, new) or Decimal(0)
    note_da, note_en = _years_note(candidate)
    change_da = _percent_text(change, 1, True, "da")
    change_en = _percent_text(change, 1, True, "en")
    from_da, from_en = _from_to_words(old_year, new_year, old, new)
    da = f"{from_da} faktor {format_number(ratio, 'da', 2)} ({change_da}).{note_da}"
    en = f"{from_en} a factor of {format_number(ratio, 'en', 2)} ({change_en}).{note_en}"
    right = _percent_text(change, 1, True, figures.language)
    return Outcome(
        "consistent" if ok else "inconsistent", da, en, stored, right, (old_year, new_year)
    )


def check_extreme(figures: StoredFigures, candidate: Candidate, code: str) -> Outcome:
    """*Det højeste antal siden 2016*: by the rule of the dashboard's tiles
    (:func:`planwatch.domain.series.highest_since`), for the year compared."""
    values = figures.values(code)
    high = candidate.kind == "highest-since"
    years = candidate.years
    since = None if candidate.record else years[0]
    compared = years[-1] if len(years) > (0 if candidate.record else 1) else None
    if compared is None:
        compared = max(values) if values else None
    if compared is None or compared not in values:
        return Outcome(
            "not-in-data",
            "planwatch har intet tal for det år, der sammenlignes.",
            "planwatch holds no figure for the year compared.",
        )
    found = (highest_since if high else lowest_since)(values, compared)
    series = figures.series(code)
    stored: tuple[StoredFigure, ...] = (figures.stored(code, series[compared], TOTAL),)
    if found is not None:
        stored += (figures.stored(code, series[found.since], TOTAL),)
    ok = found is not None and (found.record if since is None else found.since == since)
    word_da = "højeste" if high else "laveste"
    word_en = "highest" if high else "lowest"
    value = figure_text(values[compared], "da")
    if found is None:
        da = (
            f"{figure_text(values[compared], 'da')} i {compared} er ikke det {word_da} tal siden "
            f"et tidligere år med mindst to år imellem (reglen bag »{word_da} siden«)."
        )
        en = (
            f"{figure_text(values[compared], 'en')} in {compared} is not the {word_en} since an "
            f"earlier year with at least two years in between (the rule behind "
            f"'{word_en} since')."
        )
        right = None
    else:
        da = (
            f"{value} i {compared} er det {word_da} siden {found.since}, da tallet var "
            f"{figure_text(values[found.since], 'da')}"
            + (" (det første år i serien)." if found.record else ".")
        )
        en = (
            f"{figure_text(values[compared], 'en')} in {compared} is the {word_en} since "
            f"{found.since}, when the figure was {figure_text(values[found.since], 'en')}"
            + (" (the first year in the series)." if found.record else ".")
        )
        right = (
            f"det {word_da} antal siden {found.since}"
            if figures.language == "da"
            else f"the {word_en} number since {found.since}"
        )
    if candidate.years_from == "previous":
        da += " Året er taget fra den foregående sætning."
        en += " The year is taken from the previous sentence."
    years_used = (since, compared) if since is not None else (compared,)
    return Outcome("consistent" if ok else "inconsistent", da, en, stored, right, years_used)

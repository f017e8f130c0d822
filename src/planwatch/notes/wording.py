"""How a speaking note says its figures, in Danish and English: pure functions from numbers
to sentences (changes, "det højeste antal siden", "mere end fordoblet", the budget, what is
preliminary, revised or suppressed, a year that is not complete, why there is nothing to
compare with, the line naming the sources). The rules: ``docs/notes.md``.

A year's value is named by what it covers (:meth:`planwatch.domain.coverage.Coverage.label`):
"2024", or the quarters of a partial year, "1.–2. kvt. 2025" / "Q1–Q2 2025".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Literal

from planwatch.domain.clock import to_local
from planwatch.domain.coverage import Coverage
from planwatch.domain.indicators import Indicator
from planwatch.domain.periods import Period
from planwatch.domain.plans import Plan
from planwatch.domain.series import Extreme
from planwatch.domain.sources import SourceKind
from planwatch.domain.suppression import Suppressed, Suppression
from planwatch.domain.vocab import Breakdown
from planwatch.formatting import (
    format_date,
    format_dkk_millions,
    format_number,
    format_percent_words,
    round_half_up,
)
from planwatch.notes.note import Comparison, Flags, Multiple, PreliminaryReason, SourceInfo

LANGUAGES: Final = ("da", "en")


# --- indicators, numbers and changes -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Wording:
    """How one indicator is said in one language.

    ``event`` has ``{period}``, ``{value}``, ``{noun}`` and (English) ``{were}``; ``subject``
    names the count in a sentence ("antallet af udredninger").
    """

    noun: tuple[str, str]  # singular, plural
    event: str
    subject: str


_WORDINGS: Final[dict[tuple[str, str], Wording]] = {
    ("victims_assessed", "da"): Wording(
        ("person", "personer"),
        "I {period} blev {value} {noun} vurderet som ofre for menneskehandel",
        "antallet af vurderede ofre",
    ),
    ("victims_assessed", "en"): Wording(
        ("person", "persons"),
        "In {period}, {value} {noun} {were} assessed as victims of trafficking",
        "the number of persons assessed as victims",
    ),
    ("assessments", "da"): Wording(
        ("udredning", "udredninger"),
        "I {period} gennemførte Center mod Menneskehandel {value} {noun}",
        "antallet af udredninger",
    ),
    ("assessments", "en"): Wording(
        ("assessment", "assessments"),
        "In {period}, the Danish Centre against Human Trafficking carried out {value} {noun}",
        "the number of assessments",
    ),
    ("hotline_calls", "da"): Wording(
        ("opkald", "opkald"),
        "I {period} modtog Center mod Menneskehandels hotline {value} {noun}",
        "antallet af opkald til hotlinen",
    ),
    ("hotline_calls", "en"): Wording(
        ("call", "calls"),
        "In {period}, the hotline of the Danish Centre against Human Trafficking received "
        "{value} {noun}",
        "the number of calls to the hotline",
    ),
    ("reported_cases", "da"): Wording(
        ("sag", "sager"),
        "I {period} blev {value} {noun} om menneskehandel anmeldt til politiet",
        "antallet af anmeldte sager om menneskehandel",
    ),
    ("reported_cases", "en"): Wording(
        ("case", "cases"),
        "In {period}, {value} trafficking {noun} {were} reported to the police",
        "the number of trafficking cases reported to the police",
    ),
}

_UNIT_NOUNS: Final[dict[tuple[str, str], tuple[str, str]]] = {
    ("persons", "da"): ("person", "personer"),
    ("persons", "en"): ("person", "persons"),
    ("assessments", "da"): ("udredning", "udredninger"),
    ("assessments", "en"): ("assessment", "assessments"),
    ("calls", "da"): ("opkald", "opkald"),
    ("calls", "en"): ("call", "calls"),
    ("cases", "da"): ("sag", "sager"),
    ("cases", "en"): ("case", "cases"),
    ("counts", "da"): ("forhold", "forhold"),
    ("counts", "en"): ("count", "counts"),
    ("investigations", "da"): ("efterforskning", "efterforskninger"),
    ("investigations", "en"): ("investigation", "investigations"),
}


def wording(indicator: Indicator, language: str) -> Wording:
    """The indicator's phrasing; indicators without their own get a plain one from the name."""
    known = _WORDINGS.get((indicator.code, language))
    if known is not None:
        return known
    default_noun = ("enhed", "enheder") if language == "da" else ("unit", "units")
    noun = _UNIT_NOUNS.get((indicator.unit, language), default_noun)
    name = indicator.name(language)
    if language == "da":
        return Wording(noun, "{period}: " + _escape_braces(name) + " {value}", "antallet")
    return Wording(noun, "{period}: " + _escape_braces(name) + " {value}", "the number")


def _escape_braces(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def period_text(period: Period, language: str) -> str:
    """A period as said aloud: ``2023``, ``2. kvartal 2024`` / ``Q2 2024``."""
    if period.quarter is None:
        return str(period.year)
    if language == "da":
        return f"{period.quarter}. kvartal {period.year}"
    return f"Q{period.quarter} {period.year}"


def span_text(span: Period | Coverage, language: str) -> str:
    """A quarter (``2. kvartal 2024``) or what a year's value covers (``2024``, ``1.–2. kvt.
    2025`` / ``Q1–Q2 2025``), as said aloud."""
    if isinstance(span, Coverage):
        return span.label(language)
    return period_text(span, language)


def number_text(value: Decimal, language: str) -> str:
    """A count with Danish or English separators, with the decimals it has (``1.233``)."""
    exponent = value.normalize().as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    return format_number(value, language, decimals)


def shown_text(value: Decimal | None, suppressed: Suppressed | None, language: str) -> str:
    """The value, or what stands in for one the view may not see (never the value itself)."""
    if suppressed is not None:
        if suppressed.kind is Suppression.SMALL:
            fewer = "færre end" if language == "da" else "fewer than"
            return f"{fewer} {suppressed.threshold}"
        return "et ikke oplyst antal" if language == "da" else "an undisclosed number"
    if value is None:
        raise ValueError("a missing value has no text")
    return number_text(value, language)


def noun_for(count: Decimal | None, words: Wording) -> str:
    """Singular for exactly one, plural otherwise (also for a suppressed count)."""
    return words.noun[0] if count is not None and abs(count) == 1 else words.noun[1]


def percent_text(percent: Decimal, language: str) -> str:
    """The size of a change in per cent, rounded half up to one decimal, without sign:
    ``53,4 pct.`` / ``53.4 per cent``; ``under 0,1 pct.`` for a change that rounds to 0."""
    rounded = round_half_up(abs(percent), 1)
    if rounded == 0 and percent != 0:
        below = "under" if language == "da" else "less than"
        return f"{below} {format_percent_words(Decimal('0.1'), language)}"
    return format_percent_words(rounded, language)


_MULTIPLE_TEXT: Final[dict[tuple[Multiple, str], str]] = {
    (Multiple.MORE_THAN_DOUBLED, "da"): "Antallet er mere end fordoblet.",
    (Multiple.MORE_THAN_DOUBLED, "en"): "The number has more than doubled.",
    (Multiple.DOUBLED, "da"): "Antallet er fordoblet.",
    (Multiple.DOUBLED, "en"): "The number has doubled.",
    (Multiple.HALVED, "da"): "Antallet er halveret.",
    (Multiple.HALVED, "en"): "The number has halved.",
    (Multiple.MORE_THAN_HALVED, "da"): "Antallet er mere end halveret.",
    (Multiple.MORE_THAN_HALVED, "en"): "The number has more than halved.",
}


def multiple_text(kind: Multiple | None, language: str) -> str:
    """The sentence for a doubling or halving, or ``""``."""
    return "" if kind is None else _MULTIPLE_TEXT[(kind, language)]


def extreme_text(highest: Extreme | None, lowest: Extreme | None, language: str) -> str:
    """'det højeste antal siden 2016' (or the lowest), or ``""``. A record says how far back
    the figures go instead."""
    extreme, word_da, word_en = (
        (highest, "højeste", "highest") if highest is not None else (lowest, "laveste", "lowest")
    )
    if extreme is None:
        return ""
    if language == "da":
        if extreme.record:
            return f"det {word_da} antal i tallene tilbage til {extreme.since}"
        return f"det {word_da} antal siden {extreme.since}"
    if extreme.record:
        return f"the {word_en} number in the figures going back to {extreme.since}"
    return f"the {word_en} number since {extreme.since}"


def change_text(numbers: Comparison, words: Wording, language: str) -> str:
    """'Det er en stigning på 39 personer eller 53,4 pct. og det højeste antal siden 2016.'

    Empty when there is nothing to compare; the extreme alone when there is no change."""
    extreme = extreme_text(numbers.highest, numbers.lowest, language)
    if numbers.change is None or numbers.previous_period is None:
        return sentence(("Det er " if language == "da" else "It is ") + extreme) if extreme else ""
    if numbers.change == 0:
        same = span_text(numbers.previous_covers or numbers.previous_period, language)
        text = (
            f"Det er det samme antal som i {same}"
            if language == "da"
            else f"That is the same number as in {same}"
        )
    else:
        size = abs(numbers.change)
        amount = f"{number_text(size, language)} {noun_for(size, words)}"
        if language == "da":
            what = "en stigning" if numbers.change > 0 else "et fald"
            text = f"Det er {what} på {amount}"
        else:
            what = "an increase" if numbers.change > 0 else "a decrease"
            text = f"That is {what} of {amount}"
        if numbers.percent is not None:
            text += (" eller " if language == "da" else " or ") + percent_text(
                numbers.percent, language
            )
    if extreme:
        text += (" og " if language == "da" else " and ") + extreme
    return sentence(text)


def sentence(text: str) -> str:
    """The text, ending in a full stop."""
    return text if text.endswith(".") else text + "."


def joined(*parts: str) -> str:
    """The sentences that are not empty, one space between them."""
    return " ".join(part for part in parts if part)


def lower_first(text: str) -> str:
    """'Opkald til ...' -> 'opkald til ...', but 'CMM ...' stays."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    """'antallet af ...' -> 'Antallet af ...'."""
    return text[:1].upper() + text[1:]


def event_text(
    words: Wording,
    span: Period | Coverage,
    value: Decimal | None,
    language: str,
    *,
    shown: str = "",
) -> str:
    """The first clause: 'I 2023 blev 112 personer vurderet som ofre for menneskehandel', or
    for a partial year 'I 1. kvt. 2025 blev 28 personer …'."""
    were = "was" if value is not None and abs(value) == 1 else "were"
    return words.event.format(
        period=span_text(span, language),
        value=shown or ("" if value is None else number_text(value, language)),
        noun=noun_for(value, words),
        were=were,
    )


def against_text(previous: Period | Coverage, previous_shown: str, language: str) -> str:
    """' mod 73 i 2022' / ', against 73 in 2022'; ' mod 19 i 1. kvt. 2024'."""
    when = span_text(previous, language)
    if language == "da":
        return f" mod {previous_shown} i {when}"
    return f", against {previous_shown} in {when}"


# --- what a reader must know ----------------------------------------------------------------


def incomplete_text(covers: Coverage, language: str) -> str:
    """'Tallene for 2025 er ikke komplette: de dækker 1. kvt.' (a partial year)."""
    quarters = covers.quarters_label(language)
    if language == "da":
        return f"Tallene for {covers.year} er ikke komplette: de dækker {quarters}"
    return f"The figures for {covers.year} are not complete: they cover {quarters}."


def caveats_text(
    flags: Flags,
    unfinished: Sequence[int],
    revised: Sequence[Period],
    language: str,
    partial: Sequence[Coverage] = (),
) -> str:
    """The sentences that follow the figures: the partial years (``partial``: what each
    covers), preliminary (``unfinished``: the years not ended), revised (``revised``: the
    periods whose figure was revised), suppressed."""
    parts: list[str] = [incomplete_text(covers, language) for covers in partial]
    if flags.preliminary:
        parts.append(preliminary_text(flags.preliminary_reasons, unfinished, language))
    if revised:
        when = ", ".join(period_text(p, language) for p in revised)
        parts.append(
            f"Tallet for {when} er revideret."
            if language == "da"
            else f"The figure for {when} has been revised."
        )
    if flags.suppressed:
        parts.append(
            "Små antal oplyses ikke af hensyn til de berørte."
            if language == "da"
            else "Small counts are not disclosed, to protect the persons concerned."
        )
    return joined(*parts)


def preliminary_text(
    reasons: Sequence[PreliminaryReason], years: Sequence[int], language: str
) -> str:
    """'Der er tale om foreløbige tal: 2026 er ikke afsluttet.' ``years``: those not ended.

    A partial year (``incomplete-year``) is said by :func:`incomplete_text`, which names its
    quarters; ``""`` when that is the only reason."""
    reasons = [r for r in reasons if r != "incomplete-year"]
    if not reasons:
        return ""
    unfinished = ", ".join(str(y) for y in years)
    said_da = {
        "submitted": "tal, der endnu ikke er godkendt, indgår",
        "period-not-ended": f"{unfinished} er ikke afsluttet",
    }
    said_en = {
        "submitted": "figures not yet approved are included",
        "period-not-ended": f"{unfinished} has not ended",
    }
    if language == "da":
        return "Der er tale om foreløbige tal: " + "; ".join(said_da[r] for r in reasons) + "."
    return "These are preliminary figures: " + "; ".join(said_en[r] for r in reasons) + "."


def illustrative_prefix(language: str) -> str:
    """What a point resting on an illustrative figure starts with."""
    return (
        "ILLUSTRATIVT – opdigtede demotal, ikke officielle tal: "
        if language == "da"
        else "ILLUSTRATIVE – invented demo figures, not official figures: "
    )


_ILLUSTRATIVE_TITLE = {
    "da": "Illustrative demotal: IKKE offentliggjort, IKKE officielle",
    "en": "Illustrative demo figures: NOT published, NOT official",
}


def _title(source: SourceInfo, language: str) -> str:
    """A source's title; an invented source's in the note's language (its stored title is one
    language only, and a Danish note must not quote an English one)."""
    if source.kind is SourceKind.ILLUSTRATIVE:
        return _ILLUSTRATIVE_TITLE[language]
    return source.title


def source_text(
    sources: Sequence[SourceInfo], as_of: dt.datetime, language: str, extra: str = ""
) -> str:
    """'Kilde: Center mod Menneskehandel, »Tal og statistik 2023«; tal pr. 29. november 2026.'"""
    day = format_date(to_local(as_of).date(), language)
    if language == "da":
        named = [
            f"{s.publisher}, »{_title(s, language)}«" if s.publisher else f"»{_title(s, language)}«"
            for s in sources
        ]
        label = "Kilde" if len(named) <= 1 else "Kilder"
        listed = "; ".join([*named, extra] if extra else named) or "intet tal registreret"
        return f"{label}: {listed}; tal pr. {day}."
    named = [
        f"{s.publisher}, “{_title(s, language)}”" if s.publisher else f"“{_title(s, language)}”"
        for s in sources
    ]
    label = "Source" if len(named) <= 1 else "Sources"
    listed = "; ".join([*named, extra] if extra else named) or "no figure recorded"
    return f"{label}: {listed}; figures as of {day}."


# --- the sentences of the bullets -----------------------------------------------------------


def title_text(plan: Plan, period: Period, language: str) -> str:
    """'Talepapir: <the plan> – tallene for 2023'."""
    when = period_text(period, language)
    if language == "da":
        return f"Talepapir: {plan.name('da')} – tallene for {when}"
    return f"Speaking note: {plan.name('en')} – the figures for {when}"


def result_text(
    indicator: Indicator, initiative: str, span: Period | Coverage, shown: str, language: str
) -> str:
    """An initiative's result (issue 19): 'Opsøgende kontakter under indsatsen Støtte: 95 i
    1.–2. kvt. 2026.' / 'Outreach contacts under the initiative Support: 95 in Q1–Q2 2026.'"""
    name = indicator.name(language)
    when = span_text(span, language)
    if language == "da":
        return f"{name} under indsatsen {initiative}: {shown} i {when}."
    return f"{name} under the initiative {initiative}: {shown} in {when}."


def missing_text(indicator: Indicator, period: Period, language: str) -> str:
    """'Der er ikke et tal for anmeldelser af menneskehandel for 2023.'"""
    name = lower_first(indicator.name(language))
    when = period_text(period, language)
    if language == "da":
        return f"Der er ikke et tal for {name} for {when}."
    return f"There is no figure for {name} for {when}."


def no_comparison_text(span: Period | Coverage, language: str) -> str:
    """'Der er ikke et tal for 2022 at sammenligne med.' (``span``: the one compared with:
    the year before, or the same quarters of it)."""
    when = span_text(span, language)
    if language == "da":
        return f"Der er ikke et tal for {when} at sammenligne med."
    return f"There is no figure for {when} to compare with."


NoComparison = Literal[
    "no-year-before", "year-before-partial", "year-before-not-quarterly", "year-before-hidden"
]
"""Why a year's value is compared with nothing (:data:`planwatch.domain.coverage.NoBaseline`,
and ``year-before-hidden``: the quarters it would be compared with exist, but the view may not
see them)."""


def no_baseline_text(
    reason: NoComparison, current: Coverage, year_before: Coverage | None, language: str
) -> str:
    """Why ``current`` is not compared with the year before, said plainly; never a comparison
    with a span that is not the same.

    * ``no-year-before``: 'Der er ikke et tal for 1. kvt. 2024 at sammenligne med.'
    * ``year-before-partial`` (a whole year; the year before only some quarters): 'Der er ikke
      et tal for hele 2024 at sammenligne med: tallene for 2024 dækker kun 1.–3. kvt.'
    * ``year-before-not-quarterly`` (a partial year; the year before a figure for the whole year
      only): 'For 2023 er der kun et tal for hele året, ikke kvartalstal, så tallet kan ikke
      sammenlignes med samme periode året før.'
    * ``year-before-hidden``: 'Kvartalstallene for 2024 oplyses ikke, så tallet kan ikke
      sammenlignes med samme periode året før.'
    """
    span = current.in_year(current.year - 1)
    before = span.year
    da = language == "da"
    if reason == "year-before-partial" and year_before is not None:
        covered = year_before.quarters_label(language)
        if da:
            return (
                f"Der er ikke et tal for hele {before} at sammenligne med: tallene for {before} "
                f"dækker kun {covered}"
            )
        return (
            f"There is no figure for the whole of {before} to compare with: the figures for "
            f"{before} cover {covered} only."
        )
    same = (
        "så tallet kan ikke sammenlignes med samme periode året før."
        if da
        else "so the figure cannot be compared with the same period a year earlier."
    )
    if reason == "year-before-not-quarterly":
        if da:
            return f"For {before} er der kun et tal for hele året, ikke kvartalstal, {same}"
        return (
            f"For {before} there is only a figure for the whole year, no quarterly figures, {same}"
        )
    if reason == "year-before-hidden":
        if da:
            return f"Kvartalstallene for {before} oplyses ikke, {same}"
        return f"The quarterly figures for {before} are not disclosed, {same}"
    return no_comparison_text(span, language)


def latest_figure_text(value: Decimal, span: Coverage, language: str) -> str:
    """'Det seneste tal er 316 fra 2019.' (said of an indicator without a figure for the year);
    a partial year by its quarters: 'Det seneste tal er 50 fra 1.–2. kvt. 2024.'"""
    shown = number_text(value, language)
    when = span.label(language)
    if language == "da":
        return f"Det seneste tal er {shown} fra {when}."
    return f"The latest figure is {shown}, for {when}."


def trend_text(
    words: Wording,
    first: tuple[int, Decimal],
    last: tuple[int, Decimal],
    before_plan: bool,
    language: str,
) -> str:
    """'Fra 2021, året før handlingsplanen, til 2023 er antallet af vurderede ofre steget fra
    80 til 112.' ``first`` and ``last``: (year, value)."""
    (start, old_value), (end, new_value) = first, last
    old, new = number_text(old_value, language), number_text(new_value, language)
    if language == "da":
        since = f"{start}, året før handlingsplanen," if before_plan else str(start)
        if new_value == old_value:
            return f"{upper_first(words.subject)} var {new} i både {start} og {end}."
        moved = "steget" if new_value > old_value else "faldet"
        return f"Fra {since} til {end} er {words.subject} {moved} fra {old} til {new}."
    since = f"{start}, the year before the action plan," if before_plan else str(start)
    if new_value == old_value:
        return f"{upper_first(words.subject)} was {new} in both {start} and {end}."
    moved = "rose" if new_value > old_value else "fell"
    return f"From {since} to {end}, {words.subject} {moved} from {old} to {new}."


@dataclass(frozen=True, slots=True)
class BreakdownSpec:
    """A breakdown a note of a year says, and its sentence in Danish and English."""

    indicator_code: str
    breakdown: Breakdown
    da: str  # with {period}, {value}, {against} (and {were} in English)
    en: str


BREAKDOWNS: Final = (
    BreakdownSpec(
        "victims_assessed",
        Breakdown(age_group="under_18"),
        "I {period} var {value} af de vurderede ofre under 18 år{against}.",
        "In {period}, {value} of the persons assessed as victims {were} under 18{against}.",
    ),
)
"""Breakdowns said in a note of a year: the minors among the victims."""


def breakdown_text(
    spec: BreakdownSpec,
    covers: Coverage,
    value: Decimal | None,
    shown: str,
    previous: tuple[Coverage, str] | None,
    language: str,
) -> str:
    """'I 2023 var færre end 3 af de vurderede ofre under 18 år mod 6 i 2022.' ``covers`` and
    ``shown``: what the year's value covers and the value as said; ``previous``: the same for
    the comparable span a year earlier (``None``: nothing to compare with)."""
    against = "" if previous is None else against_text(previous[0], previous[1], language)
    template = spec.da if language == "da" else spec.en
    return template.format(
        period=covers.label(language),
        value=shown,
        against=against,
        were="was" if value is not None and value == 1 else "were",
    )


def no_quarter_text(indicator: Indicator, period: Period, language: str) -> str:
    """'Der er ingen kvartalstal for opkald til hotlinen for 2. kvartal 2030.'"""
    return (
        f"Der er ingen kvartalstal for {lower_first(indicator.name(language))} "
        f"for {period_text(period, language)}."
        if language == "da"
        else f"There are no quarterly figures for {lower_first(indicator.name(language))} "
        f"for {period_text(period, language)}."
    )


def quarter_before_text(period: Period, shown: str, language: str) -> str:
    """'I 1. kvartal 2030 var tallet 25.' (the quarter before the note's quarter; ``shown``:
    the number as said, or its label when suppressed)."""
    when = period_text(period, language)
    return f"I {when} var tallet {shown}." if language == "da" else f"In {when}, it was {shown}."


def budget_text(
    plan: Plan, spent: Decimal | None, share: Decimal | None, illustrative: bool, language: str
) -> str:
    """'Handlingsplanen for 2022–2025 har en samlet ramme på 118,2 mio. kr., hvoraf X mio. kr.
    er brugt.' Illustrative spending is said to be invented and never as spent."""
    total = format_dkk_millions(plan.total_dkk, language)
    years = f"{plan.start_date.year}–{plan.end_date.year}"
    if language == "da":
        head = f"Handlingsplanen for {years} har en samlet ramme på {total}"
    else:
        head = f"The action plan {years} has a total budget of {total}"
    if spent is None:
        return (
            f"{sentence(head)} Der er ikke registreret forbrug i planwatch."
            if language == "da"
            else f"{sentence(head)} No spending has been recorded in planwatch."
        )
    amount = format_dkk_millions(spent, language)
    share_text = "" if share is None else format_number(share, language, 1)
    if illustrative:
        if language == "da":
            warning = (
                f"ILLUSTRATIVT: Forbruget på {amount} er et opdigtet demotal og ikke et officielt "
                "tal. Det må ikke citeres."
            )
        else:
            warning = (
                f"ILLUSTRATIVE: the spending of {amount} is an invented demo figure and not an "
                "official figure. It must not be quoted."
            )
        return f"{sentence(head)} {warning}"
    if language == "da":
        of_total = f" Det svarer til {share_text} pct. af rammen." if share_text else ""
        return f"{head}, hvoraf {amount} er brugt.{of_total}"
    of_total = f" That is {share_text} per cent of the budget." if share_text else ""
    return f"{head}, of which {amount} has been spent.{of_total}"


def spending_source_text(language: str) -> str:
    """How the source line names spending recorded in planwatch itself."""
    return "forbrug indberettet i planwatch" if language == "da" else "spending in planwatch"

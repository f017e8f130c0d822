"""Speaking notes (talepapirer) drafted from the stored figures, never typed by hand.

:func:`draft` reads the figures a minister's speaking note needs — the plan's budget and, per
core indicator, the year (or quarter) against the one before — as they stood at one moment
(``as_of``, default now) and in one :class:`~planwatch.domain.access.View`, and words them as
short Danish (or English) sentences. Every bullet carries its sources, the numbers it states
(so that a test or a claim checker can compare text and figures) and flags:

* **preliminary**: a figure used awaits approval (only in a view that includes submitted
  figures); or a year rests on some of its quarters only; or the year (in quarter mode: the
  year the quarter belongs to) had not ended on the day the figures were read. The text then
  says "foreløbige tal" and why.
* **suppressed**: a small count of persons in a breakdown the view may not see exactly. Only
  its label (``færre end 3``) is written, never the value; the structured value is ``None``.
* **illustrative**: a figure from a source of kind ``illustrative`` (the demo money). The text
  says ILLUSTRATIVT / ILLUSTRATIVE and that it is not an official figure.
* **revised**: a figure used replaced an earlier, different value.

Wording rules (pure functions, tested directly):

* Changes are computed from the stored figures (:func:`planwatch.formatting.percent_change`)
  and the per cent is rounded half up to one decimal (``53,4 pct.``).
* "det højeste/laveste antal siden <år>" uses :mod:`planwatch.domain.series`, the same rule as
  the dashboard's tiles (:func:`planwatch.dashboard.indicator_tiles`).
* "mere end fordoblet" only when new > 2 × old; "fordoblet" when new = 2 × old; "halveret" when
  new = old / 2 and "mere end halveret" when new < old / 2; nothing when old is 0 or less.
* The change over several years (:func:`trend_baseline`) runs from the last year before the
  plan began (or, lacking a figure for it, the latest of the two years before that) to the
  year of the note; it is left out when that baseline is the year just before the note's year.

Breakdowns: one bullet for persons assessed as victims under 18, suppressed as the view
requires. Quarter mode compares a quarter with the same quarter a year earlier and mentions
the quarter before. Renderers: :func:`to_markdown`, :func:`to_docx`, :func:`to_dict`.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any, Final, Literal

from planwatch import dashboard, reporting
from planwatch.domain.access import PUBLIC_VIEW, View
from planwatch.domain.clock import to_utc_naive, utc_now
from planwatch.domain.indicators import CORE_INDICATORS, Indicator
from planwatch.domain.periods import Period
from planwatch.domain.plans import Plan
from planwatch.domain.series import Extreme, highest_since, lowest_since
from planwatch.domain.sources import Source, SourceKind
from planwatch.domain.suppression import Suppressed, Suppression
from planwatch.domain.vocab import Breakdown
from planwatch.errors import NotFoundError, UsageError
from planwatch.formatting import (
    format_date,
    format_dkk_millions,
    format_moment,
    format_number,
    format_percent_words,
    percent_change,
    round_half_up,
)
from planwatch.storage import Store

LANGUAGES: Final = ("da", "en")
TREND_YEARS: Final = 3
"""The baseline of the change over several years lies at most this many years back from the
year before the plan began (2019-2021 for the plan 2022-2025)."""

BulletKind = Literal["budget", "indicator", "trend", "breakdown", "quarter"]
PreliminaryReason = Literal["submitted", "incomplete-year", "period-not-ended"]


class Multiple(StrEnum):
    """How a new value relates to an old one by a factor of two, when it does."""

    MORE_THAN_DOUBLED = "more-than-doubled"
    DOUBLED = "doubled"
    HALVED = "halved"
    MORE_THAN_HALVED = "more-than-halved"


@dataclass(frozen=True, slots=True)
class SourceInfo:
    source_id: str
    title: str
    publisher: str
    kind: SourceKind

    @property
    def is_illustrative(self) -> bool:
        return self.kind is SourceKind.ILLUSTRATIVE


@dataclass(frozen=True, slots=True)
class Flags:
    """What a reader of the bullet must know about the figures it states."""

    preliminary: bool = False
    suppressed: bool = False
    illustrative: bool = False
    revised: bool = False
    preliminary_reasons: tuple[PreliminaryReason, ...] = ()


@dataclass(frozen=True, slots=True)
class Comparison:
    """A value against an earlier one, as the text states them.

    ``value``/``previous`` are ``None`` when missing or suppressed. ``percent`` is exact;
    ``percent_rounded`` (one decimal, half up, without sign) is what the text says.
    ``highest``/``lowest`` follow the dashboard's 'since' rule (yearly comparisons only).
    """

    period: Period
    value: Decimal | None
    previous_period: Period | None = None
    previous: Decimal | None = None
    change: Decimal | None = None
    percent: Decimal | None = None
    percent_rounded: Decimal | None = None
    multiple: Multiple | None = None
    highest: Extreme | None = None
    lowest: Extreme | None = None


@dataclass(frozen=True, slots=True)
class Money:
    total_dkk: Decimal
    spent_dkk: Decimal | None
    share_spent_percent: Decimal | None  # one decimal, half up, as the text says


@dataclass(frozen=True, slots=True)
class Bullet:
    """One point of the note: its sentence(s), the line naming its sources, and the numbers."""

    kind: BulletKind
    indicator_code: str | None
    text: str
    source_text: str
    sources: tuple[SourceInfo, ...] = ()
    flags: Flags = field(default_factory=Flags)
    comparisons: tuple[Comparison, ...] = ()
    money: Money | None = None
    breakdown: Breakdown | None = None

    @property
    def numbers(self) -> Comparison | None:
        """The main comparison the bullet states, if any."""
        return self.comparisons[0] if self.comparisons else None


@dataclass(frozen=True, slots=True)
class TalkingPoints:
    """A drafted speaking note. ``as_of``: the moment the figures were read (UTC, naive)."""

    title: str
    plan: Plan
    period: Period
    language: str
    as_of: dt.datetime
    includes_submitted: bool
    bullets: tuple[Bullet, ...]

    @property
    def year(self) -> int:
        return self.period.year

    @property
    def quarter(self) -> int | None:
        return self.period.quarter


# --- wording ---------------------------------------------------------------------------------


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


def multiple(old: Decimal, new: Decimal) -> Multiple | None:
    """``MORE_THAN_DOUBLED`` only when new > 2 × old, ``DOUBLED`` when new = 2 × old,
    ``HALVED`` when new = old / 2, ``MORE_THAN_HALVED`` when new < old / 2; else ``None``.
    Nothing is said about a change from 0 or less."""
    if old <= 0:
        return None
    if new > 2 * old:
        return Multiple.MORE_THAN_DOUBLED
    if new == 2 * old:
        return Multiple.DOUBLED
    if 2 * new == old:
        return Multiple.HALVED
    if 2 * new < old:
        return Multiple.MORE_THAN_HALVED
    return None


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


def compare(
    period: Period,
    value: Decimal | None,
    previous_period: Period | None = None,
    previous: Decimal | None = None,
    history: Mapping[int, Decimal] | None = None,
) -> Comparison:
    """The numbers of a comparison: change in units and per cent (exact and as said), the
    doubling/halving, and — from ``history`` (year -> value) — highest/lowest since."""
    if value is None or previous is None:
        change = percent = None
        factor = None
    else:
        change = value - previous
        percent = percent_change(previous, value)
        factor = multiple(previous, value)
    ranked = history is not None and value is not None
    return Comparison(
        period=period,
        value=value,
        previous_period=previous_period,
        previous=previous,
        change=change,
        percent=percent,
        percent_rounded=None if percent is None else round_half_up(abs(percent), 1),
        multiple=factor,
        highest=highest_since(history, period.year) if ranked and history else None,
        lowest=lowest_since(history, period.year) if ranked and history else None,
    )


def change_text(numbers: Comparison, words: Wording, language: str) -> str:
    """'Det er en stigning på 39 personer eller 53,4 pct. og det højeste antal siden 2016.'

    Empty when there is nothing to compare; the extreme alone when there is no change."""
    extreme = extreme_text(numbers.highest, numbers.lowest, language)
    if numbers.change is None or numbers.previous_period is None:
        return _sentence(("Det er " if language == "da" else "It is ") + extreme) if extreme else ""
    if numbers.change == 0:
        same = period_text(numbers.previous_period, language)
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
    return _sentence(text)


def _sentence(text: str) -> str:
    return text if text.endswith(".") else text + "."


def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def _lower_first(text: str) -> str:
    """'Opkald til ...' -> 'opkald til ...', but 'CMM ...' stays."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def event_text(
    words: Wording, period: Period, value: Decimal | None, language: str, *, shown: str = ""
) -> str:
    """The first clause: 'I 2023 blev 112 personer vurderet som ofre for menneskehandel'."""
    were = "was" if value is not None and abs(value) == 1 else "were"
    return words.event.format(
        period=period_text(period, language),
        value=shown or ("" if value is None else number_text(value, language)),
        noun=noun_for(value, words),
        were=were,
    )


def against_text(previous_period: Period, previous_shown: str, language: str) -> str:
    """' mod 73 i 2022' / ', against 73 in 2022'."""
    when = period_text(previous_period, language)
    if language == "da":
        return f" mod {previous_shown} i {when}"
    return f", against {previous_shown} in {when}"


# --- flags and sources -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Used:
    """One figure a bullet rests on: what the flags and the source line need."""

    period: Period
    source_ids: tuple[str, ...]
    illustrative: bool = False
    submitted: bool = False
    revised: bool = False
    incomplete: bool = False
    suppressed: bool = False


def _flags(used: Sequence[_Used], day: dt.date) -> Flags:
    """Preliminary (submitted, a year from some quarters, a year not ended on ``day``),
    suppressed, illustrative and revised, from the figures a bullet rests on."""
    reasons: list[PreliminaryReason] = []
    if any(u.submitted for u in used):
        reasons.append("submitted")
    if any(u.incomplete for u in used):
        reasons.append("incomplete-year")
    if _unfinished(used, day):
        reasons.append("period-not-ended")
    return Flags(
        preliminary=bool(reasons),
        suppressed=any(u.suppressed for u in used),
        illustrative=any(u.illustrative for u in used),
        revised=any(u.revised for u in used),
        preliminary_reasons=tuple(reasons),
    )


def _unfinished(used: Sequence[_Used], day: dt.date) -> list[int]:
    return sorted({u.period.year for u in used if not Period(u.period.year).has_ended(day)})


def _notes(flags: Flags, used: Sequence[_Used], day: dt.date, language: str) -> str:
    """The sentences that follow the figures: preliminary, revised, suppressed."""
    parts: list[str] = []
    if flags.preliminary:
        parts.append(_preliminary_text(flags.preliminary_reasons, _unfinished(used, day), language))
    revised = sorted({u.period for u in used if u.revised})
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
    return _join(*parts)


def _preliminary_text(
    reasons: Sequence[PreliminaryReason], years: Sequence[int], language: str
) -> str:
    """'Der er tale om foreløbige tal: 2026 er ikke afsluttet.' ``years``: those not ended."""
    unfinished = ", ".join(str(y) for y in years)
    said_da = {
        "submitted": "tal, der endnu ikke er godkendt, indgår",
        "incomplete-year": "året er kun opgjort for en del af kvartalerne",
        "period-not-ended": f"{unfinished} er ikke afsluttet",
    }
    said_en = {
        "submitted": "figures not yet approved are included",
        "incomplete-year": "the year rests on some of its quarters only",
        "period-not-ended": f"{unfinished} has not ended",
    }
    if language == "da":
        return "Der er tale om foreløbige tal: " + "; ".join(said_da[r] for r in reasons) + "."
    return "These are preliminary figures: " + "; ".join(said_en[r] for r in reasons) + "."


def _illustrative_prefix(language: str) -> str:
    return (
        "ILLUSTRATIVT – opdigtede demotal, ikke officielle tal: "
        if language == "da"
        else "ILLUSTRATIVE – invented demo figures, not official figures: "
    )


def _source_infos(ids: Iterable[str], catalogue: Mapping[str, Source]) -> tuple[SourceInfo, ...]:
    seen: dict[str, SourceInfo] = {}
    for source_id in ids:
        if source_id in seen:
            continue
        source = catalogue.get(source_id)
        seen[source_id] = (
            SourceInfo(source.source_id, source.title, source.publisher, source.kind)
            if source is not None
            else SourceInfo(source_id, source_id, "", SourceKind.SECONDARY)
        )
    return tuple(seen.values())


def source_text(
    sources: Sequence[SourceInfo], as_of: dt.datetime, language: str, extra: str = ""
) -> str:
    """'Kilde: Center mod Menneskehandel, »Tal og statistik 2023«; tal pr. 29. november 2026.'"""
    day = format_date(as_of.date(), language)
    if language == "da":
        named = [f"{s.publisher}, »{s.title}«" if s.publisher else f"»{s.title}«" for s in sources]
        label = "Kilde" if len(named) <= 1 else "Kilder"
        listed = "; ".join([*named, extra] if extra else named) or "intet tal registreret"
        return f"{label}: {listed}; tal pr. {day}."
    named = [f"{s.publisher}, “{s.title}”" if s.publisher else f"“{s.title}”" for s in sources]
    label = "Source" if len(named) <= 1 else "Sources"
    listed = "; ".join([*named, extra] if extra else named) or "no figure recorded"
    return f"{label}: {listed}; figures as of {day}."


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Context:
    store: Store
    plan: Plan
    language: str
    moment: dt.datetime
    view: View
    sources: Mapping[str, Source]

    @property
    def day(self) -> dt.date:
        return dashboard.reference_date(self.moment)


def _used_year(value: reporting.YearValue) -> _Used:
    return _Used(
        period=Period(value.year),
        source_ids=value.source_ids,
        illustrative=value.is_illustrative,
        submitted=value.submitted,
        revised=value.corrected,
        incomplete=not value.complete,
        suppressed=value.suppressed is not None,
    )


def _used_quarter(value: reporting.QuarterValue) -> _Used:
    return _Used(
        period=value.period,
        source_ids=(value.source_id,),
        illustrative=value.is_illustrative,
        submitted=value.submitted,
        revised=value.corrected,
    )


def _bullet(
    context: _Context,
    kind: BulletKind,
    code: str | None,
    body: str,
    used: Sequence[_Used],
    comparisons: tuple[Comparison, ...] = (),
    *,
    breakdown: Breakdown | None = None,
) -> Bullet:
    flags = _flags(used, context.day)
    text = _join(body, _notes(flags, used, context.day, context.language))
    if flags.illustrative:
        text = _illustrative_prefix(context.language) + text
    sources = _source_infos((i for u in used for i in u.source_ids), context.sources)
    return Bullet(
        kind=kind,
        indicator_code=code,
        text=text,
        source_text=source_text(sources, context.moment, context.language),
        sources=sources,
        flags=flags,
        comparisons=comparisons,
        breakdown=breakdown,
    )


def _missing_text(indicator: Indicator, period: Period, language: str) -> str:
    name = _lower_first(indicator.name(language))
    when = period_text(period, language)
    if language == "da":
        return f"Der er ikke et tal for {name} for {when}."
    return f"There is no figure for {name} for {when}."


def _year_bullets(context: _Context, indicator: Indicator, year: int) -> list[Bullet]:
    """The year against the year before, and the change since the plan's baseline."""
    language = context.language
    series = reporting.year_series(
        context.store, indicator.code, as_of=context.moment, view=context.view
    )
    by_year = {v.year: v for v in series}
    history = {v.year: v.value for v in series if v.value is not None}
    current, before = by_year.get(year), by_year.get(year - 1)
    words = wording(indicator, language)
    if current is None:
        return [_missing_bullet(context, indicator, series, year)]
    numbers = compare(
        Period(year),
        current.value,
        Period(year - 1) if before is not None else None,
        None if before is None else before.value,
        history,
    )
    body = event_text(words, Period(year), current.value, language, shown=_shown(current, language))
    if before is not None:
        body += against_text(Period(year - 1), _shown(before, language), language)
    body = _sentence(body)
    if before is None:
        body = _join(
            body,
            f"Der er ikke et tal for {year - 1} at sammenligne med."
            if language == "da"
            else f"There is no figure for {year - 1} to compare with.",
        )
    body = _join(
        body,
        change_text(numbers, words, language),
        multiple_text(numbers.multiple, language),
    )
    used = [_used_year(v) for v in (current, before) if v is not None]
    bullets = [_bullet(context, "indicator", indicator.code, body, used, (numbers,))]
    trend = _trend_bullet(context, indicator, by_year, year)
    if trend is not None:
        bullets.append(trend)
    return bullets


def _shown(value: reporting.YearValue, language: str) -> str:
    return shown_text(value.value, value.suppressed, language)


def _missing_bullet(
    context: _Context, indicator: Indicator, series: Sequence[reporting.YearValue], year: int
) -> Bullet:
    """An indicator without a figure for the year says so, and names its latest earlier one."""
    language = context.language
    body = _missing_text(indicator, Period(year), language)
    earlier = [v for v in series if v.year < year and v.value is not None]
    used: list[_Used] = []
    latest: reporting.YearValue | None = earlier[-1] if earlier else None
    if latest is not None and latest.value is not None:
        shown = number_text(latest.value, language)
        body = _join(
            body,
            f"Det seneste tal er {shown} fra {latest.year}."
            if language == "da"
            else f"The latest figure is {shown}, for {latest.year}.",
        )
        used.append(_used_year(latest))
    numbers = Comparison(
        period=Period(year),
        value=None,
        previous_period=None if latest is None else Period(latest.year),
        previous=None if latest is None else latest.value,
    )
    return _bullet(context, "indicator", indicator.code, body, used, (numbers,))


def trend_baseline(values: Mapping[int, Decimal], year: int, plan: Plan) -> int | None:
    """The year the change over several years starts from: the last year before the plan
    began if it has a figure, else the latest year with one among the :data:`TREND_YEARS`
    years up to it. ``None`` when there is none, or when it would be the year just before
    ``year`` (the year-on-year change says it already)."""
    anchor = plan.start_date.year - 1
    candidates = [y for y in values if anchor - TREND_YEARS < y <= anchor]
    if not candidates:
        return None
    baseline = max(candidates)
    return baseline if baseline < year - 1 else None


def _trend_bullet(
    context: _Context,
    indicator: Indicator,
    by_year: Mapping[int, reporting.YearValue],
    year: int,
) -> Bullet | None:
    language = context.language
    current = by_year.get(year)
    values = {y: v.value for y, v in by_year.items() if v.value is not None}
    baseline = trend_baseline(values, year, context.plan)
    if current is None or current.value is None or baseline is None:
        return None
    start = by_year[baseline]
    words = wording(indicator, language)
    numbers = compare(Period(year), current.value, Period(baseline), values[baseline])
    before_plan = baseline == context.plan.start_date.year - 1
    body = _trend_text(
        words, (baseline, values[baseline]), (year, current.value), before_plan, language
    )
    body = _join(
        body,
        change_text(numbers, words, language) if numbers.change else "",
        multiple_text(numbers.multiple, language),
    )
    used = [_used_year(start), _used_year(current)]
    return _bullet(context, "trend", indicator.code, body, used, (numbers,))


def _trend_text(
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
            return f"{_upper_first(words.subject)} var {new} i både {start} og {end}."
        moved = "steget" if new_value > old_value else "faldet"
        return f"Fra {since} til {end} er {words.subject} {moved} fra {old} til {new}."
    since = f"{start}, the year before the action plan," if before_plan else str(start)
    if new_value == old_value:
        return f"{_upper_first(words.subject)} was {new} in both {start} and {end}."
    moved = "rose" if new_value > old_value else "fell"
    return f"From {since} to {end}, {words.subject} {moved} from {old} to {new}."


@dataclass(frozen=True, slots=True)
class _BreakdownSpec:
    indicator_code: str
    breakdown: Breakdown
    da: str  # with {period}, {value}, {against}
    en: str


BREAKDOWNS: Final = (
    _BreakdownSpec(
        "victims_assessed",
        Breakdown(age_group="under_18"),
        "I {period} var {value} af de vurderede ofre under 18 år{against}.",
        "In {period}, {value} of the persons assessed as victims {were} under 18{against}.",
    ),
)
"""Breakdowns said in a note of a year: the minors among the victims."""


def _breakdown_bullet(context: _Context, spec: _BreakdownSpec, year: int) -> Bullet | None:
    """A breakdown of the year against the year before; ``None`` without a figure for the
    year. A suppressed count is said by its label only; no change is computed from it."""
    language = context.language
    series = reporting.year_series(
        context.store,
        spec.indicator_code,
        spec.breakdown,
        as_of=context.moment,
        view=context.view,
    )
    by_year = {v.year: v for v in series}
    current, before = by_year.get(year), by_year.get(year - 1)
    if current is None:
        return None
    against = (
        "" if before is None else against_text(Period(year - 1), _shown(before, language), language)
    )
    template = spec.da if language == "da" else spec.en
    body = template.format(
        period=year,
        value=_shown(current, language),
        against=against,
        were="was" if current.value is not None and current.value == 1 else "were",
    )
    numbers = Comparison(
        period=Period(year),
        value=current.value,
        previous_period=None if before is None else Period(year - 1),
        previous=None if before is None else before.value,
        change=(
            None
            if before is None or current.value is None or before.value is None
            else current.value - before.value
        ),
    )
    used = [_used_year(v) for v in (current, before) if v is not None]
    return _bullet(
        context,
        "breakdown",
        spec.indicator_code,
        body,
        used,
        (numbers,),
        breakdown=spec.breakdown,
    )


def _previous_quarter(year: int, quarter: int) -> Period:
    return Period(year - 1, 4) if quarter == 1 else Period(year, quarter - 1)


def _quarter_bullet(context: _Context, indicator: Indicator, year: int, quarter: int) -> Bullet:
    """A quarter against the same quarter a year earlier; the quarter before is mentioned."""
    language = context.language
    period = Period(year, quarter)
    quarters = reporting.quarter_series(
        context.store, indicator.code, period.year - 1, as_of=context.moment, view=context.view
    )
    by_period = {q.period: q for q in quarters}
    current = by_period.get(period)
    last_year = by_period.get(Period(year - 1, quarter))
    before = by_period.get(_previous_quarter(year, quarter))
    if current is None:
        body = (
            f"Der er ingen kvartalstal for {_lower_first(indicator.name(language))} "
            f"for {period_text(period, language)}."
            if language == "da"
            else f"There are no quarterly figures for {_lower_first(indicator.name(language))} "
            f"for {period_text(period, language)}."
        )
        return _bullet(context, "quarter", indicator.code, body, [], (Comparison(period, None),))
    words = wording(indicator, language)
    numbers = compare(
        period,
        current.value,
        None if last_year is None else last_year.period,
        None if last_year is None else last_year.value,
    )
    body = event_text(words, period, current.value, language)
    if last_year is not None:
        body += against_text(last_year.period, number_text(last_year.value, language), language)
    body = _sentence(body)
    if last_year is None:
        when = period_text(Period(year - 1, quarter), language)
        body = _join(
            body,
            f"Der er ikke et tal for {when} at sammenligne med."
            if language == "da"
            else f"There is no figure for {when} to compare with.",
        )
    body = _join(
        body, change_text(numbers, words, language), multiple_text(numbers.multiple, language)
    )
    comparisons = [numbers]
    if before is not None:
        shown = number_text(before.value, language)
        when = period_text(before.period, language)
        body = _join(
            body,
            f"I {when} var tallet {shown}." if language == "da" else f"In {when}, it was {shown}.",
        )
        comparisons.append(compare(period, current.value, before.period, before.value))
    used = [_used_quarter(q) for q in (current, last_year, before) if q is not None]
    return _bullet(context, "quarter", indicator.code, body, used, tuple(comparisons))


def _budget_bullet(context: _Context) -> Bullet:
    """'Handlingsplanen har en samlet ramme på 118,2 mio. kr., hvoraf X mio. kr. er brugt.'
    Illustrative spending is said to be so; spending awaiting approval makes it preliminary."""
    language = context.language
    progress = dashboard.plan_progress(
        context.store, context.plan.plan_id, as_of=context.moment, view=context.view
    )
    money = progress.money
    plan = money.plan
    total = format_dkk_millions(plan.total_dkk, language)
    years = f"{plan.start_date.year}–{plan.end_date.year}"
    spent = money.spent_dkk
    share = (
        None
        if spent is None or plan.total_dkk == 0
        else round_half_up(spent / plan.total_dkk * 100, 1)
    )
    ids = [plan.source_id]
    if spent is not None and money.spent_illustrative:
        ids += [s.source_id for s in context.sources.values() if s.is_illustrative]
    sources = _source_infos(ids, context.sources)
    if language == "da":
        head = f"Handlingsplanen for {years} har en samlet ramme på {total}"
    else:
        head = f"The action plan {years} has a total budget of {total}"
    body = _budget_text(head, spent, share, money.spent_illustrative, language)
    reasons: tuple[PreliminaryReason, ...] = ("submitted",) if money.spent_submitted else ()
    flags = Flags(
        preliminary=bool(reasons),
        illustrative=spent is not None and money.spent_illustrative,
        preliminary_reasons=reasons,
    )
    if flags.preliminary:
        body = _join(body, _preliminary_text(reasons, [], language))
    extra = ""
    if spent is not None and not money.spent_illustrative:
        extra = "forbrug indberettet i planwatch" if language == "da" else "spending in planwatch"
    return Bullet(
        kind="budget",
        indicator_code=None,
        text=body,
        source_text=source_text(sources, context.moment, language, extra),
        sources=sources,
        flags=flags,
        money=Money(plan.total_dkk, spent, share),
    )


def _budget_text(
    head: str, spent: Decimal | None, share: Decimal | None, illustrative: bool, language: str
) -> str:
    if spent is None:
        return (
            f"{_sentence(head)} Der er ikke registreret forbrug i planwatch."
            if language == "da"
            else f"{_sentence(head)} No spending has been recorded in planwatch."
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
        return f"{_sentence(head)} {warning}"
    if language == "da":
        of_total = f" Det svarer til {share_text} pct. af rammen." if share_text else ""
        return f"{head}, hvoraf {amount} er brugt.{of_total}"
    of_total = f" That is {share_text} per cent of the budget." if share_text else ""
    return f"{head}, of which {amount} has been spent.{of_total}"


# --- the service -----------------------------------------------------------------------------


def choose_plan(plans: Sequence[Plan], year: int) -> Plan:
    """The plan whose period contains ``year`` (the latest-starting one if several), else the
    latest plan."""
    if not plans:
        raise NotFoundError("Der er ingen planer i databasen.", "There are no plans stored.")
    containing = [p for p in plans if year in p.years()]
    return max(containing or plans, key=lambda p: p.start_date)


def _core_indicators(store: Store) -> list[Indicator]:
    order = {code: index for index, code in enumerate(CORE_INDICATORS)}
    core = [i for i in reporting.indicators(store) if i.is_core]
    return sorted(core, key=lambda i: (order.get(i.code, len(order)), i.code))


def _check(year: int, quarter: int | None, language: str) -> Period:
    if language not in LANGUAGES:
        raise UsageError(
            f"Sproget {language!r} findes ikke (da, en).",
            f"The language {language!r} is not available (da, en).",
        )
    try:
        return Period(year, quarter)
    except ValueError as error:
        asked = str(year) if quarter is None else f"{year}, kvartal {quarter}"
        raise UsageError(
            f"{asked} er ikke et gyldigt år eller kvartal (1-4).", str(error)
        ) from None


def _title(plan: Plan, period: Period, language: str) -> str:
    when = period_text(period, language)
    if language == "da":
        return f"Talepapir: {plan.name('da')} – tallene for {when}"
    return f"Speaking note: {plan.name('en')} – the figures for {when}"


def draft(
    store: Store,
    *,
    year: int,
    quarter: int | None = None,
    plan_id: str | None = None,
    language: str = "da",
    as_of: dt.datetime | None = None,
    view: View = PUBLIC_VIEW,
) -> TalkingPoints:
    """Draft the speaking note for a year (or a quarter of it) from the stored figures.

    Everything is read as of one moment (``as_of``, or now; UTC) in ``view``: with the default
    public view, figures awaiting approval are not used. ``plan_id`` ``None`` takes the plan
    whose period contains ``year``, else the latest plan. Raises :class:`UsageError` for an
    unknown language or a period out of range and :class:`NotFoundError` for an unknown plan.
    """
    period = _check(year, quarter, language)
    moment = utc_now() if as_of is None else to_utc_naive(as_of)
    plan = reporting.plan(store, plan_id) if plan_id else choose_plan(reporting.plans(store), year)
    context = _Context(
        store=store,
        plan=plan,
        language=language,
        moment=moment,
        view=view,
        sources={s.source_id: s for s in reporting.sources(store)},
    )
    bullets = [_budget_bullet(context)]
    for indicator in _core_indicators(store):
        if quarter is not None:
            bullets.append(_quarter_bullet(context, indicator, year, quarter))
            continue
        bullets += _year_bullets(context, indicator, year)
        for spec in BREAKDOWNS:
            if spec.indicator_code == indicator.code:
                extra = _breakdown_bullet(context, spec, year)
                bullets += [extra] if extra is not None else []
    return TalkingPoints(
        title=_title(plan, period, language),
        plan=plan,
        period=period,
        language=language,
        as_of=moment,
        includes_submitted=view.include_submitted,
        bullets=tuple(bullets),
    )


# --- renderers -------------------------------------------------------------------------------

_XML_UNSAFE: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MARKDOWN_SPECIAL: Final = re.compile(r"([\\`*_\[\]<>#|~$])")
_MARKDOWN_BLOCK_START: Final = re.compile(r"^(\d+)([.)])|^([-+])")


def plain_text(text: str) -> str:
    """One line of text: control characters and line breaks become spaces, so that nothing
    can start a new paragraph, list item or XML construct."""
    cleaned = _XML_UNSAFE.sub(" ", text)
    return " ".join(cleaned.split())


def _md(text: str) -> str:
    """Escaped so that it stays one line of literal text: no link, image, HTML, emphasis or
    LaTeX, and no list or heading where it starts."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", plain_text(text))
    return _MARKDOWN_BLOCK_START.sub(
        lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped, count=1
    )


def _meta_line(points: TalkingPoints) -> str:
    moment = format_moment(points.as_of, points.language)
    if points.language == "da":
        line = f"Tal pr. {moment}."
        if points.includes_submitted:
            line += " Omfatter indsendte tal, der endnu ikke er godkendt (markeret foreløbige)."
        return line
    line = f"Figures as of {moment}."
    if points.includes_submitted:
        line += " Includes submitted figures not yet approved (marked preliminary)."
    return line


def footer_text(points: TalkingPoints) -> str:
    """'Udarbejdet af planwatch 29. november 2026, kl. 11:24 UTC'."""
    moment = format_moment(points.as_of, points.language)
    if points.language == "da":
        return f"Udarbejdet af planwatch {moment}"
    return f"Prepared by planwatch {moment}"


def to_markdown(points: TalkingPoints) -> str:
    """The note as Markdown: a heading, one list item per bullet with its source in italics
    on the next line, and the footer. Every text is escaped, so nothing in a stored title can
    become a link, an image, HTML or a new block."""
    lines = [f"# {_md(points.title)}", "", f"*{_md(_meta_line(points))}*", ""]
    for bullet in points.bullets:
        lines.append(f"- {_md(bullet.text)}")
        lines.append(f"  *{_md(bullet.source_text)}*")
    lines += ["", f"*{_md(footer_text(points))}*", ""]
    return "\n".join(lines)


def to_docx(points: TalkingPoints) -> bytes:
    """The note as a Word document: a heading, one bullet paragraph per bullet (the source in
    a smaller italic run after a line break) and a footer line. Only plain runs are written."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.core_properties.title = plain_text(points.title)
    document.core_properties.author = "planwatch"
    document.add_heading(plain_text(points.title), level=1)
    meta = document.add_paragraph().add_run(plain_text(_meta_line(points)))
    meta.italic = True
    for bullet in points.bullets:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(plain_text(bullet.text))
        paragraph.add_run().add_break()
        source = paragraph.add_run(plain_text(bullet.source_text))
        source.italic = True
        source.font.size = Pt(9)
    footer = document.sections[0].footer.paragraphs[0]
    footer.add_run(plain_text(footer_text(points))).font.size = Pt(8)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _json(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, Period):
        return str(value)
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _comparison_dict(numbers: Comparison) -> dict[str, Any]:
    return {
        "period": _json(numbers.period),
        "value": _json(numbers.value),
        "previous_period": _json(numbers.previous_period),
        "previous": _json(numbers.previous),
        "change": _json(numbers.change),
        "percent": _json(numbers.percent),
        "percent_rounded": _json(numbers.percent_rounded),
        "multiple": _json(numbers.multiple),
        "highest_since": None if numbers.highest is None else numbers.highest.since,
        "highest_is_record": None if numbers.highest is None else numbers.highest.record,
        "lowest_since": None if numbers.lowest is None else numbers.lowest.since,
        "lowest_is_record": None if numbers.lowest is None else numbers.lowest.record,
    }


def _bullet_dict(bullet: Bullet) -> dict[str, Any]:
    flags = bullet.flags
    return {
        "kind": bullet.kind,
        "indicator_code": bullet.indicator_code,
        "breakdown": None
        if bullet.breakdown is None
        else {
            "sex": bullet.breakdown.sex,
            "age_group": bullet.breakdown.age_group,
            "exploitation": bullet.breakdown.exploitation,
        },
        "text": bullet.text,
        "source_text": bullet.source_text,
        "sources": [
            {
                "source_id": s.source_id,
                "title": s.title,
                "publisher": s.publisher,
                "kind": s.kind.value,
            }
            for s in bullet.sources
        ],
        "flags": {
            "preliminary": flags.preliminary,
            "preliminary_reasons": list(flags.preliminary_reasons),
            "suppressed": flags.suppressed,
            "illustrative": flags.illustrative,
            "revised": flags.revised,
        },
        "numbers": [_comparison_dict(c) for c in bullet.comparisons],
        "money": None
        if bullet.money is None
        else {
            "total_dkk": _json(bullet.money.total_dkk),
            "spent_dkk": _json(bullet.money.spent_dkk),
            "share_spent_percent": _json(bullet.money.share_spent_percent),
        },
    }


def to_dict(points: TalkingPoints) -> dict[str, Any]:
    """The note as plain JSON values (for ``--json``): numbers as numbers, periods as text."""
    return {
        "title": points.title,
        "plan": {
            "plan_id": points.plan.plan_id,
            "name": points.plan.name(points.language),
            "total_dkk": _json(points.plan.total_dkk),
        },
        "year": points.year,
        "quarter": points.quarter,
        "language": points.language,
        "as_of": _json(points.as_of),
        "includes_submitted": points.includes_submitted,
        "footer": footer_text(points),
        "bullets": [_bullet_dict(b) for b in points.bullets],
    }

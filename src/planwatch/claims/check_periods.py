"""Claims about periods planwatch holds only in part, by the rules of
:mod:`planwatch.domain.coverage` (docs/claims.md, "Parts of a year"): a whole year stated while
planwatch holds only some of its quarters, and two periods compared that are not comparable.
Both are ``inconsistent``, with the wording that is right and, for a part of a year, the
comparable statement: the same quarters a year earlier."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from planwatch.claims.outcomes import Outcome, cite, figure_text, not_checked, quote
from planwatch.claims.quantities import Quantity
from planwatch.claims.stored import Missing, PeriodValue, StoredFigures
from planwatch.claims.tolerance import agrees
from planwatch.domain.coverage import Baseline, Coverage, baseline
from planwatch.domain.vocab import TOTAL, Breakdown
from planwatch.figures.reporting import YearValue
from planwatch.formatting import Language, format_percent_words, percent_change


def whole_or_part(period: Coverage, language: Language) -> str:
    """``hele 2023`` / ``the whole of 2023``, or the part: ``1. kvt. 2025`` / ``Q1 2025``."""
    if period.complete:
        return f"hele {period.year}" if language == "da" else f"the whole of {period.year}"
    return period.label(language)


def in_period(value: str, period: Coverage, language: Language) -> str:
    """``28 i 1. kvt. 2025`` / ``28 in Q1 2025``."""
    return f"{value} {'i' if language == 'da' else 'in'} {period.label(language)}"


def signed_percent(change: Decimal, language: Language) -> str:
    """``+47,4 pct.`` / ``-12.0 per cent``."""
    text = format_percent_words(change, language, 1)
    return f"+{text}" if change > 0 else text


@dataclass(frozen=True, slots=True)
class Statement:
    """What may truthfully be said of a part of a year (``period``, its value ``now``): its
    value against the same quarters a year earlier (``base``, when planwatch holds them), as a
    sentence in each language (``da``, ``en``) and as a correction in the text's language
    (``correct``)."""

    da: str
    en: str
    correct: str
    period: Coverage
    now: Decimal
    base: Baseline | None


def comparable_statement(
    figures: StoredFigures, code: str, period: Coverage, breakdown: Breakdown = TOTAL
) -> Statement | None:
    """``Sammenligneligt: 28 i 1. kvt. 2025 mod 19 i 1. kvt. 2024, +47,4 pct.`` for a part of a
    year, by :func:`planwatch.domain.coverage.baseline`; or why it has nothing comparable.
    ``None`` when planwatch holds no value for ``period`` (or may not show it)."""
    found = figures.lookup(code, period, breakdown)
    if not isinstance(found, PeriodValue) or found.value is None:
        return None
    now = found.value
    before = figures.series(code, breakdown).get(period.year - 1)
    base = baseline(
        period, None if before is None else before.point(), figures.indicators[code].aggregation
    )
    lang = figures.language
    if isinstance(base, Baseline):
        texts = [_against(now, period, base, language) for language in ("da", "en")]
        return Statement(
            _full_stop(f"Sammenligneligt: {texts[0]}"),
            _full_stop(f"Comparable: {texts[1]}"),
            _against(now, period, base, lang),
            period,
            now,
            base,
        )
    earlier = period.in_year(period.year - 1)
    if base == "year-before-not-quarterly":
        da = f"planwatch har kun et tal for hele {earlier.year}, ingen kvartalstal"
        en = f"planwatch holds only a figure for the whole of {earlier.year}, no quarterly figures"
    elif base == "year-before-partial":
        da = f"{earlier.year} er ikke afsluttet"
        en = f"{earlier.year} is not complete"
    else:
        da = f"planwatch har intet tal for {earlier.label('da')}"
        en = f"planwatch holds no figure for {earlier.label('en')}"
    shown = in_period(figure_text(now, lang), period, lang)
    return Statement(
        f"{period.label('da')} kan ikke sammenlignes med året før: {da}.",
        f"{period.label('en')} cannot be compared with the year before: {en}.",
        shown,
        period,
        now,
        None,
    )


def _full_stop(text: str) -> str:
    """A sentence ended once (``… +47,4 pct.`` already ends with a full stop)."""
    return text if text.endswith(".") else f"{text}."


def _against(now: Decimal, period: Coverage, base: Baseline, language: Language) -> str:
    """``28 i 1. kvt. 2025 mod 19 i 1. kvt. 2024, +47,4 pct.``"""
    word = "mod" if language == "da" else "against"
    text = (
        f"{in_period(figure_text(now, language), period, language)} {word} "
        f"{in_period(figure_text(base.value, language), base.coverage, language)}"
    )
    change = percent_change(base.value, now)
    return text if change is None else f"{text}, {signed_percent(change, language)}"


def partial_count(
    figures: StoredFigures,
    code: str,
    quantity: Quantity,
    held: YearValue,
    breakdown: Breakdown,
) -> Outcome:
    """A count stated for the whole year ``held.year``, which planwatch holds only in part
    (``held``): ``inconsistent``, whatever the number, with the part it holds (*28 i 1. kvt.
    2025*) as the right wording."""
    part = PeriodValue(held.covers, held.value, held)
    stored = (figures.stored(code, part, breakdown),)
    y = held.year
    what_da, what_en = figures.what(code, y, breakdown)
    label_da, label_en = part.coverage.label("da"), part.coverage.label("en")
    head_da = (
        f"{what_da}: {y} er ikke afsluttet, og planwatch har intet tal for hele året, kun for "
        f"{label_da}."
    )
    head_en = (
        f"{what_en}: {y} is not complete, and planwatch holds no figure for the whole year, only "
        f"for {label_en}."
    )
    if part.value is None:
        return Outcome(
            "inconsistent",
            f"{head_da} Tallet for {label_da} vises ikke præcist i denne visning (små antal "
            f"personer skjules).",
            f"{head_en} The figure for {label_en} is not shown exactly in this view (small "
            f"counts of persons are suppressed).",
            stored,
            years=(y,),
        )
    cited = cite(stored[0].sources)
    shown_da, shown_en = figure_text(part.value, "da"), figure_text(part.value, "en")
    if agrees(quantity.written, quantity.decimals, part.value, quantity.qualifier):
        body_da = f"{quote(quantity.text, 'da')} er tallet for {label_da}, ikke for hele {y}"
        body_en = f"{quote(quantity.text, 'en')} is the figure for {label_en}, not for all of {y}"
    else:
        body_da = (
            f"Teksten siger {quote(quantity.text, 'da')}; planwatch har {shown_da} for {label_da}"
        )
        body_en = (
            f"The text says {quote(quantity.text, 'en')}; planwatch holds {shown_en} for {label_en}"
        )
    right = in_period(stored[0].shown, part.coverage, figures.language)
    return Outcome(
        "inconsistent",
        f"{head_da} {body_da} ({cited}). Skriv perioden: "
        f"»{in_period(shown_da, part.coverage, 'da')}«.",
        f"{head_en} {body_en} ({cited}). Name the period: "
        f"“{in_period(shown_en, part.coverage, 'en')}”.",
        stored,
        right,
        years=(y,),
    )


@dataclass(frozen=True, slots=True)
class Apart:
    """Two periods a claim compares that are not comparable: the ``inconsistent`` outcome, and
    the comparable statement for the part of a year among them, when there is one."""

    outcome: Outcome
    statement: Statement | None


def periods_apart(
    figures: StoredFigures,
    code: str,
    stated: tuple[Coverage, Coverage],
    breakdown: Breakdown = TOTAL,
) -> Apart | None:
    """Two periods a claim compares, when they are not comparable: the text states them so
    (*fra 2024 til 1. kvt. 2025*), or names a whole year planwatch holds only in part (*fra
    2023 til 2025* with only 1. kvt. 2025). ``None`` when they are comparable."""
    found = tuple(figures.lookup(code, s, breakdown) for s in stated)
    held = tuple(_held(s, f) for s, f in zip(stated, found, strict=True))
    if stated[0].comparable(stated[1]) and held == stated:
        return None
    part = next((h for h in reversed(held) if not h.complete), None)
    statement = (
        None
        if part is None or not breakdown.is_total
        else comparable_statement(figures, code, part, breakdown)
    )
    stored = tuple(figures.stored(code, f, breakdown) for f in _values(found))
    names_da = " og ".join(_held_text(s, h, "da") for s, h in zip(stated, held, strict=True))
    names_en = " and ".join(_held_text(s, h, "en") for s, h in zip(stated, held, strict=True))
    if stated[0].comparable(stated[1]) and held[0].comparable(held[1]):
        # "fra 2024 til 2025" while planwatch holds the same quarters of both
        da = f"Teksten sammenligner hele år, men planwatch har kun {names_da}."
        en = f"The text compares whole years, but planwatch holds only {names_en}."
    else:
        da = f"Perioderne kan ikke sammenlignes: {names_da}."
        en = f"The periods are not comparable: {names_en}."
    da += (
        " En del af et år sammenlignes kun med de samme kvartaler et andet år, og et helt år kun "
        "med et helt år."
    )
    en += (
        " Part of a year is compared only with the same quarters of another year, and a whole "
        "year only with a whole year."
    )
    if statement is not None:
        da, en = f"{da} {statement.da}", f"{en} {statement.en}"
    outcome = Outcome(
        "inconsistent",
        da,
        en,
        stored,
        None if statement is None else statement.correct,
        years=(stated[0].year, stated[1].year),
    )
    return Apart(outcome, statement)


def _held(stated: Coverage, found: PeriodValue | Missing) -> Coverage:
    """The period planwatch holds for a stated one: the part of a year that is not complete."""
    if isinstance(found, Missing) and found.gap == "not-complete" and found.year is not None:
        return found.year.covers
    return stated


def _held_text(stated: Coverage, held: Coverage, language: Language) -> str:
    if held == stated:
        return whole_or_part(stated, language)
    if language == "da":
        return f"{held.label('da')} ({stated.year} er ikke afsluttet)"
    return f"{held.label('en')} ({stated.year} is not complete)"


def from_to_text(
    language: Language, old: tuple[Decimal, Coverage], new: tuple[Decimal, Coverage]
) -> str:
    """``fra 19 i 1. kvt. 2024 til 28 i 1. kvt. 2025`` / ``from 73 in 2022 to 112 in 2023``."""
    a, b = (in_period(figure_text(v, language), c, language) for v, c in (old, new))
    return f"fra {a} til {b}" if language == "da" else f"from {a} to {b}"


def _values(found: tuple[PeriodValue | Missing, ...]) -> list[PeriodValue]:
    values = []
    for f in found:
        if isinstance(f, PeriodValue):
            values.append(f)
        elif f.gap == "not-complete" and f.year is not None:
            values.append(PeriodValue(f.year.covers, f.year.value, f.year))
    return values


def missing_outcome(
    figures: StoredFigures, code: str, missing: Missing, breakdown: Breakdown = TOTAL
) -> Outcome:
    """No value for a stated period: ``not-in-data`` (no figure, or no figures for the quarters
    stated), or ``not-checked`` when the view may not see the quarterly figures."""
    what_da, what_en = figures.what(code, missing.stated, breakdown)
    year = missing.year
    if missing.gap == "quarters-hidden":
        return not_checked(
            f"{what_da}: kvartalstallene vises ikke præcist i denne visning (små antal personer "
            f"skjules), så tallet kontrolleres ikke.",
            f"{what_en}: the quarterly figures are not shown exactly in this view (small counts "
            f"of persons are suppressed), so the figure is not checked.",
        )
    if missing.gap == "no-quarters" and year is not None:
        if year.complete:
            held_da = (
                f"kun et tal for hele {year.year}, ingen kvartalstal for "
                f"{missing.stated.label('da')}"
            )
            held_en = (
                f"only a figure for the whole of {year.year}, no quarterly figures for "
                f"{missing.stated.label('en')}"
            )
        else:
            held_da = f"kun tal for {year.label('da')}"
            held_en = f"figures for {year.label('en')} only"
        return Outcome(
            "not-in-data",
            f"{what_da}: planwatch har {held_da}.",
            f"{what_en}: planwatch holds {held_en}.",
            years=(missing.stated.year,),
        )
    return Outcome(
        "not-in-data",
        f"{what_da}: planwatch har intet tal.",
        f"{what_en}: planwatch holds no figure.",
        years=(missing.stated.year,),
    )

"""How a target is said beside the figures, in Danish and English: a tile's short line ("Mål
2027: mindst 150 udredninger · 2025: 290, nået") and a speaking note's sentence ("Planens mål
for 2027 er mindst 150 udredninger; med 290 i 2025 er det nået."). The rules: docs/plans.md."""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from planwatch.domain.indicators import Indicator, TargetDirection
from planwatch.domain.targets import Standing
from planwatch.notes.wording import noun_for, number_text, wording

_DIRECTION: Final[dict[tuple[TargetDirection, str], str]] = {
    (TargetDirection.AT_LEAST, "da"): "mindst",
    (TargetDirection.AT_MOST, "da"): "højst",
    (TargetDirection.ABOUT, "da"): "omkring",
    (TargetDirection.AT_LEAST, "en"): "at least",
    (TargetDirection.AT_MOST, "en"): "at most",
    (TargetDirection.ABOUT, "en"): "about",
}
_ILLUSTRATIVE: Final = {
    "da": "Illustrativt mål, ikke officielt",
    "en": "Illustrative target, not official",
}


def direction_text(direction: TargetDirection | None, language: str) -> str:
    """'mindst' / 'at least' for a target's direction; '' for none."""
    return "" if direction is None else _DIRECTION[(direction, language)]


def _goal(standing: Standing, indicator: Indicator, language: str) -> str:
    """'mindst 150 udredninger' / 'at least 150 assessments'."""
    target = standing.target
    words = [direction_text(target.direction, language)] if target.direction else []
    words += [
        number_text(target.value, language),
        noun_for(target.value, wording(indicator, language)),
    ]
    return " ".join(words)


def _where(standing: Standing, language: str) -> str:
    """'nået' / '40 under målet' / ''."""
    gap = standing.gap
    if standing.met is None or gap is None:
        return ""
    if standing.met:
        return "nået" if language == "da" else "met"
    amount = number_text(abs(gap), language)
    if gap < 0:
        return f"{amount} under målet" if language == "da" else f"{amount} below the target"
    return f"{amount} over målet" if language == "da" else f"{amount} above the target"


def _head(standing: Standing, language: str) -> str:
    if standing.for_plan_end:
        return (
            f"Mål ved planens udløb ({standing.year})"
            if language == "da"
            else f"Target for the plan's end ({standing.year})"
        )
    return f"Mål {standing.year}" if language == "da" else f"Target {standing.year}"


def tile_line(standing: Standing, indicator: Indicator, language: str) -> str:
    """A tile's line: 'Mål 2027: mindst 150 udredninger · 2025: 290, nået'."""
    text = f"{_head(standing, language)}: {_goal(standing, indicator, language)}"
    if standing.latest is not None and standing.latest_year is not None:
        text += f" · {standing.latest_year}: {number_text(standing.latest, language)}"
        where = _where(standing, language)
        text += f", {where}" if where else ""
    if standing.target.is_illustrative:
        text = f"{_ILLUSTRATIVE[language]}: {text}"
    return text


def note_sentence(standing: Standing, indicator: Indicator, language: str) -> str:
    """A speaking note's sentence about the target, with where the latest year stands."""
    goal = _goal(standing, indicator, language)
    if language == "da":
        when = "ved udløbet i" if standing.for_plan_end else "for"
        text = f"Planens mål {when} {standing.year} er {goal}"
    else:
        when = "for its end in" if standing.for_plan_end else "for"
        text = f"The plan's target {when} {standing.year} is {goal}"
    latest, year = standing.latest, standing.latest_year
    if latest is not None and year is not None:
        text += _latest_clause(standing, latest, year, language)
    return text + "."


def _latest_clause(standing: Standing, latest: Decimal, year: int, language: str) -> str:
    shown = number_text(latest, language)
    gap = standing.gap if standing.gap is not None else Decimal(0)
    amount = number_text(abs(gap), language)
    if language == "da":
        if standing.met is None:
            return f"; i {year} var tallet {shown}"
        if standing.met:
            return f"; med {shown} i {year} er det nået"
        side = "under" if gap < 0 else "over"
        return f"; med {shown} i {year} ligger tallet {amount} {side} målet"
    if standing.met is None:
        return f"; in {year} the figure was {shown}"
    if standing.met:
        return f"; at {shown} in {year} it is met"
    side = "below" if gap < 0 else "above"
    return f"; at {shown} in {year} the figure is {amount} {side} the target"

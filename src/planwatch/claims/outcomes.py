"""What checking one claim gives before it is a :class:`~planwatch.claims.report.Claim` (an
:class:`Outcome`: the verdict, its explanation in Danish and English, the stored figures and
the right figure), why an ``other`` figure is not checked, and the words explanations are
written with: a figure quoted as the text writes it, a stored figure, a citation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from planwatch.claims.report import SourceInfo, StoredFigure
from planwatch.claims.verdicts import VERDICTS, Verdict
from planwatch.formatting import Language, format_number


@dataclass(frozen=True, slots=True)
class Outcome:
    """A claim's verdict and why (``da``, ``en``), the stored figures it was checked against,
    the right figure when it is wrong, and the years it was checked for when they differ
    from the candidate's."""

    verdict: Verdict
    da: str
    en: str
    stored: tuple[StoredFigure, ...] = ()
    correct: str | None = None
    years: tuple[int, ...] = ()
    indicator: str | None = None
    """The indicator the verdict is about when a check chose another series than the one the
    claim was matched to (the TIP report's, :mod:`planwatch.claims.series`)."""


def not_checked(da: str, en: str, stored: tuple[StoredFigure, ...] = ()) -> Outcome:
    """A ``not-checked`` outcome, with the reason."""
    return Outcome("not-checked", da, en, stored)


OTHER_REASONS: Final[dict[str, tuple[str, str]]] = {  # by the candidate's note
    "share": (
        "En andel i procent kontrolleres ikke; kun ændringer mellem to år.",
        "A share in per cent is not checked; only changes between two years are.",
    ),
    "percent": (
        "En procent uden ord om en ændring (stigning, fald) kontrolleres ikke.",
        "A per cent without a word for a change (increase, fall) is not checked.",
    ),
    "percentage-points": (
        "Procentpoint kontrolleres ikke.",
        "Percentage points are not checked.",
    ),
    "range": ("Et interval kontrolleres ikke.", "A range is not checked."),
    "factor": (
        "Et antal gange kontrolleres ikke (kun fordoblet, halveret …).",
        "A number of times is not checked (only doubled, halved …).",
    ),
    "money": (
        "Et beløb, der ikke er en handlingsplans samlede ramme, kontrolleres ikke.",
        "An amount that is not an action plan's total is not checked.",
    ),
    "annual-money": (
        "Et beløb for et enkelt år (om året, årligt) sammenlignes ikke med en handlingsplans "
        "samlede ramme.",
        "An amount for a single year (a year, annually) is not compared with an action plan's "
        "total.",
    ),
    "other-money": (
        "Beløbet gælder en anden aftale, pulje eller bevilling end handlingsplanens samlede "
        "ramme, og planwatch har ikke tal for den; det sammenlignes ikke med planens ramme.",
        "The amount is for another agreement, pool or grant than the action plan's total, "
        "and planwatch holds no figures for it; it is not compared with the plan's total.",
    ),
    "part-of-plan-money": (
        "Beløbet er til en del af handlingsplanen (en indsats eller et formål i den), ikke "
        "planens samlede ramme, og planwatch kan ikke se hvilken; det sammenlignes ikke med "
        "rammen.",
        "The amount is for a part of the action plan (an initiative or purpose within it), not "
        "the plan's total, and planwatch cannot tell which; it is not compared with the total.",
    ),
    "spending": (
        "Fordeling og forbrug af midler kontrolleres ikke; kun planens samlede ramme.",
        "Allocations and spending are not checked; only the plan's total is.",
    ),
    "period-total": (
        "Et tal for flere år tilsammen kontrolleres ikke; kun tal for ét år.",
        "A figure for several years together is not checked; only yearly figures are.",
    ),
    "large-number": (
        "Et stort antal (mio.) uden beløb kontrolleres ikke.",
        "A large number (millions) that is not money is not checked.",
    ),
    "stray": (
        "Tallet står efter udsagnsordet uden et navneord (fx en side- eller fodnotehenvisning, "
        "som en kopieret tekst har beholdt); det kontrolleres ikke.",
        "The number stands after the verb with no noun (a page or footnote number a copied "
        "text kept, for instance); it is not checked.",
    ),
    "target": (
        "Tallet er et mål (en målsætning), ikke et opgjort tal; mål kontrolleres ikke.",
        "The figure is a target, not a recorded figure; targets are not checked.",
    ),
    "breakdown": (
        "Tallet gælder en opdeling, planwatch ikke har (fx en anden aldersgruppe, en "
        "nationalitet eller en branche).",
        "The figure is for a breakdown planwatch does not hold (e.g. another age band, a "
        "nationality or a trade).",
    ),
}


def verdict_of(text: str) -> Verdict:
    """The verdict a string names."""
    for verdict in VERDICTS:
        if verdict == text:
            return verdict
    raise ValueError(text)  # pragma: no cover


def cite(sources: Iterable[SourceInfo]) -> str:
    """``Publisher: Title`` for each source once."""
    names = (f"{s.publisher}: {s.title}" if s.publisher else s.title for s in sources)
    return "; ".join(dict.fromkeys(names))


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def figure_text(value: Decimal, language: Language) -> str:
    """A stored or computed figure with the decimals it has (``1.233``, ``53,42``)."""
    return format_number(value, language, _places(value))


def quote(text: str, language: Language) -> str:
    """A figure as the text writes it, quoted (»35 pct.« / “35 per cent”)."""
    return f"»{text}«" if language == "da" else f"“{text}”"


def unit_da(unit: str) -> str:
    """An indicator's unit in Danish (``persons``: ``personer``)."""
    return {
        "persons": "personer",
        "assessments": "udredninger",
        "calls": "opkald",
        "cases": "sager",
        "counts": "forhold",
        "investigations": "efterforskninger",
    }.get(unit, unit)

"""Every text the app shows, in Danish and English. Danish is the default."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
    "app_title": {"da": "planwatch", "en": "planwatch"},
    "language": {"da": "Sprog", "en": "Language"},
    "plan": {"da": "Handlingsplan", "en": "Action plan"},
    "overview": {"da": "Overblik", "en": "Overview"},
    "plan_total": {"da": "Planens samlede ramme", "en": "Plan total"},
    "allocated": {"da": "Fordelt på indsatser", "en": "Allocated to initiatives"},
    "spent": {"da": "Forbrug til dato", "en": "Spent to date"},
    "remaining": {"da": "Resterende", "en": "Remaining"},
    "no_money": {"da": "Ingen tal", "en": "No figures"},
    "illustrative_banner": {
        "da": "Bevillinger og forbrug pr. indsats er ikke offentliggjort. Tallene markeret "
        "ILLUSTRATIVT er opdigtede demotal og må ikke citeres.",
        "en": "Allocations and spending per initiative have not been published. Figures marked "
        "ILLUSTRATIVE are invented demo figures and must not be quoted.",
    },
    "illustrative": {"da": "ILLUSTRATIVT", "en": "ILLUSTRATIVE"},
    "core_indicators": {"da": "Kerneindikatorer", "en": "Core indicators"},
    "no_figure": {"da": "Intet offentliggjort tal", "en": "No published figure"},
    "change_vs": {"da": "i forhold til {year}", "en": "compared with {year}"},
    "persons_short": {"da": "pers.", "en": "persons"},
    "source": {"da": "Kilde", "en": "Source"},
    "from_quarters": {
        "da": "Opgjort ud fra kvartalerne {quarters}",
        "en": "Derived from quarters {quarters}",
    },
    "figures_as_of": {
        "da": "Tal som registreret pr. {moment}",
        "en": "Figures as stored on {moment}",
    },
    "phase_ended": {"da": "Planen er afsluttet", "en": "The plan has ended"},
    "phase_running": {"da": "Planen er i gang", "en": "The plan is running"},
    "phase_upcoming": {"da": "Planen er ikke startet", "en": "The plan has not started"},
    "period": {"da": "Periode", "en": "Period"},
    "error_title": {"da": "Noget gik galt", "en": "Something went wrong"},
    "unexpected_error": {
        "da": "Der opstod en uventet fejl. Intet er ændret. Fejlen er logget; kontakt "
        "driftsansvarlig, hvis den gentager sig.",
        "en": "An unexpected error occurred. Nothing was changed. The error has been logged; "
        "contact the operator if it happens again.",
    },
}


def t(key: str, language: str, **values: object) -> str:
    text = TEXTS[key][language]
    return text.format(**values) if values else text

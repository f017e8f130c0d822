"""Texts of the plans set side by side on the overview (issue 19)."""

from __future__ import annotations

from typing import Final

PLANS_TEXTS: Final[dict[str, dict[str, str]]] = {
    "plans_side_by_side": {"da": "Planerne side om side", "en": "The plans side by side"},
    "plans_side_by_side_intro": {
        "da": "Hver plans ramme og kerneindikatorerne over planens år: summen af de hele år med "
        "tal og gennemsnittet pr. år. År uden et helt tal nævnes, så en plan, hvis år ikke alle "
        "er gjort op, ikke sammenlignes med en hel uden at det står der.",
        "en": "Each plan's total and the core indicators over the plan's years: the sum of the "
        "complete years with figures and the average per year. Years without a complete figure "
        "are named, so that a plan whose years are not all in is never set against a whole "
        "one without saying so.",
    },
    "plans_to_compare": {"da": "Planer at sammenligne", "en": "Plans to compare"},
    "plans_choose_two": {
        "da": "Vælg mindst to planer.",
        "en": "Choose at least two plans.",
    },
    "plans_row": {"da": "Tal", "en": "Figure"},
    "plans_total_row": {"da": "Samlet ramme", "en": "Total"},
    "plans_per_year_row": {
        "da": "Ramme pr. år (samlet ramme delt på planens år)",
        "en": "Total per year (the total over the plan's years)",
    },
    "plans_flow_cell": {
        "da": "{total} i alt ({years}) · {per_year} pr. år",
        "en": "{total} in all ({years}) · {per_year} a year",
    },
    "plans_stock_cell": {"da": "{total} ({year})", "en": "{total} ({year})"},
    "plans_missing": {"da": "mangler {years}", "en": "missing {years}"},
    "plans_no_figures": {"da": "ingen hele år med tal", "en": "no complete years with figures"},
    "plans_illustrative": {"da": "ILLUSTRATIVT", "en": "ILLUSTRATIVE"},
}

"""Texts of Om data / About the data in plain words (issue 18), Danish and English."""

from __future__ import annotations

from typing import Final

ABOUT_TEXTS: Final[dict[str, dict[str, str]]] = {
    "about_col_counted": {"da": "Sådan tælles året", "en": "How a year is counted"},
    "about_flow": {
        "da": "Løbende tal pr. år (summen af kvartalerne)",
        "en": "Running count per year (the sum of its quarters)",
    },
    "about_stock": {
        "da": "Bestand (årets sidste værdi)",
        "en": "Stock (the year's last value)",
    },
    "about_kind_official": {"da": "Officiel", "en": "Official"},
    "about_kind_press": {"da": "Presse", "en": "Press"},
    "about_kind_secondary": {"da": "Sekundær kilde", "en": "Secondary source"},
    "about_kind_upload": {"da": "Indberetning", "en": "Upload"},
    "about_kind_illustrative": {
        "da": "Illustrativ (opdigtede demotal)",
        "en": "Illustrative (invented demo figures)",
    },
    "about_total": {"da": "I alt", "en": "Total"},
}

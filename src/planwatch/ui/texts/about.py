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
    "synonyms_title": {
        "da": "Andre ord for indikatoren ({count})",
        "en": "Other words for the indicator ({count})",
    },
    "synonyms_help": {
        "da": "Tjek tal i en tekst genkender indikatoren ved dens navn og ved disse ord, i alle "
        "bøjninger, som de var på det valgte tidspunkt.",
        "en": "Check a text's figures recognises the indicator by its name and by these words, "
        "in any inflection, as they stood at the moment chosen.",
    },
}

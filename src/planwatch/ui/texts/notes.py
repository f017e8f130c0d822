"""Texts of the speaking-notes and claim-check pages (issue 7), Danish and English."""

from __future__ import annotations

from typing import Final

NOTES_TEXTS: Final[dict[str, dict[str, str]]] = {
    "talking-points": {"da": "Talepapir", "en": "Speaking notes"},
    "notes_intro": {
        "da": "Punkterne til et talepapir, skrevet ud fra de gemte tal: hvert punkt med sin "
        "kilde og tidspunktet for tallene. Procenter og ændringer er regnet fra tallene, ikke "
        "skrevet af. Læs punkterne igennem, før de bruges.",
        "en": "The points of a speaking note, written from the stored figures: each with its "
        "source and the moment of the figures. Percentages and changes are computed from the "
        "figures, not copied. Read the points through before using them.",
    },
    "notes_year": {"da": "År", "en": "Year"},
    "notes_quarter": {"da": "Periode", "en": "Period"},
    "notes_whole_year": {"da": "Hele året", "en": "The whole year"},
    "notes_quarter_n": {"da": "{n}. kvartal", "en": "Quarter {n}"},
    "notes_language": {"da": "Talepapirets sprog", "en": "Language of the note"},
    "notes_flag_preliminary": {"da": "Foreløbigt", "en": "Preliminary"},
    "notes_flag_suppressed": {"da": "Små antal skjult", "en": "Small counts hidden"},
    "notes_flag_illustrative": {"da": "ILLUSTRATIVT", "en": "ILLUSTRATIVE"},
    "notes_flag_revised": {"da": "Revideret", "en": "Revised"},
    "notes_illustrative": {
        "da": "Talepapiret nævner illustrative demotal. De er opdigtede og må ikke citeres som "
        "officielle tal.",
        "en": "The note mentions illustrative demo figures. They are invented and must not be "
        "quoted as official figures.",
    },
    "notes_copy": {"da": "Til kopiering (Markdown)", "en": "To copy (Markdown)"},
    "notes_download_md": {"da": "Hent som Markdown", "en": "Download as Markdown"},
    "notes_download_docx": {"da": "Hent som Word (.docx)", "en": "Download as Word (.docx)"},
    "notes_no_plan": {
        "da": "Der er ingen handlingsplan i databasen.",
        "en": "There is no action plan in the database.",
    },
    "check-claims": {"da": "Tjek tal i en tekst", "en": "Check a text's figures"},
    "claims_intro": {
        "da": "Indsæt eller upload en tale, en pressemeddelelse eller et svar til Folketinget "
        "(tekst, Markdown eller Word). planwatch finder hvert tal, teksten nævner om det, "
        "planwatch følger, og siger om det stemmer med de gemte tal og deres kilder.",
        "en": "Paste or upload a speech, a press release or an answer to the Folketing (text, "
        "Markdown or Word). planwatch finds each figure the text states about what it follows "
        "and says whether it agrees with the stored figures and their sources.",
    },
    "claims_text": {
        "da": "Tekst (højst {characters} tegn)",
        "en": "Text (at most {characters} characters)",
    },
    "claims_file": {
        "da": "… eller en fil (.txt, .md, .docx, højst {mb} MB)",
        "en": "… or a file (.txt, .md, .docx, at most {mb} MB)",
    },
    "claims_language": {"da": "Tekstens sprog", "en": "The text's language"},
    "claims_detect": {"da": "Find selv", "en": "Detect"},
    "claims_check": {"da": "Tjek tallene", "en": "Check the figures"},
    "claims_summary": {
        "da": "{consistent} stemmer, {inconsistent} stemmer ikke, {missing} er ikke i data, "
        "{unchecked} er ikke tjekket.",
        "en": "{consistent} consistent, {inconsistent} inconsistent, {missing} not in the data, "
        "{unchecked} not checked.",
    },
    "claims_none": {
        "da": "Teksten nævner ingen tal, planwatch kan tjekke.",
        "en": "The text states no figures planwatch can check.",
    },
    "col_claim": {"da": "Teksten siger", "en": "The text says"},
    "col_verdict": {"da": "Vurdering", "en": "Verdict"},
    "col_correct": {"da": "Rigtigt tal", "en": "Right figure"},
    "col_explanation": {"da": "Forklaring og kilde", "en": "Explanation and source"},
}

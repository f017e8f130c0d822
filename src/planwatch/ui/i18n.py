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
    "upload": {"da": "Indberet tal", "en": "Upload figures"},
    "upload_intro": {
        "da": "Send kvartalstal (CMM) eller bevillinger og forbrug (ministeriet) som CSV eller "
        "Excel. Filen kontrolleres først; intet gemmes, før du bekræfter, og en fil med fejl "
        "gemmes aldrig halvt.",
        "en": "Send quarterly figures (CMM) or allocations and spending (the ministry) as CSV or "
        "Excel. The file is checked first; nothing is stored until you confirm, and a file with "
        "errors is never half-stored.",
    },
    "upload_kind": {"da": "Hvad indberetter du?", "en": "What are you sending?"},
    "templates": {"da": "Skabeloner", "en": "Templates"},
    "template_xlsx": {"da": "Skabelon (Excel)", "en": "Template (Excel)"},
    "template_csv": {"da": "Skabelon (CSV)", "en": "Template (CSV)"},
    "uploader_name": {
        "da": "Afsender (navn eller e-mail)",
        "en": "Sender (name or e-mail)",
    },
    "uploader_help": {
        "da": "Registreres ved hvert tal, du indberetter.",
        "en": "Recorded with every figure you send.",
    },
    "file": {"da": "Fil (CSV eller Excel)", "en": "File (CSV or Excel)"},
    "reason": {
        "da": "Begrundelse for rettelser (kræves, hvis filen retter tal, der allerede er gemt)",
        "en": "Reason for corrections (needed if the file corrects figures already stored)",
    },
    "check_file": {"da": "Kontrollér filen", "en": "Check the file"},
    "accept_warnings": {
        "da": "Jeg har set advarslerne og vil gemme filen alligevel",
        "en": "I have seen the warnings and want to store the file anyway",
    },
    "store_file": {"da": "Gem tallene", "en": "Store the figures"},
    "need_name": {
        "da": "Skriv afsenderens navn eller e-mail, før filen kontrolleres.",
        "en": "Enter the sender's name or e-mail before the file is checked.",
    },
    "rows_new": {"da": "Nye tal", "en": "New figures"},
    "rows_corrected": {"da": "Rettede tal", "en": "Corrected figures"},
    "rows_unchanged": {"da": "Uændrede tal", "en": "Unchanged figures"},
    "problems": {"da": "Problemer i filen", "en": "Problems in the file"},
    "corrections": {"da": "Rettelser", "en": "Corrections"},
    "download_report_csv": {"da": "Hent fejlrapport (CSV)", "en": "Download report (CSV)"},
    "download_annotated": {
        "da": "Hent din fil med fejlene markeret (Excel)",
        "en": "Download your file with the problems marked (Excel)",
    },
    "problems_truncated": {
        "da": "Kun de første {shown} af {total} problemer vises. Optælling pr. kode: {counts}.",
        "en": "Only the first {shown} of {total} problems are shown. Count per code: {counts}.",
    },
    "col_row": {"da": "Række", "en": "Row"},
    "col_column": {"da": "Kolonne", "en": "Column"},
    "col_value": {"da": "Værdi", "en": "Value"},
    "col_code": {"da": "Kode", "en": "Code"},
    "col_severity": {"da": "Alvor", "en": "Severity"},
    "col_message": {"da": "Besked", "en": "Message"},
    "col_figure": {"da": "Tal", "en": "Figure"},
    "col_old": {"da": "Gemt i dag", "en": "Stored now"},
    "col_new": {"da": "I filen", "en": "In the file"},
    "severity_error": {"da": "fejl", "en": "error"},
    "severity_warning": {"da": "advarsel", "en": "warning"},
    "reading_file": {"da": "Læser og kontrollerer filen …", "en": "Reading and checking the file…"},
}


def t(key: str, language: str, **values: object) -> str:
    text = TEXTS[key][language]
    return text.format(**values) if values else text

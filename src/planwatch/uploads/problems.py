"""Every problem an upload can have: its stable code, and its message in Danish and English.

All the text a sender reads about a problem in a file lives here, in :data:`MESSAGES` (a
problem's whole message) and :data:`PHRASES` (the pieces put into messages: what kind of file it
is, why an archive is too large, which sheets a workbook has). A message template names what it
needs (``{column}``, ``{value}``, ``{total}``, ...); numbers and periods are written the way a
reader of each language expects (``1.234,5`` / ``1,234.5``), and a :class:`Wording` puts its own
text into each language. A code whose message depends on the case has one entry per case, keyed
``code/case`` (``unreadable-file/csv``); :data:`CODES` are the codes alone.

:class:`ProblemSink` collects the problems of one upload; the record itself,
:class:`~planwatch.errors.Problem`, is in the kernel because other packages make problems too.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

from planwatch.domain.periods import Period
from planwatch.errors import Problem
from planwatch.formatting import Language, format_number


@dataclass(frozen=True, slots=True)
class Wording:
    """A text in both languages, put into a message as the message's own language asks."""

    da: str
    en: str

    def text(self, language: str) -> str:
        return self.da if language == "da" else self.en


# code (or code/case) -> (Danish, English)
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    "missing-value": (
        "Kolonnen '{column}' skal udfyldes.",
        "The column '{column}' must be filled in.",
    ),
    "not-a-number": (
        "'{value}' i kolonnen '{column}' er ikke et tal. Skriv fx 1234 eller 1.234,5.",
        "'{value}' in the column '{column}' is not a number. Write e.g. 1234 or 1234.5.",
    ),
    "not-a-whole-number": (
        "'{value}' i kolonnen '{column}' skal være et helt tal.",
        "'{value}' in the column '{column}' must be a whole number.",
    ),
    "unknown-indicator": (
        "Indikatoren '{value}' kendes ikke. Brug en kode eller et navn fra skabelonens kodeliste.",
        "The indicator '{value}' is not known. Use a code or a name from the template's list "
        "of codes.",
    ),
    "unknown-initiative": (
        "Indsatsen '{value}' kendes ikke. Brug en kode eller et navn fra skabelonens kodeliste.",
        "The initiative '{value}' is not known. Use a code or a name from the template's list "
        "of codes.",
    ),
    "year-too-early": ("Året {value} ligger før 2000.", "The year {value} is before 2000."),
    "year-too-late": ("Året {value} er ikke gyldigt.", "The year {value} is not valid."),
    "quarter-out-of-range": (
        "Kvartalet skal være 1, 2, 3 eller 4, ikke '{value}'.",
        "The quarter must be 1, 2, 3 or 4, not '{value}'.",
    ),
    "quarter-not-ended": (
        "{period} er ikke slut endnu; tal kan først indberettes, når kvartalet er gået.",
        "{period} has not ended yet; figures can be sent once the quarter is over.",
    ),
    "year-outside-plan": (
        "Året {value} ligger uden for planens periode ({plan}: {first}–{last}).",
        "The year {value} is outside the plan's period ({plan}: {first}–{last}).",
    ),
    "negative-value": (
        "'{value}' i kolonnen '{column}' er negativ; tallet skal være 0 eller derover.",
        "'{value}' in the column '{column}' is negative; it must be 0 or more.",
    ),
    "value-too-large": (
        "'{value}' i kolonnen '{column}' er urealistisk stort. Tjek tallet (tusindtalsskilletegn "
        "og decimaler).",
        "'{value}' in the column '{column}' is unrealistically large. Check the figure "
        "(thousands separators and decimals).",
    ),
    "too-many-decimals": (
        "'{value}' har mere end to decimaler (øre).",
        "'{value}' has more than two decimals.",
    ),
    "not-in-vocabulary": (
        "'{value}' er ikke en tilladt værdi i kolonnen '{column}'. Tilladt: {allowed}. "
        "Tom celle = i alt.",
        "'{value}' is not an allowed value in the column '{column}'. Allowed: {allowed}. "
        "Blank = total.",
    ),
    "duplicate-row": (
        "Samme tal (indikator, periode og opdeling) står allerede i række {first}.",
        "The same figure (indicator, period and breakdown) is already in row {first}.",
    ),
    "parts-exceed-total": (
        "Delene fordelt på {dimension} giver {parts}, men i alt er {total} ({key}).",
        "The parts by {dimension} add up to {parts}, but the total is {total} ({key}).",
    ),
    "allocations-exceed-plan": (
        "Bevillingerne til planen {plan} bliver i alt {total} kr., mere end planens ramme på "
        "{limit} kr.",
        "The allocations to the plan {plan} would total DKK {total}, more than the plan's "
        "total of DKK {limit}.",
    ),
    "correction-needs-reason": (
        "Tallet er i dag {old} og vil blive rettet til {value}. En rettelse kræver en begrundelse.",
        "The stored figure is {old} and would be corrected to {value}. A correction needs a "
        "reason.",
    ),
    "over-allocation": (
        "Forbruget i {year} på {initiative} bliver {total} kr., mere end bevillingen på "
        "{allocation} kr.",
        "Spending in {year} on {initiative} would be DKK {total}, more than the allocation of "
        "DKK {allocation}.",
    ),
    "outlier": (
        "{value} ligger langt fra indikatorens hidtidige tal ({low}–{high} pr. kvartal). "
        "Tjek tallet.",
        "{value} is far outside the indicator's history ({low}–{high} per quarter). "
        "Check the figure.",
    ),
    "gap-quarter": (
        "{period} mangler, så der bliver et hul i serien.",
        "{period} is missing, which leaves a gap in the series.",
    ),
    "initiative-details-differ": (
        "'{value}' svarer ikke til det, der er registreret for indsatsen ({recorded}).",
        "'{value}' does not match what is recorded for the initiative ({recorded}).",
    ),
    # -- the header row (parsing) -------------------------------------------------------------
    "missing-column": (
        "Kolonnen '{name_da}' ({name}) mangler. Den skal være der i en fil af typen {kind}.",
        "The column '{name}' ({name_da}) is missing. A file of the kind {kind} must have it.",
    ),
    "unknown-column": (
        "Kolonnen '{column}' kendes ikke. Tilladte kolonner: {allowed}.",
        "The column '{column}' is not known. Allowed columns: {allowed}.",
    ),
    "unknown-column/no-header": (
        "En kolonne uden overskrift indeholder værdier. Giv den en overskrift eller slet den.",
        "A column without a header holds values. Give it a header or delete it.",
    ),
    "duplicate-column": (
        "Kolonnen '{column}' står der to gange. Slet den ene.",
        "The column '{column}' appears twice. Delete one of them.",
    ),
    # -- a file refused whole (readers): one problem, no row, no column ------------------------
    "file-too-large": (
        "Filen fylder {size} MB, men den må højst fylde {limit} MB. Del tallene op i flere filer, "
        "eller slet ark og kolonner, der ikke skal indlæses, og prøv igen.",
        "The file is {size} MB, but it may be at most {limit} MB. Split the figures into several "
        "files, or delete sheets and columns that are not needed, and try again.",
    ),
    "empty-file": (
        "Filen er tom. Kontrollér, at du har valgt den rigtige fil, og at den er gemt med "
        "indhold, før du uploader den.",
        "The file is empty. Check that you chose the right file and that it was saved with its "
        "contents before you upload it.",
    ),
    "no-header": (
        "Filen indeholder ingen udfyldte rækker, så der er ingen overskriftsrække med "
        "kolonnenavne. Kontrollér, at du har valgt den rigtige fil (og det rigtige ark), og at "
        "den første udfyldte række indeholder kolonnenavnene.",
        "The file contains no filled-in rows, so there is no header row with column names. Check "
        "that you chose the right file (and the right sheet) and that the first filled-in row "
        "holds the column names.",
    ),
    "too-many-rows": (
        "Filen har flere end {limit} datarækker, og der kan højst indlæses {limit} ad gangen. "
        "Del tallene op i flere filer, og indlæs dem hver for sig.",
        "The file has more than {limit} data rows, and at most {limit} can be read at a time. "
        "Split the figures into several files and upload them one at a time.",
    ),
    "too-many-cells": (
        "Tabellen strækker sig over {rows} rækker og {columns} kolonner, i alt {cells} celler, "
        "men der kan højst indlæses {limit} celler. Det skyldes som regel indhold langt fra selve "
        "tabellen: tryk Ctrl+End i Excel for at finde den sidst brugte celle, slet de "
        "overflødige rækker og kolonner, gem filen, og prøv igen.",
        "The table spans {rows} rows and {columns} columns, {cells} cells in all, but at most "
        "{limit} cells can be read. This is usually caused by content far away from the table "
        "itself: press Ctrl+End in Excel to find the last cell in use, delete the surplus rows "
        "and columns, save the file and try again.",
    ),
    "macro-workbook": (
        "Filen er en Excel-projektmappe med makroer. Af sikkerhedshensyn indlæses filer med "
        "makroer ikke. Åbn filen i Excel, vælg Filer > Gem som, og gem den som "
        "»Excel-projektmappe (*.xlsx)«. Upload derefter den nye fil.",
        "The file is an Excel workbook with macros. For security reasons, files with macros are "
        "not read. Open the file in Excel, choose File > Save As and save it as "
        "'Excel Workbook (*.xlsx)'. Then upload the new file.",
    ),
    "encrypted-workbook": (  # an OLE compound file: an old .xls, or an encrypted xlsx
        "Filen er gemt i Excels gamle format (.xls) eller er beskyttet med en adgangskode, og den "
        "kan ikke læses. Åbn filen i Excel, fjern en eventuel adgangskode, og gem den som "
        "»Excel-projektmappe (*.xlsx)« via Filer > Gem som. Upload derefter den nye fil.",
        "The file is in Excel's old format (.xls) or is protected with a password, and it cannot "
        "be read. Open it in Excel, remove any password and save it as 'Excel Workbook "
        "(*.xlsx)' via File > Save As. Then upload the new file.",
    ),
    "encrypted-workbook/password": (  # the compound file has an EncryptionInfo stream
        "Filen er beskyttet med en adgangskode og kan derfor ikke læses. Åbn den i Excel, vælg "
        "Filer > Oplysninger > Beskyt projektmappe > Krypter med adgangskode, slet "
        "adgangskoden, og gem filen. Upload den derefter igen.",
        "The file is protected with a password and therefore cannot be read. Open it in Excel, "
        "choose File > Info > Protect Workbook > Encrypt with Password, delete the password and "
        "save the file. Then upload it again.",
    ),
    "archive-too-large": (  # {detail}: one of the archive/... phrases
        "Filen pakker sig ud til langt mere, end et almindeligt regneark gør ({detail}), så den "
        "indlæses ikke. Åbn filen i Excel, gem den igen som »Excel-projektmappe (*.xlsx)«, og "
        "prøv igen.",
        "The file unpacks to far more than an ordinary spreadsheet does ({detail}), so it is not "
        "read. Open the file in Excel, save it again as 'Excel Workbook (*.xlsx)' and try again.",
    ),
    "unsupported-format": (  # {kind}: one of the kind/... phrases
        "Filen er {kind} og ikke et regneark, der kan indlæses. Gem tallene som "
        "»Excel-projektmappe (*.xlsx)« eller som »CSV (semikolonsepareret)« eller "
        "»CSV UTF-8 (kommasepareret)«, og prøv igen.",
        "The file is {kind}, not a spreadsheet that can be read. Save the figures as "
        "'Excel Workbook (*.xlsx)' or as 'CSV (Comma delimited)' or 'CSV UTF-8', and try again.",
    ),
    "unsupported-format/encoding": (
        "Filen er en tekstfil i et tegnsæt, der ikke kan genkendes (hverken UTF-8 eller "
        "Windows-1252). Gem den i Excel som »CSV UTF-8 (kommasepareret)« eller "
        "»CSV (semikolonsepareret)«, og prøv igen.",
        "The file is a text file in a character set that cannot be recognised (neither UTF-8 nor "
        "Windows-1252). Save it in Excel as 'CSV UTF-8' or 'CSV (Comma delimited)' and try "
        "again.",
    ),
    "sheet-not-found": (  # {sheets}: one of the sheets/... phrases
        "Arket »{sheet}« findes ikke i filen. Filen har {sheets}. Vælg et af dem, eller ret "
        "arkets navn i filen, og prøv igen.",
        "The sheet '{sheet}' is not in the file. The file has {sheets}. Choose one of them, or "
        "rename the sheet in the file, and try again.",
    ),
    "unreadable-file": (
        "Filen kan ikke læses, fordi den er beskadiget eller ikke er gemt korrekt (teknisk "
        "årsag: {detail}). Åbn den i Excel, gem den igen, og prøv igen.",
        "The file cannot be read because it is damaged or was not saved correctly (technical "
        "reason: {detail}). Open it in Excel, save it again and try again.",
    ),
    "unreadable-file/csv": (
        "CSV-filen kan ikke læses (teknisk årsag: {detail}). Det skyldes ofte et anførselstegn "
        '("), der ikke er lukket. Ret filen, eller gem den igen fra Excel, og prøv igen.',
        "The CSV file cannot be read (technical reason: {detail}). This is often caused by a "
        'quotation mark (") that is not closed. Correct the file, or save it again from Excel, '
        "and try again.",
    ),
    # -- the plan workbook (issue 19): a plan, its areas, initiatives, allocations, targets ------
    "plan-workbook-not-xlsx": (
        "En planprojektmappe skal være en Excel-fil (.xlsx) lavet ud fra skabelonen "
        "(planwatch template --kind plan).",
        "A plan workbook must be an Excel file (.xlsx) made from the template "
        "(planwatch template --kind plan).",
    ),
    "missing-sheet": (
        "Arket »{name_da}« ({name_en}) mangler. Brug skabelonen: den har alle ark.",
        "The sheet '{name_en}' ({name_da}) is missing. Use the template: it has every sheet.",
    ),
    "plan-one-row": (
        "Arket med planen skal have præcis én udfyldt række, ikke {count}.",
        "The plan's sheet must have exactly one filled-in row, not {count}.",
    ),
    "not-a-code": (
        "'{value}' i kolonnen '{column}' er ikke en gyldig kode. Brug små bogstaver, tal, "
        "'-', '_' og '.', og begynd med et bogstav eller tal.",
        "'{value}' in the column '{column}' is not a valid code. Use lower-case letters, digits, "
        "'-', '_' and '.', starting with a letter or a digit.",
    ),
    "not-a-date": (
        "'{value}' i kolonnen '{column}' er ikke en dato. Skriv fx 2026-01-01 eller 01-01-2026.",
        "'{value}' in the column '{column}' is not a date. Write e.g. 2026-01-01.",
    ),
    "not-a-url": (
        "'{value}' i kolonnen '{column}' er ikke en webadresse; den skal begynde med https://.",
        "'{value}' in the column '{column}' is not a web address; it must start with https://.",
    ),
    "text-too-long": (
        "Teksten i kolonnen '{column}' har {length} tegn; højst {limit} er tilladt.",
        "The text in the column '{column}' has {length} characters; at most {limit} are allowed.",
    ),
    "formula-text": (
        "'{value}' i kolonnen '{column}' begynder med {prefix}, som et regneark læser som en "
        "formel. Skriv teksten uden det tegn forrest.",
        "'{value}' in the column '{column}' starts with {prefix}, which a spreadsheet reads as a "
        "formula. Write the text without that first character.",
    ),
    "not-allowed": (
        "'{value}' er ikke en tilladt værdi i kolonnen '{column}'. Tilladt: {allowed}.",
        "'{value}' is not an allowed value in the column '{column}'. Allowed: {allowed}.",
    ),
    "plan-ends-before-start": (
        "Planen slutter ({value}) før den begynder ({start}).",
        "The plan ends ({value}) before it starts ({start}).",
    ),
    "plan-exists": (
        "Planen '{value}' findes allerede{pending}. Vælg en ny kode til den nye plan.",
        "The plan '{value}' already exists{pending}. Choose a new code for the new plan.",
    ),
    "initiative-exists": (
        "Indsatsen '{value}' findes allerede (i planen {plan}). Vælg en ny kode.",
        "The initiative '{value}' already exists (in the plan {plan}). Choose a new code.",
    ),
    "revision-period-changed": (
        "Planen {plan} er gemt med perioden {start}–{end}; en revideret plan beholder sin "
        "periode. En anden periode er en ny plan: giv den en ny kode.",
        "The plan {plan} is stored with the period {start}–{end}; a revised plan keeps its "
        "period. Another period is a new plan: give it a code of its own.",
    ),
    "revision-missing-action-area": (
        "Indsatsområdet '{value}' i den gemte plan {plan} står ikke på arket; en revideret plan "
        "beholder alle sine indsatsområder.",
        "The action area '{value}' of the stored plan {plan} is not on the sheet; a revised "
        "plan keeps all its action areas.",
    ),
    "revision-missing-initiative": (
        "Indsatsen '{value}' i den gemte plan {plan} står ikke på arket; en revideret plan "
        "beholder alle sine indsatser (de har bevillinger, forbrug og historik). En indsats uden "
        "penge får beløbet 0 på arket Bevillinger.",
        "The initiative '{value}' of the stored plan {plan} is not on the sheet; a revised plan "
        "keeps all its initiatives (they carry allocations, spending and history). An initiative "
        "without money gets the amount 0 on the sheet Allocations.",
    ),
    "revision-moved-initiative": (
        "Indsatsen '{value}' hører til indsatsområdet '{area}' i den gemte plan og kan ikke "
        "flyttes til et andet.",
        "The initiative '{value}' belongs to the action area '{area}' in the stored plan and "
        "cannot move to another.",
    ),
    "revision-needs-reason": (
        "Planen {plan} findes, så projektmappen reviderer den: skriv hvorfor (--reason).",
        "The plan {plan} exists, so the workbook revises it: say why (--reason).",
    ),
    "duplicate-code": (
        "'{value}' står allerede i række {first} på samme ark.",
        "'{value}' is already in row {first} of the same sheet.",
    ),
    "unknown-action-area": (
        "Indsatsområdet '{value}' står ikke på arket Indsatsområder.",
        "The action area '{value}' is not on the sheet Action areas.",
    ),
    "unknown-plan-initiative": (
        "Indsatsen '{value}' står ikke på arket Indsatser.",
        "The initiative '{value}' is not on the sheet Initiatives.",
    ),
    "source-differs": (
        "Kilden '{value}' findes allerede med en anden {field} ({recorded}). Brug en ny kode "
        "til en ny kilde, eller skriv kilden, som den er registreret.",
        "The source '{value}' already exists with another {field} ({recorded}). Use a new code "
        "for a new source, or write the source as it is recorded.",
    ),
    "duplicate-target": (
        "Samme indikator, år og type står allerede i række {first}.",
        "The same indicator, year and kind are already in row {first}.",
    ),
    "result-indicator-unknown": (
        "Indikatoren '{value}' kendes ikke. Brug en kode fra arket Koder, eller definér en ny "
        "indikator med navn og definition på dansk og engelsk og en enhed i rækkens andre "
        "kolonner.",
        "The indicator '{value}' is not known. Use a code from the sheet Codes, or define a new "
        "indicator with its name and definition in Danish and English and a unit in the row's "
        "other columns.",
    ),
    "result-indicator-incomplete": (
        "Indikatoren '{value}' findes ikke endnu: en ny indikator skal have navn og definition "
        "på dansk og engelsk og en enhed. Udfyld cellen, eller brug en kendt indikators kode "
        "(arket Koder).",
        "The indicator '{value}' does not exist yet: a new indicator needs its name and "
        "definition in Danish and English and a unit. Fill in the cell, or use a known "
        "indicator's code (sheet Codes).",
    ),
    "result-indicator-differs": (
        "Indikatoren '{value}' findes allerede med en anden tekst her ({recorded}). En "
        "indikators enhed og opgørelse ændres ikke, når der er indberettet tal for den (en ny "
        "enhed er en ny indikator med sin egen kode), og CMM's kerneindikatorer ændres ikke "
        "gennem en plan: lad cellen stå tom, eller skriv den, som den er registreret. (En plans "
        "egne resultatindikatorer kan få nyt navn, ny definition og andre ord, og enhed og "
        "opgørelse, så længe der ingen tal er.)",
        "The indicator '{value}' already exists with another text here ({recorded}). An "
        "indicator's unit and aggregation do not change once figures of it were uploaded (a "
        "new unit is a new indicator with a code of its own), and CMM's core indicators are "
        "not changed through a plan: leave the cell blank, or write it as recorded. (A plan's "
        "own result indicators may get new names, definitions and other words, and a new unit "
        "and aggregation while they have no figures.)",
    ),
    "result-indicator-twice": (
        "Den nye indikator '{value}' er defineret anderledes i række {first}. Skriv den ens "
        "(eller lad cellen stå tom).",
        "The new indicator '{value}' is defined otherwise in row {first}. Write it alike (or "
        "leave the cell blank).",
    ),
    # -- the bundled reference data (reference), read like an upload ---------------------------
    "unknown-reference": (
        "{file}, række {row}: {column} {value!r} findes ikke.",
        "{file}, row {row}: {column} {value!r} does not exist.",
    ),
}

WARNINGS: Final = frozenset(
    {"over-allocation", "outlier", "gap-quarter", "initiative-details-differ"}
)

CODES: Final = frozenset(key.partition("/")[0] for key in MESSAGES)
"""Every code a problem in an upload can have."""

# What kind of problem it is, in a few words: the label a sender reads in the upload report
# (issue 18: not the code, which stays in the downloaded report's column for machines).
TITLES: Final[dict[str, tuple[str, str]]] = {
    "missing-value": ("Tom celle", "Blank cell"),
    "not-a-number": ("Ikke et tal", "Not a number"),
    "not-a-whole-number": ("Ikke et helt tal", "Not a whole number"),
    "unknown-indicator": ("Ukendt indikator", "Unknown indicator"),
    "unknown-initiative": ("Ukendt indsats", "Unknown initiative"),
    "year-too-early": ("År for tidligt", "Year too early"),
    "year-too-late": ("Ugyldigt år", "Invalid year"),
    "quarter-out-of-range": ("Ugyldigt kvartal", "Invalid quarter"),
    "quarter-not-ended": ("Kvartalet er ikke slut", "Quarter not over"),
    "year-outside-plan": ("År uden for planen", "Year outside the plan"),
    "negative-value": ("Negativt tal", "Negative value"),
    "value-too-large": ("Urealistisk stort tal", "Unrealistically large value"),
    "too-many-decimals": ("For mange decimaler", "Too many decimals"),
    "not-in-vocabulary": ("Værdi ikke tilladt", "Value not allowed"),
    "duplicate-row": ("Samme tal to gange", "Same figure twice"),
    "parts-exceed-total": ("Delene er større end i alt", "Parts exceed the total"),
    "allocations-exceed-plan": ("Over planens ramme", "Over the plan's total"),
    "correction-needs-reason": ("Rettelse uden begrundelse", "Correction without a reason"),
    "over-allocation": ("Forbrug over bevillingen", "Spending over the allocation"),
    "outlier": ("Usædvanligt tal", "Unusual figure"),
    "gap-quarter": ("Hul i serien", "Gap in the series"),
    "initiative-details-differ": ("Indsatsen er registreret anderledes", "Initiative differs"),
    "missing-column": ("Kolonne mangler", "Missing column"),
    "unknown-column": ("Ukendt kolonne", "Unknown column"),
    "duplicate-column": ("Kolonne to gange", "Column twice"),
    "file-too-large": ("Filen er for stor", "File too large"),
    "empty-file": ("Tom fil", "Empty file"),
    "no-header": ("Ingen overskriftsrække", "No header row"),
    "too-many-rows": ("For mange rækker", "Too many rows"),
    "too-many-cells": ("For mange celler", "Too many cells"),
    "macro-workbook": ("Projektmappe med makroer", "Workbook with macros"),
    "encrypted-workbook": ("Krypteret projektmappe", "Encrypted workbook"),
    "sheet-not-found": ("Arket findes ikke", "Sheet not found"),
    "archive-too-large": ("Filen fylder for meget udpakket", "File too large unpacked"),
    "unsupported-format": ("Filtypen kan ikke læses", "File type not supported"),
    "unreadable-file": ("Filen kan ikke læses", "File cannot be read"),
    "unknown-reference": ("Ukendt henvisning", "Unknown reference"),
    "plan-workbook-not-xlsx": ("Ikke en planprojektmappe", "Not a plan workbook"),
    "missing-sheet": ("Ark mangler", "Missing sheet"),
    "plan-one-row": ("Planen skal stå på én række", "The plan takes one row"),
    "not-a-code": ("Ugyldig kode", "Invalid code"),
    "not-a-date": ("Ikke en dato", "Not a date"),
    "not-a-url": ("Ikke en webadresse", "Not a web address"),
    "text-too-long": ("For lang tekst", "Text too long"),
    "formula-text": ("Tekst som formel", "Text read as a formula"),
    "not-allowed": ("Værdi ikke tilladt", "Value not allowed"),
    "plan-ends-before-start": ("Slutter før start", "Ends before it starts"),
    "plan-exists": ("Planen findes", "Plan exists"),
    "initiative-exists": ("Indsatsen findes", "Initiative exists"),
    "revision-period-changed": ("Periode ændret", "Period changed"),
    "revision-missing-action-area": ("Indsatsområde mangler", "Action area missing"),
    "revision-missing-initiative": ("Indsats mangler", "Initiative missing"),
    "revision-moved-initiative": ("Indsats flyttet", "Initiative moved"),
    "revision-needs-reason": ("Begrundelse mangler", "Reason missing"),
    "duplicate-code": ("Kode to gange", "Code twice"),
    "unknown-action-area": ("Ukendt indsatsområde", "Unknown action area"),
    "unknown-plan-initiative": ("Indsats ikke i planen", "Initiative not in the plan"),
    "source-differs": ("Kilden er registreret anderledes", "Source differs"),
    "duplicate-target": ("Samme mål to gange", "Same target twice"),
    "result-indicator-unknown": ("Ukendt indikator", "Unknown indicator"),
    "result-indicator-incomplete": ("Ny indikator mangler tekst", "New indicator incomplete"),
    "result-indicator-differs": ("Indikatoren er registreret anderledes", "Indicator differs"),
    "result-indicator-twice": ("Ny indikator defineret to gange", "New indicator defined twice"),
    # the codes of a pandera model's own checks (schemas.problems_from)
    "wrong-type": ("Forkert type", "Wrong type"),
    "rule-broken": ("Regel ikke overholdt", "Rule not met"),
}
_PROBLEM: Final = ("Problem i filen", "Problem in the file")


def title(code: str, language: str) -> str:
    """A problem's kind in a few words in ``language``; a code without one reads as "Problem i
    filen" rather than as the code."""
    da, en = TITLES.get(code, _PROBLEM)
    return da if language == "da" else en


# Pieces of text that go into messages (and into the errors of the shared readers of zip
# containers and text): name -> (Danish, English), filled in like a message.
PHRASES: Final[dict[str, tuple[str, str]]] = {
    # What a refused file is, for unsupported-format's {kind}.
    "kind/pdf": ("en PDF-fil", "a PDF file"),
    "kind/image": ("et billede", "an image"),
    "kind/archive": ("et komprimeret arkiv", "a compressed archive"),
    "kind/rtf": ("et RTF-dokument", "an RTF document"),
    "kind/utf-16": (
        "en tekstfil i UTF-16 (»Unicode-tekst«)",
        "a text file in UTF-16 ('Unicode Text')",
    ),
    "kind/markup": ("en HTML- eller XML-fil", "an HTML or XML file"),
    "kind/binary": ("en binær fil", "a binary file"),
    "kind/ods": ("et OpenDocument-dokument (fx .ods)", "an OpenDocument file (e.g. .ods)"),
    "kind/xlsb": ("en binær Excel-projektmappe (.xlsb)", "a binary Excel workbook (.xlsb)"),
    "kind/office": ("et Word- eller PowerPoint-dokument", "a Word or PowerPoint document"),
    # The sheets a workbook has, for sheet-not-found's {sheets}.
    "sheets/none": ("ingen ark med celler", "no sheets with cells"),
    "sheets/one": ("kun arket {sheets}", "only the sheet {sheets}"),
    "sheets/several": ("disse ark: {sheets}", "these sheets: {sheets}"),
    "sheet-name": ("»{name}«", "'{name}'"),
    # Why a zip container is refused, for archive-too-large's {detail} (containers).
    "archive/entries": ("{count} dele, højst {limit}", "{count} parts, at most {limit}"),
    "archive/unpacked": (
        "{size} MB udpakket, højst {limit} MB",
        "{size} MB unpacked, at most {limit} MB",
    ),
    "archive/ratio": (
        "delen »{part}« er pakket {ratio} gange sammen, højst {limit} gange",
        "the part '{part}' is compressed {ratio} times, at most {limit} times",
    ),
    # The errors of the shared readers; uploads and claims each word the refusal they show.
    "container-too-large": (
        "Filen pakker sig ud til langt mere, end den burde ({detail}).",
        "The file unpacks to far more than it should ({detail}).",
    ),
    "text/utf-16": (
        "Teksten er i UTF-16 (»Unicode-tekst«) og kan ikke læses.",
        "The text is in UTF-16 ('Unicode Text') and cannot be read.",
    ),
    "text/binary": (
        "Filen indeholder binære data og ikke tekst.",
        "The file holds binary data, not text.",
    ),
    "text/unknown-encoding": (
        "Teksten er i et tegnsæt, der ikke kan genkendes (hverken UTF-8 eller Windows-1252).",
        "The text is in a character set that cannot be recognised (neither UTF-8 nor "
        "Windows-1252).",
    ),
}

_MIB: Final = 1024 * 1024


def cell_text(value: object) -> str:
    """A cell as the user wrote it (a whole float from Excel without its ``.0``)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _render(value: object, language: str) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        decimals = 0 if Decimal(str(value)) == Decimal(str(value)).to_integral_value() else 2
        return format_number(value, language, decimals)
    if isinstance(value, Period):
        return value.label(language)
    if isinstance(value, Wording):
        return value.text(language)
    return str(value)


def _rendered(details: dict[str, object], language: Language) -> dict[str, str]:
    return {key: _render(value, language) for key, value in details.items()}


def phrase(name: str, /, **details: object) -> Wording:
    """A piece of :data:`PHRASES` in both languages, filled in like a message."""
    da, en = PHRASES[name]
    return Wording(da.format(**_rendered(details, "da")), en.format(**_rendered(details, "en")))


def megabytes(size: int, *, round_up: bool) -> Wording:
    """Size in MB with one decimal, rounded so that a file just over the limit never shows the
    same figure as the limit itself ("20,1 MB, at most 20,0 MB", not "20,0 MB, at most 20,0")."""
    tenths = size * 10 / _MIB
    text = f"{(math.ceil(tenths) if round_up else math.floor(tenths)) / 10:.1f}"
    return Wording(text.replace(".", ","), text)


def quoted(names: Sequence[str]) -> Wording:
    """Names in quotation marks, as a list: »Tal«, »Noter« / 'Tal', 'Noter'."""
    each = [phrase("sheet-name", name=name) for name in names]
    return Wording(", ".join(w.da for w in each), ", ".join(w.en for w in each))


def problem(
    key: str,
    /,
    *,
    row: int | None,
    column: str | None,
    value: object = None,
    **details: object,
) -> Problem:
    """A Problem with its message in both languages. ``key`` is its code, or ``code/case`` for
    one of a code's messages; ``value`` is the cell as written. A message may also name the
    ``{row}`` (as digits, the way the report numbers rows) and the ``{column}``."""
    da, en = MESSAGES[key]
    code = key.partition("/")[0]
    text = None if value is None else cell_text(value)
    common = {"row": "" if row is None else str(row), "column": column or "", "value": text or ""}
    return Problem(
        code,
        da.format(**common, **_rendered(details, "da")),
        en.format(**common, **_rendered(details, "en")),
        row=row,
        column=column,
        value=text,
        severity="warning" if code in WARNINGS else "error",
    )


@dataclass(slots=True)
class ProblemSink:
    """Collects problems: every one is counted by code, only the first ``cap`` are kept."""

    cap: int = 1000
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    reported_cells: set[tuple[int, str]] = field(default_factory=set)

    def add(self, problem: Problem) -> None:
        self.counts[problem.code] = self.counts.get(problem.code, 0) + 1
        if len(self.problems) < self.cap:
            self.problems.append(problem)
            if problem.row is not None and problem.column is not None:
                self.reported_cells.add((problem.row, problem.column))

    @property
    def full(self) -> bool:
        return len(self.problems) >= self.cap

    def add_many(self, problems: Iterator[Problem], total: int, code: str) -> None:
        """Add ``total`` problems of one code of which the iterator yields (at least) the kept."""
        room = max(self.cap - len(self.problems), 0)
        for index, item in enumerate(problems):
            if index >= room:
                break
            self.problems.append(item)
            if item.row is not None and item.column is not None:
                self.reported_cells.add((item.row, item.column))
        self.counts[code] = self.counts.get(code, 0) + total

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error") + max(
            0, self.total - len(self.problems)
        )

    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems) or (
            self.total > len(self.problems)
        )

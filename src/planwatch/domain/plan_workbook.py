"""The plan workbook (issue 19): the sheets and columns that define a plan, in Danish and English.

One workbook defines one plan: the plan itself (one row: names, period, total, status, note on
the funding agreement, and the source it cites), its action areas, its initiatives, their yearly
allocations and the indicators' baselines and targets under it. This is its shape; the rules
each sheet's cells follow are the pandera models of ``planwatch.uploads.plan_schemas``, and the
template, the checks and the export are built from both.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from planwatch.domain.indicators import Aggregation, TargetDirection
from planwatch.domain.upload_specs import ColumnType, UploadColumn, normalise_header


class PlanSheetKey(StrEnum):
    PLAN = "plan"
    ACTION_AREAS = "action_areas"
    INITIATIVES = "initiatives"
    ALLOCATIONS = "allocations"
    TARGETS = "targets"
    RESULTS = "results"


@dataclass(frozen=True, slots=True)
class PlanSheet:
    key: PlanSheetKey
    name_da: str  # the sheet's name in a Danish workbook
    name_en: str  # ... in an English one
    help_da: str
    help_en: str
    columns: tuple[UploadColumn, ...]
    example: tuple[dict[str, str], ...]
    optional: bool = False  # a workbook without the sheet has no rows of it

    def name(self, language: str) -> str:
        return self.name_da if language == "da" else self.name_en

    def names(self) -> tuple[str, str]:
        return (self.name_da, self.name_en)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> UploadColumn:
        return next(c for c in self.columns if c.name == name)


def _col(
    name: str,
    name_da: str,
    kind: ColumnType,
    required: bool,
    help_da: str,
    help_en: str,
) -> UploadColumn:
    return UploadColumn(name, name_da, kind, required, help_da, help_en)


_T, _C, _N, _I, _D = (
    ColumnType.TEXT,
    ColumnType.CODE,
    ColumnType.NUMBER,
    ColumnType.INTEGER,
    ColumnType.DATE,
)
ILLUSTRATIVE_EXAMPLE: Final = "illustrativ-plan-2026-2029"

SHEETS: Final[tuple[PlanSheet, ...]] = (
    PlanSheet(
        PlanSheetKey.PLAN,
        "Plan",
        "Plan",
        "Én række: planen, dens periode og ramme, og den kilde, den bygger på.",
        "One row: the plan, its period and total, and the source it is based on.",
        (
            _col("plan_id", "plan_id", _C, True, "Planens kode, fx 2026-2029.", "e.g. 2026-2029."),
            _col("name_da", "navn_da", _T, True, "Planens navn på dansk.", "Name in Danish."),
            _col("name_en", "navn_en", _T, True, "Planens navn på engelsk.", "Name in English."),
            _col("start_date", "startdato", _D, True, "Første dag, fx 2026-01-01.", "First day."),
            _col("end_date", "slutdato", _D, True, "Sidste dag, fx 2029-12-31.", "Last day."),
            _col("total_dkk", "ramme_kr", _N, True, "Planens samlede ramme i kr.", "Total in DKK."),
            _col(
                "status", "status", _C, True, "draft (udkast) eller adopted.", "draft or adopted."
            ),
            _col(
                "note",
                "aftale_note",
                _T,
                False,
                "Finansieringsaftale eller anden bemærkning (valgfri).",
                "Funding agreement or other note (optional).",
            ),
            _col("source_id", "kilde_id", _C, True, "Kildens kode.", "The source's code."),
            _col("source_title", "kilde_titel", _T, True, "Kildens titel.", "Source title."),
            _col("source_publisher", "kilde_udgiver", _T, True, "Udgiver.", "Publisher."),
            _col("source_url", "kilde_url", _T, False, "https://... (valgfri).", "Optional."),
            _col("source_published_on", "kilde_dato", _D, False, "Udgivet (dato).", "Published."),
            _col(
                "source_kind",
                "kilde_type",
                _C,
                True,
                "official, press, secondary eller illustrative (opdigtet: aldrig officielt).",
                "official, press, secondary or illustrative (made up: never official).",
            ),
        ),
        (
            {
                "plan_id": ILLUSTRATIVE_EXAMPLE,
                "name_da": "Illustrativ handlingsplan 2026-2029",
                "name_en": "Illustrative action plan 2026-2029",
                "start_date": "2026-01-01",
                "end_date": "2029-12-31",
                "total_dkk": "100000000",
                "status": "draft",
                "source_id": "illustrativ-plan-kilde",
                "source_title": "Opdigtet eksempel, ikke en vedtaget plan",
                "source_publisher": "planwatch",
                "source_kind": "illustrative",
            },
        ),
    ),
    PlanSheet(
        PlanSheetKey.ACTION_AREAS,
        "Indsatsområder",
        "Action areas",
        "Én række pr. indsatsområde.",
        "One row per action area.",
        (
            _col("code", "kode", _C, True, "Områdets kode, fx A.", "The area's code, e.g. A."),
            _col("name_da", "navn_da", _T, True, "Navn på dansk.", "Name in Danish."),
            _col("name_en", "navn_en", _T, True, "Navn på engelsk.", "Name in English."),
        ),
        ({"code": "A", "name_da": "Opsporing", "name_en": "Identification"},),
    ),
    PlanSheet(
        PlanSheetKey.INITIATIVES,
        "Indsatser",
        "Initiatives",
        "Én række pr. indsats; koden må ikke være brugt i en anden plan.",
        "One row per initiative; its code must not be used by another plan.",
        (
            _col("code", "kode", _C, True, "Indsatsens kode.", "The initiative's code."),
            _col("name_da", "navn_da", _T, True, "Navn på dansk.", "Name in Danish."),
            _col("name_en", "navn_en", _T, True, "Navn på engelsk.", "Name in English."),
            _col("responsible_org", "ansvarlig", _T, True, "Ansvarlig organisation.", "Owner."),
            _col(
                "action_area",
                "indsatsområde",
                _C,
                True,
                "Koden på et indsatsområde fra arket Indsatsområder.",
                "The code of an action area on the sheet Action areas.",
            ),
        ),
        (
            {
                "code": "illu-opsporing",
                "name_da": "Opsporing (eksempel)",
                "name_en": "Identification (example)",
                "responsible_org": "Center mod Menneskehandel",
                "action_area": "A",
            },
        ),
    ),
    PlanSheet(
        PlanSheetKey.ALLOCATIONS,
        "Bevillinger",
        "Allocations",
        "Bevilling pr. indsats og år, inden for planens periode.",
        "Allocation per initiative and year, within the plan's period.",
        (
            _col("initiative", "indsats", _C, True, "Indsatsens kode.", "Initiative code."),
            _col("year", "år", _I, True, "Året.", "The year."),
            _col("amount_dkk", "beløb_kr", _N, True, "Beløb i kr.", "Amount in DKK."),
            _col("note", "bemærkning", _T, False, "Valgfri.", "Optional."),
        ),
        ({"initiative": "illu-opsporing", "year": "2026", "amount_dkk": "5000000"},),
    ),
    PlanSheet(
        PlanSheetKey.TARGETS,
        "Mål",
        "Targets",
        "Basisår og mål pr. indikator; tomt år = ved planens afslutning.",
        "Baselines and targets per indicator; blank year = at the plan's end.",
        (
            _col("indicator", "indikator", _C, True, "Indikatorens kode.", "Indicator code."),
            _col("year", "år", _I, False, "Året; tomt = planens slut.", "Blank = plan's end."),
            _col("kind", "type", _C, True, "baseline eller target.", "baseline or target."),
            _col("value", "værdi", _N, True, "Værdien.", "The value."),
            _col(
                "direction",
                "retning",
                _C,
                False,
                "Et måls retning: at_least (mindst), at_most (højst) eller about (omkring).",
                "A target's direction: at_least, at_most or about.",
            ),
            _col("note", "bemærkning", _T, False, "Valgfri.", "Optional."),
        ),
        (
            {
                "indicator": "victims_assessed",
                "kind": "target",
                "value": "150",
                "direction": "at_least",
            },
        ),
    ),
    PlanSheet(
        PlanSheetKey.RESULTS,
        "Resultatindikatorer",
        "Result indicators",
        "Hvad en indsats skal vise (fx opsøgende kontakter): en række pr. indsats og indikator. "
        "En ny indikator får navne, definition og enhed her; en kendt nævnes med sin kode. Arket "
        "kan udelades, hvis planen ingen har.",
        "What an initiative is to show (e.g. outreach contacts): one row per initiative and "
        "indicator. A new indicator gets its names, definition and unit here; a known one is "
        "named by its code. The sheet may be left out when the plan has none.",
        (
            _col("initiative", "indsats", _C, True, "Indsatsens kode.", "Initiative code."),
            _col(
                "indicator",
                "indikator",
                _C,
                True,
                "En kendt indikators kode (arket Koder) eller en ny kode.",
                "A known indicator's code (sheet Codes) or a new code.",
            ),
            _col("name_da", "navn_da", _T, False, "Ny indikator: navn på dansk.", "New: Danish."),
            _col(
                "name_en", "navn_en", _T, False, "Ny indikator: navn på engelsk.", "New: English."
            ),
            _col(
                "definition_da",
                "definition_da",
                _T,
                False,
                "Ny indikator: hvad der tælles, på dansk.",
                "New indicator: what is counted, in Danish.",
            ),
            _col(
                "definition_en",
                "definition_en",
                _T,
                False,
                "Ny indikator: hvad der tælles, på engelsk.",
                "New indicator: what is counted, in English.",
            ),
            _col(
                "unit",
                "enhed",
                _C,
                False,
                "Ny indikator: enhed, fx kontakter. Tæller den personer, skriv personer: så "
                "vises små tal i opdelinger ikke præcist.",
                "New indicator: unit, e.g. contacts. If it counts people, write persons: then "
                "small counts in breakdowns are not shown exactly.",
            ),
            _col(
                "aggregation",
                "opgørelse",
                _C,
                False,
                "Ny indikator: flow (tælles pr. periode, standard) eller stock (beholdning).",
                "New indicator: flow (counted per period, the default) or stock.",
            ),
            _col(
                "synonyms_da",
                "andre_ord_da",
                _T,
                False,
                "Valgfri, for planens egne indikatorer: andre danske ord, som tjek af tal skal "
                "kende indikatoren ved, adskilt af semikolon (fx opsøgende kontakter; kontakter "
                "på gaden). En tom celle ændrer intet.",
                "Optional, for the plan's own indicators: other Danish words by which the claim "
                "check is to know the indicator, separated by semicolons. An empty cell changes "
                "nothing.",
            ),
            _col(
                "synonyms_en",
                "andre_ord_en",
                _T,
                False,
                "Valgfri: andre engelske ord for indikatoren, adskilt af semikolon.",
                "Optional: other English words for the indicator, separated by semicolons.",
            ),
        ),
        ({"initiative": "illu-opsporing", "indicator": "assessments"},),
        optional=True,
    ),
)

SHEET_BY_KEY: Final = {sheet.key: sheet for sheet in SHEETS}
TARGET_KINDS: Final = ("baseline", "target")
TARGET_DIRECTIONS: Final = tuple(direction.value for direction in TargetDirection)
AGGREGATIONS: Final = tuple(a.value for a in Aggregation)
# What a new result indicator needs (a known one is named by its code alone).
NEW_INDICATOR_COLUMNS: Final = ("name_da", "name_en", "definition_da", "definition_en", "unit")
# The Danish words a sender may write for a column's codes (compared like headers).
SYNONYMS: Final[dict[str, dict[str, str]]] = {
    "status": {"udkast": "draft", "vedtaget": "adopted"},
    "source_kind": {
        "officiel": "official",
        "presse": "press",
        "sekundær": "secondary",
        "illustrativ": "illustrative",
    },
    "kind": {"basis": "baseline", "basisår": "baseline", "mål": "target"},
    "direction": {
        "mindst": "at_least",
        "højst": "at_most",
        "omkring": "about",
        "at_least": "at_least",
        "at_most": "at_most",
    },
    "aggregation": {"strøm": "flow", "løbende": "flow", "beholdning": "stock"},
    # A count of people, however it is written, is stored as "persons": the unit the
    # suppression of small counts applies to (domain/suppression.PERSON_UNITS).
    "unit": {
        word: "persons"
        for word in ("personer", "person", "persons", "people", "individer", "ofre", "victims")
    },
}
MAX_TEXT: Final = 500  # characters in a name, title or code
MAX_NOTE: Final = 2000  # characters in a note


def sheet_order(name: str | None) -> int:
    """Where a sheet comes in the workbook (for sorting its problems); unknown sheets last."""
    found = sheet_for_name(name) if name else None
    return len(SHEETS) if found is None else SHEETS.index(found)


def sheet_for_name(name: str) -> PlanSheet | None:
    """The sheet a workbook's sheet name means, in Danish or English (any case or spacing)."""
    wanted = normalise_header(name)
    for sheet in SHEETS:
        if wanted in {normalise_header(n) for n in sheet.names()}:
            return sheet
    return None

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment

from planwatch.domain.upload_specs import SPECS, ColumnType, UploadColumn, UploadKind, UploadSpec
from planwatch.domain.vocab import AGE_GROUP, EXPLOITATION, SEX
from planwatch.errors import Problem, UsageError
from planwatch.uploads.raw_tables import Cell, RawTable
from planwatch.uploads.templates import template_csv, template_xlsx
from planwatch.uploads.workbooks import annotated_workbook, report_csv

KPI = SPECS[UploadKind.KPI]
SPENDING = SPECS[UploadKind.SPENDING]
BOM = b"\xef\xbb\xbf"
RED = "FFC7CE"
AMBER = "FFEB9C"

CODES = {
    "indicator": [
        ("victims_assessed", "Vurderede ofre for menneskehandel", "Victims assessed"),
        ("hotline_calls", "Opkald til hotline", "Hotline calls"),
    ],
    "initiative": [("cmm-styrket", "Styrket indsats i CMM", "Strengthened CMM effort")],
}


def _load(data: bytes) -> Any:
    return load_workbook(io.BytesIO(data))


def _csv_rows(data: bytes, delimiter: str, encoding: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode(encoding), newline=""), delimiter=delimiter))


def _row_values(sheet: Any, row: int) -> list[object]:
    return [cell.value for cell in sheet[row]]


def _fills(sheet: Any) -> dict[str, str]:
    """Coordinate -> RGB (without alpha) of every solidly filled cell."""
    return {
        cell.coordinate: str(cell.fill.fgColor.rgb)[-6:]
        for row in sheet.iter_rows()
        for cell in row
        if cell.fill is not None and cell.fill.fill_type == "solid"
    }


def _comments(sheet: Any) -> dict[str, str]:
    return {
        cell.coordinate: cell.comment.text
        for row in sheet.iter_rows()
        for cell in row
        if cell.comment is not None
    }


def _code_column(sheet: Any) -> list[object]:
    return [cell.value for cell in sheet["A"]]


# --- XLSX template -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "names"),
    [("da", ["kpi", "Vejledning", "Koder"]), ("en", ["kpi", "Help", "Codes"])],
)
def test_template_xlsx_has_its_sheets_in_order(language: str, names: list[str]) -> None:
    assert _load(template_xlsx(KPI, CODES, language)).sheetnames == names


@pytest.mark.parametrize("language", ["da", "en"])
def test_template_xlsx_header_row_is_bold_frozen_and_in_the_language(language: str) -> None:
    sheet = _load(template_xlsx(KPI, CODES, language)).worksheets[0]
    expected = [c.name_da if language == "da" else c.name for c in KPI.columns]
    assert _row_values(sheet, 1) == expected
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert all(sheet.column_dimensions[letter].width >= 12 for letter in "ABCDEFGH")


def test_template_xlsx_danish_headers_are_the_danish_names() -> None:
    sheet = _load(template_xlsx(KPI, CODES)).worksheets[0]
    assert _row_values(sheet, 1)[:4] == ["indikator", "år", "kvartal", "værdi"]


def test_template_xlsx_examples_are_numeric_where_the_column_is_a_number() -> None:
    sheet = _load(template_xlsx(KPI, CODES)).worksheets[0]
    assert _row_values(sheet, 2) == ["victims_assessed", 2025, 1, 27, None, None, None, None]
    assert _row_values(sheet, 3)[:5] == ["victims_assessed", 2025, 1, 15, "female"]
    for cell in (sheet["B2"], sheet["C2"], sheet["D2"]):
        assert cell.data_type == "n"
    assert sheet.max_row == 1 + len(KPI.example)

    spending = _load(template_xlsx(SPENDING, CODES)).worksheets[0]
    assert spending.title == "forbrug"
    assert spending["D2"].value == 2_500_000
    assert spending["D2"].data_type == "n"


def test_template_xlsx_decimal_example_becomes_a_float() -> None:
    sheet = _load(template_xlsx(_decimal_spec(), {})).worksheets[0]
    assert sheet["B2"].value == pytest.approx(1_250_000.5)
    assert isinstance(sheet["B2"].value, float)


@pytest.mark.parametrize(("language", "yes", "no"), [("da", "Ja", "Nej"), ("en", "Yes", "No")])
def test_template_xlsx_help_sheet_has_one_row_per_column(language: str, yes: str, no: str) -> None:
    sheet = _load(template_xlsx(KPI, CODES, language)).worksheets[1]
    assert sheet.max_row == 1 + len(KPI.columns)
    assert sheet.freeze_panes == "A2"
    for row, column in enumerate(KPI.columns, start=2):
        header, required, help_text, accepted = _row_values(sheet, row)
        assert header == (column.name_da if language == "da" else column.name)
        assert required == (yes if column.required else no)
        assert help_text == (column.help_da if language == "da" else column.help_en)
        assert isinstance(accepted, str)
        assert all(name in accepted for name in column.headers())
    year = _row_values(sheet, 3)
    assert "aar" in str(year[3])


def test_template_xlsx_codes_sheet_lists_given_codes_and_the_vocabularies() -> None:
    sheet = _load(template_xlsx(KPI, CODES)).worksheets[2]
    codes = _code_column(sheet)
    labels = [cell.value for cell in sheet["B"]]
    assert {"Indikatorer", "Indsatser", "Køn", "Aldersgrupper", "Udnyttelsesformer"} <= set(codes)
    for code in ["victims_assessed", "hotline_calls", "cmm-styrket", *SEX, *AGE_GROUP]:
        assert code in codes
    assert set(EXPLOITATION) <= set(codes)
    assert "Vurderede ofre for menneskehandel" in labels
    assert "Kvinder" in labels
    assert "Women" not in labels


def test_template_xlsx_codes_sheet_in_english_uses_english_labels() -> None:
    sheet = _load(template_xlsx(KPI, CODES, "en")).worksheets[2]
    labels = [cell.value for cell in sheet["B"]]
    assert "Victims assessed" in labels
    assert "Women" in labels
    assert "Kvinder" not in labels
    assert "Indicators" in _code_column(sheet)


def test_template_xlsx_vocabularies_are_only_added_for_columns_in_the_template() -> None:
    codes = _code_column(_load(template_xlsx(SPENDING, CODES)).worksheets[2])
    assert "cmm-styrket" in codes
    assert "female" not in codes


def test_template_xlsx_given_vocabulary_replaces_the_default() -> None:
    given = {"sex": [("female", "K", "W")]}
    sheet = _load(template_xlsx(KPI, given)).worksheets[2]
    codes = _code_column(sheet)
    assert "female" in codes
    assert "male" not in codes


def test_template_xlsx_dropdowns_point_at_the_vocabulary_codes() -> None:
    workbook = _load(template_xlsx(KPI, CODES))
    sheet, codes = workbook.worksheets[0], workbook.worksheets[2]
    rules = {str(rule.sqref).split(":")[0]: rule for rule in sheet.data_validations.dataValidation}
    assert set(rules) == {"C2", "E2", "F2", "G2"}  # quarter, sex, age_group, exploitation

    quarter = rules["C2"]
    assert (quarter.type, quarter.operator, quarter.formula1, quarter.formula2) == (
        "whole",
        "between",
        "1",
        "4",
    )
    for anchor, vocabulary in (("E2", SEX), ("F2", AGE_GROUP), ("G2", EXPLOITATION)):
        rule = rules[anchor]
        assert rule.type == "list"
        assert rule.allow_blank
        sheet_name, cell_range = rule.formula1.split("!")
        assert sheet_name.strip("'") == "Koder"
        listed = [cell.value for row in codes[cell_range.replace("$", "")] for cell in row]
        assert listed == list(vocabulary)


def test_template_xlsx_neutralises_text_it_is_given() -> None:
    codes = {"indicator": [("=cmd|' /C calc'!A0", "@SUM(A1)", "+1")]}
    sheet = _load(template_xlsx(KPI, codes)).worksheets[2]
    assert sheet["A3"].value == "'=cmd|' /C calc'!A0"
    assert sheet["A3"].data_type == "s"
    assert sheet["B3"].value == "'@SUM(A1)"


def test_template_rejects_an_unknown_language() -> None:
    with pytest.raises(UsageError):
        template_xlsx(KPI, CODES, "de")
    with pytest.raises(UsageError):
        template_csv(KPI, "sv")
    with pytest.raises(UsageError):
        report_csv([], "fr")


# --- CSV template --------------------------------------------------------------------------------


def _decimal_spec() -> UploadSpec:
    return UploadSpec(
        UploadKind.SPENDING,
        "Test",
        "Test",
        (
            UploadColumn("initiative", "indsats", ColumnType.CODE, True, "x", "x"),
            UploadColumn("amount_dkk", "beløb_kr", ColumnType.NUMBER, True, "x", "x"),
            UploadColumn("note", "bemærkning", ColumnType.TEXT, False, "x", "x"),
        ),
        ({"initiative": "cmm-styrket", "amount_dkk": "1250000.50", "note": "=1+1"},),
        "forbrug",
    )


def test_template_csv_danish_opens_in_danish_excel() -> None:
    data = template_csv(KPI)
    assert data.startswith(BOM)
    rows = _csv_rows(data, ";", "utf-8-sig")
    assert rows[0] == [c.name_da for c in KPI.columns]
    assert rows[1] == ["victims_assessed", "2025", "1", "27", "", "", "", ""]
    assert rows[2][4] == "female"
    assert len(rows) == 1 + len(KPI.example)
    assert ";" in data.decode("utf-8-sig").splitlines()[0]


def test_template_csv_english_is_plain_utf8_with_commas() -> None:
    data = template_csv(KPI, "en")
    assert not data.startswith(BOM)
    rows = _csv_rows(data, ",", "utf-8")
    assert rows[0] == [c.name for c in KPI.columns]
    assert rows[1][:4] == ["victims_assessed", "2025", "1", "27"]


def test_template_csv_uses_the_languages_decimal_mark_and_neutralises_text() -> None:
    danish = _csv_rows(template_csv(_decimal_spec(), "da"), ";", "utf-8-sig")
    english = _csv_rows(template_csv(_decimal_spec(), "en"), ",", "utf-8")
    assert danish[1] == ["cmm-styrket", "1250000,50", "'=1+1"]
    assert english[1] == ["cmm-styrket", "1250000.50", "'=1+1"]


# --- problem report CSV --------------------------------------------------------------------------

PROBLEMS = [
    Problem("not-a-number", "Ikke et tal.", "Not a number.", 5, "værdi", "=1+1"),
    Problem("unknown-code", "Ukendt køn.", "Unknown sex.", 3, "køn", "kvinde", severity="warning"),
    Problem("duplicate-row", "Rækken findes to gange.", "Duplicate row.", 2),
    Problem("missing-column", "Kolonnen år mangler.", "Column year is missing."),
]


@pytest.mark.parametrize(
    ("language", "header", "messages", "severities"),
    [
        (
            "da",
            ["række", "kolonne", "værdi", "kode", "alvor", "besked", "forslag"],
            [p.message_da for p in PROBLEMS],
            ["fejl", "advarsel", "fejl", "fejl"],
        ),
        (
            "en",
            ["row", "column", "value", "code", "severity", "message", "suggestion"],
            [p.message_en for p in PROBLEMS],
            ["error", "warning", "error", "error"],
        ),
    ],
)
def test_report_csv_round_trip(
    language: str, header: list[str], messages: list[str], severities: list[str]
) -> None:
    data = report_csv(PROBLEMS, language)
    assert data.startswith(BOM)  # both languages: BOM and ";" for Danish Excel
    rows = _csv_rows(data, ";", "utf-8-sig")
    assert rows[0] == header
    assert len(rows) == 1 + len(PROBLEMS)
    assert [r[0] for r in rows[1:]] == ["5", "3", "2", ""]
    assert [r[1] for r in rows[1:]] == ["værdi", "køn", "", ""]
    assert [r[2] for r in rows[1:]] == ["'=1+1", "kvinde", "", ""]
    assert [r[3] for r in rows[1:]] == [p.code for p in PROBLEMS]
    assert [r[4] for r in rows[1:]] == severities
    assert [r[5] for r in rows[1:]] == messages


def test_report_csv_neutralises_every_text_and_keeps_awkward_characters() -> None:
    problem = Problem(
        "@code", '-Dansk; med "citat"\nog linjeskift', "en", 7, "+kol", '=HYPERLINK("x";"y")'
    )
    rows = _csv_rows(report_csv([problem]), ";", "utf-8-sig")
    assert rows[1] == [
        "7",
        "'+kol",
        '\'=HYPERLINK("x";"y")',
        "'@code",
        "fejl",
        '\'-Dansk; med "citat"\nog linjeskift',
        "",
    ]


def test_report_csv_without_problems_is_just_the_header() -> None:
    assert _csv_rows(report_csv([], "en"), ";", "utf-8-sig") == [
        ["row", "column", "value", "code", "severity", "message", "suggestion"]
    ]


# --- annotated workbook from a CSV upload --------------------------------------------------------

HEADER = ("indikator", "år", "kvartal", "værdi")


def _csv_table(rows: Sequence[tuple[Cell, ...]] | None = None) -> RawTable:
    return RawTable(
        file_name="kpi.csv",
        file_format="csv",
        sheet=None,
        encoding="utf-8-sig",
        delimiter=";",
        header=HEADER,
        header_row=1,
        rows=tuple(
            rows
            or (
                ("victims_assessed", "2025", "1", "27"),
                ("victims_assessed", "2025", "7", "15"),
                ("victims_assessed", "2025", "2", "=1+1"),
            )
        ),
        row_numbers=(2, 3, 5),  # row 4 was a blank line
    )


ANNOTATED = [
    Problem("not-a-number", "Ikke et tal.", "Not a number.", 5, "værdi", "=1+1"),
    Problem("bad-quarter", "Kvartal skal være 1-4.", "Quarter must be 1-4.", 3, "kvartal", "7"),
    Problem(
        "odd-value", "Usædvanlig værdi.", "Unusual value.", 5, "værdi", "=1+1", severity="warning"
    ),
    Problem("duplicate-row", "Rækken findes to gange.", "Duplicate row.", 2, severity="warning"),
    Problem("missing-column", "Kolonnen køn mangler.", "Column sex is missing."),
]


def test_annotated_csv_keeps_row_numbers_and_neutralises_values() -> None:
    workbook = _load(annotated_workbook(_csv_table(), ANNOTATED))
    assert workbook.sheetnames == ["Data", "Fejl"]
    sheet = workbook.worksheets[0]
    assert _row_values(sheet, 1) == list(HEADER)
    assert all(cell.font.bold for cell in sheet[1])
    assert _row_values(sheet, 2) == ["victims_assessed", "2025", "1", "27"]
    assert _row_values(sheet, 3)[2] == "7"
    assert all(value is None for value in _row_values(sheet, 4))
    assert _row_values(sheet, 5) == ["victims_assessed", "2025", "2", "'=1+1"]
    assert sheet["D5"].data_type == "s"
    assert workbook.active.title == "Data"


def test_annotated_csv_marks_exactly_the_problem_cells() -> None:
    sheet = _load(annotated_workbook(_csv_table(), ANNOTATED)).worksheets[0]
    assert _fills(sheet) == {
        "D5": RED,  # an error and a warning on one cell: the error's colour
        "C3": RED,
        "A2": AMBER,  # the whole row of a row-level warning
        "B2": AMBER,
        "C2": AMBER,
        "D2": AMBER,
    }
    comments = _comments(sheet)
    assert set(comments) == {"D5", "C3", "A2"}
    assert comments["D5"] == "Fejl: Ikke et tal.\nAdvarsel: Usædvanlig værdi."
    assert comments["C3"] == "Fejl: Kvartal skal være 1-4."
    assert comments["A2"] == "Advarsel: Rækken findes to gange."


def test_annotated_problem_sheet_lists_every_problem() -> None:
    workbook = _load(annotated_workbook(_csv_table(), ANNOTATED))
    sheet = workbook.worksheets[-1]
    assert sheet.title == "Fejl"
    assert sheet.freeze_panes == "A2"
    assert _row_values(sheet, 1) == [
        "række",
        "kolonne",
        "værdi",
        "kode",
        "alvor",
        "besked",
        "forslag",
    ]
    listed = [_row_values(sheet, row) for row in range(2, sheet.max_row + 1)]
    assert listed == [
        [5, "værdi", "'=1+1", "not-a-number", "fejl", "Ikke et tal.", None],
        [3, "kvartal", "7", "bad-quarter", "fejl", "Kvartal skal være 1-4.", None],
        [5, "værdi", "'=1+1", "odd-value", "advarsel", "Usædvanlig værdi.", None],
        [2, None, None, "duplicate-row", "advarsel", "Rækken findes to gange.", None],
        [None, None, None, "missing-column", "fejl", "Kolonnen køn mangler.", None],
    ]
    assert _fills(sheet) == {"E2": RED, "E3": RED, "E4": AMBER, "E5": AMBER, "E6": RED}


def test_annotated_in_english() -> None:
    workbook = _load(annotated_workbook(_csv_table(), ANNOTATED, language="en"))
    assert workbook.sheetnames == ["Data", "Problems"]
    assert (
        _comments(workbook.worksheets[0])["D5"] == "Error: Not a number.\nWarning: Unusual value."
    )
    problems = workbook["Problems"]
    assert _row_values(problems, 1) == [
        "row",
        "column",
        "value",
        "code",
        "severity",
        "message",
        "suggestion",
    ]
    assert _row_values(problems, 2)[4:] == ["error", "Not a number.", None]


def test_annotated_header_after_blank_lines_and_unknown_column() -> None:
    table = RawTable(
        file_name="kpi.csv",
        file_format="csv",
        sheet=None,
        encoding="utf-8",
        delimiter=",",
        header=HEADER,
        header_row=3,
        rows=(("victims_assessed", 2025, 1, 27.5),),
        row_numbers=(4,),
    )
    problem = Problem("x", "Ukendt kolonne.", "Unknown column.", 4, "no such column")
    sheet = _load(annotated_workbook(table, [problem])).worksheets[0]
    assert _row_values(sheet, 3) == list(HEADER)
    assert _row_values(sheet, 4) == ["victims_assessed", 2025, 1, 27.5]
    assert sheet.freeze_panes == "A4"
    assert set(_fills(sheet)) == {"A4", "B4", "C4", "D4"}  # unknown column: the whole row
    assert set(_comments(sheet)) == {"A4"}


def test_annotated_without_problems_still_has_a_problem_sheet() -> None:
    workbook = _load(annotated_workbook(_csv_table(), []))
    assert workbook.sheetnames == ["Data", "Fejl"]
    assert workbook["Fejl"].max_row == 1
    assert _fills(workbook["Data"]) == {}


def test_annotated_cleans_characters_xlsx_cannot_hold() -> None:
    table = _csv_table([("a\x00b\x1f", "2025", "1", "27")] * 3)
    problem = Problem("x", "Styre\x07tegn.", "Control\x07.", 2, "indikator", "a\x00b")
    workbook = _load(annotated_workbook(table, [problem]))
    assert workbook["Data"]["A2"].value == "a\ufffdb\ufffd"
    assert "\x07" not in workbook["Data"]["A2"].comment.text
    assert workbook["Fejl"]["C2"].value == "a\ufffdb"


# --- annotated workbook from the uploader's XLSX -------------------------------------------------


def _original_xlsx() -> bytes:
    workbook = Workbook()
    cover = workbook.active
    cover.title = "Forside"
    cover["A1"] = "Kvartalstal fra CMM"
    cover["B2"] = "=1+1"  # the user's own formula stays a formula
    data = workbook.create_sheet("kpi")
    data.append(list(HEADER))
    data.append(["victims_assessed", 2025, 1, 27])
    data.append(["victims_assessed", 2025, 7, 15])
    data.append(["victims_assessed", 2025, 2, "mange"])
    data["A4"].comment = Comment("Tjek med Lise", "Lise")
    workbook.create_sheet("Noter")["A1"] = "noter"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_table(sheet: str | None = "kpi") -> RawTable:
    return RawTable(
        file_name="kpi.xlsx",
        file_format="xlsx",
        sheet=sheet,
        encoding=None,
        delimiter=None,
        header=HEADER,
        header_row=1,
        rows=(
            ("victims_assessed", 2025, 1, 27),
            ("victims_assessed", 2025, 7, 15),
            ("victims_assessed", 2025, 2, "mange"),
        ),
        row_numbers=(2, 3, 4),
    )


XLSX_PROBLEMS = [
    Problem("not-a-number", "Ikke et tal.", "Not a number.", 4, "værdi", "mange"),
    Problem("bad-quarter", "Kvartal skal være 1-4.", "Quarter must be 1-4.", 3, "kvartal", "7"),
    Problem("old-year", "Gammelt år.", "Old year.", 2, "år", "2025", severity="warning"),
    Problem("duplicate", "Dobbelt række.", "Duplicate row.", 4),
]


def test_annotated_xlsx_keeps_the_original_and_its_other_sheets() -> None:
    original = _original_xlsx()
    before = bytes(original)
    workbook = _load(annotated_workbook(_xlsx_table(), XLSX_PROBLEMS, original))
    assert original == before
    assert workbook.sheetnames == ["Forside", "kpi", "Noter", "Fejl"]
    assert workbook["Forside"]["A1"].value == "Kvartalstal fra CMM"
    assert workbook["Forside"]["B2"].value == "=1+1"
    assert workbook["Noter"]["A1"].value == "noter"
    data = workbook["kpi"]
    assert _row_values(data, 1) == list(HEADER)
    assert _row_values(data, 3) == ["victims_assessed", 2025, 7, 15]
    assert _row_values(data, 4) == ["victims_assessed", 2025, 2, "mange"]
    assert workbook.active.title == "kpi"
    assert [s.sheet_view.tabSelected for s in workbook.worksheets] == [False, True, False, False]
    assert _fills(_load(original)["kpi"]) == {}


def test_annotated_xlsx_marks_the_right_cells() -> None:
    workbook = _load(annotated_workbook(_xlsx_table(), XLSX_PROBLEMS, _original_xlsx()))
    data = workbook["kpi"]
    assert _fills(data) == {"D4": RED, "C3": RED, "B2": AMBER, "A4": RED, "B4": RED, "C4": RED}
    comments = _comments(data)
    assert set(comments) == {"D4", "C3", "B2", "A4"}
    assert comments["D4"] == "Fejl: Ikke et tal."
    assert comments["B2"] == "Advarsel: Gammelt år."
    assert comments["A4"].startswith("Tjek med Lise")  # the user's own comment is kept
    assert comments["A4"].endswith("Fejl: Dobbelt række.")
    assert _fills(workbook["Forside"]) == {}
    assert [c.value for c in workbook["Fejl"]["D"]][1:] == [p.code for p in XLSX_PROBLEMS]


def test_annotated_xlsx_without_sheet_name_uses_the_first_sheet() -> None:
    original = Workbook()
    original.active.title = "Ark1"
    original.active.append(list(HEADER))
    original.active.append(["victims_assessed", 2025, 1, "x"])
    buffer = io.BytesIO()
    original.save(buffer)
    table = RawTable("a.xlsx", "xlsx", None, None, None, HEADER, 1, (("v", 2025, 1, "x"),), (2,))
    problem = Problem("x", "Forkert.", "Wrong.", 2, "værdi", "x")
    workbook = _load(annotated_workbook(table, [problem], buffer.getvalue()))
    assert workbook.sheetnames == ["Ark1", "Fejl"]
    assert _fills(workbook["Ark1"]) == {"D2": RED}


def test_annotated_xlsx_problem_sheet_name_does_not_clash() -> None:
    original = Workbook()
    original.active.title = "kpi"
    original.active.append(list(HEADER))
    original.create_sheet("Fejl")["A1"] = "brugerens egne fejl"
    buffer = io.BytesIO()
    original.save(buffer)
    workbook = _load(annotated_workbook(_xlsx_table(), XLSX_PROBLEMS[:1], buffer.getvalue()))
    assert workbook.sheetnames == ["kpi", "Fejl", "Fejl (2)"]
    assert workbook["Fejl"]["A1"].value == "brugerens egne fejl"
    assert workbook["Fejl (2)"]["D2"].value == "not-a-number"


def test_annotated_xlsx_that_cannot_be_opened_is_rebuilt_from_the_table() -> None:
    workbook = _load(annotated_workbook(_xlsx_table(), XLSX_PROBLEMS, b"not a zip file"))
    assert workbook.sheetnames == ["kpi", "Fejl"]
    assert _row_values(workbook["kpi"], 4) == ["victims_assessed", 2025, 2, "mange"]
    assert _fills(workbook["kpi"])["D4"] == RED


def test_annotated_csv_ignores_original_bytes() -> None:
    workbook = _load(annotated_workbook(_csv_table(), ANNOTATED[:1], _original_xlsx()))
    assert workbook.sheetnames == ["Data", "Fejl"]
    assert _fills(workbook["Data"]) == {"D5": RED}


# --- issue 18: a negative number is data, in every report ------------------------------------


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("value", ["-3", "-3,5", "-1.234,5"])
def test_report_csv_writes_a_negative_number_as_a_number(language: str, value: str) -> None:
    problem = Problem("negative-value", "negativ", "negative", 4, "værdi", value)
    formula = Problem("not-a-number", "x", "x", 5, "værdi", "-A1+B1")
    rows = _csv_rows(report_csv([problem, formula], language), ";", "utf-8-sig")
    assert rows[1][2] == value  # not "'-3": Excel reads it as the number it is
    assert rows[2][2] == "'-A1+B1"  # a formula is still neutralised

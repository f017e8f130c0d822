"""planwatch.uploads.csv_files: CSV as people make it, read back as the spreadsheet shows it."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.uploads.raw_tables import ReadLimits
from planwatch.uploads.readers import read_table
from tests.uploads.reading import read_fixture, read_or_refuse, refusal

# --------------------------------------------------------------------------------------------
# CSV as people make it
# --------------------------------------------------------------------------------------------


def test_danish_excel_semicolon_cp1252_keeps_letters_and_numbers_as_text() -> None:
    table = read_fixture("danish-excel-semicolon-cp1252.csv")

    assert table.file_format == "csv"
    assert table.encoding == "cp1252"
    assert table.delimiter == ";"
    assert table.sheet is None
    assert table.header == ("År", "Indikator", "Beløb (kr.)", "Bemærkning")
    assert table.header_row == 1
    assert table.rows == (
        ("2025", "Antal ofre identificeret", "1.234,5", "Første kvartal – ca. €"),
        ("2025", "Udgifter, Østjylland", "-0,75", "Æble/øl/å"),
    )
    assert table.row_numbers == (2, 3)


def test_utf8_bom_comma_removes_the_bom_from_the_first_header() -> None:
    table = read_fixture("utf8-bom-comma.csv")

    assert table.encoding == "utf-8-sig"
    assert table.delimiter == ","
    assert table.header == ("plan_id", "indikator", "værdi")
    assert table.rows == (
        ("NAP-2025", "Antal rådgivninger", "42"),
        ("NAP-2025", "Andel (%)", "12.5"),
    )
    assert table.row_numbers == (2, 3)


def test_utf8_without_bom_tab_separated() -> None:
    table = read_fixture("utf8-tab-separated.tsv")

    assert table.encoding == "utf-8"
    assert table.delimiter == "\t"
    assert table.header == ("Indikator", "År", "Værdi")
    assert table.rows == (("Rådgivning", "2025", "7"),)


def test_blank_lines_anywhere_and_trailing_empty_columns() -> None:
    table = read_fixture("blank-trailing-lines-and-columns.csv")

    assert table.delimiter == ";"
    assert table.header == ("Indikator", "År", "Værdi")
    assert table.header_row == 2
    assert table.rows == (("A1", "2025", "10"), ("A2", "2025", "12"))
    assert table.row_numbers == (3, 6)


def test_decimal_comma_and_thousands_dot_stay_text_and_a_tie_picks_semicolon() -> None:
    # The header "Indikator;Beløb, mio. kr." holds one ";" and one ",": ";" must win.
    table = read_fixture("semicolon-decimal-comma-thousands-dot.csv")

    assert table.delimiter == ";"
    assert table.encoding == "cp1252"
    assert table.header == ("Indikator", "Beløb, mio. kr.")
    assert table.rows == (
        ("Tilskud", "1.234.567,89"),
        ("Tilbagebetaling", "-0,5"),
        ("Rund", "2.000"),
    )


def test_quoted_field_with_newline_and_doubled_quote_is_one_row() -> None:
    table = read_fixture("quoted-newline-and-doubled-quote.csv")

    assert table.header == ("Organisation", "Note")
    assert table.rows == (
        ("Center mod Menneskehandel", 'Linje 1\nLinje 2 med "citat"'),
        ("Ens; med semikolon", "efter"),
    )
    assert table.row_numbers == (2, 3)


def test_extra_value_extends_header_and_short_row_is_padded() -> None:
    table = read_fixture("row-longer-than-header-and-blank-header-cell.csv")

    assert table.header == ("Indikator", "", "Værdi", "")
    assert table.rows == (("A1", "midt", "10", "overskydende"), ("A2", None, None, None))
    assert table.row_numbers == (2, 3)


def test_excel_sep_line_names_the_delimiter_and_is_not_a_row() -> None:
    table = read_fixture("excel-sep-line.csv")

    assert table.delimiter == ","
    assert table.header == ("Indikator", "Beløb;kr.")
    assert table.header_row == 1
    assert table.rows == (("A1", "1;5"),)
    assert table.row_numbers == (2,)


def test_header_only_gives_a_table_without_rows() -> None:
    table = read_fixture("header-only.csv")

    assert table.header == ("Indikator", "År", "Værdi")
    assert table.rows == ()
    assert table.row_numbers == ()


def test_csv_ignores_the_sheet_argument() -> None:
    table = read_fixture("header-only.csv", sheet="Ark1")

    assert table.sheet is None


def test_csv_row_limit_counts_data_rows_not_blank_lines() -> None:
    rows = "".join(f"A{n};{n}\r\n\r\n" for n in range(10))
    data = f"Indikator;Værdi\r\n{rows}".encode()

    table = read_table(data, "ti-rækker.csv", limits=ReadLimits(max_rows=10))
    assert len(table.rows) == 10
    assert table.row_numbers[-1] == 20

    problem = refusal(data + b"A10;10\r\n", "elleve-rækker.csv", limits=ReadLimits(max_rows=10))
    assert problem.code == "too-many-rows"
    assert "10" in problem.message_da


def test_million_row_csv_is_refused_by_the_row_limit() -> None:
    data = b"Indikator;V\xc3\xa6rdi\n" + b"A1;2\n" * 1_000_000

    problem = refusal(data, "en-million.csv", limits=ReadLimits(max_rows=1000))
    assert problem.code == "too-many-rows"
    assert "1.000" in problem.message_da
    assert "1,000" in problem.message_en


def test_csv_wider_than_the_cell_limit_is_refused() -> None:
    # 1,000 short rows and one row of 10,001 values: padding them all would allocate ~10M cells.
    data = b"a;b\n" + b"1;2\n" * 999 + b";".join([b"x"] * 10_001) + b"\n"

    problem = refusal(data, "bred.csv")
    assert problem.code == "too-many-cells"


def test_undecodable_bytes_are_refused_with_an_encoding_message() -> None:
    # 0x81 and 0x8D are neither UTF-8 nor Windows-1252 (old DOS code page 850 has Ü and ì there).
    problem = refusal(b"Indikator;V\x91rdi\r\n\x81\x8d;1\r\n", "dos.csv")

    assert problem.code == "unsupported-format"
    assert "UTF-8" in problem.message_en


# --------------------------------------------------------------------------------------------
# Properties: any delimited text gives a table or a refusal
# --------------------------------------------------------------------------------------------


CSV_CHARACTERS = st.sampled_from(list('ab ÆØÅæøå€–1,.;\t"\r\n-'))


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(st.lists(st.text(CSV_CHARACTERS, max_size=8), max_size=6), max_size=8),
    delimiter=st.sampled_from([";", ",", "\t"]),
    newline=st.sampled_from(["\r\n", "\n", "\r"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_any_delimited_text_gives_a_table_or_a_refusal(
    rows: list[list[str]], delimiter: str, newline: str, encoding: str
) -> None:
    data = newline.join(delimiter.join(row) for row in rows).encode(encoding)

    read_or_refuse(data, "tekst.csv")


# No "€" or "–" here: in Windows-1252 they are the bytes 0x80 and 0x96, which after "Å" (0xC5)
# form valid UTF-8, so such text would (rightly, by the rule) be read as UTF-8.
PLAIN_CELL = st.text(st.sampled_from(list("abzæøåÆØÅ019.-")), max_size=6)


@settings(max_examples=100, deadline=None)
@given(
    header=st.lists(PLAIN_CELL.filter(bool), min_size=1, max_size=5),
    body=st.lists(st.lists(PLAIN_CELL, min_size=5, max_size=5), max_size=6),
    delimiter=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_tables_written_by_csv_writer_read_back_unchanged(
    header: list[str], body: list[list[str]], delimiter: str, encoding: str
) -> None:
    width = len(header)
    rows = [row[:width] for row in body]
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows([header, *rows])

    table = read_table(text.getvalue().encode(encoding), "skrevet.csv")

    kept = [(number, row) for number, row in enumerate(rows, start=2) if any(row)]
    assert table.header == tuple(header)
    assert table.rows == tuple(tuple(cell or None for cell in row) for _, row in kept)
    assert table.row_numbers == tuple(number for number, _ in kept)
    # Windows-1252 text without letters beyond ASCII is valid UTF-8, and read as such.
    plain_ascii = encoding == "cp1252" and text.getvalue().isascii()
    assert table.encoding == ("utf-8" if plain_ascii else encoding)
    if width > 1:
        assert table.delimiter == delimiter

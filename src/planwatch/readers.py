"""Reading an uploaded file's bytes into a raw table of cells, as people really make files.

CMM staff send quarterly figures as CSV or Excel files "as Danish Excel writes them": CSV in
Windows-1252 with semicolons and decimal commas, UTF-8 with or without a byte order mark, blank
lines and ``;;;`` tails, workbooks whose table starts a few rows down. This module turns such bytes
into a :class:`RawTable` of cells that keeps the row numbers the user sees in their spreadsheet,
and parses nothing else: numbers stay text in CSV, and the validator decides what a cell means.

Anything that is not a table we can read safely is refused with :class:`FileRefused`, carrying one
:class:`~planwatch.errors.Problem` with a stable ``code`` and a Danish and English message that say
what is wrong and what to do. The bytes come from a web upload, so every check that bounds memory
and time (size, row count, zip bombs, cell ranges a parser would allocate) runs *before* the work
it protects, and no parser exception, nor a Rust panic inside python-calamine, escapes as a crash.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any, Literal

from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from planwatch.errors import DataError, Language, Problem

Cell = str | int | float | bool | dt.datetime | dt.date | dt.time | None


@dataclass(frozen=True, slots=True)
class ReadLimits:
    max_bytes: int = 20 * 1024 * 1024
    max_rows: int = 100_000
    max_uncompressed_bytes: int = 200 * 1024 * 1024
    max_compression_ratio: int = 100


@dataclass(frozen=True, slots=True)
class RawTable:
    """The cells of one sheet or CSV file, with the row numbers the user's spreadsheet shows."""

    file_name: str
    file_format: Literal["csv", "xlsx"]
    sheet: str | None  # xlsx: the sheet read
    encoding: str | None  # csv: "utf-8-sig", "utf-8" or "cp1252"
    delimiter: str | None  # csv: ";" or "," (or "\t")
    header: tuple[str, ...]  # as written, BOM removed, outer whitespace stripped
    header_row: int  # spreadsheet row number of the header (1 unless blank lines precede it)
    rows: tuple[tuple[Cell, ...], ...]  # each exactly len(header) long
    row_numbers: tuple[int, ...]  # spreadsheet row number of each entry of ``rows``


class FileRefused(DataError):
    """The file cannot be read at all (too large, macro workbook, encrypted, not a table...)."""

    code = "file-refused"


# Cells a table may span (rows x columns, after padding). It bounds the memory of the padded
# RawTable and, for xlsx, of the dense cell grid calamine allocates for a sheet's used range: a
# 5 kB workbook with one value in A1 and one in XFD1048576 would otherwise ask for 500 GB and abort
# the whole process. calamine takes 32 bytes a cell, so 3 million cells are about 100 MB (10
# million let a 5 kB workbook with one value in A1 and one in I1048576 take 300 MB; fixture
# tests/data/fuzz/xlsx-stray-cell-in-last-row.xlsx). 3 million is 100,000 rows of 30 columns,
# far beyond any quarterly report.
_MAX_CELLS = 3_000_000

# A real xlsx has a few dozen parts; hundreds of thousands of tiny entries only cost memory.
_MAX_ARCHIVE_ENTRIES = 10_000
# Entries smaller than this are not checked for their compression ratio: a few kilobytes of
# repetitive XML can compress 200:1 in an ordinary workbook and can do no harm when unpacked.
_RATIO_CHECK_MIN_BYTES = 64 * 1024
_CHUNK_BYTES = 1024 * 1024
_MIB = 1024 * 1024

_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UTF8_BOM = b"\xef\xbb\xbf"
_DELIMITERS = (";", ",", "\t")  # in order of preference when the header line is ambiguous
_MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlam")


# --------------------------------------------------------------------------------------------
# Refusals
# --------------------------------------------------------------------------------------------


def _refused(code: str, message_da: str, message_en: str) -> FileRefused:
    problem = Problem(code=code, message_da=message_da, message_en=message_en)
    return FileRefused(message_da, message_en, [problem])


def _number(value: int, language: Language) -> str:
    """Thousands grouped as the reader expects: 100.000 in Danish, 100,000 in English."""
    text = f"{value:,}"
    return text.replace(",", ".") if language == "da" else text


def _megabytes(size: int, language: Language, *, round_up: bool) -> str:
    """Size in MB with one decimal, rounded so that a file just over the limit never shows the
    same figure as the limit itself ("20,1 MB, at most 20,0 MB", not "20,0 MB, at most 20,0")."""
    tenths = size * 10 / _MIB
    shown = (math.ceil(tenths) if round_up else math.floor(tenths)) / 10
    text = f"{shown:.1f}"
    return text.replace(".", ",") if language == "da" else text


def _quoted_list(names: Sequence[str], language: Language) -> str:
    if language == "da":
        return ", ".join(f"»{name}«" for name in names)
    return ", ".join(f"'{name}'" for name in names)


def _file_too_large(size: int, limit: int) -> FileRefused:
    return _refused(
        "file-too-large",
        f"Filen fylder {_megabytes(size, 'da', round_up=True)} MB, men den må højst fylde "
        f"{_megabytes(limit, 'da', round_up=False)} MB. Del tallene op i flere filer, eller slet "
        "ark og kolonner, der ikke skal indlæses, og prøv igen.",
        f"The file is {_megabytes(size, 'en', round_up=True)} MB, but it may be at most "
        f"{_megabytes(limit, 'en', round_up=False)} MB. Split the figures into several files, or "
        "delete sheets and columns that are not needed, and try again.",
    )


def _empty_file() -> FileRefused:
    return _refused(
        "empty-file",
        "Filen er tom. Kontrollér, at du har valgt den rigtige fil, og at den er gemt med "
        "indhold, før du uploader den.",
        "The file is empty. Check that you chose the right file and that it was saved with its "
        "contents before you upload it.",
    )


def _no_header() -> FileRefused:
    return _refused(
        "no-header",
        "Filen indeholder ingen udfyldte rækker, så der er ingen overskriftsrække med "
        "kolonnenavne. Kontrollér, at du har valgt den rigtige fil (og det rigtige ark), og at "
        "den første udfyldte række indeholder kolonnenavnene.",
        "The file contains no filled-in rows, so there is no header row with column names. Check "
        "that you chose the right file (and the right sheet) and that the first filled-in row "
        "holds the column names.",
    )


def _too_many_rows(limit: int) -> FileRefused:
    return _refused(
        "too-many-rows",
        f"Filen har flere end {_number(limit, 'da')} datarækker, og der kan højst indlæses "
        f"{_number(limit, 'da')} ad gangen. Del tallene op i flere filer, og indlæs dem hver for "
        "sig.",
        f"The file has more than {_number(limit, 'en')} data rows, and at most "
        f"{_number(limit, 'en')} can be read at a time. Split the figures into several files and "
        "upload them one at a time.",
    )


def _too_many_cells(rows: int, columns: int) -> FileRefused:
    cells = rows * columns
    return _refused(
        "too-many-cells",
        f"Tabellen strækker sig over {_number(rows, 'da')} rækker og {_number(columns, 'da')} "
        f"kolonner, i alt {_number(cells, 'da')} celler, men der kan højst indlæses "
        f"{_number(_MAX_CELLS, 'da')} celler. Det skyldes som regel indhold langt fra selve "
        "tabellen: tryk Ctrl+End i Excel for at finde den sidst brugte celle, slet de "
        "overflødige rækker og kolonner, gem filen, og prøv igen.",
        f"The table spans {_number(rows, 'en')} rows and {_number(columns, 'en')} columns, "
        f"{_number(cells, 'en')} cells in all, but at most {_number(_MAX_CELLS, 'en')} cells "
        "can be read. This is usually caused by content far away from the table itself: press "
        "Ctrl+End in Excel to find the last cell in use, delete the surplus rows and columns, "
        "save the file and try again.",
    )


def _macro_workbook() -> FileRefused:
    return _refused(
        "macro-workbook",
        "Filen er en Excel-projektmappe med makroer. Af sikkerhedshensyn indlæses filer med "
        "makroer ikke. Åbn filen i Excel, vælg Filer > Gem som, og gem den som "
        "»Excel-projektmappe (*.xlsx)«. Upload derefter den nye fil.",
        "The file is an Excel workbook with macros. For security reasons, files with macros are "
        "not read. Open the file in Excel, choose File > Save As and save it as "
        "'Excel Workbook (*.xlsx)'. Then upload the new file.",
    )


def _encrypted_workbook(data: bytes) -> FileRefused:
    """Both a password-protected xlsx and a pre-2007 .xls are OLE compound files; the stream
    name ``EncryptionInfo`` tells the first apart, so the advice can fit the actual problem."""
    if "EncryptionInfo".encode("utf-16-le") in data:
        return _refused(
            "encrypted-workbook",
            "Filen er beskyttet med en adgangskode og kan derfor ikke læses. Åbn den i Excel, "
            "vælg Filer > Oplysninger > Beskyt projektmappe > Krypter med adgangskode, slet "
            "adgangskoden, og gem filen. Upload den derefter igen.",
            "The file is protected with a password and therefore cannot be read. Open it in "
            "Excel, choose File > Info > Protect Workbook > Encrypt with Password, delete the "
            "password and save the file. Then upload it again.",
        )
    return _refused(
        "encrypted-workbook",
        "Filen er gemt i Excels gamle format (.xls) eller er beskyttet med en adgangskode, og den "
        "kan ikke læses. Åbn filen i Excel, fjern en eventuel adgangskode, og gem den som "
        "»Excel-projektmappe (*.xlsx)« via Filer > Gem som. Upload derefter den nye fil.",
        "The file is in Excel's old format (.xls) or is protected with a password, and it cannot "
        "be read. Open it in Excel, remove any password and save it as 'Excel Workbook (*.xlsx)' "
        "via File > Save As. Then upload the new file.",
    )


def _archive_too_large(detail_da: str, detail_en: str) -> FileRefused:
    return _refused(
        "archive-too-large",
        f"Filen pakker sig ud til langt mere, end et almindeligt regneark gør ({detail_da}), så "
        "den indlæses ikke. Åbn filen i Excel, gem den igen som »Excel-projektmappe (*.xlsx)«, og "
        "prøv igen.",
        f"The file unpacks to far more than an ordinary spreadsheet does ({detail_en}), so it is "
        "not read. Open the file in Excel, save it again as 'Excel Workbook (*.xlsx)' and try "
        "again.",
    )


@dataclass(frozen=True, slots=True)
class _Kind:
    """What a refused file is, in words for the message ("en PDF-fil" / "a PDF file")."""

    da: str
    en: str


_PDF = _Kind("en PDF-fil", "a PDF file")
_IMAGE = _Kind("et billede", "an image")
_ARCHIVE = _Kind("et komprimeret arkiv", "a compressed archive")
_RTF = _Kind("et RTF-dokument", "an RTF document")
_UTF16 = _Kind("en tekstfil i UTF-16 (»Unicode-tekst«)", "a text file in UTF-16 ('Unicode Text')")
_MARKUP = _Kind("en HTML- eller XML-fil", "an HTML or XML file")
_BINARY = _Kind("en binær fil", "a binary file")
_ODS = _Kind("et OpenDocument-dokument (fx .ods)", "an OpenDocument file (e.g. .ods)")
_XLSB = _Kind("en binær Excel-projektmappe (.xlsb)", "a binary Excel workbook (.xlsb)")
_OFFICE = _Kind("et Word- eller PowerPoint-dokument", "a Word or PowerPoint document")

# Leading bytes of formats people upload by mistake. Most binary formats also contain NUL bytes,
# but PDF and RTF can be pure ASCII and would otherwise be read as a one-column CSV.
_SIGNATURES: tuple[tuple[bytes, _Kind], ...] = (
    (b"\x89PNG\r\n\x1a\n", _IMAGE),
    (b"\xff\xd8\xff", _IMAGE),
    (b"GIF87a", _IMAGE),
    (b"GIF89a", _IMAGE),
    (b"II*\x00", _IMAGE),
    (b"MM\x00*", _IMAGE),
    (b"\x1f\x8b", _ARCHIVE),
    (b"7z\xbc\xaf\x27\x1c", _ARCHIVE),
    (b"Rar!\x1a\x07", _ARCHIVE),
    (b"{\\rtf", _RTF),
    (b"\xff\xfe", _UTF16),
    (b"\xfe\xff", _UTF16),
)


def _unsupported(kind: _Kind) -> FileRefused:
    return _refused(
        "unsupported-format",
        f"Filen er {kind.da} og ikke et regneark, der kan indlæses. Gem tallene som "
        "»Excel-projektmappe (*.xlsx)« eller som »CSV (semikolonsepareret)« eller "
        "»CSV UTF-8 (kommasepareret)«, og prøv igen.",
        f"The file is {kind.en}, not a spreadsheet that can be read. Save the figures as "
        "'Excel Workbook (*.xlsx)' or as 'CSV (Comma delimited)' or 'CSV UTF-8', and try again.",
    )


def _unknown_encoding() -> FileRefused:
    return _refused(
        "unsupported-format",
        "Filen er en tekstfil i et tegnsæt, der ikke kan genkendes (hverken UTF-8 eller "
        "Windows-1252). Gem den i Excel som »CSV UTF-8 (kommasepareret)« eller "
        "»CSV (semikolonsepareret)«, og prøv igen.",
        "The file is a text file in a character set that cannot be recognised (neither UTF-8 nor "
        "Windows-1252). Save it in Excel as 'CSV UTF-8' or 'CSV (Comma delimited)' and try "
        "again.",
    )


def _sheet_not_found(requested: str, available: Sequence[str]) -> FileRefused:
    if not available:
        listed_da, listed_en = "ingen ark med celler", "no sheets with cells"
    elif len(available) == 1:
        listed_da = f"kun arket {_quoted_list(available, 'da')}"
        listed_en = f"only the sheet {_quoted_list(available, 'en')}"
    else:
        listed_da = f"disse ark: {_quoted_list(available, 'da')}"
        listed_en = f"these sheets: {_quoted_list(available, 'en')}"
    return _refused(
        "sheet-not-found",
        f"Arket »{requested}« findes ikke i filen. Filen har {listed_da}. Vælg et af dem, eller "
        "ret arkets navn i filen, og prøv igen.",
        f"The sheet '{requested}' is not in the file. The file has {listed_en}. Choose one of "
        "them, or rename the sheet in the file, and try again.",
    )


def _unreadable(error: BaseException) -> FileRefused:
    detail = " ".join(str(error).split())[:200] or type(error).__name__
    if isinstance(error, csv.Error):
        return _refused(
            "unreadable-file",
            f"CSV-filen kan ikke læses (teknisk årsag: {detail}). Det skyldes ofte et "
            'anførselstegn ("), der ikke er lukket. Ret filen, eller gem den igen fra Excel, og '
            "prøv igen.",
            f"The CSV file cannot be read (technical reason: {detail}). This is often caused by "
            'a quotation mark (") that is not closed. Correct the file, or save it again from '
            "Excel, and try again.",
        )
    return _refused(
        "unreadable-file",
        f"Filen kan ikke læses, fordi den er beskadiget eller ikke er gemt korrekt (teknisk "
        f"årsag: {detail}). Åbn den i Excel, gem den igen, og prøv igen.",
        f"The file cannot be read because it is damaged or was not saved correctly (technical "
        f"reason: {detail}). Open it in Excel, save it again and try again.",
    )


@contextmanager
def _parser_errors_refused() -> Iterator[None]:
    """Turn any failure inside a parser into ``unreadable-file``.

    Parsers raise whatever they like on hostile bytes (zipfile.BadZipFile, zlib.error, csv.Error,
    CalamineError, ValueError...), and a Rust panic in python-calamine arrives as pyo3's
    PanicException, which derives from BaseException. None of that may reach the user as a crash,
    so only our own refusals and the interpreter's shutdown signals pass through unchanged.
    """
    try:
        yield
    except (FileRefused, KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as error:
        raise _unreadable(error) from error


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def read_table(
    data: bytes,
    file_name: str,
    *,
    sheet: str | None = None,
    limits: ReadLimits = ReadLimits(),
) -> RawTable:
    """Read the table in an uploaded CSV or xlsx file, or refuse the file with one Problem.

    The format is decided by the content (a file's name is only trusted to say "macros"): a zip
    with ``xl/workbook.xml`` is an xlsx, an OLE compound file is encrypted or an old .xls, known
    binary formats are refused, and any other text is CSV. ``sheet`` picks an xlsx sheet by name
    (default: the first visible worksheet); CSV has no sheets and ignores it.

    Raises:
        FileRefused: for every file that cannot be read, and for nothing else.
    """
    if len(data) > limits.max_bytes:
        raise _file_too_large(len(data), limits.max_bytes)
    if not data.removeprefix(_UTF8_BOM).strip():
        raise _empty_file()
    if data.startswith(_ZIP_MAGICS):
        return _read_xlsx(data, file_name, sheet, limits)
    if data.startswith(_CFB_MAGIC):
        raise _encrypted_workbook(data)
    return _read_csv(data, file_name, limits)


# --------------------------------------------------------------------------------------------
# Rows to table, shared by CSV and xlsx
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Table:
    header: tuple[str, ...]
    header_index: int
    rows: tuple[tuple[Cell, ...], ...]
    indexes: tuple[int, ...]


def _without_trailing_blanks(cells: list[Cell]) -> list[Cell]:
    """Drop the blank cells at the right of a row; a row left empty is a blank row."""
    end = len(cells)
    while end and cells[end - 1] is None:
        end -= 1
    return cells[:end]


def _header_text(cell: Cell) -> str:
    """A header cell as the column name the user wrote (a year typed as 2025 becomes "2025")."""
    if cell is None:
        return ""
    return str(cell).lstrip("\ufeff").strip()


def _collect(records: Iterable[tuple[int, list[Cell]]], limits: ReadLimits) -> _Table:
    """Find the header (first non-blank row) and the data rows after it, skipping blank rows.

    ``records`` yields each physical row with its index and normalised cells (blank -> None).
    The row limit is checked while reading, so a million-row file is refused after
    ``max_rows + 1`` rows instead of being read to the end.
    """
    header: list[str] | None = None
    header_index = 0
    rows: list[list[Cell]] = []
    indexes: list[int] = []
    for index, cells in records:
        row = _without_trailing_blanks(cells)
        if not row:
            continue
        if header is None:
            header = [_header_text(cell) for cell in row]
            header_index = index
            continue
        if len(rows) >= limits.max_rows:
            raise _too_many_rows(limits.max_rows)
        rows.append(row)
        indexes.append(index)
    if header is None:
        raise _no_header()
    return _squared(header, header_index, rows, indexes)


def _squared(
    header: list[str], header_index: int, rows: list[list[Cell]], indexes: list[int]
) -> _Table:
    """Give every row exactly as many cells as the widest row or header.

    Columns at the right with neither a header nor a value are gone already (each row lost its
    trailing blanks). A value to the right of the last header keeps its column, under the header
    "", so that nothing the user typed is silently dropped: the validator reports the column.
    """
    width = max([len(header), *(len(row) for row in rows)])
    if width * (len(rows) + 1) > _MAX_CELLS:
        raise _too_many_cells(len(rows) + 1, width)
    padded_header = tuple(header) + ("",) * (width - len(header))
    padded_rows = tuple(tuple(row) + (None,) * (width - len(row)) for row in rows)
    return _Table(padded_header, header_index, padded_rows, tuple(indexes))


# --------------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------------

_CONTROL_CHARACTERS = re.compile(r"[\x01-\x08\x0e-\x19\x1b-\x1f\x7f]")
_MARKUP_START = re.compile(r"\s*<(?:\?xml|!doctype|html|table)\b", re.IGNORECASE)
_SEP_LINE = re.compile(r"sep=([;,\t])[ ;,\t]*(?:\r\n|\r|\n|$)")
_NOT_BLANK = re.compile(r'[^\s;,"]')
_QUOTED = re.compile(r'"[^"]*"')


def _refuse_non_text(data: bytes) -> None:
    """Refuse formats people upload by mistake before they are decoded as text."""
    if b"%PDF-" in data[:1024]:
        raise _unsupported(_PDF)
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise _unsupported(kind)
    if b"\x00" in data:
        raise _unsupported(_BINARY)


def _decode(data: bytes) -> tuple[str, str]:
    """Decode as Danish Excel writes CSV: UTF-8 with a BOM ("CSV UTF-8"), plain UTF-8, or
    Windows-1252 ("CSV (semikolonsepareret)"). Valid UTF-8 is tried before Windows-1252 because
    text in Windows-1252 with any letter beyond ASCII is almost never valid UTF-8."""
    if data.startswith(_UTF8_BOM):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError:
            raise _unknown_encoding() from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise _unknown_encoding() from None


def _looks_binary(text: str) -> bool:
    """More than 1% control characters in the first 64 kB: not text anyone typed."""
    sample = text[:65536]
    return len(_CONTROL_CHARACTERS.findall(sample)) * 100 > len(sample)


def _split_sep_line(text: str) -> tuple[str | None, str]:
    """Honour a first line ``sep=;`` as Excel does: it names the delimiter and is not shown."""
    match = _SEP_LINE.match(text)
    if match is None:
        return None, text
    return match.group(1), text[match.end() :]


def _sniff_delimiter(text: str) -> str:
    """Pick the delimiter by counting candidates on the header line, outside quoted fields.

    Ties go to ";" (the first of ``_DELIMITERS``): a Danish header such as
    ``Beløb, mio. kr.;År`` has one of each, and Danish Excel writes semicolons.
    """
    first = _NOT_BLANK.search(text)
    if first is None:
        return _DELIMITERS[0]
    start = max(text.rfind("\n", 0, first.start()), text.rfind("\r", 0, first.start())) + 1
    ends = [end for end in (text.find("\n", start), text.find("\r", start)) if end >= 0]
    line = _QUOTED.sub("", text[start : min(ends, default=len(text))])
    return max(_DELIMITERS, key=line.count)


def _text_cell(field: str) -> str | None:
    return field.strip() or None


def _csv_records(text: str, delimiter: str) -> Iterator[tuple[int, list[Cell]]]:
    """Records as csv.reader yields them, numbered as spreadsheet rows (1-based): a quoted
    field with line breaks inside is one record and so one row, as in Excel."""
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=delimiter,
        quotechar='"',
        doublequote=True,
        strict=False,
    )
    for number, fields in enumerate(reader, start=1):
        yield number, [_text_cell(field) for field in fields]


def _read_csv(data: bytes, file_name: str, limits: ReadLimits) -> RawTable:
    _refuse_non_text(data)
    text, encoding = _decode(data)
    if _looks_binary(text):
        raise _unsupported(_BINARY)
    if _MARKUP_START.match(text):
        raise _unsupported(_MARKUP)
    hinted, text = _split_sep_line(text)
    delimiter = hinted or _sniff_delimiter(text)
    with _parser_errors_refused():
        table = _collect(_csv_records(text, delimiter), limits)
    return RawTable(
        file_name=file_name,
        file_format="csv",
        sheet=None,
        encoding=encoding,
        delimiter=delimiter,
        header=table.header,
        header_row=table.header_index,
        rows=table.rows,
        row_numbers=table.indexes,
    )


# --------------------------------------------------------------------------------------------
# xlsx: checks on the zip container, before any parser sees it
# --------------------------------------------------------------------------------------------


def _check_archive_size(infos: Sequence[zipfile.ZipInfo], limits: ReadLimits) -> None:
    """Refuse zip bombs from the central directory alone, before anything is decompressed."""
    if len(infos) > _MAX_ARCHIVE_ENTRIES:
        raise _archive_too_large(
            f"{_number(len(infos), 'da')} dele, højst {_number(_MAX_ARCHIVE_ENTRIES, 'da')}",
            f"{_number(len(infos), 'en')} parts, at most {_number(_MAX_ARCHIVE_ENTRIES, 'en')}",
        )
    total = sum(info.file_size for info in infos)
    if total > limits.max_uncompressed_bytes:
        size, limit = total, limits.max_uncompressed_bytes
        raise _archive_too_large(
            f"{_megabytes(size, 'da', round_up=True)} MB udpakket, højst "
            f"{_megabytes(limit, 'da', round_up=False)} MB",
            f"{_megabytes(size, 'en', round_up=True)} MB unpacked, at most "
            f"{_megabytes(limit, 'en', round_up=False)} MB",
        )
    for info in infos:
        if info.file_size < _RATIO_CHECK_MIN_BYTES:
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > limits.max_compression_ratio:
            shown, limit = math.ceil(ratio), limits.max_compression_ratio
            raise _archive_too_large(
                f"delen »{info.filename}« er pakket {_number(shown, 'da')} gange sammen, højst "
                f"{_number(limit, 'da')} gange",
                f"the part '{info.filename}' is compressed {_number(shown, 'en')} times, at most "
                f"{_number(limit, 'en')} times",
            )


def _refuse_other_zip_formats(names: set[str]) -> None:
    """A zip that is not an xlsx workbook: say what it probably is."""
    if "xl/workbook.xml" in names:
        return
    if "xl/workbook.bin" in names:
        raise _unsupported(_XLSB)
    if "mimetype" in names or "content.xml" in names:
        raise _unsupported(_ODS)
    if "word/document.xml" in names or "ppt/presentation.xml" in names:
        raise _unsupported(_OFFICE)
    raise _unsupported(_ARCHIVE)


def _refuse_macros(archive: zipfile.ZipFile, names: set[str], file_name: str) -> None:
    """A macro workbook is refused by its name (.xlsm), its VBA part, or its content type.

    Macros never run here, but a file that carries them is one nobody should pass on, and the
    fix (save as .xlsx) is easy.
    """
    if file_name.lower().endswith(_MACRO_SUFFIXES):
        raise _macro_workbook()
    if any(name.lower().rsplit("/", 1)[-1] == "vbaproject.bin" for name in names):
        raise _macro_workbook()
    if "[Content_Types].xml" in names and b"macroEnabled" in _content_types(archive):
        raise _macro_workbook()


_CONTENT_TYPES_MAX_BYTES = 1024 * 1024  # Excel writes a few kilobytes


def _content_types(archive: zipfile.ZipFile) -> bytes:
    """The part that names the workbook's content types, read no further than a real one goes:
    a part that lies about its size (found by fuzzing: 1 kB declared, 300 MB inflated) would
    otherwise be inflated whole, half a gigabyte, before its checksum fails."""
    with archive.open("[Content_Types].xml") as stream:
        data = stream.read(_CONTENT_TYPES_MAX_BYTES + 1)
    if len(data) > _CONTENT_TYPES_MAX_BYTES:
        raise _unsupported(_ARCHIVE)
    return data


_FAST_CELL_COLUMN = re.compile(rb'<c r="([A-Z]+)[0-9]+"')
_FAST_CELL_ROW = re.compile(rb'<c r="[A-Z]+([0-9]+)"')
# Any other way to start a cell tag: no attributes, other whitespace, or a namespace prefix.
# Two patterns, because each starting with a literal is ten times faster than one alternation.
_UNUSUAL_CELL_TAGS = (re.compile(rb"<c[>/\t\n\r]"), re.compile(rb":c[\s>/]"))
_ANY_ROW_OR_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?(row|c)(?=[\s/>])([^<>]*)")
_REFERENCE = re.compile(rb"""\sr\s*=\s*["']\s*([A-Za-z]*)\s*([0-9]*)""")
_UNIQUE_COUNT = re.compile(rb"""uniqueCount\s*=\s*["']\s*([0-9]+)""")
_HUGE = 10**12  # stands for any reference too long to be a real row or column


def _column_number(letters: bytes) -> int:
    if len(letters) > 6:
        return _HUGE
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _row_number(digits: bytes) -> int:
    return int(digits) if len(digits) <= 12 else _HUGE


def _xml_chunks(stream: IO[bytes]) -> Iterator[bytes]:
    """Decompressed bytes in chunks cut just before a ``<``, so no tag is split in two."""
    pending = b""
    while chunk := stream.read(_CHUNK_BYTES):
        buffer = pending + chunk
        cut = buffer.rfind(b"<")
        if cut <= 0 or len(buffer) - cut > _CHUNK_BYTES:
            cut = len(buffer)
        yield buffer[:cut]
        pending = buffer[cut:]
    if pending:
        yield pending


def _checked_shared_string_counts(chunks: Iterable[bytes], size: int) -> Iterator[bytes]:
    """Refuse a ``uniqueCount`` that cannot be true.

    calamine reserves memory for ``<sst uniqueCount="...">`` before reading a single string, so
    a 1 kB file claiming four billion strings aborts the process. Each string takes more than one
    byte of XML, so a count above the part's size is a lie.
    """
    for chunk in chunks:
        for digits in _UNIQUE_COUNT.findall(chunk):
            count = _row_number(digits)
            if count > size:
                raise _unreadable(ValueError(f"uniqueCount {count} > part size {size} bytes"))
            if count > _MAX_CELLS:
                raise _too_many_cells(count, 1)
        yield chunk


def _fast_extent(chunks: Iterable[bytes]) -> tuple[int, int] | None:
    """Last row and column of any cell, when every cell is written ``<c r="B7" ...``.

    That is how Excel, LibreOffice, openpyxl and XlsxWriter write cells, and it can be scanned
    at regular-expression speed. Returns None for any other form, which then needs the slower,
    tag-by-tag scan.
    """
    last_row = last_column = 0
    for chunk in chunks:
        columns = _FAST_CELL_COLUMN.findall(chunk)
        rows = _FAST_CELL_ROW.findall(chunk)
        tags = chunk.count(b"<c ")
        if len(columns) != tags or len(rows) != tags:
            return None
        if any(pattern.search(chunk) for pattern in _UNUSUAL_CELL_TAGS):
            return None
        last_column = max([last_column, *map(_column_number, set(columns))])
        last_row = max([last_row, *map(_row_number, set(rows))])
    return last_row, last_column


def _slow_extent(chunks: Iterable[bytes]) -> tuple[int, int]:
    """Last row and column of any cell, following rows and cells without an ``r`` reference as
    a reader does (next row, next column); rounded up wherever the file is ambiguous."""
    row = column = last_row = last_column = 0
    for chunk in chunks:
        for match in _ANY_ROW_OR_CELL_TAG.finditer(chunk):
            reference = _REFERENCE.search(match.group(2))
            letters, digits = reference.groups() if reference else (b"", b"")
            if match.group(1) == b"row":
                row = _row_number(digits) if digits else last_row + 1
                column = 0
                last_row = max(last_row, row)
                continue
            column = _column_number(letters) if letters else column + 1
            last_column = max(last_column, column)
            last_row = max(last_row, _row_number(digits) if digits else row)
    return last_row, last_column


def _check_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Read one part to its end (zipfile checks its size and CRC on the way) and refuse it if its
    cells would span more than _MAX_CELLS counted from A1, or if it claims absurd string counts."""
    with archive.open(info) as stream:
        extent = _fast_extent(_checked_shared_string_counts(_xml_chunks(stream), info.file_size))
    if extent is None:
        with archive.open(info) as stream:
            chunks = _checked_shared_string_counts(_xml_chunks(stream), info.file_size)
            extent = _slow_extent(chunks)
    rows, columns = extent
    if rows * columns > _MAX_CELLS:
        raise _too_many_cells(rows, columns)


# --------------------------------------------------------------------------------------------
# xlsx: reading the sheet with python-calamine
# --------------------------------------------------------------------------------------------


def _worksheet_names(workbook: Any) -> tuple[list[str], list[str]]:
    """All worksheets (chart sheets have no cells), and those of them the user can see."""
    worksheets = [m for m in workbook.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
    visible = [m.name for m in worksheets if m.visible == SheetVisibleEnum.Visible]
    return [str(m.name) for m in worksheets], [str(name) for name in visible]


def _choose_sheet(workbook: Any, requested: str | None) -> str:
    """The requested sheet (exact name, else the one name equal ignoring case and outer spaces),
    or by default the first visible worksheet, which is the sheet Excel opens on."""
    names, visible = _worksheet_names(workbook)
    if requested is None:
        if visible or names:
            return (visible or names)[0]
        raise _no_header()
    if requested in names:
        return requested
    folded = [name for name in names if name.strip().casefold() == requested.strip().casefold()]
    if len(folded) == 1:
        return folded[0]
    raise _sheet_not_found(requested, visible or names)


def _xlsx_cell(value: object) -> Cell:
    """A calamine value as a Cell: text stripped (blank -> None), whole numbers as int.

    calamine gives every number as float, so a year typed as 2025 arrives as 2025.0; anything it
    may add later that Cell does not cover (durations) is kept as its text.
    """
    if value is None or isinstance(value, str):
        return (value or "").strip() or None
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, bool | int | dt.datetime | dt.date | dt.time):
        return value
    return str(value)


def _read_sheet(workbook: Any, name: str, limits: ReadLimits) -> _Table:
    """Read rows lazily with ``iter_rows`` so the row limit stops the Python side early.

    calamine's iterator starts either at the sheet's first row or at its first used row; which
    one is known from how many rows it gave, so row numbers are shifted once at the end.
    """
    worksheet = workbook.get_sheet_by_name(name)
    yielded = 0

    def records() -> Iterator[tuple[int, list[Cell]]]:
        nonlocal yielded
        for row in worksheet.iter_rows():
            # A blank row (calamine gives "" for an empty cell) is skipped here, in C, rather
            # than cell by cell: a sheet with one stray cell in row 1,048,576 has a million.
            if row.count("") < len(row):
                yield yielded, [_xlsx_cell(value) for value in row]
            yielded += 1

    table = _collect(records(), limits)
    end = worksheet.end
    first_row = int(end[0]) + 1 - yielded if end is not None else 0
    return _Table(
        header=table.header,
        header_index=table.header_index + first_row + 1,
        rows=table.rows,
        indexes=tuple(index + first_row + 1 for index in table.indexes),
    )


def _check_container(data: bytes, file_name: str, limits: ReadLimits) -> None:
    """Everything that can be learnt from the zip without a spreadsheet parser, in order of
    cost: sizes from the central directory, what kind of document it is, macros, and then one
    streaming pass over every part that checks its CRC and the cell range it would fill."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        _check_archive_size(infos, limits)
        names = {info.filename for info in infos}
        _refuse_other_zip_formats(names)
        _refuse_macros(archive, names, file_name)
        for info in infos:
            if not info.is_dir():
                _check_part(archive, info)


def _read_workbook(data: bytes, sheet: str | None, limits: ReadLimits) -> tuple[str, _Table]:
    with CalamineWorkbook.from_filelike(io.BytesIO(data)) as workbook:
        chosen = _choose_sheet(workbook, sheet)
        return chosen, _read_sheet(workbook, chosen, limits)


def _read_xlsx(data: bytes, file_name: str, sheet: str | None, limits: ReadLimits) -> RawTable:
    with _parser_errors_refused():
        _check_container(data, file_name, limits)
        chosen, table = _read_workbook(data, sheet, limits)
    return RawTable(
        file_name=file_name,
        file_format="xlsx",
        sheet=chosen,
        encoding=None,
        delimiter=None,
        header=table.header,
        header_row=table.header_index,
        rows=table.rows,
        row_numbers=table.indexes,
    )

"""CSV as Danish Excel writes it: any of its encodings, ``;`` or ``,`` or tab, ``sep=`` lines.

Windows-1252 with semicolons and decimal commas ("CSV (semikolonsepareret)"), UTF-8 with or
without a byte order mark ("CSV UTF-8"), blank lines and ``;;;`` tails. Formats people upload by
mistake as CSV (a PDF, an image, UTF-16 "Unicode Text", an HTML page saved as .xls) are refused
by their content, in words that say what the file is.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import Final

from planwatch.uploads.problems import phrase
from planwatch.uploads.raw_tables import (
    Cell,
    RawTable,
    ReadLimits,
    collect_rows,
    parser_errors_refused,
    refused,
    unsupported,
)
from planwatch.uploads.text_decoding import DecodedText, TextNotDecoded, decode_text

_DELIMITERS: Final = (";", ",", "\t")  # in order of preference when the header line is ambiguous
_CONTROL_CHARACTERS: Final = re.compile(r"[\x01-\x08\x0e-\x19\x1b-\x1f\x7f]")
_MARKUP_START: Final = re.compile(r"\s*<(?:\?xml|!doctype|html|table)\b", re.IGNORECASE)
_SEP_LINE: Final = re.compile(r"sep=([;,\t])[ ;,\t]*(?:\r\n|\r|\n|$)")
_NOT_BLANK: Final = re.compile(r'[^\s;,"]')
_QUOTED: Final = re.compile(r'"[^"]*"')

# Leading bytes of formats people upload by mistake. Most binary formats also contain NUL bytes,
# but PDF and RTF can be pure ASCII and would otherwise be read as a one-column CSV. (UTF-16 and
# NUL bytes are the text decoder's to refuse.)
_SIGNATURES: Final[tuple[tuple[bytes, str], ...]] = (
    (b"\x89PNG\r\n\x1a\n", "kind/image"),
    (b"\xff\xd8\xff", "kind/image"),
    (b"GIF87a", "kind/image"),
    (b"GIF89a", "kind/image"),
    (b"II*\x00", "kind/image"),
    (b"MM\x00*", "kind/image"),
    (b"\x1f\x8b", "kind/archive"),
    (b"7z\xbc\xaf\x27\x1c", "kind/archive"),
    (b"Rar!\x1a\x07", "kind/archive"),
    (b"{\\rtf", "kind/rtf"),
)


def _refuse_non_text(data: bytes) -> None:
    """Refuse formats people upload by mistake before they are decoded as text."""
    if b"%PDF-" in data[:1024]:
        raise unsupported(phrase("kind/pdf"))
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise unsupported(phrase(kind))


def _decode(data: bytes) -> DecodedText:
    try:
        return decode_text(data)
    except TextNotDecoded as error:
        if error.reason == "utf-16":
            raise unsupported(phrase("kind/utf-16")) from None
        if error.reason == "binary":
            raise unsupported(phrase("kind/binary")) from None
        raise refused("unsupported-format/encoding") from None


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
        yield number, [field.strip() or None for field in fields]  # blank -> None


def read_csv(data: bytes, file_name: str, limits: ReadLimits) -> RawTable:
    """The table in a CSV file's bytes, or a FileRefused."""
    _refuse_non_text(data)
    decoded = _decode(data)
    text = decoded.text
    if _looks_binary(text):
        raise unsupported(phrase("kind/binary"))
    if _MARKUP_START.match(text):
        raise unsupported(phrase("kind/markup"))
    hinted, text = _split_sep_line(text)
    delimiter = hinted or _sniff_delimiter(text)
    with parser_errors_refused():
        table = collect_rows(_csv_records(text, delimiter), limits)
    return RawTable(
        file_name=file_name,
        file_format="csv",
        sheet=None,
        encoding=decoded.encoding,
        delimiter=delimiter,
        header=table.header,
        header_row=table.header_index,
        rows=table.rows,
        row_numbers=table.indexes,
    )

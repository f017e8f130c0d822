"""Reading an uploaded file's bytes into a raw table of cells, as people really make files.

CMM staff send quarterly figures as CSV or Excel files "as Danish Excel writes them": CSV in
Windows-1252 with semicolons and decimal commas, UTF-8 with or without a byte order mark, blank
lines and ``;;;`` tails, workbooks whose table starts a few rows down. :func:`read_table` decides
by the content which reader a file needs (:mod:`~planwatch.uploads.csv_files` or
:mod:`~planwatch.uploads.xlsx_files`) and turns it into a
:class:`~planwatch.uploads.raw_tables.RawTable` that keeps the row numbers the user sees.

Anything that is not a table we can read safely is refused with
:class:`~planwatch.uploads.raw_tables.FileRefused`, carrying one Problem with a stable ``code``
and a Danish and English message that say what is wrong and what to do. The bytes come from a web
upload, so every check that bounds memory and time (size, row count, zip bombs, cell ranges a
parser would allocate) runs *before* the work it protects, and no parser exception, nor a Rust
panic inside python-calamine, escapes as a crash.
"""

from __future__ import annotations

from typing import Final

from planwatch.errors import Problem
from planwatch.uploads.containers import ZIP_MAGICS
from planwatch.uploads.csv_files import read_csv
from planwatch.uploads.problems import megabytes
from planwatch.uploads.raw_tables import FileRefused, RawTable, ReadLimits, refused
from planwatch.uploads.text_decoding import UTF8_BOM

_CFB_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file


def _encrypted_workbook(data: bytes) -> FileRefused:
    """Both a password-protected xlsx and a pre-2007 .xls are OLE compound files; the stream
    name ``EncryptionInfo`` tells the first apart, so the advice can fit the actual problem."""
    if "EncryptionInfo".encode("utf-16-le") in data:
        return refused("encrypted-workbook/password")
    return refused("encrypted-workbook")


def too_large(size: int, limits: ReadLimits) -> Problem:
    """The refusal of a file of ``size`` bytes, over ``limits.max_bytes``."""
    return refused(
        "file-too-large",
        size=megabytes(size, round_up=True),
        limit=megabytes(limits.max_bytes, round_up=False),
    ).problems[0]


def read_table(
    data: bytes,
    file_name: str,
    *,
    sheet: str | None = None,
    limits: ReadLimits = ReadLimits(),  # noqa: B008 - frozen dataclass
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
        raise refused(
            "file-too-large",
            size=megabytes(len(data), round_up=True),
            limit=megabytes(limits.max_bytes, round_up=False),
        )
    if not data.removeprefix(UTF8_BOM).strip():
        raise refused("empty-file")
    if data.startswith(ZIP_MAGICS):
        from planwatch.uploads.xlsx_files import read_xlsx  # python-calamine: only for xlsx

        return read_xlsx(data, file_name, sheet, limits)
    if data.startswith(_CFB_MAGIC):
        raise _encrypted_workbook(data)
    return read_csv(data, file_name, limits)

"""A file to check, read as text: plain text or Markdown decoded, a Word ``.docx``'s paragraphs
and table cells in document order, its container measured first (docs/claims.md, "Files")."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from typing import Any, Final

from planwatch.claims.docx_bounds import (
    MAX_CHARACTERS,
    DocumentTooLarge,
    Measure,
    measure_part,
    too_many_characters,
)
from planwatch.errors import UsageError
from planwatch.uploads.containers import ContainerTooLarge, ZipLimits, open_container, xml_chunks
from planwatch.uploads.text_decoding import TextNotDecoded, decode_text

MAX_BYTES: Final = 20_000_000
# A text file of more characters than a document may hold is refused before it is decoded
# (UTF-8 takes at most 4 bytes a character); after decoding, its characters are counted.
MAX_TEXT_BYTES: Final = 4 * MAX_CHARACTERS
TEXT_SUFFIXES: Final = frozenset({"", ".txt", ".text", ".md", ".markdown"})
DOCX_SUFFIX: Final = ".docx"


def read_document(data: bytes, file_name: str) -> str:
    """The text of a file: UTF-8 (or Windows-1252) text or Markdown as is; a ``.docx``'s
    paragraphs and table cells in document order, one paragraph per block (separated by a blank
    line). Raises :class:`UsageError` for an empty, unreadable or unsupported file."""
    suffix = _suffix(file_name)
    if len(data) > MAX_BYTES:
        raise UsageError(
            f"Filen {file_name} er for stor (over {MAX_BYTES // 1_000_000} MB).",
            f"The file {file_name} is too large (over {MAX_BYTES // 1_000_000} MB).",
        )
    if suffix == DOCX_SUFFIX:
        text = _read_docx(data, file_name)
    elif suffix in TEXT_SUFFIXES:
        if len(data) > MAX_TEXT_BYTES:
            raise _too_long(file_name, too_many_characters(len(data)).da, f"{len(data)} bytes")
        text = _decode(data, file_name)
    else:
        raise UsageError(
            f"Filtypen {suffix} kan ikke kontrolleres. Brug .txt, .md eller .docx.",
            f"Files of type {suffix} cannot be checked. Use .txt, .md or .docx.",
        )
    require_text(text, file_name)
    return text


def require_text(text: str, name: str | None = None) -> None:
    """Refuse a text with nothing in it but white space, or longer than a checked text may be
    (:data:`~planwatch.claims.docx_bounds.MAX_CHARACTERS`: checking it would take minutes)."""
    if len(text) > MAX_CHARACTERS:
        words = too_many_characters(len(text))
        raise _too_long(name or "", words.da, words.en)
    if text.strip():
        return
    where_da = f" i {name}" if name else ""
    where_en = f" in {name}" if name else ""
    raise UsageError(
        f"Der er ingen tekst at kontrollere{where_da}: teksten er tom.",
        f"There is no text to check{where_en}: the text is empty.",
    )


def _too_long(name: str, detail_da: str, detail_en: str) -> UsageError:
    what_da = f"Filen {name}" if name else "Teksten"
    what_en = f"The file {name}" if name else "The text"
    return UsageError(
        f"{what_da} er for lang til at blive kontrolleret ({detail_da}). Del den op, og "
        "kontrollér delene hver for sig.",
        f"{what_en} is too long to check ({detail_en}). Split it and check the parts one by one.",
    )


def _suffix(file_name: str) -> str:
    name = file_name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return "." + name.rsplit(".", 1)[1].lower() if "." in name else ""


def _decode(data: bytes, file_name: str) -> str:
    try:
        text = decode_text(data).text
    except TextNotDecoded as error:
        detail = error.detail if error.reason == "unknown-encoding" else "binary data / binære data"
        raise _unreadable(file_name, detail) from error
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _unreadable(file_name: str, detail: str) -> UsageError:
    return UsageError(
        f"Filen {file_name} kan ikke læses som tekst eller Word-dokument ({detail}).",
        f"The file {file_name} cannot be read as text or as a Word document ({detail}).",
    )


def _read_docx(data: bytes, file_name: str) -> str:
    try:
        _check_docx_container(data, file_name)
        import docx  # python-docx: here, so that plain text and a refused .docx do not load it

        document = docx.Document(io.BytesIO(data))
        blocks = list(_docx_blocks(document))
    except UsageError:
        raise
    except Exception as error:  # python-docx raises many kinds (zip, XML, missing parts)
        raise UsageError(
            f"Filen {file_name} kan ikke læses som Word-dokument (.docx): {error}",
            f"The file {file_name} cannot be read as a Word document (.docx): {error}",
        ) from error
    return "\n\n".join(block for block in blocks if block.strip())


# python-docx unpacks every part and builds a tree of every element, and reads a paragraph in
# about 50 microseconds: a 45 kB .docx of a million empty paragraphs took 47 s and 230 MB
# (fixture tests/data/fuzz/docx-million-empty-paragraphs.docx). So the container is measured
# first with the uploads' zip guard (its directory, then its XML streamed in bounded chunks).
_DOCX_LIMITS: Final = ZipLimits(max_entries=10_000, max_unpacked_bytes=100_000_000, max_ratio=100)
_DOCX_MAX_ELEMENTS: Final = 500_000  # XML elements in all parts (a 100-page report: ~100,000)
_DOCX_MAX_BLOCKS: Final = 20_000  # paragraphs and table cells (a 400-page book)
_START_TAG: Final = re.compile(rb"<[A-Za-z_]")
_BLOCK_TAG: Final = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?(?:p|tc)[\s/>]")
# What docx_bounds measures: runs, text, tables and their spans, declarations. Styles and
# themes hold none (and are the largest parts of an ordinary document), so they are not read
# twice.
_CONTENT_TAG: Final = re.compile(
    rb"<(?:[A-Za-z_][\w.\-]*:)?(?:r|t|tbl|tc|gridSpan|gridBefore|gridAfter)[\s/>]|<!"
)


def _too_large_docx(file_name: str, detail_da: str, detail_en: str) -> UsageError:
    return UsageError(
        f"Filen {file_name} kan ikke kontrolleres: Word-dokumentet pakker sig ud til langt mere, "
        f"end en tekst gør ({detail_da}). Gem teksten i et nyt dokument eller som .txt, og prøv "
        "igen.",
        f"The file {file_name} cannot be checked: the Word document unpacks to far more than a "
        f"text does ({detail_en}). Save the text in a new document or as .txt and try again.",
    )


def _check_docx_container(data: bytes, file_name: str) -> None:
    """Refuse a .docx whose parts would cost python-docx unbounded time or memory."""
    try:
        with open_container(data, _DOCX_LIMITS) as archive:
            elements = blocks = 0
            parts = [i for i in archive.infolist() if i.filename.endswith((".xml", ".rels"))]
            content: list[zipfile.ZipInfo] = []  # parts with text, tables or a declaration
            for info in parts:
                with archive.open(info) as stream:
                    for chunk in xml_chunks(stream):
                        elements += len(_START_TAG.findall(chunk))
                        blocks += len(_BLOCK_TAG.findall(chunk))
                        if (not content or content[-1] is not info) and _CONTENT_TAG.search(chunk):
                            content.append(info)
                if elements > _DOCX_MAX_ELEMENTS or blocks > _DOCX_MAX_BLOCKS:
                    raise _too_large_docx(
                        file_name,
                        f"over {elements} XML-elementer, {blocks} afsnit og tabelceller",
                        f"over {elements} XML elements, {blocks} paragraphs and table cells",
                    )
            # Then what the elements say (spans, nesting, runs, text), now that their number
            # is bounded: streamed again, through expat, before python-docx expands anything.
            measure = Measure()
            for info in content:
                with archive.open(info) as stream:
                    measure_part(xml_chunks(stream), measure)
    except ContainerTooLarge as error:
        raise _too_large_docx(file_name, error.detail.da, error.detail.en) from None
    except DocumentTooLarge as error:
        raise _too_large_docx(file_name, error.dimension.da, error.dimension.en) from None


def _docx_blocks(document: Any) -> Iterable[str]:
    """Paragraphs, and each table cell once, in document order. The cells are the table's
    ``w:tc`` elements as written, not python-docx's grid of them: a cell spanning columns is
    one element (python-docx repeats it once per column), and a cell continuing a vertical
    merge holds no text of its own (python-docx walks back to the merge's first cell)."""
    for item in document.iter_inner_content():
        if hasattr(item, "rows"):
            for row in item._tbl.tr_lst:
                for cell in row.tc_lst:
                    if cell.vMerge == "continue":
                        continue
                    yield from (_paragraph_text(p).strip() for p in cell.p_lst)
        else:
            yield _paragraph_text(item._p).strip()


# python-docx reads a paragraph's text with one XPath query per run (40 microseconds each: a
# paragraph of 400,000 empty runs took 17 s). The same elements are found by walking the
# paragraph's runs and hyperlinks' runs; each element's ``str`` is its text (a tab "\t", a
# break "\n").
_W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RUN: Final = _W + "r"
_HYPERLINK: Final = _W + "hyperlink"
_RUN_CONTENT: Final = frozenset(_W + n for n in ("br", "cr", "noBreakHyphen", "ptab", "t", "tab"))


def _paragraph_text(paragraph: Any) -> str:
    parts: list[str] = []
    for child in paragraph:
        runs = (child,) if child.tag == _RUN else child if child.tag == _HYPERLINK else ()
        for run in runs:
            if run.tag == _RUN:
                parts.extend(str(e) for e in run if e.tag in _RUN_CONTENT)
    return "".join(parts)

"""A file to check, read as text: plain text or Markdown decoded, a Word ``.docx``'s paragraphs
and table cells in document order, its container measured first (docs/claims.md, "Files")."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from typing import Any, Final

from planwatch.errors import UsageError
from planwatch.uploads.containers import ContainerTooLarge, ZipLimits, open_container, xml_chunks
from planwatch.uploads.text_decoding import TextNotDecoded, decode_text

MAX_BYTES: Final = 20_000_000
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
        text = _decode(data, file_name)
    else:
        raise UsageError(
            f"Filtypen {suffix} kan ikke kontrolleres. Brug .txt, .md eller .docx.",
            f"Files of type {suffix} cannot be checked. Use .txt, .md or .docx.",
        )
    require_text(text, file_name)
    return text


def require_text(text: str, name: str | None = None) -> None:
    """Refuse a text with nothing in it but white space."""
    if text.strip():
        return
    where_da = f" i {name}" if name else ""
    where_en = f" in {name}" if name else ""
    raise UsageError(
        f"Der er ingen tekst at kontrollere{where_da}: teksten er tom.",
        f"There is no text to check{where_en}: the text is empty.",
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
    import docx  # python-docx; imported here so that reading plain text does not load it

    try:
        _check_docx_container(data, file_name)
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
            for info in archive.infolist():
                if not info.filename.endswith((".xml", ".rels")):
                    continue
                with archive.open(info) as stream:
                    for chunk in xml_chunks(stream):
                        elements += len(_START_TAG.findall(chunk))
                        blocks += len(_BLOCK_TAG.findall(chunk))
                if elements > _DOCX_MAX_ELEMENTS or blocks > _DOCX_MAX_BLOCKS:
                    raise _too_large_docx(
                        file_name,
                        f"over {elements} XML-elementer, {blocks} afsnit og tabelceller",
                        f"over {elements} XML elements, {blocks} paragraphs and table cells",
                    )
    except ContainerTooLarge as error:
        raise _too_large_docx(file_name, error.detail.da, error.detail.en) from None


def _docx_blocks(document: Any) -> Iterable[str]:
    """Paragraphs, and each table cell once (merged cells repeat), in document order."""
    for item in document.iter_inner_content():
        if hasattr(item, "rows"):
            seen: list[object] = []  # the cells' XML elements, kept alive to compare
            for row in item.rows:
                for cell in row.cells:
                    if any(cell._tc is element for element in seen):
                        continue
                    seen.append(cell._tc)
                    yield from (p.text.strip() for p in cell.paragraphs)
        else:
            yield item.text.strip()

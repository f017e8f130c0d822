"""Every dimension of a Word document measured before python-docx expands it (issue 16).

A ``.docx`` is small XML that a reader multiplies: python-docx yields a cell once per grid
column it spans (a 37 kB file of cells with ``<w:gridSpan w:val="200000000"/>`` kept the server
busy for minutes), walks a chain of vertically merged cells back to its start for every cell,
and reads each run with its own XPath query. :func:`measure_part` streams one XML part through
expat (no tree is built, no entity is expanded) and refuses it at the first dimension past its
bound: the nesting of elements and of tables, the grid columns of a row and of one cell's span,
runs, and characters of text. The caller (``documents``) has already bounded the zip container,
its parts and their elements and paragraphs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final
from xml.parsers import expat

from planwatch.formatting import format_number

MAX_DEPTH: Final = 100  # nested XML elements (a drawing's text box in a table: about 25)
MAX_TABLE_DEPTH: Final = 8  # tables in cells of tables
MAX_COLUMNS: Final = 1_000  # grid columns of one row, or spanned by one cell (Word: 63)
MAX_RUNS: Final = 100_000  # runs in all parts (a 100-page report: about 20,000)
MAX_CHARACTERS: Final = 500_000  # characters of text (about 150 pages); also a plain text's


@dataclass(frozen=True, slots=True)
class Dimension:
    """The first dimension past its bound, worded in both languages."""

    da: str
    en: str


class DocumentTooLarge(Exception):
    """A part with a dimension past its bound (``dimension`` says which)."""

    def __init__(self, dimension: Dimension) -> None:
        super().__init__(dimension.en)
        self.dimension = dimension


@dataclass(slots=True)
class Measure:
    """What the parts measured so far hold; one per document, handed to each part in turn."""

    runs: int = 0
    characters: int = 0
    depth: int = 0
    tables: int = 0
    in_text: int = 0
    row_columns: list[int] = field(default_factory=list)  # per open row (nested tables)
    cell_span: list[int] = field(default_factory=list)  # per open cell


def _da(count: int) -> str:
    return format_number(count, "da")


def _en(count: int) -> str:
    return format_number(count, "en")


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1]


def _value(attributes: dict[str, str]) -> int | None:
    for name, value in attributes.items():
        if _local(name) == "val":
            try:
                return int(value.strip())
            except ValueError:
                return None  # python-docx refuses it when it reads the cell
    return None


def _too_wide(columns: int) -> DocumentTooLarge:
    return DocumentTooLarge(
        Dimension(
            f"en tabelrække eller celle over {_da(columns)} kolonner, højst {_da(MAX_COLUMNS)}",
            f"a table row or cell over {_en(columns)} columns, at most {_en(MAX_COLUMNS)}",
        )
    )


def _start(measure: Measure, name: str, attributes: dict[str, str]) -> None:
    measure.depth += 1
    if measure.depth > MAX_DEPTH:
        raise DocumentTooLarge(
            Dimension(
                f"elementer indlejret over {MAX_DEPTH} lag",
                f"elements nested over {MAX_DEPTH} deep",
            )
        )
    local = _local(name)
    if local == "t":
        measure.in_text += 1
    elif local == "r":
        measure.runs += 1
        if measure.runs > MAX_RUNS:
            raise DocumentTooLarge(
                Dimension(
                    f"over {_da(MAX_RUNS)} tekststykker (runs)",
                    f"over {_en(MAX_RUNS)} runs of text",
                )
            )
    elif local == "tbl":
        measure.tables += 1
        if measure.tables > MAX_TABLE_DEPTH:
            raise DocumentTooLarge(
                Dimension(
                    f"tabeller i tabeller over {MAX_TABLE_DEPTH} lag",
                    f"tables nested over {MAX_TABLE_DEPTH} deep",
                )
            )
    elif local == "tr":
        measure.row_columns.append(0)
    elif local == "tc":
        measure.cell_span.append(1)
    elif local in ("gridSpan", "gridBefore", "gridAfter"):
        columns = _value(attributes)
        if columns is None:
            return
        if columns > MAX_COLUMNS:
            raise _too_wide(columns)
        if local == "gridSpan" and measure.cell_span:
            measure.cell_span[-1] = max(columns, 1)
        elif measure.row_columns:
            measure.row_columns[-1] += max(columns, 0)


def _end(measure: Measure, name: str) -> None:
    measure.depth -= 1
    local = _local(name)
    if local == "t":
        measure.in_text -= 1
    elif local == "tbl":
        measure.tables -= 1
    elif local == "tc" and measure.cell_span:
        span = measure.cell_span.pop()
        if measure.row_columns:
            measure.row_columns[-1] += span
            if measure.row_columns[-1] > MAX_COLUMNS:
                raise _too_wide(measure.row_columns[-1])
    elif local == "tr" and measure.row_columns:
        measure.row_columns.pop()


def _text(measure: Measure, data: str) -> None:
    if measure.in_text:
        measure.characters += len(data)
        if measure.characters > MAX_CHARACTERS:
            raise DocumentTooLarge(too_many_characters(measure.characters))


def too_many_characters(characters: int) -> Dimension:
    """The wording of a text past :data:`MAX_CHARACTERS`."""
    return Dimension(
        f"over {_da(characters)} tegn tekst, højst {_da(MAX_CHARACTERS)}",
        f"over {_en(characters)} characters of text, at most {_en(MAX_CHARACTERS)}",
    )


def measure_part(chunks: Iterable[bytes], measure: Measure) -> None:
    """Stream one XML part's bytes through expat, adding to ``measure``.

    Raises:
        DocumentTooLarge: at the first dimension past its bound.
    A part that is not well-formed XML is measured up to its fault and left to python-docx,
    which refuses it if it reads it.
    """
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = lambda name, attributes: _start(measure, name, attributes)
    parser.EndElementHandler = lambda name: _end(measure, name)
    parser.CharacterDataHandler = lambda data: _text(measure, data)
    parser.EntityDeclHandler = _refuse_entity
    depth, tables = measure.depth, measure.tables
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError:
        pass
    finally:  # the next part starts at the top again
        measure.depth, measure.tables, measure.in_text = depth, tables, 0
        measure.row_columns.clear()
        measure.cell_span.clear()


def _refuse_entity(*_: object) -> None:
    # Word never declares entities; one that does is built to expand.
    raise DocumentTooLarge(Dimension("en erklæret XML-entitet", "a declared XML entity"))

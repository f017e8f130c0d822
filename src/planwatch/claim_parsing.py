"""Reading a text and finding the figures it states, as candidate claims: pure, no database.

A speech, a press release or an answer to a parliamentary question is read (plain text,
Markdown, or a Word ``.docx``: its paragraphs and table cells in document order) into sentences
with character offsets, and each sentence into the quantities it writes and the claims they make.
:mod:`planwatch.claims` then checks those claims against what is stored.

**Numbers.** ``1.233`` / ``1,233`` / ``53,4`` / ``53.4``: the decimal sign is decided by the form
first, by the language last.

* Both ``.`` and ``,`` in one number: the last one is the decimal sign (``1.234,5``, ``1,234.5``).
* One sign written more than once: it groups thousands (``1.233.000``, ``1,233,000``), and every
  group after the first must have three digits.
* One sign written once: it is a decimal sign unless exactly three digits follow it and one to
  three digits (not ``0``) precede it (``53,4``, ``53.42``, ``1233,5``, ``0.125`` are decimals).
  Otherwise (``1.233``, ``1,233``) the convention decides: Danish groups with ``.`` and writes
  decimals with ``,``; English the other way round. The convention is the one the number's own
  unit is written in (``pct.``, ``procent``, ``mio.``, ``kr.``, ``kroner`` are Danish; ``per
  cent``, ``percent``, ``DKK``, ``million``, ``m``, ``bn`` are English), else the text's language.
* A no-break or thin space between digit groups groups thousands (``1 233``).

**Units.** ``53,4 pct.``, ``53,4 %``, ``53.4%``, ``53.4 per cent``, ``35 procent`` are per cent;
``procentpoint`` / ``percentage points`` are points (not a change in per cent). ``118,2 mio.
kr.``, ``kr. 118,2 mio.``, ``DKK 118.2m``, ``118.2 million kroner``, ``DKK 118,200,000`` are money
(kroner; ``mia.`` / ``bn`` / ``billion`` are thousands of millions). A scale word without a
currency (``118,2 mio.``) is money unless a count noun follows it. Small numbers in words are
counts in the text's language only: Danish *én, to, tre … tolv, tretten … nitten, tyve … halvfems*
and compounds (*treoghalvfjerds* = 73); English *one … nineteen, twenty … ninety* and compounds
(*twenty-one*). The article-like *en*, *et* and *one* count as 1 only before a count noun
(*en person*, *one victim*); *én* and *ét* always do.

**Years.** A whole number 1900–2100 written without separators is a year, not a count, when it
stands in year position: after *i, in, for, during, år, året, year, fra, from, til, to, until,
siden, since, mellem, between, i forhold til, compared with, udgangen af, end of* (and similar),
after a month name, in a range ``2022-2025``, after *og/and/or* following a year, in parentheses,
or first in its sentence. Its role says how it is used: ``point`` (*i 2023*), ``from``/``to``
(*fra 2022 til 2023*, ``2022–2025``), ``since`` (*siden 2016*), ``base`` (*i forhold til 2022*),
``date`` (*4. juni 2024*). Anywhere else (``2023 personer``) the number is a count.

**Not figures.** Numbers after ``§``, *nr., stk., side, no., section, kl.*; ordinals (Danish
``4. juni``, a number with a full stop before a lower-case word); days of a month; ages and
durations (``17-årige``, ``18 år``, ``5 years``); *under 18* / *over 18* (an age group, see
breakdowns); numbers glued to letters (``CO2``, ``2020'erne``).

**Too many numbers.** Only the first 100 numbers of a sentence are read
(``MAX_NUMBERS_PER_SENTENCE``): a sentence with more is a table or a list pasted as text.

**Sentences.** A blank line, a Markdown block (heading, list item, quote, table row) or a
``.docx`` paragraph or table cell starts a new paragraph; within one, a sentence ends at ``!``
or ``?``, or at ``.`` followed by white space and a capital letter, a digit or a quote, unless the
word before the full stop is an abbreviation that never ends a sentence (*ca., mio., nr., bl.a.,
f.eks., e.g.* …) or a single letter. *kr.* and *pct.* end a sentence when a capital follows.

**Breakdowns.** Words for a sex, an age group or a form of exploitation (*kvinder, mænd,
mindreårige, under 18, børn, seksuel udnyttelse, tvangsarbejde* … and English equivalents)
beginning within eight words after a count (stopping at a comma, *og/and* or another figure) make
it a count of that part. A count right after *mod, against, versus, compared with* that names no
part itself is compared with the count before it and is a count of the same part (*3 af ofrene
under 18 år mod 6 i 2022*: both are under 18). When a sentence names such a part but attaches
it to none of its counts, its counts are ``breakdown-unclear``; a change, ratio or extreme in
such a sentence is ``breakdown``.

**Claims.** Per sentence: ``from-to`` (*fra 73 i 2022 til 112 i 2023*), ``count`` (a count with
its year), ``difference`` (*39 flere end i 2022*), ``change`` (a per cent with a change word such
as *stigning, steg, fald, increase, rose, fell*, or a written ``+``/``-`` sign), ``ratio``
(*fordoblet, mere end fordoblet, halveret, tripled* …), ``highest-since`` / ``lowest-since``
(*det højeste antal siden 2016*, *the lowest since 2019*, *højeste nogensinde* = a record),
``budget`` (money in a sentence that names a plan or a plan period) and ``other`` (any other
figure, with a note why: a share, points, a range, spending, a total over a period …), so that
no sentence with a figure is dropped. A change, difference or ratio takes its two years from its
own sentence (*fra … til*; a *siden*/*i forhold til* year and a point year; two point years; one
point year *Y* alone means *Y-1 → Y*; a *siden* year alone runs to the latest year with a
figure), else from the previous sentence by the same rules (``linked``). The *siden* year of a
highest/lowest phrase (*det højeste antal siden 2016*, *the lowest number since 2019*) belongs
to that phrase and is never the start of a change. A highest/lowest-since claim is about the
last point year of its sentence, else the later year the previous sentence of its paragraph is
about, when after the *siden* year (*I 2021
blev 80 … mod 77 i 2020. … det højeste antal siden 2018*: 2021), else the latest year with a
figure.
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, Final, Literal

from planwatch.domain.numbers import plain
from planwatch.domain.periods import MAX_YEAR
from planwatch.domain.vocab import ALL, TOTAL, Breakdown
from planwatch.errors import UsageError

Language = Literal["da", "en"]
QuantityKind = Literal["count", "percent", "points", "money", "year", "other"]
Qualifier = Literal["exact", "approx", "more", "less", "at-least", "at-most"]
YearRole = Literal["point", "from", "to", "since", "base", "date"]
Marker = Literal["from", "to"]
ClaimKind = Literal[
    "count",
    "from-to",
    "change",
    "difference",
    "ratio",
    "highest-since",
    "lowest-since",
    "budget",
    "other",
]
YearsFrom = Literal["sentence", "previous", "year-before", "latest", "none"]

MIN_YEAR: Final = 1900
# Each number is read against the whole sentence around it, so a "sentence" of a thousand
# numbers (a table pasted as text, no full stops) took minutes: "1 " x 1000 took 6 s (fixture
# tests/data/fuzz/text-thousand-numbers-one-sentence.txt). Prose never has this many.
MAX_NUMBERS_PER_SENTENCE: Final = 100
MAX_BYTES: Final = 20_000_000
TEXT_SUFFIXES: Final = frozenset({"", ".txt", ".text", ".md", ".markdown"})
DOCX_SUFFIX: Final = ".docx"

# --------------------------------------------------------------------------------------------
# Reading a file
# --------------------------------------------------------------------------------------------


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
    if b"\x00" in data:
        raise _unreadable(file_name, "binary data / binære data")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise _unreadable(file_name, str(error)) from error
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
# first, from its directory and then by streaming its XML, as the upload reader does for xlsx.
_DOCX_MAX_ENTRIES: Final = 10_000
_DOCX_MAX_UNPACKED: Final = 100_000_000  # bytes, all parts together
_DOCX_MAX_RATIO: Final = 100  # unpacked / packed, for parts of 64 kB or more
_DOCX_RATIO_MIN_BYTES: Final = 64 * 1024
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
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        unpacked = sum(info.file_size for info in infos)
        if len(infos) > _DOCX_MAX_ENTRIES or unpacked > _DOCX_MAX_UNPACKED:
            raise _too_large_docx(
                file_name,
                f"{len(infos)} dele, {unpacked // 1_000_000} MB",
                f"{len(infos)} parts, {unpacked // 1_000_000} MB",
            )
        elements = blocks = 0
        for info in infos:
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size >= _DOCX_RATIO_MIN_BYTES and ratio > _DOCX_MAX_RATIO:
                raise _too_large_docx(
                    file_name,
                    f"delen {info.filename} er pakket {int(ratio)} gange sammen",
                    f"the part {info.filename} is compressed {int(ratio)} times",
                )
            if not info.filename.endswith((".xml", ".rels")):
                continue
            with archive.open(info) as stream:
                while chunk := stream.read(1024 * 1024):
                    elements += len(_START_TAG.findall(chunk))
                    blocks += len(_BLOCK_TAG.findall(chunk))
            if elements > _DOCX_MAX_ELEMENTS or blocks > _DOCX_MAX_BLOCKS:
                raise _too_large_docx(
                    file_name,
                    f"over {elements} XML-elementer, {blocks} afsnit og tabelceller",
                    f"over {elements} XML elements, {blocks} paragraphs and table cells",
                )


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


# --------------------------------------------------------------------------------------------
# Language
# --------------------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_DA_WORDS: Final = _words(
    "og i af er det til på med som der en et blev har for ikke at de den om var fra siden "
    "mod flere antallet personer ofre menneskehandel stigning også år kr mio pct"
)
_EN_WORDS: Final = _words(
    "the and of in is was were to with from that for has have been this by as are since "
    "number people victims trafficking increase also year per cent million"
)


def detect_language(text: str) -> Language:
    """Danish or English, by common words (and æ, ø, å); Danish when undecided."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    danish = sum(word in _DA_WORDS for word in words) + 2 * len(re.findall(r"[æøå]", text.lower()))
    english = sum(word in _EN_WORDS for word in words)
    return "en" if english > danish else "da"


# --------------------------------------------------------------------------------------------
# Sentences
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its text, where it stands in the original (``text[start:end]``), its place
    among the sentences and the paragraph (block) it belongs to."""

    text: str
    start: int
    end: int
    index: int
    paragraph: int


_BLOCK_START: Final = re.compile(r"[ \t]*(?:#{1,6}\s|[-*+•]\s|>|\||\d{1,2}[.)]\s)")
_ONE_LINE_BLOCK: Final = re.compile(r"[ \t]*(?:#{1,6}\s|\|)")
_LEADING_MARKUP: Final = re.compile(r"(?:#{1,6}\s+|[-*+•]\s+|>\s*|\d{1,2}[.)]\s+)")
_SENTENCE_END: Final = re.compile(r"[.!?…]+[\"'»”’)\]*_]*(?=\s)")
_NEVER_END: Final = _words(
    "ca cirka mio mia mill nr stk jf pkt evt inkl ekskl ift vedr dvs bl.a f.eks m.fl m.m "
    "mr mrs ms dr e.g i.e approx no vs hhv kap alm ang bl mht iflg ifølge el kl"
)


_FIRST_VISIBLE: Final = re.compile(r"\s*(\S)")
_WORD_WINDOW: Final = 64  # characters before a full stop searched for the word it ends


def split_sentences(text: str) -> list[Sentence]:
    """The text's sentences, in order, with offsets into ``text``."""
    sentences: list[Sentence] = []
    for paragraph, (start, end) in enumerate(_blocks(text)):
        cursor = start
        for match in _SENTENCE_END.finditer(text, start, end):
            if _ends_sentence(text, start, match):
                _add_sentence(sentences, text, cursor, match.end(), paragraph)
                cursor = match.end()
        _add_sentence(sentences, text, cursor, end, paragraph)
    return sentences


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: split at blank lines, Markdown blocks, headings and table rows."""
    blocks: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    single_line = False
    offset = 0
    for line in text.split("\n"):
        line_start, line_end = offset, offset + len(line)
        offset = line_end + 1
        if not line.strip():
            if current is not None:
                blocks.append(current)
            current = None
            continue
        if current is None or single_line or _BLOCK_START.match(line):
            if current is not None:
                blocks.append(current)
            current = (line_start, line_end)
        else:
            current = (current[0], line_end)
        single_line = bool(_ONE_LINE_BLOCK.match(line))
    if current is not None:
        blocks.append(current)
    return blocks


def _ends_sentence(text: str, block_start: int, match: re.Match[str]) -> bool:
    if set(match.group()) & set("!?…"):
        return True
    following = _FIRST_VISIBLE.match(text, match.end())
    if following is None:
        return True
    # Only the last word matters, and none that could stop a sentence is long: looking at the
    # whole block before every full stop made a long paragraph quadratic ("ca. " x 4000: 14 s;
    # fixture tests/data/fuzz/text-ca-repeated.txt).
    window = max(block_start, match.start() - _WORD_WINDOW)
    word = re.search(r"([^\s(\[\"'«“]+)$", text[window : match.start()])
    before = word.group(1).lower().rstrip(".") if word else ""
    if before in _NEVER_END or (len(before) == 1 and before.isalpha()):
        return False
    first = following.group(1)
    return first.isupper() or first.isdigit() or first in "\"'«“”([*_#"


def _add_sentence(
    sentences: list[Sentence], text: str, start: int, end: int, paragraph: int
) -> None:
    while start < end and text[start].isspace():
        start += 1
    markup = _LEADING_MARKUP.match(text, start, end)
    if markup and (not sentences or sentences[-1].paragraph != paragraph):
        start = markup.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end and re.search(r"\w", text[start:end]):
        sentences.append(Sentence(text[start:end], start, end, len(sentences), paragraph))


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """A number as written: its value and how many digits follow its decimal sign."""

    value: Decimal
    decimals: int


def parse_number(text: str, convention: Language = "da") -> ParsedNumber:
    """Parse ``1.233``, ``1,233``, ``53,4``, ``1.234,5``, ``-12`` (see the module's rule).
    Raises ``ValueError`` for anything else."""
    body = text.strip()
    negative = body[:1] in "-−"
    body = body.lstrip("+-−")
    body = _ungroup_spaces(body)
    if not re.fullmatch(r"\d+(?:[.,]\d+)*", body):
        raise ValueError(f"not a number: {text!r}")
    integer, fraction = _split_decimal(body, convention)
    value = Decimal(f"{integer}.{fraction}" if fraction else integer)
    return ParsedNumber(-value if negative else value, len(fraction))


def _ungroup_spaces(body: str) -> str:
    parts = re.split(r"[ \u00a0\u202f]", body)
    if len(parts) == 1:
        return body
    if not (1 <= len(parts[0]) <= 3 and all(re.match(r"\d{3}(?!\d)", p) for p in parts[1:])):
        raise ValueError(f"bad digit groups: {body!r}")
    return "".join(parts)


def _split_decimal(body: str, convention: Language) -> tuple[str, str]:
    signs = [c for c in body if c in ".,"]
    if not signs:
        return body, ""
    if len(set(signs)) == 2:
        decimal_sign = signs[-1]
        if signs.count(decimal_sign) != 1:
            raise ValueError(f"two decimal signs: {body!r}")
        integer, fraction = body.rsplit(decimal_sign, 1)
        return _grouped(integer, "," if decimal_sign == "." else "."), fraction
    sign = signs[0]
    if len(signs) > 1:
        return _grouped(body, sign), ""
    integer, fraction = body.split(sign)
    ambiguous = len(fraction) == 3 and 1 <= len(integer) <= 3 and not integer.startswith("0")
    grouping = ambiguous and sign == ("." if convention == "da" else ",")
    return (integer + fraction, "") if grouping else (integer, fraction)


def _grouped(text: str, sign: str) -> str:
    groups = text.split(sign)
    if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
        raise ValueError(f"bad digit groups: {text!r}")
    return "".join(groups)


_DA_UNITS: Final = {
    "en": 1, "et": 1, "én": 1, "ét": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6,
    "syv": 7, "otte": 8, "ni": 9,
}  # fmt: skip
_DA_TEENS: Final = {
    "ti": 10, "elleve": 11, "tolv": 12, "tretten": 13, "fjorten": 14, "femten": 15,
    "seksten": 16, "sytten": 17, "atten": 18, "nitten": 19,
}  # fmt: skip
_DA_TENS: Final = {
    "tyve": 20, "tredive": 30, "fyrre": 40, "halvtreds": 50, "tres": 60, "halvfjerds": 70,
    "firs": 80, "halvfems": 90,
}  # fmt: skip
_EN_UNITS: Final = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9,
}  # fmt: skip
_EN_TEENS: Final = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_EN_TENS: Final = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_ARTICLE_LIKE: Final = frozenset({"en", "et", "one"})


@lru_cache(maxsize=2)
def number_words(language: Language) -> dict[str, int]:
    """Every small number word of a language (with compounds, 1-99), lower case, to its value."""
    words: dict[str, int] = {}
    if language == "da":
        words.update(_DA_UNITS | _DA_TEENS | _DA_TENS)
        for unit, u in _DA_UNITS.items():
            if unit not in ("et", "én", "ét"):
                words.update({f"{unit}og{tens}": u + t for tens, t in _DA_TENS.items()})
    else:
        words.update(_EN_UNITS | _EN_TEENS | _EN_TENS)
        for tens, t in _EN_TENS.items():
            for unit, u in _EN_UNITS.items():
                words[f"{tens}-{unit}"] = t + u
                words[f"{tens} {unit}"] = t + u
    return words


@lru_cache(maxsize=2)
def _number_word_pattern(language: Language) -> re.Pattern[str]:
    alternatives = sorted(number_words(language), key=len, reverse=True)
    body = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in alternatives)
    return re.compile(rf"(?<![\w-])(?P<num>{body})(?![\w-])", re.I)


def _word_value(text: str, language: Language) -> int:
    return number_words(language)[re.sub(r"\s+", " ", text.lower())]


# --------------------------------------------------------------------------------------------
# Vocabulary of the parser: cue words (not indicator terms; those are data, see claims)
# --------------------------------------------------------------------------------------------


def _alternation(words: Iterable[str]) -> str:
    escaped = [
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True)
    ]
    return "|".join(escaped)


def _tail(words: Iterable[str]) -> re.Pattern[str]:
    """Matches when a text *ends* with one of ``words`` (then white space)."""
    return re.compile(rf"(?<![\w])(?:{_alternation(words)})\s*$", re.I)


def _head(words: Iterable[str]) -> re.Pattern[str]:
    """Matches when a text *starts* with one of ``words`` (after white space)."""
    return re.compile(rf"^\s*(?:{_alternation(words)})(?![\w])", re.I)


_MONTHS: Final = _words(
    "januar februar marts april maj juni juli august september oktober november december "
    "january february march may june july october jan feb mar apr jun jul aug sep sept oct "
    "nov dec"
)
_MONTH_AFTER: Final = _head(_MONTHS)
_MONTH_BEFORE: Final = _tail(_MONTHS)
_REFERENCE_BEFORE: Final = re.compile(
    r"(?:§+|(?<![\w'’])(?:s|p|nr|no|stk|pkt|kap|art|fig|tab)\.|(?<![\w'’])(?:nr|stk|kl|side|"
    r"bilag|afsnit|punkt|artikel|section|page|chapter|article|annex|klokken|version|figur|"
    r"tabel|figure|table))\s*$",
    re.I,
)
_YEAR_ROLES: Final[tuple[tuple[YearRole, re.Pattern[str]], ...]] = (
    (
        "base",
        _tail(
            [
                "i forhold til", "sammenlignet med", "set i forhold til", "compared with",
                "compared to", "relative to", "against", "versus", "vs.", "mod", "end i",
                "than in", "on",
            ]
        ),
    ),
    ("since", _tail(["siden", "since", "fra og med"])),
    (
        "point",
        _tail(
            [
                "udgangen af", "slutningen af", "i løbet af", "end of", "in the course of",
                "by the end of", "the year", "året", "år", "year", "i", "in", "for", "during",
                "ultimo", "primo", "til og med", "through", "kvartal", "kvartaler", "quarter",
                "halvår", "half", "q1", "q2", "q3", "q4",
            ]
        ),
    ),
    ("from", _tail(["fra", "from", "mellem", "between"])),
    ("to", _tail(["til", "to", "until", "indtil", "frem til", "up to"])),
)  # fmt: skip
_AFTER_YEAR: Final = _tail(["og", "and", "eller", "or", ",", "&"])
_RANGE_AFTER: Final = re.compile(r"^\s*[-–—/]\s*(\d{4})(?!\d)")
_RANGE_BEFORE: Final = re.compile(r"(?<!\d)(\d{4})\s*[-–—/]\s*$")
_NUMBER_RANGE_AFTER: Final = re.compile(r"^\s*[-–—]\s*\d")
_NUMBER_RANGE_BEFORE: Final = re.compile(r"\d\s*[-–—]\s*$")
_AGE_OR_DURATION: Final = re.compile(
    r"^(?:-?\s*(?:årig\w*|års?\b|år\b|years?\b|year-old|months?\b|måneder?\b|uger?\b|weeks?\b|"
    r"dage?\b|days?\b|timer?\b|hours?\b|ugers\b|dages\b))",
    re.I,
)
_AGE_GROUP_NUMBER: Final = re.compile(r"(?<![\w])(?:under|over|above|below)\s*$", re.I)
_FACTOR_AFTER: Final = _head(["gange", "times", "gang", "fold"])
_PERCENT_AFTER: Final = re.compile(
    r"^\s*(?P<unit>procentpoint\w*|pct\.?-?\s*point\w*|percentage\s+points?|pp\b|%-point\w*|"
    r"%|pct\b\.?|procent\b|per\s*cent\b|percent\b)",
    re.I,
)
_MONEY_AFTER: Final = re.compile(
    r"^\s*(?P<scale>mio\b\.?|millioner\b|million\b|mill\.|mia\b\.?|milliarder?\b|billion\b|"
    r"bn\b|mn\b)?(?:\s*(?P<currency>kr\b\.?|kroner\b|DKK\b))?",
    re.I,
)
_GLUED_SCALE: Final = re.compile(r"^(?P<scale>m|mn|bn|(?:mio|mia)\b\.?)(?![\w])", re.I)
_CURRENCY_BEFORE: Final = re.compile(r"(?<![\w])(?:DKK|kr\.?|kroner)\s*$", re.I)
_QUALIFIERS: Final[tuple[tuple[Qualifier, re.Pattern[str]], ...]] = (
    ("more", _tail(["mere end", "flere end", "over", "more than", "above", "over"])),
    ("at-least", _tail(["mindst", "at least", "ikke under"])),
    ("less", _tail(["færre end", "mindre end", "under", "less than", "fewer than", "below"])),
    ("at-most", _tail(["højst", "op til", "op mod", "at most", "up to"])),
    (
        "approx",
        _tail(
            [
                "ca.", "ca", "cirka", "omkring", "knap", "godt", "næsten", "tæt på", "små",
                "about", "around", "approximately", "approx.", "roughly", "nearly", "almost",
                "some", "close to", "just over", "just under", "cirka",
            ]
        ),
    ),
)  # fmt: skip
_MARKERS: Final[tuple[tuple[Marker, re.Pattern[str]], ...]] = (
    ("from", _tail(["fra", "from"])),
    ("to", _tail(["til", "to"])),
)
_DIFFERENCE_AFTER: Final = re.compile(
    r"^\s*(?:(?P<up>flere|mere|more)|(?P<down>færre|mindre|fewer|less))\b", re.I
)
_UNITS: Final[dict[str, tuple[str, ...]]] = {
    "persons": (
        "personer", "person", "ofre", "offer", "ofrene", "mennesker", "individer", "people",
        "persons", "individuals", "victims", "victim", "kvinder", "mænd", "børn", "piger",
        "drenge", "mindreårige", "voksne", "transkønnede", "women", "men", "children", "girls",
        "boys", "minors", "adults",
    ),
    "calls": (
        "opkald", "henvendelser", "henvendelse", "calls", "call", "inquiries", "enquiries",
        "contacts",
    ),
    "cases": (
        "sager", "sag", "anmeldelser", "anmeldelse", "politianmeldelser", "cases", "case",
        "reports",
    ),
    "assessments": ("udredninger", "udredning", "assessments", "assessment"),
    "counts": ("forhold", "counts"),
    "investigations": ("efterforskninger", "efterforskning", "investigations", "investigation"),
}  # fmt: skip
_UNIT_OF: Final = {word: unit for unit, words in _UNITS.items() for word in words}
_UNIT_AFTER: Final = re.compile(
    rf"^\s*(?:[^\W\d_]+\s+)?(?P<word>{_alternation(_UNIT_OF)})(?![\w])", re.I
)
_NEXT_WORD_UNIT: Final = re.compile(rf"^\s+(?:{_alternation(_UNIT_OF)})(?![\w])", re.I)
_BREAKDOWNS: Final[tuple[tuple[str, str, tuple[str, ...]], ...]] = (
    ("sex", "female", ("kvinder", "kvinde", "kvinderne", "piger", "pige", "women", "woman",
                       "girls", "girl", "female", "females")),
    ("sex", "male", ("mænd", "mand", "mændene", "drenge", "dreng", "men", "boys", "boy", "male",
                     "males")),
    ("sex", "transgender", ("transkønnede", "transkønnet", "transpersoner", "transgender")),
    ("age_group", "under_18", ("mindreårige", "mindreårig", "børn", "barn", "under 18",
                               "under 18 år", "minors", "minor", "children", "child",
                               "under the age of 18", "under 18 years")),
    ("age_group", "18_plus", ("voksne", "voksen", "over 18", "over 18 år", "18 år og derover",
                              "adults", "adult", "18 and over", "18 or over")),
    ("exploitation", "sexual", ("seksuel udnyttelse", "seksuelt udnyttet", "udnyttet seksuelt",
                                "prostitution", "sexual exploitation", "sexually exploited",
                                "sex trafficking")),
    ("exploitation", "forced_labour", ("tvangsarbejde", "forced labour", "forced labor",
                                       "labour trafficking", "labor trafficking")),
    ("exploitation", "criminal_activities", ("strafbare handlinger", "tvungen kriminalitet",
                                             "kriminalitet", "criminal activities",
                                             "forced criminality")),
    ("exploitation", "slavery_like", ("slaverilignende forhold", "slaverilignende",
                                      "slavery-like conditions", "slavery-like")),
)  # fmt: skip
_YEAR_LIKE: Final = re.compile(r"(?:19|20)\d\d|2100")
_FALSE_FRIENDS: Final[dict[Language, frozenset[str]]] = {
    "da": frozenset({"men"}),  # Danish "men" is "but"
    "en": frozenset(),
}


@lru_cache(maxsize=2)
def _breakdown_cue(language: Language) -> re.Pattern[str]:
    """Any word of :data:`_BREAKDOWNS`, except those that mean something else in the text's
    language."""
    words = (w for _, _, ws in _BREAKDOWNS for w in ws if w not in _FALSE_FRIENDS[language])
    return re.compile(rf"(?<![\w])(?P<cue>{_alternation(words)})(?![\w])", re.I)


_OTHER_BREAKDOWN_CUE: Final = re.compile(
    r"(?<![\w])(?:under|over)\s+(?!18\b)\d+\s*(?:år|years)|\b(?:nationalitet\w*|nationality|"
    r"statsborger\w*|citizens?|ukrainsk\w*|ukrainian\w*|rumænsk\w*|romanian\w*|nigeriansk\w*|"
    r"nigerian\w*|vietnames\w*|marokkansk\w*|moroccan\w*)",
    re.I,
)
_CHANGE_UP: Final = (
    "stigning", "stigningen", "steg", "steget", "stiger", "stigende", "øgning", "forøgelse",
    "øget", "øgede", "voksede", "vokset", "vækst", "increase", "increased", "increases",
    "rise", "rose", "risen", "rising", "grew", "grown", "growth", "up", "jump", "jumped",
    "higher", "højere", "flere", "more",
)  # fmt: skip
_CHANGE_DOWN: Final = (
    "fald", "faldet", "faldt", "falder", "faldende", "nedgang", "reduktion", "reduceret",
    "mindsket", "decrease", "decreased", "decline", "declined", "drop", "dropped", "fell",
    "fallen", "falling", "down", "reduction", "reduced", "lower", "lavere", "færre", "fewer",
)  # fmt: skip
_CHANGE_ANY: Final = ("ændring", "ændret", "change", "changed", "forskel", "difference")
_CHANGE_CUE: Final = re.compile(
    rf"(?<![\w])(?:(?P<up>{_alternation(_CHANGE_UP)})|(?P<down>{_alternation(_CHANGE_DOWN)})|"
    rf"(?P<any>{_alternation(_CHANGE_ANY)}))(?![\w])",
    re.I,
)
_SHARE_AFTER: Final = _head(["af", "of", "heraf", "blandt", "among"])
_RATIO_CUE: Final = re.compile(
    r"(?<![\w])(?:(?P<qualifier>mere end|over|mindst|næsten|knap|more than|at least|almost|"
    r"nearly)\s+)?(?P<word>fordoblet|fordoblede|fordobles|fordobling|tredoblet|tredoblede|"
    r"tredobling|firedoblet|firedoblede|halveret|halverede|halveres|halvering|doubled|doubling|"
    r"tripled|trebled|quadrupled|halved|halving)(?![\w])",
    re.I,
)
_RATIO_FACTORS: Final[dict[str, Decimal]] = {
    "fordob": Decimal(2), "doubl": Decimal(2), "tredob": Decimal(3), "tripl": Decimal(3),
    "trebl": Decimal(3), "firedob": Decimal(4), "quadrupl": Decimal(4), "halv": Decimal("0.5"),
}  # fmt: skip
_SUPERLATIVE: Final = re.compile(
    r"(?<![\w])(?:(?P<high>højeste|største|flest|highest|largest|most|biggest)|"
    r"(?P<low>laveste|mindste|færreste|lowest|smallest|fewest))(?![\w])",
    re.I,
)
_RECORD: Final = re.compile(
    r"(?<![\w])(?:nogensinde|hidtil|rekord\w*|ever|on record|record)(?![\w])", re.I
)
_PLAN_CUE: Final = re.compile(
    r"(?<![\w])(?:handlingsplan\w*|planen\w*|planens|action\s+plans?|the\s+plan|national\s+plan)"
    r"(?![\w])",
    re.I,
)
_SPENDING_CUE: Final = re.compile(
    r"(?<![\w])(?:brugt|anvendt|forbrugt|udbetalt|hvoraf|heraf|spent|used|paid|of which|"
    r"allokeret|fordelt|allocated)(?![\w])",
    re.I,
)
_PART_OF_YEAR: Final = re.compile(
    r"(?<![\w])(?:\d\.\s*kvartal|kvartal\w*|quarter\w*|halvår\w*|half-year\w*|first half|"
    r"second half|første halvdel|anden halvdel|Q[1-4])(?![\w])",
    re.I,
)
_CONJUNCTION: Final = re.compile(
    r"[,;:()]|(?<![\w])(?:og|men|mens|samt|mod|and|but|while|whereas|against|versus)(?![\w])",
    re.I,
)

# --------------------------------------------------------------------------------------------
# Quantities
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number a sentence writes, with what it is.

    ``value``: a year; a count; per cent (or points); kroner (``value / scale`` is the number as
    written, e.g. 118.2 for ``118,2 mio. kr.``). ``decimals``: digits written after the decimal
    sign. ``text`` is the number with its unit as written, at ``start:end`` in the original.
    ``qualifier``: *mere end*, *ca.*, … before it. ``role`` (years): how the year is used.
    ``marker`` (counts): *fra*/*from* or *til*/*to* before it. ``sign``: a written ``+``/``-``
    (per cent) or *flere*/*færre* after a count. ``unit``: the unit the noun after a count names.
    ``breakdown``: sex, age group or form of exploitation written right after a count.
    ``note``: why an ``other`` quantity is no count (``range``, ``factor``, ``breakdown``).
    """

    kind: QuantityKind
    text: str
    start: int
    end: int
    value: Decimal
    decimals: int = 0
    scale: int = 1
    qualifier: Qualifier = "exact"
    role: YearRole | None = None
    marker: Marker | None = None
    sign: int = 0
    unit: str | None = None
    unit_word: str | None = None
    breakdown: Breakdown = TOTAL
    note: str | None = None
    is_word: bool = False

    @property
    def written(self) -> Decimal:
        """The number as written, in its written scale (118.2 for 118,2 mio. kr.)."""
        return self.value / self.scale if self.scale != 1 else self.value

    @property
    def year(self) -> int:
        return int(self.value)


_DIGITS: Final = re.compile(
    r"(?<![\w.,])(?P<sign>[+\-−](?=\d))?(?P<num>\d+(?:(?:[.,]|[\u00a0\u202f](?=\d{3}(?!\d)))\d+)*)"
)


@dataclass(frozen=True, slots=True)
class _Token:
    start: int  # within the sentence
    end: int
    raw: str
    sign: str
    is_word: bool


def find_quantities(sentence: str, language: Language, offset: int = 0) -> list[Quantity]:
    """The quantities a sentence writes (counts, per cents, points, money, years, others), in
    order, with offsets (``offset`` is where the sentence starts in the original)."""
    found: list[Quantity] = []
    for token in _tokens(sentence, language)[:MAX_NUMBERS_PER_SENTENCE]:
        quantity = _classify(sentence, token, language, found)
        if quantity is not None:
            found.append(quantity)
    found = _inherit_breakdowns(sentence, found)
    return [replace(q, start=q.start + offset, end=q.end + offset) for q in found]


def _tokens(sentence: str, language: Language) -> list[_Token]:
    tokens = [
        _Token(m.start("num"), m.end(), m.group("num"), m.group("sign") or "", False)
        for m in _DIGITS.finditer(sentence)
    ]
    for m in _number_word_pattern(language).finditer(sentence):
        word = m.group("num")
        if word.lower() in _ARTICLE_LIKE and not _NEXT_WORD_UNIT.match(sentence[m.end() :]):
            continue  # "en stigning", "et fald", "one of": an article, not a number
        tokens.append(_Token(m.start(), m.end(), word, "", True))
    return sorted(tokens, key=lambda t: t.start)


def _classify(
    sentence: str, token: _Token, language: Language, earlier: list[Quantity]
) -> Quantity | None:
    before, after = sentence[: token.start - len(token.sign)], sentence[token.end :]
    if not token.is_word and _not_a_figure(token, before, after, language):
        return None
    year = _as_year(sentence, token, before, after, earlier)
    if year is not None:
        return year
    if _AGE_OR_DURATION.match(after) or (_AGE_GROUP_NUMBER.search(before) and token.raw == "18"):
        return None
    return _as_figure(sentence, token, language, before, after)


def _not_a_figure(token: _Token, before: str, after: str, language: Language) -> bool:
    """A reference (§ 262 a, nr. 2), an ordinal (4. juni), a day of a month, or digits glued
    to letters (CO2, 2020'erne)."""
    if re.match(r"^[^\W\d_]", after) and not _GLUED_SCALE.match(after):
        return True
    if re.match(r"^['’](?:erne|s\b|tallet)", after) or _REFERENCE_BEFORE.search(before):
        return True
    if language == "da" and re.match(r"^\.\s+[a-zæøå]", after):
        return True
    return bool(_MONTH_AFTER.match(after)) or (
        bool(_MONTH_BEFORE.search(before)) and not _is_year(token)
    )


def _is_year(token: _Token) -> bool:
    return (
        not token.is_word
        and not token.sign
        and token.raw.isdigit()
        and len(token.raw) == 4
        and MIN_YEAR <= int(token.raw) <= MAX_YEAR
    )


def _as_year(
    sentence: str, token: _Token, before: str, after: str, earlier: list[Quantity]
) -> Quantity | None:
    if not _is_year(token):
        return None
    role = _year_role(sentence, token, before, after, earlier)
    if role is None:
        return None
    return Quantity("year", token.raw, token.start, token.end, Decimal(token.raw), role=role)


def _year_role(
    sentence: str, token: _Token, before: str, after: str, earlier: list[Quantity]
) -> YearRole | None:
    """How a year-like number is used, or ``None`` when it does not stand in year position."""
    range_after = _RANGE_AFTER.match(after)
    if range_after and MIN_YEAR <= int(range_after.group(1)) <= MAX_YEAR:
        return "from"
    range_before = _RANGE_BEFORE.search(before)
    if range_before and MIN_YEAR <= int(range_before.group(1)) <= MAX_YEAR:
        return "to"
    if _MONTH_BEFORE.search(before) or re.search(r"\d{1,2}\.\s*$", before):
        return "date"
    for role, pattern in _YEAR_ROLES:
        if pattern.search(before):
            return role
    previous = earlier[-1] if earlier else None
    if (
        previous is not None
        and previous.kind == "year"
        and _AFTER_YEAR.search(before)
        and len(sentence[previous.end : token.start]) <= 12
    ):
        return "to" if previous.role == "from" else previous.role
    if not before.strip() or re.search(r"[(\[]\s*$", before) or re.match(r"^\s*[)\]]", after):
        return "point"
    return None


def _as_figure(
    sentence: str, token: _Token, language: Language, before: str, after: str
) -> Quantity | None:
    """A per cent, points, money, a range, a factor or a count."""
    start = token.start - len(token.sign)
    unit = _unit(sentence, token, language, before, after)
    if unit is None:
        return None
    kind, scale, convention, end, start, note = unit
    try:
        parsed = (
            ParsedNumber(Decimal(_word_value(token.raw, language)), 0)
            if token.is_word
            else parse_number(token.sign + token.raw, convention)
        )
        value = plain(parsed.value * scale)
    except (ValueError, InvalidOperation):  # InvalidOperation: 10**28 or more, no real figure
        return None
    text = sentence[start:end].rstrip()
    base = Quantity(
        kind, text, start, start + len(text), value, parsed.decimals, scale,
        _qualifier(sentence[:start]), sign=_sign(token.sign), note=note, is_word=token.is_word,
    )  # fmt: skip
    return _count_details(base, before, after, language) if kind == "count" else base


_Unit = tuple[QuantityKind, int, Language, int, int, "str | None"]


def _unit(
    sentence: str, token: _Token, language: Language, before: str, after: str
) -> _Unit | None:
    """What follows (or precedes) a number says what it is: (kind, scale, the convention its
    digits are read in, end, start, note)."""
    start = token.start - len(token.sign)
    percent = _PERCENT_AFTER.match(after)
    if percent:
        unit = percent.group("unit").lower()
        kind: QuantityKind = "points" if ("point" in unit or unit == "pp") else "percent"
        return kind, 1, _percent_convention(unit, language), token.end + percent.end(), start, None
    glued = None if token.is_word else _GLUED_SCALE.match(after)
    money = _MONEY_AFTER.match(after)
    scale_word = (glued.group("scale") if glued else money.group("scale") if money else None) or ""
    currency = None if glued or money is None else money.group("currency")
    currency_before = _CURRENCY_BEFORE.search(before)
    if glued or scale_word or currency or currency_before:
        end = token.end + (glued.end() if glued else money.end() if money else 0)
        if (
            scale_word
            and not (glued or currency or currency_before)
            and _UNIT_AFTER.match(sentence[end:])
        ):
            return "other", 1, language, token.end, start, "large-number"
        prefix = currency_before.group() if currency_before else ""
        convention = _money_convention(f"{scale_word} {currency or ''} {prefix}", language)
        if currency_before:
            start = currency_before.start()
        return "money", _scale(scale_word), convention, end, start, None
    if _NUMBER_RANGE_AFTER.match(after) or _NUMBER_RANGE_BEFORE.search(before):
        return "other", 1, language, token.end, start, "range"
    if _FACTOR_AFTER.match(after):
        return "other", 1, language, token.end, start, "factor"
    return "count", 1, language, token.end, start, None


def _percent_convention(unit: str, language: Language) -> Language:
    if unit.startswith(("pct", "procent")):
        return "da"
    if unit.startswith(("per", "percent")):
        return "en"
    return language


def _money_convention(words: str, language: Language) -> Language:
    lowered = words.lower()
    if re.search(r"\b(?:dkk|m|mn|bn|million|billion)\b", lowered):
        return "en"
    if re.search(r"\b(?:mio|mia|kr|kroner|millioner|milliard)", lowered):
        return "da"
    return language


def _scale(word: str) -> int:
    lowered = word.lower().rstrip(".")
    if lowered in ("mia", "milliard", "milliarder", "billion", "bn"):
        return 1_000_000_000
    if lowered:
        return 1_000_000
    return 1


def _sign(text: str) -> int:
    return {"+": 1, "-": -1, "−": -1}.get(text, 0)


def _qualifier(before: str) -> Qualifier:
    trimmed = _CURRENCY_BEFORE.sub("", before)
    for qualifier, pattern in _QUALIFIERS:
        if pattern.search(trimmed):
            return qualifier
    return "exact"


def _count_details(base: Quantity, before: str, after: str, language: Language) -> Quantity:
    difference = _DIFFERENCE_AFTER.match(after)
    unit = _UNIT_AFTER.match(after)
    breakdown, other = _breakdown_after(after, language)
    sign = base.sign
    if difference:
        sign = 1 if difference.group("up") else -1
    return replace(
        base,
        marker=_marker(before),
        sign=sign,
        unit=_UNIT_OF[unit.group("word").lower()] if unit else None,
        unit_word=unit.group("word") if unit else None,
        breakdown=breakdown,
        note="breakdown" if other else None,
    )


def _marker(before: str) -> Marker | None:
    trimmed = before
    for _, pattern in _QUALIFIERS:
        trimmed = pattern.sub("", trimmed)
    for marker, pattern in _MARKERS:
        if pattern.search(trimmed):
            return marker
    return None


def _breakdown_after(after: str, language: Language) -> tuple[Breakdown, bool]:
    """The breakdown written right after a count (up to a comma, a conjunction or another
    figure that is not a year; a cue that begins within the first eight words, so that *under
    18* counts when *under* is the eighth word), and whether a breakdown planwatch does not
    hold (another age band, a nationality) is written there."""
    window = re.split(r"[,;:.()]|\s(?:og|and|mens|while)\s", after, maxsplit=1)[0]
    word_starts = [m.start() for m in itertools.islice(re.finditer(r"\S+", window), 9)]
    limit = word_starts[8] if len(word_starts) > 8 else len(window)
    # Only what begins before the ninth word matters: reading the whole rest of the sentence
    # for every count made a sentence of many numbers quadratic.
    cue_pattern = _breakdown_cue(language)
    cues = list(itertools.takewhile(lambda m: m.start() < limit, cue_pattern.finditer(window)))
    digits = (
        m.start()
        for m in itertools.takewhile(lambda m: m.start() < limit, re.finditer(r"\d+", window))
        if not _inside(m.start(), cues) and not _YEAR_LIKE.fullmatch(m.group())
    )
    cut = min(limit, next(digits, limit))
    chosen: dict[str, str] = {}
    for match in (m for m in cues if m.start() < cut):
        cue = re.sub(r"\s+", " ", match.group("cue").lower())
        for dimension, code, words in _BREAKDOWNS:
            if cue in words and dimension not in chosen:
                chosen[dimension] = code
    other = bool(_OTHER_BREAKDOWN_CUE.search(window[:cut]))
    return (Breakdown(**chosen) if chosen else TOTAL), other


_COMPARED_WITH_BEFORE: Final = re.compile(
    r"(?<![\w])(?:mod|against|versus|compared\s+with|compared\s+to)\s+"
    r"(?:ca\.\s+|omkring\s+|about\s+)?$",
    re.I,
)


def _inherit_breakdowns(sentence: str, found: list[Quantity]) -> list[Quantity]:
    """A count compared with the count before it (*3 … under 18 år mod 6 i 2022*, *3 … under
    18, against 6 in 2022*) and naming no breakdown of its own is a count of the same part."""
    result: list[Quantity] = []
    for quantity in found:
        earlier = [q for q in result if q.kind != "year"]
        if (
            quantity.kind == "count"
            and quantity.breakdown == TOTAL
            and quantity.note is None
            and earlier
            and earlier[-1].kind == "count"
            and (earlier[-1].breakdown != TOTAL or earlier[-1].note == "breakdown")
            and _COMPARED_WITH_BEFORE.search(sentence[: quantity.start])
            and ";" not in sentence[earlier[-1].end : quantity.start]
        ):
            quantity = replace(quantity, breakdown=earlier[-1].breakdown, note=earlier[-1].note)
        result.append(quantity)
    return result


def _inside(position: int, matches: Sequence[re.Match[str]]) -> bool:
    return any(m.start() <= position < m.end() for m in matches)


# --------------------------------------------------------------------------------------------
# Terms (indicator names and synonyms are data; matching them is pure)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TermHit:
    """A term of an indicator found in a text, at ``start:end``."""

    code: str
    term: str
    start: int
    end: int

    def distance(self, start: int, end: int) -> int:
        """Characters between this hit and the span ``start:end`` (0 when they overlap)."""
        return max(0, self.start - end, start - self.end)


def normalise(text: str) -> str:
    """The text for matching, of the same length: typographic apostrophes and dashes plain,
    no-break spaces plain, lower case (``casefold`` would change lengths: ``ß``)."""
    table = str.maketrans({"’": "'", "‘": "'", "\u00a0": " ", "\u202f": " ", "–": "-", "—": "-"})
    lowered = text.translate(table)
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in lowered)


def _flexible(term: str) -> str:
    """A term as a pattern in which any run of white space matches any other."""
    return r"\s+".join(re.escape(part) for part in term.split())


@lru_cache(maxsize=32)
def _term_patterns(
    terms: tuple[tuple[str, str], ...],
) -> tuple[tuple[re.Pattern[str], str, str], ...]:
    ordered = sorted({(normalise(t).strip(), code) for code, t in terms if t.strip()},
                     key=lambda item: (-len(item[0]), item[0], item[1]))  # fmt: skip
    return tuple(
        (re.compile(r"(?<![\w])" + _flexible(term) + r"(?![\w])"), code, term)
        for term, code in ordered
    )


def find_terms(text: str, terms: Sequence[tuple[str, str]], offset: int = 0) -> list[TermHit]:
    """Where ``(code, term)`` pairs occur in ``text``: case-insensitive, whole words, the longest
    term first; a shorter term inside a longer one's match is not counted again."""
    lowered = normalise(text)
    hits: list[TermHit] = []
    for pattern, code, term in _term_patterns(tuple(terms)):
        for match in pattern.finditer(lowered):
            if any(h.start < match.end() and match.start() < h.end for h in hits):
                continue
            hits.append(TermHit(code, term, match.start(), match.end()))
    return sorted(
        (TermHit(h.code, h.term, h.start + offset, h.end + offset) for h in hits),
        key=lambda h: h.start,
    )


# --------------------------------------------------------------------------------------------
# Candidate claims
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Candidate:
    """A claim a sentence makes, before it is checked.

    ``text`` is the claim as written, at ``start:end`` in the original. ``stated``: the
    quantities it states. ``years``: the years it is about (a count: one; from-to, change,
    difference, ratio: the earlier and the later; highest/lowest-since: the since year and the
    year compared, or the since year alone with ``open_end``). ``open_end``: the later year is
    the latest year with a figure. ``years_from`` says where the years came from. ``direction``:
    +1 up, -1 down, 0 not said. ``factor``: 2 for *fordoblet*, 0.5 for *halveret*.
    ``anchor``: the span of its main figure, for finding the indicator nearest to it.
    ``note``: for ``other``, why it is not a claim of a known kind; else a caveat.
    """

    kind: ClaimKind
    sentence: Sentence
    start: int
    end: int
    stated: tuple[Quantity, ...] = ()
    years: tuple[int, ...] = ()
    open_end: bool = False
    years_from: YearsFrom = "sentence"
    direction: int = 0
    factor: Decimal | None = None
    qualifier: Qualifier = "exact"
    record: bool = False
    plan_years: tuple[int, int] | None = None
    plan_named: bool = False
    part_of_year: bool = False
    anchor: tuple[int, int] = (0, 0)
    note: str | None = None

    @property
    def text(self) -> str:
        return self.sentence.text[self.start - self.sentence.start : self.end - self.sentence.start]

    @property
    def breakdown(self) -> Breakdown:
        return self.stated[0].breakdown if self.stated else TOTAL


@dataclass(frozen=True, slots=True)
class _Context:
    sentence: Sentence
    quantities: list[Quantity]
    language: Language


def sentence_quantities(text: str, language: Language) -> list[tuple[Sentence, list[Quantity]]]:
    """Each sentence with the quantities it writes."""
    return [(s, find_quantities(s.text, language, s.start)) for s in split_sentences(text)]


def sentence_candidates(text: str, language: Language) -> list[tuple[Sentence, list[Candidate]]]:
    """Every sentence with its candidate claims (in order; possibly none)."""
    result: list[tuple[Sentence, list[Candidate]]] = []
    previous: _Context | None = None
    for sentence, quantities in sentence_quantities(text, language):
        context = _Context(sentence, quantities, language)
        found = sorted(_sentence_claims(context, previous), key=lambda c: (c.start, c.end))
        result.append((sentence, found))
        previous = context
    return result


def candidates(text: str, language: Language) -> list[Candidate]:
    """Every candidate claim in ``text``, sentence by sentence, in order of appearance."""
    return [c for _, found in sentence_candidates(text, language) for c in found]


def _sentence_claims(context: _Context, previous: _Context | None) -> list[Candidate]:
    sentence, quantities = context.sentence, context.quantities
    years = [q for q in quantities if q.kind == "year"]
    counts = [q for q in quantities if q.kind == "count"]
    part_of_year = bool(_PART_OF_YEAR.search(sentence.text))
    claims: list[Candidate] = []
    from_to, used = _from_to(context, counts, years)
    claims.extend(from_to)
    about_part = bool(
        _breakdown_cue(context.language).search(sentence.text)
        or _OTHER_BREAKDOWN_CUE.search(sentence.text)
    )
    unattached = about_part and all(c.breakdown == TOTAL and c.note is None for c in counts)
    for count in counts:
        if count in used:
            continue
        claim = _count_claim(context, count, years, previous, part_of_year)
        if unattached and claim.kind == "count" and claim.note is None:
            claim = replace(claim, note="breakdown-unclear")
        claims.append(claim)
    changes = [
        *_percent_claims(context, previous, part_of_year),
        *_ratio_claims(context, previous),
        *_extreme_claims(context, previous),
    ]
    claims.extend(
        replace(c, note="breakdown") if about_part and c.kind != "other" else c for c in changes
    )
    claims.extend(_money_claims(context, years))
    claims.extend(_other(context, q, q.note or "other") for q in quantities if q.kind == "other")
    return claims


def _span(sentence: Sentence, *parts: tuple[int, int]) -> tuple[int, int]:
    start = min(p[0] for p in parts)
    end = max(p[1] for p in parts)
    return _with_qualifier(sentence, max(start, sentence.start)), min(end, sentence.end)


def _with_qualifier(sentence: Sentence, start: int) -> int:
    """Where a claim starts when a qualifier (*ca.*, *mere end*, *about*) stands before it."""
    before = sentence.text[: start - sentence.start]
    for _, pattern in _QUALIFIERS:
        match = pattern.search(before)
        if match:
            return sentence.start + match.start()
    return start


def _other(context: _Context, quantity: Quantity, note: str) -> Candidate:
    start = _with_qualifier(context.sentence, quantity.start)
    return Candidate(
        "other", context.sentence, start, quantity.end, (quantity,),
        anchor=(quantity.start, quantity.end), note=note, years_from="none",
    )  # fmt: skip


def _from_to(
    context: _Context, counts: list[Quantity], years: list[Quantity]
) -> tuple[list[Candidate], set[Quantity]]:
    """*fra 73 i 2022 til 112 i 2023*, *from 182 in 2020 to 290 in 2023*, and *fra 2022 til
    2023 steg antallet fra 73 til 112*."""
    claims: list[Candidate] = []
    used: set[Quantity] = set()
    for index, first in enumerate(counts):
        if first.marker != "from" or first in used:
            continue
        second = next((c for c in counts[index + 1 :] if c.marker == "to"), None)
        if second is None:
            continue
        pair = _from_to_years(context, first, second, years)
        if pair is None:
            continue
        start, end = _span(
            context.sentence,
            (first.start, first.end),
            (second.start, second.end),
            *((y.start, y.end) for y in pair),
        )
        start = _extend_back(context.sentence, start, ("fra", "from"))
        claims.append(
            Candidate(
                "from-to",
                context.sentence,
                start,
                end,
                (first, second),
                (pair[0].year, pair[1].year),
                anchor=(first.start, second.end),
                part_of_year=bool(_PART_OF_YEAR.search(context.sentence.text)),
            )
        )
        used |= {first, second}
    return claims, used


def _from_to_years(
    context: _Context, first: Quantity, second: Quantity, years: list[Quantity]
) -> tuple[Quantity, Quantity] | None:
    after_first = _year_after(context, first, years)
    after_second = _year_after(context, second, years)
    if after_first is not None and after_second is not None and after_first != after_second:
        return after_first, after_second
    froms = [y for y in years if y.role == "from"]
    tos = [y for y in years if y.role == "to"]
    if froms and tos:
        return froms[0], tos[0]
    return None


def _extend_back(sentence: Sentence, start: int, words: tuple[str, ...]) -> int:
    before = sentence.text[: start - sentence.start]
    match = re.search(rf"(?<![\w])(?:{'|'.join(words)})\s+(?:\w+\s+){{0,2}}$", before, re.I)
    return sentence.start + match.start() if match else start


def _year_after(context: _Context, count: Quantity, years: list[Quantity]) -> Quantity | None:
    """The year right after a count (*73 personer i 2022*): the next figure is a point year,
    with at most eight words, no comma and no conjunction in between."""
    following = [q for q in context.quantities if q.start > count.start]
    if not following or following[0].kind != "year" or following[0].role not in ("point", "to"):
        return None
    year = following[0]
    between = context.sentence.text[
        count.end - context.sentence.start : year.start - context.sentence.start
    ]
    if _CONJUNCTION.search(between) or len(between.split()) > 8:
        return None
    return year if year in years else None


def _count_year(context: _Context, count: Quantity, years: list[Quantity]) -> Quantity | None:
    after = _year_after(context, count, years)
    if after is not None:
        return after
    points = [y for y in years if y.role in ("point",)]
    before = [y for y in points if y.end <= count.start]
    if before:
        return before[-1]
    return points[0] if len(points) == 1 else None


def _count_claim(
    context: _Context,
    count: Quantity,
    years: list[Quantity],
    previous: _Context | None,
    part_of_year: bool,
) -> Candidate:
    sentence = context.sentence
    if count.sign:
        return _difference_claim(context, count, previous)
    period = [y for y in years if y.role in ("from", "to")]
    year = _count_year(context, count, years)
    if year is None and len(period) >= 2:
        return _other(context, count, "period-total")
    note = count.note
    parts = [(count.start, _unit_end(sentence, count))]
    between = [] if year is None else _figures_between(context, year, count)
    if year is not None and not between:
        parts.append((year.start, year.end))
    start, end = _span(sentence, *parts)
    if year is not None and year.start < count.start and not between:
        start = _extend_back(sentence, start, ("i", "in", "for"))
    return Candidate(
        "count", sentence, start, end, (count,), (year.year,) if year else (),
        years_from="sentence" if year else "none", anchor=(count.start, count.end),
        part_of_year=part_of_year, note=note, qualifier=count.qualifier,
    )  # fmt: skip


def _figures_between(context: _Context, a: Quantity, b: Quantity) -> list[Quantity]:
    """The figures (not years) written between two quantities."""
    low, high = min(a.start, b.start), max(a.end, b.end)
    return [
        q
        for q in context.quantities
        if q.kind != "year" and low <= q.start < high and q is not a and q is not b
    ]


def _unit_end(sentence: Sentence, count: Quantity) -> int:
    """Where a count ends with the noun that names its unit (*112 personer*)."""
    if count.unit_word is None:
        return count.end
    rest = sentence.text[count.end - sentence.start :]
    match = _UNIT_AFTER.match(rest)
    return count.end + match.end() if match else count.end


def _difference_claim(context: _Context, count: Quantity, previous: _Context | None) -> Candidate:
    years, open_end, source = _pair(context, previous)
    return Candidate(
        "difference", context.sentence, count.start,
        _word_end(context.sentence, count.end), (count,), years, open_end, source,
        direction=count.sign, anchor=(count.start, count.end), qualifier=count.qualifier,
        part_of_year=bool(_PART_OF_YEAR.search(context.sentence.text)),
    )  # fmt: skip


def _word_end(sentence: Sentence, end: int) -> int:
    match = re.match(r"\s*[^\W\d_]+", sentence.text[end - sentence.start :])
    return end + match.end() if match else end


def _pair(context: _Context, previous: _Context | None) -> tuple[tuple[int, ...], bool, YearsFrom]:
    """The two years a change is between: from this sentence, else from the previous one
    (``years_from="previous"``), else none."""
    own = _years_between(context)
    start = _from_count_year(context)
    if own is not None and own[2] == "year-before" and own[0][1] == start:
        # "en stigning på 60 pct. fra 73 i 2022": 2022 is where the change starts, not where
        # it ends; it ends in the previous sentence's later year, else in the latest year.
        later = (
            []
            if previous is None
            else [q.year for q in previous.quantities if q.kind == "year" and q.year > start]
        )
        if later:
            return (start, max(later)), False, "previous"
        return (start,), True, "latest"
    if own is not None:
        return own
    linked = None if previous is None else _years_between(previous)
    if linked is not None:
        return linked[0], linked[1], "previous"
    return (), False, "none"


_FROM_COUNT_YEAR: Final = re.compile(
    r"\b(?:fra|from)\s+(?:ca\.\s+|about\s+)?\d[\d.,]*\s+(?:\w+\s+)?(?:i|in)\s+(\d{4})\b",
    re.IGNORECASE,
)


def _from_count_year(context: _Context) -> int | None:
    """The year of "fra 73 i 2022" / "from 73 in 2022": a count the change starts from."""
    match = _FROM_COUNT_YEAR.search(context.sentence.text)
    return int(match.group(1)) if match else None


def _years_between(context: _Context) -> tuple[tuple[int, ...], bool, YearsFrom] | None:
    """From-to years; a since/base year and the latest point year; a since year alone (to the
    latest year with a figure); two point years; one point year and the year before it. The
    since year of a highest/lowest phrase (*det højeste antal siden 2016*) is not one of them:
    it says how far back the extreme reaches, not where a change starts."""
    extreme = _superlative_since(context)
    since = extreme[1] if extreme else None
    years = [q for q in context.quantities if q.kind == "year" and q is not since]
    froms = [y.year for y in years if y.role == "from"]
    tos = [y.year for y in years if y.role == "to"]
    bases = [y.year for y in years if y.role in ("since", "base")]
    points = [y.year for y in years if y.role == "point"]
    if froms and tos:
        return (froms[0], tos[-1]), False, "sentence"
    if bases and (points or tos):
        return (bases[0], max(points + tos)), False, "sentence"
    if bases or froms:
        return ((bases + froms)[0],), True, "latest"
    if len(points) >= 2:
        return (min(points), max(points)), False, "sentence"
    if len(points) == 1:
        return (points[0] - 1, points[0]), False, "year-before"
    return None


def _percent_claims(
    context: _Context, previous: _Context | None, part_of_year: bool
) -> list[Candidate]:
    claims: list[Candidate] = []
    sentence = context.sentence
    percents = [q for q in context.quantities if q.kind in ("percent", "points")]
    for quantity in percents:
        if quantity.kind == "points":
            claims.append(_other(context, quantity, "percentage-points"))
            continue
        after = sentence.text[quantity.end - sentence.start :]
        if _SHARE_AFTER.match(after):
            claims.append(_other(context, quantity, "share"))
            continue
        cue = _change_cue(sentence, quantity, percents)
        if cue is None and not quantity.sign:
            claims.append(_other(context, quantity, "percent"))
            continue
        direction = quantity.sign or (cue[2] if cue else 0)
        years, open_end, source = _pair(context, previous)
        parts = [(quantity.start, quantity.end)] + ([(cue[0], cue[1])] if cue else [])
        start, end = _span(sentence, *parts)
        start = _extend_back(sentence, start, ("en", "et", "an", "a"))
        claims.append(
            Candidate(
                "change",
                sentence,
                start,
                end,
                (quantity,),
                years,
                open_end,
                source,
                direction=direction,
                qualifier=quantity.qualifier,
                part_of_year=part_of_year,
                anchor=(quantity.start, quantity.end),
            )
        )
    return claims


def _change_cue(
    sentence: Sentence, quantity: Quantity, percents: list[Quantity]
) -> tuple[int, int, int] | None:
    """The change word nearest a per cent (within six words, no other per cent between):
    its span and direction."""
    best: tuple[int, int, int] | None = None
    best_distance = 10**9
    for match in _CHANGE_CUE.finditer(sentence.text):
        start, end = match.start() + sentence.start, match.end() + sentence.start
        if (
            match.group("up")
            and match.group("up").lower() == "up"
            and re.match(r"\s+to\b", sentence.text[match.end() :], re.I)
        ):
            continue  # "up to 35 %" is a ceiling, not a rise
        if re.match(r"\s+(?:end|than)\b", sentence.text[match.end() :], re.I):
            continue  # "flere end", "more than": a qualifier, not a change
        lo, hi = (end, quantity.start) if end <= quantity.start else (quantity.end, start)
        gap = sentence.text[lo - sentence.start : hi - sentence.start]
        if len(gap.split()) > 6 or any(lo <= p.start < hi for p in percents if p is not quantity):
            continue
        distance = hi - lo
        if distance < best_distance:
            direction = 1 if match.group("up") else -1 if match.group("down") else 0
            best, best_distance = (start, end, direction), distance
    return best


def _ratio_claims(context: _Context, previous: _Context | None) -> list[Candidate]:
    claims: list[Candidate] = []
    sentence = context.sentence
    for match in _RATIO_CUE.finditer(sentence.text):
        word = match.group("word").lower()
        factor = next(v for k, v in _RATIO_FACTORS.items() if word.startswith(k))
        qualifier = _ratio_qualifier(match.group("qualifier"))
        years, open_end, source = _pair(context, previous)
        start, end = match.start() + sentence.start, match.end() + sentence.start
        named = [
            q
            for q in context.quantities
            if q.kind == "year" and q.role in ("since", "from", "to") and q.start > start
        ]
        if named:
            end = max(end, *(q.end for q in named[:2]))
        claims.append(
            Candidate(
                "ratio",
                sentence,
                start,
                end,
                (),
                years,
                open_end,
                source,
                direction=1 if factor > 1 else -1,
                factor=factor,
                qualifier=qualifier,
                anchor=(start, end),
            )
        )
    return claims


def _ratio_qualifier(text: str | None) -> Qualifier:
    if text is None:
        return "exact"
    lowered = text.lower()
    if lowered in ("mere end", "over", "more than"):
        return "more"
    if lowered in ("mindst", "at least"):
        return "at-least"
    return "approx"


def _superlative_since(context: _Context) -> tuple[re.Match[str], Quantity | None] | None:
    """The first superlative of a sentence (*højeste*, *lowest* …) and the since year after it
    (*siden 2016*), if any."""
    sentence = context.sentence
    superlative = _SUPERLATIVE.search(sentence.text)
    if superlative is None:
        return None
    start = superlative.start() + sentence.start
    since = next(
        (
            q
            for q in context.quantities
            if q.kind == "year" and q.role == "since" and q.start > start
        ),
        None,
    )
    return superlative, since


def _extreme_claims(context: _Context, previous: _Context | None) -> list[Candidate]:
    """*Det højeste antal siden 2016*: the year compared is the last point year of the
    sentence, else the later year the previous sentence of the same paragraph is about (by the
    rules of :func:`_years_between`; ``years_from="previous"``), else the latest year with a
    figure."""
    sentence = context.sentence
    found = _superlative_since(context)
    if found is None:
        return []
    superlative, since = found
    kind: ClaimKind = "highest-since" if superlative.group("high") else "lowest-since"
    start = superlative.start() + sentence.start
    years = [q for q in context.quantities if q.kind == "year"]
    record = _RECORD.search(sentence.text, superlative.end())
    if since is None and record is None:
        return []
    points = [y.year for y in years if y.role == "point"]
    compared: tuple[int, ...] = (points[-1],) if points else ()
    years_from: YearsFrom = "sentence" if compared else "latest"
    same_paragraph = previous is not None and previous.sentence.paragraph == sentence.paragraph
    linked = _years_between(previous) if previous and same_paragraph and not compared else None
    if linked is not None and not linked[1] and (since is None or max(linked[0]) > since.year):
        compared, years_from = (max(linked[0]),), "previous"
    end = since.end if since else record.end() + sentence.start if record else start
    return [
        Candidate(
            kind,
            sentence,
            start,
            end,
            (),
            ((since.year,) if since else ()) + compared,
            open_end=not compared,
            years_from=years_from,
            record=since is None,
            anchor=(start, end),
        )
    ]


def _money_claims(context: _Context, years: list[Quantity]) -> list[Candidate]:
    sentence = context.sentence
    plan_named = bool(_PLAN_CUE.search(sentence.text))
    froms = [y for y in years if y.role == "from"]
    tos = [y for y in years if y.role == "to"]
    plan_years = (froms[0].year, tos[0].year) if froms and tos else None
    claims: list[Candidate] = []
    for quantity in (q for q in context.quantities if q.kind == "money"):
        around = sentence.text[
            max(0, quantity.start - sentence.start - 30) : quantity.end - sentence.start + 30
        ]
        if _SPENDING_CUE.search(around):
            claims.append(_other(context, quantity, "spending"))
        elif plan_named or plan_years:
            claims.append(
                Candidate(
                    "budget",
                    sentence,
                    _with_qualifier(sentence, quantity.start),
                    quantity.end,
                    (quantity,),
                    plan_years or (),
                    anchor=(quantity.start, quantity.end),
                    qualifier=quantity.qualifier,
                    plan_years=plan_years,
                    plan_named=plan_named,
                )
            )
        else:
            claims.append(_other(context, quantity, "money"))
    return claims


def breakdown_label(breakdown: Breakdown) -> str:
    """``sex=female exploitation=sexual``; empty for the total."""
    return " ".join(
        f"{name}={getattr(breakdown, name)}"
        for name in ("sex", "age_group", "exploitation")
        if getattr(breakdown, name) != ALL
    )

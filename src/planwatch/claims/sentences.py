"""A text's language, and its sentences and paragraphs with offsets into the text
(docs/claims.md, "Language" and "Sentences")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from planwatch.claims import cues
from planwatch.formatting import Language

_DA_WORDS: Final = cues.word_set(
    "og i af er det til på med som der en et blev har for ikke at de den om var fra siden "
    "mod flere antallet personer ofre menneskehandel stigning også år kr mio pct"
)
_EN_WORDS: Final = cues.word_set(
    "the and of in is was were to with from that for has have been this by as are since "
    "number people victims trafficking increase also year per cent million"
)


SENTENCE_LANGUAGE_MARGIN: Final = 2
"""A sentence is read in the other language than its text's only when that language's common
words outnumber the text language's by at least this many (docs/claims.md, "Language")."""


def _scores(text: str) -> tuple[int, int]:
    words = re.findall(r"[^\W\d_]+", text.lower())
    danish = sum(word in _DA_WORDS for word in words) + 2 * len(re.findall(r"[æøå]", text.lower()))
    english = sum(word in _EN_WORDS for word in words)
    return danish, english


def detect_language(text: str) -> Language:
    """Danish or English, by common words (and æ, ø, å); Danish when undecided."""
    danish, english = _scores(text)
    return "en" if english > danish else "da"


def sentence_language(text: str, default: Language) -> Language:
    """The language one sentence is written in: the other language than the text's
    (``default``) only when its common words clearly say so (a Danish memo quoting an English
    report), else the text's."""
    danish, english = _scores(text)
    if default == "da" and english - danish >= SENTENCE_LANGUAGE_MARGIN:
        return "en"
    if default == "en" and danish - english >= SENTENCE_LANGUAGE_MARGIN:
        return "da"
    return default


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
_NEVER_END: Final = cues.word_set(
    "ca cirka mio mia mill nr stk jf pkt evt inkl ekskl ift vedr dvs bl.a f.eks m.fl m.m "
    "mr mrs ms dr e.g i.e approx no vs hhv kap alm ang bl mht iflg ifølge el kl"
)


_NOT_BEFORE_A_YEAR: Final = frozenset({"kvt"})
"""Abbreviations that end a sentence before a capital but not before a number (*1. kvt. 2025*)."""


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
    if before in _NOT_BEFORE_A_YEAR and first.isdigit():
        return False  # "1. kvt. 2025": the quarter's year follows
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

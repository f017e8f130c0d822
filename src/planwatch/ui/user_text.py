"""Text a user typed, shown as text (issue 16).

Streamlit renders Markdown (with GitHub's extensions, math, emoji shortcodes and coloured
``:red[...]`` directives) in ``st.markdown``, ``st.caption``, ``st.info``/``warning``/``error``/
``success``, headings, expander and widget labels. A correction reason, a review comment, a
file name or a user's name put there as it was typed became a link, a remote image (which told
an outside server who read the page) or a formula. :func:`user_text` makes any such value plain
text in Markdown: the characters that begin inline markup are backslash-escaped (CommonMark
shows an escaped punctuation character as itself), so no link, image, emphasis, code, HTML,
autolink (``http:``, ``www.``, ``a@b``), strikethrough, math, shortcode or directive can begin;
so is a first character that could begin a heading, list, quote or rule; an invisible word
joiner (U+2060) breaks what is found after parsing (``http:``, ``www.``, ``a@b``, ``:smile:``:
escapes no longer count there), after a colon only where a word follows it; line breaks become
spaces (a value stays inside the sentence around it, and no block can start), and other
control characters are written as escapes. Full stops, commas, hyphens and quotes elsewhere
and parentheses (a link's target only follows an unescaped ``]``) are left as they are: they
begin nothing inside a line. Every page puts each text a user typed
through it before it goes into a Markdown string; tables (``st.dataframe``) show cells as plain
text already and take the value as it is.
"""

from __future__ import annotations

import re
from typing import Final

_INLINE: Final = re.compile(r"""([\\`*_\[\]<>!~$:@|{}#+&^=])""")
# GitHub's autolinks (``http://``, ``www.``, ``a@b.dk``) and emoji shortcodes (``:smile:``) are
# found in the text after Markdown is parsed, when escapes are gone: an invisible word joiner
# after every colon, before every at sign and after "www" keeps them from matching.
_JOINER: Final = "\u2060"
# Only a colon with something right after it can begin a scheme (``http://``) or a shortcode
# (``:smile:``): "Prøvekørsel: 6 nye" is left as it reads.
_COLON_BEFORE_WORD: Final = re.compile(r":(?=\S)")
_WWW: Final = re.compile(r"(?<=[Ww]{3})(?=\.)")
_PUNCTUATION: Final = re.compile(r"""[!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~]""")
_LINE_BREAKS: Final = re.compile("(?:\r\n|[\r\n\u2028\u2029\x85])+")
_CONTROL: Final = re.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069]")


def _control(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\\\x{code:02x}" if code < 0x100 else f"\\\\u{code:04x}"


def user_text(value: object) -> str:
    """``value`` (a name, a file name, a comment, a reason) as Markdown that shows exactly its
    characters, on one line."""
    text = _LINE_BREAKS.sub(" ", str(value)).replace("\t", " ")
    # "- x", "1. x", "> x" begin a block only at the start of the text.
    lead = ""
    if _PUNCTUATION.match(text) and not _INLINE.match(text):
        lead, text = "\\" + text[0], text[1:]
    elif number := re.match(r"\d+(?=[.)])", text):
        lead, text = number.group() + "\\" + text[number.end()], text[number.end() + 1 :]
    text = _INLINE.sub(r"\\\1", _WWW.sub(_JOINER, text))
    text = _COLON_BEFORE_WORD.sub(":" + _JOINER, text).replace("\\@", _JOINER + "\\@")
    return lead + _CONTROL.sub(_control, text)

"""Bytes to text, in the encodings Danish offices write: one decoder for uploads and claims.

Danish Excel saves "CSV UTF-8" with a byte order mark and "CSV (semikolonsepareret)" in
Windows-1252; Notepad and Word save UTF-8 with or without the mark. :func:`decode_text` reads
those three and refuses the rest with :class:`TextNotDecoded`, whose ``reason`` says why, so that
each caller can word the refusal for what it reads (an upload's CSV file, a claim's document).
Checks a caller wants before decoding (a PDF, an image) are the caller's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from planwatch.errors import PlanwatchError
from planwatch.uploads.problems import phrase

Encoding = Literal["utf-8-sig", "utf-8", "cp1252"]
Reason = Literal["utf-16", "binary", "unknown-encoding"]

UTF8_BOM: Final = b"\xef\xbb\xbf"
UTF16_BOMS: Final = (b"\xff\xfe", b"\xfe\xff")  # little and big endian (and so UTF-32-LE)


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str  # as decoded: byte order mark removed, line breaks as written
    encoding: Encoding


class TextNotDecoded(PlanwatchError):
    """Bytes that are not text in an encoding planwatch reads.

    ``reason`` is ``"utf-16"`` (a UTF-16 byte order mark: Excel's "Unicode Text"), ``"binary"``
    (a NUL byte, which no text in the three encodings has) or ``"unknown-encoding"`` (neither
    valid UTF-8 nor Windows-1252; a file that starts with a UTF-8 byte order mark must be valid
    UTF-8). ``detail`` is the decoder's own technical message, or "" when there is none.
    """

    code = "text-not-decoded"

    def __init__(self, reason: Reason, detail: str = "") -> None:
        wording = phrase(f"text/{reason}")
        super().__init__(wording.da, wording.en)
        self.reason: Reason = reason
        self.detail = detail


def decode_text(data: bytes) -> DecodedText:
    """Decode as Danish Excel and Windows editors write text: UTF-8 with a byte order mark, plain
    UTF-8, or Windows-1252. Valid UTF-8 is tried before Windows-1252 because text in
    Windows-1252 with any letter beyond ASCII is almost never valid UTF-8.

    Raises:
        TextNotDecoded: for UTF-16, for bytes with a NUL, and for bytes in no encoding read.
    """
    if data.startswith(UTF16_BOMS):
        raise TextNotDecoded("utf-16")
    if b"\x00" in data:
        raise TextNotDecoded("binary")
    if data.startswith(UTF8_BOM):
        try:
            return DecodedText(data.decode("utf-8-sig"), "utf-8-sig")
        except UnicodeDecodeError as error:
            raise TextNotDecoded("unknown-encoding", str(error)) from None
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return DecodedText(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError as error:
        raise TextNotDecoded("unknown-encoding", str(error)) from None

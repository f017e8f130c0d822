"""planwatch.uploads.text_decoding: one decoder for uploaded CSV and claim documents alike."""

from __future__ import annotations

import pytest

from planwatch.errors import PlanwatchError
from planwatch.uploads.text_decoding import DecodedText, TextNotDecoded, decode_text

DANISH = "Beløb;År;Kærlighed\r\nÆble;Øl;å – €\r\n"


def not_decoded(data: bytes) -> TextNotDecoded:
    with pytest.raises(TextNotDecoded) as caught:
        decode_text(data)
    error = caught.value
    assert isinstance(error, PlanwatchError)
    assert error.message_da.strip() and error.message_en.strip()
    assert error.message_da != error.message_en
    return error


def test_utf8_with_a_byte_order_mark_loses_the_mark() -> None:
    assert decode_text(b"\xef\xbb\xbf" + DANISH.encode()) == DecodedText(DANISH, "utf-8-sig")


def test_utf8_without_a_mark() -> None:
    assert decode_text(DANISH.encode()) == DecodedText(DANISH, "utf-8")


def test_windows_1252_keeps_æøå_and_the_euro_sign() -> None:
    assert decode_text(DANISH.encode("cp1252")) == DecodedText(DANISH, "cp1252")


def test_plain_ascii_is_utf8() -> None:
    assert decode_text(b"a;b\n1;2\n").encoding == "utf-8"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_refused_by_its_byte_order_mark(encoding: str) -> None:
    data = DANISH.encode(encoding)
    if encoding != "utf-16":  # Python writes the mark only for plain "utf-16"
        data = "\ufeff".encode(encoding) + data

    error = not_decoded(data)

    assert error.reason == "utf-16"
    assert "UTF-16" in error.message_en


def test_a_nul_byte_is_binary() -> None:
    assert not_decoded(b"Indikator;V\x00rdi\r\n").reason == "binary"


def test_a_byte_order_mark_before_invalid_utf8_is_no_known_encoding() -> None:
    error = not_decoded(b"\xef\xbb\xbf" + DANISH.encode("cp1252"))

    assert error.reason == "unknown-encoding"
    assert "utf-8" in error.detail


def test_bytes_windows_1252_does_not_define_are_no_known_encoding() -> None:
    # 0x81 and 0x8D are neither UTF-8 nor Windows-1252 (old DOS code page 850 has Ü and ì there).
    error = not_decoded(b"Indikator;V\x91rdi\r\n\x81\x8d;1\r\n")

    assert error.reason == "unknown-encoding"
    assert "charmap" in error.detail
    assert "Windows-1252" in error.message_en

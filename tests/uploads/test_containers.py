"""planwatch.uploads.containers: one zip-bomb guard for every zip container (xlsx, docx).

The guard is tested here as a unit, with limits given as parameters as the claims package gives
its own for .docx; test_xlsx_files.py sees it through whole workbooks.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from planwatch.errors import PlanwatchError
from planwatch.uploads.containers import (
    ContainerTooLarge,
    ZipLimits,
    check_directory,
    open_container,
    xml_chunks,
)
from tests.fuzz_strategies import build_zip, zip_with_bomb

MIB = 1024 * 1024


def too_large(data: bytes, limits: ZipLimits) -> ContainerTooLarge:
    with pytest.raises(ContainerTooLarge) as caught, open_container(data, limits):
        pass
    error = caught.value
    assert isinstance(error, PlanwatchError)
    assert error.code == "archive-too-large"
    assert f"({error.detail.da})" in error.message_da
    assert f"({error.detail.en})" in error.message_en
    return error


def test_an_ordinary_container_opens_and_its_parts_read_back_whole() -> None:
    parts = {"word/document.xml": b"<w:document>" + b"<w:p>tekst</w:p>" * 50 + b"</w:document>"}
    with (
        open_container(build_zip(parts), ZipLimits()) as archive,
        archive.open("word/document.xml") as stream,
    ):
        chunks = list(xml_chunks(stream, chunk_bytes=100))
    assert b"".join(chunks) == parts["word/document.xml"]
    assert all(chunk.startswith(b"<") for chunk in chunks)  # no tag is cut in two
    assert len(chunks) > 1


def test_too_many_entries_are_refused_from_the_directory() -> None:
    data = build_zip({f"part{number}.xml": b"<a/>" for number in range(11)})

    error = too_large(data, ZipLimits(max_entries=10))

    assert error.detail.da == "11 dele, højst 10"
    assert error.detail.en == "11 parts, at most 10"


def test_too_much_unpacked_in_all_is_refused_before_anything_is_inflated() -> None:
    data = zip_with_bomb({"a.xml": b"<a/>"}, "big.xml", b"\0", 3 * MIB)

    error = too_large(data, ZipLimits(max_unpacked_bytes=2 * MIB, max_ratio=10**9))

    # 3 MB and 4 bytes: rounded up, so that it never shows the same figure as the limit.
    assert error.detail.da == "3,1 MB udpakket, højst 2,0 MB"
    assert error.detail.en == "3.1 MB unpacked, at most 2.0 MB"


def test_a_ratio_bomb_is_refused_by_its_part_name() -> None:
    data = zip_with_bomb({}, "word/document.xml", b"<w:p/>", 20 * MIB)
    assert len(data) < 100_000

    error = too_large(data, ZipLimits(max_ratio=100))

    assert "»word/document.xml«" in error.detail.da
    assert "'word/document.xml'" in error.detail.en
    assert "at most 100 times" in error.detail.en


def test_small_parts_are_not_judged_by_their_ratio() -> None:
    # 60 kB of spaces compress about 600:1, but so little can do no harm when unpacked.
    infos = zipfile.ZipFile(io.BytesIO(build_zip({"custom.xml": b" " * 60_000}))).infolist()

    check_directory(infos, ZipLimits(max_ratio=100))
    with pytest.raises(ContainerTooLarge):
        check_directory(infos, ZipLimits(max_ratio=100, ratio_min_bytes=1024))


def test_a_part_lying_about_its_size_is_read_no_further_than_it_claims() -> None:
    # The directory says 1 kB; the deflate stream holds 50 MB. The directory passes, and reading
    # stops at the declared size with a failed checksum instead of inflating 50 MB.
    data = zip_with_bomb({}, "word/document.xml", b"<w:p/>", 50 * MIB, lie=True)
    sizes: list[int] = []
    with (
        open_container(data, ZipLimits()) as archive,
        archive.open("word/document.xml") as stream,
        pytest.raises(zipfile.BadZipFile),
    ):
        sizes.extend(len(chunk) for chunk in xml_chunks(stream))
    assert sum(sizes) <= 1024

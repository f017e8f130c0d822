"""Zip containers (xlsx workbooks, docx documents) measured before anything unpacks them.

An Office file is a zip of XML parts, and a zip can claim anything: hundreds of thousands of
entries, gigabytes unpacked from a few kilobytes, a part that inflates to far more than the
directory says. :func:`open_container` refuses the first two from the central directory alone,
before a byte is decompressed; :func:`xml_chunks` then reads a part in bounded chunks, so that a
part lying about its size costs at most its declared size before zipfile fails its checksum.
What the parts may contain (cells, paragraphs) is the caller's to count on the way.

The guard raises :class:`ContainerTooLarge`, whose ``detail`` says in both languages what was
too large; each caller words its own refusal around it (an upload: "save it again as .xlsx").
"""

from __future__ import annotations

import io
import math
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Final

from planwatch.errors import PlanwatchError
from planwatch.uploads.problems import Wording, megabytes, phrase

ZIP_MAGICS: Final = (b"PK\x03\x04", b"PK\x05\x06")  # a zip's first bytes (the second: empty)
CHUNK_BYTES: Final = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ZipLimits:
    """How far a zip container may unpack before it is refused as a zip bomb."""

    # A real xlsx or docx has a few dozen parts; hundreds of thousands of tiny entries only
    # cost memory.
    max_entries: int = 10_000
    max_unpacked_bytes: int = 200 * 1024 * 1024  # all parts together, as the directory says
    max_ratio: int = 100  # unpacked / packed size of one part
    # Parts smaller than this are not checked for their ratio: a few kilobytes of repetitive
    # XML can compress 200:1 in an ordinary workbook and can do no harm when unpacked.
    ratio_min_bytes: int = 64 * 1024


class ContainerTooLarge(PlanwatchError):
    """A zip container whose directory says it unpacks to far more than any document does."""

    code = "archive-too-large"

    def __init__(self, detail: Wording) -> None:
        wording = phrase("container-too-large", detail=detail)
        super().__init__(wording.da, wording.en)
        self.detail = detail  # what was too large: "12.000 dele, højst 10.000" / "12,000 parts..."


def check_directory(infos: Sequence[zipfile.ZipInfo], limits: ZipLimits) -> None:
    """Refuse a zip bomb from its central directory: entries, total size, then each part's ratio.

    Raises:
        ContainerTooLarge: for the first limit the directory breaks.
    """
    if len(infos) > limits.max_entries:
        raise ContainerTooLarge(
            phrase("archive/entries", count=len(infos), limit=limits.max_entries)
        )
    total = sum(info.file_size for info in infos)
    if total > limits.max_unpacked_bytes:
        size = megabytes(total, round_up=True)
        limit = megabytes(limits.max_unpacked_bytes, round_up=False)
        raise ContainerTooLarge(phrase("archive/unpacked", size=size, limit=limit))
    for info in infos:
        if info.file_size < limits.ratio_min_bytes:
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > limits.max_ratio:
            raise ContainerTooLarge(
                phrase(
                    "archive/ratio",
                    part=info.filename,
                    ratio=math.ceil(ratio),
                    limit=limits.max_ratio,
                )
            )


@contextmanager
def open_container(data: bytes, limits: ZipLimits) -> Iterator[zipfile.ZipFile]:
    """The zip in ``data``, opened once its directory has passed :func:`check_directory`.

    Raises:
        ContainerTooLarge: as check_directory.
        zipfile.BadZipFile: (and other parser errors) for bytes that are not a readable zip.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        check_directory(archive.infolist(), limits)
        yield archive


def xml_chunks(stream: IO[bytes], chunk_bytes: int = CHUNK_BYTES) -> Iterator[bytes]:
    """A part's unpacked bytes (``archive.open(info)``) in chunks of about ``chunk_bytes``, each
    cut just before a ``<`` so that no tag is split in two and a pattern can count tags per chunk.

    Reading in bounded chunks is the guard against a part that lies about its size: zipfile
    stops at the size the directory declares and then fails the checksum (BadZipFile), whereas
    one ``read()`` of the whole part would first inflate everything it holds. Read to the end, a
    part has had its CRC checked.
    """
    pending = b""
    while chunk := stream.read(chunk_bytes):
        buffer = pending + chunk
        cut = buffer.rfind(b"<")
        if cut <= 0 or len(buffer) - cut > chunk_bytes:
            cut = len(buffer)
        yield buffer[:cut]
        pending = buffer[cut:]
    if pending:
        yield pending

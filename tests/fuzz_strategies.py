"""Fuzzing of malformed input (issue 8): the bounded harness and the input generators.

Every fuzz target calls the code under test through :func:`bounded`, which allows exactly two
outcomes, a result or a :class:`~planwatch.errors.PlanwatchError` (a refusal the user can read),
and fails the example for anything else: another exception, a call that takes longer than
:data:`SECONDS`, or one that lifts the process's peak resident size by more than
:data:`RSS_RISE_MB` (``getrusage``: it sees what calamine's Rust and lxml's C code allocate,
which ``tracemalloc`` does not, and costs nothing per allocation). The bounds and
why they are what they are: docs/fuzzing.md.

Example counts come from the environment, so that the default test run stays small and fixed
while ``make fuzz`` runs more than 10,000 inputs with random seeds:

* ``PLANWATCH_FUZZ_EXAMPLES``: examples per target of weight 1 (default 100); each target has a
  weight (a slow one, such as a claim check against the database, runs fewer).
* ``PLANWATCH_FUZZ_RANDOM=1``: random seeds and the example database (default: derandomized, so
  that CI sees the same inputs on every run).
* ``PLANWATCH_FUZZ_MIN_TOTAL``: when this module is loaded as a pytest plugin (``-p
  tests.fuzz_strategies``, as ``make fuzz`` does), the run prints how many inputs each target
  ran and fails if the total is below this number.
"""

from __future__ import annotations

import faulthandler
import io
import os
import resource
import signal
import sys
import time
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from types import FrameType
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from planwatch.errors import PlanwatchError

T = TypeVar("T")

# --------------------------------------------------------------------------------------------
# Bounds
# --------------------------------------------------------------------------------------------

# Every generated input is at most about a megabyte (zip bombs: a few hundred kilobytes that
# claim up to 300 MB). The readers answer such inputs in milliseconds and a claim check in well
# under a second, so five seconds is a hang, not a slow machine.
SECONDS = 5.0
# A hang inside native code (calamine, lxml) never returns to Python, where the alarm is raised;
# past this many seconds faulthandler prints every thread's stack and ends the process.
HARD_SECONDS = 120
# How far one input may lift the process's peak resident size (native memory included). The
# readers stream zip parts in 1 MB chunks and refuse a bomb from its central directory, so no
# input should come near this. The peak never falls, so a spike smaller than an earlier peak is
# not seen; the ceiling below catches a slow climb.
RSS_RISE_MB = 256
# How far the peak may rise in the whole run: the caches of a 20-minute run (DuckDB's buffers,
# Hypothesis's examples, parsed modules) take about 300 MB of it.
RSS_CEILING_MB = 1024


class Hang(BaseException):
    """Raised by the alarm into the code under test. A BaseException, so that ordinary
    ``except Exception`` handlers let it through; the readers turn even BaseException into a
    refusal, so :func:`bounded` also remembers that the alarm fired."""


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


_RSS_START: float = 0.0  # peak resident size (MB) when the first fuzz input ran
INPUTS: Counter[str] = Counter()  # inputs run per target, for the dedicated run's summary
OUTCOMES: Counter[str] = Counter()  # "target: result" / "target: <error code>"


def bounded(
    target: str,
    call: Callable[[], T],
    *,
    allowed: tuple[type[BaseException], ...] = (PlanwatchError,),
    seconds: float = SECONDS,
) -> T | BaseException:
    """Run ``call`` within the bounds; return its result or the allowed exception it raised.

    Fails the example (AssertionError) for any other exception, a hang or a memory peak above
    the bounds. ``target`` names the fuzz target in the counts.
    """
    global _RSS_START
    rss_before = _peak_rss_mb()
    if not _RSS_START:
        _RSS_START = rss_before
    error: BaseException | None = None
    result: T | None = None
    armed, fired = [True], [False]

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        if armed[0]:  # a signal already on its way when the call ended must not escape
            fired[0] = True
            raise Hang(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    # Fires again every half second, in case the code under test swallowed the first one.
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.5)
    faulthandler.dump_traceback_later(HARD_SECONDS, exit=True)
    started = time.perf_counter()
    try:
        try:
            result = call()
        except KeyboardInterrupt:
            raise
        except BaseException as caught:  # judged below, with the alarm off
            error = caught
        finally:
            armed[0] = False
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        faulthandler.cancel_dump_traceback_later()
    elapsed = time.perf_counter() - started
    rss_after = _peak_rss_mb()
    INPUTS[target] += 1
    if fired[0] or isinstance(error, Hang):
        raise AssertionError(f"{target}: no answer within {seconds} s (hang)") from error
    assert elapsed < seconds, f"{target}: took {elapsed:.1f} s, the bound is {seconds} s"
    assert rss_after - rss_before < RSS_RISE_MB, (
        f"{target}: the process's peak resident size rose by {rss_after - rss_before:.0f} MB "
        f"during one input; the bound is {RSS_RISE_MB} MB"
    )
    assert rss_after - _RSS_START < RSS_CEILING_MB, (
        f"{target}: the process's peak resident size is {rss_after - _RSS_START:.0f} MB above "
        f"its level when fuzzing began; the ceiling is {RSS_CEILING_MB} MB"
    )
    if error is not None:
        if not isinstance(error, allowed):
            raise AssertionError(
                f"{target}: unhandled {type(error).__name__}: {error}"[:2000]
            ) from error
        OUTCOMES[f"{target}: {getattr(error, 'code', type(error).__name__)}"] += 1
        return error
    OUTCOMES[f"{target}: result"] += 1
    return result  # type: ignore[return-value]


# --------------------------------------------------------------------------------------------
# Example counts
# --------------------------------------------------------------------------------------------

EXAMPLES = int(os.environ.get("PLANWATCH_FUZZ_EXAMPLES", "100"))
RANDOM = os.environ.get("PLANWATCH_FUZZ_RANDOM", "") == "1"


def fuzz_settings(weight: float = 1.0) -> settings:
    """Hypothesis settings for a fuzz target: ``weight`` x PLANWATCH_FUZZ_EXAMPLES examples."""
    return settings(
        max_examples=max(1, round(EXAMPLES * weight)),
        deadline=None,  # bounded() enforces the time bound itself, per input
        derandomize=not RANDOM,
        database=settings.default.database if RANDOM else None,
        print_blob=True,
        suppress_health_check=list(HealthCheck),
    )


# --------------------------------------------------------------------------------------------
# The dedicated run's summary (this module as a pytest plugin: pytest -p tests.fuzz_strategies)
# --------------------------------------------------------------------------------------------


def pytest_terminal_summary(terminalreporter: Any) -> None:
    total = sum(INPUTS.values())
    terminalreporter.section("fuzzing: inputs run")
    for target, count in sorted(INPUTS.items()):
        terminalreporter.write_line(f"{target:<28} {count:>8,}")
    terminalreporter.write_line(f"{'total':<28} {total:>8,}")
    terminalreporter.section("fuzzing: outcomes")
    for outcome, count in sorted(OUTCOMES.items()):
        terminalreporter.write_line(f"{outcome:<60} {count:>8,}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    minimum = int(os.environ.get("PLANWATCH_FUZZ_MIN_TOTAL", "0"))
    total = sum(INPUTS.values())
    if total < minimum and exitstatus == 0:
        print(f"\nfuzzing: only {total:,} inputs ran, fewer than {minimum:,}", file=sys.stderr)
        session.exitstatus = 1


# --------------------------------------------------------------------------------------------
# Text and CSV
# --------------------------------------------------------------------------------------------

DANISH_HEADERS = (
    "Indikator",
    "År",
    "Kvartal",
    "Værdi",
    "Køn",
    "Aldersgruppe",
    "Udnyttelsesform",
    "Bemærkning",
    "Indsats",
    "Beløb_kr",
    "indicator",
    "year",
    "quarter",
    "value",
    "amount_dkk",
    "\ufeffIndikator",
    " År ",
    "",
)
CELL_WORDS = (
    "Vurderede ofre for menneskehandel",
    "victims_assessed",
    "Udredninger",
    "cmm-styrket",
    "2025",
    "2024",
    "1",
    "4",
    "5",
    "0",
    "-3",
    "24",
    "1.233",
    "1.250.000",
    "1250000,50",
    "53,4",
    "1e308",
    "NaN",
    "inf",
    "99999999999999999999999",
    "Kvinder",
    "Mænd",
    "female",
    "under_18",
    "18_plus",
    "sexual",
    "Foreløbigt tal",
    "Inkl. sager fra Århus",
    "=SUM(A1:A3)",
    "+45",
    "@cmd",
    "#DIV/0!",
    "",
    " ",
)
# Characters that make CSV hard: delimiters, quotes, every line break, NUL and other control
# characters, the BOM, non-breaking spaces, letters outside Windows-1252 and outside the BMP.
AWKWARD = list(";,\t\"'\r\n \x00\x01\x1a\x7f\x85\u2028\ufeff\u00a0æøåÆØÅ€–é漢😀\\=")

cell_text = st.one_of(
    st.sampled_from(CELL_WORDS),
    st.text(st.sampled_from(AWKWARD + list("abc019.,-")), max_size=12),
    st.text(max_size=8),
)


@st.composite
def long_cell(draw: st.DrawFn) -> str:
    """One very long field: a long line, or a quoted field that runs over many lines."""
    unit = draw(st.sampled_from(["x", "Æ", ";", '"', "\n", "ab;", "1.233,5;"]))
    return unit * draw(st.integers(1_000, 300_000))


@st.composite
def csv_rows(draw: st.DrawFn) -> list[list[str]]:
    header = draw(st.lists(st.sampled_from(DANISH_HEADERS), min_size=0, max_size=9))
    body = draw(
        st.lists(st.lists(cell_text, max_size=10), max_size=12)  # ragged on purpose
    )
    rows = [header, *body] if header else body
    if rows and draw(st.integers(0, 9)) == 0:
        row = draw(st.integers(0, len(rows) - 1))
        rows[row] = [*rows[row], draw(long_cell())]
    return rows


ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "utf-16-le", "utf-16-be")
NEWLINES = ("\r\n", "\n", "\r", "\n\r", "\r\r\n")


@st.composite
def csv_bytes(draw: st.DrawFn) -> bytes:
    """CSV as people and programs write it, and then some: any delimiter, quoting, line break
    per row, encoding with and without byte order mark, ``sep=`` lines, ``;;;`` tails."""
    rows = draw(csv_rows())
    delimiter = draw(st.sampled_from([";", ",", "\t", "|", ";;", " "]))
    quote_all = draw(st.booleans())
    lines: list[str] = []
    for row in rows:
        cells = [f'"{cell.replace(chr(34), 2 * chr(34))}"' if quote_all else cell for cell in row]
        tail = delimiter * draw(st.integers(0, 3)) if draw(st.integers(0, 4)) == 0 else ""
        lines.append(delimiter.join(cells) + tail)
    newline_per_row = draw(st.booleans())
    newline = draw(st.sampled_from(NEWLINES))
    text = ""
    for line in lines:
        text += line + (draw(st.sampled_from(NEWLINES)) if newline_per_row else newline)
    if draw(st.integers(0, 5)) == 0:
        sep = draw(st.sampled_from([";", ",", "\t", "|", ""]))
        text = f"sep={sep}{newline}{text}"
    if draw(st.integers(0, 5)) == 0:
        text = draw(st.sampled_from(["\n\n", ";;;\r\n", " \t\r\n", "\ufeff"])) + text
    encoding = draw(st.sampled_from(ENCODINGS))
    data = text.encode(encoding, errors="replace")
    if draw(st.integers(0, 6)) == 0:  # a byte order mark of another encoding, or a second one
        data = draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"])) + data
    return draw(mutated(data, max_edits=4)) if draw(st.integers(0, 3)) == 0 else data


@st.composite
def mutated(draw: st.DrawFn, data: bytes, max_edits: int = 8) -> bytes:
    """``data`` with a few byte-level edits: flipped bits, overwritten, inserted, deleted and
    duplicated spans, and a truncation."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, max_edits))):
        if not out:
            out += draw(st.binary(min_size=1, max_size=16))
            continue
        at = draw(st.integers(0, len(out) - 1))
        edit = draw(st.sampled_from(["flip", "set", "insert", "delete", "duplicate", "cut"]))
        if edit == "flip":
            out[at] ^= 1 << draw(st.integers(0, 7))
        elif edit == "set":
            out[at] = draw(st.sampled_from([0, 0xFF, 0x7F, 0x80, ord("<"), ord('"'), ord(";")]))
        elif edit == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=32))
        elif edit == "delete":
            del out[at : at + draw(st.integers(1, 64))]
        elif edit == "duplicate":
            span = bytes(out[at : at + draw(st.integers(1, 256))])
            out[at:at] = span * draw(st.integers(1, 8))
        else:
            del out[at:]
    return bytes(out)


# --------------------------------------------------------------------------------------------
# Zip containers (xlsx and docx)
# --------------------------------------------------------------------------------------------


def zip_members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def build_zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


_BOMB_CACHE: dict[tuple[int, bytes], tuple[bytes, int, int]] = {}


def _deflated_repeat(unit: bytes, size: int) -> tuple[bytes, int, int]:
    """A raw deflate stream of ``unit`` repeated to ``size`` bytes, with its CRC-32, made without
    holding the inflated bytes: one 1 MB block is compressed once and ended with a full flush
    (which forgets the history), so its output can simply be repeated. Cached."""
    key = (size, unit)
    if key not in _BOMB_CACHE:
        block = unit * (2**20 // len(unit))
        whole, rest = divmod(size, len(block))
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        repeated = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
        tail = compressor.compress(block[:rest]) + compressor.flush(zlib.Z_FINISH)
        crc = 0
        for _ in range(whole):
            crc = zlib.crc32(block, crc)
        crc = zlib.crc32(block[:rest], crc)
        _BOMB_CACHE[key] = (repeated * whole + tail, crc, size)
    return _BOMB_CACHE[key]


def zip_with_bomb(
    members: dict[str, bytes], name: str, unit: bytes, size: int, *, lie: bool = False
) -> bytes:
    """``members`` plus (or with, replacing) a member ``name`` that inflates to ``size`` bytes of
    ``unit`` repeated: written as a pre-compressed deflate stream, so the test never holds the
    inflated bytes. ``lie``: the central directory claims 1 kB instead of ``size``."""
    compressed, crc, real = _deflated_repeat(unit, size)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            if member != name:
                archive.writestr(member, content)
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.file_size, info.compress_size, info.CRC = 1024 if lie else real, len(compressed), crc
        # Write the local header and the deflate stream by hand (zipfile would compress again).
        stream: Any = archive.fp
        info.header_offset = stream.tell()
        stream.write(info.FileHeader(zip64=False))
        stream.write(compressed)
        archive.start_dir = stream.tell()
        archive.filelist.append(info)
        archive.NameToInfo[name] = info
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# Word documents with hostile structure (issue 16): small files whose attributes or nesting
# make a reader expand them (a cell spanning 200 million columns, a chain of vertically merged
# cells, tables nested hundreds deep, hundreds of thousands of empty runs)
# --------------------------------------------------------------------------------------------

_W_NAMESPACE = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def word_document(body: bytes) -> bytes:
    """A minimal .docx (the parts python-docx needs) whose body is ``body`` (WordprocessingML,
    prefix ``w:``). Stored, not deflated, so that no compression ratio gives it away: the
    structure itself must be measured."""
    document = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<w:document "
    document += _W_NAMESPACE + b"><w:body>" + body + b"<w:sectPr/></w:body></w:document>"
    content_types = (
        b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        b'package/2006/content-types"><Default Extension="rels" ContentType="application/'
        b'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
        b'"application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        b"schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
        b'" Target="word/document.xml"/></Relationships>'
    )
    return build_zip(
        {"[Content_Types].xml": content_types, "_rels/.rels": rels, "word/document.xml": document},
        zipfile.ZIP_STORED,
    )


def table_xml(rows: int, columns: int, cell_properties: bytes = b"", text: bytes = b"1") -> bytes:
    """A table of ``rows`` x ``columns`` cells, each with ``cell_properties`` in its ``w:tcPr``
    and the text ``text`` in one paragraph."""
    cell = b"<w:tc><w:tcPr>" + cell_properties + b"</w:tcPr><w:p><w:r><w:t>" + text
    cell += b"</w:t></w:r></w:p></w:tc>"
    return b"<w:tbl>" + (b"<w:tr>" + cell * columns + b"</w:tr>") * rows + b"</w:tbl>"


def spanned_cells_docx(span: int = 200_000_000, rows: int = 20, columns: int = 20) -> bytes:
    """Every cell spans ``span`` grid columns (``<w:gridSpan w:val=...>``): about 37 kB."""
    return word_document(table_xml(rows, columns, b'<w:gridSpan w:val="%d"/>' % span))


def vertical_merge_docx(rows: int = 3_000, columns: int = 3) -> bytes:
    """A table whose first row starts a vertical merge that every later row continues."""
    first = table_xml(1, columns, b'<w:vMerge w:val="restart"/>')
    rest = table_xml(rows - 1, columns, b"<w:vMerge/>")
    return word_document(first[: -len(b"</w:tbl>")] + rest[len(b"<w:tbl>") :])


def nested_tables_docx(depth: int = 200) -> bytes:
    """A table in a cell of a table in a cell ... ``depth`` deep."""
    inner = b"<w:p><w:r><w:t>112</w:t></w:r></w:p>"
    for _ in range(depth):
        inner = b"<w:tbl><w:tr><w:tc>" + inner + b"<w:p/></w:tc></w:tr></w:tbl>"
    return word_document(inner)


def empty_runs_docx(runs: int = 400_000) -> bytes:
    """One paragraph of ``runs`` empty runs."""
    return word_document(b"<w:p>" + b"<w:r/>" * runs + b"</w:p>")


def many_cells_docx(cells: int = 9_000) -> bytes:
    """One table of ``cells`` cells, each with its own short text (one row per ten cells)."""
    return word_document(table_xml(cells // 10, 10))


def long_text_docx(characters: int = 3_000_000) -> bytes:
    """One paragraph of ``characters`` characters in a single run (compresses to a few kB)."""
    text = b"ofre for menneskehandel " * (characters // 24 + 1)
    return word_document(b"<w:p><w:r><w:t>" + text[:characters] + b"</w:t></w:r></w:p>")

"""One export's files written table by table as they are read (issue 17): progress within a
table, and files that take their names only when every one is complete.

May import the kernel, ``planwatch.domain``, ``planwatch.storage`` and ``planwatch.exports``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from planwatch.exports import formats, naming, streams
from planwatch.storage import export_stream
from planwatch.storage.rows import FAR_FUTURE

if TYPE_CHECKING:
    from planwatch.storage.export_stream import Connection

Progress = Callable[[float, str, str], None]  # (share done 0-1, "read" | "write", table)
# The workbook's first sheet from the tables' names, illustrative rows and marking columns.
About = Callable[[Sequence[str], Mapping[str, int], Mapping[str, str]], list[tuple[str, object]]]


_LIMIT_MEMORY: list[bool] = []


def limit_workbook_memory() -> None:
    """For a process that does nothing else while it exports (the command line): a workbook's
    tables are then read under DuckDB's memory limit (:func:`export_stream.bounded_memory`: the
    sort spills to disk, about 360 MB less at a million rows). A server never calls it: the
    limit and the single thread are settings of the whole open database, so every other
    user's page would read under them while an export runs, slower or failing for memory."""
    if not _LIMIT_MEMORY:
        _LIMIT_MEMORY.append(True)


@contextmanager
def _unbounded(connection: Connection) -> Iterator[None]:
    yield


class Job:
    """One export's tables written one after the other, with progress: when asked for, each
    table's rows are counted first (stage ``read``, the first tenth), then the share written
    is reported after every batch (stage ``write``), so a table of a million rows moves."""

    def __init__(
        self,
        connection: Connection,
        names: Sequence[str],
        moment: dt.datetime | None,
        plan_id: str | None,
        progress: Progress | None,
        *,
        passes: int = 1,
        language: str | None = None,
    ) -> None:
        self.connection, self.names, self.plan_id = connection, list(names), plan_id
        self.language = language  # names for people in the workbook and Danish CSV; None: codes
        self.moment, self.as_of = moment, moment or FAR_FUTURE
        self.told: set[str] = set()  # tables whose writing was reported
        self.progress = progress
        self.rows: dict[str, int] = {}
        self.illustrative: dict[str, int] = {}
        self.marks: dict[str, str] = {}
        self.counted: dict[str, int] = {}
        self.total = 0
        self.passes = passes  # files written per table (the pack writes three, then a workbook)
        self.written = 0  # rows written so far, over every pass
        if progress is not None:
            self.count()

    def count(self) -> None:
        """Each table's rows and illustrative rows, read before anything is written."""
        for index, name in enumerate(self.names, start=1):
            rows, marked, column = streams.counts(
                self.connection, name, as_of=self.as_of, plan_id=self.plan_id
            )
            self.counted[name] = rows
            self.total += rows
            if marked and column is not None:
                self.illustrative[name] = marked
                self.marks[name] = column
            if self.progress is not None:
                self.progress(0.1 * index / len(self.names), "read", name)

    def _tell(self, name: str, before: int) -> streams.RowsDone | None:
        if self.progress is None:
            return None
        progress, share = self.progress, self._share

        def rows_done(rows: int) -> None:
            self.told.add(name)
            progress(share(before + rows), "write", name)

        return rows_done

    def _share(self, written: int) -> float:
        whole = self.total * self.passes
        return min(1.0, 0.1 + 0.9 * (written / whole if whole else 1.0))

    def table(
        self, name: str, the_format: formats.ExportFormat, sink: streams.HashingWriter
    ) -> streams.Written:
        written = streams.write_table(
            self.connection, name, the_format, sink, as_of=self.as_of, plan_id=self.plan_id,
            progress=self._tell(name, self.written), language=self.language,
        )  # fmt: skip
        self._record(name, written)
        return written

    def _record(self, name: str, written: streams.Written) -> None:
        self.written += written.rows
        self.rows[name] = written.rows
        if written.illustrative:
            self.illustrative[name] = written.illustrative
        if self.progress is not None and name not in self.told:  # an empty table
            self.progress(self._share(self.written), "write", name)
        self.told.discard(name)

    def member(
        self,
        archive: zipfile.ZipFile,
        member: str,
        name: str,
        the_format: formats.ExportFormat,
    ) -> tuple[str, int]:
        """One table's file as a member of ``archive``: (SHA-256, bytes)."""
        with archive.open(member, "w", force_zip64=True) as handle:
            sink = streams.HashingWriter(handle)
            self.table(name, the_format, sink)
        return sink.hexdigest(), sink.size

    def workbook(self, sink: streams.Sink, about: About) -> None:
        """Every table in one workbook, its first sheet saying what it holds: ``about`` given
        the tables' names, illustrative rows and the columns that mark them."""
        if not self.counted:
            self.count()
        sources = {
            name: streams.table_source(
                self.connection,
                name,
                rows=self.counted[name],
                as_of=self.as_of,
                plan_id=self.plan_id,
            )
            for name in self.names
        }
        lines = about(self.names, self.illustrative, self.marks)
        start = self.written

        def rows_done(name: str, rows: int) -> None:
            if self.progress is not None:
                done = start + sum(self.rows.get(n, 0) for n in self.names if n in finished)
                self.progress(self._share(done + rows), "write", name)

        finished: set[str] = set()
        # The workbook's time is its own writing; DuckDB's sort may spill (issue 17).
        bounded = export_stream.bounded_memory if _LIMIT_MEMORY else _unbounded
        with bounded(self.connection):
            written = streams.write_xlsx(
                sink,
                sources,
                lines,
                about_title=naming.ABOUT_SHEET[self.language] if self.language else "Om filen",
                progress=rows_done,
                language=self.language,
            )
        for name, facts in written.items():
            finished.add(name)
            self.written += facts.rows
            self.rows[name] = facts.rows


class Staged:
    """Files written under a temporary name beside their own, renamed together when all are
    complete; removed if anything fails."""

    def __init__(self) -> None:
        self.files: list[tuple[Path, Path]] = []

    @contextmanager
    def file(self, path: Path) -> Iterator[streams.HashingWriter]:
        part = path.with_name(f".{path.name}.part")
        self.files.append((part, path))
        with part.open("wb") as handle:
            yield streams.HashingWriter(handle)

    def commit(self) -> None:
        for part, path in self.files:
            part.replace(path)

    def sha256(self, path: Path) -> str:
        """The SHA-256 of the file written for ``path`` (still under its temporary name)."""
        part = next(p for p, final in self.files if final == path)
        return _file_sha256(part)

    def discard(self) -> None:
        for part, _path in self.files:
            part.unlink(missing_ok=True)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


@contextmanager
def staged() -> Iterator[Staged]:
    staged = Staged()
    try:
        yield staged
    except BaseException:
        staged.discard()
        raise
    staged.commit()

"""Turns at one database file among the threads of this process, in order of arrival.

DuckDB lets one process hold a file read-write or read-only, never both at once ("different
configuration"). The app serves every session on threads of one process, so a page's read and
an upload's write meet here. Before turns, a reader that found the file held read-write slept
and tried again, and a writer that never paused long could keep it out past the timeout (CI,
stop 27: a backup waited 5 seconds beside a thread storing correction after correction).

Now every connection of this process waits for its turn in arrival order: readers in a row
share a turn, a writer has the file alone, and nobody who arrived later goes first, so a reader
waits at most for the writers queued before it and a writer for the readers before it. A thread
that already holds a turn is not queued behind itself: its nested connections pass (DuckDB then
decides, as before). Other processes are not in the queue; ``connection._open`` waits for them.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from planwatch.errors import DatabaseBusyError


@dataclass(slots=True)
class _Waiter:
    write: bool
    thread: int
    granted: bool = False


class FileTurns:
    """The queue of one database file in this process."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._readers: dict[int, int] = {}  # thread -> nested connections
        self._writer: int | None = None
        self._writer_depth = 0
        self._queue: deque[_Waiter] = deque()

    @contextmanager
    def turn(self, *, write: bool, timeout: float, path: Path) -> Iterator[None]:
        """Hold a turn for the ``with`` block: alone when ``write``, else with other readers.
        Waits at most ``timeout`` seconds, then raises :class:`DatabaseBusyError`."""
        me = threading.get_ident()
        with self._changed:
            if self._writer == me:
                self._writer_depth += 1
            elif me in self._readers:
                self._readers[me] += 1
            else:
                self._wait(_Waiter(write=write, thread=me), timeout, path)
        try:
            yield
        finally:
            with self._changed:
                if self._writer == me:
                    self._writer_depth -= 1
                    if self._writer_depth == 0:
                        self._writer = None
                else:
                    self._readers[me] -= 1
                    if self._readers[me] == 0:
                        del self._readers[me]
                self._grant()
                self._changed.notify_all()

    def _wait(self, waiter: _Waiter, timeout: float, path: Path) -> None:
        self._queue.append(waiter)
        self._grant()
        deadline = time.monotonic() + timeout
        while not waiter.granted:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self._queue.remove(waiter)
                self._grant()  # those behind it may go now
                self._changed.notify_all()
                raise DatabaseBusyError(
                    f"Databasen {path} er optaget af en anden ændring, også efter {timeout:g} "
                    "sekunders ventetid. Prøv igen om lidt; intet er ændret.",
                    f"The database {path} is busy with another change, even after waiting "
                    f"{timeout:g} seconds. Try again shortly; nothing was changed.",
                )
            self._changed.wait(remaining)

    def _grant(self) -> None:
        """Give turns from the head of the queue while they fit: one writer when nobody holds
        the file, or every reader up to the next writer while no writer holds it."""
        granted = False
        while self._queue and self._writer is None:
            head = self._queue[0]
            if head.write:
                if self._readers:
                    break
                self._writer, self._writer_depth = head.thread, 1
            else:
                self._readers[head.thread] = 1
            head.granted = granted = True
            self._queue.popleft()
            if head.write:
                break
        if granted:
            self._changed.notify_all()


_TURNS: dict[Path, FileTurns] = {}
_TURNS_GUARD = threading.Lock()


def of(path: Path) -> FileTurns:
    """The queue of the database file at ``path`` in this process."""
    key = path.resolve()
    with _TURNS_GUARD:
        return _TURNS.setdefault(key, FileTurns())

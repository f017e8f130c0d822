"""A small reverse proxy with sticky sessions, for the scale-out measurement of load_ws.py.

Run::

    .venv/bin/python benchmarks/sticky_proxy.py --port 8500 \
        --backend 127.0.0.1:8601 --backend 127.0.0.1:8602

nginx and HAProxy are not installed on the benchmark machine (and there is no root to install
them), so ``benchmarks/load_ws.py --servers 2`` puts this in front of the two app processes. It
is a stand-in for the real thing, not something to run in production (see docs/operations.md
for an nginx configuration).

How it routes: it reads the header block of the first request on each client connection. A
cookie ``planwatch_node=<n>`` sends the connection to backend ``n``; without one, the next
backend in turn is chosen and the first response on the connection gets a ``Set-Cookie`` with
it (an HTTP answer or the websocket upgrade alike), so that a browser's later connections (its
websocket, its reconnections) reach the same process, which holds its Streamlit session. After
that first exchange it copies bytes both ways; every request that follows on the same
connection goes to the same backend. It listens on 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import re
import signal
import sys
from typing import Final

COOKIE: Final = "planwatch_node"
_COOKIE_RE: Final = re.compile(rb"(?:^|;)\s*" + COOKIE.encode() + rb"=(\d+)")
HEADER_LIMIT: Final = 64 * 1024
CHUNK: Final = 64 * 1024


class Proxy:
    def __init__(self, backends: list[tuple[str, int]]) -> None:
        self.backends = backends
        self._turn = itertools.cycle(range(len(backends)))
        self.connections = [0] * len(backends)
        # The handlers' tasks, held so that the garbage collector never takes one that waits.
        self._handlers: set[asyncio.Task[None]] = set()

    def choose(self, head: bytes) -> tuple[int, bool]:
        """The backend for a connection whose first request has this header block, and
        whether the answer must set the cookie."""
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"cookie":
                found = _COOKIE_RE.search(value)
                if found and int(found.group(1)) < len(self.backends):
                    return int(found.group(1)), False
        return next(self._turn), True

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream_writer: asyncio.StreamWriter | None = None
        task = asyncio.current_task()
        if task is not None:
            self._handlers.add(task)
        try:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except (asyncio.IncompleteReadError, asyncio.LimitOverrunError):
                return
            index, set_cookie = self.choose(head)
            self.connections[index] += 1
            host, port = self.backends[index]
            upstream_reader, upstream_writer = await asyncio.open_connection(host, port)
            upstream_writer.write(head)
            await upstream_writer.drain()
            if set_cookie:
                answer = await upstream_reader.readuntil(b"\r\n\r\n")
                status, _, rest = answer.partition(b"\r\n")
                cookie = f"Set-Cookie: {COOKIE}={index}; Path=/; HttpOnly; SameSite=Lax\r\n"
                writer.write(status + b"\r\n" + cookie.encode("ascii") + rest)
                await writer.drain()
            await asyncio.gather(_copy(reader, upstream_writer), _copy(upstream_reader, writer))
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, OSError):
            pass
        finally:
            self._handlers.discard(task)
            for stream in (writer, upstream_writer):
                if stream is not None:
                    stream.close()


async def _copy(source: asyncio.StreamReader, target: asyncio.StreamWriter) -> None:
    try:
        while data := await source.read(CHUNK):
            target.write(data)
            await target.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        with contextlib.suppress(ConnectionError, OSError, RuntimeError):
            if target.can_write_eof():
                target.write_eof()


def _backend(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit():
        raise argparse.ArgumentTypeError("a backend is HOST:PORT")
    return host, int(port)


async def serve(port: int, backends: list[tuple[str, int]]) -> None:
    proxy = Proxy(backends)
    server = await asyncio.start_server(proxy.handle, "127.0.0.1", port, limit=HEADER_LIMIT)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    print(f"listening on 127.0.0.1:{port}", flush=True)
    async with server:
        await stop.wait()
    print(f"connections per backend: {proxy.connections}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--backend", type=_backend, action="append", required=True)
    args = parser.parse_args(argv)
    asyncio.run(serve(args.port, args.backend))
    return 0


if __name__ == "__main__":
    sys.exit(main())

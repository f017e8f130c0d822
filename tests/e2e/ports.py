"""Ports for the servers tests start, and a check that a port's listener is the server a test
started.

``make test`` runs the browser tests beside the run with the moved clock, so two pytest
processes start servers at once, and every browser and client connection takes a local port
from the kernel's ephemeral range. A port handed out by binding port 0 lies in that range and
may be taken again before the server binds it: the server then fails to start, while the
health check is answered by another test's server on the same port (seen twice in CI as the
protocol client test losing its connection). So ports are drawn at random *below* the
ephemeral range, and a test's server counts as started only when its own process listens.
"""

from __future__ import annotations

import secrets
import socket
from pathlib import Path

# Below Linux's default ephemeral range (32768-60999): no outgoing connection takes these.
LOW, HIGH = 20_000, 32_000
_PROC = Path("/proc")


def free_port() -> int:
    """A port on 127.0.0.1 that is free now, drawn at random below the ephemeral range."""
    for _ in range(200):
        port = LOW + secrets.randbelow(HIGH - LOW)
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port between {LOW} and {HIGH}")


def _listening_inodes(port: int) -> set[str]:
    inodes: set[str] = set()
    for table in ("tcp", "tcp6"):
        path = _PROC / "net" / table
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                inodes.add(inode)
    return inodes


def listens(pid: int, port: int) -> bool:
    """Whether process ``pid`` holds the listening socket on ``port``.

    Where the system has no /proc (not Linux), this cannot be told and counts as true."""
    fds = _PROC / str(pid) / "fd"
    if not (_PROC / "net" / "tcp").exists():
        return True
    wanted = {f"socket:[{inode}]" for inode in _listening_inodes(port)}
    try:
        entries = list(fds.iterdir())
    except (FileNotFoundError, PermissionError):  # the process has gone
        return False
    for fd in entries:
        try:
            if str(fd.readlink()) in wanted:
                return True
        except OSError:  # closed while we looked
            continue
    return False

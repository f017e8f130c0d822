"""Put on ``PYTHONPATH`` by ``make test-future``, which runs the tests under libfaketime.

That run sets ``FAKETIME_DONT_FAKE_MONOTONIC=1``: with the monotonic clock moved too, every
wait with a timeout (``Lock.acquire(timeout=...)``, ``Event.wait``, ``queue.get``) hangs,
because glibc's ``sem_clockwait`` hands the moved deadline straight to the kernel. But
libfaketime 0.9.10 (Debian 12) then breaks ``time.sleep``: Python 3.11 sleeps with
``clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME)``, which libfaketime turns into a negative
time, and every sleep fails with ``OSError: [Errno 22]`` (wolfcw/libfaketime#426). So in that
run, and only there, ``time.sleep`` waits with ``select`` (a relative timeout) instead. Every
Python process started from the run (``planwatch`` subprocesses too) inherits the same
environment and so the same fix.
"""

from __future__ import annotations

import os

if os.environ.get("FAKETIME") and os.environ.get("FAKETIME_DONT_FAKE_MONOTONIC") == "1":
    import select
    import time

    def _sleep(seconds: float) -> None:
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        select.select([], [], [], seconds)

    time.sleep = _sleep

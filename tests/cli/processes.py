"""A planwatch command in a fresh interpreter, for tests of what it loads and opens."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any


def run_command(script: str, *args: str) -> dict[str, Any]:
    """``script`` (which prints a JSON report as its last line) in a fresh interpreter, with no
    PLANWATCH_ setting but English: the report, and the whole output under "output"."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANWATCH_")}
    env["PLANWATCH_LANGUAGE"] = "en"
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    report["output"] = done.stdout
    return report

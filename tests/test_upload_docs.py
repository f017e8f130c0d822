"""Every problem code a user can meet is documented in docs/uploads.md."""

from __future__ import annotations

import re
from pathlib import Path

from planwatch.upload_messages import MESSAGES

REPO = Path(__file__).resolve().parents[1]


def _codes_in(path: Path) -> set[str]:
    return set(re.findall(r'"([a-z]+(?:-[a-z]+)+)"', path.read_text(encoding="utf-8")))


def test_every_problem_code_is_documented() -> None:
    docs = (REPO / "docs" / "uploads.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z]+(?:-[a-z]+)*)`", docs))
    src = REPO / "src" / "planwatch"
    reader_codes = _codes_in(src / "readers.py") - {"file-refused", "utf-8-sig"}
    header_codes = {"missing-column", "unknown-column", "duplicate-column"}
    model_codes = set(re.findall(r'name="([a-z-]+)"', (src / "schemas.py").read_text("utf-8")))
    assert {"negative-value", "not-a-whole-number", "quarter-out-of-range"} <= model_codes
    missing = (set(MESSAGES) | reader_codes | header_codes | model_codes) - documented
    assert missing == set()

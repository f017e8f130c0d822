"""docs/access.md states the permission tables exactly as the code grants them."""

from __future__ import annotations

from planwatch.domain.permissions import markdown_tables
from tests.paths import REPO

DOC = REPO / "docs" / "access.md"


def test_the_documented_tables_are_the_codes_tables() -> None:
    text = DOC.read_text(encoding="utf-8")
    documented = text.split("<!-- tables:start -->\n", 1)[1].split("\n<!-- tables:end -->", 1)[0]
    assert documented == markdown_tables()

"""Where things are, for every test wherever it sits in tests/."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEST_DATA = REPO / "tests" / "data"
APP = str(REPO / "streamlit_app.py")
PAGES = REPO / "src" / "planwatch" / "ui" / "pages"

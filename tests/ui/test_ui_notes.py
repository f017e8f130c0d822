"""The speaking-notes page, headless (AppTest): the note for the latest complete year, its
sources and flags, the Markdown to copy, and Word and Markdown downloads; English on request."""

from __future__ import annotations

import io

import docx
import pytest
from streamlit.testing.v1 import AppTest

from planwatch.access import accounts
from planwatch.storage import Store
from planwatch.ui import state
from tests.paths import PAGES
from tests.scenarios import RunningYear
from tests.ui.downloads import KeptDownloads


def _page(store: Store, monkeypatch: pytest.MonkeyPatch, user: str, language: str) -> AppTest:
    monkeypatch.setenv("PLANWATCH_DB", str(store.path))
    app = AppTest.from_file(str(PAGES / "talking_points.py"), default_timeout=180)
    app.session_state[state.ACTOR_KEY] = accounts.actor_for(store, user, origin="test")
    app.session_state["language"] = language
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _texts(app: AppTest) -> list[str]:
    return [str(e.value) for e in app.text]


def test_a_viewer_gets_the_note_for_2023_with_sources_and_flags(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    downloads = KeptDownloads(monkeypatch)
    app = _page(users_store, monkeypatch, "viewer1", "da")
    assert app.selectbox(key="notes_year").value == 2023, "the latest complete year"
    texts = _texts(app)
    victims = next(text for text in texts if "vurderet som ofre" in text and "mod 73" in text)
    assert "53,4 pct." in victims and "det højeste antal siden 2016" in victims
    assert any("Center mod Menneskehandel" in c.value for c in app.caption)
    assert any("ILLUSTRATIVT" in m.value for m in app.markdown), "the demo money is flagged"
    assert any("opdigtede" in w.value for w in app.warning)
    (code,) = app.code
    assert code.value.startswith("# Talepapir") and "53,4 pct." in code.value
    # The two downloads are the same note: Word and the Markdown shown above.
    files = dict(downloads.offered(app).values())
    assert len(files) == 2
    (markdown,) = [data for name, data in files.items() if name.endswith(".md")]
    (word,) = [data for name, data in files.items() if name.endswith(".docx")]
    assert markdown.decode("utf-8").rstrip("\n") == code.value
    paragraphs = [p.text for p in docx.Document(io.BytesIO(word)).paragraphs]
    assert paragraphs[0] == code.value.splitlines()[0].removeprefix("# ")
    assert any(victims in p for p in paragraphs), "the same sentence, word for word"


def test_the_default_year_is_the_latest_complete_year_not_the_running_one(
    running_year: RunningYear, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With 2024 complete and the first two quarters of 2025 stored (tests/scenarios.py), the
    page offers 2024: a note about 2025 is asked for, never the default."""
    app = _page(running_year.store(), monkeypatch, "viewer1", "da")
    assert app.selectbox(key="notes_year").value == 2024


def test_the_note_can_be_written_in_english_for_an_earlier_year(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _page(users_store, monkeypatch, "viewer1", "da")
    app.selectbox(key="notes_year").set_value(2022).run()
    app.session_state["notes_language"] = "en"
    app.run()
    assert not app.exception
    texts = _texts(app)
    assert any("In 2022, 73 persons were assessed as victims" in text for text in texts), texts


def test_an_admin_without_the_dashboard_cannot_open_it(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _page(users_store, monkeypatch, "admin1", "da")
    assert next(e.value for e in app.error).startswith("Du har ikke adgang")
    assert not _texts(app) and not app.code

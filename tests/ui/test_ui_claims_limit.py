"""The claims page states its limits, as the upload page does (issue 18): the text field the
characters a text may have, the file field the size a file may have, in the reader's language,
from the very constants the check enforces (Streamlit's own "Limit … per file" is hidden)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from planwatch.access import accounts
from planwatch.claims import documents, docx_bounds
from planwatch.storage import Store
from planwatch.ui import state
from tests.paths import PAGES

LABELS = {
    "da": ("Tekst (højst 500.000 tegn)", "… eller en fil (.txt, .md, .docx, højst 20 MB)"),
    "en": ("Text (at most 500,000 characters)", "… or a file (.txt, .md, .docx, at most 20 MB)"),
}


def _page(store: Store, monkeypatch: pytest.MonkeyPatch, language: str) -> AppTest:
    monkeypatch.setenv("PLANWATCH_DB", str(store.path))
    app = AppTest.from_file(str(PAGES / "check_claims.py"), default_timeout=180)
    app.session_state[state.ACTOR_KEY] = accounts.actor_for(store, "viewer1", origin="test")
    app.session_state["language"] = language
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_claims_page_states_its_limits(
    users_store: Store, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    assert (documents.MAX_BYTES, docx_bounds.MAX_CHARACTERS) == (20_000_000, 500_000)
    app = _page(users_store, monkeypatch, language)
    text, file = LABELS[language]
    assert app.text_area(key="claims_text").label == text
    assert app.get("file_uploader")[0].proto.label == file


@pytest.mark.parametrize(
    ("language", "label", "refused"),
    [
        ("da", "højst 1 MB", "Filen tale.txt er for stor (over 1 MB)."),
        ("en", "at most 1 MB", "The file tale.txt is too large (over 1 MB)."),
    ],
)
def test_the_label_says_the_limit_the_check_enforces(
    users_store: Store, monkeypatch: pytest.MonkeyPatch, language: str, label: str, refused: str
) -> None:
    # One source for both: lower the check's limit and the label follows it, and a file over
    # it is refused with that number.
    monkeypatch.setattr(documents, "MAX_BYTES", 1_000_000)
    app = _page(users_store, monkeypatch, language)
    uploader = app.get("file_uploader")[0]
    assert label in uploader.proto.label
    uploader.upload("tale.txt", b"I 2023 blev 112 personer vurderet. " * 40_000, "text/plain")  # type: ignore[attr-defined]
    app.run()
    app.button(key="claims_check").click().run()
    assert refused in " ".join(str(e.value) for e in app.error)

"""A bad setting is a readable error in the app, never a traceback (issue 16)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from planwatch.storage import Store
from tests.paths import APP


@pytest.mark.parametrize(
    ("variable", "raw", "needle"),
    [
        ("PLANWATCH_SMALL_COUNT_THRESHOLD", "2", "3 eller derover"),
        ("PLANWATCH_SESSION_IDLE_MINUTES", "-5", "minutter"),
        ("PLANWATCH_LANGUAGE", "fr", "'da' eller 'en'"),
    ],
)
def test_a_bad_setting_is_shown_as_a_message(
    variable: str, raw: str, needle: str, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANWATCH_DB", str(demo_store.path))
    monkeypatch.setenv(variable, raw)
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    errors = " ".join(str(e.value) for e in app.error)
    assert variable in errors and needle in errors

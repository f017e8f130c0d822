"""Issue 18: Brugere / Users in English as well as Danish: a name is not an e-mail address, and
one person as both uploader and approver is warned about (four eyes: nobody approves their own
submission)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from planwatch.access import accounts
from planwatch.domain.permissions import Role
from planwatch.storage import Store
from planwatch.ui import state
from tests.paths import PAGES

PASSWORD = "et-helt-nyt-kodeord-42"  # noqa: S105 - a password for tests only
WORDS = {
    "da": {
        "add": "Tilføj bruger",
        "email": "Ugyldig e-mail",
        "four_eyes": "Samme person bliver både indberetter og godkender",
        "own": "Ingen kan godkende sin egen indberetning",
    },
    "en": {
        "add": "Add user",
        "email": "Invalid e-mail",
        "four_eyes": "The same person becomes both uploader and approver",
        "own": "Nobody can approve their own submission",
    },
}


def _page(store: Store, monkeypatch: pytest.MonkeyPatch, language: str) -> AppTest:
    monkeypatch.setenv("PLANWATCH_DB", str(store.path))
    app = AppTest.from_file(str(PAGES / "users.py"), default_timeout=180)
    app.session_state[state.ACTOR_KEY] = accounts.actor_for(store, "admin1", origin="test")
    app.session_state["language"] = language
    app.run()
    assert not app.exception
    return app


def _fill(app: AppTest, name: str, email: str, roles: set[Role]) -> None:
    app.text_input(key="new_user_name").input(name)
    app.text_input(key="new_user_email").input(email)
    for role in Role:
        app.checkbox(key=f"new_user_role_{role.value}").set_value(role in roles)
    app.text_input(key="new_user_password").input(PASSWORD)


def _add(app: AppTest, language: str) -> None:
    [button] = [b for b in app.button if b.label == WORDS[language]["add"]]
    button.click().run()
    assert not app.exception


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_name_is_refused_as_an_email_address_in_the_readers_language(
    users_store: Store, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    app = _page(users_store, monkeypatch, language)
    _fill(app, "karen", "Karen Jensen", {Role.VIEWER})
    _add(app, language)
    [error] = [str(e.value) for e in app.error]
    assert error.startswith(WORDS[language]["email"]), error
    admin = accounts.actor_for(users_store, "admin1", origin="test")
    assert "karen" not in {u.name for u in accounts.list_users(users_store, admin)}


@pytest.mark.parametrize("language", ["da", "en"])
def test_uploader_and_approver_together_are_warned_about_in_the_readers_language(
    users_store: Store, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    words = WORDS[language]
    app = _page(users_store, monkeypatch, language)
    _fill(app, "bo@cmm.example", "", {Role.UPLOADER})
    app.run()
    assert not [w for w in app.warning if words["four_eyes"] in str(w.value)]
    app.checkbox(key="new_user_role_approver").check().run()
    [warning] = [str(w.value) for w in app.warning]
    assert words["four_eyes"] in warning and words["own"] in warning

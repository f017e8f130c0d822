from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.errors import UsageError
from planwatch.settings import SETTINGS, load_settings
from tests.paths import REPO

DOCS = REPO / "docs" / "settings.md"


def test_every_setting_is_documented_with_its_variable_and_default() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for spec in SETTINGS:
        assert f"`{spec.env_var}`" in text, spec.name
        assert f"`{spec.default}`" in text, spec.name


def test_defaults() -> None:
    settings = load_settings({})
    assert settings.db == Path("data/planwatch.duckdb")
    assert settings.language == "da"


def test_environment_beats_secrets_and_overrides_beat_both() -> None:
    env = {"PLANWATCH_DB": "/env.duckdb"}
    secrets = {"db": "/secret.duckdb", "language": "en"}
    assert load_settings(env, secrets).db == Path("/env.duckdb")
    assert load_settings(env, secrets).language == "en"
    assert load_settings(env, secrets, db=Path("/cli.duckdb")).db == Path("/cli.duckdb")


@pytest.mark.parametrize(
    ("env", "needle"),
    [
        ({"PLANWATCH_LOCK_TIMEOUT": "soon"}, "number"),
        ({"PLANWATCH_LANGUAGE": "de"}, "'da' or 'en'"),
    ],
)
def test_bad_settings_are_usage_errors(env: dict[str, str], needle: str) -> None:
    with pytest.raises(UsageError, match=needle):
        load_settings(env)

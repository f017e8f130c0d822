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
        ({"PLANWATCH_MAX_UPLOAD_ROWS": "inf"}, "number"),
        ({"PLANWATCH_MAX_UPLOAD_ROWS": "nan"}, "number"),
        ({"PLANWATCH_MAX_UPLOAD_MB": "nan"}, "number"),
        ({"PLANWATCH_LOCK_TIMEOUT": "inf"}, "number"),
    ],
)
def test_bad_settings_are_usage_errors(env: dict[str, str], needle: str) -> None:
    with pytest.raises(UsageError, match=needle):
        load_settings(env)


def test_preliminary_days_is_a_whole_number_of_days() -> None:
    assert load_settings({}).preliminary_days == 30
    assert load_settings({"PLANWATCH_PRELIMINARY_DAYS": "0"}).preliminary_days == 0
    assert load_settings({"PLANWATCH_PRELIMINARY_DAYS": "14"}).preliminary_days == 14
    for bad, needle in [("1.5", "whole number"), ("-3", "0 or more"), ("soon", "number")]:
        with pytest.raises(UsageError, match=needle):
            load_settings({"PLANWATCH_PRELIMINARY_DAYS": bad})
    with pytest.raises(UsageError, match="number"):
        load_settings({"PLANWATCH_PRELIMINARY_DAYS": "inf"})

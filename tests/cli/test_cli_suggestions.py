"""Issue 18: `planwatch import` gives "Mente du ...?" / "Did you mean ...?" beside an unknown
indicator on the line of its problem, in the chosen language; none when nothing is close."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from planwatch.cli import main
from planwatch.storage import Store
from tests.cli.test_cli import _import_args


@pytest.mark.parametrize(
    ("language", "guess"),
    [("da", "Mente du 'victims_assessed'"), ("en", "Did you mean 'victims_assessed'")],
)
def test_import_prints_the_suggestion_on_the_problems_line(
    users_store: Store, language: str, guess: str
) -> None:
    name = "invalid/kpi-unknown-names-close-to-known.csv"
    result = CliRunner().invoke(main, ["--lang", language, *_import_args(users_store, name, "kpi")])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    [victim] = [line for line in lines if "victim_assessed" in line]
    assert guess in victim and "[unknown-indicator]" in victim
    [far] = [line for line in lines if "ofre i alt" in line]
    assert "Mente du" not in far and "Did you mean" not in far

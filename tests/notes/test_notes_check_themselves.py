"""The talking points planwatch drafts state only stored figures, so checking them with the
claim checker must find nothing wrong: no ``inconsistent`` and no ``not-in-data`` claim."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planwatch.claims import checking
from planwatch.notes import draft
from planwatch.storage import Store
from tests import clock
from tests.scenarios import RunningYear


@pytest.fixture(scope="module")
def store(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    """One copy of the demo database for the module: drafting and checking only read."""
    path = tmp_path_factory.mktemp("notes") / "planwatch.duckdb"
    shutil.copy(demo_db_template, path)
    return Store(path, lock_timeout=5.0)


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("year", range(2016, 2024))
def test_the_talking_points_pass_the_claim_checker(store: Store, year: int, language: str) -> None:
    as_of = clock.later(days=1)  # after the demo database was built
    points = draft.draft(store, year=year, language=language, as_of=as_of)
    text = "\n".join(bullet.text for bullet in points.bullets)
    report = checking.check(store, text, language=language, as_of=as_of)
    wrong = [
        f"{c.verdict}: {c.text!r} (correct: {c.correct!r}) {c.explanation_en}"
        for c in report.claims
        if c.verdict in ("inconsistent", "not-in-data")
    ]
    assert report.claims
    assert not wrong, f"{language} {year}:\n" + "\n".join(wrong) + "\n\nText:\n" + text


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize(
    ("moment", "year"),
    [("2024-Q2", 2024), ("2024-Q4", 2024), ("2025-Q1", 2025), ("2025-Q2", 2025)],
)
def test_the_notes_of_a_running_year_pass_the_claim_checker(
    running_year_template: RunningYear, moment: str, year: int, language: str
) -> None:
    """A note about a partial year names its quarters and compares them with the same quarters
    a year earlier; the claim checker must read it so and find nothing wrong."""
    store = running_year_template.store()
    as_of = running_year_template.moments[moment]
    points = draft.draft(store, year=year, language=language, as_of=as_of)
    text = "\n".join(bullet.text for bullet in points.bullets)
    report = checking.check(store, text, language=language, as_of=as_of)
    wrong = [
        f"{c.verdict}: {c.text!r} (correct: {c.correct!r}) {c.explanation_en}"
        for c in report.claims
        if c.verdict in ("inconsistent", "not-in-data")
    ]
    assert report.claims
    assert not wrong, f"{language} {moment}:\n" + "\n".join(wrong) + "\n\nText:\n" + text

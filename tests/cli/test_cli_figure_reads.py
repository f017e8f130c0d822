"""``planwatch figure`` for a year reads each thing it needs once (issue 17: a read command is a
process of its own, and every read of the open file costs it milliseconds): one connection and
one small-count decision for the series and the published figure, the indicator's definition
read once, and no publication points read when no ``--as-of`` was typed. What it prints is what
the services it is built from say (:func:`planwatch.figures.comparisons.year_answer` on their
own reads)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from click.testing import CliRunner

from planwatch.access import accounts
from planwatch.cli import main
from planwatch.domain.permissions import view_for
from planwatch.domain.vocab import TOTAL, Breakdown
from planwatch.figures import comparisons, publication, reporting, small_counts
from planwatch.settings import load_settings
from planwatch.storage import disclosure_sql, repository
from tests.scenarios import RunningYear


def _count(monkeypatch: pytest.MonkeyPatch, calls: Counter[str], owner: Any, name: str) -> None:
    original: Callable[..., Any] = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[f"{owner.__name__}.{name}"] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)


@pytest.mark.parametrize(
    ("user", "args", "breakdown"),
    [
        ("viewer1", ["victims_assessed", "2025"], TOTAL),
        ("viewer1", ["victims_assessed", "2024", "--sex", "female"], Breakdown(sex="female")),
        ("approver1", ["victims_assessed", "2024"], TOTAL),
    ],
)
def test_a_year_is_answered_from_one_read_of_each_thing(
    running_year: RunningYear,
    monkeypatch: pytest.MonkeyPatch,
    user: str,
    args: list[str],
    breakdown: Breakdown,
) -> None:
    store = running_year.store()
    reader = accounts.actor_for(store, user)
    expected = comparisons.year_answer(
        store,
        args[0],
        int(args[1]),
        breakdown,
        as_of=None,
        view=view_for(
            reader,
            include_submitted=False,
            small_count_threshold=load_settings().small_count_threshold,
        ),
    )
    assert expected is not None
    calls: Counter[str] = Counter()
    _count(monkeypatch, calls, publication, "publication_points")
    _count(monkeypatch, calls, small_counts, "publication_moments")
    _count(monkeypatch, calls, disclosure_sql, "years_with_small_parts")
    _count(monkeypatch, calls, repository, "indicator_units")
    _count(monkeypatch, calls, repository, "year_values")
    _count(monkeypatch, calls, repository, "current_figures")
    _count(monkeypatch, calls, reporting, "indicators")
    result = CliRunner().invoke(
        main,
        ["--lang", "en", "--json", "--user", user, "--db", str(running_year.path), "figure", *args],
    )
    assert result.exit_code == 0, result.output
    assert calls["planwatch.figures.publication.publication_points"] == 0  # no --as-of
    assert calls["planwatch.figures.reporting.indicators"] == 1
    assert calls["planwatch.storage.repository.year_values"] == 1
    assert calls["planwatch.storage.repository.current_figures"] == 1
    for once in (
        "planwatch.figures.small_counts.publication_moments",
        "planwatch.storage.disclosure_sql.years_with_small_parts",
        "planwatch.storage.repository.indicator_units",
    ):
        assert calls[once] <= 1, (once, calls)
    shown = result.stdout
    assert f'"value": {expected.value}' in shown or f'"value": "{expected.value}"' in shown, shown

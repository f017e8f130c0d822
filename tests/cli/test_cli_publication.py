"""``--as-of`` on the command line for readers who see suppressed small counts is the latest
publication point at or before the moment typed, and the command says so; readers of exact
small counts keep the moment they typed (issue 16)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner, Result

from planwatch.cli import main
from planwatch.domain.clock import to_local
from planwatch.domain.permissions import PUBLIC_VIEW
from planwatch.figures import publication
from planwatch.formatting import format_moment
from tests.scenarios import RunningYear

HOUR = dt.timedelta(hours=1)


def _danish(moment: dt.datetime) -> str:
    return to_local(moment).replace(tzinfo=None).isoformat(timespec="microseconds")


def _run(scenario: RunningYear, user: str, *args: str) -> Result:
    return CliRunner().invoke(
        main, ["--lang", "en", "--user", user, *args, "--db", str(scenario.path)]
    )


def test_a_viewers_moment_snaps_to_the_approval_before_it(running_year: RunningYear) -> None:
    typed = running_year.moments["2025-Q1"]  # an hour after Q1 2025 was approved
    approved = typed - HOUR
    result = _run(
        running_year, "viewer1", "figure", "victims_assessed", "2025", "--as-of", _danish(typed)
    )
    assert result.exit_code == 0, result.output
    assert "publication point" in result.stderr
    assert approved.isoformat() in result.stderr and typed.isoformat() in result.stderr
    assert f"Figures as of {format_moment(to_local(approved), 'en')}" in result.stdout


def test_a_viewers_moment_before_anything_was_published_shows_nothing(
    running_year: RunningYear,
) -> None:
    first = publication.publication_points(running_year.store(), PUBLIC_VIEW)[0]
    typed = first - dt.timedelta(days=30)
    result = _run(
        running_year, "viewer1", "figure", "victims_assessed", "2023", "--as-of", _danish(typed)
    )
    assert "Nothing had been published" in result.stderr
    assert result.exit_code == 2 and "no figure" in result.stderr


@pytest.mark.parametrize("user", ["auditor1", "approver1"])
def test_readers_of_exact_counts_keep_the_moment_they_typed(
    running_year: RunningYear, user: str
) -> None:
    typed = running_year.moments["2025-Q1"]
    result = _run(
        running_year, user, "figure", "victims_assessed", "2025", "--as-of", _danish(typed)
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert f"Figures as of {format_moment(to_local(typed), 'en')}" in result.stdout


def test_a_moment_that_is_a_publication_point_is_taken_as_typed(running_year: RunningYear) -> None:
    approved = running_year.moments["2025-Q1"] - HOUR
    result = _run(
        running_year, "viewer1", "figure", "victims_assessed", "2025", "--as-of", _danish(approved)
    )
    assert result.exit_code == 0 and result.stderr == ""


def test_json_output_stays_json_and_the_notice_goes_to_stderr(running_year: RunningYear) -> None:
    typed = running_year.moments["2024-Q4"]
    result = CliRunner().invoke(
        main,
        [
            "--json",
            "--user",
            "viewer1",
            "figure",
            "victims_assessed",
            "2024",
            "--as-of",
            _danish(typed),
            "--db",
            str(running_year.path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["comparison"]["current"]["year"] == 2024
    assert "offentliggørelsestidspunkt" in result.stderr


@pytest.mark.parametrize("command", [["talking-points", "--year", "2025"]])
def test_a_viewers_note_is_drafted_as_of_a_publication_point(
    running_year: RunningYear, command: list[str]
) -> None:
    typed = running_year.moments["2025-Q1"]
    result = _run(running_year, "viewer1", *command, "--as-of", _danish(typed))
    assert result.exit_code == 0, result.output
    assert (typed - HOUR).isoformat() in result.stderr

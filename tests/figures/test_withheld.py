"""Withheld ("ikke vist"): the label for small counts that "<3" cannot protect (issue 16), as a
viewer meets it - the pages' data functions, the command line (text and ``--json``), a figure's
history and the speaking notes' wording.

The case: women in 2024 = Q1 (1) + Q2 (1) = 2. Shown as "<3" three times, the sum of two cells
of 1..2 that is itself at most 2 pins both to 1.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from planwatch.cli import main
from planwatch.domain.periods import Period
from planwatch.domain.permissions import PUBLIC_VIEW
from planwatch.domain.suppression import Suppressed, Suppression
from planwatch.domain.vocab import Breakdown
from planwatch.figures import reporting
from planwatch.notes.wording import shown_text
from planwatch.storage import Store
from tests import clock, scenarios

WITHHELD = Suppressed(Suppression.WITHHELD, 3)
WOMEN = Breakdown(sex="female")


def _quarter(year: int, quarter: int, women: int, men: int) -> bytes:
    lines = ["indikator;år;kvartal;værdi;køn;aldersgruppe;udnyttelsesform"]
    lines += [f"victims_assessed;{year};{quarter};{women + men};;;"]
    lines += [f"victims_assessed;{year};{quarter};{women};female;;"]
    lines += [f"victims_assessed;{year};{quarter};{men};male;;"]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


@pytest.fixture
def two_quarters_of_one(users_store: Store) -> Store:
    start = clock.latest_moment(users_store.path)
    for step, (women, men) in enumerate([(1, 7), (1, 8)], start=1):
        sent = start + dt.timedelta(days=step)
        scenarios.upload_and_approve(
            users_store, _quarter(2024, step, women, men), f"q{step}.csv", sent
        )
    return users_store


def test_the_pages_show_the_year_and_its_quarters_as_withheld(two_quarters_of_one: Store) -> None:
    series = reporting.breakdown_series(
        two_quarters_of_one, "victims_assessed", "sex", view=PUBLIC_VIEW
    )
    [year] = [v for v in series["female"] if v.year == 2024]
    assert (year.value, year.suppressed, year.by_quarter) == (None, WITHHELD, ())
    for quarter in (1, 2):
        answer = reporting.figure(
            two_quarters_of_one, "victims_assessed", Period(2024, quarter), WOMEN
        )
        assert answer is not None
        assert (answer.preferred.value, answer.preferred.suppressed) == (None, WITHHELD)


def test_the_command_line_says_withheld_in_danish_english_and_json(
    two_quarters_of_one: Store,
) -> None:
    def ask(*options: str) -> str:
        result = CliRunner().invoke(
            main,
            [
                *options,
                "--user",
                "viewer1",
                "--db",
                str(two_quarters_of_one.path),
                "figure",
                "victims_assessed",
                "2024-Q1",
                "--sex",
                "female",
            ],
        )
        assert result.exit_code == 0, result.output
        return result.stdout

    assert "ikke vist" in ask("--lang", "da")
    assert "withheld" in ask("--lang", "en")
    answer = json.loads(ask("--json"))
    assert answer["preferred"]["suppressed"] == {"kind": "withheld", "threshold": 3}
    assert answer["preferred"]["value"] is None


def test_the_history_and_the_notes_never_say_more_than_withheld(
    two_quarters_of_one: Store,
) -> None:
    entries = reporting.history(
        two_quarters_of_one, "victims_assessed", Period(2024, 1), WOMEN, view=PUBLIC_VIEW
    )
    assert entries and all((e.value, e.suppressed) == (None, WITHHELD) for e in entries)
    assert shown_text(None, WITHHELD, "da") == "et ikke oplyst antal"
    assert shown_text(None, WITHHELD, "en") == "an undisclosed number"

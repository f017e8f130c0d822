"""The attacker test (issue 16): everything a viewer can see, at every publication point,
through the pages' data functions and the command line, is combined by an independent interval
audit (tests/access/attacker_audit.py, a mixed-integer programme of its own); no cell shown as
"<3" may be pinned to fewer values than 1 and 2.

It runs on the demo data, on the running year of tests/scenarios.py (quarters approved one by
one) and on generated data with many small cells, uploaded and approved through the normal
services. What it gathers and what it assumes the attacker knows: docs/access.md, "The attacker
test".
"""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

from planwatch.domain.permissions import PUBLIC_VIEW
from planwatch.figures.publication import publication_points
from planwatch.storage import Store
from tests import clock, scenarios
from tests.access.attacker_audit import Pinned, audit, is_withheld
from tests.access.attacker_gather import Attacker, Stored
from tests.scenarios import RunningYear

EXPLOITATION = ("sexual", "forced_labour", "other")
SEXES = ("female", "male")
AGES = ("under_18", "18_plus")


def _attack(store: Store) -> tuple[list[Pinned], Attacker, int]:
    attacker = Attacker(store, "viewer1")
    points = attacker.gather()
    pinned = [
        found
        for code, knowledge in attacker.knowledge.items()
        for found in audit(knowledge, attacker.truth)
    ]
    return pinned, attacker, len(points)


def _report(pinned: list[Pinned]) -> str:
    lines = [f"{len(pinned)} cells shown as '<3' can be narrowed by a viewer:"]
    lines += [f"  {p.where}: {p.low}..{p.high} (stored {p.truth})" for p in pinned[:40]]
    return "\n".join(lines)


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def _small_cells_file(year: int, quarter: int, rng: random.Random) -> bytes:
    """One quarter of victims assessed by form of exploitation, sex and age: mostly small
    counts, every breakdown summing to the total."""
    by_form = [rng.choice([0, 1, 1, 2, 2, 3, 4, 6]) for _ in EXPLOITATION]
    total = sum(by_form)
    rows = [("", "", "", total)]
    rows += [("", "", form, n) for form, n in zip(EXPLOITATION, by_form, strict=True)]
    rows += [(s, "", "", n) for s, n in zip(SEXES, _split(total, 2, rng), strict=True)]
    rows += [("", a, "", n) for a, n in zip(AGES, _split(total, 2, rng), strict=True)]
    lines = ["indikator;år;kvartal;værdi;køn;aldersgruppe;udnyttelsesform"]
    lines += [f"victims_assessed;{year};{quarter};{n};{s};{a};{f}" for s, a, f, n in rows]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


@pytest.fixture
def many_small_cells(users_store: Store) -> Store:
    """A year of quarters with many small cells, approved one by one."""
    rng = random.Random(16)  # noqa: S311 - made-up figures, not secrets
    start = clock.latest_moment(users_store.path)
    for step, (year, quarter) in enumerate([(2024, 1), (2024, 2), (2024, 3), (2024, 4)], start=1):
        sent = start + dt.timedelta(days=step)
        scenarios.upload_and_approve(
            users_store, _small_cells_file(year, quarter, rng), f"små-{year}-{quarter}.csv", sent
        )
    return users_store


def _no_cell_pinned(store: Store) -> Attacker:
    pinned, attacker, points = _attack(store)
    assert points >= 1 and attacker.cli_calls > 0
    assert any(k.small() for k in attacker.knowledge.values()), "nothing was suppressed at all"
    assert not pinned, _report(pinned)
    return attacker


def test_the_demo_data_gives_no_suppressed_cell_away(users_store: Store) -> None:
    _no_cell_pinned(users_store)


def test_a_running_year_gives_no_suppressed_cell_away(running_year: RunningYear) -> None:
    _no_cell_pinned(running_year.store())


def test_many_small_cells_give_no_suppressed_cell_away(many_small_cells: Store) -> None:
    """The generated year also has small sums of small parts (e.g. 2 + 2 = 4 beside a 0) that
    "<3" alone would give away: the viewer sees them withheld, on the pages and from the CLI."""
    attacker = _no_cell_pinned(many_small_cells)
    withheld = [i for k in attacker.knowledge.values() for i in k.shown if is_withheld(i.label)]
    assert any(i.where.startswith("cli ") for i in withheld)
    assert any(i.where.startswith("page ") for i in withheld)


def test_the_command_line_says_what_the_pages_say(users_store: Store) -> None:
    """The attacker skips ``figure`` for a complete year of one breakdown with one source,
    because the page's breakdown series shows the same: here is the proof, for the first dozen
    such cells of the demo's indicators of persons (each command takes up to a second)."""
    from tests.access.attacker_gather import one_connection, stored_at

    attacker = Attacker(users_store, "viewer1")
    point = publication_points(users_store, PUBLIC_VIEW)[-1]
    stored = stored_at(users_store, point)
    with one_connection(users_store):
        checked = _compare(attacker, users_store, stored, point)
    assert checked >= 10


def _compare(attacker: Attacker, users_store: Store, stored: Stored, point: dt.datetime) -> int:
    from click.testing import CliRunner

    from planwatch.cli import main
    from planwatch.cli.common import to_jsonable
    from planwatch.domain.vocab import Breakdown
    from planwatch.figures import reporting

    checked = 0
    for indicator in attacker.persons:
        for dimension in attacker._dimensions(stored, indicator):
            series = reporting.breakdown_series(users_store, indicator, dimension, as_of=point)
            for code, values in series.items():
                for value in values:
                    b = Breakdown(**{dimension: code})
                    cell = (indicator, value.year, 0, b.sex, b.age_group, b.exploitation)
                    if checked >= 12 or not attacker._page_says_it(stored, cell):
                        continue
                    option = f"--{dimension.replace('_', '-')}"
                    result = CliRunner().invoke(
                        main,
                        [
                            "--json",
                            "--user",
                            "viewer1",
                            "figure",
                            indicator,
                            str(value.year),
                            option,
                            code,
                            "--db",
                            str(users_store.path),
                        ],
                    )
                    assert result.exit_code == 0, result.output
                    current = json.loads(result.stdout)["comparison"]["current"]
                    page = to_jsonable(value)
                    assert (current["value"], current["suppressed"]) == (
                        page["value"],
                        page["suppressed"],
                    ), (indicator, value.year, dimension, code)
                    checked += 1
    return checked


def test_a_correction_that_adds_one_person_does_not_give_them_away(users_store: Store) -> None:
    """Issue 16's last gap: 1. kvt. is published as 12 = 5 women + 7 men, then corrected to
    13 = 5 + 7 + 1 transgender person. Women and men did not change, so the difference of the
    two totals (13 - 12) would be the new small cell. The changed totals are withheld from the
    correction on (as a last resort); with the rest of the year arriving quarter by quarter,
    the year and the later quarters cannot give 13 away either. (The attacker gathers at
    every publication point: right after the correction, and after each later quarter.)"""
    start = clock.latest_moment(users_store.path)
    year = clock.built_at().year - 2
    first = {"": 12, "female": 5, "male": 7}
    scenarios.upload_and_approve(
        users_store,
        scenarios.sex_quarter_file(year, 1, first),
        "q1.csv",
        start + dt.timedelta(days=1),
    )
    scenarios.upload_and_approve(
        users_store,
        scenarios.sex_quarter_file(year, 1, {**first, "": 13, "transgender": 1}),
        "rettelse.csv",
        start + dt.timedelta(days=2),
        reason="En person mere, registreret efter indberetningen",
    )
    rest = {2: (9, 4, 5), 3: (10, 5, 5), 4: (11, 6, 5)}
    for quarter, (total, women, men) in rest.items():
        scenarios.upload_and_approve(
            users_store,
            scenarios.sex_quarter_file(year, quarter, {"": total, "female": women, "male": men}),
            f"q{quarter}.csv",
            start + dt.timedelta(days=1 + quarter),
        )
    _no_cell_pinned(users_store)

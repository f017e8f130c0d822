"""Small-count patterns kept in the database (issue 17: a server's first visit on the 1000x
database took 28-31 s solving them): kept ahead of the readers, used by a new process without
solving, never trusted blindly - an entry edited in the file is either refused by the reader or
found by ``audit verify`` - and kept again after an approval, in a running year."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import duckdb
import pytest
from click.testing import CliRunner

from planwatch.access import audit
from planwatch.cli import main
from planwatch.domain import disclosure_tables, pattern_codec
from planwatch.domain.periods import Period
from planwatch.domain.permissions import PUBLIC_VIEW, Actor, Role, View
from planwatch.domain.suppression import Suppressed
from planwatch.domain.vocab import Breakdown
from planwatch.figures import kept_patterns, small_counts
from planwatch.figures.small_counts import SmallCounts
from planwatch.storage import Store, disclosure_sql, repository
from planwatch.uploads import ingest
from tests import scenarios
from tests.scenarios import UPLOADER, RunningYear

THRESHOLD = 3
SUBMITTED = View(include_submitted=True)
AUDITOR = Actor("auditor1", frozenset({Role.AUDITOR}))

Decisions = dict[tuple[str, str, int, int | None, str, str, str], Suppressed | None]


@pytest.fixture(autouse=True)
def _new_process() -> Iterator[None]:
    """Each test starts as a new process does: no patterns kept in memory."""
    small_counts.forget_patterns()
    yield
    small_counts.forget_patterns()


def _decisions(store: Store) -> Decisions:
    """How every stored breakdown figure of persons (and total) is shown, per view."""
    found: Decisions = {}
    with store.connect(read_only=True) as connection:
        units = repository.indicator_units(connection)
        cells = connection.execute(
            "SELECT DISTINCT indicator_code, year, quarter, sex, age_group, exploitation "
            "FROM observation_versions ORDER BY ALL"
        ).fetchall()
        for view in (PUBLIC_VIEW, SUBMITTED):
            counts = SmallCounts(connection, view, None)
            for code, year, quarter, sex, age, exploitation in cells:
                if units.get(code) != "persons":
                    continue
                shown = counts.decide(
                    code, Period(year, quarter), Breakdown(sex, age, exploitation), None
                )
                found[(view.visibility, code, year, quarter, sex, age, exploitation)] = shown
    return found


def _kept(store: Store) -> list[tuple[str, str, str]]:
    with duckdb.connect(str(store.path), read_only=True) as connection:
        return [
            (str(d), str(i), str(p))
            for d, i, p in connection.execute(
                "SELECT digest, inputs, patterns FROM disclosure_patterns ORDER BY digest"
            ).fetchall()
        ]


def _edit(store: Store, digest: str, patterns: str) -> None:
    with duckdb.connect(str(store.path)) as connection:
        connection.execute(
            "UPDATE disclosure_patterns SET patterns = ? WHERE digest = ?", [patterns, digest]
        )


def _solves() -> mock._patch[mock.MagicMock]:
    """Count the solver's calls (and still solve)."""
    return mock.patch.object(disclosure_tables, "patterns", side_effect=disclosure_tables.patterns)


def _with_small_and_hidden(store: Store) -> tuple[str, list[list[list[object]]]]:
    """A kept entry whose last point suppresses a small count and hides another cell."""
    for digest, _inputs, text in _kept(store):
        points = json.loads(text)
        labels = {cell[-1] for cell in points[-1]}
        if {"small", "hidden"} <= labels:
            return digest, points
    raise AssertionError("no kept pattern with a small and a hidden cell")


def test_kept_patterns_are_used_by_a_new_process_without_solving(
    running_year: RunningYear,
) -> None:
    store = running_year.store()
    with _solves() as solver:
        solved_here = _decisions(store)
    assert solver.call_count > 0
    assert any(d is not None for d in solved_here.values()), "no small count in the scenario"
    small_counts.forget_patterns()

    report = kept_patterns.keep(store, THRESHOLD)
    assert report.solved == report.added == len(_kept(store)) > 0
    small_counts.forget_patterns()
    with mock.patch.object(disclosure_tables, "patterns", side_effect=AssertionError("solved")):
        assert _decisions(store) == solved_here
    again = kept_patterns.keep(store, THRESHOLD)
    assert (again.solved, again.added, again.removed) == (0, 0, 0)


def test_an_entry_that_shows_a_small_count_is_not_used(running_year: RunningYear) -> None:
    store = running_year.store()
    expected = _decisions(store)
    kept_patterns.keep(store, THRESHOLD)
    digest, points = _with_small_and_hidden(store)
    points[-1] = [cell for cell in points[-1] if cell[-1] != "small"]
    _edit(store, digest, json.dumps(points))
    small_counts.forget_patterns()
    with _solves() as solver:
        assert _decisions(store) == expected
    assert solver.call_count > 0


@pytest.mark.parametrize(
    "garbage", ["", "null", "[[]]", '[[["year",null,"male","all","all","maybe"]]]', "{"]
)
def test_an_entry_that_cannot_be_read_is_not_used(running_year: RunningYear, garbage: str) -> None:
    store = running_year.store()
    expected = _decisions(store)
    kept_patterns.keep(store, THRESHOLD)
    for digest, _inputs, _patterns in _kept(store):
        _edit(store, digest, garbage)
    small_counts.forget_patterns()
    with _solves() as solver:
        assert _decisions(store) == expected
    assert solver.call_count > 0


def test_audit_verify_solves_each_kept_pattern_again(running_year: RunningYear) -> None:
    store = running_year.store()
    kept_patterns.keep(store, THRESHOLD)
    clean = audit.verify(store, AUDITOR)
    assert clean.ok, clean.message_en
    assert f"{len(_kept(store))} kept small-count patterns solved again and equal" in (
        clean.message_en
    )

    # An insider loosens the complementary suppression: the reader's check cannot see it (every
    # small count is still suppressed), audit verify does.
    digest, points = _with_small_and_hidden(store)
    points[-1] = [cell for cell in points[-1] if cell[-1] != "hidden"]
    _edit(store, digest, json.dumps(points))
    loosened = audit.verify(store, AUDITOR)
    assert not loosened.ok
    assert [(f.problem, f.key) for f in loosened.findings] == [("pattern-differs", digest)]
    assert "ikke det, reglerne giver" in loosened.findings[0].message_da


def test_audit_verify_finds_inputs_that_are_not_the_digests(running_year: RunningYear) -> None:
    store = running_year.store()
    kept_patterns.keep(store, THRESHOLD)
    digest, inputs, _patterns = _kept(store)[0]
    with duckdb.connect(str(store.path)) as connection:
        connection.execute(
            "UPDATE disclosure_patterns SET inputs = ? WHERE digest = ?",
            [inputs.replace('"threshold":3', '"threshold":2'), digest],
        )
    verdict = audit.verify(store, AUDITOR)
    assert [(f.problem, f.key) for f in verdict.findings] == [("pattern-inputs-differ", digest)]


@pytest.mark.parametrize("value", [-5, 10**30])
def test_audit_verify_names_crafted_inputs_without_failing(
    running_year: RunningYear, value: int
) -> None:
    """An insider writes inputs of their own under their own digest (a negative count, a
    count beyond any table): verify solves them like any other and names the entry where the
    patterns are not what they give, it does not stop with a traceback. (Such an entry is
    never read: no view's figures have that digest.)"""
    store = running_year.store()
    kept_patterns.keep(store, THRESHOLD)
    digest, inputs, patterns = _kept(store)[0]
    crafted = json.loads(inputs)
    crafted["moments"][-1][-1][-1] = value
    text = json.dumps(crafted, separators=(",", ":"), sort_keys=True)
    with duckdb.connect(str(store.path)) as connection:
        connection.execute(
            "INSERT INTO disclosure_patterns VALUES (?, ?, ?, now()::TIMESTAMP)",
            [pattern_codec.digest(text), text, patterns],
        )
    verdict = audit.verify(store, AUDITOR)  # no exception: a verdict
    assert digest != pattern_codec.digest(text)
    assert {(f.key, f.problem) for f in verdict.findings} <= {
        (pattern_codec.digest(text), "pattern-differs"),
        (pattern_codec.digest(text), "pattern-inputs-differ"),
    }
    assert verdict.ok == (not verdict.findings)


def test_patterns_of_other_rules_are_neither_read_nor_checked(running_year: RunningYear) -> None:
    store = running_year.store()
    kept_patterns.keep(store, THRESHOLD)
    kept = len(_kept(store))
    with mock.patch.object(pattern_codec, "code_version", return_value="other rules"):
        small_counts.forget_patterns()
        with _solves() as solver:
            _decisions(store)
        assert solver.call_count > 0
        verdict = audit.verify(store, AUDITOR)
    assert verdict.ok, verdict.message_en
    assert f"({kept} from another version of the rules, not used)" in verdict.message_en


def test_the_digest_covers_figures_aggregation_threshold_and_rules() -> None:
    moment: disclosure_tables.Moment = (((None, "all", "all", "all"), 5),)
    other: disclosure_tables.Moment = (((None, "all", "all", "all"), 6),)
    base = pattern_codec.digest(pattern_codec.inputs((moment,), "flow", 3))
    assert base == pattern_codec.digest(pattern_codec.inputs((moment,), "flow", 3))
    assert base != pattern_codec.digest(pattern_codec.inputs((other,), "flow", 3))
    assert base != pattern_codec.digest(pattern_codec.inputs((moment,), "stock", 3))
    assert base != pattern_codec.digest(pattern_codec.inputs((moment,), "flow", 5))
    with mock.patch.object(pattern_codec, "code_version", return_value="other rules"):
        assert base != pattern_codec.digest(pattern_codec.inputs((moment,), "flow", 3))
    read = pattern_codec.read_inputs(pattern_codec.inputs((moment, other), "stock", 4))
    assert read is not None
    assert (read.moments, read.aggregation, read.threshold) == ((moment, other), "stock", 4)


def _upload(store: Store, year: int, quarter: int, sent: dt.datetime) -> int:
    cells = {"": 9, "female": 6, "male": 2, "transgender": 1}
    report = ingest.import_file(
        store,
        scenarios.sex_quarter_file(year, quarter, cells),
        "kvartal.csv",
        "kpi",
        actor=UPLOADER,
        now=sent,
    )
    assert report.status == "stored", [p.message_en for p in report.problems]
    assert report.change_set_id is not None
    return report.change_set_id


def _current_digests(store: Store, view: View, indicator: str) -> set[str]:
    with store.connect(read_only=True) as connection:
        counts = SmallCounts(connection, view, None)
        years = disclosure_sql.years_with_small_parts(
            connection, indicator=indicator, threshold=THRESHOLD
        )
        inputs = [counts.solver_input(indicator, year) for year in years]
    return {
        pattern_codec.digest(pattern_codec.inputs(*found, THRESHOLD))
        for found in inputs
        if found is not None
    }


def test_an_approval_keeps_what_viewers_now_see_and_old_entries_go(
    running_year: RunningYear,
) -> None:
    """The next quarter arrives after the running year, with a small count; the approver
    approves it on the command line: what viewers see of it is kept, nothing is left to
    solve; a later full keep removes the entries of the figures before it."""
    store = running_year.store()
    kept_patterns.keep(store, THRESHOLD)
    before = {digest for digest, _i, _p in _kept(store)}
    sent = max(running_year.moments.values()) + dt.timedelta(days=1)
    year, quarter = max(scenarios.QUARTERS)
    year, quarter = (year, quarter + 1) if quarter < 4 else (year + 1, 1)
    number = _upload(store, year, quarter, sent)
    with mock.patch(  # the scenario's moments are after the real now: approved an hour later
        "planwatch.access.approvals.utc_now", return_value=sent + dt.timedelta(hours=1)
    ):
        approved = CliRunner().invoke(
            main, ["approve", str(number), "--user", "approver1", "--db", str(store.path)]
        )
    assert approved.exit_code == 0, approved.output
    kept = {digest for digest, _i, _p in _kept(store)}
    public = _current_digests(store, PUBLIC_VIEW, "victims_assessed")
    assert public <= kept
    assert public - before, "the approval changed nothing viewers see"
    report = kept_patterns.keep(store, THRESHOLD)
    assert report.solved == 0
    assert report.removed == len(kept - {d for d, _i, _p in _kept(store)}) > 0


def test_db_patterns_reports_in_danish(users_store: Store) -> None:
    result = CliRunner().invoke(main, ["db", "patterns", "--db", str(users_store.path)])
    assert result.exit_code == 0, result.output
    assert "Mønstre for små antal:" in result.output
    assert "løst" in result.output
    again = CliRunner().invoke(main, ["--json", "db", "patterns", "--db", str(users_store.path)])
    assert json.loads(again.output)["solved"] == 0


def test_serve_starts_the_keeping_beside_the_server(users_store: Store, tmp_path: Path) -> None:
    with (
        mock.patch("subprocess.Popen") as started,
        mock.patch("os.execve", side_effect=SystemExit(0)) as served,
    ):
        result = CliRunner().invoke(main, ["serve", "--db", str(users_store.path)])
    assert result.exit_code == 0, result.output
    assert served.called
    command = started.call_args.args[0]
    assert command[-3:] == ["db", "patterns", "--low-priority"]
    assert str(users_store.path.resolve()) in command
    assert started.call_args.kwargs["start_new_session"] is True

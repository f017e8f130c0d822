"""The bundled reference data: real figures with sources, loaded once, illustrative demo marked."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from planwatch.domain.indicators import TargetDirection
from planwatch.domain.periods import Period
from planwatch.domain.sources import SourceKind
from planwatch.domain.vocab import Breakdown
from planwatch.errors import DataError
from planwatch.figures import reporting
from planwatch.storage import Store, repository
from planwatch.uploads import reference
from tests.paths import TEST_DATA


@pytest.mark.parametrize(("year", "value"), [(2022, 73), (2023, 112)])
def test_victims_assessed_comes_with_cmm_as_its_source(
    demo_store: Store, year: int, value: int
) -> None:
    answer = reporting.figure(demo_store, "victims_assessed", Period(year))
    assert answer is not None
    assert answer.preferred.value == value
    assert answer.preferred.source.publisher == "Center mod Menneskehandel"
    assert answer.preferred.source.url and answer.preferred.source.url.startswith("https://")
    assert answer.preferred.source.kind is SourceKind.OFFICIAL
    # The minister's speech repeats the figure: kept as a second source, not preferred.
    assert [a.source.source_id for a in answer.alternatives] == ["talepapir-samraad-2024-06-04"]
    assert all(a.value == value for a in answer.alternatives)


def test_the_headline_series_is_the_published_one(demo_store: Store) -> None:
    series = {v.year: v.value for v in reporting.year_series(demo_store, "victims_assessed")}
    published = {
        2015: 93,
        2016: 121,
        2017: 98,
        2018: 97,
        2019: 64,
        2020: 77,
        2021: 80,
        2022: 73,
        2023: 112,
    }
    assert {year: series[year] for year in published} == published
    assert 2024 not in series, "2024 has not been published and must not appear"


def test_conflicting_sources_are_both_kept_and_one_is_preferred(demo_store: Store) -> None:
    answer = reporting.figure(
        demo_store, "victims_assessed", Period(2020), Breakdown(exploitation="sexual")
    )
    assert answer is not None
    assert answer.preferred.value == 45
    assert [a.value for a in answer.alternatives] == [44]


def test_the_us_report_series_stays_separate(demo_store: Store) -> None:
    cmm = reporting.year_value(demo_store, "victims_assessed", 2021)
    tip = reporting.year_value(demo_store, "victims_identified_tip", 2021)
    assert cmm is not None and tip is not None
    assert (cmm.value, tip.value) == (80, 68)


def test_cumulative_count_is_a_stock_that_agrees_with_the_yearly_counts(demo_store: Store) -> None:
    cumulative = {
        v.year: v.value for v in reporting.year_series(demo_store, "victims_assessed_cumulative")
    }
    yearly = {v.year: v.value for v in reporting.year_series(demo_store, "victims_assessed")}
    assert cumulative[2023] - cumulative[2019] == sum(yearly[y] for y in range(2020, 2024))
    assert (
        reporting.indicator(demo_store, "victims_assessed_cumulative").aggregation.value == "stock"
    )


def test_plan_totals_are_the_published_ones(demo_store: Store) -> None:
    totals = {p.plan_id: p.total_dkk for p in reporting.plans(demo_store)}
    assert totals == {
        "2011-2014": Decimal(80_000_000),
        "2015-2018": Decimal(108_350_000),
        "2019-2021": Decimal(63_000_000),
        "2022-2025": Decimal(118_200_000),
    }


def test_every_unpublished_money_figure_is_marked_illustrative(demo_store: Store) -> None:
    money = reporting.plan_money(demo_store, "2022-2025")
    assert money.allocated_illustrative and money.spent_illustrative
    assert money.allocated_dkk is not None and money.allocated_dkk <= money.plan.total_dkk
    with demo_store.connect(read_only=True) as connection:
        kinds = connection.execute(
            "SELECT DISTINCT s.kind FROM (SELECT source_id FROM allocation_versions UNION ALL "
            "SELECT source_id FROM spending_versions UNION ALL SELECT source_id FROM initiatives) "
            "JOIN sources s USING (source_id)"
        ).fetchall()
    assert kinds == [("illustrative",)]


def test_published_figures_are_never_illustrative(demo_store: Store) -> None:
    with demo_store.connect(read_only=True) as connection:
        rows = connection.execute(
            "SELECT count(*) FROM observation_versions JOIN sources USING (source_id) "
            "WHERE kind = 'illustrative'"
        ).fetchall()
    assert rows == [(0,)]


def test_without_demo_there_is_no_money_beyond_the_plan_totals(empty_store: Store) -> None:
    reference.load(empty_store)
    money = reporting.plan_money(empty_store, "2022-2025")
    assert (money.allocated_dkk, money.spent_dkk) == (None, None)
    assert not money.allocated_illustrative


def test_init_twice_adds_no_rows(demo_store: Store) -> None:
    with demo_store.connect(read_only=True) as connection:
        before = repository.table_counts(connection)
    report = reference.load(demo_store, demo=True)
    with demo_store.connect(read_only=True) as connection:
        after = repository.table_counts(connection)
    assert report.rows_added == 0
    assert report.migrations_applied == []
    assert report.differing == {}
    assert after == before


def _copy_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(reference.DATA_DIR / "reference", data / "reference")
    shutil.copytree(reference.DATA_DIR / "demo", data / "demo")
    return data


def test_broken_reference_data_is_reported_by_row_and_nothing_is_stored(
    tmp_path: Path, empty_store: Store
) -> None:
    data = _copy_data(tmp_path)
    broken = (
        TEST_DATA / "invalid" / "observations-two-preferred-and-bad-vocabulary.csv"
    ).read_text()
    (data / "reference" / "observations.csv").write_text(broken, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        reference.load(empty_store, data_dir=data)
    problems = raised.value.problems
    located = {(p.code, p.row, p.column) for p in problems}
    assert ("not-in-vocabulary", 4, "sex") in located
    assert ("rule-broken", 2, None) in located and ("rule-broken", 3, None) in located
    assert ("wrong-type", 5, "value") in located
    with empty_store.connect(read_only=True) as connection:
        assert repository.table_counts(connection)["observation_versions"] == 0


def test_a_figure_citing_an_unknown_source_is_refused(tmp_path: Path, empty_store: Store) -> None:
    data = _copy_data(tmp_path)
    path = data / "reference" / "observations.csv"
    path.write_text(
        path.read_text(encoding="utf-8") + "victims_assessed,2030,,,,,5,no-such-source,true,\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as raised:
        reference.load(empty_store, data_dir=data)
    assert [(p.code, p.column, p.value) for p in raised.value.problems] == [
        ("unknown-reference", "source_id", "no-such-source")
    ]


def test_no_target_is_invented_for_the_bundled_plans(demo_store: Store) -> None:
    assert all(
        reporting.targets(demo_store, code) == [] for code in ("victims_assessed", "assessments")
    )


def test_targets_per_year_and_for_the_whole_plan_are_loaded_and_versioned(
    tmp_path: Path, empty_store: Store
) -> None:
    data = _copy_data(tmp_path)
    targets = data / "reference" / "targets.csv"
    targets.write_text(
        "indicator,plan_id,year,kind,value,source_id,note,direction\n"
        "assessments,2022-2025,,baseline,182,talepapir-samraad-2024-06-04,2020 level,\n"
        "assessments,2022-2025,2025,target,300,talepapir-samraad-2024-06-04,test target,at_least\n",
        encoding="utf-8",
    )
    reference.load(empty_store, data_dir=data)
    found = reporting.targets(empty_store, "assessments", "2022-2025")
    assert [(t.kind.value, t.year, t.value, t.direction) for t in found] == [
        ("baseline", None, Decimal(182), None),
        ("target", 2025, Decimal(300), TargetDirection.AT_LEAST),
    ]
    assert reference.load(empty_store, data_dir=data).rows_added == 0


def test_a_targets_file_written_before_directions_loads_with_none(
    tmp_path: Path, empty_store: Store
) -> None:
    """Older files, and the reference files older archives hold, have no direction column."""
    data = _copy_data(tmp_path)
    (data / "reference" / "targets.csv").write_text(
        "indicator,plan_id,year,kind,value,source_id,note\n"
        "assessments,2022-2025,2025,target,300,talepapir-samraad-2024-06-04,old file\n",
        encoding="utf-8",
    )
    reference.load(empty_store, data_dir=data)
    (found,) = reporting.targets(empty_store, "assessments", "2022-2025")
    assert (found.value, found.direction) == (Decimal(300), None)


@pytest.mark.parametrize(
    ("kind", "direction", "wrong"),
    [
        ("target", "mindst", "direction"),  # not one of the three words
        ("baseline", "at_most", "a baseline has no direction"),
    ],
)
def test_a_wrong_direction_is_refused_and_nothing_is_stored(
    tmp_path: Path, empty_store: Store, kind: str, direction: str, wrong: str
) -> None:
    data = _copy_data(tmp_path)
    (data / "reference" / "targets.csv").write_text(
        "indicator,plan_id,year,kind,value,source_id,note,direction\n"
        f"assessments,2022-2025,2025,{kind},300,talepapir-samraad-2024-06-04,,{direction}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as refused:
        reference.load(empty_store, data_dir=data)
    assert wrong in str(refused.value.problems) + str(refused.value)
    with empty_store.connect(read_only=True) as connection:
        assert connection.execute("SELECT count(*) FROM target_versions").fetchone() == (0,)

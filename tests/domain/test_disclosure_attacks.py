"""The two attacks of issue 16 on small counts, played through the services a viewer's pages
and the CLI use: deduction from the suppression pattern (the 2017 TIP breakdown), and a quarter
worked out from the year built from quarters at two "as of" moments.

The attacker (tests/domain/attacker.py) is written independently of planwatch's engine."""

from __future__ import annotations

from planwatch.domain.periods import Period
from planwatch.domain.permissions import View
from planwatch.domain.vocab import TOTAL, Breakdown
from planwatch.figures import reporting
from planwatch.storage import Store
from tests.domain.attacker import SMALL, UNKNOWN, Attacker, Seen, all_small_cells_open, merge
from tests.domain.attacker import seen_of as seen_as
from tests.scenarios import RunningYear

SEXES = ("female", "male")
EXPLOITATION = ("criminal_activities", "forced_labour", "not_registered", "other", "sexual")


# --- the 2017 TIP attack: deduction from the pattern --------------------------------------------


def test_the_2017_tip_breakdown_no_longer_pins_forced_labour(demo_store: Store) -> None:
    """`figure victims_identified_tip 2017 --exploitation X` for every X gave 98, 5, <3,
    hidden, 3, 86: the hidden cell is >= 3 and (the smallest other cell being hidden) <= 3, so
    forced labour was 1. Here the attacker also uses the breakdowns by sex and age."""
    seen: dict[str, Seen] = {}
    breakdowns = {
        "total": TOTAL,
        **{code: Breakdown(exploitation=code) for code in EXPLOITATION},
        **{sex: Breakdown(sex=sex) for sex in ("female", "male", "transgender")},
        "under_18": Breakdown(age_group="under_18"),
    }
    for name, breakdown in breakdowns.items():
        answer = reporting.figure(demo_store, "victims_identified_tip", Period(2017), breakdown)
        assert answer is not None, name
        merge(seen, name, seen_as(answer.preferred.value, answer.preferred.suppressed))
    assert seen["forced_labour"] == SMALL
    attacker = Attacker(
        3,
        seen,
        [
            ("total", EXPLOITATION),
            ("total", ("female", "male", "transgender")),
        ],
    )
    all_small_cells_open(attacker)


# --- the quarters attack: a year built from quarters, at two "as of" moments --------------------


def _gather_running_year(scenario: RunningYear, moment: str, seen: dict[str, Seen]) -> None:
    """What a viewer sees of 2025 as of ``moment``: the year (built from its quarters, with the
    quarters it shows) for the total and by sex, and every quarterly figure."""
    store, as_of = scenario.store(), scenario.moments[moment]
    by_sex = reporting.breakdown_series(store, "victims_assessed", "sex", as_of=as_of)
    years = {"all": reporting.year_value(store, "victims_assessed", 2025, as_of=as_of)}
    years.update({code: next(v for v in by_sex[code] if v.year == 2025) for code in SEXES})
    for code, year in years.items():
        assert year is not None
        merge(seen, f"Y@{moment}:{code}", seen_as(year.value, year.suppressed))
        for quarter, value in year.by_quarter:
            merge(seen, f"Q{quarter}:{code}", int(value))
    for quarter in (1, 2):
        for code in ("all", "female", "male"):
            breakdown = TOTAL if code == "all" else Breakdown(sex=code)
            answer = reporting.figure(
                store, "victims_assessed", Period(2025, quarter), breakdown, as_of=as_of
            )
            if answer is not None:
                figure = answer.preferred
                merge(seen, f"Q{quarter}:{code}", seen_as(figure.value, figure.suppressed))


def test_a_quarter_cannot_be_worked_out_from_the_year_at_two_moments(
    running_year: RunningYear,
) -> None:
    """After the Q1 and Q2 2025 uploads, men in 2025 showed 9 then 11 while Q2 men showed <3:
    11 - 9 = 2. A quarter's figures did not change between the two moments (the history shows
    that), so the attacker treats them as one unknown."""
    seen: dict[str, Seen] = {}
    for moment in ("2025-Q1", "2025-Q2"):
        _gather_running_year(running_year, moment, seen)
    assert seen["Q2:male"] == SMALL
    sums = []
    for code in ("all", "female", "male"):
        seen.setdefault(f"Q2:{code}", "unknown")
        sums += [(f"Y@2025-Q1:{code}", (f"Q1:{code}",))]
        sums += [(f"Y@2025-Q2:{code}", (f"Q1:{code}", f"Q2:{code}"))]
    for period in ("Q1", "Q2", "Y@2025-Q1", "Y@2025-Q2"):
        sums.append((f"{period}:all", (f"{period}:female", f"{period}:male")))
    all_small_cells_open(Attacker(3, seen, sums))


# --- every persons indicator of the bundled data ------------------------------------------------


def test_on_the_demo_data_no_small_count_can_be_narrowed(demo_store: Store) -> None:
    """Every persons indicator, year and breakdown a viewer's pages show (the series by each
    dimension and the totals), with the sums the exact figures say hold (equal, or at most the
    total where a part is not stored) - the strongest attacker."""
    exact = View(exact_small_counts=True)
    checked = 0
    for indicator in reporting.indicators(demo_store):
        if indicator.unit != "persons":
            continue
        code = indicator.code
        seen: dict[str, Seen] = {}
        sums: list[tuple[str, tuple[str, ...]]] = []
        at_most: list[tuple[str, tuple[str, ...]]] = []
        totals = {v.year: v for v in reporting.year_series(demo_store, code)}
        for year, total in totals.items():
            merge(seen, f"{year}:all", seen_as(total.value, total.suppressed))
        for dimension in ("sex", "age_group", "exploitation"):
            shown = reporting.breakdown_series(demo_store, code, dimension)
            true = reporting.breakdown_series(demo_store, code, dimension, view=exact)
            by_year: dict[int, list[str]] = {}
            for cell, values in shown.items():
                for value in values:
                    merge(seen, f"{value.year}:{cell}", seen_as(value.value, value.suppressed))
                    by_year.setdefault(value.year, []).append(cell)
            for year, cells in by_year.items():
                parts = tuple(f"{year}:{c}" for c in cells)
                true_sum = sum(next(v.value for v in true[c] if v.year == year) or 0 for c in cells)
                if year not in totals:
                    seen.setdefault(f"{year}:all", UNKNOWN)
                    at_most.append((f"{year}:all", parts))
                    continue
                total_value = totals[year].value
                assert total_value is not None
                if true_sum == total_value:
                    sums.append((f"{year}:all", parts))
                elif true_sum < total_value:
                    at_most.append((f"{year}:all", parts))
        checked += sum(1 for v in seen.values() if v == SMALL)
        all_small_cells_open(Attacker(3, seen, sums, at_most))
    assert checked >= 3, "the bundled data has small counts (2019 by sex, TIP 2017 and 2018)"

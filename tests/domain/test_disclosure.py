"""Suppression that cannot be undone (issue 16): an attacker who combines everything a viewer
sees - every breakdown, the totals, quarters and the years built from them, two "as of"
moments - and knows what each label means, never narrows a small count below 1 .. t-1.

The attacker (tests/domain/attacker.py) is written independently of the engine."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwatch.domain import disclosure, disclosure_tables
from planwatch.domain.disclosure import Relation, Table
from planwatch.domain.disclosure_tables import CellKey, StoredKey
from planwatch.domain.permissions import PUBLIC_VIEW
from planwatch.domain.suppression import Suppression
from planwatch.figures import publication
from tests.domain.attacker import HIDDEN, SMALL, WITHHELD, Attacker, Seen
from tests.scenarios import RunningYear

EXPLOITATION = ("criminal_activities", "forced_labour", "not_registered", "other", "sexual")


# --- generated tables with many small cells -----------------------------------------------------

SEXES = ("female", "male", "transgender")
FORMS = ("sexual", "labour", "crime")


@st.composite
def grids(draw: st.DrawFn) -> tuple[dict[StoredKey, int], int]:
    """A complete sex x exploitation table with its margins and total, for the year or for two
    quarters (the year then built from them), with many small cells."""
    threshold = draw(st.integers(3, 5))
    sexes = SEXES[: draw(st.integers(2, 3))]
    forms = FORMS[: draw(st.integers(1, 3))]
    quarters: tuple[int | None, ...] = draw(st.sampled_from([(None,), (1, 2)]))
    cell = st.one_of(st.integers(0, threshold), st.integers(0, 40))
    stored: dict[StoredKey, int] = {}
    for quarter in quarters:
        grid = {(s, f): draw(cell) for s in sexes for f in forms}
        for (s, f), value in grid.items():
            stored[(quarter, s, "all", f)] = value
        for s in sexes:
            stored[(quarter, s, "all", "all")] = sum(grid[(s, f)] for f in forms)
        for f in forms:
            stored[(quarter, "all", "all", f)] = sum(grid[(s, f)] for s in sexes)
        stored[(quarter, "all", "all", "all")] = sum(grid.values())
    return stored, threshold


_LABELS: dict[Suppression, Seen] = {
    Suppression.SMALL: SMALL,
    Suppression.HIDDEN: HIDDEN,
    Suppression.WITHHELD: WITHHELD,
}


def _cells(stored: dict[StoredKey, int]) -> dict[tuple[str, int | None, str, str], int]:
    """The year's cells: the stored ones, and the year built from the quarters."""
    cells: dict[tuple[str, int | None, str, str], int] = {}
    for (quarter, sex, _, form), value in stored.items():
        cells[("year" if quarter is None else "quarter", quarter, sex, form)] = value
    quarters = sorted({q for q, *_ in stored if q is not None})
    if quarters:
        for _, quarter, sex, form in list(cells):
            if quarter == quarters[0]:
                built = sum(cells[("quarter", q, sex, form)] for q in quarters)
                cells[("quarters", None, sex, form)] = built
    return cells


def _name(key: tuple[str, int | None, str, str]) -> str:
    return f"{key[0]}{key[1] or ''}:{key[2]}:{key[3]}"


def _attacker(
    stored: dict[StoredKey, int], pattern: dict[CellKey, Suppression], t: int
) -> Attacker:
    """What the attacker sees of the year's table, and the sums they know (built here from the
    cells, not from the engine's relations)."""
    cells = _cells(stored)
    name = _name
    quarters = sorted({q for q, *_ in stored if q is not None})
    seen: dict[str, Seen] = {}
    for key, value in cells.items():
        label = pattern.get((key[0], key[1], key[2], "all", key[3]))
        seen[name(key)] = value if label is None else _LABELS[label]
    sums = []
    periods = {(k[0], k[1]) for k in cells}
    sexes = sorted({k[2] for k in cells} - {"all"})
    forms = sorted({k[3] for k in cells} - {"all"})
    for kind, quarter in periods:
        for sex in [*sexes, "all"]:
            sums.append(
                (
                    name((kind, quarter, sex, "all")),
                    tuple(name((kind, quarter, sex, f)) for f in forms),
                )
            )
        for form in [*forms, "all"]:
            sums.append(
                (
                    name((kind, quarter, "all", form)),
                    tuple(name((kind, quarter, s, form)) for s in sexes),
                )
            )
    for key in cells:
        if key[0] == "quarters":
            sums.append((name(key), tuple(name(("quarter", q, key[2], key[3])) for q in quarters)))
    return Attacker(t, seen, sums)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grid=grids())
def test_on_generated_tables_no_small_count_can_be_narrowed(
    grid: tuple[dict[StoredKey, int], int],
) -> None:
    """Every small count stays any of 1 .. t-1 for the attacker, whether shown as "<t" or
    withheld - except where the shown totals alone rule a value out (:func:`_fixed_by_totals`),
    and there the cell is withheld so that it may also be 0."""
    stored, threshold = grid
    moment = disclosure_tables.as_moment(stored)
    assert moment is not None
    [pattern] = disclosure_tables.patterns([moment], "flow", threshold)
    for (quarter, sex, _, form), value in stored.items():
        key: CellKey = ("year" if quarter is None else "quarter", quarter, sex, "all", form)
        if sex == form == "all":
            assert key not in pattern, "totals stay shown"
        elif 0 < value < threshold:
            assert pattern.get(key) in (Suppression.SMALL, Suppression.WITHHELD), "suppressed"
        else:
            assert pattern.get(key) is not Suppression.SMALL, "only small counts are '<t'"
    attacker = _attacker(stored, pattern, threshold)
    truth = {_name(k): v for k, v in _cells(stored).items()}
    pinned = attacker.pinned_cells(truth)
    assert all(_fixed_by_totals(stored, threshold, name) for name, _ in pinned), (pinned, pattern)
    forms = {f for (_, _, _, f) in stored} - {"all"}
    for name, _ in pinned:
        if not (name.split(":")[1] == "all" and len(forms) == 1):  # not the total itself
            assert attacker.possible(name, 0), f"{name} is pinned by the totals: may it be 0?"
    again = disclosure_tables.patterns([moment], "flow", threshold)
    shuffled = disclosure_tables.as_moment(dict(reversed(list(stored.items()))))
    assert shuffled is not None
    assert again == [pattern] == disclosure_tables.patterns([shuffled], "flow", threshold)


def _fixed_by_totals(stored: dict[StoredKey, int], threshold: int, name: str) -> bool:
    """The condition the engine guarantees, stated independently of it: a small cell can be
    every value 1 .. t-1 unless the total of its period (the quarter, the year, or the year
    built from the quarters) is below t - 1, or it is the only form of exploitation (then it
    equals that total)."""
    kind, sex, _ = name.split(":")
    forms = {f for (_, _, _, f) in stored} - {"all"}
    if kind == "quarters":
        total = sum(v for (q, s, _, f), v in stored.items() if q is not None and s == f == "all")
    else:
        quarter = int(kind[len("quarter") :]) if kind.startswith("quarter") else None
        total = stored[(quarter, "all", "all", "all")]
    return total < threshold - 1 or (sex == "all" and len(forms) == 1)


# --- the engine, by example ---------------------------------------------------------------------


def _tip_2017() -> Table[str]:
    values = {"total": 98, "crime": 5, "labour": 1, "unknown": 3, "other": 3, "sexual": 86}
    parts = tuple(k for k in values if k != "total")
    return Table(
        values,
        (Relation("total", parts),),
        frozenset(parts),
        order={k: i for i, k in enumerate(values)},
    )


def test_the_audit_pins_the_old_pattern_and_not_the_new_one() -> None:
    table = _tip_2017()
    old = {"labour": Suppression.SMALL, "unknown": Suppression.HIDDEN}
    assert disclosure.audit(table, old, 3) == {"labour": (1, 1), "unknown": (3, 3)}
    protection = disclosure.protect(table, 3)
    assert protection.pattern == {"labour": Suppression.SMALL, "crime": Suppression.HIDDEN}
    assert protection.unprotectable == ()
    assert disclosure.audit(table, protection.pattern, 3)["labour"] == (1, 2)


def test_a_total_of_two_small_parts_is_protected_by_withholding_them() -> None:
    """2 = 1 + 1 + 0: shown as "<3", "<3", hidden, the two parts are pinned to 1 (hidden is 0
    or at least 3, so both small cells are 1). Withheld ("any count") lets each be 0, 1 or 2."""
    table = Table(
        {"t": 2, "a": 1, "b": 1, "c": 0}, (Relation("t", ("a", "b", "c")),), frozenset("abc")
    )
    old = {"a": Suppression.SMALL, "b": Suppression.SMALL, "c": Suppression.HIDDEN}
    assert disclosure.audit(table, old, 3)["a"] == (1, 1)
    protection = disclosure.protect(table, 3)
    assert protection.unprotectable == ()
    assert protection.pattern == {"a": Suppression.WITHHELD, "b": Suppression.WITHHELD}
    assert disclosure.audit(table, protection.pattern, 3) == {"a": (0, 2), "b": (0, 2)}


def test_a_year_of_two_quarters_of_one_is_withheld_not_pinned() -> None:
    """The gap the attacker test found: women 2025 = Q1 (1) + Q2 (1) = 2, all three "<3": a sum
    of two cells of 1..2 that is at most 2 forces both to be 1."""
    stored: dict[StoredKey, int] = {}
    for quarter, (women, men) in ((1, (1, 6)), (2, (1, 5))):
        stored[(quarter, "all", "all", "all")] = women + men
        stored[(quarter, "female", "all", "all")] = women
        stored[(quarter, "male", "all", "all")] = men
    moment = disclosure_tables.as_moment(stored)
    assert moment is not None
    table = disclosure_tables.year_table(moment, "flow")
    [pattern] = disclosure_tables.patterns([moment], "flow", 3)
    women = [("quarter", 1, "female", "all", "all"), ("quarter", 2, "female", "all", "all")]
    women.append(("quarters", None, "female", "all", "all"))
    assert {pattern.get(k) for k in women} == {Suppression.WITHHELD}
    bounds = disclosure.audit(table, pattern, 3)
    assert all(bounds[k][0] <= 1 and bounds[k][1] >= 2 for k in women), bounds


def test_a_total_of_one_cannot_be_protected_and_its_part_is_withheld() -> None:
    """1 = 1 + 0 + 0: the shown total rules out 2, whatever is suppressed. The engine says so
    and withholds the group, so that the attacker cannot tell which part holds the person."""
    table = Table(
        {"t": 1, "a": 1, "b": 0, "c": 0}, (Relation("t", ("a", "b", "c")),), frozenset("abc")
    )
    protection = disclosure.protect(table, 3)
    assert protection.unprotectable == ("a",)
    assert protection.pattern["a"] is Suppression.WITHHELD
    assert disclosure.audit(table, protection.pattern, 3)["a"] == (0, 1)


def test_parts_that_add_up_to_less_than_their_total_give_only_an_upper_bound() -> None:
    table = Table({"t": 10, "a": 1}, (Relation("t", ("a",)),), frozenset("a"))
    assert disclosure.audit(table, {"a": Suppression.SMALL}, 3) == {"a": (1, 2)}


def test_a_cell_unchanged_between_two_points_is_one_unknown() -> None:
    """Point 1: A=1 (small), B=4, C=10, total 15. Point 2: A corrected to 3, total 17. Shown
    at point 2 as it stands, B = 17 - 3 - 10 = 4 and so A at point 1 = 15 - 4 - 10 = 1."""

    def moment(a: int, b: int, c: int) -> disclosure_tables.Moment:
        stored = {
            (None, "all", "all", "all"): a + b + c,
            (None, "female", "all", "all"): a,
            (None, "male", "all", "all"): b,
            (None, "transgender", "all", "all"): c,
        }
        found = disclosure_tables.as_moment(stored)
        assert found is not None
        return found

    first, second = disclosure_tables.patterns([moment(1, 4, 10), moment(3, 4, 10)], "flow", 3)
    female, male = ("year", None, "female", "all", "all"), ("year", None, "male", "all", "all")
    assert first == {female: Suppression.SMALL, male: Suppression.HIDDEN}
    assert second.get(male) is Suppression.HIDDEN, "unchanged and suppressed: stays suppressed"
    assert second.get(female) is Suppression.HIDDEN, "else B, and so A at point 1, is known"
    joint = disclosure_tables.joint_table([moment(1, 4, 10), moment(3, 4, 10)], "flow")
    pattern = {(0, k): v for k, v in first.items()} | {(1, k): v for k, v in second.items()}
    assert disclosure.audit(joint, pattern, 3)[(0, female)] == (1, 2)


def test_publication_points_are_the_approvals(running_year: RunningYear) -> None:
    points = publication.publication_points(running_year.store(), PUBLIC_VIEW)
    for step in ("2024-Q1", "2025-Q2"):
        approved = running_year.moments[step] - dt.timedelta(hours=1)
        assert approved in points
    assert points == sorted(points)


def _quarter_one(total: int, **by_sex: int) -> disclosure_tables.Moment:
    stored: dict[StoredKey, int] = {(1, "all", "all", "all"): total}
    stored.update({(1, sex, "all", "all"): n for sex, n in by_sex.items()})
    moment = disclosure_tables.as_moment(stored)
    assert moment is not None
    return moment


def test_a_correction_that_adds_a_small_cell_withholds_the_changed_totals() -> None:
    """12 = 5 + 7 published, then 13 = 5 + 7 + 1: the totals that changed are withheld at the
    correction (a last resort), and the new cell can be 0 .. many; at the first point no total
    is ever withheld."""
    moments = [
        _quarter_one(12, female=5, male=7),
        _quarter_one(13, female=5, male=7, transgender=1),
    ]
    first, second = disclosure_tables.patterns(moments, "flow", 3)
    assert first == {}
    totals = [("quarter", 1, "all", "all", "all"), ("quarters", None, "all", "all", "all")]
    assert all(second[k] is Suppression.WITHHELD for k in totals), second
    shown = ("quarter", 1, "female", "all", "all"), ("quarter", 1, "male", "all", "all")
    assert not any(k in second for k in shown), "women and men stay shown"
    table = disclosure_tables.joint_table(moments, "flow")
    pattern = {(i, k): v for i, p in enumerate((first, second)) for k, v in p.items()}
    low, high = disclosure.audit(table, pattern, 3)[
        (1, ("quarter", 1, "transgender", "all", "all"))
    ]
    assert low <= 1 and high >= 2


def test_a_total_of_one_at_the_first_point_is_still_shown() -> None:
    """The documented limit: totals are withheld only against a difference between points."""
    (pattern,) = disclosure_tables.patterns([_quarter_one(1, female=1, male=0)], "flow", 3)
    assert ("quarter", 1, "all", "all", "all") not in pattern
    assert pattern[("quarter", 1, "female", "all", "all")] is Suppression.WITHHELD


def test_only_a_new_or_changed_total_needs_the_solver_for_a_total() -> None:
    once = _quarter_one(12, female=5, male=7)
    assert not disclosure_tables.totals_change([once])
    same_total = _quarter_one(12, female=4, male=8)
    assert not disclosure_tables.totals_change([once, same_total]), "breakdowns only"
    assert disclosure_tables.totals_change([once, _quarter_one(13, female=5, male=7)])
    stored = {**dict(once), (2, "all", "all", "all"): 9}
    later = disclosure_tables.as_moment(stored)
    assert later is not None
    assert disclosure_tables.totals_change([once, later]), "a new quarter's total"

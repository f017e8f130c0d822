"""Small counts of persons in breakdowns: the rule, its guarantee (nothing suppressed can be
worked out from what is shown), and every path by which a breakdown value reaches a reader
(services, charts, tables, chart exports), checked on a database with small counts."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from planwatch.charts import render
from planwatch.domain import disclosure
from planwatch.domain.disclosure import Relation, Table
from planwatch.domain.periods import Period
from planwatch.domain.permissions import PUBLIC_VIEW, Role, View
from planwatch.domain.suppression import Suppressed, Suppression, applies, is_small
from planwatch.domain.vocab import TOTAL, Breakdown
from planwatch.figures import dashboard, reporting
from planwatch.storage import Store, repository
from tests import clock
from tests.helpers_access import add_user, sign_in
from tests.paths import APP

SMALL = Suppression.SMALL
HIDDEN = Suppression.HIDDEN
WITHHELD = Suppression.WITHHELD


def _group(threshold: int = 3, **values: int) -> dict[str, Suppression]:
    """The pattern of one group (its cells and their total, which stays shown)."""
    cells = dict(values)
    table = Table(
        {"total": sum(cells.values()), **cells},
        (Relation("total", tuple(cells)),),
        frozenset(cells),
        order={k: i for i, k in enumerate(cells)},
    )
    return disclosure.protect(table, threshold).pattern


# --- the rule, by example -----------------------------------------------------------------------


def test_the_published_2019_breakdown_by_sex() -> None:
    # 41 women, 22 men, 1 transgender person: the 1 is "<3"; 22 would give it away (64 - 41 - 22).
    assert _group(female=41, male=22, transgender=1) == {"transgender": SMALL, "male": HIDDEN}


def test_nothing_small_nothing_suppressed_and_zeros_are_shown() -> None:
    assert _group(female=0, male=10, transgender=3) == {}
    assert _group(female=0, male=0) == {}


def test_several_small_cells_whose_sum_leaves_each_open_need_no_complement() -> None:
    # 1 and 2 add up to 3: either could be the 1.
    assert _group(a=1, b=2, c=40) == {"a": SMALL, "b": SMALL}


@pytest.mark.parametrize("small", [1, 2])
def test_small_cells_pinned_by_their_sum_get_the_cheapest_other_cell_hidden(small: int) -> None:
    # 1 + 1 = 2 (or 2 + 2 = 4) leaves only one possibility for each.
    assert _group(a=small, b=small, c=40, d=7) == {"a": SMALL, "b": SMALL, "d": HIDDEN}


def test_a_hidden_cell_must_leave_room_for_every_small_value() -> None:
    # The TIP 2017 pattern: hiding the other 3 would pin the 1 (the hidden cell is 0 or >= 3).
    assert _group(crime=5, labour=1, unknown=3, other=3, sexual=86) == {
        "labour": SMALL,
        "crime": HIDDEN,
    }


def test_a_zero_cannot_protect_a_small_count_so_a_count_above_zero_is_hidden() -> None:
    # A hidden zero is 0 or at least 3: beside a 2 in a total of 2 + 7 it would still say 2.
    assert _group(a=2, b=0, c=40, d=7) == {"a": SMALL, "d": HIDDEN}


def test_a_total_of_small_counts_and_zeros_is_withheld() -> None:
    # 1 + 1 = 2 and 2 + 2 = 4 pin both under "<3" (and hidden, which is never small, cannot
    # help): withheld ("any count") lets each be 0 .. the total.
    assert _group(a=1, b=1) == {"a": WITHHELD, "b": WITHHELD}
    assert _group(a=2, b=2) == {"a": WITHHELD, "b": WITHHELD}
    # One person in all: the total (shown) says that it is 1 person; withheld hides where.
    assert _group(a=1, b=0, c=0) == {"a": WITHHELD, "b": WITHHELD}


def test_ties_go_to_the_first_cell_and_the_threshold_is_the_views() -> None:
    assert _group(a=2, b=9, c=9) == {"a": SMALL, "b": HIDDEN}
    assert _group(5, a=4, b=9, c=30) == {"a": SMALL, "b": HIDDEN}
    assert _group(5, a=5, b=9, c=30) == {}


def test_labels_and_where_the_rule_applies() -> None:
    assert Suppressed(SMALL, 3).label("da") == "<3"
    assert Suppressed(SMALL, 5).label("en") == "<5"
    assert Suppressed(HIDDEN, 3).label("da") == "skjult"
    assert Suppressed(HIDDEN, 3).label("en") == "hidden"
    assert Suppressed(WITHHELD, 3).label("da") == "ikke vist"
    assert Suppressed(WITHHELD, 3).label("en") == "withheld"
    women = Breakdown(sex="female")
    assert applies(PUBLIC_VIEW, "persons", women)
    assert not applies(PUBLIC_VIEW, "calls", women), "only counts of persons"
    assert not applies(PUBLIC_VIEW, "persons", TOTAL), "totals are never suppressed"
    assert not applies(View(exact_small_counts=True), "persons", women)
    assert is_small(Decimal(1), 3) and not is_small(Decimal(0), 3) and not is_small(None, 3)


# --- the services, on a database with small counts ----------------------------------------------

YEAR = 2031
SECOND_SOURCE = "talepapir-samraad-2024-06-04"


def _row(value: int, source: str = "cmm-tal-2023", **breakdown: str) -> dict[str, object]:
    return {
        "indicator_code": "victims_assessed",
        "year": YEAR,
        "quarter": None,
        "sex": breakdown.get("sex", "all"),
        "age_group": breakdown.get("age_group", "all"),
        "exploitation": breakdown.get("exploitation", "all"),
        "source_id": source,
        "value": float(value),
        "is_preferred": source == "cmm-tal-2023",
        "note": None,
    }


def _store_small_counts(store: Store, small: int, other_source: int) -> None:
    """2031, by sex: 9753 women, ``small`` men (a second source says ``other_source``) and
    8641 transgender persons; also 5000 women aged 18 and over, and the total. Stored as
    published reference data, which needs no approval."""
    rows = [
        _row(9753 + small + 8641),
        _row(9753, sex="female"),
        _row(small, sex="male"),
        _row(other_source, SECOND_SOURCE, sex="male"),
        _row(8641, sex="transgender"),
        _row(5000, sex="female", age_group="18_plus"),
    ]
    with store.transaction() as connection:
        change_set = repository.insert_change_set(
            connection,
            kind="reference",
            recorded_at=clock.later(days=1),  # after the demo database was built
            recorded_by="test",
        )
        repository.insert_new_versions(
            connection,
            "observation_versions",
            pd.DataFrame(rows).astype({"quarter": "Int16"}),
            change_set_id=change_set,
            compare_with_kinds=None,
        )


@pytest.fixture
def small_store(demo_store: Store) -> Store:
    _store_small_counts(demo_store, small=2, other_source=1)
    return demo_store


EXACT = View(exact_small_counts=True)


def test_a_breakdown_series_never_carries_a_suppressed_value(small_store: Store) -> None:
    series = reporting.breakdown_series(small_store, "victims_assessed", "sex")
    cells = {code: next(v for v in values if v.year == YEAR) for code, values in series.items()}
    assert cells["female"].value == 9753 and cells["female"].suppressed is None
    male, trans = cells["male"], cells["transgender"]
    assert (male.value, male.quarters_value, male.suppressed) == (None, None, Suppressed(SMALL, 3))
    assert (trans.value, trans.suppressed) == (None, Suppressed(HIDDEN, 3))
    exact = reporting.breakdown_series(small_store, "victims_assessed", "sex", view=EXACT)
    assert {c: next(v.value for v in vs if v.year == YEAR) for c, vs in exact.items()} == {
        "female": 9753,
        "male": 2,
        "transgender": 8641,
    }


def test_the_exact_view_is_exactly_what_is_stored(small_store: Store) -> None:
    with small_store.connect(read_only=True) as connection:
        rows = repository.breakdown_year_values(
            connection, indicator="victims_assessed", dimension="sex", as_of=None, view=EXACT
        )
    stored = {
        (r["code"], r["year"]): r["reported_value"]
        if r["reported_value"] is not None
        else r["quarters_value"]
        for r in rows
    }
    exact = reporting.breakdown_series(small_store, "victims_assessed", "sex", view=EXACT)
    assert {(c, v.year): v.value for c, vs in exact.items() for v in vs} == stored
    assert all(v.suppressed is None for values in exact.values() for v in values)


def test_a_figure_for_a_breakdown_is_suppressed_with_every_source(small_store: Store) -> None:
    men = reporting.figure(small_store, "victims_assessed", Period(YEAR), Breakdown(sex="male"))
    assert men is not None
    assert [(f.value, f.suppressed) for f in (men.preferred, *men.alternatives)] == [
        (None, Suppressed(SMALL, 3)),
        (None, Suppressed(SMALL, 3)),
    ]
    trans = reporting.figure(
        small_store, "victims_assessed", Period(YEAR), Breakdown(sex="transgender")
    )
    assert trans is not None
    assert (trans.preferred.value, trans.preferred.note) == (None, None)
    assert trans.preferred.suppressed == Suppressed(HIDDEN, 3)
    exact = reporting.figure(
        small_store, "victims_assessed", Period(YEAR), Breakdown(sex="male"), view=EXACT
    )
    assert exact is not None and (exact.preferred.value, exact.alternatives[0].value) == (2, 1)
    total = reporting.figure(small_store, "victims_assessed", Period(YEAR))
    assert total is not None and total.preferred.value == 9753 + 2 + 8641


def test_a_cell_with_two_breakdowns_is_decided_with_the_whole_table(small_store: Store) -> None:
    """5000 women aged 18 and over: women (9753) are shown and the other age groups are not
    stored, so it reveals nothing and is shown. The men's small count stays protected: the
    audit sees every cell of the year at once (tests/domain/test_disclosure*.py)."""
    both = Breakdown(sex="female", age_group="18_plus")
    answer = reporting.figure(small_store, "victims_assessed", Period(YEAR), both)
    assert answer is not None and answer.preferred.value == 5000
    series = reporting.year_series(small_store, "victims_assessed", both)
    assert [(v.year, v.value) for v in series] == [(YEAR, 5000)]
    men = reporting.figure(small_store, "victims_assessed", Period(YEAR), Breakdown(sex="male"))
    assert men is not None and men.preferred.suppressed == Suppressed(SMALL, 3)


def test_year_series_history_and_disagreements_suppress_the_same_cells(
    small_store: Store,
) -> None:
    men = Breakdown(sex="male")
    year = reporting.year_value(small_store, "victims_assessed", YEAR, men)
    assert year is not None and (year.value, year.suppressed) == (None, Suppressed(SMALL, 3))
    history = reporting.history(small_store, "victims_assessed", Period(YEAR), men)
    assert history and all(e.value is None and e.suppressed is not None for e in history)
    assert {
        e.value
        for e in reporting.history(small_store, "victims_assessed", Period(YEAR), men, view=EXACT)
    } == {2, 1}
    found = {
        (d.period, d.breakdown): d
        for d in dashboard.disagreements(small_store)
        if d.indicator == "victims_assessed"
    }
    disagreement = found[(Period(YEAR), "sex=male")]
    assert [(v.value, v.suppressed) for v in disagreement.values] == [
        (None, Suppressed(SMALL, 3)),
        (None, Suppressed(SMALL, 3)),
    ]
    exact = dashboard.disagreements(small_store, view=EXACT)
    assert [[v.value for v in d.values] for d in exact if d.period == Period(YEAR)] == [[2, 1]]


def test_other_units_and_totals_are_never_suppressed(demo_store: Store) -> None:
    tip = reporting.breakdown_series(demo_store, "victims_identified_tip", "exploitation")
    assert next(v for v in tip["forced_labour"] if v.year == 2017).suppressed is not None
    calls = reporting.year_series(demo_store, "hotline_calls")
    assert calls and all(v.suppressed is None for v in calls)
    with demo_store.connect(read_only=True) as connection:
        small_counts = reporting.SmallCounts(connection, PUBLIC_VIEW, None)
        assert not small_counts.applies("hotline_calls", Breakdown(sex="female"))
        assert not small_counts.applies("victims_assessed", TOTAL)
        assert small_counts.applies("victims_assessed", Breakdown(sex="female"))


# --- what a viewer's browser receives -----------------------------------------------------------


def _datasets(chart: object) -> list[tuple[str, list[dict[str, object]]]]:
    proto = chart.proto  # type: ignore[attr-defined]
    found = []
    for dataset in proto.datasets:
        table = pa.ipc.open_stream(dataset.data.data).read_all()
        found.append((dataset.name, table.to_pylist()))
    return found


def _received(app: AppTest) -> tuple[str, list[dict[str, object]]]:
    """Everything the page sent: texts, tables, chart specs with their data; and the chart rows."""
    parts: list[str] = []
    rows: list[dict[str, object]] = []
    for chart in app.get("vega_lite_chart"):
        # A dataset's name is a hash of its content ("data-35c896bd…"): not a figure, and it
        # may hold any digits (913 among them), so it is left out of what is searched.
        parts.append(re.sub(r"data-[0-9a-f]{32}", "data-…", chart.proto.spec))
        for _, values in _datasets(chart):
            rows += values
            parts.append(json.dumps(values, default=str, ensure_ascii=False))
    parts += [frame.value.to_csv() for frame in app.dataframe]
    parts += [frame.value.to_csv() for frame in app.table]  # tables that wrap (Om data)
    parts += [f"{m.label} {m.value} {m.proto.delta}" for m in app.metric]
    for kind in ("title", "subheader", "caption", "markdown", "info", "warning", "text"):
        parts += [str(e.value) for e in getattr(app, kind)]
    return "\n".join(parts), rows


def _exports(app: AppTest, language: str) -> str:
    """What the charts' SVG downloads say: each spec rendered with its data put back."""
    texts = []
    for chart in app.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        for name, values in _datasets(chart):
            spec.setdefault("datasets", {})[name] = values
        svg = render.to_svg(spec, language).decode()
        texts += re.findall(r">([^<>]+)</text>", svg)
    return "\n".join(texts)


def _page(
    db: Path, monkeypatch: pytest.MonkeyPatch, page: str, role: Role, threshold: int
) -> AppTest:
    monkeypatch.setenv("PLANWATCH_DB", str(db))
    monkeypatch.setenv("PLANWATCH_SMALL_COUNT_THRESHOLD", str(threshold))
    app = AppTest.from_file(APP, default_timeout=120)
    sign_in(app, add_user(Store(db), f"{role.value}@test", [role]))
    app.run()
    app.switch_page(f"src/planwatch/ui/pages/{page}.py").run()
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]
    return app


def test_a_viewer_never_receives_the_small_count_on_the_indicators_page(
    small_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _page(small_store.path, monkeypatch, "indicators", Role.VIEWER, 3)
    text, rows = _received(app)
    men = [r for r in rows if r.get("year") == YEAR and r.get("series") == "Mænd"]
    assert men and all(r["value"] is None and r["value_text"] == "<3" for r in men)
    assert not [r for r in rows if r.get("year") == YEAR and r.get("value") in (2, 2.0)]
    assert "Mænd, 2031: 2 " not in text
    for hidden in ("8641", "8.641", "8,641"):
        assert hidden not in text, hidden
    assert "Små antal personer (under 3)" in text, "the page says small counts are suppressed"
    assert "8.641" not in _exports(app, "da")


@pytest.mark.parametrize("language", ["da", "en"])
def test_with_a_high_threshold_the_exact_values_appear_nowhere(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    # Below 1000 the small count can be a distinctive number (917; a second source says 913).
    _store_small_counts(demo_store, small=917, other_source=913)
    for page in ("indicators", "about"):
        viewer = _page(demo_store.path, monkeypatch, page, Role.VIEWER, 1000)
        if language == "en":
            viewer.session_state["language"] = "en"
            viewer.run()
        text, _ = _received(viewer)
        for secret in ("917", "913", "8641", "8.641", "8,641"):
            assert secret not in text, (page, secret)
        assert "<1000" in text, page
        note = "vises som »<1000«" if language == "da" else "shown as “<1000”"
        assert note in text, page
        assert not any(s in _exports(viewer, language) for s in ("917", "913", "8.641", "8,641"))


def test_an_approver_sees_the_exact_small_counts(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _store_small_counts(demo_store, small=917, other_source=913)
    approver = _page(demo_store.path, monkeypatch, "indicators", Role.APPROVER, 1000)
    text, _ = _received(approver)
    assert "917" in text, "the checks above would see the value if it were sent"
    about = _page(demo_store.path, monkeypatch, "about", Role.APPROVER, 1000)
    text, _ = _received(about)
    assert "917" in text and "913" in text
    assert "<1000" not in text

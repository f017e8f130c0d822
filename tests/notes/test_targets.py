"""Targets with a direction (issue 19): which target an official sees next, whether the latest
complete year meets it, and how the tile and the speaking note say it, in Danish and English.
The targets here are invented for the tests and come from the illustrative demo source, so
they are marked illustrative wherever they show."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planwatch.domain.indicators import Target, TargetDirection, TargetKind
from planwatch.domain.permissions import Role
from planwatch.domain.plans import Plan, PlanStatus
from planwatch.domain.targets import ABOUT_TOLERANCE, meets, next_target, standing
from planwatch.figures import reporting
from planwatch.notes import draft
from planwatch.notes.targets import note_sentence, tile_line
from planwatch.storage import Store
from planwatch.uploads import reference
from tests.helpers_access import add_user, sign_in
from tests.paths import APP

PLAN = Plan(
    plan_id="2026-2029",
    name_da="Handlingsplan 2026–2029",
    name_en="Action plan 2026–2029",
    start_date=dt.date(2026, 1, 1),
    end_date=dt.date(2029, 12, 31),
    total_dkk=Decimal(100_000_000),
    status=PlanStatus.ADOPTED,
    source_id="planwatch-demo",
)


def _target(
    year: int | None,
    value: int,
    direction: TargetDirection | None = TargetDirection.AT_LEAST,
    *,
    kind: TargetKind = TargetKind.TARGET,
    plan_id: str = PLAN.plan_id,
    illustrative: bool = False,
) -> Target:
    return Target(
        indicator="assessments",
        plan_id=plan_id,
        year=year,
        kind=kind,
        value=Decimal(value),
        source_id="planwatch-demo",
        is_illustrative=illustrative,
        note=None,
        direction=direction,
    )


def _assessments() -> reporting.Indicator:
    found = {i.code: i for i in reporting.indicators(_demo_store())}
    return found["assessments"]


_DEMO: list[Store] = []


def _demo_store() -> Store:
    """Any store with the bundled indicators (their names and units); built once."""
    if not _DEMO:
        import tempfile

        store = Store(Path(tempfile.mkdtemp()) / "names.duckdb")
        reference.load(store)
        _DEMO.append(store)
    return _DEMO[0]


# --- which target, and whether it is met ------------------------------------------------------


def test_the_next_target_is_the_first_from_the_year_on_else_the_last() -> None:
    targets = [
        _target(2027, 150),
        _target(None, 200),  # for the plan's end: 2029
        _target(2026, 100),
        _target(2026, 90, kind=TargetKind.BASELINE, direction=None),
        _target(2026, 999, plan_id="2022-2025"),  # another plan's
    ]
    assert next_target(targets, PLAN, 2025) == targets[2]
    assert next_target(targets, PLAN, 2027) == targets[0]
    assert next_target(targets, PLAN, 2028) == targets[1]
    assert next_target(targets, PLAN, 2031) == targets[1]  # all passed: the last one
    assert next_target(targets[3:], PLAN, 2026) is None  # a baseline is no target


@pytest.mark.parametrize(
    ("direction", "value", "met"),
    [
        (TargetDirection.AT_LEAST, 150, True),
        (TargetDirection.AT_LEAST, 149, False),
        (TargetDirection.AT_MOST, 150, True),
        (TargetDirection.AT_MOST, 151, False),
        (TargetDirection.ABOUT, 157, True),  # 150 + 5 % = 157.5
        (TargetDirection.ABOUT, 158, False),
        (TargetDirection.ABOUT, 143, True),  # 150 - 5 % = 142.5
        (TargetDirection.ABOUT, 142, False),
        (None, 150, None),  # a target with no direction is shown, never judged
    ],
)
def test_each_direction_is_met_as_documented(
    direction: TargetDirection | None, value: int, met: bool | None
) -> None:
    assert Decimal("0.05") == ABOUT_TOLERANCE
    assert meets(direction, Decimal(value), Decimal(150)) is met


# --- how it is said --------------------------------------------------------------------------


def test_the_tile_line_in_both_languages() -> None:
    indicator = _assessments()
    below = standing(_target(2027, 150), PLAN, 2026, Decimal(110))
    assert tile_line(below, indicator, "da") == (
        "Mål 2027: mindst 150 udredninger · 2026: 110, 40 under målet"
    )
    assert tile_line(below, indicator, "en") == (
        "Target 2027: at least 150 assessments · 2026: 110, 40 below the target"
    )
    met = standing(_target(2027, 150), PLAN, 2026, Decimal(1290))
    assert tile_line(met, indicator, "da").endswith("2026: 1.290, nået")
    assert tile_line(met, indicator, "en").endswith("2026: 1,290, met")
    over = standing(_target(None, 80, TargetDirection.AT_MOST), PLAN, 2026, Decimal(95))
    assert tile_line(over, indicator, "da") == (
        "Mål ved planens udløb (2029): højst 80 udredninger · 2026: 95, 15 over målet"
    )
    nothing = standing(_target(2027, 150, illustrative=True), PLAN, None, None)
    assert tile_line(nothing, indicator, "da") == (
        "Illustrativt mål, ikke officielt: Mål 2027: mindst 150 udredninger"
    )


def test_the_note_sentence_in_both_languages() -> None:
    indicator = _assessments()
    about = standing(_target(2028, 300, TargetDirection.ABOUT), PLAN, 2026, Decimal(290))
    assert note_sentence(about, indicator, "da") == (
        "Planens mål for 2028 er omkring 300 udredninger; med 290 i 2026 er det nået."
    )
    assert note_sentence(about, indicator, "en") == (
        "The plan's target for 2028 is about 300 assessments; at 290 in 2026 it is met."
    )
    unjudged = standing(_target(None, 1, None), PLAN, 2026, Decimal(3))
    assert note_sentence(unjudged, indicator, "da") == (
        "Planens mål ved udløbet i 2029 er 1 udredning; i 2026 var tallet 3."
    )


# --- in the speaking note and on the overview ------------------------------------------------


_TARGETS = (
    "indicator,plan_id,year,kind,value,source_id,note,direction\n"
    "assessments,2022-2025,2025,target,300,planwatch-demo,invented for a test,at_least\n"
    "victims_assessed,2022-2025,,target,120,planwatch-demo,invented for a test,about\n"
)


@pytest.fixture(scope="module")
def with_targets(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with two invented targets (illustrative source) under the plan 2022-2025."""
    folder = tmp_path_factory.mktemp("targets")
    data = folder / "data"
    shutil.copytree(reference.DATA_DIR / "reference", data / "reference")
    shutil.copytree(reference.DATA_DIR / "demo", data / "demo")
    (data / "reference" / "targets.csv").write_text(_TARGETS, encoding="utf-8")
    reference.load(Store(folder / "demo.duckdb"), demo=True, data_dir=data)
    return folder / "demo.duckdb"


def _expected(store: Store, code: str, year: int) -> Decimal:
    (value,) = [v.value for v in reporting.year_series(store, code) if v.year == year]
    assert value is not None
    return value


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_speaking_note_states_each_target_against_the_year(
    with_targets: Path, tmp_path: Path, language: str
) -> None:
    store = Store(shutil.copy(with_targets, tmp_path / "n.duckdb"))
    note = draft.draft(store, year=2023, plan_id="2022-2025", language=language)
    said = {b.indicator_code: b for b in note.bullets if b.kind == "target"}
    assert set(said) == {"assessments", "victims_assessed"}
    assessments = _expected(store, "assessments", 2023)
    gap = 300 - assessments
    assert gap > 0, "the published 2023 figure is below the invented target"
    text = said["assessments"].text
    if language == "da":
        assert text.startswith("ILLUSTRATIVT")
        assert f"Planens mål for 2025 er mindst 300 udredninger; med {assessments} i 2023" in text
        assert f"ligger tallet {gap} under målet." in text
    else:
        assert text.startswith("ILLUSTRATIVE")
        assert f"at {assessments} in 2023 the figure is {gap} below the target." in text
    assert said["victims_assessed"].flags.illustrative
    assert "2025" in said["victims_assessed"].text  # the plan's end
    # the indicator's own bullet comes just before its target's
    kinds = [(b.kind, b.indicator_code) for b in note.bullets]
    assert kinds.index(("target", "assessments")) > kinds.index(("indicator", "assessments"))


def test_no_target_no_sentence(demo_store: Store) -> None:
    note = draft.draft(demo_store, year=2023, plan_id="2022-2025")
    assert [b for b in note.bullets if b.kind == "target"] == []


def test_the_overview_tile_shows_the_target_and_the_distance(
    with_targets: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = Path(shutil.copy(with_targets, tmp_path / "o.duckdb"))
    store = Store(db)
    monkeypatch.setenv("PLANWATCH_DB", str(db))
    app = AppTest.from_file(APP, default_timeout=60)
    sign_in(app, add_user(store, "viewer@test", [Role.VIEWER]))
    app.session_state["plan_id"] = "2022-2025"
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    captions = [c.value.replace("\\:", ":") for c in app.caption]  # shown as text: escaped
    assessments = _expected(store, "assessments", 2023)
    lines = [c for c in captions if "Mål 2025" in c]
    assert lines == [
        "Illustrativt mål, ikke officielt: Mål 2025: mindst 300 udredninger · "
        f"2023: {assessments}, {300 - assessments} under målet"
    ]
    assert any("Mål ved planens udløb (2025): omkring 120 personer" in c for c in captions)

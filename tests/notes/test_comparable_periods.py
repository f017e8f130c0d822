"""No speaking note compares periods that are not comparable (issue 14), whatever quarters are
stored: a property test over random quarters (and yearly figures) of two consecutive years, for
a flow (persons assessed as victims, with the minors among them) and a stock (the cumulative
count since 2007), drafted in Danish and English, in the public view and with exact counts.

Three checks on every note:

* the structured numbers: a change, a per cent, a doubling or halving only between comparable
  spans (:meth:`Coverage.comparable`), the same span a year earlier; "the highest since" and the
  trend only for complete years; and the values are those an independent reading of the stored
  quarters gives (sum of a flow's quarters, a stock's last quarter);
* the text: every period a comparing sentence names (``mod``, ``stigning``, ``halveret``,
  ``siden`` …) is named as the stored quarters say it is ("1.–2. kvt. 2025", never a bare
  "2025" for a partial year), and all of them are comparable;
* the note's own year, without one asked for, is the latest complete year (of the core
  indicators the overview's tiles show, as the Talepapir page's default year).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import uuid
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from planwatch.domain.coverage import ALL_QUARTERS, Coverage
from planwatch.domain.periods import Period
from planwatch.domain.permissions import PUBLIC_VIEW, View
from planwatch.figures import reporting
from planwatch.notes import draft, note
from planwatch.storage import Store, repository
from tests import clock
from tests.helpers_access import approve

BEFORE, YEAR = 2024, 2025  # the demo data has neither indicator for these years
FLOW, STOCK = "victims_assessed", "victims_assessed_cumulative"
LATEST_DEMO_YEAR = 2023  # the latest complete year of the demo data's core indicators

_COMPARING = {
    "da": re.compile(
        r"\bmod\b|\bstigning\b|\bfald\b|samme antal|fordoblet|halveret|\bsiden\b|"
        r"tilbage til|\bsteget\b|\bfaldet\b|\bpct\."
    ),
    "en": re.compile(
        r"\bagainst\b|\bincrease\b|\bdecrease\b|same number|doubled|halved|\bsince\b|"
        r"going back to|\brose\b|\bfell\b|per cent"
    ),
}
_LABEL = {
    "da": re.compile(r"((?:\d\.(?:, | og |–))*\d\. kvt\. )?\b(\d{4})\b"),
    "en": re.compile(r"((?:Q\d(?:, | and |–))*Q\d )?\b(\d{4})\b"),
}
_SENTENCE_END = re.compile(r"(?<=\.)\s+(?=[A-ZÆØÅ])")


@dataclass(frozen=True)
class Stored:
    """One indicator's stored figures for the two years: quarterly values, and a yearly
    figure for the whole year (``None``: none)."""

    aggregation: str  # "flow" or "stock"
    quarters: dict[int, dict[int, int]]  # year -> quarter -> value
    reported: dict[int, int | None]

    def covers(self, year: int) -> Coverage | None:
        """What the year's value covers, read from what is stored (the rule of
        docs/periods.md, written out again here so that the test does not trust the code)."""
        if self.reported[year] is not None:
            return Coverage(year)
        present = sorted(self.quarters[year])
        if not present:
            return None
        if self.aggregation == "stock":
            return Coverage(year) if present[-1] == 4 else Coverage(year, (present[-1],))
        return Coverage(year) if tuple(present) == ALL_QUARTERS else Coverage(year, tuple(present))

    def value(self, year: int) -> int | None:
        reported = self.reported[year]
        if reported is not None:
            return reported
        quarters = self.quarters[year]
        if not quarters:
            return None
        return quarters[max(quarters)] if self.aggregation == "stock" else sum(quarters.values())

    def previous(self) -> int | None:
        """The value of the same span a year earlier, or ``None`` when nothing is comparable."""
        covers = self.covers(YEAR)
        if covers is None:
            return None
        if covers.complete:
            before = self.covers(BEFORE)
            return self.value(BEFORE) if before is not None and before.complete else None
        assert covers.quarters is not None
        quarters = self.quarters[BEFORE]
        needed = covers.quarters[-1:] if self.aggregation == "stock" else covers.quarters
        if not all(q in quarters for q in needed):
            return None
        return sum(quarters[q] for q in needed)


def _quarters(values: st.SearchStrategy[int]) -> st.SearchStrategy[dict[int, int]]:
    """Each quarter stored or not, about as often (every set of quarters is likely)."""
    each = [st.one_of(st.none(), values) for _ in ALL_QUARTERS]
    return st.tuples(*each).map(
        lambda found: {q: v for q, v in zip(ALL_QUARTERS, found, strict=True) if v is not None}
    )


def _stored(aggregation: str, high: int) -> st.SearchStrategy[Stored]:
    values = st.integers(0, high)
    quarters = _quarters(values)
    reported = st.one_of(st.none(), st.none(), st.none(), values)  # a yearly figure, now and then
    return st.builds(
        Stored,
        aggregation=st.just(aggregation),
        quarters=st.fixed_dictionaries({BEFORE: quarters, YEAR: quarters}),
        reported=st.fixed_dictionaries({BEFORE: reported, YEAR: reported}),
    )


def _rows(indicator: str, stored: Stored, age_group: str = "all") -> list[dict[str, object]]:
    rows: list[tuple[int, int | None, int]] = [
        (year, quarter, value)
        for year, quarters in stored.quarters.items()
        for quarter, value in quarters.items()
    ]
    rows += [(year, None, value) for year, value in stored.reported.items() if value is not None]
    return [
        {
            "indicator_code": indicator,
            "year": year,
            "quarter": quarter,
            "sex": "all",
            "age_group": age_group,
            "exploitation": "all",
            "source_id": "cmm-upload",
            "value": float(value),
            "is_preferred": True,
            "note": None,
        }
        for year, quarter, value in rows
    ]


def _store(path: Path, rows: list[dict[str, object]]) -> Store:
    """The demo database with the stock made a core indicator (so that a note says it) and the
    rows stored as one approved upload."""
    store = Store(path, lock_timeout=5.0)
    with store.transaction() as connection:
        connection.execute("UPDATE indicators SET is_core = true WHERE code = ?", [STOCK])
    if rows:
        frame = pd.DataFrame(rows).astype({"quarter": "Int16"})
        with store.transaction() as connection:
            change_set = repository.insert_change_set(
                connection,
                kind="upload",
                recorded_at=clock.later(hours=1),
                recorded_by="uploader@test",
            )
            repository.insert_new_versions(
                connection,
                "observation_versions",
                frame,
                change_set_id=change_set,
                compare_with_kinds=None,
            )
        approve(store, change_set)
    return store


def _labels(text: str, language: str) -> list[Coverage]:
    """Every period a sentence names, as a span: "1.–2. kvt. 2025" -> Coverage(2025, (1, 2))."""
    found = []
    for match in _LABEL[language].finditer(text):
        quarters_text, year = match.group(1), int(match.group(2))
        if not quarters_text:
            found.append(Coverage(year))
            continue
        numbers = [int(n) for n in re.findall(r"\d", quarters_text)]
        if "–" in quarters_text:
            numbers = list(range(numbers[0], numbers[-1] + 1))
        found.append(Coverage(year, tuple(numbers)))
    return found


def _check_text(bullet: note.Bullet, language: str, names: list[str], stored: Stored) -> None:
    """Every sentence that compares names only comparable spans, each as the stored quarters
    say it is; a comparing sentence without a period refers to the bullet's first sentence."""
    text = bullet.text
    for name in names:  # "Vurderede ofre i alt siden 2007" names no period
        text = re.sub(re.escape(name), "NAME", text, flags=re.IGNORECASE)
    sentences = _SENTENCE_END.split(text)
    first = _labels(sentences[0], language)
    expected = stored.covers(YEAR)
    for sentence in sentences:
        if not _COMPARING[language].search(sentence):
            continue
        spans = _labels(sentence, language) or first
        assert spans, f"a comparison without periods: {sentence!r} in {bullet.text!r}"
        assert all(a.comparable(b) for a in spans for b in spans), (sentence, bullet.text)
        for span in spans:
            if span.year in (YEAR, BEFORE):
                assert expected is not None, bullet.text
                assert span.quarters == expected.quarters, (sentence, expected, bullet.text)
            else:
                assert span.complete, (sentence, bullet.text)


def _case(stored: Stored) -> str:
    """Which case an example is, for ``--hypothesis-show-statistics``."""
    covers = stored.covers(YEAR)
    if covers is None:
        return "no figure for the year"
    compared = "compared" if stored.previous() is not None else "not compared"
    return f"{'complete' if covers.complete else 'partial'} year, {compared}"


def _check_numbers(bullet: note.Bullet) -> None:
    """A change, a per cent, a doubling or halving, "the highest since" only between
    comparable spans; "since" and the trend only between complete years."""
    for c in bullet.comparisons:
        compares = any(x is not None for x in (c.change, c.percent, c.multiple))
        if compares or (c.previous is not None and bullet.kind != "indicator"):
            assert c.covers is not None and c.previous_covers is not None, bullet.text
            assert c.covers.comparable(c.previous_covers), bullet.text
        if c.highest is not None or c.lowest is not None or bullet.kind == "trend":
            assert c.covers is not None and c.covers.complete, bullet.text
        if bullet.kind == "trend":
            assert c.previous_covers is not None and c.previous_covers.complete, bullet.text
        elif c.covers is not None and c.previous_covers is not None:
            assert c.previous_covers == c.covers.in_year(c.covers.year - 1), bullet.text


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    # Every example copies a database: shrinking would take many minutes, and the examples are
    # small already (a few quarters of two years).
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(
    flow=_stored("flow", 60),
    stock=_stored("stock", 2000),
    minors=_quarters(st.integers(0, 8)),
    language=st.sampled_from(["da", "en"]),
    exact=st.booleans(),
)
def test_no_note_compares_periods_that_are_not_comparable(
    demo_db_template: Path,
    tmp_path: Path,
    flow: Stored,
    stock: Stored,
    minors: dict[int, int],
    language: str,
    exact: bool,
) -> None:
    """Every example gets a fresh copy of the demo database."""
    path = tmp_path / f"example-{uuid.uuid4()}.duckdb"
    shutil.copy(demo_db_template, path)
    minors_stored = Stored("flow", {BEFORE: minors, YEAR: minors}, {BEFORE: None, YEAR: None})
    rows = _rows(FLOW, flow) + _rows(STOCK, stock) + _rows(FLOW, minors_stored, "under_18")
    store = _store(path, rows)
    view = View(exact_small_counts=True) if exact else PUBLIC_VIEW
    as_of = clock.later(days=1, at=dt.time(12, 0))
    try:
        points = draft.draft(store, year=YEAR, language=language, as_of=as_of, view=view)
        names = [i.name(language) for i in reporting.indicators(store)]
        by_code = {FLOW: flow, STOCK: stock}
        for bullet in points.bullets:
            if bullet.indicator_code not in by_code:
                continue
            stored = minors_stored if bullet.kind == "breakdown" else by_code[bullet.indicator_code]
            _check_numbers(bullet)
            _check_text(bullet, language, names, stored)
            if bullet.kind != "indicator":
                continue
            numbers = bullet.numbers
            assert numbers is not None
            covers = stored.covers(YEAR)
            event(f"{stored.aggregation}: {_case(stored)}")
            if covers is None:
                continue  # no figure for the year: said so, with the latest one
            assert numbers.covers == covers, bullet.text
            assert numbers.value == stored.value(YEAR), bullet.text
            assert numbers.previous == stored.previous(), bullet.text
            if not covers.complete:
                said = "ikke komplette" if language == "da" else "not complete"
                assert said in bullet.text, bullet.text
        # The note's own year, unless another is asked for, is the latest complete year of the
        # core indicators the overview's tiles show (the stock is not one of them).
        complete = [
            year
            for year in (BEFORE, YEAR)
            if (covers := flow.covers(year)) is not None and covers.complete
        ]
        assert draft.default_year(store, as_of=as_of, view=view) == max(
            [*complete, LATEST_DEMO_YEAR]
        )
    finally:
        path.unlink()
        Path(f"{path}.wal").unlink(missing_ok=True)


def test_the_checks_catch_a_note_that_compares_a_partial_year_with_a_whole_one() -> None:
    """The property's checks fail on what issue 14 found ("28 mod 100 i 2024")."""
    quarters = {BEFORE: dict.fromkeys(ALL_QUARTERS, 25), YEAR: {1: 28}}
    stored = Stored("flow", quarters, {BEFORE: None, YEAR: None})
    wrong = note.Bullet(
        "indicator",
        FLOW,
        "I 2025 blev 28 personer vurderet som ofre for menneskehandel mod 100 i 2024. "
        "Det er et fald på 72 personer eller 72,0 pct. Antallet er mere end halveret.",
        "",
        comparisons=(
            note.Comparison(
                period=Period(YEAR),
                value=Decimal(28),
                previous=Decimal(100),
                change=Decimal(-72),
                covers=Coverage(YEAR, (1,)),
                previous_covers=Coverage(BEFORE),
            ),
        ),
    )
    with pytest.raises(AssertionError):
        _check_numbers(wrong)
    with pytest.raises(AssertionError):
        _check_text(wrong, "da", [], stored)

"""A property of the claim check (issue 14): whatever quarters planwatch holds, no claim is
"consistent" when a period it states is not comparable with the period of a stored value it was
checked against, nor when it compares two periods that are not comparable.

The stored figures are random: for each year of 2021-2025 nothing, a published yearly figure
(with or without quarterly figures beside it), or some of its quarters. The claims state whole
years and parts of years (as planwatch writes them: "1.–3. kvt. 2025", "Q1–Q3 2025") with the
numbers most likely to match something stored: the value of each year, each sum of its
quarters, and the changes between them. The stored series is read through
:func:`planwatch.figures.reporting.year_series`, replaced here by the random one; everything
else (indicators, terms, sources) is the demo database's.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwatch.claims.checking import check
from planwatch.claims.report import Claim
from planwatch.domain.coverage import Coverage
from planwatch.domain.indicators import Aggregation
from planwatch.domain.vocab import TOTAL, Breakdown
from planwatch.figures import reporting
from planwatch.formatting import Language, format_number, percent_change
from planwatch.storage import Store

YEARS = (2021, 2022, 2023, 2024, 2025)
PARTS: list[tuple[int, ...] | None] = [
    None,
    *(q for n in (1, 2, 3, 4) for q in itertools.combinations((1, 2, 3, 4), n)),
]
CODE = "victims_assessed"
SOURCE = "cmm-tal-2023"


@pytest.fixture(scope="module")
def store(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("comparable") / "planwatch.duckdb"
    shutil.copy(demo_db_template, path)
    return Store(path, lock_timeout=5.0)


# --- the stored figures ----------------------------------------------------------------------


@dataclass(frozen=True)
class StoredYear:
    """One year as stored: a published yearly figure or not, and some quarterly figures."""

    year: int
    published: int | None
    quarters: dict[int, int]

    def value(self) -> YearValueArgs:
        by_quarter = tuple((q, Decimal(v)) for q, v in sorted(self.quarters.items()))
        present = tuple(q for q, _ in by_quarter)
        summed = sum((v for _, v in by_quarter), Decimal(0)) if by_quarter else None
        value: Decimal | None = summed
        basis = "quarters"
        if self.published is not None:
            covers = Coverage.of(self.year, Aggregation.FLOW, reported=True)
            value, basis = Decimal(self.published), "reported"
        else:
            covers = Coverage.of(self.year, Aggregation.FLOW, reported=False, quarters=present)
        return YearValueArgs(self.year, value, basis, present, summed, covers, by_quarter)

    def tempting(self) -> list[int]:
        """Every number a text might state for this year: its value and each sum of quarters."""
        sums = {
            sum(self.quarters[q] for q in combo)
            for n in range(1, len(self.quarters) + 1)
            for combo in itertools.combinations(sorted(self.quarters), n)
        }
        return sorted(sums | ({self.published} if self.published is not None else set()))


@dataclass(frozen=True)
class YearValueArgs:
    year: int
    value: Decimal | None
    basis: Any
    quarters: tuple[int, ...]
    summed: Decimal | None
    covers: Coverage
    by_quarter: tuple[tuple[int, Decimal], ...]

    def year_value(self) -> reporting.YearValue:
        return reporting.YearValue(
            CODE,
            self.year,
            self.value,
            self.basis,
            self.quarters,
            (SOURCE,),
            False,
            self.summed,
            coverage=self.covers,
            by_quarter=self.by_quarter,
        )


@st.composite
def stored_year(draw: st.DrawFn, year: int) -> StoredYear | None:
    kind = draw(st.sampled_from(["none", "published", "published+quarters", "quarters"]))
    if kind == "none":
        return None
    quarters: dict[int, int] = {}
    if kind != "published":
        present = draw(st.sets(st.sampled_from((1, 2, 3, 4)), min_size=1))
        quarters = {q: draw(st.integers(0, 60)) for q in sorted(present)}
    published = draw(st.integers(0, 200)) if kind.startswith("published") else None
    return StoredYear(year, published, quarters)


@st.composite
def stored_series(draw: st.DrawFn) -> dict[int, StoredYear]:
    years = [draw(stored_year(year)) for year in YEARS]
    return {y.year: y for y in years if y is not None}


def fake_series(series: dict[int, StoredYear]) -> Any:
    values = [series[y].value().year_value() for y in sorted(series)]

    def year_series(
        store: Store, code: str, breakdown: Breakdown = TOTAL, **_: object
    ) -> list[reporting.YearValue]:
        return values if code == CODE and breakdown.is_total else []

    return year_series


# --- the claims ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stated:
    """A claim's text and the periods it states (what the text means, the year before
    included when the text compares with it without naming it)."""

    text: str
    periods: tuple[Coverage, ...]
    compares: bool


def _period(year: int, quarters: tuple[int, ...] | None) -> Coverage:
    """What a text stating these quarters means: all four quarters are the whole year."""
    if quarters is None:
        return Coverage(year)
    return Coverage.of(year, Aggregation.FLOW, reported=False, quarters=quarters)


def _label(year: int, quarters: tuple[int, ...] | None, language: Language) -> str:
    return Coverage(year, quarters).label(language)


def _number(value: Decimal | int, language: Language, decimals: int = 0) -> str:
    return format_number(Decimal(value), language, decimals)


@st.composite
def stated_claims(draw: st.DrawFn, series: dict[int, StoredYear], language: Language) -> Stated:
    def tempting(year: int) -> list[int]:
        found = series.get(year)
        return found.tempting() if found else []

    def a_number(year: int) -> int:
        return draw(st.sampled_from([*tempting(year), draw(st.integers(0, 250))]))

    years = st.sampled_from(YEARS)
    parts = st.sampled_from(PARTS)
    y1, y2 = sorted(draw(st.lists(years, min_size=2, max_size=2, unique=True)))
    q1, q2 = draw(parts), draw(parts)
    p1, p2 = _label(y1, q1, language), _label(y2, q2, language)
    da = language == "da"
    a, b = a_number(y1), a_number(y2)
    percent = percent_change(a, b) if a else None
    change = Decimal(draw(st.integers(-100, 300))) if percent is None else percent
    up = change >= 0
    x = _number(abs(change), language, 1)
    kind = draw(
        st.sampled_from(["count", "from-to", "change", "year-before", "ratio", "difference", "max"])
    )
    if kind == "count":
        text = (
            f"I {p2} blev {_number(b, language)} personer vurderet som ofre for menneskehandel."
            if da
            else f"In {p2}, {_number(b, language)} persons were assessed as victims of trafficking."
        )
        return Stated(text, (_period(y2, q2),), False)
    both = (_period(y1, q1), _period(y2, q2))
    if kind == "from-to":
        text = (
            f"Antallet af ofre for menneskehandel gik fra {a} i {p1} til {b} i {p2}."
            if da
            else f"The number of victims of trafficking went from {a} in {p1} to {b} in {p2}."
        )
    elif kind == "change":
        word = ("steg" if up else "faldt") if da else ("rose" if up else "fell")
        text = (
            f"Antallet af ofre for menneskehandel {word} med {x} pct. fra {p1} til {p2}."
            if da
            else f"The number of victims of trafficking {word} by {x} per cent from {p1} to {p2}."
        )
    elif kind == "year-before":
        before = series.get(y2 - 1)
        earlier = draw(st.sampled_from(before.tempting())) if before and before.tempting() else 0
        step = percent_change(earlier, b) if earlier else None
        x = x if step is None else _number(abs(step), language, 1)
        up = up if step is None else step >= 0
        word = ("en stigning" if up else "et fald") if da else ("an increase" if up else "a fall")
        text = (
            f"I {p2} blev {b} personer vurderet som ofre for menneskehandel. Det er {word} på "
            f"{x} pct."
            if da
            else f"In {p2}, {b} persons were assessed as victims of trafficking. That is {word} "
            f"of {x} per cent."
        )
        return Stated(text, (_period(y2, q2), _period(y2 - 1, q2)), True)
    elif kind == "ratio":
        ratio = draw(st.sampled_from(["fordoblet", "halveret", "mere end fordoblet"]))
        if not da:
            ratio = {"fordoblet": "doubled", "halveret": "halved"}.get(ratio, "more than doubled")
        text = (
            f"Antallet af ofre for menneskehandel blev {ratio} fra {p1} til {p2}."
            if da
            else f"The number of victims of trafficking {ratio} from {p1} to {p2}."
        )
    elif kind == "difference":
        more = b >= a
        word = ("flere" if more else "færre") if da else ("more" if more else "fewer")
        text = (
            f"Der blev vurderet {abs(b - a)} {word} ofre for menneskehandel i {p2} end i {p1}."
            if da
            else f"There were {abs(b - a)} {word} victims of trafficking in {p2} than in {p1}."
        )
    else:
        high = draw(st.booleans())
        word = ("højeste" if high else "laveste") if da else ("highest" if high else "lowest")
        text = (
            f"I {p2} var antallet af ofre for menneskehandel det {word} siden {y1}."
            if da
            else f"In {p2}, the number of victims of trafficking was the {word} since {y1}."
        )
        return Stated(text, (Coverage(y1), _period(y2, q2)), True)
    return Stated(text, both, True)


# --- the property ----------------------------------------------------------------------------


def value_of(series: dict[int, StoredYear], period: Coverage) -> Decimal | None:
    """What the random figures say a period's value is: a whole year only when published or
    built from all four quarters; some quarters when each is stored (or, unpublished, when they
    are the quarters stored)."""
    year = series.get(period.year)
    if year is None:
        return None
    if period.quarters is None:
        if year.published is not None:
            return Decimal(year.published)
        complete = sorted(year.quarters) == [1, 2, 3, 4]
        return Decimal(sum(year.quarters.values())) if complete else None
    if not set(period.quarters) <= set(year.quarters):
        return None
    return Decimal(sum(year.quarters[q] for q in period.quarters))


def comparable_or_not_consistent(
    claim: Claim, stated: Stated, series: dict[int, StoredYear]
) -> None:
    """A consistent claim rests on stored values of exactly the periods it states (each value
    truly that period's), and the periods it compares are comparable."""
    if claim.verdict != "consistent":
        return
    held = [Coverage(s.year, s.quarters) for s in claim.stored if s.year is not None]
    assert held, "a consistent claim is checked against stored values"
    for figure, period in zip(claim.stored, held, strict=True):
        assert figure.value is not None and figure.value == value_of(series, period), (
            figure,
            period,
        )
        assert period in stated.periods, (period, stated.periods)
        assert all(period.comparable(other) for other in held), held
    if stated.compares and claim.kind != "count":
        assert stated.periods[0].comparable(stated.periods[1]), stated.periods


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(data=st.data(), series=stored_series(), language=st.sampled_from(["da", "en"]))
def test_no_claim_is_consistent_across_periods_that_are_not_comparable(
    store: Store, data: st.DataObject, series: dict[int, StoredYear], language: Language
) -> None:
    stated = data.draw(stated_claims(series, language), label="claim")
    with mock.patch.object(reporting, "year_series", fake_series(series)):
        report = check(store, stated.text, language=language)
    about = [c for c in report.claims if c.kind not in ("other", "budget")]
    assert about, stated.text
    for claim in about:
        comparable_or_not_consistent(claim, stated, series)


def test_the_property_is_not_empty(store: Store) -> None:
    """The generated claims can be consistent: a quarter against its own quarter, a whole
    year against whole years."""
    series = {
        2024: StoredYear(2024, None, {1: 19, 2: 31, 3: 26, 4: 24}),
        2025: StoredYear(2025, None, {1: 28, 2: 26}),
    }
    texts: Sequence[tuple[str, tuple[Coverage, ...]]] = [
        ("I 1.–2. kvt. 2025 blev 54 personer vurderet som ofre for menneskehandel.", ()),
        ("Antallet af ofre for menneskehandel gik fra 50 i 1.–2. kvt. 2024 til 54 i 1.–2. kvt. "
         "2025.", ()),
        ("I 2024 blev 100 personer vurderet som ofre for menneskehandel.", ()),
    ]  # fmt: skip
    with mock.patch.object(reporting, "year_series", fake_series(series)):
        for text, _ in texts:
            (claim,) = check(store, text, language="da").claims
            assert claim.verdict == "consistent", claim.explanation_en
        (wrong,) = check(store, "I 2025 blev 54 personer vurderet som ofre.", language="da").claims
        assert wrong.verdict == "inconsistent"

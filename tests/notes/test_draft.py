"""Speaking notes drafted from the stored figures (issue 7): what they say, and what they never
say (the published "35 pct.", a suppressed count, an invented figure passed off as official)."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import docx
import pandas as pd
import pytest

from planwatch.domain.periods import Period
from planwatch.domain.permissions import PUBLIC_VIEW, View
from planwatch.domain.plans import Plan, PlanStatus
from planwatch.domain.series import Extreme
from planwatch.domain.vocab import Breakdown
from planwatch.errors import NotFoundError, UsageError
from planwatch.figures import corrections, dashboard, reporting
from planwatch.notes import draft, formats, note
from planwatch.storage import Store, repository
from tests import clock
from tests.actors import acting, approve

SUBMITTED_VIEW = View(include_submitted=True)


def _later() -> dt.datetime:
    """Noon the day after the demo database was built: after everything stored in it, and a
    round time for the footer."""
    return clock.later(days=1, at=dt.time(12, 0))


def _sent() -> dt.datetime:
    """When a test stores something: after the demo database was built, before _later()."""
    return clock.later(hours=1)


def _bullet(points: note.TalkingPoints, kind: str, code: str | None = None) -> note.Bullet:
    found = [b for b in points.bullets if b.kind == kind and b.indicator_code == code]
    assert len(found) == 1, [b.text for b in points.bullets]
    return found[0]


def _victims(points: note.TalkingPoints) -> note.Bullet:
    return _bullet(points, "indicator", "victims_assessed")


def _upload(store: Store, rows: list[dict[str, object]], when: dt.datetime) -> int:
    """Send observations in as an upload (a submission awaiting approval)."""
    frame = pd.DataFrame(rows).astype({"quarter": "Int16"})
    with store.transaction() as connection:
        change_set = repository.insert_change_set(
            connection, kind="upload", recorded_at=when, recorded_by="uploader@test"
        )
        repository.insert_new_versions(
            connection,
            "observation_versions",
            frame,
            change_set_id=change_set,
            compare_with_kinds=None,
        )
    return change_set


def _row(indicator: str, year: int, value: int, quarter: int | None = None) -> dict[str, object]:
    return {
        "indicator_code": indicator,
        "year": year,
        "quarter": quarter,
        "sex": "all",
        "age_group": "all",
        "exploitation": "all",
        "source_id": "cmm-upload",
        "value": float(value),
        "is_preferred": True,
        "note": None,
    }


# --- the notes for 2023 from the reference data -------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "da",
            "I 2023 blev 112 personer vurderet som ofre for menneskehandel mod 73 i 2022. "
            "Det er en stigning på 39 personer eller 53,4 pct. og det højeste antal siden 2016.",
        ),
        (
            "en",
            "In 2023, 112 persons were assessed as victims of trafficking, against 73 in 2022. "
            "That is an increase of 39 persons or 53.4 per cent and the highest number since "
            "2016.",
        ),
    ],
)
def test_2023_says_112_against_73_plus_53_4_pct_and_never_35(
    demo_store: Store, language: str, expected: str
) -> None:
    points = draft.draft(demo_store, year=2023, language=language, as_of=_later())
    victims = _victims(points)
    assert victims.text == expected
    numbers = victims.numbers
    assert numbers is not None
    assert (numbers.value, numbers.previous, numbers.change) == (112, 73, 39)
    assert numbers.percent_rounded == Decimal("53.4")
    assert not victims.flags.preliminary and not victims.flags.illustrative
    assert {s.source_id for s in victims.sources} == {"cmm-tal-2023", "cmm-tal-2022"}
    assert "Center mod Menneskehandel" in victims.source_text
    # "Since" as the dashboard's tile says it, and true of the stored series.
    tile = next(
        t
        for t in dashboard.indicator_tiles(demo_store, as_of=_later())
        if t.indicator.code == "victims_assessed"
    )
    assert numbers.highest == tile.highest == Extreme(2016, record=False)
    series = {v.year: v.value for v in reporting.year_series(demo_store, "victims_assessed")}
    assert series[2016] is not None and series[2016] >= 112
    assert all(v is not None and v < 112 for y, v in series.items() if 2016 < y < 2023)
    # The published "increase of 35 pct." is nowhere: not in a bullet, a source, the files.
    rendered = formats.to_markdown(points) + json.dumps(formats.to_dict(points), ensure_ascii=False)
    assert "35" not in rendered
    document = docx.Document(io.BytesIO(formats.to_docx(points)))
    assert all("35" not in p.text for p in document.paragraphs)


def test_2023_also_gives_the_change_since_the_plan_and_says_what_is_missing(
    demo_store: Store,
) -> None:
    points = draft.draft(demo_store, year=2023, as_of=_later())
    trend = _bullet(points, "trend", "victims_assessed")
    assert trend.text.startswith(
        "Fra 2021, året før handlingsplanen, til 2023 er antallet af vurderede ofre steget fra "
        "80 til 112. Det er en stigning på 32 personer eller 40,0 pct."
    )
    assessments = _bullet(points, "trend", "assessments")
    assert "fra 182 til 290" in assessments.text and "59,3 pct." in assessments.text
    assert assessments.numbers is not None and assessments.numbers.previous_period == Period(2020)
    assert "fordoblet" not in assessments.text  # 290 < 2 x 182
    cases = _bullet(points, "indicator", "reported_cases")
    assert cases.text == "Der er ikke et tal for anmeldelser af menneskehandel for 2023."
    assert cases.numbers is not None and cases.numbers.value is None
    calls = _bullet(points, "indicator", "hotline_calls")
    assert calls.text.endswith("Det seneste tal er 316 fra 2019.")
    assert points.plan.plan_id == "2022-2025" and points.as_of == _later()


def _plan(start: int, end: int) -> Plan:
    return Plan(
        f"{start}-{end}",
        "p",
        "p",
        dt.date(start, 1, 1),
        dt.date(end, 12, 31),
        Decimal(1),
        PlanStatus.ADOPTED,
        "s",
    )


@pytest.mark.parametrize(
    ("years", "year", "expected"),
    [
        ((2020, 2021), 2023, 2021),  # the year before the plan began
        ((2020,), 2023, 2020),  # lacking it, the latest of the years up to it
        ((2019,), 2023, 2019),
        ((2018,), 2023, None),  # too far back
        ((2020, 2021), 2022, None),  # the year just before: year-on-year says it
        ((2020,), 2021, None),
    ],
)
def test_trend_baseline(years: tuple[int, ...], year: int, expected: int | None) -> None:
    values = {y: Decimal(10) for y in years}
    assert draft.trend_baseline(values, year, _plan(2022, 2025)) == expected


def test_the_plan_is_the_one_whose_period_holds_the_year_else_the_latest() -> None:
    plans = [_plan(2011, 2014), _plan(2019, 2021), _plan(2022, 2025)]
    assert draft.choose_plan(plans, 2012).plan_id == "2011-2014"
    assert draft.choose_plan(plans, 2023).plan_id == "2022-2025"
    assert draft.choose_plan(plans, 2017).plan_id == "2022-2025"
    assert draft.choose_plan(plans, 2027).plan_id == "2022-2025"
    with pytest.raises(NotFoundError):
        draft.choose_plan([], 2023)


def test_bad_requests_are_refused(demo_store: Store) -> None:
    with pytest.raises(UsageError):
        draft.draft(demo_store, year=2023, language="fr")
    with pytest.raises(UsageError):
        draft.draft(demo_store, year=2023, quarter=5)
    with pytest.raises(NotFoundError):
        draft.draft(demo_store, year=2023, plan_id="1999-2000")


# --- doubling and rounding through a store ------------------------------------------------------


@pytest.mark.parametrize(
    ("value_2023", "doubled", "more_than_doubled"), [(400, True, False), (401, True, True)]
)
def test_more_than_doubled_through_the_store(
    demo_store: Store, value_2023: int, doubled: bool, more_than_doubled: bool
) -> None:
    sent = _sent()
    rows = [
        _row("hotline_calls", 2021, 200),
        _row("hotline_calls", 2022, 400),
        _row("hotline_calls", 2023, value_2023),
    ]
    approve(demo_store, _upload(demo_store, rows, sent), now=sent)
    points = draft.draft(demo_store, year=2023, as_of=_later())
    trend = _bullet(points, "trend", "hotline_calls")
    assert f"fra 200 til {value_2023}" in trend.text
    assert ("fordoblet" in trend.text) is doubled
    assert ("mere end fordoblet" in trend.text) is more_than_doubled
    yearly = _bullet(points, "indicator", "hotline_calls")
    if value_2023 == 401:
        assert "Det er en stigning på 1 opkald eller 0,3 pct." in yearly.text  # 0.25 rounds up
    else:
        assert "Det er det samme antal som i 2022." in yearly.text


# --- what must never be passed off as official -------------------------------------------------


def test_the_illustrative_budget_says_so(demo_store: Store) -> None:
    da = _bullet(draft.draft(demo_store, year=2023, as_of=_later()), "budget")
    assert da.text.startswith(
        "Handlingsplanen for 2022–2025 har en samlet ramme på 118,2 mio. kr. ILLUSTRATIVT:"
    )
    assert "106,5 mio. kr." in da.text and "ikke et officielt tal" in da.text
    assert "er brugt" not in da.text, "no official-sounding sentence about invented money"
    assert da.flags.illustrative
    assert da.money is not None and da.money.spent_dkk == Decimal(106_528_000)
    assert any(s.is_illustrative for s in da.sources)
    en = _bullet(draft.draft(demo_store, year=2023, language="en", as_of=_later()), "budget")
    assert "ILLUSTRATIVE" in en.text and "not an official figure" in en.text
    # The invented source is named in the note's language (issue 18: an English title in a
    # Danish note).
    assert "»Illustrative demotal: IKKE offentliggjort, IKKE officielle«" in da.source_text
    assert "Illustrative demo figures" not in da.source_text
    assert "“Illustrative demo figures: NOT published, NOT official”" in en.source_text


def test_without_the_demo_money_the_budget_is_the_published_total_only(
    demo_store: Store,
) -> None:
    with demo_store.transaction() as connection:
        connection.execute("DELETE FROM spending_versions")
    budget = _bullet(draft.draft(demo_store, year=2023, as_of=_later()), "budget")
    assert budget.text == (
        "Handlingsplanen for 2022–2025 har en samlet ramme på 118,2 mio. kr. "
        "Der er ikke registreret forbrug i planwatch."
    )
    assert not budget.flags.illustrative and "ILLUSTRATIV" not in budget.text
    assert [s.source_id for s in budget.sources] == ["bm-pressemeddelelse-2021-11-19"]


def test_a_suppressed_small_count_is_never_written(demo_store: Store) -> None:
    minors = Breakdown(age_group="under_18")
    fixed = _sent()
    receipt = corrections.correct_observation(
        demo_store,
        indicator="victims_assessed",
        period=Period(2023),
        breakdown=minors,
        source_id="cmm-tal-2023",
        new_value=Decimal(2),
        reason="test: a small count",
        actor=acting("uploader-test"),
        now=fixed,
    )
    approve(demo_store, receipt.change_set_id, now=fixed)

    points = draft.draft(demo_store, year=2023, as_of=_later())
    bullet = _bullet(points, "breakdown", "victims_assessed")
    assert bullet.breakdown == minors
    assert bullet.text.startswith("I 2023 var færre end 3 af de vurderede ofre under 18 år mod 6")
    assert bullet.flags.suppressed and bullet.numbers is not None
    assert bullet.numbers.value is None and bullet.numbers.change is None
    everything = (
        formats.to_markdown(points)
        + json.dumps(formats.to_dict(points))
        + "\n".join(p.text for p in docx.Document(io.BytesIO(formats.to_docx(points))).paragraphs)
    )
    assert "var 2 af" not in everything and "2 of the" not in everything

    exact = draft.draft(demo_store, year=2023, as_of=_later(), view=View(exact_small_counts=True))
    shown = _bullet(exact, "breakdown", "victims_assessed")
    assert shown.text == (
        "I 2023 var 2 af de vurderede ofre under 18 år mod 6 i 2022. Tallet for 2023 er revideret."
    )
    assert not shown.flags.suppressed and shown.flags.revised


def test_a_submitted_figure_is_not_used_publicly_and_is_preliminary_otherwise(
    demo_store: Store,
) -> None:
    _upload(
        demo_store,
        [{**_row("victims_assessed", 2023, 113), "source_id": "cmm-tal-2023"}],
        _sent(),
    )
    public = draft.draft(demo_store, year=2023, as_of=_later(), view=PUBLIC_VIEW)
    assert "113" not in formats.to_markdown(public)
    victims = _victims(public)
    assert victims.numbers is not None and victims.numbers.value == 112
    assert not victims.flags.preliminary and not public.includes_submitted

    inside = draft.draft(demo_store, year=2023, as_of=_later(), view=SUBMITTED_VIEW)
    victims = _victims(inside)
    assert victims.numbers is not None and victims.numbers.value == 113
    assert victims.flags.preliminary and victims.flags.preliminary_reasons == ("submitted",)
    assert victims.flags.revised
    assert "stigning på 40 personer eller 54,8 pct." in victims.text
    assert "Der er tale om foreløbige tal: tal, der endnu ikke er godkendt, indgår." in victims.text
    assert "Omfatter indsendte tal" in formats.to_markdown(inside)


def test_notes_as_of_before_a_correction_use_the_old_figure(demo_store: Store) -> None:
    corrected_at = _sent()
    receipt = corrections.correct_observation(
        demo_store,
        indicator="victims_assessed",
        period=Period(2023),
        source_id="cmm-tal-2023",
        new_value=Decimal(113),
        reason="CMM revised the count",
        actor=acting("uploader-test"),
        now=corrected_at,
    )
    approve(demo_store, receipt.change_set_id, now=corrected_at)

    before = _victims(
        draft.draft(demo_store, year=2023, as_of=corrected_at - dt.timedelta(seconds=1))
    )
    assert before.numbers is not None and before.numbers.value == 112
    assert "53,4 pct." in before.text and not before.flags.revised
    after = _victims(draft.draft(demo_store, year=2023, as_of=corrected_at))
    assert after.numbers is not None and after.numbers.value == 113
    assert "54,8 pct." in after.text and after.flags.revised
    assert "Tallet for 2023 er revideret." in after.text


def test_illustrative_figures_and_a_year_from_some_quarters_are_marked(
    demo_store: Store,
) -> None:
    year = clock.built_at().year - 1  # ended when the notes are drafted; no calls stored
    sent = _sent()
    rows = [
        {**_row("hotline_calls", year, value, quarter=q), "source_id": "planwatch-demo"}
        for q, value in ((1, 100), (2, 110), (3, 120))
    ]
    approve(demo_store, _upload(demo_store, rows, sent), now=sent)
    points = draft.draft(demo_store, year=year, as_of=_later())
    calls = _bullet(points, "indicator", "hotline_calls")
    assert calls.text == (
        f"ILLUSTRATIVT – opdigtede demotal, ikke officielle tal: I 1.–3. kvt. {year} modtog "
        "Center mod Menneskehandels hotline 330 opkald. Der er ikke et tal for 1.–3. kvt. "
        f"{year - 1} at sammenligne med. Tallene for {year} er ikke komplette: de dækker 1.–3. kvt."
    )
    assert calls.flags.illustrative and calls.flags.preliminary_reasons == ("incomplete-year",)
    english = _bullet(
        draft.draft(demo_store, year=year, language="en", as_of=_later()),
        "indicator",
        "hotline_calls",
    )
    assert english.text == (
        "ILLUSTRATIVE – invented demo figures, not official figures: In Q1–Q3 "
        f"{year}, the hotline of the Danish Centre against Human Trafficking received 330 calls. "
        f"There is no figure for Q1–Q3 {year - 1} to compare with. The figures for {year} are "
        "not complete: they cover Q1–Q3."
    )


# --- a quarter ---------------------------------------------------------------------------------


def test_a_quarter_is_compared_with_the_same_quarter_a_year_earlier(demo_store: Store) -> None:
    year = clock.future_year()  # begun after the database was built: stored after it, too
    sent = dt.datetime(year, 7, 10)
    rows = [
        _row("victims_assessed", year - 1, 20, quarter=2),
        _row("victims_assessed", year, 25, quarter=1),
        _row("victims_assessed", year, 41, quarter=2),
    ]
    approve(demo_store, _upload(demo_store, rows, sent), now=sent)
    during = dt.datetime(year, 8, 1)
    points = draft.draft(demo_store, year=year, quarter=2, as_of=during)
    victims = _bullet(points, "quarter", "victims_assessed")
    assert victims.text == (
        f"I 2. kvartal {year} blev 41 personer vurderet som ofre for menneskehandel mod 20 i "
        f"2. kvartal {year - 1}. Det er en stigning på 21 personer eller 105,0 pct. "
        f"Antallet er mere end fordoblet. I 1. kvartal {year} var tallet 25. "
        f"Der er tale om foreløbige tal: {year} er ikke afsluttet."
    )
    assert victims.flags.preliminary_reasons == ("period-not-ended",)
    assert [c.previous for c in victims.comparisons] == [20, 25]
    assert points.title.endswith(f"tallene for 2. kvartal {year}")
    calls = _bullet(points, "quarter", "hotline_calls")
    assert calls.text.startswith("Der er ingen kvartalstal for opkald")
    english = draft.draft(demo_store, year=year, quarter=2, language="en", as_of=during)
    assert _bullet(english, "quarter", "victims_assessed").text.startswith(
        f"In Q2 {year}, 41 persons were assessed as victims of trafficking, against 20 in "
        f"Q2 {year - 1}."
    )
    settled = draft.draft(demo_store, year=year, quarter=2, as_of=dt.datetime(year + 1, 1, 2))
    assert not _bullet(settled, "quarter", "victims_assessed").flags.preliminary

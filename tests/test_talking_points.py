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

from planwatch import corrections, dashboard, reporting
from planwatch import talking_points as tp
from planwatch.domain.access import PUBLIC_VIEW, View
from planwatch.domain.periods import Period
from planwatch.domain.plans import Plan, PlanStatus
from planwatch.domain.series import Extreme
from planwatch.domain.vocab import Breakdown
from planwatch.errors import NotFoundError, UsageError
from planwatch.storage import Store
from planwatch.storage import repository as repo
from tests.actors import acting, approve

LATER = dt.datetime(2030, 1, 1, 12, 0)  # after the fixture stored the reference data
SUBMITTED_VIEW = View(include_submitted=True)


def _bullet(points: tp.TalkingPoints, kind: str, code: str | None = None) -> tp.Bullet:
    found = [b for b in points.bullets if b.kind == kind and b.indicator_code == code]
    assert len(found) == 1, [b.text for b in points.bullets]
    return found[0]


def _victims(points: tp.TalkingPoints) -> tp.Bullet:
    return _bullet(points, "indicator", "victims_assessed")


def _upload(store: Store, rows: list[dict[str, object]], when: dt.datetime) -> int:
    """Send observations in as an upload (a submission awaiting approval)."""
    frame = pd.DataFrame(rows).astype({"quarter": "Int16"})
    with store.transaction() as connection:
        change_set = repo.insert_change_set(
            connection, kind="upload", recorded_at=when, recorded_by="uploader@test"
        )
        repo.insert_new_versions(
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
    points = tp.draft(demo_store, year=2023, language=language, as_of=LATER)
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
        for t in dashboard.indicator_tiles(demo_store, as_of=LATER)
        if t.indicator.code == "victims_assessed"
    )
    assert numbers.highest == tile.highest == Extreme(2016, record=False)
    series = {v.year: v.value for v in reporting.year_series(demo_store, "victims_assessed")}
    assert series[2016] is not None and series[2016] >= 112
    assert all(v is not None and v < 112 for y, v in series.items() if 2016 < y < 2023)
    # The published "increase of 35 pct." is nowhere: not in a bullet, a source, the files.
    rendered = tp.to_markdown(points) + json.dumps(tp.to_dict(points), ensure_ascii=False)
    assert "35" not in rendered
    document = docx.Document(io.BytesIO(tp.to_docx(points)))
    assert all("35" not in p.text for p in document.paragraphs)


def test_2023_also_gives_the_change_since_the_plan_and_says_what_is_missing(
    demo_store: Store,
) -> None:
    points = tp.draft(demo_store, year=2023, as_of=LATER)
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
    assert points.plan.plan_id == "2022-2025" and points.as_of == LATER


# --- wording rules, as pure functions -----------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (50, 100, tp.Multiple.DOUBLED),  # exactly twice: not "more than doubled"
        (50, 101, tp.Multiple.MORE_THAN_DOUBLED),
        (50, 99, None),
        (51, 102, tp.Multiple.DOUBLED),
        (51, 103, tp.Multiple.MORE_THAN_DOUBLED),
        (50, 25, tp.Multiple.HALVED),
        (50, 24, tp.Multiple.MORE_THAN_HALVED),
        (50, 26, None),
        (51, 26, None),  # 26 > 25.5
        (51, 25, tp.Multiple.MORE_THAN_HALVED),
        (0, 5, None),  # nothing is said about a change from zero
    ],
)
def test_doubling_and_halving_boundaries(old: int, new: int, expected: tp.Multiple | None) -> None:
    assert tp.multiple(Decimal(old), Decimal(new)) == expected
    numbers = tp.compare(Period(2023), Decimal(new), Period(2020), Decimal(old))
    assert numbers.multiple == expected
    said = tp.multiple_text(numbers.multiple, "da")
    assert ("mere end fordoblet" in said) == (expected is tp.Multiple.MORE_THAN_DOUBLED)
    assert ("fordoblet" in said) == (new > 0 and old > 0 and new >= 2 * old)
    assert ("halveret" in said) == (old > 0 and 2 * new <= old)
    english = tp.multiple_text(numbers.multiple, "en")
    assert ("more than doubled" in english) == (expected is tp.Multiple.MORE_THAN_DOUBLED)


@pytest.mark.parametrize(
    ("percent", "da", "en"),
    [
        ("0.25", "0,3 pct.", "0.3 per cent"),  # half up, not to even (0.2)
        ("0.05", "0,1 pct.", "0.1 per cent"),
        ("-0.25", "0,3 pct.", "0.3 per cent"),  # the direction is said in words
        ("2.45", "2,5 pct.", "2.5 per cent"),
        ("53.424657534", "53,4 pct.", "53.4 per cent"),
        ("0.04", "under 0,1 pct.", "less than 0.1 per cent"),
        ("0", "0,0 pct.", "0.0 per cent"),
    ],
)
def test_percent_is_rounded_half_up(percent: str, da: str, en: str) -> None:
    assert tp.percent_text(Decimal(percent), "da") == da
    assert tp.percent_text(Decimal(percent), "en") == en


def test_a_change_of_exactly_a_quarter_per_cent_rounds_up() -> None:
    numbers = tp.compare(Period(2023), Decimal(401), Period(2022), Decimal(400))
    assert numbers.percent == Decimal("0.25") and numbers.percent_rounded == Decimal("0.3")
    words = tp.Wording(("opkald", "opkald"), "", "")
    assert tp.change_text(numbers, words, "da") == "Det er en stigning på 1 opkald eller 0,3 pct."


def test_since_phrases_follow_the_series_rule() -> None:
    history = {2019: Decimal(9), 2020: Decimal(4), 2021: Decimal(5), 2022: Decimal(6)}
    numbers = tp.compare(Period(2022), Decimal(6), Period(2021), Decimal(5), history)
    assert numbers.highest == Extreme(2019, record=False)
    words = tp.Wording(("person", "personer"), "", "")
    assert tp.change_text(numbers, words, "da") == (
        "Det er en stigning på 1 person eller 20,0 pct. og det højeste antal siden 2019."
    )
    lower = {**history, 2019: Decimal(1)}
    record = tp.compare(Period(2022), Decimal(6), Period(2021), Decimal(5), lower)
    assert record.highest == Extreme(2019, record=True)
    assert "i tallene tilbage til 2019" in tp.change_text(record, words, "da")
    streak_too_short = tp.compare(
        Period(2022), Decimal(6), Period(2021), Decimal(5), {2021: Decimal(5), 2022: Decimal(6)}
    )
    assert tp.change_text(streak_too_short, words, "da") == (
        "Det er en stigning på 1 person eller 20,0 pct."
    )


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
    assert tp.trend_baseline(values, year, _plan(2022, 2025)) == expected


def test_the_plan_is_the_one_whose_period_holds_the_year_else_the_latest() -> None:
    plans = [_plan(2011, 2014), _plan(2019, 2021), _plan(2022, 2025)]
    assert tp.choose_plan(plans, 2012).plan_id == "2011-2014"
    assert tp.choose_plan(plans, 2023).plan_id == "2022-2025"
    assert tp.choose_plan(plans, 2017).plan_id == "2022-2025"
    assert tp.choose_plan(plans, 2027).plan_id == "2022-2025"
    with pytest.raises(NotFoundError):
        tp.choose_plan([], 2023)


def test_bad_requests_are_refused(demo_store: Store) -> None:
    with pytest.raises(UsageError):
        tp.draft(demo_store, year=2023, language="fr")
    with pytest.raises(UsageError):
        tp.draft(demo_store, year=2023, quarter=5)
    with pytest.raises(NotFoundError):
        tp.draft(demo_store, year=2023, plan_id="1999-2000")


# --- doubling and rounding through a store ------------------------------------------------------


@pytest.mark.parametrize(
    ("value_2023", "doubled", "more_than_doubled"), [(400, True, False), (401, True, True)]
)
def test_more_than_doubled_through_the_store(
    demo_store: Store, value_2023: int, doubled: bool, more_than_doubled: bool
) -> None:
    sent = dt.datetime(2029, 6, 1)
    rows = [
        _row("hotline_calls", 2021, 200),
        _row("hotline_calls", 2022, 400),
        _row("hotline_calls", 2023, value_2023),
    ]
    approve(demo_store, _upload(demo_store, rows, sent), now=sent)
    points = tp.draft(demo_store, year=2023, as_of=LATER)
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
    da = _bullet(tp.draft(demo_store, year=2023, as_of=LATER), "budget")
    assert da.text.startswith(
        "Handlingsplanen for 2022–2025 har en samlet ramme på 118,2 mio. kr. ILLUSTRATIVT:"
    )
    assert "106,5 mio. kr." in da.text and "ikke et officielt tal" in da.text
    assert "er brugt" not in da.text, "no official-sounding sentence about invented money"
    assert da.flags.illustrative
    assert da.money is not None and da.money.spent_dkk == Decimal(106_528_000)
    assert any(s.is_illustrative for s in da.sources)
    en = _bullet(tp.draft(demo_store, year=2023, language="en", as_of=LATER), "budget")
    assert "ILLUSTRATIVE" in en.text and "not an official figure" in en.text


def test_without_the_demo_money_the_budget_is_the_published_total_only(
    demo_store: Store,
) -> None:
    with demo_store.transaction() as connection:
        connection.execute("DELETE FROM spending_versions")
    budget = _bullet(tp.draft(demo_store, year=2023, as_of=LATER), "budget")
    assert budget.text == (
        "Handlingsplanen for 2022–2025 har en samlet ramme på 118,2 mio. kr. "
        "Der er ikke registreret forbrug i planwatch."
    )
    assert not budget.flags.illustrative and "ILLUSTRATIV" not in budget.text
    assert [s.source_id for s in budget.sources] == ["bm-pressemeddelelse-2021-11-19"]


def test_a_suppressed_small_count_is_never_written(demo_store: Store) -> None:
    minors = Breakdown(age_group="under_18")
    fixed = dt.datetime(2029, 6, 1)
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

    points = tp.draft(demo_store, year=2023, as_of=LATER)
    bullet = _bullet(points, "breakdown", "victims_assessed")
    assert bullet.breakdown == minors
    assert bullet.text.startswith("I 2023 var færre end 3 af de vurderede ofre under 18 år mod 6")
    assert bullet.flags.suppressed and bullet.numbers is not None
    assert bullet.numbers.value is None and bullet.numbers.change is None
    everything = (
        tp.to_markdown(points)
        + json.dumps(tp.to_dict(points))
        + "\n".join(p.text for p in docx.Document(io.BytesIO(tp.to_docx(points))).paragraphs)
    )
    assert "var 2 af" not in everything and "2 of the" not in everything

    exact = tp.draft(demo_store, year=2023, as_of=LATER, view=View(exact_small_counts=True))
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
        dt.datetime(2029, 6, 1),
    )
    public = tp.draft(demo_store, year=2023, as_of=LATER, view=PUBLIC_VIEW)
    assert "113" not in tp.to_markdown(public)
    victims = _victims(public)
    assert victims.numbers is not None and victims.numbers.value == 112
    assert not victims.flags.preliminary and not public.includes_submitted

    inside = tp.draft(demo_store, year=2023, as_of=LATER, view=SUBMITTED_VIEW)
    victims = _victims(inside)
    assert victims.numbers is not None and victims.numbers.value == 113
    assert victims.flags.preliminary and victims.flags.preliminary_reasons == ("submitted",)
    assert victims.flags.revised
    assert "stigning på 40 personer eller 54,8 pct." in victims.text
    assert "Der er tale om foreløbige tal: tal, der endnu ikke er godkendt, indgår." in victims.text
    assert "Omfatter indsendte tal" in tp.to_markdown(inside)


def test_notes_as_of_before_a_correction_use_the_old_figure(demo_store: Store) -> None:
    corrected_at = dt.datetime(2029, 6, 1, 10, 0)
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

    before = _victims(tp.draft(demo_store, year=2023, as_of=corrected_at - dt.timedelta(seconds=1)))
    assert before.numbers is not None and before.numbers.value == 112
    assert "53,4 pct." in before.text and not before.flags.revised
    after = _victims(tp.draft(demo_store, year=2023, as_of=corrected_at))
    assert after.numbers is not None and after.numbers.value == 113
    assert "54,8 pct." in after.text and after.flags.revised
    assert "Tallet for 2023 er revideret." in after.text


def test_illustrative_figures_and_a_year_from_some_quarters_are_marked(
    demo_store: Store,
) -> None:
    sent = dt.datetime(2029, 12, 1)
    rows = [
        {**_row("hotline_calls", 2029, value, quarter=q), "source_id": "planwatch-demo"}
        for q, value in ((1, 100), (2, 110), (3, 120))
    ]
    approve(demo_store, _upload(demo_store, rows, sent), now=sent)
    points = tp.draft(demo_store, year=2029, as_of=LATER)
    calls = _bullet(points, "indicator", "hotline_calls")
    assert calls.text.startswith(
        "ILLUSTRATIVT – opdigtede demotal, ikke officielle tal: I 2029 modtog Center mod "
        "Menneskehandels hotline 330 opkald."
    )
    assert calls.flags.illustrative and calls.flags.preliminary_reasons == ("incomplete-year",)
    assert "kun opgjort for en del af kvartalerne" in calls.text
    english = _bullet(
        tp.draft(demo_store, year=2029, language="en", as_of=LATER), "indicator", "hotline_calls"
    )
    assert english.text.startswith("ILLUSTRATIVE – invented demo figures, not official figures:")


# --- a quarter ---------------------------------------------------------------------------------


def test_a_quarter_is_compared_with_the_same_quarter_a_year_earlier(demo_store: Store) -> None:
    sent = dt.datetime(2030, 7, 10)
    rows = [
        _row("victims_assessed", 2029, 20, quarter=2),
        _row("victims_assessed", 2030, 25, quarter=1),
        _row("victims_assessed", 2030, 41, quarter=2),
    ]
    approve(demo_store, _upload(demo_store, rows, sent), now=sent)
    during = dt.datetime(2030, 8, 1)
    points = tp.draft(demo_store, year=2030, quarter=2, as_of=during)
    victims = _bullet(points, "quarter", "victims_assessed")
    assert victims.text == (
        "I 2. kvartal 2030 blev 41 personer vurderet som ofre for menneskehandel mod 20 i "
        "2. kvartal 2029. Det er en stigning på 21 personer eller 105,0 pct. "
        "Antallet er mere end fordoblet. I 1. kvartal 2030 var tallet 25. "
        "Der er tale om foreløbige tal: 2030 er ikke afsluttet."
    )
    assert victims.flags.preliminary_reasons == ("period-not-ended",)
    assert [c.previous for c in victims.comparisons] == [20, 25]
    assert points.title.endswith("tallene for 2. kvartal 2030")
    calls = _bullet(points, "quarter", "hotline_calls")
    assert calls.text.startswith("Der er ingen kvartalstal for opkald")
    english = tp.draft(demo_store, year=2030, quarter=2, language="en", as_of=during)
    assert _bullet(english, "quarter", "victims_assessed").text.startswith(
        "In Q2 2030, 41 persons were assessed as victims of trafficking, against 20 in Q2 2029."
    )
    settled = tp.draft(demo_store, year=2030, quarter=2, as_of=dt.datetime(2031, 1, 2))
    assert not _bullet(settled, "quarter", "victims_assessed").flags.preliminary


# --- renderers ---------------------------------------------------------------------------------


def test_markdown_and_docx_carry_every_bullet_and_its_source(demo_store: Store) -> None:
    points = tp.draft(demo_store, year=2023, as_of=LATER)
    markdown = tp.to_markdown(points)
    assert markdown.startswith(f"# {points.title}\n")
    for bullet in points.bullets:
        assert f"- {bullet.text}\n  *{bullet.source_text}*" in markdown
    assert "Udarbejdet af planwatch 1. januar 2030, kl. 12:00 UTC" in markdown

    document = docx.Document(io.BytesIO(tp.to_docx(points)))
    assert document.paragraphs[0].text == points.title
    assert document.paragraphs[0].style.name == "Heading 1"
    items = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert [p.text for p in items] == [f"{b.text}\n{b.source_text}" for b in points.bullets]
    source_run = items[1].runs[-1]
    assert source_run.italic and source_run.text == points.bullets[1].source_text
    assert source_run.font.size is not None and source_run.font.size.pt < 11
    footer = document.sections[0].footer.paragraphs[0].text
    assert footer == "Udarbejdet af planwatch 1. januar 2030, kl. 12:00 UTC"

    data = json.loads(json.dumps(tp.to_dict(points)))
    victims = next(b for b in data["bullets"] if b["indicator_code"] == "victims_assessed")
    assert victims["numbers"][0]["value"] == 112 and victims["numbers"][0]["previous"] == 73
    assert victims["numbers"][0]["percent_rounded"] == 53.4
    assert data["as_of"] == "2030-01-01T12:00:00"


def test_stored_text_cannot_inject_anything(demo_store: Store) -> None:
    points = tp.draft(demo_store, year=2023, as_of=LATER)
    hostile = "x\x00y\x0b <w:p>[link](http://evil.example) ![i](http://e/i.png)\n# Head $x$"
    bullet = tp.Bullet("indicator", "victims_assessed", hostile, hostile)
    numbered = tp.Bullet("quarter", None, "2. kvartal 2030: 41", "- Kilde")
    tampered = tp.TalkingPoints(
        hostile, points.plan, points.period, "da", points.as_of, False, (bullet, numbered)
    )
    document = docx.Document(io.BytesIO(tp.to_docx(tampered)))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "x y <w:p>[link](http://evil.example) ![i](http://e/i.png) # Head $x$"
    assert len([p for p in document.paragraphs if p.style.name == "List Bullet"]) == 2
    markdown = tp.to_markdown(tampered)
    assert "- 2\\. kvartal 2030: 41\n  *\\- Kilde*" in markdown  # not a nested list
    assert "](" not in markdown.replace("\\](", "")  # no live link or image
    assert "<w:p>" not in markdown and "\\<w:p\\>" in markdown
    assert "\x00" not in markdown
    assert [line for line in markdown.splitlines() if line.startswith("#")] == [
        markdown.splitlines()[0]
    ]

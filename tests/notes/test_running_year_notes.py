"""Speaking notes in a running year (issue 14): a partial year is named by its quarters, compared
only with the same quarters of the year before, and said to be not complete; a note leads with
the latest complete year. On the ``running_year`` scenario (tests/scenarios.py), at the moments
between the quarterly uploads, in Danish and English."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import docx
import pandas as pd
import pytest

from planwatch.domain.clock import local_day_end, to_local
from planwatch.domain.coverage import Coverage
from planwatch.domain.permissions import PUBLIC_VIEW, View
from planwatch.formatting import format_date
from planwatch.notes import draft, formats, note
from planwatch.storage import Store, repository
from tests import clock
from tests.helpers_access import approve
from tests.scenarios import RunningYear, store_quarters

NEVER_DA = ("faldet fra", "til 28", "halveret", "fordoblet", "laveste", "højeste", "mod 100")
NEVER_EN = ("fell from", "to 28", "halved", "doubled", "lowest", "highest", "against 100")


def _draft(
    scenario: RunningYear,
    moment: str,
    language: str = "da",
    year: int | None = None,
    view: View = PUBLIC_VIEW,
) -> note.TalkingPoints:
    return draft.draft(
        scenario.store(),
        year=year,
        language=language,
        as_of=scenario.moments[moment],
        view=view,
    )


def _bullets(points: note.TalkingPoints, kind: str, code: str) -> list[note.Bullet]:
    return [b for b in points.bullets if b.kind == kind and b.indicator_code == code]


def _victims(points: note.TalkingPoints) -> note.Bullet:
    (bullet,) = _bullets(points, "indicator", "victims_assessed")
    return bullet


def _everything(points: note.TalkingPoints) -> str:
    """What every format of the note says in words: the Markdown, the Word paragraphs and the
    texts of the JSON (its keys are not words a minister reads)."""
    document = docx.Document(io.BytesIO(formats.to_docx(points)))
    data = json.loads(json.dumps(formats.to_dict(points), ensure_ascii=False))
    said = [data["title"], data["footer"]]
    said += [t for b in data["bullets"] for t in (b["text"], b["source_text"])]
    return "\n".join([formats.to_markdown(points), *(p.text for p in document.paragraphs), *said])


# --- 2025 after its first quarter: 28 against 19, never against the whole of 2024 --------------


@pytest.mark.parametrize(
    ("language", "expected", "never"),
    [
        (
            "da",
            "I 1. kvt. 2025 blev 28 personer vurderet som ofre for menneskehandel mod 19 i "
            "1. kvt. 2024. Det er en stigning på 9 personer eller 47,4 pct. "
            "Tallene for 2025 er ikke komplette: de dækker 1. kvt.",
            NEVER_DA,
        ),
        (
            "en",
            "In Q1 2025, 28 persons were assessed as victims of trafficking, against 19 in "
            "Q1 2024. That is an increase of 9 persons or 47.4 per cent. "
            "The figures for 2025 are not complete: they cover Q1.",
            NEVER_EN,
        ),
    ],
)
def test_the_2025_note_after_q1_compares_28_with_19_in_q1_2024(
    running_year: RunningYear, language: str, expected: str, never: tuple[str, ...]
) -> None:
    points = _draft(running_year, "2025-Q1", language, year=2025)
    victims = _victims(points)
    assert victims.text == expected
    numbers = victims.numbers
    assert numbers is not None
    assert (numbers.value, numbers.previous, numbers.change) == (28, 19, 9)
    assert numbers.percent_rounded == Decimal("47.4")
    assert numbers.covers == Coverage(2025, (1,))
    assert numbers.previous_covers == Coverage(2024, (1,))
    assert numbers.multiple is None and numbers.highest is None and numbers.lowest is None
    assert victims.flags.preliminary and "incomplete-year" in victims.flags.preliminary_reasons
    # No change over several years from a partial year ("faldet fra 80 til 28").
    assert not _bullets(points, "trend", "victims_assessed")
    stated = _everything(points)
    for words in never:
        assert words not in stated, words
    data = formats.to_dict(points)
    (said,) = next(b for b in data["bullets"] if b["indicator_code"] == "victims_assessed")[
        "numbers"
    ]
    assert (said["period"], said["quarters"], said["value"]) == ("2025", [1], 28)
    assert (said["previous_period"], said["previous_quarters"], said["previous"]) == (
        "2024",
        [1],
        19,
    )


def test_after_q2_the_year_to_date_is_54_against_50(running_year: RunningYear) -> None:
    victims = _victims(_draft(running_year, "2025-Q2", year=2025))
    assert victims.text.startswith(
        "I 1.–2. kvt. 2025 blev 54 personer vurderet som ofre for menneskehandel mod 50 i "
        "1.–2. kvt. 2024. Det er en stigning på 4 personer eller 8,0 pct."
    )
    assert victims.text.endswith("Tallene for 2025 er ikke komplette: de dækker 1.–2. kvt.")


# --- 2024 after two quarters: nothing to compare with, said plainly ------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "da",
            "I 1.–2. kvt. 2024 blev 50 personer vurderet som ofre for menneskehandel. For 2023 er "
            "der kun et tal for hele året, ikke kvartalstal, så tallet kan ikke sammenlignes med "
            "samme periode året før. Tallene for 2024 er ikke komplette: de dækker 1.–2. kvt.",
        ),
        (
            "en",
            "In Q1–Q2 2024, 50 persons were assessed as victims of trafficking. For 2023 there is "
            "only a figure for the whole year, no quarterly figures, so the figure cannot be "
            "compared with the same period a year earlier. The figures for 2024 are not "
            "complete: they cover Q1–Q2.",
        ),
    ],
)
def test_the_2024_note_after_q2_says_why_there_is_no_comparison(
    running_year: RunningYear, language: str, expected: str
) -> None:
    points = _draft(running_year, "2024-Q2", language, year=2024)
    victims = _victims(points)
    assert victims.text == expected
    numbers = victims.numbers
    assert numbers is not None and numbers.covers == Coverage(2024, (1, 2))
    assert numbers.previous is None and numbers.previous_covers is None
    assert numbers.change is None and numbers.percent is None and numbers.lowest is None
    assert "112" not in victims.text, "never against the whole of 2023"
    assert {s.source_id for s in victims.sources} == {"cmm-upload"}
    assert not _bullets(points, "trend", "victims_assessed")


# --- 2024 complete: 100 against 112 -------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected", "trend"),
    [
        (
            "da",
            "I 2024 blev 100 personer vurderet som ofre for menneskehandel mod 112 i 2023. "
            "Det er et fald på 12 personer eller 10,7 pct.",
            "Fra 2021, året før handlingsplanen, til 2024 er antallet af vurderede ofre steget "
            "fra 80 til 100. Det er en stigning på 20 personer eller 25,0 pct.",
        ),
        (
            "en",
            "In 2024, 100 persons were assessed as victims of trafficking, against 112 in 2023. "
            "That is a decrease of 12 persons or 10.7 per cent.",
            "From 2021, the year before the action plan, to 2024, the number of persons "
            "assessed as victims rose from 80 to 100. That is an increase of 20 persons or 25.0 "
            "per cent.",
        ),
    ],
)
def test_with_its_fourth_quarter_2024_is_a_year_against_2023(
    running_year: RunningYear, language: str, expected: str, trend: str
) -> None:
    points = _draft(running_year, "2024-Q4", language)
    assert points.year == 2024, "the latest complete year is the note's year"
    victims = _victims(points)
    assert victims.text == expected
    numbers = victims.numbers
    assert numbers is not None
    assert (numbers.value, numbers.previous, numbers.change) == (100, 112, -12)
    assert numbers.percent_rounded == Decimal("10.7")
    assert numbers.covers == Coverage(2024) and numbers.previous_covers == Coverage(2023)
    assert "incomplete-year" not in victims.flags.preliminary_reasons
    (said,) = _bullets(points, "trend", "victims_assessed")
    assert said.text == trend


# --- the note's year ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "year"),
    [
        ("before", 2023),
        ("2024-Q1", 2023),
        ("2024-Q3", 2023),
        ("2024-Q4", 2024),
        ("2025-Q1", 2024),
        ("2025-Q2", 2024),
    ],
)
def test_a_note_without_a_year_is_about_the_latest_complete_year(
    running_year: RunningYear, moment: str, year: int
) -> None:
    as_of = running_year.moments[moment]
    assert draft.default_year(running_year.store(), as_of=as_of) == year
    points = _draft(running_year, moment)
    assert points.year == year and points.title.endswith(f"tallene for {year}")
    victims = _victims(points)
    assert victims.numbers is not None and victims.numbers.covers == Coverage(year)
    assert "kvt." not in victims.text and "ikke komplette" not in victims.text


@pytest.mark.parametrize("moment", ["before", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"])
def test_before_2025_has_a_figure_its_note_names_the_latest_one_by_what_it_covers(
    running_year: RunningYear, moment: str
) -> None:
    victims = _victims(_draft(running_year, moment, year=2025))
    assert victims.text.startswith(
        "Der er ikke et tal for vurderede ofre for menneskehandel for 2025. Det seneste tal er "
    )
    latest = {
        "before": "112 fra 2023.",
        "2024-Q1": "19 fra 1. kvt. 2024. Tallene for 2024 er ikke komplette: de dækker 1. kvt.",
        "2024-Q2": "50 fra 1.–2. kvt. 2024.",
        "2024-Q3": "76 fra 1.–3. kvt. 2024.",
        "2024-Q4": "100 fra 2024.",
    }[moment]
    assert latest in victims.text
    assert victims.numbers is not None and victims.numbers.change is None


# --- a breakdown of a partial year -------------------------------------------------------------


def _store_minors(scenario: RunningYear, values: dict[tuple[int, int], int]) -> dt.datetime:
    """Quarterly counts of persons under 18 among the victims, stored and approved after the
    scenario's last step; returns a moment after them."""
    store = scenario.store()
    when = scenario.moments["2025-Q2"] + dt.timedelta(hours=1)
    for year in sorted({y for y, _ in values}):
        quarters = {q: v for (y, q), v in values.items() if y == year}
        store_quarters(
            store, "victims_assessed", year, quarters, when, "cmm-upload", age_group="under_18"
        )
    return when + dt.timedelta(hours=1)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "da",
            "I 1. kvt. 2025 var 7 af de vurderede ofre under 18 år mod 5 i 1. kvt. 2024. "
            "Tallene for 2025 er ikke komplette: de dækker 1. kvt.",
        ),
        (
            "en",
            "In Q1 2025, 7 of the persons assessed as victims were under 18, against 5 in Q1 "
            "2024. The figures for 2025 are not complete: they cover Q1.",
        ),
    ],
)
def test_a_breakdown_of_a_partial_year_is_labelled_and_compared_the_same_way(
    running_year: RunningYear, language: str, expected: str
) -> None:
    as_of = _store_minors(running_year, {(2024, 1): 5, (2024, 2): 6, (2025, 1): 7})
    points = draft.draft(running_year.store(), year=2025, language=language, as_of=as_of)
    (minors,) = _bullets(points, "breakdown", "victims_assessed")
    assert minors.text == expected
    numbers = minors.numbers
    assert numbers is not None and (numbers.value, numbers.previous) == (7, 5)
    assert numbers.covers == Coverage(2025, (1,)) and numbers.previous_covers == Coverage(
        2024, (1,)
    )


def test_a_breakdown_compared_with_hidden_quarters_says_so_and_never_the_count(
    running_year: RunningYear,
) -> None:
    as_of = _store_minors(running_year, {(2024, 1): 2, (2024, 2): 6, (2025, 1): 7})
    points = draft.draft(running_year.store(), year=2025, as_of=as_of)
    (minors,) = _bullets(points, "breakdown", "victims_assessed")
    assert minors.text == (
        "I 1. kvt. 2025 var 7 af de vurderede ofre under 18 år. Kvartalstallene for 2024 "
        "oplyses ikke, så tallet kan ikke sammenlignes med samme periode året før. Tallene for "
        "2025 er ikke komplette: de dækker 1. kvt. Små antal oplyses ikke af hensyn til de berørte."
    )
    assert minors.flags.suppressed
    assert minors.numbers is not None and minors.numbers.previous is None
    exact = draft.draft(
        running_year.store(), year=2025, as_of=as_of, view=View(exact_small_counts=True)
    )
    (shown,) = _bullets(exact, "breakdown", "victims_assessed")
    assert shown.text.startswith("I 1. kvt. 2025 var 7 af de vurderede ofre under 18 år mod 2 i")


# --- one Danish day on the page, in the title, the meta line, the sources and the footer --------


def test_every_date_of_a_note_is_the_danish_day_the_page_names(demo_store: Store) -> None:
    """A page shows the figures of a Danish day (the sidebar's date); the note drafted for it
    names that day everywhere, and decides from it whether the year has ended."""
    day = clock.built_at().date() + dt.timedelta(days=3)
    points = draft.draft(demo_store, year=2023, as_of=local_day_end(day))
    said = format_date(day, "da")
    assert formats.to_markdown(points).splitlines()[2].startswith(f"*Tal pr. {said}, kl. 23.59")
    assert all(b.source_text.endswith(f"tal pr. {said}.") for b in points.bullets)
    assert formats.footer_text(points).startswith(f"Udarbejdet af planwatch {said}")


def test_new_years_night_in_denmark_is_the_new_year(demo_store: Store) -> None:
    """23:30 UTC on 31 December is 00:30 on 1 January in Denmark: the year has ended, and the
    note says so nowhere ("… er ikke afsluttet") while naming 1 January."""
    year = clock.future_year()
    sent = dt.datetime(year, 12, 20)
    rows = [
        {
            "indicator_code": "victims_assessed",
            "year": year,
            "quarter": 4,
            "sex": "all",
            "age_group": "all",
            "exploitation": "all",
            "source_id": "cmm-upload",
            "value": 30.0,
            "is_preferred": True,
            "note": None,
        }
    ]
    frame = pd.DataFrame(rows).astype({"quarter": "Int16"})
    with demo_store.transaction() as connection:
        change_set = repository.insert_change_set(
            connection, kind="upload", recorded_at=sent, recorded_by="uploader@test"
        )
        repository.insert_new_versions(
            connection,
            "observation_versions",
            frame,
            change_set_id=change_set,
            compare_with_kinds=None,
        )
    approve(demo_store, change_set)
    night = dt.datetime(year, 12, 31, 23, 30)
    assert to_local(night).date() == dt.date(year + 1, 1, 1)
    points = draft.draft(demo_store, year=year, quarter=4, as_of=night)
    (victims,) = _bullets(points, "quarter", "victims_assessed")
    assert "period-not-ended" not in victims.flags.preliminary_reasons
    assert "ikke afsluttet" not in victims.text
    assert victims.source_text.endswith(f"tal pr. 1. januar {year + 1}.")
    assert f"1. januar {year + 1}, kl. 00.30" in formats.footer_text(points)

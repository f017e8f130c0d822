"""Which indicator a count is about (issue 15, second round): CMM's wording with the form of
exploitation, the TIP report's prosecution series, the parallel prosecution series, and a count
that continues the previous sentence (docs/claims.md, "Which indicator")."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planwatch.claims.checking import check
from planwatch.claims.report import Claim
from planwatch.storage import Store


@pytest.fixture(scope="module")
def store(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("indicator-choice") / "planwatch.duckdb"
    shutil.copy(demo_db_template, path)
    return Store(path, lock_timeout=5.0)


def claim_of(store: Store, text: str, figure: str, language: str) -> Claim:
    """The claim whose text holds ``figure`` (the last such claim)."""
    report = check(store, text, language=language)
    found = [c for c in report.claims if figure in c.text]
    assert found, [c.text for c in report.claims]
    return found[-1]


# --- CMM's wording: persons trafficked into a form of exploitation ---------------------------

WORDING = [
    ("da", "Otte personer er i 2018 handlet til strafbare handlinger.", "Otte", "consistent", None),
    (
        "da",
        "Seks personer er i 2018 handlet til strafbare handlinger.",
        "Seks",
        "inconsistent",
        "8",
    ),
    ("da", "I 2018 er 29 kvinder handlet til seksuel udnyttelse.", "29", "consistent", None),
    ("da", "I 2023 er 23 personer udnyttet til tvangsarbejde.", "23", "consistent", None),
    ("da", "Ni af de registrerede ofre i 2016 var under 18 år.", "Ni", "consistent", None),
    ("en", "In 2023, 23 people were trafficked into forced labour.", "23", "consistent", None),
    ("en", "In 2023, 25 people were trafficked into forced labour.", "25", "inconsistent", "23"),
]


@pytest.mark.parametrize(("language", "text", "figure", "verdict", "correct"), WORDING)
def test_trafficked_into_a_form_of_exploitation_is_victims_assessed(
    store: Store, language: str, text: str, figure: str, verdict: str, correct: str | None
) -> None:
    found = claim_of(store, text, figure, language)
    assert found.indicator is not None and found.indicator.code == "victims_assessed"
    assert found.verdict == verdict
    assert found.correct == correct
    assert found.stored


def test_trade_is_not_trafficking(store: Store) -> None:
    """Near-miss: *handel* (trade) without a form of exploitation names no indicator."""
    found = claim_of(store, "I 2018 blev 40 virksomheder handlet på børsen.", "40", "da")
    assert found.indicator is None and found.verdict == "not-checked"
    shopped = claim_of(store, "I 2023 handlede 112 personer i butikken.", "112", "da")
    assert shopped.indicator is None
    traded = claim_of(store, "In 2023, 40 shares were traded for cash.", "40", "en")
    assert traded.indicator is None


# --- the TIP report's prosecution series -----------------------------------------------------


def test_tip_prosecutions_and_convictions(store: Store) -> None:
    text = (
        "Using Section 262, the government prosecuted 25 people for sex trafficking and "
        "convicted 11 sex trafficking offenders in 2009."
    )
    prosecuted = claim_of(store, text, "25", "en")
    convicted = claim_of(store, text, "11", "en")
    assert prosecuted.indicator is not None
    assert prosecuted.indicator.code == "persons_prosecuted_tip"
    assert prosecuted.verdict == "consistent"
    assert prosecuted.stored[0].shown == "25"
    assert convicted.indicator is not None
    assert convicted.indicator.code == "persons_convicted_tip"
    assert convicted.verdict == "consistent"


def test_tip_prosecutions_wrong(store: Store) -> None:
    text = "Using Section 262, the government prosecuted 52 people for sex trafficking in 2009."
    found = claim_of(store, text, "52", "en")
    assert found.indicator is not None and found.indicator.code == "persons_prosecuted_tip"
    assert found.verdict == "inconsistent" and found.correct == "25"


def test_police_investigations(store: Store) -> None:
    text = "Police reported conducting a total of 44 human trafficking investigations in 2009."
    found = claim_of(store, text, "44", "en")
    assert found.indicator is not None and found.indicator.code == "police_investigations_tip"
    assert found.verdict == "consistent"


# --- two prosecution series: section 262 a and the TIP report --------------------------------


def test_262a_in_the_tip_reports_words_is_not_called_wrong(store: Store) -> None:
    text = "In 2018 the government reported 2 people convicted of trafficking."
    found = claim_of(store, text, "2", "en")
    assert found.indicator is not None and found.indicator.code == "persons_convicted_262a"
    assert found.verdict == "not-checked"
    assert "TIP report's words" in found.explanation_en


def test_262a_in_danish_is_checked(store: Store) -> None:
    found = claim_of(store, "I 2015 blev 25 personer sigtet for menneskehandel.", "25", "da")
    assert found.indicator is not None and found.indicator.code == "persons_charged_262a"
    assert found.verdict == "consistent"
    wrong = claim_of(store, "I 2018 blev 3 personer dømt for menneskehandel.", "3", "da")
    assert wrong.verdict == "inconsistent" and wrong.correct == "1"


# --- a count that continues the previous sentence --------------------------------------------

CONTINUES = [
    (
        "da",
        "I perioden 2007-2023 har myndighederne vurderet 1233 personer udsat for menneskehandel. "
        "I 2023 er der tale om 112 personer.",
        "112",
        "consistent",
    ),
    (
        "da",
        "I perioden 2007-2023 har myndighederne vurderet 1233 personer udsat for menneskehandel. "
        "I 2023 er der tale om 121 personer.",
        "121",
        "inconsistent",
    ),
    (
        "da",
        "Fra 2007 til 2021 er 1048 personer vurderet ofre for menneskehandel. "
        "I 2021 er der 80 ofre.",
        "80",
        "consistent",
    ),
    (
        "en",
        "Danish officials identified 112 trafficking victims in 2023. In 2022, the number was 73.",
        "73",
        "consistent",
    ),
    (
        "en",
        "Danish officials identified 112 trafficking victims in 2023. In 2022, the number was 37.",
        "37",
        "inconsistent",
    ),
    (
        "en",
        "Danish officials identified 112 trafficking victims in 2023. "
        "In 2022 there were 73 victims.",
        "73",
        "consistent",
    ),
]


@pytest.mark.parametrize(("language", "text", "figure", "verdict"), CONTINUES)
def test_a_count_takes_the_previous_sentences_indicator(
    store: Store, language: str, text: str, figure: str, verdict: str
) -> None:
    found = claim_of(store, text, figure, language)
    assert found.indicator is not None
    # in the TIP report's words and wrong in both series, the claim is about the TIP series
    # (series._wrong_in_both); otherwise CMM's
    tip = verdict == "inconsistent" and "officials identified" in text
    assert found.indicator.code == ("victims_identified_tip" if tip else "victims_assessed")
    assert found.indicator.from_previous_sentence
    assert found.verdict == verdict
    assert "previous sentence" in found.explanation_en
    assert "foregående sætning" in found.explanation_da
    if verdict == "inconsistent":
        assert found.correct in ("112", "73")


@pytest.mark.parametrize(
    ("language", "text", "figure"),
    [
        (
            "da",
            "I 2023 blev 112 personer vurderet som ofre for menneskehandel. "
            "I 2023 kom 20 personer fra Nigeria.",
            "20",
        ),
        (
            "en",
            "In 2023, 112 persons were identified as victims of trafficking. "
            "In 2023, 20 persons came from Nigeria.",
            "20",
        ),
    ],
)
def test_a_borrowed_count_that_does_not_refer_back_is_never_wrong(
    store: Store, language: str, text: str, figure: str
) -> None:
    """A true sentence about a part planwatch does not read is not called wrong."""
    found = claim_of(store, text, figure, language)
    assert found.verdict == "not-checked"
    # the origin is a breakdown planwatch does not hold (nationality): said, nothing compared
    assert "nationality" in found.explanation_en
    assert "previous sentence" in found.explanation_en


@pytest.mark.parametrize(
    ("language", "text", "figure"),
    [
        (
            "da",
            "I 2023 blev 112 personer vurderet som ofre for menneskehandel. "
            "I 2023 modtog 40 sager en afgørelse.",
            "40",
        ),
        (
            "da",
            "I 2023 blev 112 personer vurderet som ofre, og 40 sager blev anmeldt til politiet. "
            "I 2022 var tallet 30.",
            "30",
        ),
        (
            "en",
            "In 2023, 112 persons were identified as victims of trafficking. "
            "In 2023 the courts decided 40 cases.",
            "40",
        ),
        (
            "en",
            "In 2023, 112 persons were identified as victims of trafficking. "
            "They came from 28 countries.",
            "28",
        ),
    ],
)
def test_near_misses_do_not_borrow(store: Store, language: str, text: str, figure: str) -> None:
    """Another noun, two indicators in the previous sentence, or no year and no reference back:
    the indicator is not borrowed."""
    found = claim_of(store, text, figure, language)
    assert found.indicator is None
    assert found.verdict == "not-checked"

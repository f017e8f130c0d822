"""Which year a figure is for (issue 15, second round): a year after *as recently as* /
*så sent som*; a year named relative to another one (*året efter*, *the year before*, *samme
år*), worked out only from exactly one named year; *sidste år* / *last year* never worked out;
*steg/faldt til N i YEAR* as a level; the Danish authorities' wording as victims assessed; and
*fordoblet* said of forced labour and criminal activities together, checked against the combined
figure. Danish and English, true sentences never inconsistent."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.claims.quantities import find_quantities
from planwatch.claims.report import Claim
from planwatch.formatting import Language
from planwatch.storage import Store
from tests.claims.checked_texts import checked, never_inconsistent, store, stored_values

__all__ = ["store"]

FIRST_DA = "I 2019 blev 64 personer vurderet som ofre for menneskehandel."
FIRST_EN = "In 2019, 64 persons were assessed as victims of trafficking."


def _count(store: Store, text: str, language: Language, figure: str) -> Claim:
    report = checked(store, text, language)
    found = [
        c for c in report.claims if c.kind == "count" and any(s.text == figure for s in c.stated)
    ]
    assert len(found) == 1, [(c.kind, c.text, c.verdict) for c in report.claims]
    return found[0]


# --- a year after "as recently as", "så sent som", ... -------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "year"),
    [
        ("As recently as 2007, that number was just 17.", "en", 2007),
        ("As early as 2008, the number was 28.", "en", 2008),
        ("Så sent som 2007 var tallet kun 17.", "da", 2007),
        ("Så tidligt som 2008 var tallet 28.", "da", 2008),
    ],
)
def test_a_year_after_as_recently_as_is_a_point_year(
    text: str, language: Language, year: int
) -> None:
    found = find_quantities(text, language)
    assert [(q.year, q.role) for q in found if q.kind == "year"] == [(year, "point")]
    assert [q.kind for q in found] == ["year", "count"]


@pytest.mark.parametrize(
    ("second", "language", "verdict", "correct"),
    [
        ("As recently as 2007, that number was just 17.", "en", "consistent", None),
        ("As recently as 2008, that number was just 17.", "en", "inconsistent", "28"),
        ("Så sent som 2007 var tallet kun 17.", "da", "consistent", None),
        ("Så sent som 2008 var tallet kun 17.", "da", "inconsistent", "28"),
    ],
)
def test_as_recently_as_checks_the_count_for_that_year(
    store: Store, second: str, language: Language, verdict: str, correct: str | None
) -> None:
    first = FIRST_EN if language == "en" else FIRST_DA
    claim = _count(store, f"{first} {second}", language, "17")
    assert claim.verdict == verdict, claim.explanation_en
    assert claim.indicator is not None and claim.indicator.code == "victims_assessed"
    assert claim.years == (2007 if "2007" in second else 2008,)
    assert claim.correct == correct


# --- relative years ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "figure", "year", "verdict"),
    [
        (f"{FIRST_DA} Året efter var tallet 77 personer.", "da", "77", 2020, "consistent"),
        (f"{FIRST_DA} Året efter var tallet 80 personer.", "da", "80", 2020, "inconsistent"),
        (f"{FIRST_DA} Året før var tallet 97.", "da", "97", 2018, "consistent"),
        (f"{FIRST_EN} The following year the number was 77.", "en", "77", 2020, "consistent"),
        (f"{FIRST_EN} The following year the number was 80.", "en", "80", 2020, "inconsistent"),
        (f"{FIRST_EN} The year before, the number was 97.", "en", "97", 2018, "consistent"),
        (f"{FIRST_EN} A year later the number was 77.", "en", "77", 2020, "consistent"),
        # within the sentence: the one year before the phrase
        ("In 2023, 112 victims were identified, up from 73 the year before.", "en", "73", 2022,
         "consistent"),
        ("I 2023 blev 112 personer vurderet som ofre for menneskehandel, mod 73 året før.", "da",
         "73", 2022, "consistent"),
    ],
)  # fmt: skip
def test_a_relative_year_is_worked_out_from_the_one_year_named(
    store: Store, text: str, language: Language, figure: str, year: int, verdict: str
) -> None:
    claim = _count(store, text, language, figure)
    assert (claim.verdict, claim.years) == (verdict, (year,)), claim.explanation_en
    assert claim.indicator is not None and claim.indicator.code == "victims_assessed"
    assert "relative year" in claim.explanation_en
    assert "relativt år" in claim.explanation_da
    assert ("victims_assessed", year) in [(s[0], s[1]) for s in stored_values(claim)]
    if verdict == "inconsistent":
        assert claim.correct == "77"


@pytest.mark.parametrize(
    ("text", "language", "figure"),
    [
        # two years in the previous sentence: which one?
        ("I 2018 og 2019 blev 97 og 64 personer vurderet som ofre for menneskehandel. Året "
         "efter var tallet 80.", "da", "80"),
        ("In 2018 and 2019, 97 and 64 persons were assessed as victims of trafficking. The "
         "following year the number was 80.", "en", "80"),
        # no year in the previous sentence
        ("Mange personer blev vurderet som ofre for menneskehandel. Året efter var tallet 80.",
         "da", "80"),
        # the text's own date is unknown
        ("Sidste år blev 80 personer vurderet som ofre for menneskehandel.", "da", "80"),
        ("Last year, 80 persons were assessed as victims of trafficking.", "en", "80"),
        ("I fjor blev 80 personer vurderet som ofre for menneskehandel.", "da", "80"),
        ("In 2015, 93 trafficking victims were identified. Six of last year’s 80 victims were "
         "minors.", "en", "80"),
        ("I 2015 blev 93 personer vurderet som ofre. Sidste års 80 ofre var mest kvinder.", "da",
         "80"),
    ],
)  # fmt: skip
def test_an_unresolved_relative_year_is_not_checked(
    store: Store, text: str, language: Language, figure: str
) -> None:
    claim = _count(store, text, language, figure)
    assert claim.verdict == "not-checked", claim.explanation_en
    assert claim.years == ()


def test_a_relative_year_from_another_paragraph_is_not_worked_out(store: Store) -> None:
    claim = _count(store, f"{FIRST_DA}\n\nÅret efter var tallet 80.", "da", "80")
    assert claim.verdict != "inconsistent"
    assert claim.years == ()


def test_an_own_year_after_the_count_wins_over_a_relative_phrase(store: Store) -> None:
    text = f"{FIRST_EN} The same year there were 80 in 2021."
    claim = _count(store, text, "en", "80")
    assert claim.years == (2021,)
    assert claim.verdict == "consistent"


# --- "steg/faldt til N i YEAR" is a level ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I 2017 blev 98 personer vurderet som ofre for menneskehandel. I 2018 faldt antallet "
         "til 97, og i 2019 er det så faldet yderligere til 64 personer.", "da"),
        ("In 2017, 98 persons were assessed as victims of trafficking. In 2018 the number fell "
         "to 97, and in 2019 it fell further to 64 persons.", "en"),
    ],
)  # fmt: skip
def test_fell_to_n_in_a_year_is_that_years_level(
    store: Store, text: str, language: Language
) -> None:
    report = checked(store, text, language)
    never_inconsistent(report)
    for figure, year in (("97", 2018), ("64", 2019)):
        claim = _count(store, text, language, figure)
        assert (claim.verdict, claim.years) == ("consistent", (year,)), claim.explanation_en


def test_fell_to_a_wrong_level_is_inconsistent(store: Store) -> None:
    text = (
        "I 2016 blev 121 personer vurderet som ofre for menneskehandel. I 2018 faldt antallet "
        "til 98, og i 2019 er det så faldet yderligere til 64 personer."
    )
    claim = _count(store, text, "da", "98")
    assert (claim.verdict, claim.years, claim.correct) == ("inconsistent", (2018,), "97")


# --- the Danish authorities' wording ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "verdict", "correct"),
    [
        ("I 2023 blev 112 personer identificeret af de danske myndigheder.", "da", "consistent",
         None),
        ("I 2022 blev 73 personer vurderet af de danske myndigheder.", "da", "consistent", None),
        ("I 2022 blev 37 personer vurderet af de danske myndigheder.", "da", "inconsistent",
         "73"),
        ("In 2022, 73 persons were identified by the Danish authorities.", "en", "consistent",
         None),
        ("In 2023, 121 persons were identified by the Danish authorities.", "en",
         "inconsistent", "112"),
    ],
)  # fmt: skip
def test_identified_by_the_danish_authorities_is_victims_assessed(
    store: Store, text: str, language: Language, verdict: str, correct: str | None
) -> None:
    figure = next(w for w in text.split() if w.isdigit() and len(w) < 4)
    claim = _count(store, text, language, figure)
    assert claim.indicator is not None and claim.indicator.code == "victims_assessed"
    assert claim.verdict == verdict, claim.explanation_en
    assert claim.correct == correct


@pytest.mark.parametrize(
    ("text", "language", "verdict"),
    [
        ("Between 2007 and 2020, 968 persons were identified by the Danish authorities.", "en",
         "consistent"),
        ("Between 2007 and 2020, 986 persons were identified by the Danish authorities.", "en",
         "inconsistent"),
        ("Fra 2007 til 2020 er 968 personer identificeret af de danske myndigheder.", "da",
         "consistent"),
    ],
)  # fmt: skip
def test_identified_by_the_danish_authorities_over_a_period(
    store: Store, text: str, language: Language, verdict: str
) -> None:
    claims = [c for c in checked(store, text, language).claims if c.kind == "total"]
    assert len(claims) == 1
    assert claims[0].verdict == verdict, claims[0].explanation_en
    assert any(s.value == Decimal(968) for s in claims[0].stored)


def test_identified_by_the_authorities_near_miss(store: Store) -> None:
    """Offenders identified by the authorities are no victims."""
    text = "In 2022, 37 offenders were convicted after being found by the Danish police."
    report = checked(store, text, "en")
    assert all(c.indicator is None or c.indicator.code != "victims_assessed" for c in report.claims)


# --- a ratio for forced labour and criminal activities together -------------------------------


@pytest.mark.parametrize(
    ("text", "language", "verdict"),
    [
        ("Antallet af personer handlet til seksuel udnyttelse er faldet fra 2020 til 2021, mens "
         "antallet af personer handlet til tvangsarbejde og strafbare handlinger er fordoblet.",
         "da", "consistent"),
        ("Antallet af personer handlet til seksuel udnyttelse er faldet fra 2020 til 2021, mens "
         "antallet af personer handlet til tvangsarbejde og strafbare handlinger er tredoblet.",
         "da", "inconsistent"),
        ("From 2020 to 2021 the number of people trafficked into forced labour and criminal "
         "activities doubled.", "en", "consistent"),
        ("From 2020 to 2021 the number of people trafficked into forced labour and criminal "
         "activities tripled.", "en", "inconsistent"),
    ],
)  # fmt: skip
def test_a_ratio_for_forced_labour_and_criminal_activities_together(
    store: Store, text: str, language: Language, verdict: str
) -> None:
    claims = [c for c in checked(store, text, language).claims if c.kind == "ratio"]
    assert len(claims) == 1
    claim = claims[0]
    assert (claim.verdict, claim.years) == (verdict, (2020, 2021)), claim.explanation_en
    assert [s.value for s in claim.stored] == [Decimal(18), Decimal(37)]
    assert all(s.breakdown == "exploitation=forced_labour_or_criminal" for s in claim.stored)
    assert "combined" in claim.explanation_en and "samlet" in claim.explanation_da
    assert "Rule:" in claim.explanation_en and "Regel:" in claim.explanation_da


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # the later year is not named: not checked
        ("The number of people trafficked into forced labour and criminal actions has doubled "
         "compared to 2020.", "en"),
        # forced labour alone: no combined figure
        ("Fra 2020 til 2021 er antallet af personer handlet til tvangsarbejde fordoblet.", "da"),
        # another part named with it (men): not the combined figure
        ("From 2020 to 2021 the number of men trafficked into forced labour and criminal "
         "activities doubled.", "en"),
        # a year planwatch holds no combined figure for
        ("Fra 2021 til 2022 blev antallet af personer handlet til tvangsarbejde og strafbare "
         "handlinger fordoblet.", "da"),
    ],
)  # fmt: skip
def test_a_ratio_for_a_part_not_held_combined_is_not_checked(
    store: Store, text: str, language: Language
) -> None:
    claims = [c for c in checked(store, text, language).claims if c.kind == "ratio"]
    assert len(claims) == 1
    assert claims[0].verdict == "not-checked", claims[0].explanation_en

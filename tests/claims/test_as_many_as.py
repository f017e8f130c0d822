"""A multiple said as a comparison with another year (issue 15; round 35's fourth batch of
attacking sentences): *dobbelt så mange som i 2019*, *twice as many … as in 2019*, *halvt så
mange som i 2016*, *half as many as in 2016* were not read at all. They are ratios of the
sentence's year to the year after *som i / as in*, checked by the thresholds of *fordoblet* and
*halveret* - and only when such a year follows: *dobbelt så mange kvinder som mænd* compares
parts, not years, and is no ratio claim.

Round 37 (the multiples round 36 left unread): any number of times from two to ten (*tre
gange så mange som i 2008*, *seven times as many as in 2007*: a number of times was "not
checked"), and the year before the sentence's one year as the year compared with (*dobbelt så
mange som året før*, *as the year before*: not read).

Stored (demo database): persons assessed as victims 17 (2007), 28 (2008), 93 (2015), 121
(2016), 64 (2019), 73 (2022), 112 (2023)."""

from __future__ import annotations

import pytest

from planwatch.storage import Store
from tests.claims.checked_texts import checked, claim_of, never_inconsistent, store

__all__ = ["store"]

CASES = [
    # 112 / 64 = 1.75: "almost" twice (1.75 up to 2), not twice (1.95 up to 2.05)
    ("I 2023 blev 112 personer vurderet udsat for menneskehandel, næsten dobbelt så mange som "
     "i 2019.", "da", "næsten dobbelt så", "consistent", (2019, 2023)),
    ("In 2023, twice as many persons were identified as victims of trafficking as in 2019.",
     "en", "twice as", "inconsistent", (2019, 2023)),
    # 112 / 73 = 1.53
    ("I 2023 blev der vurderet dobbelt så mange ofre for menneskehandel som i 2022.", "da",
     "dobbelt så", "inconsistent", (2022, 2023)),
    # the later year first: 121 (2016) against 64 (2019) = 1.89
    ("In 2016, 121 victims of trafficking were identified, almost twice as many as in 2019.",
     "en", "almost twice as", "consistent", (2019, 2016)),
    # 64 / 121 = 0.53: a little over half as many, not a little under
    ("I 2019 blev 64 personer vurderet udsat for menneskehandel, lidt over halvt så mange som "
     "i 2016.", "da", "lidt over halvt så", "consistent", (2016, 2019)),
    ("I 2019 blev 64 personer vurderet udsat for menneskehandel, knap halvt så mange som i "
     "2016.", "da", "knap halvt så", "inconsistent", (2016, 2019)),
    ("In 2019, 64 victims of trafficking were identified, more than half as many as in 2016.",
     "en", "more than half as", "consistent", (2016, 2019)),
    ("In 2019, 64 victims of trafficking were identified, less than half as many as in 2016.",
     "en", "less than half as", "inconsistent", (2016, 2019)),
    # a number of times: 112 / 28 = 4.00; 121 / 17 = 7.12
    ("I 2023 blev 112 personer vurderet udsat for menneskehandel, fire gange så mange som i "
     "2008.", "da", "fire gange så", "consistent", (2008, 2023)),
    ("Antallet af ofre for menneskehandel var i 2023 tre gange så højt som i 2008.", "da",
     "tre gange så", "inconsistent", (2008, 2023)),
    ("In 2016, 121 victims of trafficking were identified, about seven times as many as in "
     "2007.", "en", "about seven times as", "consistent", (2007, 2016)),
    ("In 2016, 121 victims of trafficking were identified, almost 7 times as many as in 2007.",
     "en", "almost 7 times as", "inconsistent", (2007, 2016)),
    # the year before: 112 / 73 = 1.53 (2023); 28 / 17 = 1.65 (2008); 121 / 93 = 1.30 (2016)
    ("I 2023 blev 112 personer vurderet udsat for menneskehandel, dobbelt så mange som året "
     "før.", "da", "dobbelt så", "inconsistent", (2022, 2023)),
    ("In 2008, 28 victims of trafficking were identified in Denmark, less than twice as many "
     "as the year before.", "en", "less than twice as", "consistent", (2007, 2008)),
    ("I 2016 blev 121 personer vurderet som ofre for menneskehandel, næsten dobbelt så mange "
     "ofre som det foregående år.", "da", "næsten dobbelt så", "inconsistent", (2015, 2016)),
]  # fmt: skip


@pytest.mark.parametrize(("text", "language", "words", "verdict", "years"), CASES)
def test_as_many_as_in_another_year_is_a_ratio_of_the_two_years(
    store: Store,
    text: str,
    language: str,
    words: str,
    verdict: str,
    years: tuple[int, int],
) -> None:
    claim = claim_of(store, text, language, words, kind="ratio", at_start=True)  # type: ignore[arg-type]
    assert claim.verdict == verdict, claim.explanation_en
    assert claim.years == years
    assert {(s.year, s.indicator) for s in claim.stored} == {
        (year, "victims_assessed") for year in years
    }
    if verdict == "consistent":
        never_inconsistent(checked(store, text, language))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I 2023 var der dobbelt så mange kvinder som mænd blandt ofrene for menneskehandel.",
         "da"),
        ("In 2023, twice as many women as men were identified as victims of trafficking.", "en"),
        ("Halvt så mange af ofrene for menneskehandel i 2023 var børn som voksne.", "da"),
    ],
)  # fmt: skip
def test_as_many_as_without_another_year_compares_parts_and_is_no_ratio(
    store: Store, text: str, language: str
) -> None:
    report = checked(store, text, language)  # type: ignore[arg-type]
    assert [c.text for c in report.claims if c.kind == "ratio"] == []
    never_inconsistent(report)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # no number, a fraction, "times more than" (four times, or five?): not read
        ("Der var mange gange så mange ofre for menneskehandel i 2016 som i 2007.", "da"),
        ("I 2023 blev 112 personer vurderet som ofre for menneskehandel, 1,5 gange så mange "
         "som i 2022.", "da"),
        ("In 2023, 112 persons were assessed as victims of trafficking, more than 1.5 times as "
         "many as the year before.", "en"),
        ("In 2023 there were four times more victims of trafficking than in 2008.", "en"),
        # the year before, but of which year? Two years in the sentence
        ("I 2023 blev 112 personer vurderet som ofre, dobbelt så mange som året før og flere "
         "end i 2019.", "da"),
    ],
)  # fmt: skip
def test_a_multiple_not_said_as_a_whole_number_of_times_of_one_year_is_not_read(
    store: Store, text: str, language: str
) -> None:
    report = checked(store, text, language)  # type: ignore[arg-type]
    assert [c.text for c in report.claims if c.kind == "ratio"] == []
    never_inconsistent(report)


def test_the_number_of_times_of_a_ratio_is_not_also_a_figure_not_checked(store: Store) -> None:
    text = (
        "I 2023 blev 112 personer vurderet udsat for menneskehandel, fire gange så mange som "
        "i 2008."
    )
    report = checked(store, text, "da")
    assert [c.kind for c in report.claims] == ["count", "ratio"]

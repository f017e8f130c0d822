"""Numbers in words of any size (issue 15): Danish *hundrede og tolv*, *et hundrede og tolv*,
*tohundrede*, *tusind*; English *one hundred and twelve*, *twenty-three*, *a hundred*, *two
thousand* (docs/claims.md, "Numbers")."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from planwatch.claims.checking import check
from planwatch.claims.numbers import word_numbers, word_value
from planwatch.claims.quantities import find_quantities
from planwatch.formatting import Language
from planwatch.storage import Store


@pytest.fixture(scope="module")
def store(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("number-words") / "planwatch.duckdb"
    shutil.copy(demo_db_template, path)
    return Store(path, lock_timeout=5.0)


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("da", "tolv", 12),
        ("da", "treoghalvfjerds", 73),
        ("da", "hundrede", 100),
        ("da", "hundrede og tolv", 112),
        ("da", "et hundrede og tolv", 112),
        ("da", "tohundrede", 200),
        ("da", "to hundrede og treogtyve", 223),
        ("da", "tusind", 1000),
        ("da", "et tusind to hundrede og treogtredive", 1233),
        ("da", "tolv hundrede", 1200),
        ("en", "twenty-three", 23),
        ("en", "twenty three", 23),
        ("en", "a hundred", 100),
        ("en", "one hundred and twelve", 112),
        ("en", "two thousand", 2000),
        ("en", "one thousand two hundred and thirty-three", 1233),
    ],
)
def test_numbers_in_words_of_any_size(language: Language, text: str, value: int) -> None:
    assert word_value(text, language) == value
    (found,) = word_numbers(f"I alt {text} personer", language)
    assert (found.text, found.value) == (text, value)


@pytest.mark.parametrize(
    ("language", "text", "values"),
    [
        ("da", "et par hundrede ofre", [1]),  # "et" alone; never 100 (vague)
        ("da", "tre fire personer", [3, 4]),  # two numbers, not 34
        ("da", "hundreder af ofre", []),
        ("en", "several hundred victims", []),
        ("en", "hundreds of victims", []),
        ("en", "seventy-three and twelve", [73, 12]),  # "and" joins only after a hundred
    ],
)
def test_near_misses_of_number_words(language: Language, text: str, values: list[int]) -> None:
    assert [w.value for w in word_numbers(text, language)] == values


def test_a_vague_hundred_makes_no_count() -> None:
    found = find_quantities("I 2022 blev et par hundrede personer vurderet.", "da")
    assert [q.kind for q in found] == ["year"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I 2023 blev hundrede og tolv personer vurderet som ofre for menneskehandel.", "da"),
        ("I 2023 blev et hundrede og tolv personer vurderet udsat for menneskehandel.", "da"),
        ("In 2023, one hundred and twelve people were assessed as victims of trafficking.", "en"),
        ("In 2023, a hundred and twelve persons were assessed as victims.", "en"),
    ],
)
def test_a_true_count_in_words_is_consistent(store: Store, text: str, language: str) -> None:
    # before issue 15 only the last word was read ("tolv"): a true sentence judged wrong
    (claim,) = check(store, text, language=language).claims
    assert claim.verdict == "consistent", claim.explanation_en
    assert claim.stated[0].value == 112
    assert claim.indicator is not None and claim.indicator.code == "victims_assessed"
    assert claim.stored[0].value == 112


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I 2023 blev treogtyve personer vurderet som ofre for tvangsarbejde.", "da"),
        ("Twenty-three victims of forced labour were identified in 2023.", "en"),
    ],
)
def test_a_breakdown_count_in_words(store: Store, text: str, language: str) -> None:
    (claim,) = check(store, text, language=language).claims
    assert claim.verdict == "consistent"
    assert claim.stored[0].value == 23
    assert claim.stored[0].breakdown == "exploitation=forced_labour"


@pytest.mark.parametrize(
    ("text", "language", "right"),
    [
        ("I 2023 blev hundrede og tyve personer vurderet som ofre for menneskehandel.", "da",
         "112"),
        ("In 2023, one hundred and twenty people were assessed as victims of trafficking.",
         "en", "112"),
    ],
)  # fmt: skip
def test_a_wrong_count_in_words_is_inconsistent(
    store: Store, text: str, language: str, right: str
) -> None:
    (claim,) = check(store, text, language=language).claims
    assert claim.verdict == "inconsistent"
    assert claim.stated[0].value == 120
    assert claim.correct == right and claim.stored[0].value == 112


def test_millions_in_digits_and_words_are_money() -> None:
    (money,) = [q for q in find_quantities("Der er afsat 1,2 millioner kroner.", "da")]
    assert money.kind == "money" and money.value == Decimal(1_200_000)

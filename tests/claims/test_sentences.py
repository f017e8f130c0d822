"""A text's sentences and paragraphs, with offsets, and its language."""

from __future__ import annotations

import pytest

from planwatch.claims.sentences import detect_language, split_sentences


def test_sentences_split_at_full_stops_before_capitals_but_not_after_abbreviations() -> None:
    text = (
        "Der var 73 ofre i 2022. I 2023 var der 112. Rammen er 118,2 mio. kr. til planen. "
        "Det er ca. 100 flere end bl.a. i 2015! Er det sandt? Ja."
    )
    found = [s.text for s in split_sentences(text)]
    assert found == [
        "Der var 73 ofre i 2022.",
        "I 2023 var der 112.",
        "Rammen er 118,2 mio. kr. til planen.",
        "Det er ca. 100 flere end bl.a. i 2015!",
        "Er det sandt?",
        "Ja.",
    ]


def test_markdown_blocks_are_paragraphs_and_offsets_point_into_the_original() -> None:
    text = "# Overskrift\n\nFørste linje\nfortsætter her. Anden.\n- Punkt et\n- Punkt to\n"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Overskrift",
        "Første linje\nfortsætter her.",
        "Anden.",
        "Punkt et",
        "Punkt to",
    ]
    assert [s.paragraph for s in sentences] == [0, 1, 1, 2, 3]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I 2023 blev 112 personer vurderet som ofre for menneskehandel.", "da"),
        ("In 2023, 112 people were identified as victims of trafficking.", "en"),
        ("Stigningen på 35 pct. er forkert.", "da"),
        ("The increase of 35 per cent is wrong.", "en"),
    ],
)
def test_language_detection(text: str, expected: str) -> None:
    assert detect_language(text) == expected

"""`planwatch talking-points`: the speaking note on the command line, as Markdown, Word or
JSON, for a signed-in user; the published "35 pct." never appears."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result

from planwatch.cli import main
from planwatch.cli.common import EXIT_DENIED, EXIT_USAGE
from planwatch.storage import Store
from tests.paths import TEST_DATA


def _run(store: Store, *args: str, user: str | None = "viewer1") -> Result:
    who = ["--user", user] if user else []
    return CliRunner().invoke(main, [*who, *args, "--db", str(store.path)])


def test_the_note_for_2023_states_112_against_73_and_53_4_per_cent(users_store: Store) -> None:
    result = _run(users_store, "talking-points", "--year", "2023")
    assert result.exit_code == 0, result.output
    assert "112 personer vurderet som ofre for menneskehandel mod 73 i 2022" in result.output
    assert "53,4 pct." in result.output and "det højeste antal siden 2016" in result.output
    stated = re.sub(r"kl\. \d\d:\d\d", "kl. hh:mm", result.output)  # the clock may say :35
    assert not re.search(r"(?<![\d.,])35(?![\d.,]?\d)", stated), "never the published 35"


def test_the_note_in_english_as_json_carries_the_numbers(users_store: Store) -> None:
    result = _run(users_store, "--json", "talking-points", "--year", "2023", "--lang", "en")
    assert result.exit_code == 0, result.output
    note = json.loads(result.output)
    assert note["language"] == "en" and note["year"] == 2023
    victims = next(b for b in note["bullets"] if b["indicator_code"] == "victims_assessed")
    assert "53.4 per cent" in victims["text"]


def test_the_note_is_written_as_word_or_markdown(users_store: Store, tmp_path: Path) -> None:
    word = tmp_path / "talepapir.docx"
    assert _run(users_store, "talking-points", "--year", "2023", "--out", str(word)).exit_code == 0
    paragraphs = [p.text for p in docx.Document(str(word)).paragraphs]
    assert any("53,4 pct." in text for text in paragraphs)
    markdown = tmp_path / "talepapir.md"
    assert (
        _run(users_store, "talking-points", "--year", "2023", "--out", str(markdown)).exit_code == 0
    )
    assert markdown.read_text(encoding="utf-8").startswith("# Talepapir")


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--year", "2023", "--out", "note.pdf"], EXIT_USAGE, "--out must end in .md or .docx"),
        (["--year", "2023", "--quarter", "5"], EXIT_USAGE, "5 is not in the range 1<=x<=4"),
        (["--year", "2023", "--plan", "1999-2000"], EXIT_USAGE, "'1999-2000' does not exist"),
    ],
)
def test_bad_requests_get_words_not_tracebacks(
    users_store: Store, args: list[str], code: int, words: str
) -> None:
    result = _run(users_store, "--lang", "en", "talking-points", *args)
    assert result.exit_code == code, result.output
    assert words in result.output and "Traceback" not in result.output


def test_without_a_user_there_is_no_note(users_store: Store) -> None:
    result = _run(users_store, "talking-points", "--year", "2023", user=None)
    assert result.exit_code == EXIT_DENIED
    assert "Talepapir" not in result.output


# --- planwatch check-claims ---------------------------------------------------------------

CLAIMS = TEST_DATA / "claims"


def test_a_true_text_exits_0_and_says_so(users_store: Store) -> None:
    result = _run(users_store, "check-claims", str(CLAIMS / "true-da.txt"))
    assert result.exit_code == 0, result.output
    assert "[stemmer] «I 2023 blev 112 personer»" in result.output
    assert "STEMMER IKKE: 0" in result.output


def test_the_published_35_per_cent_exits_1_with_the_right_figure(
    users_store: Store, tmp_path: Path
) -> None:
    speech = tmp_path / "tale.txt"
    speech.write_text(
        "Fra 73 i 2022 til 112 i 2023 er antallet af ofre for menneskehandel steget med 35 pct.\n",
        encoding="utf-8",
    )
    result = _run(users_store, "check-claims", str(speech))
    assert result.exit_code == 1, result.output
    assert "[STEMMER IKKE] «med 35 pct.» -> 53,4 pct." in result.output or (
        "STEMMER IKKE" in result.output and "-> 53,4 pct." in result.output
    )
    as_json = json.loads(_run(users_store, "--json", "check-claims", str(speech)).output)
    wrong = [c for c in as_json["claims"] if c["verdict"] == "inconsistent"]
    assert [c["correct"] for c in wrong] == ["53,4 pct."]
    assert as_json["exit_code"] == 1


def test_a_word_file_in_english_is_checked(users_store: Store, tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("In 2023, 112 people were assessed as victims of trafficking.")
    document.add_paragraph("That is an increase of 60 per cent from 73 in 2022.")
    path = tmp_path / "speech.docx"
    document.save(str(path))
    result = _run(users_store, "check-claims", str(path), "--lang", "en")
    assert result.exit_code == 1, result.output
    assert "[consistent]" in result.output and "-> 53.4 per cent" in result.output


def test_an_empty_or_unreadable_file_is_a_usage_error(users_store: Store, tmp_path: Path) -> None:
    empty = tmp_path / "tom.txt"
    empty.write_text("   \n", encoding="utf-8")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    for path in (empty, broken):
        result = _run(users_store, "--lang", "en", "check-claims", str(path))
        assert result.exit_code == EXIT_USAGE, result.output
        assert "Traceback" not in result.output

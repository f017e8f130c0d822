"""The four verdicts of the claim check and their words, for the app and the command line."""

from __future__ import annotations

from typing import Final, Literal

Verdict = Literal["consistent", "inconsistent", "not-in-data", "not-checked"]
VERDICTS: Final[tuple[Verdict, ...]] = ("consistent", "inconsistent", "not-in-data", "not-checked")

VERDICT_WORDS: Final[dict[Verdict, tuple[str, str]]] = {
    "consistent": ("stemmer", "consistent"),
    "inconsistent": ("stemmer ikke", "inconsistent"),
    "not-in-data": ("ikke i data", "not in the data"),
    "not-checked": ("ikke tjekket", "not checked"),
}
"""Each verdict as a reader says it (Danish, English), in lower case: the app capitalises the
first letter, the command line writes an inconsistent verdict in capitals to stand out."""


def verdict_word(verdict: Verdict, language: str) -> str:
    da, en = VERDICT_WORDS[verdict]
    return da if language == "da" else en

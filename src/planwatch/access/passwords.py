"""The password policy: long enough, not the user's name, not common, not one repeated
character or word.

A password is common when it is in the bundled lists (``data/passwords/``: 19,640 passwords
from breaches, via Django, and Danish words such as "sommer"), also with a year, digits or
signs added before or after it ("Sommer2024!!", "password123456") or when it is a common word
repeated ("qwertyqwerty"). Comparison ignores upper and lower case. The lists are read once,
when the first password is checked.
"""

from __future__ import annotations

import gzip
import re
from functools import cache
from typing import Final

from planwatch.errors import UsageError
from planwatch.settings import BUNDLED_DATA

MIN_PASSWORD_LENGTH: Final = 12
PASSWORD_LISTS: Final = BUNDLED_DATA / "passwords"
_AFFIXES: Final = re.compile(r"^[\W\d_]*(.*?)[\W\d_]*$", re.DOTALL)
_SHORTEST_WORD: Final = 3  # a shorter core ("ab" in "ab2024-09-01!") is not a word to look up


@cache
def common_passwords() -> frozenset[str]:
    """Every bundled common password and word, lower-case."""
    with gzip.open(PASSWORD_LISTS / "common-passwords.txt.gz", "rt", encoding="utf-8") as file:
        words = {line.strip().lower() for line in file}
    danish = (PASSWORD_LISTS / "danish-common.txt").read_text(encoding="utf-8").splitlines()
    words |= {line.strip().lower() for line in danish if not line.startswith("#")}
    words.discard("")
    return frozenset(words)


def _repeated_unit(text: str) -> str:
    """The shortest piece that ``text`` repeats ("abcabc" -> "abc"), or ``text`` itself."""
    for size in range(1, len(text) // 2 + 1):
        if len(text) % size == 0 and text[:size] * (len(text) // size) == text:
            return text[:size]
    return text


def is_common(password: str) -> bool:
    """Whether the password is a common one, or a common one with digits or signs added, or a
    common word repeated."""
    lowered = password.strip().lower()
    common = common_passwords()
    candidates: set[str] = set()
    for whole in (lowered, _repeated_unit(lowered)):
        candidates.add(whole)
        core = _AFFIXES.fullmatch(whole)
        if core is not None and len(core.group(1)) >= _SHORTEST_WORD:
            candidates |= {core.group(1), _repeated_unit(core.group(1))}
    return any(candidate in common for candidate in candidates)


def check_password(password: str, name: str) -> None:
    """Refuse a password that is short, holds the user name, is one character repeated, or is
    common; the message says which, in Danish and English."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UsageError(
            f"Adgangskoden skal have mindst {MIN_PASSWORD_LENGTH} tegn.",
            f"The password must have at least {MIN_PASSWORD_LENGTH} characters.",
        )
    if name.lower() in password.lower():
        raise UsageError(
            "Adgangskoden må ikke indeholde brugernavnet.",
            "The password must not contain the user name.",
        )
    if len(set(password)) == 1:
        raise UsageError(
            "Adgangskoden må ikke bestå af ét tegn gentaget.",
            "The password must not be one character repeated.",
        )
    if is_common(password):
        raise UsageError(
            "Adgangskoden er for almindelig (den står på listen over kendte adgangskoder, evt. "
            "med tal eller tegn tilføjet). Vælg en anden, fx flere tilfældige ord.",
            "The password is too common (it is on the list of known passwords, perhaps with "
            "digits or signs added). Choose another, e.g. several random words.",
        )

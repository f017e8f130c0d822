"""Names, e-mails and identity-provider claims, checked wherever they enter planwatch: the
command line's ``--user`` and ``users add``, and the claims a single sign-on provider sends.

A name is written into the audit log and printed by the command line, so none may carry a
control character (a newline would forge a log line) or be longer than a line can show. Every
refusal says what is wrong in Danish and English and shows the value escaped (``repr``), never
raw.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from planwatch.errors import UsageError

NAME_PATTERN: Final = re.compile(r"[a-z0-9][a-z0-9._@+-]{1,99}")
MAX_DISPLAY_NAME: Final = 200
MAX_EMAIL: Final = 254  # RFC 5321's longest path
MAX_CLAIM: Final = 255  # a subject or an issuer; providers use far less
_EMAIL: Final = re.compile(r"[^@\s]+@[^@\s]+")
_SHOWN: Final = 60


def shown(value: str) -> str:
    """A value for a message: escaped (``repr``), cut to a readable length."""
    text = repr(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def has_control(text: str) -> bool:
    """Whether ``text`` holds a control, format or separator character other than a space
    (newlines, tabs, escape sequences, bidirectional overrides, line separators)."""
    return any(unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") for char in text) or any(
        char.isspace() and char != " " for char in text
    )


def user_name(name: str) -> str:
    """A planwatch user name, lower-case: 2-100 of a-z, 0-9 and ``. _ @ + -``."""
    clean = name.strip().lower()
    if not NAME_PATTERN.fullmatch(clean):
        raise UsageError(
            f"Ugyldigt brugernavn {shown(name)}: 2-100 tegn, små bogstaver, tal og . _ @ + -.",
            f"Invalid user name {shown(name)}: 2-100 characters, lower-case letters, digits "
            "and . _ @ + -.",
        )
    return clean


def display_name(text: str) -> str:
    """A full name as shown in the app: any letters, no control characters, at most 200."""
    clean = text.strip()
    if not clean or len(clean) > MAX_DISPLAY_NAME or has_control(clean):
        raise UsageError(
            f"Ugyldigt navn {shown(text)}: 1-{MAX_DISPLAY_NAME} tegn uden kontroltegn "
            "(fx linjeskift).",
            f"Invalid name {shown(text)}: 1-{MAX_DISPLAY_NAME} characters without control "
            "characters (such as line breaks).",
        )
    return clean


def email(text: str) -> str:
    """An e-mail address, lower-case: one @, no spaces or control characters, at most 254."""
    clean = text.strip().lower()
    if len(clean) > MAX_EMAIL or has_control(clean) or not _EMAIL.fullmatch(clean):
        raise UsageError(
            f"Ugyldig e-mail {shown(text)}: navn@domæne, højst {MAX_EMAIL} tegn, uden "
            "mellemrum og kontroltegn.",
            f"Invalid e-mail {shown(text)}: name@domain, at most {MAX_EMAIL} characters, "
            "without spaces or control characters.",
        )
    return clean


def claim(label: str, text: str) -> str:
    """An identity provider's subject or issuer: 1-255 characters, no control characters."""
    clean = text.strip()
    if not clean or len(clean) > MAX_CLAIM or has_control(clean) or " " in clean:
        raise UsageError(
            f"Ugyldig {label} {shown(text)}: 1-{MAX_CLAIM} tegn uden mellemrum og kontroltegn.",
            f"Invalid {label} {shown(text)}: 1-{MAX_CLAIM} characters without spaces or "
            "control characters.",
        )
    return clean

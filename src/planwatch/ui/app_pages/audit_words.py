"""The audit log in words (issue 18): each action by its name in the reader's language, its
subject as a reader names it ("indberetning 5", not "change-set:5") and its details as
"felt: værdi; felt: værdi" text, never raw JSON. The codes stay in a column of their own for
machines, and the text filter still searches what was recorded."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from planwatch.domain.permissions import ROLE_WORDS
from planwatch.ui.i18n import TEXTS, t

_ROLES = {role.value: words for role, words in ROLE_WORDS.items()}
_ROLE_FIELDS = frozenset({"role", "roles"})


def action_name(action: str, language: str) -> str:
    """An action by its name; one planwatch has no name for yet is shown as it was recorded."""
    key = f"audit_action_{action}"
    return t(key, language) if key in TEXTS else action


def subject_text(subject: str | None, language: str) -> str:
    """What the entry is about, as a reader names it."""
    if not subject:
        return ""
    kind, _, rest = subject.partition(":")
    if kind == "change-set" and rest.isdigit():
        return t("audit_subject_submission", language, id=rest)
    return subject


def _field(name: str, language: str) -> str:
    key = f"audit_field_{name}"
    return t(key, language) if key in TEXTS else name.replace("_", " ")


def _value(value: Any, language: str, *, roles: bool = False) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return t("yes" if value else "audit_no", language)
    if isinstance(value, str):
        if roles and value in _ROLES:
            da, en = _ROLES[value]
            return da if language == "da" else en
        return value
    if isinstance(value, Mapping):
        return ", ".join(f"{k} = {_value(v, language)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_value(v, language, roles=roles) for v in value)
    return str(value)


def _reason(value: Any, language: str) -> str | None:
    """Why a sign-in was refused, in words, with the code recorded (which the filter finds)."""
    key = f"audit_reason_{value}"
    return f"{t(key, language)} ({value})" if isinstance(value, str) and key in TEXTS else None


def _in_language(details: Mapping[str, Any], language: str) -> dict[str, Any]:
    """A detail recorded in both languages (``message_da``, ``message_en``) once, in the
    reader's, under its plain name (``message``)."""
    shown: dict[str, Any] = {}
    for name, value in details.items():
        stem, _, suffix = name.rpartition("_")
        if suffix in {"da", "en"} and f"{stem}_da" in details and f"{stem}_en" in details:
            if suffix == language:
                shown[stem] = value
            continue
        shown[name] = value
    return shown


def details_text(details: Mapping[str, Any], language: str, action: str = "") -> str:
    """The details of an entry as "felt: værdi; felt: værdi" in ``language``."""
    parts = []
    for name, value in _in_language(details, language).items():
        shown = (
            _reason(value, language) if action == "sign-in-failed" and name == "reason" else None
        )
        if shown is None:
            shown = _value(value, language, roles=name in _ROLE_FIELDS)
        parts.append(f"{_field(name, language)}: {shown}")
    return "; ".join(parts)

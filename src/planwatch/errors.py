"""One exception tree for planwatch, and the Problem record.

Every error a user can meet carries a stable kebab-case ``code`` and a message in Danish and
English. Only the edges (``planwatch.cli`` and ``planwatch.ui``) turn errors into text on a
screen; everything below raises these classes and never prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with some input, located as the user's spreadsheet numbers it.

    ``row`` is the line number in the file the user sent (the header is row 1), or ``None``
    when the problem concerns the whole file. ``column`` is the column's name as the user wrote
    it, or ``None``.
    """

    code: str
    message_da: str
    message_en: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    severity: Literal["error", "warning"] = "error"
    # "Mente du ...?" / "Did you mean ...?": the closest known code or name, when one is close
    # (issue 18); kept beside the message so the message itself stays as it always read.
    suggestion_da: str | None = None
    suggestion_en: str | None = None
    # the sheet of a workbook of several sheets (the plan workbook, issue 19); None otherwise
    sheet: str | None = None

    def message(self, language: str) -> str:
        return self.message_da if language == "da" else self.message_en

    def suggestion(self, language: str) -> str:
        """The "did you mean" text in ``language``, or "" when nothing known is close."""
        return (self.suggestion_da if language == "da" else self.suggestion_en) or ""

    def as_dict(self) -> dict[str, str | int | None]:
        shape: dict[str, str | int | None] = {
            "code": self.code,
            "severity": self.severity,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message_da": self.message_da,
            "message_en": self.message_en,
        }
        if self.sheet is not None:
            shape["sheet"] = self.sheet
        if self.suggestion_da is not None:
            shape["suggestion_da"] = self.suggestion_da
            shape["suggestion_en"] = self.suggestion_en
        return shape


class PlanwatchError(Exception):
    """Base of every error planwatch raises on purpose."""

    code: str = "planwatch-error"

    def __init__(self, message_da: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_da = message_da
        self.message_en = message_en

    def message(self, language: str) -> str:
        return self.message_da if language == "da" else self.message_en

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "message_da": self.message_da, "message_en": self.message_en}


class UsageError(PlanwatchError):
    """The caller asked for something that cannot be asked (bad option, unknown code)."""

    code = "usage-error"


class NotFoundError(UsageError):
    """A plan, indicator, initiative or source that does not exist."""

    code = "not-found"


class DataError(PlanwatchError):
    """Input data that breaks a rule. Carries every problem found, not only the first."""

    code = "invalid-data"

    def __init__(self, message_da: str, message_en: str, problems: Sequence[Problem]) -> None:
        super().__init__(message_da, message_en)
        self.problems: tuple[Problem, ...] = tuple(problems)

    def as_dict(self) -> dict[str, object]:
        result = super().as_dict()
        result["problems"] = [p.as_dict() for p in self.problems]
        return result


class StorageError(PlanwatchError):
    """The database could not do what was asked (translated from the driver's error)."""

    code = "storage-error"


class DatabaseBusyError(StorageError):
    """Another process held the database file for longer than we were willing to wait."""

    code = "database-busy"


class WriteConflictError(StorageError):
    """Another transaction changed the same rows first; this one was rolled back whole."""

    code = "write-conflict"


class DatabaseUnavailableError(StorageError):
    """The database file cannot be opened at all (missing directory, damaged file, ...)."""

    code = "database-unavailable"


class MigrationError(StorageError):
    """A schema migration failed; it was rolled back and nothing of it was applied."""

    code = "migration-failed"


class SchemaOutdatedError(StorageError):
    """The database has migrations pending, or was written by a newer planwatch."""

    code = "schema-outdated"


class PermissionDeniedError(PlanwatchError):
    """The signed-in user's roles do not allow what was asked. Nothing was read or changed."""

    code = "permission-denied"


class SignInError(PlanwatchError):
    """A sign-in was refused. The message never says whether the name or the password was
    wrong (the audit log records which)."""

    code = "sign-in-refused"

""" "Mente du ...?" / "Did you mean ...?" for a code or name an upload does not know (issue 18).

An unknown indicator or initiative, or a breakdown value outside its vocabulary (sex, age group,
form of exploitation), is compared with every known code and every Danish and English name
(and the spellings a breakdown accepts) by :func:`difflib.get_close_matches`; the closest one,
if any is close enough, is put beside the problem's message as its suggestion. When nothing is
close, the problem has no suggestion: a guess that is far off would mislead more than help.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from planwatch.domain.vocab import BREAKDOWN_DIMENSIONS
from planwatch.errors import Problem

CUTOFF: Final = 0.6  # difflib's default: "ofre i alt" is not close to any indicator's name

_WORDING: Final = ("Mente du '{code}' ({name})?", "Did you mean '{code}' ({name})?")


@dataclasses.dataclass(frozen=True, slots=True)
class Known:
    """One known thing a cell may name: its code, its names, other accepted spellings."""

    code: str
    name_da: str
    name_en: str
    spellings: tuple[str, ...] = ()


class Suggester:
    """The closest known code for a text, per kind of column; each distinct text looked up once."""

    def __init__(self, known: Iterable[Known]) -> None:
        self._by_text: dict[str, Known] = {}
        for item in known:
            for text in (item.code, item.name_da, item.name_en, *item.spellings):
                self._by_text.setdefault(_normal(text), item)
        self._texts = list(self._by_text)
        self._found: dict[str, Known | None] = {}

    def closest(self, text: str) -> Known | None:
        key = _normal(text)
        if key not in self._found:
            matches = difflib.get_close_matches(key, self._texts, n=1, cutoff=CUTOFF)
            self._found[key] = self._by_text[matches[0]] if matches else None
        return self._found[key]


def _normal(text: str) -> str:
    return " ".join(str(text).casefold().replace("_", " ").replace("-", " ").split())


def suggesters(known: Mapping[str, Sequence[Mapping[str, Any]]]) -> dict[str, Suggester]:
    """A suggester per column (its internal name): indicator, initiative and each breakdown."""
    found = {
        column: Suggester(Known(r["code"], r["name_da"], r["name_en"]) for r in known.get(key, ()))
        for column, key in (("indicator", "indicators"), ("initiative", "initiatives"))
    }
    for dimension, terms in BREAKDOWN_DIMENSIONS.items():
        found[dimension] = Suggester(
            Known(t.code, t.label_da, t.label_en, t.synonyms) for t in terms.values()
        )
    return found


_CODES: Final = {
    "unknown-indicator": "indicator",
    "unknown-initiative": "initiative",
    "not-in-vocabulary": None,  # the breakdown its column is
}


def with_suggestions(
    problems: Sequence[Problem],
    known: Mapping[str, Sequence[Mapping[str, Any]]],
    columns: Mapping[str, str],
) -> list[Problem]:
    """``problems`` with a suggestion beside each unknown code or name that is close to a known
    one. ``columns`` maps a column's header as the user wrote it to its internal name."""
    wanted = [p for p in problems if p.code in _CODES and p.value]
    if not wanted:
        return list(problems)
    by_column = suggesters(known)
    result: list[Problem] = []
    for item in problems:
        column = _CODES.get(item.code) or ""
        if item.code == "not-in-vocabulary":
            column = columns.get(item.column or "", "")
        suggester = by_column.get(column or "")
        match = suggester.closest(item.value) if suggester and item.value else None
        if match is None:
            result.append(item)
            continue
        da, en = _WORDING
        result.append(
            dataclasses.replace(
                item,
                suggestion_da=da.format(code=match.code, name=match.name_da),
                suggestion_en=en.format(code=match.code, name=match.name_en),
            )
        )
    return result

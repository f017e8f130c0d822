"""planwatch.uploads.problems: the one registry of problem codes and their messages."""

from __future__ import annotations

import re
import string

import pytest

from planwatch.uploads.problems import CODES, MESSAGES, PHRASES, problem

KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", [*MESSAGES, *PHRASES])
def test_both_languages_name_the_same_fields_and_differ(key: str) -> None:
    da, en = MESSAGES.get(key) or PHRASES[key]

    assert _fields(da) == _fields(en)
    assert da != en


def test_codes_are_kebab_case_and_a_case_names_its_code() -> None:
    assert all(KEBAB.fullmatch(code) for code in CODES)
    assert all(KEBAB.fullmatch(key.partition("/")[2] or "x") for key in MESSAGES)


def test_a_case_of_a_code_makes_a_problem_with_the_code_alone() -> None:
    found = problem("unreadable-file/csv", row=None, column=None, detail="x")

    assert found.code == "unreadable-file"
    assert found.severity == "error"
    assert "(teknisk årsag: x)" in found.message_da

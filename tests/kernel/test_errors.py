"""One error shape everywhere: stable kebab-case codes and messages in both languages."""

from __future__ import annotations

import re

from planwatch import errors


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def test_every_error_class_has_its_own_kebab_case_code() -> None:
    classes = [errors.PlanwatchError, *_subclasses(errors.PlanwatchError)]
    codes = [c.code for c in classes]
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", code) for code in codes)
    assert len(codes) == len(set(codes))


def test_problem_shape() -> None:
    problem = errors.Problem("wrong-type", "da", "en", row=4, column="value", value="x")
    assert problem.as_dict() == {
        "code": "wrong-type",
        "severity": "error",
        "row": 4,
        "column": "value",
        "value": "x",
        "message_da": "da",
        "message_en": "en",
    }
    error = errors.DataError("da", "en", [problem])
    assert error.as_dict()["problems"] == [problem.as_dict()]

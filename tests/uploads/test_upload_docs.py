"""Every problem code a user can meet is documented in docs/uploads.md."""

from __future__ import annotations

import re

from planwatch.uploads.parsing import MODELS
from planwatch.uploads.problems import CODES
from tests.paths import REPO


def _model_codes() -> set[str]:
    """The names of the upload models' rules: each is the code of the problems it finds."""
    schemas = [model.to_schema() for model in MODELS.values()]
    return {
        check.name
        for schema in schemas
        for check in [
            *schema.checks,
            *(c for column in schema.columns.values() for c in column.checks),
        ]
    }


def test_every_problem_code_is_documented() -> None:
    docs = (REPO / "docs" / "uploads.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z]+(?:-[a-z]+)*)`", docs))
    header_codes = {"missing-column", "unknown-column", "duplicate-column"}
    reader_codes = {"file-too-large", "unsupported-format", "archive-too-large", "no-header"}
    assert header_codes | reader_codes <= CODES
    model_codes = _model_codes()
    assert {"negative-value", "not-a-whole-number", "quarter-out-of-range"} <= model_codes
    assert model_codes <= CODES, "every rule of an upload model has a message in the registry"
    missing = CODES - documented
    assert missing == set()

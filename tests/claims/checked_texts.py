"""Shared by the tests of issue 15's changes, multiples, totals, ranges and "highest since"
(test_absolute_changes, test_multiples, test_totals_and_ranges, test_extreme_years): one copy of
the demo database per module, a text's claims of one kind, and its one claim of a figure
(:func:`claim_of`)."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path
from typing import Final

import pytest

from planwatch.claims.checking import check
from planwatch.claims.report import CheckReport, Claim
from planwatch.domain.permissions import PUBLIC_VIEW, View
from planwatch.formatting import Language
from planwatch.storage import Store


@pytest.fixture(scope="module")
def store(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    """One copy of the demo database for the whole module: checking a text only reads."""
    path = tmp_path_factory.mktemp("claims") / "planwatch.duckdb"
    shutil.copy(demo_db_template, path)
    return Store(path, lock_timeout=5.0)


def checked(store: Store, text: str, language: Language) -> CheckReport:
    return check(store, text, language=language)


def one(store: Store, text: str, language: Language, kind: str) -> Claim:
    """The one claim of ``kind`` in ``text``; no claim of the text is a false alarm on the
    figures the test states to be true unless the test says so."""
    found = [c for c in checked(store, text, language).claims if c.kind == kind]
    assert len(found) == 1, [(c.kind, c.text, c.verdict) for c in found]
    return found[0]


EXACT: Final = View(exact_small_counts=True)
"""A view that sees small counts exactly, where a test is about reading, not suppression."""


def claim_of(
    store: Store,
    text: str,
    language: Language,
    figure: str,
    *,
    kind: str | None = None,
    at_start: bool = False,
    view: View = PUBLIC_VIEW,
) -> Claim:
    """The one claim of ``text`` (of ``kind``, when given) whose text holds ``figure`` (begins
    with it, ``at_start``), checked in ``view``."""
    claims = check(store, text, language=language, view=view).claims
    found = [
        c
        for c in claims
        if (kind is None or c.kind == kind)
        and (c.text.startswith(figure) if at_start else figure in c.text)
    ]
    assert len(found) == 1, [(c.kind, c.text, c.verdict) for c in claims]
    return found[0]


def stored_values(claim: Claim) -> list[tuple[str, int, Decimal | None]]:
    """(indicator, year, value) of each stored figure a claim was checked against."""
    return [(s.indicator, s.year, s.value) for s in claim.stored]


def never_inconsistent(report: CheckReport) -> None:
    """A true sentence: no claim of it is judged inconsistent."""
    wrong = [
        (c.kind, c.text, c.explanation_en) for c in report.claims if c.verdict == "inconsistent"
    ]
    assert not wrong, wrong

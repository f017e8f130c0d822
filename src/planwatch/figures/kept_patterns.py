"""Solving the small-count patterns ahead of the readers, and keeping them in the database.

A reader solves a year's patterns the first time a process needs them
(:func:`planwatch.figures.small_counts.patterns`); on the 1000x database that was 30-40 s for a
server's first page (issue 17). :func:`keep` solves, for every view that is shown suppressed
counts (approved figures only, or submitted ones too, at the configured threshold), each year
that holds a small count, and keeps what was not kept yet. ``planwatch db patterns`` runs it,
and ``planwatch serve`` starts that beside the server; an approval or a return keeps the
indicators it changed, after its own transaction has committed (:func:`after_review`; a cache:
a failure there costs the next reader time, nothing else).

It reads with a read-only connection and writes in short transactions, never holding the file
while it solves, so a server beside it is never kept from writing for that long.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Collection
from dataclasses import dataclass
from typing import Final

from planwatch.domain import pattern_codec
from planwatch.domain.clock import utc_now
from planwatch.domain.disclosure_tables import Moment
from planwatch.domain.permissions import View
from planwatch.domain.suppression import PERSON_UNITS
from planwatch.errors import StorageError
from planwatch.figures.small_counts import SmallCounts, patterns
from planwatch.storage import disclosure_sql, pattern_store, repository
from planwatch.storage.connection import Store

LOG = logging.getLogger(__name__)
_VIEWS: Final = (False, True)  # include_submitted: approved figures only, submitted too


@dataclass(frozen=True, slots=True)
class KeptReport:
    """What :func:`keep` did: the years looked at (per view), how many of their patterns were
    solved and added, how many kept ones no longer current were removed, and how long."""

    years: int
    solved: int
    added: int
    removed: int
    seconds: float


_Wanted = dict[str, tuple[int, str, tuple[Moment, ...], str]]
"""digest: (year, inputs text, moments, aggregation)"""


def keep(
    store: Store,
    threshold: int,
    *,
    indicators: Collection[str] | None = None,
    now: dt.datetime | None = None,
    batch_seconds: float = 5.0,
) -> KeptReport:
    """Solve and keep the patterns not yet kept, of every indicator of persons (or of
    ``indicators``) in every year that holds a small count, for each view shown suppressed
    counts at ``threshold``: the latest years first, written every ``batch_seconds`` so that
    what was solved is kept should it stop. The file is open only to read what to solve and to
    write each batch, never while solving (a process holding it, even read-only, keeps every
    other process from writing). With every indicator, kept patterns that are no longer any
    view's (the figures changed since) are removed."""
    started, moment = time.perf_counter(), now or utc_now()
    with store.connect(read_only=True) as connection:
        wanted, years = _wanted(connection, threshold, indicators)
        missing = sorted(
            set(wanted) - pattern_store.present(connection, list(wanted)),
            key=lambda key: (-wanted[key][0], key),
        )
    solved = added = 0
    batch: list[tuple[str, str, str]] = []
    written = time.perf_counter()
    for key in missing:
        _year, text, moments, aggregation = wanted[key]
        found = patterns(None, moments, aggregation, threshold)  # known not kept
        batch.append((key, text, pattern_codec.encode(found)))
        solved += 1
        if time.perf_counter() - written >= batch_seconds:
            added += _write(store, batch, moment)
            batch, written = [], time.perf_counter()
    added += _write(store, batch, moment)
    removed = 0
    if indicators is None:
        with store.transaction() as connection:
            removed = pattern_store.remove_other(connection, sorted(wanted), before=moment)
    return KeptReport(years, solved, added, removed, time.perf_counter() - started)


def _wanted(
    connection: repository.Connection, threshold: int, indicators: Collection[str] | None
) -> tuple[_Wanted, int]:
    """What each view's patterns are solved from, per indicator of persons and year with a
    small count, by digest (two views that see the same figures share one); and how many
    years were looked at, per view."""
    units = repository.indicator_units(connection)
    codes = sorted(
        code
        for code, unit in units.items()
        if unit in PERSON_UNITS and (indicators is None or code in indicators)
    )
    wanted: _Wanted = {}
    looked_at = 0
    years = {
        code: disclosure_sql.years_with_small_parts(connection, indicator=code, threshold=threshold)
        for code in codes
    }
    for include_submitted in _VIEWS:
        view = View(include_submitted=include_submitted, small_count_threshold=threshold)
        counts = SmallCounts(connection, view, None)
        for code in codes:
            for year in sorted(years[code]):
                found = counts.solver_input(code, year)
                if found is not None:
                    looked_at += 1
                    text = pattern_codec.inputs(*found, threshold)
                    wanted[pattern_codec.digest(text)] = (year, text, *found)
    return wanted, looked_at


def _write(store: Store, batch: list[tuple[str, str, str]], at: dt.datetime) -> int:
    if not batch:
        return 0
    with store.transaction() as connection:
        return pattern_store.add(connection, batch, at)


def after_review(store: Store, change_set_id: int, threshold: int) -> KeptReport | None:
    """After an approval or a return has committed: keep the patterns of the indicators its
    change set wrote (what viewers see of them changed). ``None`` when they could not be kept
    (the database busy, say): the review stands, the next reader solves them."""
    try:
        with store.connect(read_only=True) as connection:
            codes = pattern_store.change_set_indicators(connection, change_set_id)
        return keep(store, threshold, indicators=codes) if codes else None
    except StorageError as error:
        LOG.warning("small-count patterns not kept after change set %s: %s", change_set_id, error)
        return None

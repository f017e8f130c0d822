"""Publication points: the only moments a reader who sees suppressed small counts may choose
to see the figures "as of" (issue 16).

A publication point is a moment at which the figures a reader may see changed: for approved
figures (viewers), each approval, and the loading of the reference and demo figures; for readers
who may also see submitted figures (uploaders), also each submission and each review. Between
two points nothing they may see changes, so every moment shows what the latest point at or
before it shows: choosing among the points loses nothing, and it makes the set of moments that
small-count suppression must hold across finite and named.

Readers who see exact small counts (approvers, auditors; admins through exports) have nothing to
protect against themselves and keep any moment: reconstructing what was stored when is an
auditor's job. Everyone else's moment is mapped by :func:`choose_moment` to the latest
publication point at or before it, and told which moment is used. The app's "as of" picker and
the command line's ``--as-of`` both go through it, so a crafted session value or argument
cannot pick another moment.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planwatch.domain.permissions import View
from planwatch.storage import Store
from planwatch.storage.publication_sql import publication_moments


def may_choose_any_moment(view: View) -> bool:
    """Whether a reader with ``view`` may see the figures as of any moment: only those who see
    exact small counts (there is nothing suppressed to reconstruct)."""
    return view.exact_small_counts


def publication_points(store: Store, view: View) -> list[dt.datetime]:
    """Every publication point of ``view`` (UTC, naive, ascending, distinct); none for a
    database that does not exist yet."""
    if not store.exists():
        return []
    with store.connect(read_only=True) as connection:
        return publication_moments(connection, view.visibility)


@dataclass(frozen=True, slots=True)
class ChosenMoment:
    """The moment a reader asked for and the one their figures are read as of."""

    requested: dt.datetime | None
    """What was asked for (UTC, naive); None = now."""
    used: dt.datetime | None
    """The moment the figures are read as of; None = now (for a restricted reader: the latest
    publication point)."""
    published_at: dt.datetime | None
    """The publication point whose figures are shown; None when nothing had been published by
    the requested moment, or when the reader may choose any moment."""
    snapped: bool
    """True when ``used`` differs from ``requested`` (the reader should be told)."""
    before_first: bool = False
    """Nothing had been published by the requested moment: nothing is shown."""


def choose_moment(
    store: Store,
    view: View,
    requested: dt.datetime | None,
    *,
    points: list[dt.datetime] | None = None,
) -> ChosenMoment:
    """The moment a reader with ``view`` sees the figures as of, for ``requested`` (UTC, naive;
    None = now). ``points`` may pass :func:`publication_points` when the caller has them."""
    if may_choose_any_moment(view):
        return ChosenMoment(requested, requested, None, snapped=False)
    known = publication_points(store, view) if points is None else points
    if requested is None:
        return ChosenMoment(None, None, known[-1] if known else None, snapped=False)
    earlier = [point for point in known if point <= requested]
    if not earlier:
        # Nothing had been published: the figures are read as of just before the first point
        # (none at all), so that any moment before it shows the same empty dashboard.
        before = known[0] - dt.timedelta(microseconds=1) if known else requested
        return ChosenMoment(requested, before, None, snapped=before != requested, before_first=True)
    point = earlier[-1]
    return ChosenMoment(requested, point, point, snapped=point != requested)

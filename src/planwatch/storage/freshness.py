"""How fresh the figures are: one cheap query whose answer changes exactly when something a
page of figures shows can have changed (issue 17), so that the app's figure cache survives
writes that change none of it (a sign-in, an audit entry, a user's settings).

What the dashboard pages, the notes and the publication points read is the definitions
(sources, plans, action areas, initiatives, indicators), the change sets, their reviews and the
figures' versions. Planwatch only ever inserts into those tables (a figure is corrected by a new
version, a change set is reviewed once, definitions already stored are never changed); the one
delete is of a change set that wrote nothing, inside the transaction that created it. So the
number of rows of each table, with the latest change set and the latest moment of a change set
and of a review, changes with every write that can change a figure shown. A restored or rebuilt
database is a new file (renamed into place); the caller adds the file's identity.

Row counts and three maxima: about 4 ms on the demo database and 16-44 ms on one a thousand
times larger (337,127 observation versions), on an open connection; the app reads it once per
change of the file (:func:`planwatch.ui.state.figures_version`).
"""

from __future__ import annotations

import duckdb

from planwatch.storage.connection import Store

FIGURE_TABLES: tuple[str, ...] = (
    "sources",
    "plans",
    "action_areas",
    "initiatives",
    "indicators",
    "indicator_synonyms",
    "change_sets",
    "reviews",
    "observation_versions",
    "allocation_versions",
    "spending_versions",
    "target_versions",
    "definition_versions",
    "initiative_results",
)
"""Every table whose rows can change what a page of figures shows."""

_KEY_SQL = """
    SELECT (SELECT count(*) FROM sources),
           (SELECT count(*) FROM plans),
           (SELECT count(*) FROM action_areas),
           (SELECT count(*) FROM initiatives),
           (SELECT count(*) FROM indicators),
           (SELECT count(*) FROM indicator_synonyms),
           (SELECT count(*) FROM change_sets),
           (SELECT count(*) FROM reviews),
           (SELECT count(*) FROM observation_versions),
           (SELECT count(*) FROM allocation_versions),
           (SELECT count(*) FROM spending_versions),
           (SELECT count(*) FROM target_versions),
           (SELECT count(*) FROM definition_versions),
           (SELECT count(*) FROM initiative_results),
           (SELECT max(change_set_id) FROM change_sets),
           (SELECT CAST(max(recorded_at) AS VARCHAR) FROM change_sets),
           (SELECT CAST(max(reviewed_at) AS VARCHAR) FROM reviews)
"""


def figures_key_in(connection: duckdb.DuckDBPyConnection) -> tuple[int | str | None, ...]:
    """The key on an open connection: row counts of :data:`FIGURE_TABLES`, the latest change
    set's id, the latest moment a change set was recorded and a review made (as text)."""
    row = connection.execute(_KEY_SQL).fetchone()
    if row is None:  # pragma: no cover - a SELECT without FROM always returns one row
        raise AssertionError("no row")
    return tuple(value if value is None or isinstance(value, str) else int(value) for value in row)


def figures_key(store: Store) -> tuple[int | str | None, ...]:
    """The key of the database ``store`` names, read in a read-only connection."""
    with store.connect(read_only=True) as connection:
        return figures_key_in(connection)

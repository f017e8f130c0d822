"""SQL for sealing what the audit log's entries wrote: every row in a canonical text, hashed.

A *unit* is what one audit entry seals:

- ``change-set:<id>``: the change set's row, every figure version it wrote (observations,
  allocations, spending, targets), the definition versions it wrote (a plan defined or revised),
  its upload row (the file's bytes by their SHA-256) and its plan submission (the workbook by its
  SHA-256 and the plan it defines, as checked);
- ``review:<id>``: the approval or return of that change set;
- ``user:<name>``: the account (name, display name, e-mail, single sign-on issuer and subject,
  the SHA-256 of the password hash, disabled, created), its roles, the operating-system
  accounts mapped to it and its command-line tokens (their SHA-256, label, made and revoked);
  not the sign-in counters;
- ``definition:<table>:<key>``: one source, indicator, plan, action area or initiative.

Each row becomes one line of text: the table's name, a space, and a JSON object of its columns in
a fixed order, every value as typed text (whole numbers and decimals without trailing zeros,
dates ``YYYY-MM-DD``, moments ``YYYY-MM-DDTHH:MM:SS.ffffff`` in UTC, booleans ``true``/``false``,
bytes and password hashes as their SHA-256) and NULL as ``null``; a column added after a table
was first sealed (a target's ``direction``) comes last and only when it is not NULL. A unit's
hash is the SHA-256 of its lines sorted and joined with a newline: an auditor can recompute it
with any SQL or script.

The seal itself lives in the audit entry (its ``content`` column, covered by the entry's hash).
Two tables help: ``content_seals`` (the latest hash per unit, an index for the writers) and
``sealed_rows`` (the sealed lines of figures and definitions, so that ``audit verify`` can say
what a figure was when it was sealed). Neither is trusted by ``verify``: both are checked
against the chain.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import duckdb

from planwatch.storage.audit_log import append_audit

CHANGE_SET: Final = "change-set"
REVIEW: Final = "review"
USER: Final = "user"
DEFINITION: Final = "definition"

# column -> how it becomes text: t text, i integer, d decimal, b boolean, day date,
# ts moment, h SHA-256 of the value (bytes, password hashes), j JSON as stored; a kind ending
# in "?" marks a column added later, written last and only when it is not NULL (so the lines,
# and the seals, of rows written before it existed do not change)
_TABLES: Final[dict[str, tuple[str, dict[str, str], str]]] = {
    # table: (unit kind, columns, the unit's key expression)
    "change_sets": (
        CHANGE_SET,
        {
            "change_set_id": "i",
            "kind": "t",
            "recorded_at": "ts",
            "recorded_by": "t",
            "reason": "t",
            "description": "t",
        },
        "CAST(change_set_id AS VARCHAR)",
    ),
    "observation_versions": (
        CHANGE_SET,
        {
            "version_id": "i",
            "change_set_id": "i",
            "indicator_code": "t",
            "year": "i",
            "quarter": "i",
            "sex": "t",
            "age_group": "t",
            "exploitation": "t",
            "source_id": "t",
            "value": "d",
            "is_preferred": "b",
            "withdrawn": "b",
            "note": "t",
        },
        "CAST(change_set_id AS VARCHAR)",
    ),
    "allocation_versions": (
        CHANGE_SET,
        {
            "version_id": "i",
            "change_set_id": "i",
            "initiative_code": "t",
            "year": "i",
            "source_id": "t",
            "amount_dkk": "d",
            "withdrawn": "b",
            "note": "t",
        },
        "CAST(change_set_id AS VARCHAR)",
    ),
    "spending_versions": (
        CHANGE_SET,
        {
            "version_id": "i",
            "change_set_id": "i",
            "initiative_code": "t",
            "year": "i",
            "quarter": "i",
            "source_id": "t",
            "amount_dkk": "d",
            "withdrawn": "b",
            "note": "t",
        },
        "CAST(change_set_id AS VARCHAR)",
    ),
    "target_versions": (
        CHANGE_SET,
        {
            "version_id": "i",
            "change_set_id": "i",
            "indicator_code": "t",
            "plan_id": "t",
            "year": "i",
            "kind": "t",
            "source_id": "t",
            "value": "d",
            "withdrawn": "b",
            "note": "t",
            "direction": "t?",
        },
        "CAST(change_set_id AS VARCHAR)",
    ),
    "plan_submissions": (
        CHANGE_SET,
        {
            "change_set_id": "i",
            "plan_id": "t",
            "file_name": "t",
            "sha256": "t",
            "size_bytes": "i",
            "content": "h",
            "definition": "j",
        },
        "CAST(change_set_id AS VARCHAR)",
    ),
    "definition_versions": (
        CHANGE_SET,
        {
            "change_set_id": "i",
            "table_name": "t",
            "row_key": "t",
            "content": "j",
            "from_start": "b",
        },
        "CAST(change_set_id AS VARCHAR)",
    ),
    "initiative_results": (
        CHANGE_SET,
        {
            "change_set_id": "i",
            "initiative_code": "t",
            "indicator_code": "t",
            "withdrawn": "b",
        },
        "CAST(change_set_id AS VARCHAR)",
    ),
    "uploads": (
        CHANGE_SET,
        {
            "upload_id": "i",
            "change_set_id": "i",
            "kind": "t",
            "file_name": "t",
            "file_format": "t",
            "sheet": "t",
            "sha256": "t",
            "size_bytes": "i",
            "uploaded_by": "t",
            "uploaded_at": "ts",
            "reason": "t",
            "rows_total": "i",
            "rows_new": "i",
            "rows_unchanged": "i",
            "rows_corrected": "i",
            "accepted_warnings": "j",
            "content": "h",
        },
        "CAST(change_set_id AS VARCHAR)",
    ),
    "reviews": (
        REVIEW,
        {
            "change_set_id": "i",
            "decision": "t",
            "reviewed_at": "ts",
            "reviewed_by": "t",
            "comment": "t",
        },
        "CAST(change_set_id AS VARCHAR)",
    ),
    "users": (
        USER,
        {
            "name": "t",
            "display_name": "t",
            "email": "t",
            "oidc_subject": "t",
            "oidc_issuer": "t",
            "password_hash": "h",
            "disabled": "b",
            "created_at": "ts",
            "created_by": "t",
        },
        "name",
    ),
    "user_roles": (
        USER,
        {"name": "t", "role": "t", "granted_at": "ts", "granted_by": "t"},
        "name",
    ),
    # How the command line proves a user: the operating-system accounts mapped to them and
    # their personal tokens (only each token's SHA-256 is stored, and sealed as it is).
    "os_user_map": (
        USER,
        {"os_user": "t", "name": "t", "mapped_at": "ts", "mapped_by": "t"},
        "name",
    ),
    "cli_tokens": (
        USER,
        {
            "token_id": "i",
            "name": "t",
            "token_sha256": "t",
            "label": "t",
            "created_at": "ts",
            "created_by": "t",
            "revoked_at": "ts",
            "revoked_by": "t",
        },
        "name",
    ),
    "sources": (
        DEFINITION,
        {
            "source_id": "t",
            "title": "t",
            "publisher": "t",
            "url": "t",
            "published_on": "day",
            "kind": "t",
            "note": "t",
        },
        "'sources:' || source_id",
    ),
    "indicators": (
        DEFINITION,
        {
            "code": "t",
            "name_da": "t",
            "name_en": "t",
            "definition_da": "t",
            "definition_en": "t",
            "unit": "t",
            "aggregation": "t",
            "direction": "t",
            "is_core": "b",
        },
        "'indicators:' || code",
    ),
    "indicator_synonyms": (
        DEFINITION,
        {"code": "t", "synonyms_da": "t", "synonyms_en": "t"},
        "'indicator_synonyms:' || code",
    ),
    "plans": (
        DEFINITION,
        {
            "plan_id": "t",
            "name_da": "t",
            "name_en": "t",
            "start_date": "day",
            "end_date": "day",
            "total_dkk": "d",
            "status": "t",
            "source_id": "t",
            "note": "t",
        },
        "'plans:' || plan_id",
    ),
    "action_areas": (
        DEFINITION,
        {"plan_id": "t", "code": "t", "name_da": "t", "name_en": "t", "source_id": "t"},
        "'action_areas:' || plan_id || '/' || code",
    ),
    "initiatives": (
        DEFINITION,
        {
            "code": "t",
            "plan_id": "t",
            "action_area_code": "t",
            "name_da": "t",
            "name_en": "t",
            "responsible_org": "t",
            "source_id": "t",
        },
        "'initiatives:' || code",
    ),
}

# The row's own key within its unit (to pair a stored row with its sealed line).
_ROW_KEYS: Final[dict[str, str]] = {
    "change_sets": "CAST(change_set_id AS VARCHAR)",
    "observation_versions": "CAST(version_id AS VARCHAR)",
    "allocation_versions": "CAST(version_id AS VARCHAR)",
    "spending_versions": "CAST(version_id AS VARCHAR)",
    "target_versions": "CAST(version_id AS VARCHAR)",
    "uploads": "CAST(upload_id AS VARCHAR)",
    "plan_submissions": "CAST(change_set_id AS VARCHAR)",
    "definition_versions": (
        "table_name || ':' || row_key || CASE WHEN from_start THEN ':before' ELSE '' END"
    ),
    "initiative_results": "initiative_code || '/' || indicator_code",
    "reviews": "CAST(change_set_id AS VARCHAR)",
    "users": "name",
    "user_roles": "role",
    "os_user_map": "os_user",
    "cli_tokens": "CAST(token_id AS VARCHAR)",
    "sources": "source_id",
    "indicators": "code",
    "indicator_synonyms": "code",
    "plans": "plan_id",
    "action_areas": "plan_id || '/' || code",
    "initiatives": "code",
}

_DECIMAL = (
    "regexp_replace(regexp_replace(CAST({c} AS VARCHAR), '(\\.[0-9]*?)0+$', '\\1'), '\\.$', '')"
)
_AS_TEXT: Final[dict[str, str]] = {
    "t": "{c}",
    "i": "CAST({c} AS VARCHAR)",
    "d": _DECIMAL,
    "b": "CASE WHEN {c} THEN 'true' WHEN NOT {c} THEN 'false' END",
    "day": "strftime({c}, '%Y-%m-%d')",
    "ts": "strftime({c}, '%Y-%m-%dT%H:%M:%S.%f')",
    "h": "sha256({c})",
    "j": "CAST({c} AS VARCHAR)",
}

FIGURE_TABLES: Final = (
    "observation_versions",
    "allocation_versions",
    "spending_versions",
    "target_versions",
)


@dataclass(frozen=True, slots=True)
class Digest:
    """A unit's hash and how many rows of each table it holds."""

    sha256: str
    rows: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"sha256": self.sha256, "rows": dict(sorted(self.rows.items()))}


def unit(kind: str, key: object) -> str:
    return f"{kind}:{key}"


def _text(table: str, *, no_subject: bool = False) -> str:
    columns = _TABLES[table][1]
    parts: list[str] = []
    later: list[str] = []
    for column, kind in columns.items():
        value = "NULL" if (no_subject and column in _SIGN_IN_BINDING) else kind
        expression = "NULL" if value == "NULL" else _AS_TEXT[kind.rstrip("?")].format(c=column)
        (later if kind.endswith("?") else parts).append(f"'{column}', {expression}")
    text = f"json_object({', '.join(parts)})"
    if later:  # a JSON merge patch drops a key whose value is null: lines of older rows stay
        text = f"json_merge_patch({text}, json_object({', '.join(later)}))"
    return f"'{table} ' || {text}"


def definition_json(table: str) -> str:
    """The SQL for a definition row as the JSON object its sealed line holds (what a version in
    ``definition_versions`` keeps), and for its key within the table."""
    if _TABLES[table][0] != DEFINITION:
        raise ValueError(f"{table} is not a definition table")
    text = _text(table)
    return text.removeprefix(f"'{table} ' || ")


def definition_columns(table: str) -> tuple[str, ...]:
    """A definition table's columns, in the order its sealed line writes them."""
    if _TABLES[table][0] != DEFINITION:
        raise ValueError(f"{table} is not a definition table")
    return tuple(_TABLES[table][1])


def definition_row_key(table: str) -> str:
    if _TABLES[table][0] != DEFINITION:
        raise ValueError(f"{table} is not a definition table")
    return _ROW_KEYS[table]


_SIGN_IN_BINDING: Final = frozenset({"oidc_subject", "oidc_issuer"})
"""The columns a single sign-on writes when it binds an account to the provider's subject."""


def _select(table: str, where: str, *, no_subject: bool = False) -> str:
    kind, _, key = _TABLES[table]
    return (
        f"SELECT '{kind}:' || ({key}) AS unit, '{table}' AS tbl, "  # noqa: S608 - constants
        f"{_ROW_KEYS[table]} AS row_key, {_text(table, no_subject=no_subject)} AS row_text "
        f"FROM {table} WHERE {where}"
    )


def _rows_sql(
    units: Sequence[str] | None, *, no_subject: bool = False
) -> tuple[str, dict[str, Any]]:
    """A query for (unit, tbl, row_key, row_text) of the given units (all units: ``None``)."""
    if units is None:
        selects = [_select(t, "true", no_subject=no_subject) for t in _TABLES]
        return " UNION ALL ".join(selects), {}
    ids: dict[str, list[Any]] = {CHANGE_SET: [], REVIEW: [], USER: [], DEFINITION: []}
    for name in units:
        kind, _, key = name.partition(":")
        if kind in (CHANGE_SET, REVIEW):
            ids[kind].append(int(key))
        elif kind in ids:
            ids[kind].append(key)
    filters = {
        CHANGE_SET: "change_set_id IN (SELECT unnest($change_sets::BIGINT[]))",
        REVIEW: "change_set_id IN (SELECT unnest($reviews::BIGINT[]))",
        USER: "name IN (SELECT unnest($users::VARCHAR[]))",
        DEFINITION: "true",
    }
    selects = [
        _select(t, filters[kind], no_subject=no_subject)
        for t, (kind, _, _) in _TABLES.items()
        if ids[kind]
    ]
    if not selects:
        return (
            "SELECT NULL::VARCHAR AS unit, NULL::VARCHAR AS tbl, NULL::VARCHAR AS row_key, "
            "NULL::VARCHAR AS row_text WHERE false",
            {},
        )
    sql = " UNION ALL ".join(selects)
    params: dict[str, Any] = {}
    if ids[CHANGE_SET]:
        params["change_sets"] = ids[CHANGE_SET]
    if ids[REVIEW]:
        params["reviews"] = ids[REVIEW]
    if ids[USER]:
        params["users"] = ids[USER]
    if ids[DEFINITION]:
        params["definitions"] = [f"{DEFINITION}:{k}" for k in ids[DEFINITION]]
        sql = f"SELECT * FROM ({sql}) WHERE NOT starts_with(unit, '{DEFINITION}:') "  # noqa: S608
        sql += "OR unit IN (SELECT unnest($definitions::VARCHAR[]))"
    return sql, params


def digests(
    connection: duckdb.DuckDBPyConnection,
    units: Sequence[str] | None = None,
    *,
    no_subject: bool = False,
) -> dict[str, Digest]:
    """Each unit's hash and row counts as the database holds it now (every unit: ``None``)."""
    rows_sql, params = _rows_sql(units, no_subject=no_subject)
    found = connection.execute(
        f"""
        WITH r AS ({rows_sql})
        SELECT unit, sha256(string_agg(row_text, chr(10) ORDER BY row_text)),
               to_json(histogram(tbl))
        FROM r GROUP BY unit
        """,  # noqa: S608 - built from constants; values bound
        params,
    ).fetchall()
    return {str(u): Digest(str(h), json.loads(str(counts))) for u, h, counts in found}


def rows(
    connection: duckdb.DuckDBPyConnection, units: Sequence[str]
) -> dict[str, dict[tuple[str, str], str]]:
    """The canonical lines of these units as stored now: unit -> {(table, row key): line}."""
    rows_sql, params = _rows_sql(units)
    out: dict[str, dict[tuple[str, str], str]] = {name: {} for name in units}
    for name, table, key, text in connection.execute(rows_sql, params).fetchall():
        out.setdefault(str(name), {})[(str(table), str(key))] = str(text)
    return out


def sealed_rows(
    connection: duckdb.DuckDBPyConnection, units: Sequence[str]
) -> dict[str, dict[tuple[str, str], str]]:
    """The lines kept when these units were sealed (figures and definitions only)."""
    out: dict[str, dict[tuple[str, str], str]] = {name: {} for name in units}
    found = connection.execute(
        "SELECT unit, table_name, row_key, row_text FROM sealed_rows "
        "WHERE unit IN (SELECT unnest(?::VARCHAR[]))",
        [list(units)],
    ).fetchall()
    for name, table, key, text in found:
        out.setdefault(str(name), {})[(str(table), str(key))] = str(text)
    return out


def seal(
    connection: duckdb.DuckDBPyConnection, units: Iterable[str], *, keep_rows: bool = True
) -> dict[str, Any]:
    """Hash these units as they are now, remember the hashes (and, for figures and definitions,
    the lines), and return what the audit entry records: ``{"sealed": {unit: digest}}``."""
    wanted = sorted(set(units))
    if not wanted:
        return {}
    kept = [name for name in wanted if not name.startswith(f"{USER}:")] if keep_rows else []
    if kept:  # keep the lines first, then hash them once from the copy
        _keep_rows(connection, kept)
    found = _kept_digests(connection, kept)
    others = [name for name in wanted if name not in kept]
    if others:
        found |= digests(connection, others)
    sealed = {name: found.get(name, Digest(_EMPTY)).as_dict() for name in wanted}
    remember(connection, sealed, keep_rows=False)
    return {"sealed": sealed}


def _kept_digests(connection: duckdb.DuckDBPyConnection, units: list[str]) -> dict[str, Digest]:
    if not units:
        return {}
    found = connection.execute(
        """
        SELECT unit, sha256(string_agg(row_text, chr(10) ORDER BY row_text)),
               to_json(histogram(table_name))
        FROM sealed_rows WHERE unit IN (SELECT unnest(?::VARCHAR[])) GROUP BY unit
        """,
        [units],
    ).fetchall()
    return {str(u): Digest(str(h), json.loads(str(counts))) for u, h, counts in found}


def _keep_rows(connection: duckdb.DuckDBPyConnection, kept: list[str]) -> None:
    connection.execute(
        "DELETE FROM sealed_rows WHERE unit IN (SELECT unnest(?::VARCHAR[]))", [kept]
    )
    rows_sql, params = _rows_sql(kept)
    connection.execute(
        f"INSERT INTO sealed_rows (unit, table_name, row_key, row_text) "  # noqa: S608
        f"SELECT unit, tbl, row_key, row_text FROM ({rows_sql}) "
        "WHERE unit IN (SELECT unnest($kept::VARCHAR[]))",
        {**params, "kept": kept},
    )


_EMPTY: Final = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"  # sha256(b"")


def remember(
    connection: duckdb.DuckDBPyConnection, sealed: dict[str, Any], *, keep_rows: bool = True
) -> None:
    """Write the index of seals (and the sealed lines) for units an entry sealed."""
    names = sorted(sealed)
    connection.execute(
        "DELETE FROM content_seals WHERE unit IN (SELECT unnest(?::VARCHAR[]))", [names]
    )
    connection.executemany(
        "INSERT INTO content_seals (unit, sha256) VALUES (?, ?)",
        [[name, str(sealed[name]["sha256"])] for name in names],
    )
    if keep_rows:
        kept = [name for name in names if not name.startswith(f"{USER}:")]
        if kept:
            _keep_rows(connection, kept)


def seal_index(connection: duckdb.DuckDBPyConnection, units: Sequence[str]) -> dict[str, str]:
    """The latest hash the index holds for each of these units (absent: never sealed)."""
    found = connection.execute(
        "SELECT unit, sha256 FROM content_seals WHERE unit IN (SELECT unnest(?::VARCHAR[]))",
        [list(units)],
    ).fetchall()
    return {str(u): str(h) for u, h in found}


def unsealed(connection: duckdb.DuckDBPyConnection, kind: str) -> list[str]:
    """Units of one kind (``definition``) that are stored but were never sealed."""
    if kind != DEFINITION:
        raise ValueError(kind)
    selects = " UNION ALL ".join(
        f"SELECT '{DEFINITION}:' || ({key}) AS unit FROM {t}"  # noqa: S608 - constants
        for t, (k, _, key) in _TABLES.items()
        if k == DEFINITION
    )
    found = connection.execute(
        f"SELECT unit FROM ({selects}) WHERE unit NOT IN (SELECT unit FROM content_seals) "  # noqa: S608
        "ORDER BY unit"
    ).fetchall()
    return [str(r[0]) for r in found]


def loaded_change_sets(
    connection: duckdb.DuckDBPyConnection, recorded_at: Any, kinds: Sequence[str]
) -> list[str]:
    """Change sets of these kinds recorded at this moment and never sealed (one load's)."""
    found = connection.execute(
        "SELECT change_set_id FROM change_sets WHERE recorded_at = ? "
        "AND kind IN (SELECT unnest(?::VARCHAR[])) ORDER BY change_set_id",
        [recorded_at, list(kinds)],
    ).fetchall()
    names = [unit(CHANGE_SET, r[0]) for r in found]
    known = seal_index(connection, names)
    return [n for n in names if n not in known]


def every_unit(connection: duckdb.DuckDBPyConnection) -> list[str]:
    return sorted(digests(connection))


def users_present(connection: duckdb.DuckDBPyConnection) -> int:
    return int(connection.execute("SELECT count(*) FROM users").fetchall()[0][0])


SEAL_ACTION: Final = "content-sealed"


def seal_existing(connection: duckdb.DuckDBPyConnection, at: Any) -> int | None:
    """One entry sealing everything a database already holds, written once when the content
    migration is applied to a database with a history (a new, empty one needs none). What was
    changed outside planwatch *before* this entry is sealed as found: see docs/access.md."""
    held = connection.execute(
        "SELECT (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM change_sets)"
    ).fetchall()
    if not held[0][0]:
        return None
    connection.execute("BEGIN TRANSACTION")
    try:
        content = seal(connection, every_unit(connection))
        seq = append_audit(
            connection,
            recorded_at=at,
            actor="planwatch",
            action=SEAL_ACTION,
            subject=None,
            details={"reason": "first seal of a database written before content was sealed"},
            origin="planwatch db migrate",
            content=content,
        )
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return seq

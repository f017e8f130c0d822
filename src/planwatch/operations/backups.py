"""Backups of the whole database as Parquet files, and restoring one into a new file.

:func:`backup` reads every table in one read-only transaction (one consistent moment, while the
app keeps running) and writes one Parquet file per table plus ``manifest.json``: the planwatch
and DuckDB versions, when (UTC), the applied migrations, each table's rows, each sequence's
last value, the audit log's head, and the SHA-256 of every file. It writes into a hidden folder
next to the target and renames it at the end, so a half-written backup never looks complete.

:func:`restore` checks the backup before it creates anything (every file present with its
SHA-256, a schema this planwatch knows), builds the schema with planwatch's own migrations in a
hidden file next to the target, loads the rows, checks them against the manifest (rows per
table, the audit log's chain of hashes and its head), and only then renames the file into place.

Both are operator commands, like ``init`` and ``db migrate``: they run without a planwatch
user. Neither writes to the audit log. A backup must not change what it copies, so it opens the
database read-only. A restored database is an exact copy of the backup, so its chain ends where
the backup's ends and can be compared with the manifest; an entry "restored" would need a new
audit action and would make the copy differ from its backup. The operator's act is on record
where the operator runs it (the systemd journal, the shell's history).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import json
import os
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from planwatch.access.audit import check_chain
from planwatch.domain.clock import utc_now
from planwatch.errors import (
    DataError,
    MigrationError,
    Problem,
    SchemaOutdatedError,
    StorageError,
    UsageError,
)
from planwatch.storage import (
    MIGRATIONS,
    Migration,
    Store,
    audit_log,
    backup_sql,
    migrations,
    private_files,
)

MANIFEST: Final = "manifest.json"
FORMAT: Final = "planwatch-backup"
FORMAT_VERSION: Final = 1
_GLOB: Final = frozenset("*?[")  # read_parquet would take these as a pattern


@dataclass(frozen=True, slots=True)
class BackupReport:
    out_dir: Path
    created_at: dt.datetime  # UTC
    tables: dict[str, int]
    files: int
    size_bytes: int
    migrations: list[str]
    audit_head_seq: int
    audit_head_hash: str
    held_seconds: float  # how long the database file was open for the backup
    manifest_sha256: str


@dataclass(frozen=True, slots=True)
class RestoreReport:
    db: Path
    backup_dir: Path
    backup_created_at: str
    tables: dict[str, int]
    migrations: list[str]
    pending_migrations: list[str] = field(default_factory=list)
    audit_entries: int = 0
    audit_head_hash: str = ""


def _version() -> str:
    try:
        return importlib.metadata.version("planwatch")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - run from a checkout
        return "unknown"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync(path: Path) -> None:
    """Make a file's (or a folder's) content durable before the rename publishes it."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) if path.is_dir() else os.O_RDONLY
    try:
        descriptor = os.open(path, flags)
    except OSError:  # pragma: no cover - a file system without directory handles
        return
    try:
        os.fsync(descriptor)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(descriptor)


def _refuse_existing_out(out_dir: Path) -> None:
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise UsageError(
            f"{out_dir} findes allerede og er ikke en tom mappe. Vælg en ny mappe til "
            "sikkerhedskopien (f.eks. en med dags dato); intet er skrevet.",
            f"{out_dir} already exists and is not an empty folder. Choose a new folder for the "
            "backup (e.g. one named after today's date); nothing was written.",
        )


def backup(store: Store, out_dir: Path) -> BackupReport:
    """Copy every table of the database, at one moment, to Parquet files in ``out_dir``.

    ``out_dir`` must not exist yet, or be empty. The database is opened read-only, waiting
    (bounded by ``store.lock_timeout``) while someone else is writing to it."""
    out_dir = Path(out_dir)
    _refuse_existing_out(out_dir)
    try:
        private_files.make_dirs(out_dir.parent)
        staging = out_dir.parent / f".{out_dir.name}.partial-{secrets.token_hex(4)}"
        staging.mkdir(mode=private_files.DIR_MODE)
        private_files.restrict(staging, private_files.DIR_MODE)
    except OSError as error:
        raise UsageError(
            f"Mappen {out_dir.parent} kan ikke bruges til sikkerhedskopien: {error.strerror}.",
            f"The folder {out_dir.parent} cannot hold the backup: {error.strerror}.",
        ) from error
    try:
        created_at = utc_now()
        snapshot = backup_sql.export_tables(store, staging)
        files: dict[str, dict[str, Any]] = {
            name: {"sha256": _sha256(staging / name), "size_bytes": (staging / name).stat().st_size}
            for name in sorted(snapshot.files.values())
        }
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "planwatch_version": _version(),
            "duckdb_version": snapshot.duckdb_version,
            "created_at": created_at.isoformat(timespec="microseconds") + "Z",
            "database": str(store.path),
            "migrations": snapshot.migrations,
            "tables": {
                table: {"rows": rows, "file": snapshot.files[table]}
                for table, rows in snapshot.tables.items()
            },
            "sequences": snapshot.sequences,
            "audit_head": {"seq": snapshot.audit_head[0], "entry_hash": snapshot.audit_head[1]},
            "files": files,
        }
        text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
        (staging / MANIFEST).write_text(text, encoding="utf-8")
        for name in [*files, MANIFEST]:
            private_files.restrict(staging / name)
            _fsync(staging / name)
        _refuse_existing_out(out_dir)  # someone may have written there meanwhile
        try:
            staging.replace(out_dir)  # replaces an empty folder; never a filled one
        except OSError as error:
            raise UsageError(
                f"Sikkerhedskopien kunne ikke flyttes på plads i {out_dir}: {error.strerror}. "
                "Intet er skrevet.",
                f"The backup could not be moved into place at {out_dir}: {error.strerror}. "
                "Nothing was written.",
            ) from error
        _fsync(out_dir.parent)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BackupReport(
        out_dir=out_dir,
        created_at=created_at,
        tables=dict(snapshot.tables),
        files=len(files) + 1,
        size_bytes=sum(int(f["size_bytes"]) for f in files.values()) + len(text.encode()),
        migrations=[str(m["name"]) for m in snapshot.migrations],
        audit_head_seq=snapshot.audit_head[0],
        audit_head_hash=snapshot.audit_head[1],
        held_seconds=snapshot.held_seconds,
        manifest_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


# -- checking a backup -------------------------------------------------------------------------


def _damaged(problems: list[Problem], backup_dir: Path) -> DataError:
    return DataError(
        f"Sikkerhedskopien i {backup_dir} er ikke hel og kan ikke gendannes; intet er oprettet.",
        f"The backup in {backup_dir} is not intact and cannot be restored; nothing was created.",
        problems,
    )


def _problem(code: str, da: str, en: str, value: str | None = None) -> Problem:
    return Problem(code=code, message_da=da, message_en=en, value=value)


def read_manifest(backup_dir: Path) -> dict[str, Any]:
    """The backup's manifest, after checking that every file it lists is there, unchanged.

    Raises :class:`DataError` (one problem per missing or changed file) when it is not."""
    backup_dir = Path(backup_dir)
    if not backup_dir.is_dir():
        raise UsageError(
            f"{backup_dir} er ikke en mappe med en sikkerhedskopi.",
            f"{backup_dir} is not a folder holding a backup.",
        )
    if _GLOB & set(str(backup_dir.resolve())):
        raise UsageError(
            f"Stien {backup_dir} indeholder *, ? eller [; flyt sikkerhedskopien til en mappe "
            "uden disse tegn.",
            f"The path {backup_dir} contains *, ? or [; move the backup to a folder without them.",
        )
    path = backup_dir / MANIFEST
    if not path.is_file():
        raise _damaged(
            [
                _problem(
                    "manifest-missing",
                    f"{MANIFEST} mangler: mappen er ikke en (hel) sikkerhedskopi fra planwatch.",
                    f"{MANIFEST} is missing: the folder is not a (complete) planwatch backup.",
                    MANIFEST,
                )
            ],
            backup_dir,
        )
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT:
            raise ValueError("not a planwatch backup manifest")
        version = int(manifest.get("format_version", 0))
        _check_shape(manifest)
    except (ValueError, UnicodeDecodeError, AttributeError, TypeError, KeyError) as error:
        raise _damaged(
            [
                _problem(
                    "manifest-unreadable",
                    f"{MANIFEST} kan ikke læses som planwatch' manifest ({error}).",
                    f"{MANIFEST} cannot be read as planwatch's manifest ({error}).",
                    MANIFEST,
                )
            ],
            backup_dir,
        ) from error
    if version > FORMAT_VERSION:
        raise SchemaOutdatedError(
            f"Sikkerhedskopien har format {version}, som kun en nyere planwatch kender. "
            "Opdatér planwatch.",
            f"The backup has format {version}, which only a newer planwatch knows. "
            "Upgrade planwatch.",
        )
    problems: list[Problem] = []
    for name, facts in sorted(manifest["files"].items()):
        file = backup_dir / str(name)
        if Path(str(name)).name != name or not str(name).endswith(".parquet"):
            problems.append(
                _problem(
                    "unexpected-file-name",
                    f"Manifestet nævner en fil uden for sikkerhedskopien: {name}.",
                    f"The manifest names a file outside the backup: {name}.",
                    str(name),
                )
            )
        elif not file.is_file():
            problems.append(
                _problem(
                    "file-missing",
                    f"Filen {name} mangler.",
                    f"The file {name} is missing.",
                    str(name),
                )
            )
        elif _sha256(file) != facts.get("sha256"):
            problems.append(
                _problem(
                    "checksum-mismatch",
                    f"Filen {name} er ændret eller beskadiget (SHA-256 passer ikke).",
                    f"The file {name} was changed or damaged (its SHA-256 does not match).",
                    str(name),
                )
            )
    listed = {str(t.get("file")) for t in manifest.get("tables", {}).values()}
    for name in sorted(listed - set(manifest["files"])):
        problems.append(
            _problem(
                "file-not-listed",
                f"Tabellens fil {name} har ingen SHA-256 i manifestet.",
                f"The table's file {name} has no SHA-256 in the manifest.",
                name,
            )
        )
    if problems:
        raise _damaged(problems, backup_dir)
    return dict(manifest)


def _check_shape(manifest: dict[str, Any]) -> None:
    """Every part of the manifest a restore reads, of the type it expects (or TypeError)."""
    checks = [
        all(
            isinstance(f, dict) and isinstance(f["sha256"], str) for f in manifest["files"].values()
        ),
        all(
            isinstance(t["rows"], int) and isinstance(t["file"], str)
            for t in manifest["tables"].values()
        ),
        all(v is None or isinstance(v, int) for v in manifest["sequences"].values()),
        all(
            isinstance(m["name"], str) and isinstance(m["checksum"], str)
            for m in manifest["migrations"]
        ),
        isinstance(manifest["audit_head"]["seq"], int),
    ]
    if not all(checks):
        raise TypeError("a value in the manifest has the wrong type")


def _migrations_for(manifest: dict[str, Any]) -> tuple[Migration, ...]:
    """The migrations the backup's schema was built with, as this planwatch knows them."""
    recorded = {str(m["name"]): str(m["checksum"]) for m in manifest.get("migrations", [])}
    known = {m.name: m for m in MIGRATIONS}
    unknown = sorted(set(recorded) - set(known))
    if unknown:
        raise SchemaOutdatedError(
            "Sikkerhedskopien er taget af en nyere udgave af planwatch "
            f"(ukendte migreringer: {', '.join(unknown)}). Opdatér planwatch, og gendan igen.",
            "The backup was taken by a newer planwatch "
            f"(unknown migrations: {', '.join(unknown)}). Upgrade planwatch and restore again.",
        )
    edited = sorted(name for name, checksum in recorded.items() if known[name].checksum != checksum)
    prefix = MIGRATIONS[: len(recorded)]
    if edited or {m.name for m in prefix} != set(recorded):
        raise MigrationError(
            "Sikkerhedskopiens migreringer passer ikke til denne udgave af planwatch "
            f"({', '.join(edited) or 'rækkefølgen'}).",
            "The backup's migrations do not match this planwatch "
            f"({', '.join(edited) or 'their order'}).",
        )
    return prefix


# -- restoring ---------------------------------------------------------------------------------


def _refuse_existing_target(new_db: Path) -> None:
    wal = new_db.with_name(new_db.name + ".wal")
    if new_db.exists() or wal.exists():
        raise UsageError(
            f"{new_db} findes allerede. En gendannelse skriver aldrig over en database: vælg et "
            "nyt filnavn; intet er ændret.",
            f"{new_db} already exists. A restore never overwrites a database: choose a new "
            "file name; nothing was changed.",
        )


def _remove(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)


def restore(backup_dir: Path, new_db: Path, *, lock_timeout: float = 15.0) -> RestoreReport:
    """Restore a backup into a new database file ``new_db`` (which must not exist yet).

    Nothing is created unless the backup is intact and its rows load and check out: the work
    happens in a hidden file next to ``new_db`` that is renamed into place at the end."""
    backup_dir, new_db = Path(backup_dir), Path(new_db)
    _refuse_existing_target(new_db)
    manifest = read_manifest(backup_dir)
    wanted = _migrations_for(manifest)
    tables: dict[str, Any] = manifest.get("tables", {})
    sequences = {
        str(name): None if last is None else int(last)
        for name, last in manifest.get("sequences", {}).items()
    }
    try:
        private_files.make_dirs(new_db.parent)
    except OSError as error:
        raise UsageError(
            f"Mappen {new_db.parent} kan ikke oprettes: {error.strerror}.",
            f"The folder {new_db.parent} cannot be created: {error.strerror}.",
        ) from error
    staging = new_db.parent / f".{new_db.name}.restoring-{secrets.token_hex(4)}"
    work = Store(staging, lock_timeout)
    try:
        migrations.migrate(work, wanted)
        try:
            loaded = backup_sql.load_tables(
                work,
                {table: backup_dir / str(facts["file"]) for table, facts in tables.items()},
                sequences,
            )
        except ValueError as error:
            raise _damaged(
                [_problem("tables-differ", str(error), str(error))], backup_dir
            ) from error
        problems = _check_restored(work, manifest, loaded)
        if problems:
            raise _damaged(problems, backup_dir)
        head_seq, head_hash = 0, ""
        if "audit_head" in loaded:
            with work.connect(read_only=True) as connection:
                head_seq, head_hash = audit_log.audit_head(connection)
        _refuse_existing_target(new_db)
        try:
            staging.replace(new_db)
        except OSError as error:
            raise StorageError(
                f"Den gendannede database kunne ikke flyttes til {new_db}: {error.strerror}.",
                f"The restored database could not be moved to {new_db}: {error.strerror}.",
            ) from error
        _fsync(new_db.parent)
    except BaseException:
        _remove(staging)
        raise
    pending = [m.name for m in MIGRATIONS[len(wanted) :]]
    return RestoreReport(
        db=new_db,
        backup_dir=backup_dir,
        backup_created_at=str(manifest.get("created_at", "")),
        tables=loaded,
        migrations=[m.name for m in wanted],
        pending_migrations=pending,
        audit_entries=head_seq,
        audit_head_hash=head_hash,
    )


def _check_restored(work: Store, manifest: dict[str, Any], loaded: dict[str, int]) -> list[Problem]:
    problems: list[Problem] = []
    for table, facts in sorted(manifest.get("tables", {}).items()):
        expected = int(facts["rows"])
        if loaded.get(table) != expected:
            problems.append(
                _problem(
                    "rows-differ",
                    f"Tabellen {table} har {loaded.get(table)} rækker efter gendannelsen; "
                    f"manifestet siger {expected}.",
                    f"The table {table} has {loaded.get(table)} rows after the restore; the "
                    f"manifest says {expected}.",
                    table,
                )
            )
    if "audit_log" in loaded:
        with work.connect(read_only=True) as connection:
            rows = audit_log.audit_entries(connection)
            head_seq, head_hash = audit_log.audit_head(connection)
        chain = check_chain(rows, head_seq, head_hash)
        if not chain.ok:
            problems.append(
                _problem("audit-chain-broken", chain.message_da, chain.message_en, "audit_log")
            )
        recorded = manifest.get("audit_head", {})
        if (head_seq, head_hash) != (recorded.get("seq"), recorded.get("entry_hash")):
            problems.append(
                _problem(
                    "audit-head-differs",
                    f"Revisionsloggen ender ved post {head_seq}; manifestet siger "
                    f"{recorded.get('seq')}.",
                    f"The audit log ends at entry {head_seq}; the manifest says "
                    f"{recorded.get('seq')}.",
                    "audit_head",
                )
            )
    return problems

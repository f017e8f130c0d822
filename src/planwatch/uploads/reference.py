"""Bundled reference data (real, published figures with sources) and the illustrative demo.

``data/reference/`` holds what has been published, every row citing its source.
``data/demo/`` holds what has not been published (per-initiative allocations and spending);
every row there cites a source of kind ``illustrative``, so that every screen and export can
say so. Loading is idempotent: a second run adds nothing.

A load that adds rows keeps the files it read in the database (``reference_files``) and in the
archive beside it, like an upload's file, and names each by its SHA-256 in its audit entry
(``details["files"]``), so that a rebuild loads these very files, not those of the version
installed at the time of the rebuild.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import pandas as pd
import pandera.pandas as pa

from planwatch.access.audit import AuditAction, record
from planwatch.domain.clock import utc_now
from planwatch.domain.indicators import join_synonyms
from planwatch.domain.vocab import ALL
from planwatch.errors import DataError, Problem
from planwatch.settings import BUNDLED_DATA
from planwatch.storage import Store, definition_history, migrations, repository, uploads_archive
from planwatch.uploads import schemas
from planwatch.uploads.problems import problem

DATA_DIR: Final = BUNDLED_DATA
REFERENCE_USER: Final = "planwatch:reference-data"
DEMO_USER: Final = "planwatch:demo-data"


@dataclass(frozen=True, slots=True)
class FileSpec:
    name: str
    model: type[pa.DataFrameModel]
    table: str
    optional: bool = False
    """A file a release added later: an archive written before it has none (nothing loaded)."""


REFERENCE_FILES: Final = (
    FileSpec("sources.csv", schemas.SourcesFile, "sources"),
    FileSpec("indicators.csv", schemas.IndicatorsFile, "indicators"),
    FileSpec(
        "indicator_terms.csv", schemas.IndicatorTermsFile, "indicator_synonyms", optional=True
    ),
    FileSpec("plans.csv", schemas.PlansFile, "plans"),
    FileSpec("action_areas.csv", schemas.ActionAreasFile, "action_areas"),
    FileSpec("observations.csv", schemas.ObservationsFile, "observation_versions"),
    FileSpec("targets.csv", schemas.TargetsFile, "target_versions"),
)

DEMO_FILES: Final = (
    FileSpec("sources.csv", schemas.SourcesFile, "sources"),
    FileSpec("initiatives.csv", schemas.InitiativesFile, "initiatives"),
    FileSpec("allocations.csv", schemas.AllocationsFile, "allocation_versions"),
    FileSpec("spending.csv", schemas.SpendingFile, "spending_versions"),
)

_BREAKDOWN_COLUMNS: Final = ("sex", "age_group", "exploitation")
_BOOLEANS: Final = {"true": True, "false": False}


@dataclass(slots=True)
class LoadReport:
    """What ``init`` did: rows added per table, and stored definitions that differ from files."""

    migrations_applied: list[str] = field(default_factory=list)
    inserted: dict[str, int] = field(default_factory=dict)
    differing: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """Stored definitions the files say otherwise and that were not changed: a column no
    version changes (an indicator's unit, a source's kind, ...) or one revised in planwatch."""
    revised: dict[str, list[str]] = field(default_factory=dict)
    """Definitions the files revise (a release corrected them): table -> keys; each a new
    version in a change set of kind ``reference`` (docs/plans.md, "Definitions have history")."""

    @property
    def rows_added(self) -> int:
        return sum(self.inserted.values())


_ADDED_LATER: Final[dict[str, tuple[str, ...]]] = {"TargetsFile": ("direction",)}
"""Columns a model gained after files (and archives of them) were written without them."""


def read_csv(
    path: Path, model: type[pa.DataFrameModel], content: bytes | None = None
) -> pd.DataFrame:
    """Read one bundled CSV as text, blanks as missing, and validate it against its model
    (from ``content``, the file's bytes read already, when given)."""
    try:
        source: Path | io.BytesIO = path if content is None else io.BytesIO(content)
        raw = pd.read_csv(source, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as error:
        raise DataError(
            f"Filen {path.name} kan ikke læses: {error}",
            f"The file {path.name} cannot be read: {error}",
            [],
        ) from error
    frame = raw.apply(lambda column: column.str.strip()).replace("", None)
    for column in _ADDED_LATER.get(model.__name__, ()):
        if column not in frame.columns:  # a file written before the column existed
            frame[column] = None
    for column in _BREAKDOWN_COLUMNS:
        if column in frame.columns:
            frame[column] = frame[column].fillna(ALL)
    for column in [c for c in frame.columns if c.startswith("is_")]:
        frame[column] = frame[column].map(
            lambda text: _BOOLEANS.get(text.lower(), text) if isinstance(text, str) else text
        )
    return schemas.validate(model, frame, path.name)


def read_folder(
    folder: Path, specs: tuple[FileSpec, ...], contents: dict[str, bytes] | None = None
) -> dict[str, pd.DataFrame]:
    """Read and check every file of ``specs`` in ``folder`` (from ``contents``, by file name,
    when the bytes were read already)."""
    frames: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for spec in specs:
        content = (contents or {}).get(spec.name)
        if spec.optional and content is None and not (folder / spec.name).exists():
            continue
        try:
            frames[spec.table] = read_csv(folder / spec.name, spec.model, content)
        except DataError as error:
            problems.extend(error.problems or _whole_file_problem(spec.name, error))
    if problems:
        raise DataError(
            f"Referencedata i {folder} indeholder fejl.",
            f"Reference data in {folder} has problems.",
            problems,
        )
    return frames


def _whole_file_problem(name: str, error: DataError) -> list[Problem]:
    return [Problem("unreadable-file", error.message_da, error.message_en, column=None, value=name)]


def _check_references(frames: dict[str, pd.DataFrame], known: dict[str, set[str]]) -> None:
    """Every code a row cites must exist, in the files or in the database."""
    checks = (
        ("indicator_synonyms", "indicator_code", "indicators", "indicator_terms.csv"),
        ("observation_versions", "indicator", "indicators", "observations.csv"),
        ("observation_versions", "source_id", "sources", "observations.csv"),
        ("plans", "source_id", "sources", "plans.csv"),
        ("action_areas", "plan_id", "plans", "action_areas.csv"),
        ("action_areas", "source_id", "sources", "action_areas.csv"),
        ("initiatives", "plan_id", "plans", "initiatives.csv"),
        ("initiatives", "source_id", "sources", "initiatives.csv"),
        ("allocation_versions", "initiative", "initiatives", "allocations.csv"),
        ("allocation_versions", "source_id", "sources", "allocations.csv"),
        ("spending_versions", "initiative", "initiatives", "spending.csv"),
        ("spending_versions", "source_id", "sources", "spending.csv"),
        ("target_versions", "indicator", "indicators", "targets.csv"),
        ("target_versions", "plan_id", "plans", "targets.csv"),
        ("target_versions", "source_id", "sources", "targets.csv"),
    )
    problems: list[Problem] = []
    for table, column, target, file_name in checks:
        if table not in frames:
            continue
        for index, value in frames[table][column].items():
            if value not in known[target]:
                row = int(str(index)) + schemas.FIRST_DATA_ROW
                problems.append(
                    problem(
                        "unknown-reference",
                        row=row,
                        column=column,
                        value=str(value),
                        file=file_name,
                    )
                )
    if problems:
        raise DataError(
            "Data henviser til koder, der ikke findes.",
            "Data refers to codes that do not exist.",
            problems,
        )


def _known_codes(store: Store, frames: dict[str, pd.DataFrame]) -> dict[str, set[str]]:
    key_of = {
        "sources": "source_id",
        "indicators": "code",
        "plans": "plan_id",
        "initiatives": "code",
    }
    known: dict[str, set[str]] = {}
    with store.connect(read_only=True) as connection:
        for table, key in key_of.items():
            stored = {str(row[key]) for row in repository.select_all(connection, table)}
            incoming = set(frames[table][key]) if table in frames else set()
            known[table] = stored | incoming
    return known


def _as_observation_rows(frame: pd.DataFrame) -> pd.DataFrame:
    rows = frame.rename(columns={"indicator": "indicator_code"})
    rows["quarter"] = rows["quarter"].astype("Int16")
    return rows


def _as_target_rows(frame: pd.DataFrame) -> pd.DataFrame:
    rows = frame.rename(columns={"indicator": "indicator_code"})
    rows["year"] = rows["year"].astype("Int32")
    return rows


def _as_money_rows(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.rename(columns={"initiative": "initiative_code"})


def _definition_frame(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    if table == "indicator_synonyms":
        return _synonym_rows(frame)
    result = frame.copy()
    for column in ("published_on", "start_date", "end_date"):
        if column in result.columns:
            result[column] = result[column].dt.date
    return result


def _synonym_rows(terms: pd.DataFrame) -> pd.DataFrame:
    """``indicator_terms.csv`` (a term per row) as rows of ``indicator_synonyms``: per
    indicator, its Danish and its English terms as lists, in the file's order."""
    lists: dict[str, dict[str, list[str]]] = {}
    for code, language, term in terms[["indicator_code", "language", "term"]].itertuples(
        index=False
    ):
        lists.setdefault(str(code), {"da": [], "en": []})[str(language)].append(str(term))
    return pd.DataFrame(
        [
            {
                "code": code,
                "synonyms_da": join_synonyms(by["da"]),
                "synonyms_en": join_synonyms(by["en"]),
            }
            for code, by in lists.items()
        ],
        columns=["code", "synonyms_da", "synonyms_en"],
    )


def _file_bytes(folder: Path, specs: tuple[FileSpec, ...]) -> dict[str, bytes]:
    """The bytes of each file that can be read (one that cannot is reported by its check)."""
    contents: dict[str, bytes] = {}
    for spec in specs:
        try:
            contents[spec.name] = (folder / spec.name).read_bytes()
        except OSError:
            continue
    return contents


def archived_name(folder: str, name: str) -> str:
    """How a loaded file is named in the audit entry: ``reference/sources.csv``."""
    return f"{folder}/{name}"


def load(
    store: Store,
    *,
    demo: bool = False,
    data_dir: Path = DATA_DIR,
    now: dt.datetime | None = None,
    origin: str = "",
    keep_files: bool = True,
) -> LoadReport:
    """Create or migrate the database and load the reference data (and the demo, if asked).

    Everything is validated before anything is written, and the figures go in one transaction.
    When rows are added, the files read are kept in the archive beside the database and named
    by their SHA-256 in the audit entry (``keep_files=False`` only for a rebuild replaying an
    entry written before planwatch archived them).
    """
    report = LoadReport(migrations_applied=migrations.migrate(store))
    reference_bytes = _file_bytes(data_dir / "reference", REFERENCE_FILES)
    demo_bytes = _file_bytes(data_dir / "demo", DEMO_FILES) if demo else {}
    frames = read_folder(data_dir / "reference", REFERENCE_FILES, reference_bytes)
    demo_frames = read_folder(data_dir / "demo", DEMO_FILES, demo_bytes) if demo else {}
    files = {archived_name("reference", n): b for n, b in reference_bytes.items()} | {
        archived_name("demo", n): b for n, b in demo_bytes.items()
    }
    digests = {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())}
    combined = dict(frames)
    for table, frame in demo_frames.items():
        combined[table] = pd.concat([combined[table], frame]) if table in combined else frame
    _check_references(frames | demo_frames, _known_codes(store, combined))
    moment = now or utc_now()
    with store.transaction() as connection:
        listed = definition_history.synonym_codes(connection)
        for spec in (*REFERENCE_FILES, *DEMO_FILES):
            if spec.table in repository.DEFINITION_TABLES and spec.table in combined:
                if spec.table in report.inserted:
                    continue
                inserted, differing = repository.insert_missing_definitions(
                    connection, spec.table, _definition_frame(spec.table, combined[spec.table])
                )
                report.inserted[spec.table] = inserted
                if differing:
                    report.differing[spec.table] = differing
        _revise_definitions(connection, combined, report, moment, listed)
        report.inserted["observation_versions"] = _record(
            connection,
            "observation_versions",
            _as_observation_rows(frames["observation_versions"]),
            kind="reference",
            user=REFERENCE_USER,
            moment=moment,
            description="Bundled reference data (published figures)",
        )
        report.inserted["target_versions"] = _record(
            connection,
            "target_versions",
            _as_target_rows(frames["target_versions"]),
            kind="reference",
            user=REFERENCE_USER,
            moment=moment,
            description="Bundled reference data (published baselines and targets)",
        )
        for table in ("allocation_versions", "spending_versions"):
            if table in demo_frames:
                report.inserted[table] = _record(
                    connection,
                    table,
                    _as_money_rows(demo_frames[table]),
                    kind="demo",
                    user=DEMO_USER,
                    moment=moment,
                    description="Illustrative demo figures (not published, not official)",
                )
        if report.rows_added:
            details: dict[str, Any] = {k: v for k, v in report.inserted.items() if v}
            if keep_files:
                for name, data in files.items():
                    uploads_archive.keep_reference_file(connection, digests[name], data)
                    if store.archive:  # the file is on disk before the load can commit
                        uploads_archive.keep_object(store.path, data, digests[name])
                details["files"] = digests
            record(
                connection,
                actor=REFERENCE_USER,
                action=AuditAction.REFERENCE_LOADED,
                subject="reference" + ("+demo" if demo else ""),
                details=details,
                origin=origin,
                at=moment,
            )
    return report


_REVISION_DESCRIPTION: Final = "Bundled reference data: revised definitions"


def _revise_definitions(
    connection: Any,
    combined: dict[str, pd.DataFrame],
    report: LoadReport,
    moment: dt.datetime,
    listed: set[str],
) -> None:
    """The stored definitions the files now say otherwise: a new version of each (in one
    change set of kind ``reference``), except a column no version changes or a definition
    revised in planwatch since, which stay reported as differing. ``listed``: the indicators
    that had synonyms before this load; when there were any, an indicator the files give its
    first synonyms has them from this load on (a version), not from the beginning."""
    revision: list[int] = []

    def change_set() -> int:
        if not revision:
            revision.append(
                repository.insert_change_set(
                    connection,
                    kind="reference",
                    recorded_at=moment,
                    recorded_by=REFERENCE_USER,
                    description=_REVISION_DESCRIPTION,
                )
            )
        return revision[0]

    for table, rows in list(report.differing.items()):
        key_columns = repository.DEFINITION_TABLES[table][0]
        keys = {"/".join(str(r[k]) for k in key_columns): r for r in rows}
        incoming = definition_history.incoming_texts(
            connection, table, _definition_frame(table, combined[table]), keys
        )
        revised, kept = definition_history.revise_from_files(
            connection, table, incoming, change_set
        )
        if revised:
            report.revised[table] = revised
        still = [keys[k] for k in kept if k in keys]
        if still:
            report.differing[table] = still
        else:
            del report.differing[table]
    first_lists = sorted(definition_history.synonym_codes(connection) - listed) if listed else []
    if first_lists:
        definition_history.record_stored(
            connection,
            change_set(),
            [f"{definition_history.DEFINITION_UNIT}indicator_synonyms:{c}" for c in first_lists],
        )
        report.revised.setdefault("indicator_synonyms", []).extend(first_lists)
    if revision:
        report.inserted["definition_versions"] = definition_history.count_in(
            connection, revision[0]
        )


def _record(
    connection: Any,
    table: str,
    rows: pd.DataFrame,
    *,
    kind: repository.ChangeKind,
    user: str,
    moment: dt.datetime,
    description: str,
) -> int:
    change_set = repository.insert_change_set(
        connection, kind=kind, recorded_at=moment, recorded_by=user, description=description
    )
    inserted = repository.insert_new_versions(
        connection, table, rows, change_set_id=change_set, compare_with_kinds=[kind]
    )
    repository.delete_empty_change_set(connection, change_set)
    return inserted

"""Exports for auditors: the tables as stored at a moment, written in a chosen format, with
each delivered file's SHA-256 in the audit log (issue 6).

Only users with the ``export`` permission may export. What is exported is what was stored at
``as_of`` (a stored moment, UTC; default now): a correction or approval after it does not
appear. The stored timestamp columns stay UTC; the moment the tables describe is also named in
Danish time in the pack's README and manifest and on the workbook's first sheet, as every page
and note names it.

Three ways out, one set of builders: :func:`export` writes files into a folder (the CLI),
:func:`download` returns one file for the app's download button (several tables in CSV or
Parquet come as one ZIP), and :func:`pack` / :func:`pack_download` make the audit pack. Each
takes an optional ``progress`` callback, called with the share done (0-1), the stage
(``read`` or ``write``) and the table, so that the app can show how far a large export is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import shutil
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Final

from planwatch.access.audit import AuditAction, record
from planwatch.domain.clock import to_local, to_utc_naive, utc_now
from planwatch.domain.permissions import Actor, Permission, require
from planwatch.domain.vocab import BREAKDOWN_DIMENSIONS
from planwatch.errors import UsageError
from planwatch.exports import formats, jobs, naming, streams
from planwatch.exports.readme import danish_moment, readme
from planwatch.formatting import format_moment
from planwatch.storage import Store, export_tables
from planwatch.storage.rows import FAR_FUTURE

if TYPE_CHECKING:
    import pandas as pd

    from planwatch.storage.export_stream import Connection

TABLES: Final = tuple(export_tables.QUERIES)
Progress = jobs.Progress  # (share done 0-1, "read" | "write", table)
SUFFIX: Final = {
    formats.ExportFormat.CSV: ".csv",
    formats.ExportFormat.CSV_DA: ".da.csv",
    formats.ExportFormat.XLSX: ".xlsx",
    formats.ExportFormat.PARQUET: ".parquet",
}
MIME: Final = {
    ".csv": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".parquet": "application/vnd.apache.parquet",
    ".zip": "application/zip",
}


@dataclass(frozen=True, slots=True)
class ExportedFile:
    path: Path
    sha256: str
    rows: int | None  # None for a workbook of several tables


@dataclass(frozen=True, slots=True)
class Delivery:
    """One file handed to the user (a download): its name, bytes, type and SHA-256, and the
    rows of each table in it."""

    file_name: str
    data: bytes
    mime: str
    sha256: str
    rows: dict[str, int]
    illustrative: dict[str, int]  # per table, rows of invented demo figures (source_kind)
    before_any_figure: bool = False  # the moment comes before the first figure was stored


@dataclass(slots=True)
class ExportReceipt:
    exported_by: str
    as_of: dt.datetime | None
    plan_id: str | None
    file_format: str
    files: list[ExportedFile] = field(default_factory=list)


def _names(names: Sequence[str] | None) -> list[str]:
    chosen = list(names) if names else list(TABLES)
    unknown = [n for n in chosen if n not in TABLES]
    if unknown:
        raise UsageError(
            f"Ukendte tabeller: {', '.join(unknown)}. Tabeller: {', '.join(TABLES)}.",
            f"Unknown tables: {', '.join(unknown)}. Tables: {', '.join(TABLES)}.",
        )
    return chosen


def tables(
    store: Store,
    actor: Actor | None,
    *,
    names: Sequence[str] | None = None,
    as_of: dt.datetime | None = None,
    plan_id: str | None = None,
    progress: Progress | None = None,
    share: float = 1.0,
) -> dict[str, pd.DataFrame]:
    """The chosen tables as stored at ``as_of``, read in one connection. ``progress`` is told
    after each table, up to ``share`` of the whole job."""
    require(actor, Permission.EXPORT)
    moment = to_utc_naive(as_of) if as_of else FAR_FUTURE
    chosen = _names(names)
    frames: dict[str, pd.DataFrame] = {}
    with store.connect(read_only=True) as connection:
        if plan_id is not None and plan_id not in export_tables.plan_ids(connection):
            known = ", ".join(export_tables.plan_ids(connection))
            raise UsageError(
                f"Planen {plan_id!r} findes ikke. Planer: {known}.",
                f"There is no plan {plan_id!r}. Plans: {known}.",
            )
        for index, name in enumerate(chosen, start=1):
            frames[name] = with_breakdown_labels(
                export_tables.table(connection, name, as_of=moment, plan_id=plan_id)
            )
            if progress is not None:
                progress(share * index / len(chosen), "read", name)
    return frames


def with_breakdown_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """Beside the breakdown codes (sex, age_group, exploitation), their labels in Danish and
    English in two columns, ``breakdown_da`` and ``breakdown_en``: "Kvinder, Under 18 år", or
    "I alt" / "Total" for a figure not broken down; empty where there is no breakdown (money).
    Labelled once per distinct combination, so a million rows take a moment, not minutes."""
    import pandas as pd
    import pyarrow as pa

    dimensions = list(BREAKDOWN_DIMENSIONS)
    if not set(dimensions) <= set(frame.columns):
        return frame
    codes = frame[dimensions].astype(object)
    key = codes["sex"].astype(str) + "|" + codes["age_group"].astype(str)
    key = key + "|" + codes["exploitation"].astype(str)
    combinations = codes.assign(key=key).drop_duplicates("key")
    result = frame.copy()
    position = list(frame.columns).index("exploitation") + 1
    for offset, language in enumerate(("da", "en")):
        labels = {
            row["key"]: _breakdown_label([row[d] for d in dimensions], language)
            for row in combinations.to_dict("records")
        }
        result.insert(
            position + offset,
            f"breakdown_{language}",
            pd.Series(key.map(labels), index=frame.index, dtype=pd.ArrowDtype(pa.string())),
        )
    return result


def _breakdown_label(codes: list[object], language: str) -> str | None:
    texts = [code for code in codes if isinstance(code, str)]
    if len(texts) != len(codes):
        return None  # money: no breakdown at all
    labels = [
        getattr(vocabulary[code], f"label_{language}")
        for code, vocabulary in zip(texts, BREAKDOWN_DIMENSIONS.values(), strict=True)
        if code in vocabulary
    ]
    return ", ".join(labels) or ("I alt" if language == "da" else "Total")


def export(
    store: Store,
    actor: Actor | None,
    out: Path,
    *,
    file_format: formats.ExportFormat | str = formats.ExportFormat.CSV,
    names: Sequence[str] | None = None,
    as_of: dt.datetime | None = None,
    plan_id: str | None = None,
    progress: Progress | None = None,
    language: str | None = None,
) -> ExportReceipt:
    """Write the tables into ``out`` (one file per table; one workbook for XLSX) and record
    the export — who, what, as of when, and each file's SHA-256 — in the audit log.

    Each file is written as it is read (never the whole table in memory), under a temporary
    name beside it; only when every file is complete do they take their names, so a failed
    export leaves no file behind."""
    who = require(actor, Permission.EXPORT)
    the_format = formats.ExportFormat(file_format)
    chosen = _names(names)
    moment = to_utc_naive(as_of) if as_of else None
    out.mkdir(parents=True, exist_ok=True)
    receipt = ExportReceipt(who.name, as_of, plan_id, the_format.value)
    with store.connect(read_only=True) as connection, jobs.staged() as staged:
        _check_plan(connection, plan_id)
        job = jobs.Job(connection, chosen, moment, plan_id, progress, language=language)
        if the_format is formats.ExportFormat.XLSX:
            path = out / "planwatch.xlsx"
            with staged.file(path) as sink:
                job.workbook(sink.sink, _about_for(moment, plan_id, who, language))  # seekable
            receipt.files.append(ExportedFile(path, staged.sha256(path), None))
        else:
            for name in chosen:
                path = out / f"{name}{SUFFIX[the_format]}"
                with staged.file(path) as sink:
                    written = job.table(name, the_format, sink)
                receipt.files.append(ExportedFile(path, sink.hexdigest(), written.rows))
    _record_export(
        store, who, f"tables:{','.join(chosen)}", the_format.value, moment, plan_id, receipt
    )
    return receipt


def download(
    store: Store,
    actor: Actor | None,
    *,
    file_format: formats.ExportFormat | str = formats.ExportFormat.CSV,
    names: Sequence[str] | None = None,
    as_of: dt.datetime | None = None,
    plan_id: str | None = None,
    progress: Progress | None = None,
    language: str | None = None,
) -> Delivery:
    """The tables as one file to download: the file itself for one table or a workbook, else a
    ZIP of one file per table with ``manifest.json``. Recorded in the audit log with the
    SHA-256 of the file delivered and of each file inside it. The tables are written as they
    are read; only the finished file is held (the download button hands over bytes)."""
    who = require(actor, Permission.EXPORT)
    the_format = formats.ExportFormat(file_format)
    chosen = _names(names)
    moment = to_utc_naive(as_of) if as_of else None
    named = language or "da"  # file names are for people: Danish unless asked otherwise
    buffer = io.BytesIO()
    inner: dict[str, tuple[str, int]] = {}
    with store.connect(read_only=True) as connection:
        _check_plan(connection, plan_id)
        empty = _before_any_figure(connection, moment)
        job = jobs.Job(connection, chosen, moment, plan_id, progress, language=language)
        if the_format is formats.ExportFormat.XLSX:
            job.workbook(buffer, _about_for(moment, plan_id, who, language))
            file_name = naming.download_name("workbook", moment, named, suffix=".xlsx")
        elif len(chosen) == 1:
            sink = streams.HashingWriter(buffer)
            job.table(chosen[0], the_format, sink)
            inner[f"{chosen[0]}{SUFFIX[the_format]}"] = (sink.hexdigest(), sink.size)
            file_name = naming.download_name(chosen[0], moment, named, suffix=SUFFIX[the_format])
        else:
            with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for name in chosen:
                    member = f"{name}{SUFFIX[the_format]}"
                    inner[member] = job.member(archive, member, name, the_format)
                archive.writestr("manifest.json", _manifest(inner, moment, plan_id, who.name))
            file_name = naming.download_name(the_format.value, moment, named, suffix=".zip")
    delivery = _delivery(file_name, buffer.getvalue(), job.rows, job.illustrative, empty)
    receipt = ExportReceipt(who.name, as_of, plan_id, the_format.value)
    receipt.files.append(ExportedFile(Path(file_name), delivery.sha256, None))
    _record_export(
        store,
        who,
        f"download:{file_name}",
        the_format.value,
        moment,
        plan_id,
        receipt,
        tables=chosen,
        contents={name: sha for name, (sha, _size) in inner.items()} if len(inner) > 1 else None,
    )
    return delivery


def first_figure_at(store: Store) -> dt.datetime | None:
    """When the first figure, allocation or spending amount was stored (UTC), if ever."""
    with store.connect(read_only=True) as connection:
        return export_tables.first_recorded(connection)


def _before_any_figure(connection: Connection, moment: dt.datetime | None) -> bool:
    """Whether no figure had been stored by ``moment`` (None: now)."""
    first = export_tables.first_recorded(connection)
    return first is None or (moment is not None and moment < first)


def _check_plan(connection: Connection, plan_id: str | None) -> None:
    if plan_id is not None and plan_id not in export_tables.plan_ids(connection):
        known = ", ".join(export_tables.plan_ids(connection))
        raise UsageError(
            f"Planen {plan_id!r} findes ikke. Planer: {known}.",
            f"There is no plan {plan_id!r}. Plans: {known}.",
        )


def pack(
    store: Store,
    actor: Actor | None,
    target: Path,
    *,
    as_of: dt.datetime | None = None,
    plan_id: str | None = None,
    progress: Progress | None = None,
    language: str | None = None,
) -> ExportReceipt:
    """One ZIP: every table in CSV, Danish CSV, Parquet and one workbook, the original uploaded
    files, a README (what each table holds and the queries behind the dashboard's figures) and
    ``manifest.json`` with each file's SHA-256. Recorded in the audit log with the ZIP's hash."""
    who = require(actor, Permission.EXPORT)
    moment = to_utc_naive(as_of) if as_of else None
    target.parent.mkdir(parents=True, exist_ok=True)
    with jobs.staged() as staged:
        with staged.file(target) as sink:
            uploads, _illustrative = _pack_to(
                sink.sink, store, who, moment, plan_id, progress, language
            )
        digest = staged.sha256(target)
    receipt = ExportReceipt(who.name, as_of, plan_id, "pack")
    receipt.files.append(ExportedFile(target, digest, None))
    _record_export(
        store, who, f"pack:{target.name}", "pack", moment, plan_id, receipt, uploads=uploads
    )
    return receipt


def pack_download(
    store: Store,
    actor: Actor | None,
    *,
    as_of: dt.datetime | None = None,
    plan_id: str | None = None,
    progress: Progress | None = None,
    language: str | None = None,
) -> Delivery:
    """The audit pack (see :func:`pack`) as one file to download, recorded in the audit log."""
    who = require(actor, Permission.EXPORT)
    moment = to_utc_naive(as_of) if as_of else None
    buffer = io.BytesIO()
    uploads, illustrative = _pack_to(buffer, store, who, moment, plan_id, progress, language)
    data = buffer.getvalue()
    file_name = naming.download_name(
        "pack", moment, language or "da", suffix=".zip", plan_id=plan_id
    )
    with store.connect(read_only=True) as connection:
        empty = _before_any_figure(connection, moment)
    delivery = _delivery(file_name, data, {}, illustrative, empty)
    receipt = ExportReceipt(who.name, as_of, plan_id, "pack")
    receipt.files.append(ExportedFile(Path(file_name), delivery.sha256, None))
    _record_export(
        store, who, f"pack:{file_name}", "pack", moment, plan_id, receipt, uploads=uploads
    )
    return delivery


def _pack_to(
    sink: IO[bytes],
    store: Store,
    who: Actor,
    moment: dt.datetime | None,
    plan_id: str | None,
    progress: Progress | None,
    language: str | None = None,
) -> tuple[int, dict[str, int]]:
    """The pack's ZIP written into ``sink``, each table read and written batch by batch; the
    number of original uploads in it and its illustrative rows."""
    inner: dict[str, tuple[str, int]] = {}
    table_formats = (
        formats.ExportFormat.CSV,
        formats.ExportFormat.CSV_DA,
        formats.ExportFormat.PARQUET,
    )
    with (
        store.connect(read_only=True) as connection,
        zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        _check_plan(connection, plan_id)
        job = jobs.Job(
            connection, TABLES, moment, plan_id, progress, passes=len(table_formats) + 1,
            language=language,
        )  # fmt: skip
        for name in TABLES:
            for the_format in table_formats:
                member = f"tables/{name}{SUFFIX[the_format]}"
                inner[member] = job.member(archive, member, name, the_format)
        with tempfile.TemporaryFile() as workbook:
            job.workbook(workbook, _about_for(moment, plan_id, who, language))
            workbook.seek(0)
            with archive.open("planwatch.xlsx", "w", force_zip64=True) as handle:
                copied = streams.HashingWriter(handle)
                shutil.copyfileobj(workbook, copied, 1 << 20)
            inner["planwatch.xlsx"] = (copied.hexdigest(), copied.size)
        originals = export_tables.upload_files(connection, as_of=moment or FAR_FUTURE)
        workbooks = export_tables.plan_workbook_files(
            connection, as_of=moment or FAR_FUTURE, plan_id=plan_id
        )
        for folder, files in (("uploads", originals), ("plans", workbooks)):
            for number, file_name, sha256, content in files:
                safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in file_name)
                member = f"{folder}/{number}-{sha256[:12]}-{safe}"
                archive.writestr(member, content)
                inner[member] = (hashlib.sha256(content).hexdigest(), len(content))
        text = readme(job.rows, job.illustrative, moment, plan_id, who.name, language)
        written = text.encode("utf-8")
        archive.writestr("README.md", written)
        inner["README.md"] = (hashlib.sha256(written).hexdigest(), len(written))
        archive.writestr("manifest.json", _manifest(inner, moment, plan_id, who.name))
    return len(originals), dict(job.illustrative)


def _manifest(
    files: Mapping[str, tuple[str, int]],
    moment: dt.datetime | None,
    plan_id: str | None,
    who: str,
) -> bytes:
    """Each file's SHA-256 and size (given as (SHA-256, bytes)), the moment, plan and who."""
    manifest = {
        "as_of": moment.isoformat() if moment else None,
        "as_of_danish_time": to_local(moment).isoformat() if moment else None,
        "plan_id": plan_id,
        "exported_by": who,
        "files": {
            name: {"sha256": sha256, "bytes": size}
            for name, (sha256, size) in sorted(files.items())
        },
    }
    return json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8")


def _delivery(
    file_name: str,
    data: bytes,
    rows: dict[str, int],
    illustrative: dict[str, int],
    before_any_figure: bool = False,
) -> Delivery:
    suffix = "." + file_name.rsplit(".", 1)[-1]
    sha256 = hashlib.sha256(data).hexdigest()
    return Delivery(file_name, data, MIME[suffix], sha256, rows, illustrative, before_any_figure)


def illustrative_rows(frames: Mapping[str, pd.DataFrame]) -> dict[str, int]:
    """Per table, the rows whose source is illustrative (invented demo figures): ``source_kind``
    is ``illustrative``, or (``year_values``) ``illustrative`` is true."""
    counts = {
        name: int((frame["source_kind"] == "illustrative").sum())
        if "source_kind" in frame.columns
        else int(frame["illustrative"].fillna(False).astype(bool).sum())
        for name, frame in frames.items()
        if "source_kind" in frame.columns or "illustrative" in frame.columns
    }
    return {name: count for name, count in counts.items() if count}


def _about(
    names: Sequence[str],
    illustrative: Mapping[str, int],
    marks: Mapping[str, str],
    moment: dt.datetime | None,
    plan_id: str | None,
    who: Actor,
    language: str | None = None,
) -> list[tuple[str, object]]:
    """The workbook's first sheet: what it holds, for which plan, as of when, by whom, and
    which rows are illustrative (invented demo figures, not official); ``marks`` names the
    column that marks a table's illustrative rows. In ``language`` (tables by name), or in both
    languages naming tables by code (None)."""
    if language is not None:
        return _about_in(language, names, illustrative, marks, moment, plan_id, who)
    lines: list[tuple[str, object]] = [
        ("Indhold / Contents", ", ".join(names)),
        ("Plan", plan_id or "alle / all"),
        ("Pr. / As of (dansk tid / Danish time)", danish_moment(moment) if moment else "nu / now"),
        ("Pr. / As of (UTC)", moment or "nu / now"),
        ("Eksporteret af / Exported by", who.name),
        ("Eksporteret / Exported (UTC)", utc_now()),
        (
            "Definitioner / Definitions",
            "planer, indsatser, indikatorer og kilder som på tidspunktet / plans, initiatives, "
            "indicators and sources as of the moment",
        ),
    ]
    for name in names:
        count = illustrative.get(name, 0)
        if not count:
            continue
        mark = "source_kind = illustrative" if marks[name] == "source_kind" else "illustrative"
        lines.append(
            (
                f"ILLUSTRATIVT / ILLUSTRATIVE: {name}",
                f"{count} rækker med {mark} er opdigtede demotal, ikke "
                f"officielle tal / {count} rows with {mark} are invented "
                "demo figures, not official",
            )
        )
    return lines


_ABOUT_LABELS: Final = {
    "da": (
        "Indhold", "Plan", "Alle planer", "Pr. (dansk tid)", "nu", "Pr. (UTC)",
        "Eksporteret af", "Eksporteret (UTC)", "Definitioner",
        "planer, indsatser, indikatorer og kilder som på tidspunktet", "Koder",
        "tabellernes og kolonnernes koder står på det sidste ark",
    ),
    "en": (
        "Contents", "Plan", "All plans", "As of (Danish time)", "now", "As of (UTC)",
        "Exported by", "Exported (UTC)", "Definitions",
        "plans, initiatives, indicators and sources as of the moment",
        "Codes",
        "the tables' and columns' codes are on the last sheet",
    ),
}  # fmt: skip


def _about_in(
    language: str,
    tables: Sequence[str],
    illustrative: Mapping[str, int],
    marks: Mapping[str, str],
    moment: dt.datetime | None,
    plan_id: str | None,
    who: Actor,
) -> list[tuple[str, object]]:
    """The first sheet in one language, tables by their names (:func:`_about`)."""
    (
        contents, plan, all_plans, local, now, utc, by, exported, definitions, unversioned,
        codes, codes_note,
    ) = _ABOUT_LABELS["da" if language == "da" else "en"]  # fmt: skip
    when = format_moment(to_local(moment), language) if moment else now
    lines: list[tuple[str, object]] = [
        (contents, ", ".join(naming.table_name(t, language) for t in tables)),
        (plan, plan_id or all_plans),
        (local, when),
        (utc, moment or now),
        (by, who.name),
        (exported, utc_now()),
        (definitions, unversioned),
        (codes, codes_note),
    ]
    for name in tables:
        count = illustrative.get(name, 0)
        if not count:
            continue
        mark = "source_kind = illustrative" if marks[name] == "source_kind" else "illustrative"
        title = naming.table_name(name, language)
        lines.append(
            (
                f"ILLUSTRATIVT: {title}" if language == "da" else f"ILLUSTRATIVE: {title}",
                f"{count} rækker med {mark} er opdigtede demotal, ikke officielle tal"
                if language == "da"
                else f"{count} rows with {mark} are invented demo figures, not official",
            )
        )
    return lines


def _about_for(
    moment: dt.datetime | None, plan_id: str | None, who: Actor, language: str | None = None
) -> jobs.About:
    def about(
        names: Sequence[str], illustrative: Mapping[str, int], marks: Mapping[str, str]
    ) -> list[tuple[str, object]]:
        return _about(names, illustrative, marks, moment, plan_id, who, language)

    return about


def _record_export(
    store: Store,
    who: Actor,
    subject: str,
    file_format: str,
    moment: dt.datetime | None,
    plan_id: str | None,
    receipt: ExportReceipt,
    **extra: object,
) -> None:
    """The audit entry of an export: format, moment, plan and each delivered file's SHA-256."""
    details: dict[str, object] = {
        "format": file_format,
        "as_of": moment.isoformat() if moment else None,
        "plan_id": plan_id,
        "files": {f.path.name: f.sha256 for f in receipt.files},
        **extra,
    }
    store.run_in_transaction(
        lambda connection: record(
            connection,
            actor=who.name,
            action=AuditAction.EXPORT,
            subject=subject,
            details=details,
            origin=who.origin,
        )
    )

"""Does the database still hold what the audit log sealed? The content half of ``audit verify``.

Every entry that wrote rows sealed them (:mod:`planwatch.storage.content_seal`): the hash of
each change set, review, user and definition it wrote is in the entry, and the entry's hash
covers it. :func:`check_content` recomputes those hashes from the rows the database holds now
and names what differs: each figure whose stored value is not the sealed one, each row no entry
sealed, each sealed row or change set that is gone.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

from planwatch.storage import content_seal

MAX_FINDINGS: Final = 200
"""More than this many findings are counted, not listed."""

_ONCE: Final = (content_seal.CHANGE_SET, content_seal.REVIEW, content_seal.DEFINITION)
"""Units planwatch seals once and never changes: a second, different seal is itself a finding."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing in the database that is not as the audit log sealed it."""

    problem: str  # kebab-case: value-differs, row-not-sealed, row-missing, ...
    unit: str
    sealed_in: int | None  # the entry that sealed it
    table: str | None
    key: str | None
    stored: str | None
    sealed: str | None
    message_da: str
    message_en: str

    def message(self, language: str = "da") -> str:
        return self.message_en if language == "en" else self.message_da

    def as_dict(self) -> dict[str, Any]:
        return {
            "problem": self.problem,
            "unit": self.unit,
            "sealed_in": self.sealed_in,
            "table": self.table,
            "key": self.key,
            "stored": self.stored,
            "sealed": self.sealed,
            "message_da": self.message_da,
            "message_en": self.message_en,
        }


@dataclass(frozen=True, slots=True)
class ContentCheck:
    findings: tuple[Finding, ...]
    units: int
    more: int = 0
    notes_da: tuple[str, ...] = ()
    notes_en: tuple[str, ...] = ()


_TABLE_NAMES: Final[dict[str, tuple[str, str]]] = {
    "change_sets": ("ændringssæt", "change set"),
    "observation_versions": ("tal", "figure"),
    "allocation_versions": ("bevilling", "allocation"),
    "spending_versions": ("forbrug", "spending"),
    "target_versions": ("mål", "target"),
    "uploads": ("indberetning", "upload"),
    "reviews": ("godkendelse", "review"),
    "users": ("bruger", "user"),
    "user_roles": ("rolle", "role"),
    "sources": ("kilde", "source"),
    "indicators": ("indikator", "indicator"),
    "plans": ("handlingsplan", "plan"),
    "action_areas": ("indsatsområde", "action area"),
    "initiatives": ("initiativ", "initiative"),
}

_VALUE_COLUMNS: Final[dict[str, str]] = {
    "observation_versions": "value",
    "allocation_versions": "amount_dkk",
    "spending_versions": "amount_dkk",
    "target_versions": "value",
}


def _fields(line: str) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(line.split(" ", 1)[1])
    return found


def _period(row: dict[str, Any]) -> str:
    quarter = row.get("quarter")
    return f"{row.get('year')}" + (f"-Q{quarter}" if quarter not in (None, "") else "")


def _label(table: str, key: str, row: dict[str, Any] | None) -> tuple[str, str]:
    """What a row is, in words: a figure by indicator, period, breakdown, source and version."""
    da, en = _TABLE_NAMES.get(table, (table, table))
    if row is None:
        return f"{da} {key}", f"{en} {key}"
    if table == "observation_versions":
        what = (
            f"{row['indicator_code']} {_period(row)} "
            f"({row['sex']}/{row['age_group']}/{row['exploitation']}, {row['source_id']})"
        )
        return f"tal {what} version {key}", f"figure {what} version {key}"
    if table in ("allocation_versions", "spending_versions"):
        what = f"{row['initiative_code']} {_period(row)} ({row['source_id']})"
        return f"{da} {what} version {key}", f"{en} {what} version {key}"
    if table == "target_versions":
        year = row.get("year") or "plan"
        what = f"{row['kind']} {row['indicator_code']} {row['plan_id']} {year}"
        return f"mål {what} version {key}", f"target {what} version {key}"
    if table == "uploads":
        return (
            f"indberetning {key} ({row.get('file_name')})",
            f"upload {key} ({row.get('file_name')})",
        )
    if table == "user_roles":
        return (f"rollen {key} for {row.get('name')}", f"role {key} of {row.get('name')}")
    return f"{da} {key}", f"{en} {key}"


def _differences(stored: dict[str, Any], sealed: dict[str, Any], table: str) -> tuple[str, str]:
    value = _VALUE_COLUMNS.get(table)
    if value and stored.get(value) != sealed.get(value):
        return _shown(stored.get(value)), _shown(sealed.get(value))
    changed = sorted(c for c in set(stored) | set(sealed) if stored.get(c) != sealed.get(c))
    return (
        ", ".join(f"{c}={_shown(stored.get(c))}" for c in changed),
        ", ".join(f"{c}={_shown(sealed.get(c))}" for c in changed),
    )


def _shown(value: Any) -> str:
    return "NULL" if value is None else str(value)


def _lines_hash(lines: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(sorted(lines)).encode("utf-8")).hexdigest()


class _Collector:
    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.more = 0

    def add(self, finding: Finding) -> None:
        if len(self.findings) < MAX_FINDINGS:
            self.findings.append(finding)
        else:
            self.more += 1


def sealed_in_chain(
    entries: list[dict[str, Any]], out: _Collector | None = None
) -> dict[str, tuple[int, dict[str, Any]]]:
    """The latest seal of every unit, read from the chain: unit -> (entry number, digest)."""
    latest: dict[str, tuple[int, dict[str, Any]]] = {}
    for entry in entries:
        if not entry.get("content"):
            continue
        sealed: dict[str, Any] = json.loads(entry["content"]).get("sealed", {})
        seq = int(entry["seq"])
        for name, digest in sealed.items():
            earlier = latest.get(name)
            if (
                out is not None
                and earlier is not None
                and name.split(":", 1)[0] in _ONCE
                and earlier[1].get("sha256") != digest.get("sha256")
            ):
                out.add(
                    Finding(
                        "resealed",
                        name,
                        seq,
                        None,
                        None,
                        None,
                        None,
                        f"{name} blev forseglet i post {earlier[0]} og igen, med andet indhold, i "
                        f"post {seq}: planwatch ændrer aldrig forseglet indhold.",
                        f"{name} was sealed in entry {earlier[0]} and again, with other content, "
                        f"in entry {seq}: planwatch never changes sealed content.",
                    )
                )
            latest[name] = (seq, digest)
    return latest


def check_content(connection: Any, entries: list[dict[str, Any]]) -> ContentCheck:
    """Compare every unit the database holds with its latest seal in the chain."""
    out = _Collector()
    latest = sealed_in_chain(entries, out)
    live = content_seal.digests(connection)
    notes_da: list[str] = []
    notes_en: list[str] = []
    users_gone = [
        name for name in latest if name.startswith(f"{content_seal.USER}:") and name not in live
    ]
    if users_gone and not content_seal.users_present(connection):
        # A database rebuilt from the archive by a planwatch older than issue 19 has no
        # accounts (it made none); a rebuild now makes them again.
        notes_da.append(
            f"Databasen har ingen brugere, men loggen har forseglet {len(users_gone)}: som "
            "efter en genopbygning fra arkivet med en ældre planwatch. Genopbyg igen med denne "
            "version (den genskaber brugerne), eller opret dem igen."
        )
        notes_en.append(
            f"The database has no users, but the log sealed {len(users_gone)}: as after a "
            "rebuild from the archive by an older planwatch. Rebuild again with this version "
            "(it makes the users again), or add them again."
        )
        latest = {k: v for k, v in latest.items() if k not in users_gone}
    differing = sorted(
        name
        for name in set(live) | set(latest)
        if name not in latest
        or name not in live
        or live[name].sha256 != latest[name][1].get("sha256")
    )
    if differing:
        stored_rows = content_seal.rows(connection, differing)
        kept_rows = content_seal.sealed_rows(connection, differing)
        for name in differing:
            _explain(
                out,
                name,
                latest.get(name),
                stored_rows.get(name, {}),
                kept_rows.get(name, {}),
                name in live,
            )
    return ContentCheck(
        tuple(out.findings),
        len(set(live) | set(latest)),
        out.more,
        tuple(notes_da),
        tuple(notes_en),
    )


def _explain(
    out: _Collector,
    name: str,
    seal: tuple[int, dict[str, Any]] | None,
    stored: dict[tuple[str, str], str],
    kept: dict[tuple[str, str], str],
    present: bool,
) -> None:
    if seal is None:
        for (table, key), line in sorted(stored.items()):
            da, en = _label(table, key, _fields(line))
            out.add(
                Finding(
                    "row-not-sealed",
                    name,
                    None,
                    table,
                    key,
                    line,
                    None,
                    f"{da} ({name}) har ingen forseglet post i revisionsloggen: den er skrevet "
                    "uden om planwatch.",
                    f"{en} ({name}) has no sealed entry in the audit log: it was written "
                    "outside planwatch.",
                )
            )
        return
    seq, digest = seal
    counts = ", ".join(f"{t}: {n}" for t, n in sorted(digest.get("rows", {}).items()))
    if not present:
        out.add(
            Finding(
                "unit-missing",
                name,
                seq,
                None,
                None,
                None,
                counts,
                f"{name}, forseglet i post {seq} ({counts}), mangler helt i databasen: dens "
                "rækker er slettet.",
                f"{name}, sealed in entry {seq} ({counts}), is missing from the database: its "
                "rows were deleted.",
            )
        )
        return
    if not kept or _lines_hash(kept.values()) != digest.get("sha256"):
        stored_counts: dict[str, int] = {}
        for table, _ in stored:
            stored_counts[table] = stored_counts.get(table, 0) + 1
        now = ", ".join(f"{t}: {n}" for t, n in sorted(stored_counts.items()))
        copy_da = "" if not kept else " Kopien af de forseglede rækker er også ændret."
        copy_en = "" if not kept else " The copy of the sealed rows was altered too."
        out.add(
            Finding(
                "unit-differs",
                name,
                seq,
                None,
                None,
                now,
                counts,
                f"{name} er ikke, som post {seq} forseglede den (nu {now}; forseglet "
                f"{counts}).{copy_da}",
                f"{name} is not as entry {seq} sealed it (now {now}; sealed {counts}).{copy_en}",
            )
        )
        return
    for table, key in sorted(set(stored) | set(kept)):
        now_line, sealed_line = stored.get((table, key)), kept.get((table, key))
        if now_line == sealed_line:
            continue
        if sealed_line is None:
            da, en = _label(table, key, _fields(str(now_line)))
            out.add(
                Finding(
                    "row-not-sealed",
                    name,
                    seq,
                    table,
                    key,
                    now_line,
                    None,
                    f"{da} er lagt til {name} uden om planwatch: post {seq} forseglede den ikke.",
                    f"{en} was added to {name} outside planwatch: entry {seq} did not seal it.",
                )
            )
        elif now_line is None:
            da, en = _label(table, key, _fields(sealed_line))
            out.add(
                Finding(
                    "row-missing",
                    name,
                    seq,
                    table,
                    key,
                    None,
                    sealed_line,
                    f"{da} i {name}, forseglet i post {seq}, er slettet.",
                    f"{en} in {name}, sealed in entry {seq}, was deleted.",
                )
            )
        else:
            now_fields, sealed_fields = _fields(now_line), _fields(sealed_line)
            da, en = _label(table, key, now_fields)
            now_text, sealed_text = _differences(now_fields, sealed_fields, table)
            out.add(
                Finding(
                    "value-differs",
                    name,
                    seq,
                    table,
                    key,
                    now_text,
                    sealed_text,
                    f"{da}: gemt {now_text}, forseglet {sealed_text} (post {seq}).",
                    f"{en}: stored {now_text}, sealed {sealed_text} (entry {seq}).",
                )
            )

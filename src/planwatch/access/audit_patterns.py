"""Do the kept small-count patterns hold? The part of ``audit verify`` that solves them again.

The patterns kept in ``disclosure_patterns`` (:mod:`planwatch.domain.pattern_codec`) are derived
data: the audit log does not seal them, and readers check only that each suppresses every small
count. An insider who edits one could still loosen its complementary suppression (show a cell
the solver hid, so that a small count can be worked out from the totals). So ``verify`` solves
each entry again from the inputs kept beside it and compares: a digest that is not the SHA-256 of
its inputs, inputs or patterns that cannot be read, or patterns that are not what the solver
gives are findings. Entries solved by another version of planwatch's rules are never read by this
one; they are counted, not solved.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from planwatch.access.audit_content import ContentCheck, Finding
from planwatch.domain import disclosure_tables, pattern_codec
from planwatch.storage import pattern_store
from planwatch.storage.repository import Connection

UNIT = "disclosure-pattern"


@dataclass(frozen=True, slots=True)
class PatternCheck:
    kept: int
    solved: int
    other_version: int
    findings: tuple[Finding, ...]


def check_patterns(connection: Connection) -> PatternCheck:
    """Solve every kept pattern of this version of the rules again and compare."""
    findings: list[Finding] = []
    solved = other = 0
    entries = pattern_store.every_entry(connection)
    for digest, text, stored in entries:
        found = pattern_codec.read_inputs(text)
        if found is None or pattern_codec.digest(text) != digest:
            findings.append(_finding("pattern-inputs-differ", digest, text[:200], None))
            continue
        if found.code != pattern_codec.code_version():
            other += 1
            continue
        solved += 1
        again = pattern_codec.encode(
            tuple(disclosure_tables.patterns(found.moments, found.aggregation, found.threshold))
        )
        if again != stored:
            findings.append(_finding("pattern-differs", digest, stored[:200], again[:200]))
    return PatternCheck(len(entries), solved, other, tuple(findings))


def with_patterns(content: ContentCheck, patterns: PatternCheck) -> ContentCheck:
    """The content check with the kept patterns' findings and a note of what was solved."""
    if not patterns.kept:
        return content
    other = patterns.other_version
    equal = patterns.solved - sum(f.problem == "pattern-differs" for f in patterns.findings)
    note_da = f"{equal} gemte mønstre for små antal er løst igen og stemmer" + (
        f" ({other} fra en anden udgave af reglerne, ikke brugt)." if other else "."
    )
    note_en = f"{equal} kept small-count patterns solved again and equal" + (
        f" ({other} from another version of the rules, not used)." if other else "."
    )
    return replace(
        content,
        findings=content.findings + patterns.findings,
        notes_da=(*content.notes_da, note_da),
        notes_en=(*content.notes_en, note_en),
    )


def _finding(problem: str, digest: str, stored: str | None, solved: str | None) -> Finding:
    short = digest[:16]
    if problem == "pattern-differs":
        da = (
            f"Det gemte mønster for små antal {short} er ikke det, reglerne giver: det er ændret "
            "uden om planwatch. Slet rækken; planwatch løser det igen."
        )
        en = (
            f"The kept small-count pattern {short} is not what the rules give: it was changed "
            "outside planwatch. Delete the row; planwatch solves it again."
        )
    else:
        da = (
            f"Det gemte mønster for små antal {short} kan ikke læses, eller dets nøgle passer ikke "
            "til dets grundlag: det er ændret uden om planwatch. Slet rækken."
        )
        en = (
            f"The kept small-count pattern {short} cannot be read, or its key does not match what "
            "it was solved from: it was changed outside planwatch. Delete the row."
        )
    return Finding(
        problem=problem,
        unit=f"{UNIT}:{short}",
        sealed_in=None,
        table="disclosure_patterns",
        key=digest,
        stored=stored,
        sealed=solved,
        message_da=da,
        message_en=en,
    )

"""What a revised plan workbook changes in the stored plan (issue 19): the approver sees each
change before approving, as "what, before, after".

Both plans come as the workbook holds them (``plan``, ``action_areas``, ``initiatives``,
``allocations``, ``targets``; amounts as decimals or their text). Pure: no storage, no language;
the page words the parts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Final, Literal

Part = Literal[
    "plan", "source", "action_area", "initiative", "allocation", "target", "result", "indicator"
]

PLAN_FIELDS: Final = ("name_da", "name_en", "total_dkk", "status", "source_id", "note")
AREA_FIELDS: Final = ("name_da", "name_en")
INITIATIVE_FIELDS: Final = ("name_da", "name_en", "responsible_org")
SOURCE_FIELDS: Final = ("title", "publisher", "url", "published_on")
INDICATOR_FIELDS: Final = (
    "name_da",
    "name_en",
    "definition_da",
    "definition_en",
    "synonyms_da",
    "synonyms_en",
    "unit",
    "aggregation",
)


@dataclass(frozen=True, slots=True)
class Change:
    """One thing a revision changes. ``before`` None: added; ``after`` None: withdrawn."""

    part: Part
    key: str  # the plan's id, an area's or initiative's code, "initiative/year", ...
    field: str  # the column changed ("amount_dkk", "value", ...)
    before: str | None
    after: str | None


NUMERIC: Final = frozenset({"total_dkk", "amount_dkk", "value"})


def _text(value: object, field: str) -> str | None:
    """A cell as comparable text: amounts and values without trailing zeros (100000000.00 and
    100000000 are the same amount), everything else as written."""
    if value is None:
        return None
    if field in NUMERIC:
        try:
            number = Decimal(str(value))
        except (InvalidOperation, ValueError):
            return str(value)
        if number.is_finite():
            return format(number.normalize(), "f")
    return str(value)


def _rows(rows: Sequence[Mapping[str, Any]], key: tuple[str, ...]) -> dict[str, Mapping[str, Any]]:
    return {"/".join("" if r.get(k) is None else str(r[k]) for k in key): r for r in rows}


def _compare(
    part: Part,
    stored: dict[str, Mapping[str, Any]],
    sent: dict[str, Mapping[str, Any]],
    fields: Sequence[str],
) -> list[Change]:
    changes: list[Change] = []
    for key, row in sent.items():
        before = stored.get(key)
        for name in fields:
            old = None if before is None else _text(before.get(name), name)
            new = _text(row.get(name), name)
            if old != new and not (before is None and new is None):
                changes.append(Change(part, key, name, old, new))
    for key, row in stored.items():
        if key not in sent:
            changes.extend(
                Change(part, key, name, _text(row.get(name), name), None)
                for name in fields
                if row.get(name) is not None
            )
    return changes


def changes(stored: Mapping[str, Any], sent: Mapping[str, Any]) -> list[Change]:
    """Every change ``sent`` makes to ``stored``, plan first, then action areas, initiatives,
    allocations, targets and result indicators, each in key order."""
    found = _compare(
        "plan",
        {"plan": stored["plan"]},
        {"plan": sent["plan"]},
        PLAN_FIELDS,
    )
    found += _compare(
        "action_area",
        _rows(stored["action_areas"], ("code",)),
        _rows(sent["action_areas"], ("code",)),
        AREA_FIELDS,
    )
    found += _compare(
        "initiative",
        _rows(stored["initiatives"], ("code",)),
        _rows(sent["initiatives"], ("code",)),
        INITIATIVE_FIELDS,
    )
    found += _compare(
        "allocation",
        _rows(stored["allocations"], ("initiative", "year")),
        _rows(sent["allocations"], ("initiative", "year")),
        ("amount_dkk",),
    )
    found += _compare(
        "target",
        _rows(stored["targets"], ("indicator", "year", "kind")),
        _rows(sent["targets"], ("indicator", "year", "kind")),
        ("value", "direction"),
    )
    found += _compare(  # a workbook or stored plan from before result indicators has none
        "result",
        _rows(stored.get("results", ()), ("initiative", "indicator")),
        _rows(sent.get("results", ()), ("initiative", "indicator")),
        ("indicator",),
    )
    found += _source_changes(stored, sent)
    revised = _rows(sent.get("revised_indicators", ()), ("code",))
    found += _compare(  # only those the workbook revises: the others are not touched
        "indicator",
        {
            k: v
            for k, v in _rows(stored.get("result_indicators", ()), ("code",)).items()
            if k in revised
        },
        revised,
        INDICATOR_FIELDS,
    )
    order = {"plan": 0, "source": 1, "action_area": 2, "initiative": 3, "allocation": 4}
    order |= {"target": 5, "result": 6, "indicator": 7}
    return sorted(found, key=lambda c: (order[c.part], c.key, c.field))


def _source_changes(stored: Mapping[str, Any], sent: Mapping[str, Any]) -> list[Change]:
    """The plan's source revised: the same source written otherwise (a source the plan now
    names instead is a change of the plan's ``source_id``)."""
    source = sent.get("source")
    head = stored["plan"]
    if source is None or source.get("source_id") != head.get("source_id"):
        return []
    before = {name: head.get(f"source_{name}") for name in SOURCE_FIELDS}
    key = str(head.get("source_id"))
    return _compare("source", {key: before}, {key: source}, SOURCE_FIELDS)

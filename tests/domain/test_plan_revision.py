"""What a revised plan workbook changes (issue 19): each change once, with before and after;
an amount written another way is no change; added and withdrawn rows have an empty side."""

from __future__ import annotations

import copy
from typing import Any

from planwatch.domain.plan_revision import Change, changes

STORED: dict[str, Any] = {
    "plan": {
        "plan_id": "p",
        "name_da": "Plan",
        "name_en": "Plan",
        "total_dkk": "100000000.00",
        "status": "adopted",
        "source_id": "s",
        "note": None,
        "source_title": "ignored: not a field a revision compares",
    },
    "action_areas": [{"code": "A", "name_da": "A", "name_en": "A"}],
    "initiatives": [
        {
            "code": "i1",
            "name_da": "En",
            "name_en": "One",
            "responsible_org": "CMM",
            "action_area": "A",
        },
    ],
    "allocations": [
        {"initiative": "i1", "year": 2026, "amount_dkk": "5000000.00", "note": None},
        {"initiative": "i1", "year": 2027, "amount_dkk": "1000000", "note": None},
    ],
    "targets": [
        {
            "indicator": "victims_assessed",
            "year": None,
            "kind": "target",
            "value": "150.000",
            "direction": "at_least",
            "note": None,
        },
    ],
}


def test_the_same_plan_written_another_way_changes_nothing() -> None:
    sent = copy.deepcopy(STORED)
    sent["plan"]["total_dkk"] = "100000000"
    sent["allocations"][0]["amount_dkk"] = "5000000"
    sent["targets"][0]["value"] = "150"
    sent["plan"].pop("source_title")
    assert changes(STORED, sent) == []


def test_each_change_once_with_before_and_after_added_and_withdrawn_empty() -> None:
    sent = copy.deepcopy(STORED)
    sent["plan"]["name_da"] = "Ny plan"
    sent["initiatives"].append(
        {
            "code": "i2",
            "name_da": "To",
            "name_en": "Two",
            "responsible_org": "Reden",
            "action_area": "A",
        }
    )
    sent["allocations"] = [sent["allocations"][0]]  # 2027 left out: withdrawn
    sent["allocations"][0]["amount_dkk"] = "6000000"
    sent["targets"][0]["direction"] = "about"
    assert changes(STORED, sent) == [
        Change("plan", "plan", "name_da", "Plan", "Ny plan"),
        Change("initiative", "i2", "name_da", None, "To"),
        Change("initiative", "i2", "name_en", None, "Two"),
        Change("initiative", "i2", "responsible_org", None, "Reden"),
        Change("allocation", "i1/2026", "amount_dkk", "5000000", "6000000"),
        Change("allocation", "i1/2027", "amount_dkk", "1000000", None),
        Change("target", "victims_assessed//target", "direction", "at_least", "about"),
    ]


def test_a_name_that_looks_like_a_number_is_compared_as_written() -> None:
    stored = copy.deepcopy(STORED)
    stored["initiatives"][0]["name_da"] = "1E5"
    sent = copy.deepcopy(stored)
    sent["initiatives"][0]["name_da"] = "100000"
    assert changes(stored, sent) == [Change("initiative", "i1", "name_da", "1E5", "100000")]


def test_result_indicators_linked_and_withdrawn_and_none_on_an_older_side() -> None:
    stored = {**copy.deepcopy(STORED), "results": [{"initiative": "i1", "indicator": "a"}]}
    sent = copy.deepcopy(STORED)
    sent["results"] = [
        {"initiative": "i1", "indicator": "b", "name_da": "ignored: a new one's text"},
    ]
    assert changes(stored, sent) == [
        Change("result", "i1/a", "indicator", "a", None),
        Change("result", "i1/b", "indicator", None, "b"),
    ]
    assert changes(STORED, copy.deepcopy(STORED)) == []  # neither side has the key


def test_the_plans_own_source_and_result_indicators_revised() -> None:
    """The source the plan names, written otherwise, is a revision of it; another source named
    instead is a change of the plan's source; of the stored result indicators only those the
    workbook revises are compared (an untouched one is no change, not a withdrawal)."""
    stored = copy.deepcopy(STORED)
    stored["plan"] |= {"source_title": "Plan", "source_publisher": "M", "source_url": None}
    stored["plan"]["source_published_on"] = "2026-01-05"
    stored["result_indicators"] = [
        {"code": "a", "name_da": "A", "name_en": "A", "definition_da": "d", "definition_en": "e"},
        {"code": "b", "name_da": "B", "name_en": "B", "definition_da": "d", "definition_en": "e"},
    ]
    sent = copy.deepcopy(STORED)
    sent["source"] = {
        "source_id": "s",
        "title": "Plan",
        "publisher": "M",
        "url": "https://example.org/p",
        "published_on": "2026-01-05",
        "kind": "official",
    }
    sent["revised_indicators"] = [
        {"code": "a", "name_da": "Ny A", "name_en": "A", "definition_da": "d", "definition_en": "e"}
    ]
    assert changes(stored, sent) == [
        Change("source", "s", "url", None, "https://example.org/p"),
        Change("indicator", "a", "name_da", "A", "Ny A"),
    ]
    sent["source"]["source_id"] = sent["plan"]["source_id"] = "t"  # another source named
    assert changes(stored, sent) == [
        Change("plan", "plan", "source_id", "s", "t"),
        Change("indicator", "a", "name_da", "A", "Ny A"),
    ]

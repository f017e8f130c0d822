"""The table of a revision's changes on Godkendelse (issue 19), as a function of the changes."""

from __future__ import annotations

from planwatch.domain.plan_revision import Change
from planwatch.figures.names import Names
from planwatch.ui.app_pages.plan_preview import changes_table

NAMES = Names({"victims_assessed": ("Vurderede ofre", "Assessed victims")})


def test_each_part_is_worded_with_money_values_and_directions_in_the_language() -> None:
    changes = (
        Change("plan", "plan", "total_dkk", "100000000", "120000000"),
        Change("allocation", "illu-stoette/2027", "amount_dkk", "2500000", None),
        Change("target", "victims_assessed//target", "value", "150", "150.5"),
    )
    rows = [tuple(r) for r in changes_table(changes, "da", NAMES).itertuples(index=False)]
    assert rows == [
        ("Planen: ramme", "100,0 mio. kr.", "120,0 mio. kr."),
        ("Bevilling illu-stoette 2027: beløb", "2,5 mio. kr.", ""),
        ("Mål, Vurderede ofre planens slutning: værdi", "150", "150,5"),
    ]
    english = changes_table(changes, "en", NAMES).iloc[0].tolist()
    assert english == ["The plan: total", "DKK 100.0m", "DKK 120.0m"]


def test_an_unknown_stored_direction_is_shown_as_written_not_a_crash() -> None:
    """A stored target's direction no reader knows (an older row, or an edited file) does not
    break the approval page."""
    change = Change("target", "victims_assessed//target", "direction", "sideways", "at_least")
    table = changes_table((change,), "da", NAMES)
    assert table.iloc[0].tolist()[1:] == ["sideways", "mindst"]


def test_a_result_indicator_linked_or_withdrawn_is_named_not_coded() -> None:
    names = Names(
        {
            "assessments": ("Udredninger", "Assessments"),
            "illu-opsporing": ("Opsporing (eksempel)", "Identification (example)"),
        }
    )
    changes = (
        Change("result", "illu-opsporing/assessments", "indicator", "assessments", None),
        Change("result", "illu-opsporing/illu-ny", "indicator", None, "illu-ny"),
    )
    rows = [tuple(r) for r in changes_table(changes, "da", names).itertuples(index=False)]
    assert rows == [
        ("Resultatindikator, Opsporing (eksempel)", "Udredninger", ""),
        ("Resultatindikator, Opsporing (eksempel)", "", "illu-ny"),  # not yet defined: its code
    ]
    english = changes_table(changes, "en", names).iloc[0].tolist()
    assert english == ["Result indicator, Identification (example)", "Assessments", ""]


def test_a_revised_source_and_a_renamed_indicator_are_worded_in_each_language() -> None:
    """A revision revises the plan's source and its own result indicator (named by its code:
    its name is what changes)."""
    changes = (
        Change("source", "illu-kilde", "url", None, "https://example.org/ny"),
        Change("indicator", "illu-kontakter", "name_da", "Kontakter", "Samtaler"),
        Change("indicator", "illu-kontakter", "definition_en", "Contacts.", "Talks."),
    )
    rows = [tuple(r) for r in changes_table(changes, "da", NAMES).itertuples(index=False)]
    assert rows == [
        ("Kilden illu-kilde: adresse", "", "https://example.org/ny"),
        ("Indikatoren illu-kontakter: navn (dansk)", "Kontakter", "Samtaler"),
        ("Indikatoren illu-kontakter: definition (engelsk)", "Contacts.", "Talks."),
    ]
    english = [changes_table(changes, "en", NAMES).iloc[i, 0] for i in range(3)]
    assert english == [
        "The source illu-kilde: address",
        "The indicator illu-kontakter: name (Danish)",
        "The indicator illu-kontakter: definition (English)",
    ]


def test_the_approver_sees_each_result_indicator_and_which_are_created() -> None:
    from planwatch.access.approvals import SubmittedPlan
    from planwatch.ui.app_pages.plan_preview import results_table, summary, targets_table

    plan = SubmittedPlan(
        plan={},
        source={},
        action_areas=[],
        initiatives=[{"code": "i1", "name_da": "Opsøgende arbejde", "name_en": "Outreach"}],
        allocations=[],
        targets=[
            {"indicator": "ny", "year": 2027, "kind": "target", "value": "5", "direction": None}
        ],
        results=[
            {"initiative": "i1", "indicator": "victims_assessed"},
            {"initiative": "i1", "indicator": "ny"},
        ],
        new_indicators=[
            {
                "code": "ny",
                "name_da": "Kontakter",
                "name_en": "Contacts",
                "definition_da": "Antal kontakter",
                "definition_en": "Number of contacts",
                "unit": "kontakter",
                "synonyms_da": "gadekontakter; opsøgende samtaler",
                "synonyms_en": None,
            }
        ],
    )
    rows = [tuple(r) for r in results_table(plan, "da", NAMES).itertuples(index=False)]
    assert rows == [
        ("Opsøgende arbejde", "Vurderede ofre", ""),
        (
            "Opsøgende arbejde",
            "Kontakter",
            "oprettes ved godkendelse; enhed: kontakter; tæller: Antal kontakter; andre ord: "
            "gadekontakter; opsøgende samtaler",
        ),
    ]
    assert targets_table(plan, "da", NAMES).iloc[0, 0] == "Kontakter"  # not its code
    plan.plan.update(name_da="P", name_en="P", start_date="2026-01-01", end_date="2029-12-31")
    plan.plan["total_dkk"] = "1000000"
    assert summary(plan, "da").endswith(" 1 mål og basisår · 2 resultatindikatorer")
    assert summary(plan, "en").endswith(" · 2 result indicators")
    english = results_table(plan, "en", NAMES).iloc[1].tolist()
    assert english == [
        "Outreach",
        "Contacts",
        "created on approval; unit: kontakter; counts: Number of contacts",
    ]

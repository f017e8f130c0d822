"""The next plan through the plan workbook on the command line (issue 19): an official writes the
template, fills in an illustrative plan 2026-2029, is refused once with every problem by sheet,
row and column, corrects it and submits it; the plan shows nowhere until another person approves
it, then in ``plans list`` and ``plans show`` (marked illustrative); figures and allocations go in
against it afterwards. And a round trip: the 2022-2025 plan exported, turned into a new plan,
imported, approved and shown."""

from __future__ import annotations

import csv
import json
import re
import zipfile
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from openpyxl import load_workbook

from planwatch.cli import main
from planwatch.domain.plan_workbook import PlanSheetKey
from planwatch.storage import Store
from tests.uploads.test_plan_workbook import NEW_PLAN, as_bytes, set_cells

ROUND_TRIP = "illustrativ-rundtur"


def _run(store: Store, *args: str, user: str, lang: str = "da") -> Result:
    return CliRunner().invoke(
        main,
        ["--lang", lang, *args, "--user", user, "--db", str(store.path)],
        catch_exceptions=False,
    )


def _listed(store: Store) -> list[str]:
    shown = json.loads(_run(store, "--json", "plans", "list", user="viewer1").output)
    return [line["plan"]["plan_id"] for line in shown]


def _submission(output: str) -> str:
    found = re.search(r"(?:indberetning nr\.|submission no\.) (\d+)", output)
    assert found, output
    return found.group(1)


def test_an_official_defines_the_next_plan_through_the_workbook(
    users_store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "plan-skabelon.xlsx"
    made = _run(users_store, "template", "--kind", "plan", "--out", str(path), user="uploader1")
    assert made.exit_code == 0, made.output
    workbook = load_workbook(path)
    set_cells(workbook, PlanSheetKey.PLAN, 2, {"plan_id": NEW_PLAN, "end_date": "2025-12-31"})
    set_cells(workbook, PlanSheetKey.INITIATIVES, 2, {"action_area": "B"})
    set_cells(workbook, PlanSheetKey.ALLOCATIONS, 2, {"amount_dkk": "mange penge"})
    set_cells(workbook, PlanSheetKey.TARGETS, 2, {"kind": "ønske"})
    wrong = tmp_path / "plan-med-fejl.xlsx"
    wrong.write_bytes(as_bytes(workbook))
    refused = _run(
        users_store, "plans", "import", str(wrong), "--reason", "Ny plan", user="uploader1"
    )
    assert refused.exit_code == 1
    assert "Projektmappen er afvist med 4 fejl. Intet er gemt." in refused.output
    for line in (
        "ark Plan, række 2, kolonne slutdato: Planen slutter (2025-12-31) før den begynder",
        "ark Indsatser, række 2, kolonne indsatsområde: Indsatsområdet 'B' står ikke",
        "ark Bevillinger, række 2, kolonne beløb_kr: 'mange penge'",
        "ark Mål, række 2, kolonne type: 'ønske'",
    ):
        assert line in refused.output, refused.output
    english = _run(
        users_store, "plans", "import", str(wrong), "--reason", "x", user="uploader1", lang="en"
    )
    assert "sheet Initiatives" not in english.output  # the sheet as the workbook names it
    assert "sheet Indsatser, row 2, column indsatsområde: The action area 'B'" in english.output
    as_json = _run(
        users_store, "--json", "plans", "import", str(wrong), "--reason", "x", user="uploader1"
    )
    problems = json.loads(as_json.output)["problems"]
    assert {(p["sheet"], p["row"], p["code"]) for p in problems} == {
        ("Plan", 2, "plan-ends-before-start"),
        ("Indsatser", 2, "unknown-action-area"),
        ("Bevillinger", 2, "not-a-number"),
        ("Mål", 2, "not-allowed"),
    }
    assert NEW_PLAN not in _listed(users_store)

    workbook = load_workbook(path)  # corrected: the template's example, with a plan code
    set_cells(workbook, PlanSheetKey.PLAN, 2, {"plan_id": NEW_PLAN})
    right = tmp_path / "plan.xlsx"
    right.write_bytes(as_bytes(workbook))
    dry = _run(
        users_store, "plans", "import", str(right), "--reason", "x", "--dry-run", user="uploader1"
    )
    assert dry.exit_code == 0 and "Prøvekørsel: planen" in dry.output
    assert "Intet er gemt." in dry.output
    waiting = _run(users_store, "--json", "submissions", "--status", "submitted", user="approver1")
    assert json.loads(waiting.output) == []
    sent = _run(users_store, "plans", "import", str(right), "--reason", "Ny plan", user="uploader1")
    assert sent.exit_code == 0, sent.output
    assert "Den vises først, når en anden person har godkendt den." in sent.output
    number = _submission(sent.output)
    waiting = _run(users_store, "--json", "submissions", "--status", "submitted", user="approver1")
    assert [(w["change_set_id"], w["file_name"]) for w in json.loads(waiting.output)] == [
        (int(number), "plan.xlsx")
    ]
    assert NEW_PLAN not in _listed(users_store)
    shown = _run(users_store, "plans", "show", NEW_PLAN, user="viewer1")
    assert shown.exit_code == 2  # no such plan yet

    own = _run(users_store, "approve", number, user="uploader1")
    assert own.exit_code == 5
    approved = _run(users_store, "approve", number, user="approver1")
    assert approved.exit_code == 0, approved.output
    assert NEW_PLAN in _listed(users_store)
    listed = _run(users_store, "submissions", user="approver1").output.splitlines()
    assert [line.split()[0] for line in listed] == [number]  # the workbook once, not twice
    assert "plan.xlsx" in listed[0] and "(planen skrevet i ændring " in listed[0]
    listed = _run(users_store, "plans", "list", user="viewer1").output
    block = listed[listed.index(f"{NEW_PLAN}:") :]
    assert "ILLUSTRATIVT, ikke officielt" in block.split("\n\n")[0].splitlines()[2]
    text = _run(users_store, "plans", "show", NEW_PLAN, user="viewer1").output
    assert "Samlet ramme: 100,0 mio. kr. (ILLUSTRATIVT, ikke officielt)" in text
    assert "Kilde: [illustrativ-plan-kilde] (ILLUSTRATIVT, ikke officielt)" in text
    assert "illu-opsporing 2026" in text and "victims_assessed" in text
    assert "victims_assessed hele planen: mål mindst 150 [illustrativ-plan-kilde]" in text
    # the template's example result indicator: CMM's assessments for illu-opsporing
    assert "Resultater pr. indsats:\n  illu-opsporing: Udredninger: ingen tal endnu" in text
    details = json.loads(
        _run(users_store, "--json", "plans", "show", NEW_PLAN, user="viewer1").output
    )
    assert [
        (r["initiative_code"], r["indicator"]["code"], r["latest"]) for r in details["results"]
    ] == [("illu-opsporing", "assessments", None)]

    # figures and allocations go in against the new plan
    allocations = tmp_path / "bevillinger.csv"
    allocations.write_bytes("indsats;år;beløb_kr\r\nillu-opsporing;2027;4000000\r\n".encode())
    money = _run(users_store, "import", str(allocations), "--kind", "allocations", user="uploader1")
    assert money.exit_code == 0, money.output
    assert _run(users_store, "approve", _submission(money.output), user="approver1").exit_code == 0
    text = _run(users_store, "plans", "show", NEW_PLAN, user="viewer1").output
    assert "illu-opsporing 2027" in text
    kpi = tmp_path / "kvartal.csv"
    kpi.write_bytes("indikator;år;kvartal;værdi\r\nvictims_assessed;2026;1;31\r\n".encode())
    figures = _run(
        users_store,
        "import",
        str(kpi),
        "--kind",
        "kpi",
        "--accept-warnings",
        "--reason",
        "Kvartalstal",
        user="uploader1",
    )
    assert figures.exit_code == 0, figures.output
    approved = _run(users_store, "approve", _submission(figures.output), user="approver1")
    assert approved.exit_code == 0
    figure = _run(users_store, "figure", "victims_assessed", "2026", user="viewer1").output
    assert "31" in figure

    # the speaking note for the plan's first year marks the made-up total and target
    note = _run(
        users_store, "talking-points", "--year", "2026", "--plan", NEW_PLAN, user="viewer1"
    ).output
    illustrative = "ILLUSTRATIVT – opdigtede demotal, ikke officielle tal: "
    bullets = [line for line in note.splitlines() if line.startswith("- ")]
    assert bullets[0] == (
        f"- {illustrative}Handlingsplanen for 2026–2029 har en samlet ramme på 100,0 mio. kr. "
        "Der er ikke registreret forbrug i planwatch."
    )
    assert f"- {illustrative}Planens mål ved udløbet i 2029 er mindst 150 personer." in bullets
    assert "I 1. kvt. 2026 blev 31 personer vurderet som ofre for menneskehandel." in note
    # auditors find the targets, the workbook the plan came from, and an intact chain
    out = tmp_path / "eksport"
    exported = _run(
        users_store,
        "export",
        "--tables",
        "targets",
        "--plan",
        NEW_PLAN,
        "--out",
        str(out),
        user="auditor1",
    )
    assert exported.exit_code == 0, exported.output
    with (out / "targets.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["kind"], r["direction"], r["value"], r["source_kind"]) for r in rows] == [
        ("target", "at_least", "150", "illustrative")
    ]
    pack = tmp_path / "pakke.zip"
    packed = _run(users_store, "export", "--pack", str(pack), "--plan", NEW_PLAN, user="auditor1")
    assert packed.exit_code == 0, packed.output
    with zipfile.ZipFile(pack) as archive:
        sent_files = [n for n in archive.namelist() if n.startswith("plans/")]
        assert [archive.read(n) for n in sent_files] == [right.read_bytes()]
    verified = _run(users_store, "audit", "verify", user="auditor1")
    assert verified.exit_code == 0, verified.output
    assert "Revisionsloggen er intakt" in verified.output


def test_an_exported_plan_comes_back_as_a_new_plan(users_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "2022-2025.xlsx"
    exported = _run(
        users_store, "plans", "export", "2022-2025", "--out", str(out), user="uploader1"
    )
    assert exported.exit_code == 0, exported.output
    workbook = load_workbook(out)
    plan_sheet = workbook["Plan"]
    assert plan_sheet["A2"].value == "2022-2025"
    initiatives = workbook["Indsatser"]
    codes = [row[0].value for row in initiatives.iter_rows(min_row=2) if row[0].value]
    assert codes
    renamed = {code: f"ny-{code}" for code in codes}
    for row in initiatives.iter_rows(min_row=2):
        if row[0].value:
            row[0].value = renamed[row[0].value]
    for row in workbook["Bevillinger"].iter_rows(min_row=2):
        if row[0].value:
            row[0].value = renamed[row[0].value]
    set_cells(
        workbook,
        PlanSheetKey.PLAN,
        2,
        {
            "plan_id": ROUND_TRIP,
            "name_da": "Rundtur (illustrativ)",
            "name_en": "Round trip (illustrative)",
            "source_id": "illustrativ-rundtur-kilde",
            "source_title": "Opdigtet: eksporteret plan brugt igen",
            "source_kind": "illustrative",
        },
    )
    changed = tmp_path / "rundtur.xlsx"
    changed.write_bytes(as_bytes(workbook))
    sent = _run(
        users_store, "plans", "import", str(changed), "--reason", "Rundtur", user="uploader1"
    )
    assert sent.exit_code == 0, sent.output
    assert _run(users_store, "approve", _submission(sent.output), user="approver1").exit_code == 0
    old = json.loads(
        _run(users_store, "--json", "plans", "show", "2022-2025", user="viewer1").output
    )
    new = json.loads(
        _run(users_store, "--json", "plans", "show", ROUND_TRIP, user="viewer1").output
    )
    assert new["plan"]["total_dkk"] == old["plan"]["total_dkk"]
    assert new["plan"]["start_date"] == old["plan"]["start_date"]
    assert new["money"]["allocated_dkk"] == old["money"]["allocated_dkk"]

    def targets(shown: dict[str, Any]) -> list[tuple[Any, ...]]:
        keys = ("indicator", "year", "kind", "value", "direction")
        return sorted(tuple(str(t.get(k)) for k in keys) for t in shown["targets"])

    assert targets(new) == targets(old)


def test_plans_list_and_show_as_of_a_moment_before_a_plan_was_approved(
    users_store: Store,
) -> None:
    """Issue 19: a plan defined through a workbook did not exist before its approval: `plans
    list --as-of` leaves it out and `plans show --as-of` says so, in the user's language."""
    from planwatch.domain.clock import to_local
    from tests import clock
    from tests.actors import make_users
    from tests.uploads.test_plan_workbook import approve_new_plan

    people = make_users(users_store)
    approve_new_plan(
        users_store, people, sent_at=clock.later(hours=1), approved_at=clock.later(hours=2)
    )
    between = to_local(clock.later(hours=1, minutes=30)).strftime("%Y-%m-%dT%H:%M")
    after = to_local(clock.later(hours=3)).strftime("%Y-%m-%dT%H:%M")

    def listed(*options: str) -> list[str]:
        shown = _run(users_store, "--json", "plans", "list", *options, user="auditor1")
        assert shown.exit_code == 0, shown.output
        return [line["plan"]["plan_id"] for line in json.loads(shown.output)]

    assert NEW_PLAN not in listed("--as-of", between)
    assert NEW_PLAN in listed("--as-of", after)
    assert "2022-2025" in listed("--as-of", between)  # the bundled plans: always
    refused = _run(users_store, "plans", "show", NEW_PLAN, "--as-of", between, user="auditor1")
    assert refused.exit_code == 2
    assert "var ikke oprettet endnu på det valgte tidspunkt" in refused.output
    english = _run(
        users_store, "plans", "show", NEW_PLAN, "--as-of", between, user="auditor1", lang="en"
    )
    assert "had not been defined yet at the moment chosen" in english.output

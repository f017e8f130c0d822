"""Auditors' exports: what was stored at a moment, in each format, recorded in the audit log;
nobody without the export permission gets anything (issue 6, first part)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from planwatch.access import accounts, audit
from planwatch.cli import main
from planwatch.cli.common import EXIT_DENIED
from planwatch.domain.periods import Period
from planwatch.domain.permissions import Role
from planwatch.errors import PermissionDeniedError, UsageError
from planwatch.exports import auditors, formats
from planwatch.figures import corrections
from planwatch.storage import Store
from tests import clock
from tests.actors import approve


def _victims_2023(frame: pd.DataFrame) -> list[object]:
    rows = frame[
        (frame["indicator_code"] == "victims_assessed")
        & (frame["year"] == 2023)
        & (frame["sex"] == "all")
        & (frame["age_group"] == "all")
        & (frame["exploitation"] == "all")
        & (frame["source_id"] == "cmm-tal-2023")
    ]
    return [Decimal(str(v)) for v in rows["value"]]


def test_an_export_as_of_a_moment_leaves_out_a_later_correction(users_store: Store) -> None:
    auditor = accounts.actor_for(users_store, "auditor1")
    before = clock.later(hours=12)  # after the database was built, before the correction
    receipt = corrections.correct_observation(
        users_store,
        indicator="victims_assessed",
        period=Period(2023),
        source_id="cmm-tal-2023",
        new_value=Decimal(113),
        reason="late assessment",
        actor=accounts.actor_for(users_store, "uploader1"),
        now=clock.later(days=1),
    )
    approve(users_store, receipt.change_set_id, now=clock.later(days=2))
    then = auditors.tables(users_store, auditor, names=["figures", "history"], as_of=before)
    now = auditors.tables(users_store, auditor, names=["figures", "history"])
    assert _victims_2023(then["figures"]) == [Decimal(112)]
    assert _victims_2023(now["figures"]) == [Decimal(113)]
    history = now["history"]
    corrected = history[history["change_kind"] == "correction"]
    assert [
        (Decimal(str(p)), Decimal(str(v)))
        for p, v in zip(corrected["previous_value"], corrected["value"], strict=True)
    ] == [(Decimal(112), Decimal(113))]
    assert list(corrected["reviewed_by"]) == ["approver-test"]
    assert (then["history"]["recorded_at"] <= before).all()


@pytest.mark.parametrize("role", [Role.VIEWER, Role.UPLOADER, Role.APPROVER])
def test_only_auditors_and_admins_export(users_store: Store, tmp_path: Path, role: Role) -> None:
    actor = accounts.actor_for(users_store, f"{role.value}1")
    with pytest.raises(PermissionDeniedError):
        auditors.export(users_store, actor, tmp_path / "out")
    with pytest.raises(PermissionDeniedError):
        auditors.download(users_store, actor, names=["plans"])
    with pytest.raises(PermissionDeniedError):
        auditors.pack_download(users_store, actor)
    assert not (tmp_path / "out").exists()
    admin = accounts.actor_for(users_store, "admin1")
    assert auditors.download(users_store, admin, names=["plans"]).rows["plans"] > 0


@pytest.mark.parametrize("file_format", ["csv", "csv-da", "xlsx", "parquet"])
def test_each_format_reads_back_to_the_same_figures_and_is_logged_with_its_hash(
    users_store: Store, tmp_path: Path, file_format: str
) -> None:
    auditor = accounts.actor_for(users_store, "auditor1")
    out = tmp_path / file_format
    receipt = auditors.export(
        users_store, auditor, out, file_format=file_format, names=["figures", "allocations"]
    )
    expected = auditors.tables(users_store, auditor, names=["figures"])["figures"]
    path = receipt.files[0].path
    if file_format == "csv":
        back = pd.read_csv(path)
    elif file_format == "csv-da":
        back = pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig")
    elif file_format == "parquet":
        back = pq.read_table(path).to_pandas()
    else:
        workbook = load_workbook(path)
        assert workbook.sheetnames == ["Om filen", "figures", "allocations"]
        assert workbook.worksheets[0]["B5"].value == "auditor1"
        sheet = workbook["figures"]
        column = [c.value for c in sheet[1]].index("value") + 1
        values = [
            row[0]
            for row in sheet.iter_rows(min_row=2, min_col=column, max_col=column, values_only=True)
        ]
        assert all(isinstance(v, int | float) for v in values)
        back = pd.DataFrame({"value": values})
    assert [float(v) for v in back["value"]] == [float(v) for v in expected["value"]]
    entry = audit.entries(users_store, auditor, action="export")[-1]
    assert entry.actor == "auditor1" and entry.details["format"] == file_format
    for exported in receipt.files:
        digest = hashlib.sha256(exported.path.read_bytes()).hexdigest()
        assert entry.details["files"][exported.path.name] == digest == exported.sha256


def test_the_cli_exports_for_auditors_and_refuses_viewers(
    users_store: Store, tmp_path: Path
) -> None:
    db = str(users_store.path)
    ok = CliRunner().invoke(
        main,
        [
            "--json",
            "--user",
            "auditor1",
            "export",
            "--out",
            str(tmp_path / "e"),
            "--format",
            "csv-da",
            "--tables",
            "uploads,audit_log,plans",
            "--db",
            db,
        ],
    )
    assert ok.exit_code == 0, ok.output
    names = sorted(Path(f["path"]).name for f in json.loads(ok.output)["files"])
    assert names == ["audit_log.da.csv", "plans.da.csv", "uploads.da.csv"]
    plans = pd.read_csv(tmp_path / "e" / "plans.da.csv", sep=";", decimal=",", encoding="utf-8-sig")
    # For Danish Excel, in the CLI's language (Danish by default): the columns by name.
    assert 118_200_000 in list(plans["Samlet ramme (kr.)"])
    refused = CliRunner().invoke(
        main, ["--user", "viewer1", "export", "--out", str(tmp_path / "v"), "--db", db]
    )
    assert refused.exit_code == EXIT_DENIED
    assert not (tmp_path / "v").exists()
    unknown = CliRunner().invoke(
        main,
        [
            "--lang",
            "en",
            "--user",
            "auditor1",
            "export",
            "--out",
            str(tmp_path / "u"),
            "--tables",
            "secrets",
            "--db",
            db,
        ],
    )
    assert unknown.exit_code == 2 and "Unknown tables" in unknown.output


def test_injection_strings_in_user_names_and_reasons_are_neutralised(
    users_store: Store, tmp_path: Path
) -> None:
    corrections.correct_observation(
        users_store,
        indicator="victims_assessed",
        period=Period(2023),
        source_id="cmm-tal-2023",
        new_value=Decimal(114),
        reason='=HYPERLINK("http://evil.example","klik")',
        actor=accounts.actor_for(users_store, "uploader1"),
    )
    auditor = accounts.actor_for(users_store, "auditor1")
    receipt = auditors.export(
        users_store, auditor, tmp_path / "x", file_format="xlsx", names=["history"]
    )
    sheet = load_workbook(receipt.files[0].path)["history"]
    header = [c.value for c in sheet[1]]
    reasons = [row[header.index("reason")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("http://evil.example","klik")' in reasons
    assert not any(isinstance(r, str) and r.startswith("=") for r in reasons)


def test_the_audit_pack_holds_every_table_the_uploads_a_readme_and_a_true_manifest(
    users_store: Store, tmp_path: Path
) -> None:
    import zipfile

    import duckdb

    from planwatch.uploads import ingest
    from tests.paths import TEST_DATA

    kpi = TEST_DATA / "valid" / "kpi-danish-excel-cp1252.csv"
    before_upload = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    report = ingest.import_file(
        users_store,
        kpi.read_bytes(),
        kpi.name,
        "kpi",
        actor=accounts.actor_for(users_store, "uploader1"),
        today=dt.date(2026, 11, 29),
    )
    assert report.status == "stored"
    auditor = accounts.actor_for(users_store, "auditor1")
    receipt = auditors.pack(users_store, auditor, tmp_path / "pack.zip")
    with zipfile.ZipFile(receipt.files[0].path) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
        for name, facts in manifest["files"].items():
            assert hashlib.sha256(archive.read(name)).hexdigest() == facts["sha256"], name
        assert set(manifest["files"]) == names - {"manifest.json"}
        for table in auditors.TABLES:
            for suffix in (".csv", ".da.csv", ".parquet"):
                assert f"tables/{table}{suffix}" in names
            assert f"`{table}`" in archive.read("README.md").decode()
        uploaded = [n for n in names if n.startswith("uploads/")]
        assert len(uploaded) == 1 and archive.read(uploaded[0]) == kpi.read_bytes()
        archive.extractall(tmp_path / "unpacked")
    # The README's first query reproduces the dashboard's tile from the exported files.
    readme = (tmp_path / "unpacked" / "README.md").read_text(encoding="utf-8")
    query = readme.split("```sql\n", 1)[1].split(";", 1)[0]
    with duckdb.connect() as connection:
        connection.execute(f"SET file_search_path = '{tmp_path / 'unpacked'}'")
        assert connection.execute(query).fetchall() == [(Decimal("112.000"), "cmm-tal-2023")]
    entry = audit.entries(users_store, auditor, action="export")[-1]
    assert entry.details["files"] == {"pack.zip": receipt.files[0].sha256}
    # As of a moment before the upload, the pack holds no uploaded file.
    earlier = auditors.pack(users_store, auditor, tmp_path / "earlier.zip", as_of=before_upload)
    with zipfile.ZipFile(earlier.files[0].path) as archive:
        assert not [n for n in archive.namelist() if n.startswith("uploads/")]
    with pytest.raises(PermissionDeniedError):
        auditors.pack(users_store, accounts.actor_for(users_store, "viewer1"), tmp_path / "v.zip")
    assert not (tmp_path / "v.zip").exists()


def test_the_cli_writes_the_pack_and_wants_out_or_pack(users_store: Store, tmp_path: Path) -> None:
    db = str(users_store.path)
    made = CliRunner().invoke(
        main,
        ["--user", "auditor1", "export", "--pack", str(tmp_path / "p.zip"), "--db", db],
    )
    assert made.exit_code == 0, made.output
    digest = hashlib.sha256((tmp_path / "p.zip").read_bytes()).hexdigest()
    assert made.output.startswith(digest)
    neither = CliRunner().invoke(main, ["--lang", "en", "--user", "auditor1", "export", "--db", db])
    assert neither.exit_code == 2 and "--out or --pack" in neither.output


def _last_export(store: Store) -> audit.AuditEntry:
    reader = accounts.actor_for(store, "auditor1")
    return audit.entries(store, reader, action="export")[-1]


def test_one_table_downloads_as_its_file_and_the_log_holds_its_hash(users_store: Store) -> None:
    auditor = accounts.actor_for(users_store, "auditor1")
    delivery = auditors.download(users_store, auditor, file_format="csv-da", names=["figures"])
    assert delivery.file_name.startswith("planwatch-tal-"), "file names in Danish by default"
    assert delivery.file_name.endswith(".da.csv")
    assert delivery.mime == "text/csv"
    frame = pd.read_csv(io.BytesIO(delivery.data), sep=";", decimal=",", encoding="utf-8-sig")
    assert len(frame) == delivery.rows["figures"] > 100
    entry = _last_export(users_store)
    assert entry.actor == "auditor1"
    assert entry.subject == f"download:{delivery.file_name}"
    assert entry.details["files"] == {delivery.file_name: hashlib.sha256(delivery.data).hexdigest()}
    assert entry.details["tables"] == ["figures"]


def test_several_tables_download_as_one_zip_with_a_true_manifest(users_store: Store) -> None:
    auditor = accounts.actor_for(users_store, "auditor1")
    seen: list[tuple[float, str, str]] = []
    delivery = auditors.download(
        users_store,
        auditor,
        file_format="parquet",
        names=["plans", "spending"],
        plan_id="2022-2025",
        progress=lambda share, stage, table: seen.append((share, stage, table)),
    )
    assert delivery.file_name.endswith(".zip") and delivery.mime == "application/zip"
    with zipfile.ZipFile(io.BytesIO(delivery.data)) as archive:
        names = sorted(archive.namelist())
        contents = {name: archive.read(name) for name in names}
    assert names == ["manifest.json", "plans.parquet", "spending.parquet"]
    manifest = json.loads(contents["manifest.json"])
    assert manifest["plan_id"] == "2022-2025"
    for name in ("plans.parquet", "spending.parquet"):
        assert manifest["files"][name]["sha256"] == hashlib.sha256(contents[name]).hexdigest()
    spending = pq.read_table(io.BytesIO(contents["spending.parquet"])).to_pandas()
    assert set(spending["plan_id"]) == {"2022-2025"}
    # The demo's spending is invented: the delivery says so, and so does each row.
    assert delivery.illustrative == {"spending": len(spending)}
    assert set(spending["source_kind"]) == {"illustrative"}
    entry = _last_export(users_store)
    assert entry.details["contents"] == {
        name: hashlib.sha256(contents[name]).hexdigest()
        for name in ("plans.parquet", "spending.parquet")
    }
    shares = [share for share, _, _ in seen]
    assert shares == sorted(shares) and shares[-1] == 1.0
    assert [(stage, table) for _, stage, table in seen] == [
        ("read", "plans"),
        ("read", "spending"),
        ("write", "plans"),
        ("write", "spending"),
    ]


def test_an_unknown_plan_is_refused_in_words_not_exported_empty(users_store: Store) -> None:
    auditor = accounts.actor_for(users_store, "auditor1")
    before = len(audit.entries(users_store, auditor, action="export"))
    with pytest.raises(UsageError, match="2099-2100"):
        auditors.download(users_store, auditor, plan_id="2099-2100")
    assert len(audit.entries(users_store, auditor, action="export")) == before


def test_the_workbook_and_the_readme_mark_illustrative_rows(users_store: Store) -> None:
    auditor = accounts.actor_for(users_store, "auditor1")
    delivery = auditors.pack_download(users_store, auditor, plan_id="2022-2025")
    assert delivery.file_name.startswith("planwatch-revisionspakke-2022-2025-")
    with zipfile.ZipFile(io.BytesIO(delivery.data)) as archive:
        readme = archive.read("README.md").decode("utf-8")
        book = load_workbook(io.BytesIO(archive.read("planwatch.xlsx")))
    assert "**Illustrative figures.**" in readme
    about = {row[0].value: row[1].value for row in book["Om filen"].iter_rows()}
    marks = {k: v for k, v in about.items() if str(k).startswith("ILLUSTRATIVT")}
    assert set(marks) == {
        "ILLUSTRATIVT / ILLUSTRATIVE: allocations",
        "ILLUSTRATIVT / ILLUSTRATIVE: spending",
    }
    assert all("not official" in str(v) for v in marks.values())
    entry = _last_export(users_store)
    assert entry.details["files"] == {delivery.file_name: delivery.sha256}


def test_the_databases_types_survive_money_in_oere_dates_as_dates(users_store: Store) -> None:
    """DECIMAL money stays decimal (1.234.567,50 kr. keeps its øre, not a float), a DATE stays a
    date (not a midnight timestamp), a quarter with gaps stays an integer."""
    auditor = accounts.actor_for(users_store, "auditor1")
    delivery = auditors.download(
        users_store, auditor, file_format="parquet", names=["spending", "plans", "figures"]
    )
    with zipfile.ZipFile(io.BytesIO(delivery.data)) as archive:
        schemas = {
            name: pq.read_table(io.BytesIO(archive.read(f"{name}.parquet"))).schema
            for name in ("spending", "plans", "figures")
        }
    assert str(schemas["spending"].field("amount_dkk").type) == "decimal128(18, 2)"
    assert str(schemas["plans"].field("start_date").type) == "date32[day]"
    assert str(schemas["figures"].field("quarter").type) == "int16"
    assert str(schemas["figures"].field("recorded_at").type) == "timestamp[us]"
    tables = auditors.tables(users_store, auditor, names=["plans", "spending"])
    csv_da = formats.csv_da_bytes(tables["plans"]).decode("utf-8-sig")
    assert ";2022-01-01;2025-12-31;118200000,00;" in csv_da
    money = formats.csv_bytes(tables["spending"]).decode("utf-8")
    amounts = [row["amount_dkk"] for row in csv.DictReader(io.StringIO(money))]
    assert amounts and all(len(a.split(".")[1]) == 2 for a in amounts), "two decimals, always"


def test_breakdown_codes_come_with_their_labels_in_separate_columns(users_store: Store) -> None:
    auditor = accounts.actor_for(users_store, "auditor1")
    frames = auditors.tables(users_store, auditor, names=["figures", "history"])
    figures = frames["figures"]
    columns = list(figures.columns)
    assert columns[columns.index("exploitation") + 1 :][:2] == ["breakdown_da", "breakdown_en"]
    labelled = {
        (row.sex, row.age_group, row.exploitation): (row.breakdown_da, row.breakdown_en)
        for row in figures.itertuples()
    }
    assert labelled[("all", "all", "all")] == ("I alt", "Total")
    assert labelled[("female", "all", "sexual")] == (
        "Kvinder, Seksuel udnyttelse",
        "Women, Sexual exploitation",
    )
    history = frames["history"]
    money = history[history["figure_table"] != "observation"]
    assert len(money) and money["breakdown_da"].isna().all(), "money has no breakdown"


def test_targets_are_exported_as_of_the_moment_with_direction_and_plan(
    users_store: Store,
) -> None:
    """Issue 19: a plan's targets reach the auditors' tables, as of any moment (a target
    approved later is not in an export as of before), filtered by plan, marked illustrative."""
    from planwatch.access import approvals
    from planwatch.uploads import plan_import
    from tests.uploads.test_plan_workbook import NEW_PLAN, as_bytes, valid_plan

    auditor = accounts.actor_for(users_store, "auditor1")
    uploader = accounts.actor_for(users_store, "uploader1")
    sent = plan_import.import_plan(
        users_store,
        as_bytes(valid_plan(users_store, uploader)),
        "plan.xlsx",
        actor=uploader,
        now=clock.later(hours=1),
    )
    assert sent.change_set_id is not None
    before = clock.later(hours=12)
    approvals.approve(
        users_store,
        accounts.actor_for(users_store, "approver1"),
        sent.change_set_id,
        now=clock.later(days=1),
    )
    then = auditors.tables(users_store, auditor, names=["targets"], as_of=before)["targets"]
    now = auditors.tables(users_store, auditor, names=["targets"])["targets"]
    assert then.empty
    rows = sorted(
        zip(
            now["plan_id"],
            now["indicator_code"],
            [None if pd.isna(y) else int(y) for y in now["year"]],  # None: the plan's end
            now["kind"],
            [None if pd.isna(d) else d for d in now["direction"]],
            [Decimal(str(v)) for v in now["value"]],
            now["source_kind"],
            strict=True,
        ),
        key=str,
    )
    assert rows == sorted(
        [
            (NEW_PLAN, "victims_assessed", 2026, "baseline", None, Decimal(100), "illustrative"),
            (
                NEW_PLAN,
                "victims_assessed",
                None,
                "target",
                "at_least",
                Decimal(150),
                "illustrative",
            ),
        ],
        key=str,
    )
    other = auditors.tables(users_store, auditor, names=["targets"], plan_id="2022-2025")
    assert other["targets"].empty
    # the made-up plan itself is marked in the plans table, so the README and workbook count it
    plans = auditors.tables(users_store, auditor, names=["plans"])
    kinds = dict(zip(plans["plans"]["plan_id"], plans["plans"]["source_kind"], strict=True))
    assert kinds[NEW_PLAN] == "illustrative" and kinds["2022-2025"] != "illustrative"
    assert auditors.illustrative_rows(plans) == {"plans": 1}


def test_the_audit_pack_holds_the_plan_workbooks_sent_by_its_moment(
    users_store: Store, tmp_path: Path
) -> None:
    """Issue 19: the workbook a plan came from is in the pack, byte for byte, as uploads are;
    not in a pack as of before it was sent, nor in another plan's pack."""
    from planwatch.uploads import plan_import
    from tests.uploads.test_plan_workbook import NEW_PLAN, as_bytes, valid_plan

    uploader = accounts.actor_for(users_store, "uploader1")
    workbook = as_bytes(valid_plan(users_store, uploader))
    sent = plan_import.import_plan(
        users_store, workbook, "ny plan.xlsx", actor=uploader, now=clock.later(hours=2)
    )
    auditor = accounts.actor_for(users_store, "auditor1")

    def plan_members(**options: object) -> dict[str, bytes]:
        receipt = auditors.pack(users_store, auditor, tmp_path / "p.zip", **options)  # type: ignore[arg-type]
        with zipfile.ZipFile(receipt.files[0].path) as archive:
            manifest = json.loads(archive.read("manifest.json"))
            found = {n: archive.read(n) for n in archive.namelist() if n.startswith("plans/")}
        for name, data in found.items():
            assert manifest["files"][name]["sha256"] == hashlib.sha256(data).hexdigest()
        return found

    everything = plan_members()
    digest = hashlib.sha256(workbook).hexdigest()
    assert everything == {f"plans/{sent.change_set_id}-{digest[:12]}-ny_plan.xlsx": workbook}
    from planwatch.access import approvals

    approver = accounts.actor_for(users_store, "approver1")
    assert sent.change_set_id is not None
    approvals.approve(users_store, approver, sent.change_set_id, now=clock.later(hours=3))
    assert plan_members(plan_id=NEW_PLAN) == everything
    assert plan_members(plan_id="2022-2025") == {}
    assert plan_members(as_of=clock.later(hours=1)) == {}

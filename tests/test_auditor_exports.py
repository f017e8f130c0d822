"""Auditors' exports: what was stored at a moment, in each format, recorded in the audit log;
nobody without the export permission gets anything (issue 6, first part)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from planwatch import audit, auditor_exports, auth, corrections
from planwatch.cli import EXIT_DENIED, main
from planwatch.domain.access import Role
from planwatch.domain.periods import Period
from planwatch.errors import PermissionDeniedError
from planwatch.storage import Store
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
    auditor = auth.actor_for(users_store, "auditor1")
    before = dt.datetime(2029, 12, 31)
    receipt = corrections.correct_observation(
        users_store,
        indicator="victims_assessed",
        period=Period(2023),
        source_id="cmm-tal-2023",
        new_value=Decimal(113),
        reason="late assessment",
        actor=auth.actor_for(users_store, "uploader1"),
        now=dt.datetime(2030, 1, 1),
    )
    approve(users_store, receipt.change_set_id, now=dt.datetime(2030, 1, 2))
    then = auditor_exports.tables(users_store, auditor, names=["figures", "history"], as_of=before)
    now = auditor_exports.tables(users_store, auditor, names=["figures", "history"])
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


@pytest.mark.parametrize("role", [Role.VIEWER, Role.UPLOADER, Role.APPROVER, Role.ADMIN])
def test_only_auditors_export(users_store: Store, tmp_path: Path, role: Role) -> None:
    actor = auth.actor_for(users_store, f"{role.value}1")
    with pytest.raises(PermissionDeniedError):
        auditor_exports.export(users_store, actor, tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("file_format", ["csv", "csv-da", "xlsx", "parquet"])
def test_each_format_reads_back_to_the_same_figures_and_is_logged_with_its_hash(
    users_store: Store, tmp_path: Path, file_format: str
) -> None:
    auditor = auth.actor_for(users_store, "auditor1")
    out = tmp_path / file_format
    receipt = auditor_exports.export(
        users_store, auditor, out, file_format=file_format, names=["figures", "allocations"]
    )
    expected = auditor_exports.tables(users_store, auditor, names=["figures"])["figures"]
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
        assert workbook.worksheets[0]["B4"].value == "auditor1"
        sheet = workbook["figures"]
        values = [
            row[0] for row in sheet.iter_rows(min_row=2, min_col=11, max_col=11, values_only=True)
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
    assert 118_200_000 in list(plans["total_dkk"])
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
        actor=auth.actor_for(users_store, "uploader1"),
    )
    auditor = auth.actor_for(users_store, "auditor1")
    receipt = auditor_exports.export(
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

    from planwatch import ingest
    from tests.conftest import TEST_DATA

    kpi = TEST_DATA / "valid" / "kpi-danish-excel-cp1252.csv"
    before_upload = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    report = ingest.import_file(
        users_store,
        kpi.read_bytes(),
        kpi.name,
        "kpi",
        actor=auth.actor_for(users_store, "uploader1"),
        today=dt.date(2026, 11, 29),
    )
    assert report.status == "stored"
    auditor = auth.actor_for(users_store, "auditor1")
    receipt = auditor_exports.pack(users_store, auditor, tmp_path / "pack.zip")
    with zipfile.ZipFile(receipt.files[0].path) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
        for name, facts in manifest["files"].items():
            assert hashlib.sha256(archive.read(name)).hexdigest() == facts["sha256"], name
        assert set(manifest["files"]) == names - {"manifest.json"}
        for table in auditor_exports.TABLES:
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
    earlier = auditor_exports.pack(
        users_store, auditor, tmp_path / "earlier.zip", as_of=before_upload
    )
    with zipfile.ZipFile(earlier.files[0].path) as archive:
        assert not [n for n in archive.namelist() if n.startswith("uploads/")]
    with pytest.raises(PermissionDeniedError):
        auditor_exports.pack(
            users_store, auth.actor_for(users_store, "viewer1"), tmp_path / "v.zip"
        )
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

"""A target's direction (added in migration 0008) is sealed like the rest of the row, and adding
the column changed no line, and so no seal, of rows written before it."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from planwatch.access import audit_content
from planwatch.storage import Store, content_seal
from planwatch.uploads import reference

_TARGETS = (
    "indicator,plan_id,year,kind,value,source_id,note,direction\n"
    "assessments,2022-2025,,baseline,182,talepapir-samraad-2024-06-04,,\n"
    "assessments,2022-2025,2025,target,300,talepapir-samraad-2024-06-04,,at_least\n"
)


def _loaded(tmp_path: Path) -> Store:
    data = tmp_path / "data"
    shutil.copytree(reference.DATA_DIR / "reference", data / "reference")
    shutil.copytree(reference.DATA_DIR / "demo", data / "demo")
    (data / "reference" / "targets.csv").write_text(_TARGETS, encoding="utf-8")
    store = Store(tmp_path / "targets.duckdb", lock_timeout=5.0)
    reference.load(store, data_dir=data)
    return store


def _lines(store: Store) -> dict[str, str]:
    with duckdb.connect(str(store.path), read_only=True) as connection:
        rows = connection.execute(
            "SELECT kind, version_id FROM target_versions ORDER BY kind"
        ).fetchall()
        units = [
            f"change-set:{c}"
            for (c,) in connection.execute(
                "SELECT DISTINCT change_set_id FROM target_versions"
            ).fetchall()
        ]
        lines = content_seal.rows(connection, units)
    by_version = {key: text for unit in lines.values() for (t, key), text in unit.items()}
    return {kind: by_version[str(version)] for kind, version in rows}


def _findings(store: Store) -> list[audit_content.Finding]:
    with duckdb.connect(str(store.path), read_only=True) as connection:
        from planwatch.storage import audit_log

        entries = audit_log.audit_entries(connection)
        return list(audit_content.check_content(connection, entries).findings)


def test_a_row_without_direction_is_sealed_as_before_the_column(tmp_path: Path) -> None:
    lines = _lines(_loaded(tmp_path))
    # the baseline's line has no "direction" key at all: the same text as before migration 0008
    assert '"direction"' not in lines["baseline"]
    assert lines["baseline"].endswith('"withdrawn":"false","note":null}')
    assert lines["target"].endswith('"note":null,"direction":"at_least"}')


def test_a_direction_changed_in_the_file_is_found(tmp_path: Path) -> None:
    store = _loaded(tmp_path)
    assert _findings(store) == []
    with duckdb.connect(str(store.path)) as connection:
        connection.execute("UPDATE target_versions SET direction = 'at_most' WHERE kind = 'target'")
    assert len(_findings(store)) == 1


def test_a_direction_given_to_a_baseline_in_the_file_is_found(tmp_path: Path) -> None:
    store = _loaded(tmp_path)
    with duckdb.connect(str(store.path)) as connection:
        connection.execute("UPDATE target_versions SET direction = 'about' WHERE kind = 'baseline'")
    assert len(_findings(store)) == 1

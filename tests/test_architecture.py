"""Layering is checked by a machine: import contracts, and the core never loads the UI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_import_contracts_hold() -> None:
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports"))],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.lower().replace("0 broken", "")


def test_importing_the_core_and_the_cli_does_not_load_streamlit() -> None:
    code = (
        "import sys, planwatch.cli, planwatch.reporting, planwatch.reference;"
        "import planwatch.corrections;"
        "print('streamlit' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip() == "False", result.stderr


def test_only_storage_mentions_duckdb_and_only_ui_mentions_streamlit() -> None:
    offenders = []
    for path in (REPO / "src" / "planwatch").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        relative = path.relative_to(REPO / "src").as_posix()
        if "import duckdb" in text and not relative.startswith("planwatch/storage/"):
            offenders.append(relative)
        if "import streamlit" in text and not relative.startswith("planwatch/ui/"):
            offenders.append(relative)
    assert offenders == []


def test_every_module_is_covered_by_the_contracts() -> None:
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    by_name = {c["name"]: c for c in contracts}
    no_streamlit = set(by_name["streamlit is imported only by planwatch.ui"]["source_modules"])
    no_duckdb = set(by_name["duckdb is imported only by planwatch.storage"]["source_modules"])
    layered = {
        m.strip() for layer in by_name["layers point one way"]["layers"] for m in layer.split("|")
    }
    package = REPO / "src" / "planwatch"
    modules = {f"planwatch.{p.stem}" for p in package.glob("*.py") if p.stem != "__init__"}
    modules |= {f"planwatch.{p.name}" for p in package.iterdir() if (p / "__init__.py").exists()}
    assert modules - {"planwatch.ui"} <= no_streamlit
    assert modules - {"planwatch.storage"} <= no_duckdb
    assert modules <= layered

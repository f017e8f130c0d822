"""Layering is checked by a machine: import contracts, and the core never loads the UI."""

from __future__ import annotations

import re
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
        "import sys, planwatch.cli, planwatch.figures.reporting, planwatch.uploads.reference;"
        "import planwatch.figures.corrections;"
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


KERNEL = {"errors", "settings", "formatting", "spreadsheet_safety"}
"""The only modules allowed at the root of ``src/planwatch``; everything else is in a package."""

PACKAGE = REPO / "src" / "planwatch"
MAX_LINES = 800


def _contracts() -> dict[str, dict[str, object]]:
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["name"]: c for c in config["tool"]["importlinter"]["contracts"]}


def _top_level() -> set[str]:
    modules = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    return {f"planwatch.{name}" for name in modules | packages}


def test_the_root_holds_only_the_kernel() -> None:
    root_modules = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    assert root_modules == KERNEL


def test_every_package_says_what_lives_there_and_what_it_may_import() -> None:
    for init in PACKAGE.glob("*/__init__.py"):
        text = init.read_text(encoding="utf-8")
        assert text.startswith('"""'), f"{init} has no docstring"
        if init.parent.name not in {"domain", "storage", "ui"}:
            assert "May import" in text, f"{init} does not say what it may import"


def test_no_module_is_over_800_lines() -> None:
    long = {
        path.relative_to(PACKAGE).as_posix(): n
        for path in PACKAGE.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_no_planwatch_module_is_imported_under_another_name() -> None:
    aliased = []
    pattern = re.compile(r"^\s*from planwatch[\w.]* import (\w+) as (\w+)", re.M)
    for path in [*PACKAGE.rglob("*.py"), *(REPO / "tests").rglob("*.py")]:
        for name, alias in pattern.findall(path.read_text(encoding="utf-8")):
            if name != alias:
                aliased.append(f"{path.relative_to(REPO)}: {name} as {alias}")
    assert aliased == []


def test_the_contracts_name_every_package_and_kernel_module() -> None:
    by_name = _contracts()
    no_streamlit = set(by_name["streamlit is imported only by planwatch.ui"]["source_modules"])
    no_duckdb = set(by_name["duckdb is imported only by planwatch.storage"]["source_modules"])
    layers = by_name["layers point one way"]["layers"]
    layered = [m.strip() for layer in layers for m in layer.split("|")]
    modules = _top_level()
    assert no_streamlit == modules - {"planwatch.ui"}
    assert no_duckdb == modules - {"planwatch.storage"}
    assert sorted(layered) == sorted(modules), "each package in exactly one layer"
    assert all(m.startswith("planwatch.") and "." not in m[len("planwatch.") :] for m in layered)

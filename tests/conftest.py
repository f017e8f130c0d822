from __future__ import annotations

import functools
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from planwatch.storage import Store
from planwatch.uploads import reference
from tests import clock, scenarios
from tests.scenarios import RunningYear

REPO = Path(__file__).resolve().parents[1]
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session", autouse=True)
def _streamlit_components_scanned_once() -> Iterator[None]:
    """Streamlit's ``AppTest`` scans every installed package's metadata for components at the
    first run of each ``AppTest`` (about 0.3 s; a server does it once, at start). The packages
    do not change during a test run, so each test process scans once and every ``AppTest``
    gets the same list: minutes of CPU in a full run."""
    from streamlit.components.v2 import manifest_scanner

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            manifest_scanner,
            "scan_component_manifests",
            functools.cache(manifest_scanner.scan_component_manifests),
        )
        yield


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database built once per run with `init --demo`; tests get their own copy."""
    path = tmp_path_factory.mktemp("template") / "demo.duckdb"
    reference.load(Store(path), demo=True)
    clock.mark_built(path)
    return path


@pytest.fixture
def demo_store(demo_db_template: Path, tmp_path: Path) -> Store:
    path = tmp_path / "planwatch.duckdb"
    shutil.copy(demo_db_template, path)
    return Store(path, lock_timeout=5.0)


@pytest.fixture
def empty_store(tmp_path: Path) -> Store:
    return Store(tmp_path / "empty.duckdb", lock_timeout=5.0)


@pytest.fixture(scope="session")
def users_db_template(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database plus one user per role (``viewer1`` … ``admin1``, password
    ``tests.actors.PASSWORD``), built once per run."""
    from tests.actors import make_users

    path = tmp_path_factory.mktemp("users-template") / "users.duckdb"
    shutil.copy(demo_db_template, path)
    make_users(Store(path))
    clock.mark_built(path)
    return path


@pytest.fixture
def users_store(users_db_template: Path, tmp_path: Path) -> Store:
    path = tmp_path / "planwatch.duckdb"
    shutil.copy(users_db_template, path)
    return Store(path, lock_timeout=5.0)


@pytest.fixture(scope="session")
def running_year_template(
    users_db_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> RunningYear:
    """The users database after a running year of quarterly uploads (tests/scenarios.py),
    built once per run; use ``running_year`` for a copy of your own."""
    path = tmp_path_factory.mktemp("running-year") / "running.duckdb"
    shutil.copy(users_db_template, path)
    return scenarios.build(path)


@pytest.fixture
def running_year(running_year_template: RunningYear, tmp_path: Path) -> RunningYear:
    path = tmp_path / "running.duckdb"
    shutil.copy(running_year_template.path, path)
    return RunningYear(path, dict(running_year_template.moments))

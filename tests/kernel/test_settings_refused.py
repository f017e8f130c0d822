"""Every setting with a bad value is refused with a message that names the variable and says
what it takes: by ``load_settings``, and by a whole ``planwatch`` process, which exits 2 without
a traceback (issue 16). The small-count threshold takes 3 or more: below 3, counts of 1 and 2
persons would be published."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from planwatch.errors import UsageError
from planwatch.settings import SETTINGS, load_settings

# One bad value (or several) for every setting, and a word of what the message says it takes.
BAD_VALUES: dict[str, list[tuple[str, str]]] = {
    "db": [(".", "file")],
    "lock_timeout": [("soon", "seconds"), ("-1", "seconds")],
    "max_upload_mb": [("0", "megabytes"), ("big", "megabytes")],
    "max_upload_rows": [("0", "whole number"), ("1.5", "whole number")],
    "language": [("fr", "'da' or 'en'")],
    "auth": [("ldap", "'local' or 'oidc'")],
    "session_idle_minutes": [("-5", "minutes"), ("half an hour", "minutes")],
    "max_failed_signins": [("0", "whole number"), ("many", "whole number")],
    "lockout_minutes": [("-5", "minutes"), ("nan", "minutes")],
    "small_count_threshold": [("0", "3 or more"), ("2", "3 or more"), ("three", "3 or more")],
    "preliminary_days": [("-3", "days"), ("1.5", "days")],
}


def test_every_setting_has_bad_values_here() -> None:
    assert set(BAD_VALUES) == {spec.name for spec in SETTINGS}


@pytest.mark.parametrize(
    ("name", "raw", "takes"),
    [(name, raw, takes) for name, cases in BAD_VALUES.items() for raw, takes in cases],
)
def test_a_bad_value_names_the_variable_and_what_it_takes(name: str, raw: str, takes: str) -> None:
    variable = f"PLANWATCH_{name.upper()}"
    with pytest.raises(UsageError) as caught:
        load_settings({variable: raw})
    assert variable in caught.value.message_en and takes in caught.value.message_en
    assert variable in caught.value.message_da


@pytest.mark.parametrize("threshold", ["1", "2"])
def test_a_threshold_below_three_is_refused(threshold: str) -> None:
    with pytest.raises(UsageError, match="3 or more"):
        load_settings({"PLANWATCH_SMALL_COUNT_THRESHOLD": threshold})
    assert load_settings({"PLANWATCH_SMALL_COUNT_THRESHOLD": "3"}).small_count_threshold == 3
    assert load_settings({"PLANWATCH_SMALL_COUNT_THRESHOLD": "5"}).small_count_threshold == 5


def _planwatch(env: dict[str, str], *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PLANWATCH_")}
    return subprocess.run(
        [str(Path(sys.executable).with_name("planwatch")), *args],
        env={**clean, **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("name", "raw", "takes"),
    [(name, *cases[0]) for name, cases in BAD_VALUES.items()]
    + [("small_count_threshold", "2", "3 or more")],
)
def test_a_planwatch_process_with_a_bad_setting_exits_2_with_a_message(
    name: str, raw: str, takes: str, tmp_path: Path
) -> None:
    variable = f"PLANWATCH_{name.upper()}"
    done = _planwatch(
        {"PLANWATCH_DB": str(tmp_path / "x.duckdb"), variable: raw},
        "--lang",
        "en",
        "figure",
        "victims_assessed",
        "2023",
        cwd=tmp_path,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 2, output
    assert "Traceback" not in output
    assert variable in done.stderr and takes in done.stderr, output


def test_the_message_is_danish_by_default_and_json_with_json(tmp_path: Path) -> None:
    env = {"PLANWATCH_SESSION_IDLE_MINUTES": "-5"}
    danish = _planwatch(env, "figure", "victims_assessed", "2023", cwd=tmp_path)
    assert danish.returncode == 2 and "Traceback" not in danish.stderr
    assert "Indstillingen PLANWATCH_SESSION_IDLE_MINUTES" in danish.stderr
    as_json = _planwatch(env, "--json", "figure", "victims_assessed", "2023", cwd=tmp_path)
    assert as_json.returncode == 2 and "Traceback" not in as_json.stderr
    assert '"error"' in as_json.stdout and "PLANWATCH_SESSION_IDLE_MINUTES" in as_json.stdout

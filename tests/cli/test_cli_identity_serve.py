"""What planwatch asks of Streamlit for a browser it does not trust (issue 16): cross-site
request forgery protection on, cross-origin access off, static files only from static/ (which
holds nothing but the app's fonts: tests/ui/test_frame.py), no usage statistics,
no error details, in ``planwatch serve`` and in ``.streamlit/config.toml`` (``streamlit run``).
The headers Streamlit cannot set are the reverse proxy's (docs/operations.md)."""

from __future__ import annotations

import tomllib

from click.testing import CliRunner

from planwatch.cli import main
from planwatch.settings import THEME_FILE
from planwatch.storage import Store
from tests.paths import REPO

HARDENED = {
    "server.enableXsrfProtection": "true",
    "server.enableCORS": "true",  # Streamlit's name for its cross-origin protection
    "server.enableStaticServing": "true",  # the fonts, and only they (tests/ui/test_frame.py)
    "browser.gatherUsageStats": "false",
    "client.showErrorDetails": "none",
    "global.developmentMode": "false",
}
# Not a protection, but set the same two ways: no full garbage collection after every script
# run, half the server's CPU under load (issue 17; the served app: tests/ui/test_script_gc.py).
SPEED = {"runner.postScriptGC": "false"}


def test_serve_passes_streamlit_its_protections(users_store: Store) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(users_store.path), "--print"])
    assert result.exit_code == 0, result.output
    for option, value in {**HARDENED, **SPEED}.items():
        assert f"--{option} {value}" in result.output, option
    assert "--server.corsAllowedOrigins" not in result.output  # no origin is let in
    assert f"--theme.base {THEME_FILE}" in result.output  # the look, wherever it is started


def test_the_streamlit_config_file_sets_the_same() -> None:
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    for option, value in {**HARDENED, **SPEED}.items():
        if option.startswith("global."):
            continue  # only for serve: the tests run the app from the source tree
        section, key = option.split(".")
        assert str(config[section][key]).lower() == value, option

"""Serving the app: ``serve`` runs Streamlit with planwatch's production settings."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from planwatch.cli.common import Context, with_context
from planwatch.errors import StorageError
from planwatch.settings import APP_SCRIPT, THEME_FILE, load_settings
from planwatch.storage import migrations
from planwatch.storage.connection import Store


def _serve_command(address: str, port: int, base_path: str, max_upload_mb: float) -> list[str]:
    """Streamlit's own command line for the app, with planwatch's production settings."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP_SCRIPT),
        "--server.address",
        address,
        "--server.port",
        str(port),
        "--server.baseUrlPath",
        base_path.strip("/"),
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        "--server.runOnSave",
        "false",
        "--server.maxUploadSize",
        str(int(max_upload_mb) + 1),  # planwatch refuses bigger files itself, in words
        "--browser.gatherUsageStats",
        "false",
        # Protections for a browser planwatch does not trust (docs/operations.md has the
        # headers Streamlit cannot set, for the reverse proxy): cross-site request forgery
        # tokens, no cross-origin access (Streamlit's "CORS protection"; no allowed origins),
        # static files only from static/, which holds nothing but the app's fonts.
        "--server.enableXsrfProtection",
        "true",
        "--server.enableCORS",
        "true",
        "--server.enableStaticServing",
        "true",
        "--theme.base",
        str(THEME_FILE),
        "--client.showErrorDetails",
        "none",
        "--client.toolbarMode",
        "minimal",
        "--global.developmentMode",
        "false",
        # No full garbage collection after every script run (Streamlit's default): half the
        # server's CPU under load (issue 17); Python's own collector still runs as it goes.
        "--runner.postScriptGC",
        "false",
    ]


@click.command("serve")
@click.option("--address", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", type=click.IntRange(1, 65535), default=8501, show_default=True)
@click.option(
    "--base-path",
    default="",
    help="Path the app is served under behind a reverse proxy, e.g. /planwatch.",
)
@click.option(
    "--secrets",
    "secrets_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="The secrets file ([auth] for single sign-on, [planwatch] settings), e.g. "
    "/etc/planwatch/secrets.toml (default: .streamlit/secrets.toml in the current folder).",
)
@click.option("--print", "print_only", is_flag=True, help="Print the command; do not start.")
@with_context(user=False)
def serve(
    ctx: Context,
    address: str,
    port: int,
    base_path: str,
    secrets_file: Path | None,
    print_only: bool,
) -> None:
    """Serve the app (Streamlit) on an address, port and base path, on the database."""
    import os
    import shlex

    store = ctx.store()
    if not store.exists():
        raise StorageError(
            f"Databasen {store.path} findes ikke. Opret den med 'planwatch init'.",
            f"The database {store.path} does not exist. Create it with 'planwatch init'.",
        )
    migrations.require_current(store)
    command = _serve_command(address, port, base_path, load_settings().max_upload_mb)
    if secrets_file is not None:
        command += ["--secrets.files", str(secrets_file.resolve())]
    environment = dict(os.environ, PLANWATCH_DB=str(store.path.resolve()))
    if print_only:
        click.echo(f"PLANWATCH_DB={shlex.quote(environment['PLANWATCH_DB'])} {shlex.join(command)}")
        return
    _keep_patterns(store)
    sys.stdout.flush()
    os.execve(sys.executable, command, environment)  # noqa: S606 - our own interpreter


def _keep_patterns(store: Store) -> None:
    """Start ``planwatch db patterns`` beside the server, at a lower priority: it solves the
    small-count patterns not yet kept in the database (after an upgrade, a restore, figures
    loaded outside the app), so that the first visitors of a new server process find them
    (issue 17: 28-31 s on the 1000x database otherwise). The server does not wait for it: its
    pages solve what they need meanwhile, as before. Its output goes where the server's goes."""
    import subprocess

    command = [
        sys.executable,
        "-c",
        "import sys; from planwatch.cli import main; sys.exit(main())",
        "--db",
        str(store.path.resolve()),
        "db",
        "patterns",
        "--low-priority",
    ]
    subprocess.Popen(command, start_new_session=True, stdin=subprocess.DEVNULL)  # noqa: S603

"""Users and roles: ``users add/list/disable/enable/grant/revoke/password``."""

from __future__ import annotations

import sys

import click

from planwatch.cli.common import Context, cli_origin, echo_result, with_context
from planwatch.storage import migrations


def _read_password(stdin: bool, prompt_da: str, prompt_en: str, language: str) -> str:
    """A password from standard input (one line) or prompted twice without echo."""
    if stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    prompt = prompt_da if language == "da" else prompt_en
    value: str = click.prompt(prompt, hide_input=True, confirmation_prompt=True)
    return value


@click.group()
def users() -> None:
    """Users and roles (admins). Passwords are prompted or read from standard input."""


@users.command("add")
@click.argument("name")
@click.option(
    "--role",
    "roles",
    multiple=True,
    required=True,
    help="viewer, uploader, approver, auditor or admin (repeat for several).",
)
@click.option("--display-name", default=None, help="Full name shown in the app.")
@click.option("--email", default=None, help="E-mail for single sign-on (OIDC).")
@click.option("--subject", default=None, help="The identity provider's subject (OIDC).")
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from standard input (one line)."
)
@click.option("--no-password", is_flag=True, help="Single sign-on only: no local password.")
@with_context()
def users_add(
    ctx: Context,
    name: str,
    roles: tuple[str, ...],
    display_name: str | None,
    email: str | None,
    subject: str | None,
    password_stdin: bool,
    no_password: bool,
) -> None:
    """Add a user. The very first admin may be added without --user."""
    from planwatch.access import accounts

    store = ctx.store()
    migrations.migrate(store)
    by = ctx.actor(store)
    password = (
        None
        if no_password
        else _read_password(password_stdin, "Adgangskode", "Password", ctx.language)
    )
    info = accounts.add_user(
        store,
        by,
        name,
        roles,
        password=password,
        display_name=display_name,
        email=email,
        oidc_subject=subject,
        origin=cli_origin(),
    )
    echo_result(
        ctx,
        info,
        (f"Bruger tilføjet: {info.name} ({', '.join(r.value for r in info.roles)})")
        if ctx.language == "da"
        else f"User added: {info.name} ({', '.join(r.value for r in info.roles)})",
    )


@users.command("list")
@with_context()
def users_list(ctx: Context) -> None:
    """List users, their roles and whether they are disabled or locked."""
    from planwatch.access import accounts

    store = ctx.store()
    found = accounts.list_users(store, ctx.actor(store))
    da = ctx.language == "da"
    lines = []
    for u in found:
        notes = []
        if u.disabled:
            notes.append("deaktiveret" if da else "disabled")
        if u.locked_until is not None:
            notes.append(
                f"{'spærret til' if da else 'locked until'} {u.locked_until:%Y-%m-%d %H:%M}"
            )
        roles = ",".join(r.value for r in u.roles)
        lines.append(f"{u.name:<24} {roles:<36} {' '.join(notes)}".rstrip())
    echo_result(ctx, found, "\n".join(lines))


def _set_disabled(ctx: Context, name: str, disabled: bool) -> None:
    from planwatch.access import accounts

    store = ctx.store()
    accounts.set_disabled(store, ctx.actor(store), name, disabled, origin=cli_origin())
    da = ctx.language == "da"
    state = ("deaktiveret" if da else "disabled") if disabled else ("aktiv" if da else "enabled")
    echo_result(ctx, {"name": name, "disabled": disabled}, f"{name}: {state}")


@users.command("disable")
@click.argument("name")
@with_context()
def users_disable(ctx: Context, name: str) -> None:
    """Disable a user: they can no longer sign in. Users are never deleted."""
    _set_disabled(ctx, name, True)


@users.command("enable")
@click.argument("name")
@with_context()
def users_enable(ctx: Context, name: str) -> None:
    """Enable a disabled user again."""
    _set_disabled(ctx, name, False)


@users.command("grant")
@click.argument("name")
@click.argument("role")
@with_context()
def users_grant(ctx: Context, name: str, role: str) -> None:
    """Give a user a role."""
    _change_role(ctx, name, role, grant=True)


@users.command("revoke")
@click.argument("name")
@click.argument("role")
@with_context()
def users_revoke(ctx: Context, name: str, role: str) -> None:
    """Take a role from a user."""
    _change_role(ctx, name, role, grant=False)


def _change_role(ctx: Context, name: str, role: str, *, grant: bool) -> None:
    from planwatch.access import accounts

    store = ctx.store()
    changed = accounts.change_role(store, ctx.actor(store), name, role, grant, origin=cli_origin())
    sign = "+" if grant else "-"
    echo_result(ctx, {"name": name, "role": role, "changed": changed}, f"{name} {sign} {role}")


@users.command("password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_context()
def users_password(ctx: Context, name: str, password_stdin: bool) -> None:
    """Set a user's password (admins; or a user their own)."""
    from planwatch.access import accounts

    store = ctx.store()
    by = ctx.actor(store)
    password = _read_password(password_stdin, "Ny adgangskode", "New password", ctx.language)
    accounts.set_password(store, by, name, password, origin=cli_origin())
    echo_result(ctx, {"name": name}, "OK")

"""Users and roles: ``users add/list/disable/enable/grant/revoke/password``; the command line's
identity: ``users map-os-user``, ``users os-users`` and ``users token create/list/revoke``."""

from __future__ import annotations

import sys

import click

from planwatch.cli.common import Context, cli_origin, echo_result, printable, with_context
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
    text = (
        (f"Bruger tilføjet: {printable(info.name)} ({', '.join(r.value for r in info.roles)})")
        if ctx.language == "da"
        else f"User added: {printable(info.name)} ({', '.join(r.value for r in info.roles)})"
    )
    if by is None:  # the very first admin: the account that made them acts as them from now on
        from planwatch.access import tokens

        os_user = tokens.os_account()
        first = accounts.actor_for(store, info.name, origin=cli_origin())
        tokens.map_os_user(store, first, os_user, info.name, origin=cli_origin())
        text += (
            f"\nStyresystemkontoen {printable(os_user)} handler nu som {printable(info.name)} på "
            "kommandolinjen."
            if ctx.language == "da"
            else f"\nThe operating-system account {printable(os_user)} now acts as "
            f"{printable(info.name)} on the "
            "command line."
        )
    echo_result(ctx, info, text)


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
        if u.needs_new_password:
            notes.append("venter på ny adgangskode" if da else "waiting for a new password")
        if u.locked_until is not None:
            notes.append(
                f"{'spærret til' if da else 'locked until'} {u.locked_until:%Y-%m-%d %H:%M}"
            )
        roles = ",".join(r.value for r in u.roles)
        lines.append(f"{printable(u.name):<24} {roles:<36} {' '.join(notes)}".rstrip())
    echo_result(ctx, found, "\n".join(lines))


def _set_disabled(ctx: Context, name: str, disabled: bool) -> None:
    from planwatch.access import accounts

    store = ctx.store()
    accounts.set_disabled(store, ctx.actor(store), name, disabled, origin=cli_origin())
    da = ctx.language == "da"
    state = ("deaktiveret" if da else "disabled") if disabled else ("aktiv" if da else "enabled")
    echo_result(ctx, {"name": name, "disabled": disabled}, f"{printable(name)}: {state}")


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
    echo_result(
        ctx,
        {"name": name, "role": role, "changed": changed},
        f"{printable(name)} {sign} {printable(role)}",
    )


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


@users.command("unbind-sso")
@click.argument("name")
@with_context()
def users_unbind_sso(ctx: Context, name: str) -> None:
    """Forget the single sign-on identity a user is bound to: their next sign-in with a verified
    e-mail binds the account again (admins)."""
    from planwatch.access import accounts

    store = ctx.store()
    changed = accounts.unbind_sso(store, ctx.actor(store), name, origin=cli_origin())
    da = ctx.language == "da"
    text = (
        (
            f"{printable(name)}: ikke længere knyttet"
            if da
            else f"{printable(name)}: no longer bound"
        )
        if changed
        else (f"{printable(name)}: var ikke knyttet" if da else f"{printable(name)}: was not bound")
    )
    echo_result(ctx, {"name": name, "changed": changed}, text)


@users.command("map-os-user")
@click.argument("os_user")
@click.argument("name", required=False)
@click.option("--remove", is_flag=True, help="Remove the account's mapping instead.")
@with_context()
def users_map_os_user(ctx: Context, os_user: str, name: str | None, remove: bool) -> None:
    """Let an operating-system account act as a planwatch user on the command line (admins, or
    the account that owns the database file)."""
    import os

    from planwatch.access import tokens
    from planwatch.errors import UsageError

    if (name is None) != remove:
        raise UsageError(
            "Angiv enten en planwatch-bruger eller --remove.",
            "Give either a planwatch user or --remove.",
        )
    store = ctx.store()
    by = ctx.actor(store)
    owner = store.exists() and store.path.stat().st_uid == os.geteuid()
    before = tokens.map_os_user(
        store,
        by,
        os_user,
        name,
        origin=cli_origin(),
        file_owner=tokens.os_account() if owner else None,
    )
    da = ctx.language == "da"
    if name is None:
        text = f"{printable(os_user)}: {'ingen' if da else 'none'}"
    else:
        text = f"{printable(os_user)} -> {printable(name.strip().lower())}"
    echo_result(ctx, {"os_user": os_user, "name": name, "before": before}, text)


@users.command("os-users")
@with_context()
def users_os_users(ctx: Context) -> None:
    """List which operating-system account acts as which planwatch user (admins)."""
    from planwatch.access import tokens

    store = ctx.store()
    found = tokens.os_user_mappings(store, ctx.actor(store))
    echo_result(
        ctx,
        found,
        "\n".join(f"{printable(m['os_user']):<24} {printable(m['name'])}" for m in found),
    )


@users.group("token")
def token() -> None:
    """Personal tokens for the command line ($PLANWATCH_TOKEN): shown once, kept hashed."""


@token.command("create")
@click.argument("name", required=False)
@click.option("--label", default="", help="What the token is for, e.g. the machine.")
@with_context()
def token_create(ctx: Context, name: str | None, label: str) -> None:
    """Make a personal token for yourself (or, as an admin, for NAME). It is printed once."""
    from planwatch.access import tokens

    store = ctx.store()
    info, secret = tokens.create_token(
        store, ctx.actor(store), name, label=label, origin=cli_origin()
    )
    da = ctx.language == "da"
    text = "\n".join(
        [
            secret,
            (
                f"Nøgle #{info.token_id} for {printable(info.name)}. "
                "Den vises kun denne ene gang; sæt "
                f"{tokens.TOKEN_ENV} til den. Tilbagekald den med 'planwatch users token revoke "
                f"{info.token_id}'."
                if da
                else f"Token #{info.token_id} for {printable(info.name)}. "
                "It is shown this once only; set "
                f"{tokens.TOKEN_ENV} to it. Revoke it with 'planwatch users token revoke "
                f"{info.token_id}'."
            ),
        ]
    )
    echo_result(ctx, {"token": secret, "info": info}, text)


@token.command("list")
@click.argument("name", required=False)
@with_context()
def token_list(ctx: Context, name: str | None) -> None:
    """List your tokens (admins: everyone's, or NAME's); never the tokens themselves."""
    from planwatch.access import tokens

    store = ctx.store()
    found = tokens.list_tokens(store, ctx.actor(store), name)
    da = ctx.language == "da"
    lines = []
    for t in found:
        state = (
            (
                f"tilbagekaldt {t.revoked_at:%Y-%m-%d %H:%M}"
                if da
                else f"revoked {t.revoked_at:%Y-%m-%d %H:%M}"
            )
            if t.revoked_at is not None
            else ("gyldig" if da else "valid")
        )
        made = f"{t.created_at:%Y-%m-%d %H:%M}"
        lines.append(
            f"#{t.token_id:<5} {printable(t.name):<24} {made}  {state}  "
            f"{printable(t.label)}".rstrip()
        )
    echo_result(ctx, found, "\n".join(lines))


@token.command("revoke")
@click.argument("token_id", type=int)
@with_context()
def token_revoke(ctx: Context, token_id: int) -> None:
    """Revoke a token (its owner or an admin): it no longer proves anyone."""
    from planwatch.access import tokens

    store = ctx.store()
    changed = tokens.revoke_token(store, ctx.actor(store), token_id, origin=cli_origin())
    da = ctx.language == "da"
    echo_result(
        ctx,
        {"token_id": token_id, "revoked": True, "changed": changed},
        f"#{token_id}: {'tilbagekaldt' if da else 'revoked'}",
    )

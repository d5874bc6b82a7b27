"""``interlinear keys``: create, list and revoke API keys."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Column, Table

from service.cli_common import Typer, err
from service.settings import get_settings
from service.storage.db import Database, database_for

keys_app = Typer(help="API keys: one per client, each belonging to a tenant.", no_args_is_help=True)

DatabaseOption = Annotated[str | None, typer.Option(help="Default: INTERLINEAR_DATABASE_URL.")]


def _database(url: str | None) -> Database:
    return database_for(url or get_settings().database_url)


@keys_app.command("create")
def create(
    tenant: Annotated[str, typer.Option(help="Whose documents the key reads and writes, e.g. 'newsroom-a'.")],
    name: Annotated[str | None, typer.Option(help="A note to tell keys apart, e.g. 'scraper'.")] = None,
    rate_limit: Annotated[
        str | None,
        typer.Option(help="e.g. '60/minute' or '10/second;1000/hour'; default INTERLINEAR_RATE_LIMIT."),
    ] = None,
    daily_chars: Annotated[
        int | None, typer.Option(min=1, help="Characters per UTC day; default INTERLINEAR_DAILY_CHARS.")
    ] = None,
    role: Annotated[
        str,
        typer.Option(
            help="reader: reads only; editor: also submits articles and corrects translations; "
            "admin: also changes glossaries."
        ),
    ] = "editor",
    max_priority: Annotated[
        str | None,
        typer.Option(
            help="The most urgent job priority the key may ask for: breaking, normal or bulk, in any "
            "case (e.g. normal for a scraper); default: any."
        ),
    ] = None,
    database_url: DatabaseOption = None,
) -> None:
    """Create a key and print it. Only its hash is stored: copy it now, it cannot be shown again."""
    from service.api_keys import PRIORITIES, ROLES, check_tenant, create_key, name_problem, parse_rate_limit
    from service.priorities import named

    try:
        check_tenant(tenant)
        if role not in ROLES:
            raise ValueError(f"--role {role!r}: use one of {', '.join(ROLES)}")
        if max_priority is not None:  # in any case, as the API takes a job's priority ("Normal")
            max_priority = named(max_priority)
            if max_priority not in PRIORITIES:
                raise ValueError(f"--max-priority {max_priority!r}: use one of {', '.join(PRIORITIES)}")
        if rate_limit is not None:
            parse_rate_limit(rate_limit)
        if name is not None and (problem := name_problem(name)):
            raise ValueError(f"--name: {problem}")
    except ValueError as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    with _database(database_url).session() as session:
        row, key = create_key(session, tenant, name, rate_limit, daily_chars, role, max_priority)
        err.print(
            f"{role} key {row.id} for tenant {row.tenant!r} created; the key (on standard output) is not "
            "kept: store it now",
            soft_wrap=True,
        )
    sys.stdout.write(
        key + "\n"
    )  # stdout carries the key alone, for scripts: KEY=$(interlinear keys create …)


@keys_app.command("list")
def list_(
    tenant: Annotated[str | None, typer.Option(help="Only this tenant's keys.")] = None,
    database_url: DatabaseOption = None,
) -> None:
    """Every key with its tenant, limits and state (never the key itself)."""
    from service.api_keys import list_keys

    settings = get_settings()
    headers = ("tenant", "role", "name", "starts with", "rate limit", "chars/day", "priority", "created",
               "revoked")  # fmt: skip
    rows: list[tuple[str, tuple[str, ...]]] = []
    with _database(database_url).session() as session:
        for row in list_keys(session, tenant):
            rows.append((row.id, (
                row.tenant,
                row.role,
                row.name or "",
                row.prefix + "…",
                row.rate_limit or f"{settings.rate_limit} (default)",
                str(row.daily_chars) if row.daily_chars is not None else f"{settings.daily_chars} (default)",
                f"up to {row.max_priority}" if row.max_priority else "any",
                f"{row.created_at:%Y-%m-%d %H:%M}",
                f"{row.revoked_at:%Y-%m-%d %H:%M}" if row.revoked_at else "",
            )))  # fmt: skip
    console = Console()  # created here: the terminal's width as it is now
    if console.width >= 140:
        # The id whole, on one line (`keys revoke` takes it); the rest wraps rather than being cut short.
        folded = (Column(header, overflow="fold") for header in headers)
        table = Table(Column("id", no_wrap=True, min_width=36), *folded)
        for key_id, values in rows:
            table.add_row(key_id, *values)
        console.print(table)
        return
    # A narrow terminal: one block per key, the id on a line of its own, each field labelled.
    for number, (key_id, values) in enumerate(rows):
        console.print(("\n" if number else "") + f"[bold]{key_id}[/]", highlight=False, soft_wrap=True)
        for header, value in zip(headers, values, strict=True):
            if value:
                console.print(f"  {header + ':':<13}{value}", highlight=False)
    if not rows:
        console.print("no keys" + (f" for tenant {tenant!r}" if tenant else ""), highlight=False)


@keys_app.command("revoke")
def revoke(key_id: str, database_url: DatabaseOption = None) -> None:
    """Revoke a key by its id (from `interlinear keys list`); requests with it then get 401."""
    from service.api_keys import revoke_key
    from service.storage.tables import ApiKey

    with _database(database_url).session() as session:
        row = session.get(ApiKey, key_id)
        if row is not None and row.revoked_at is not None:  # the state asked for holds: no error
            when = row.revoked_at.strftime("%Y-%m-%d %H:%M UTC")
            err.print(f"key {key_id} was already revoked on {when}; nothing changed", highlight=False)
            return
        if not revoke_key(session, key_id):
            err.print(f"[bold red]error:[/] no key {key_id}; see `interlinear keys list` for the ids")
            raise typer.Exit(2)
    err.print(f"key {key_id} revoked")

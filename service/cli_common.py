"""What the command-line modules share: the consoles, errors, settings from options, progress."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from service.settings import Settings, get_settings

out = Console()
err = Console(stderr=True)


def fail(message: str, code: int) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def settings_with(model_dir: Path | None, database_url: str | None) -> Settings:
    updates: dict[str, object] = {}
    if model_dir is not None:
        updates["model_dir"] = model_dir
    if database_url is not None:
        updates["database_url"] = database_url
    return get_settings().model_copy(update=updates)


def quiet_transformers() -> None:
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()


def progress_bar() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("sentences"),
        TimeRemainingColumn(),
        console=err,
        transient=False,
    )

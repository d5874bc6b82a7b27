"""What the command-line modules share: the consoles, errors, settings from options, progress."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from service.settings import Settings, get_settings

# A message is one line however wide the terminal, or none (a pipe, a log): the terminal wraps it
# where it must. Rich's default cut it at 80 columns in a pipe (found by a newcomer: "one line per
# flag" and a refusal's one line became two for a script). Tables still fit the width.
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class _FlagsWithoutType:
    """Typer's help shows a value type after every option, ``--json <bool>`` and ``--help <bool>``
    (found by an outside tester): a flag takes no value, so it shows none."""

    def get_params(self, ctx: Any) -> Any:
        params = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            if isinstance(param, typer.core.TyperOption) and param.is_flag and param.metavar is None:
                param.metavar = ""  # typer shows a metavar in place of the type
        return params


def help_paragraphs(text: str) -> str:
    """A command's docstring as its help shows it: each paragraph one run of text that the terminal's
    width wraps, as click writes it, where this typer's rich help kept every line break of the
    source (at 80 columns a sentence broke after "one line and", a newcomer's finding). A paragraph
    whose first line is ``\\b`` keeps its lines (a list, a table), without the marker, which typer's
    rich help would print as it is."""
    paragraphs = inspect.cleandoc(text).split("\n\n")
    kept = [p.partition("\n")[2] if p.startswith("\b") else " ".join(p.split("\n")) for p in paragraphs]
    return "\n\n".join(kept)


class Command(_FlagsWithoutType, typer.core.TyperCommand):
    """A command whose help reads as click writes it: arguments in capitals in the usage line
    (``ARTICLE``, ``[ARTICLE]`` when optional; typer wrote ``{article}``), flags without a type,
    paragraphs wrapped to the terminal's width (:func:`help_paragraphs`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.help:
            self.help = help_paragraphs(self.help)

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, typer.core.TyperArgument):
                name = (param.metavar or param.name or "").upper()
                name = name if param.required else f"[{name}]"
                pieces.append(name + ("..." if param.nargs != 1 else ""))
        return pieces


class Group(_FlagsWithoutType, typer.core.TyperGroup):
    """A group of commands whose own flags (``--help``, ``--install-completion``) show no type."""


class Typer(typer.Typer):
    """``typer.Typer`` with :class:`Group` and :class:`Command` unless another class is named."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", Group)
        super().__init__(**kwargs)

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", Command)
        return super().command(*args, **kwargs)


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

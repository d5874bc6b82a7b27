"""The command line run inside the test process: the same typer app ``python -m service.cli`` runs,
without a new interpreter importing torch for every command (a subprocess each cost the suite
about 5 s). Tests that need a real process (one they kill, the ``python -m`` entry itself) keep
``subprocess``."""

from __future__ import annotations

import itertools
import subprocess
import traceback

from typer.testing import CliRunner

from service import cli_common, cli_keys
from service.cli import app
from service.settings import get_settings
from service.storage import db

_WIDTH = 200  # as a terminal this wide: rich wraps the tables and lines the tests read at 80


def invoke_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``interlinear ARGS`` with ``env`` added to the environment, as a finished process: exit
    status, standard output and standard error (with the traceback of an unexpected error, as a
    process would print it)."""
    environment = {"COLUMNS": str(_WIDTH), "HF_HUB_OFFLINE": "1", "NO_COLOR": "1", **(env or {})}
    consoles = (cli_common.out, cli_common.err, cli_keys.err)  # made once, when the CLI is imported
    widths = [console._width for console in consoles]
    get_settings.cache_clear()  # the settings are read once per process: read them from `env`
    try:
        for console in consoles:
            console.width = _WIDTH
        result = CliRunner().invoke(app, list(args), env=environment)
    finally:
        for console, width in zip(consoles, widths, strict=True):
            console._width = width
        get_settings.cache_clear()
        db._database_for.cache_clear()  # a process's databases end with it
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout, stderr)


def help_text(*command: str, columns: int = 80) -> list[str]:
    """The lines of a command's help above its boxes of arguments and options (the usage line and
    the docstring's paragraphs), as a terminal ``columns`` wide shows them."""
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": str(columns), "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    return [line.rstrip() for line in lines[: next(n for n, line in enumerate(lines) if "─" in line)]]


def early_breaks(lines: list[str], columns: int = 80) -> list[str]:
    """Lines of a paragraph broken before the terminal's width made them break: the next line's
    first word would have fitted on them (with the margin of 2 that rich keeps)."""
    return [
        line
        for line, after in itertools.pairwise(lines)
        if line.strip() and after.strip() and len(line) + 1 + len(after.split()[0]) <= columns - 2
    ]

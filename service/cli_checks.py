"""``interlinear check``: the news checks on two aligned files, one sentence per line."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from service.checks.direction import swapped_hint
from service.checks.requests import check_pairs, language_refusal
from service.cli_common import err, fail, out
from service.errors import InterlinearError
from service.glossary.model import GlossaryEntry
from service.language_checks import normalised_code


def _lines(path: Path) -> list[str]:
    """The file's lines, less the blank lines at its end (an editor's trailing newline or two)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        while lines and not lines[-1].strip():
            lines.pop()
        return lines
    except OSError as exc:
        raise fail(f"cannot read {path}: {exc.strerror or exc}", 2) from exc
    except UnicodeDecodeError as exc:
        raise fail(f"{path} is not UTF-8 text; save it as UTF-8, one sentence per line", 2) from exc


def _glossary(path: Path, source_lang: str) -> Sequence[GlossaryEntry]:
    from service.glossary.term_files import read_csv, read_tbx

    try:
        if path.suffix.lower() == ".tbx":
            return read_tbx(path.read_bytes(), source_lang)
        return read_csv(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise fail(f"cannot read {path}: {exc.strerror or exc}", 2) from exc
    except UnicodeDecodeError as exc:
        raise fail(
            f"{path} is not UTF-8 text: a glossary is a .csv (UTF-8) or .tbx file as the API imports", 2
        ) from exc
    except ValueError as exc:
        raise fail(f"{path} is not a usable glossary: {exc}", 2) from exc


def check_command(
    source_file: Annotated[Path, typer.Argument(help="Source sentences, one per line.")],
    target_file: Annotated[Path, typer.Argument(help="Their translations, line by line.")],
    source_lang: Annotated[str, typer.Option("--from", help="Source language: de, en or ko.")] = "de",
    target_lang: Annotated[str, typer.Option("--to", help="Target language: de, en or ko.")] = "en",
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="One JSON object per flagged line on stdout (none when no line is flagged); the count "
            "goes to stderr.",
        ),
    ] = False,
    glossary: Annotated[
        Path | None,
        typer.Option(help="Glossary to check terms against: a .csv or .tbx file as the API imports."),
    ] = None,
) -> None:
    """Check translations line by line against their sources.

    SOURCE_FILE holds the sentences, one per line, and TARGET_FILE their translations (yours, a
    model's, a third party's) on the same lines. Each flag is printed as LINE: CHECK (SEVERITY):
    DETAIL, then how many lines were flagged ("0 of 3 lines flagged"). With --json, standard output
    holds one JSON object per flagged line (its "line" and its "flags"), nothing when none is, and
    the count goes to standard error.

    The two files are read as one article: a name or term translated one way in one line and
    another way elsewhere is flagged, so check one article per pair of files.

    Exit status: 1 when any line is flagged, 0 when none is, 2 when the files or options cannot
    be used.
    """
    refusal = language_refusal(source_lang, target_lang, ("--from", "--to"))
    if refusal is not None:
        raise fail(refusal, 2)
    sources, targets = _lines(source_file), _lines(target_file)
    if not sources and not targets:
        raise fail(
            f"{source_file} and {target_file} are empty: give one sentence and its translation per line", 2
        )
    if len(sources) != len(targets):
        raise fail(
            f"{source_file} has {len(sources)} lines and {target_file} {len(targets)}: the files must be "
            "aligned, one sentence and its translation per line",
            2,
        )
    entries = _glossary(glossary, normalised_code(source_lang)) if glossary is not None else []
    pairs = list(zip(sources, targets, strict=True))
    try:
        flags = check_pairs(pairs, source_lang, target_lang, entries)
    except InterlinearError as exc:
        raise fail(str(exc), 2) from exc
    hint = swapped_hint(pairs, normalised_code(source_lang), normalised_code(target_lang), ("--from", "--to"))
    if hint:
        err.print(f"note: {hint}", markup=False, highlight=False)
    flagged = 0
    for number, found in enumerate(flags, start=1):
        if not found:
            continue
        flagged += 1
        if as_json:
            typer.echo(
                json.dumps({"line": number, "flags": [f.model_dump() for f in found]}, ensure_ascii=False)
            )
            continue
        for f in found:
            out.print(f"{number}: {f.check} ({f.severity}): {f.detail or ''}", markup=False, highlight=False)
    summary = f"{flagged} of {len(flags)} line{'s' * (len(flags) != 1)} flagged"
    # with --json, stdout stays JSON lines: the count (the only word when no line is flagged) on stderr
    (err if as_json else out).print(summary, markup=False, highlight=False)
    raise typer.Exit(1 if flagged else 0)

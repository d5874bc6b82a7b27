"""Prompt templates for instruction-tuned models: one Jinja2 file per task and language.

Files live in ``prompts/`` at the repository root, named ``{task}.{lang}.j2`` (for example
``summarise_section.de.j2``), and open with a ``{# version: N #}`` comment. A summary made
with a prompt records the file name and the SHA-256 of the file's bytes, so any edit to a
prompt shows up in stored summaries even where the version comment was not bumped.

Variables the summary templates use (see ``workers.summarise.instruct``): ``text`` (the source
sentences joined with spaces), ``sentences`` (list of str), ``title`` (str or None),
``source_lang`` (ISO 639-1 code), ``max_sentences`` (int), ``max_chars`` (int or None).

Rendering is plain text: no HTML autoescaping, and ``StrictUndefined`` so a missing variable
fails loudly instead of rendering as an empty string.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import jinja2

from service.settings import REPO_ROOT

# ``service/prompts`` is a link to the repository's ``prompts/`` in a checkout, and the folder itself
# in an installed wheel: the same path finds the templates in both.
DEFAULT_PROMPTS_DIR = REPO_ROOT / "service" / "prompts"
SUFFIX = ".j2"

_TASK = re.compile(r"^[a-z][a-z0-9_]*$")
_LANG = re.compile(r"^[a-z]{2,3}$")
_VERSION = re.compile(r"\{#\s*version:\s*(\d+)\s*#\}")

_ENVIRONMENT = jinja2.Environment(
    undefined=jinja2.StrictUndefined,
    autoescape=False,  # plain-text prompts, never HTML
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)


class PromptTemplate:
    """One prompt file, hashed and compiled from the same bytes."""

    def __init__(self, path: Path, data: bytes) -> None:
        self.path = path
        self.name = path.name
        self.sha256 = hashlib.sha256(data).hexdigest()
        self.source = data.decode("utf-8")
        match = _VERSION.search(self.source)
        self.version: int | None = int(match.group(1)) if match else None
        try:
            self._template = _ENVIRONMENT.from_string(self.source)
        except jinja2.TemplateSyntaxError as exc:
            raise ValueError(
                f"prompt {path} has a template error on line {exc.lineno}: {exc.message}"
            ) from exc

    def render(self, **context: Any) -> str:
        """The prompt text, stripped of leading and trailing whitespace."""
        return self._template.render(**context).strip()

    def __repr__(self) -> str:
        return f"PromptTemplate(name={self.name!r}, version={self.version}, sha256={self.sha256[:12]}…)"


def available_prompts(prompts_dir: Path | None = None) -> list[str]:
    folder = Path(prompts_dir) if prompts_dir is not None else DEFAULT_PROMPTS_DIR
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_file() and p.name.endswith(SUFFIX))


def load_prompt(task: str, lang: str, prompts_dir: Path | None = None) -> PromptTemplate:
    """The template ``{task}.{lang}.j2`` from ``prompts_dir`` (default: the repository's ``prompts/``).

    Raises :class:`LookupError` naming the templates that do exist when there is none for
    this task and language.
    """
    folder = Path(prompts_dir) if prompts_dir is not None else DEFAULT_PROMPTS_DIR
    if not _TASK.match(task) or not _LANG.match(lang):
        raise LookupError(
            f"no prompt for task {task!r} in language {lang!r}: task must be a lowercase identifier "
            f"and lang an ISO 639-1 code; available in {folder}: {available_prompts(folder)}"
        )
    path = folder / f"{task}.{lang}{SUFFIX}"
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LookupError(
            f"no prompt {path.name} in {folder}; available: {available_prompts(folder) or 'none'}"
        ) from None
    return PromptTemplate(path, data)

"""Standalone HTML export: source and translations side by side in one self-contained file.

The page has the web view's structure and style (``service/web/templates/document.html``) but is
its own template, ``templates/standalone.html``: the web template extends the site layout and
links to the live JSON API inside its content block, with no switch to leave that out, so it
cannot render a file that works offline without being edited. The export's page has its CSS
inline, no scripts, no links and no external resources; it also shows the front and back
matter and which models made each column. Jinja2 autoescapes every value.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template

from service.aligned import AlignedDocument
from service.exports import restrict
from service.segment_places import role_words

TEMPLATES = Path(__file__).parent / "templates"
LANGUAGE_NAMES = {"de": "Deutsch", "en": "English", "ko": "한국어"}


@cache
def _template() -> Template:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # every template here is HTML
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals["role_words"] = role_words  # "title (repeated)", not "title_repeat"
    return environment.get_template("standalone.html")


def _tool_version() -> str:
    try:
        return version("interlinear")
    except PackageNotFoundError:  # pragma: no cover - running from a tree that is not installed
        return ""


def render(document: AlignedDocument, target_langs: list[str]) -> bytes:
    """The page as UTF-8 bytes; one column for the source, one per language in ``target_langs``."""
    doc = restrict(document, target_langs)
    columns = [doc.source_lang, *target_langs]
    models: dict[str, list[str]] = {}
    for lang in target_langs:
        labels = {
            f"{output.model_id} @ {output.model_revision} ({output.engine})"
            for segment in doc.all_segments()
            if (output := segment.translations.get(lang)) is not None
        }
        models[lang] = sorted(labels)
    page = _template().render(
        doc=doc, columns=columns, names=LANGUAGE_NAMES, models=models, tool_version=_tool_version()
    )
    return page.encode("utf-8")

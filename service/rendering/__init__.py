"""Rendering: a stored document rebuilt in the format it came in, holding a translation.

``render_document`` takes the aligned document (so a human correction is what is rendered), the
stored source (the page's HTML, the Markdown, the uploaded .docx) and a target language, reads
the source's blocks again (:mod:`.html_render`, :mod:`.markdown`, :mod:`.docx`), finds the stored
sentences in them (:mod:`.placement`), moves each block's inline markup onto its translation
(:mod:`.transfer`) and writes the blocks back. What is not a translated sentence (code, tables'
markup, captions in another language, a page's navigation) comes back as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape as html_escape

from sqlalchemy.orm import Session

from service.aligned import AlignedDocument, aligned_document
from service.parse.pagetext import is_furniture
from service.rendering import docx, html_render, markdown
from service.rendering.inert import drop_active_content, inert_html
from service.rendering.inline import InlineText
from service.rendering.placement import Placement, Sentence, place
from service.rendering.scan import Located, Passage, scan
from service.rendering.transfer import transfer_markup
from service.storage.files import source_file
from service.storage.tables import Document

MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "markdown": "text/markdown; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
EXTENSIONS = {"html": "html", "markdown": "md", "docx": "docx"}
FORMATS = tuple(MEDIA_TYPES)


@dataclass(frozen=True)
class Rendered:
    content: bytes
    media_type: str
    extension: str
    sentences: int  # translated sentences written into the document
    passages: list[Passage]  # what is still in the source language, where, and why (:mod:`.scan`)

    @property
    def missing(self) -> int:
        """Passages left in the source language: not translated yet, not found again, not extracted."""
        return len(self.passages)


def formats_for(source_format: str, has_docx: bool) -> list[str]:
    """What a document can be rendered as: its own format, and HTML from Markdown."""
    if has_docx:
        return ["docx", "markdown", "html"]
    return {"html": ["html"], "markdown": ["markdown", "html"]}.get(source_format, [])


def rendered_format(document: AlignedDocument, has_docx: bool, fmt: str) -> str:
    """The format ``fmt`` names (default: the document's own) where the document renders in it;
    ``ValueError`` says what is possible instead (a plain text has no markup to render)."""
    available = formats_for(document.source_format, has_docx)
    fmt = fmt.strip().lower() or (available[0] if available else "")
    if fmt not in available:
        if not available:
            raise ValueError(
                f"document {document.id} was submitted as plain text: it has no markup to render; "
                "export its translation instead (json, tmx, xliff or side-by-side html): GET "
                f"/v1/documents/{document.id}/export, or `interlinear export {document.id} "
                "--format aligned-html`"
            )
        raise ValueError(f"document {document.id} renders as {', '.join(available)}, not {fmt!r}")
    return fmt


def render_document(document: AlignedDocument, source_text: str, docx_file: bytes | None, lang: str,
                    fmt: str) -> Rendered:  # fmt: skip
    """The document in ``fmt`` (default: its own) with its ``lang`` translation; ``ValueError`` says
    what is possible instead."""
    fmt = rendered_format(document, docx_file is not None, fmt)
    have = ", ".join(x for x in document.target_langs if x != document.source_lang) or "none yet"
    if lang == document.source_lang:
        raise ValueError(f"document {document.id} is in {lang}: render a target language (available: {have})")
    if lang not in document.target_langs:
        raise ValueError(
            f"document {document.id} has no translations into {lang} (yet: a job still running shows its "
            f"progress at GET /v1/jobs/ID); available: {have}"
        )
    segments = document.all_segments()
    sentences = [
        Sentence(s.text, s.translations[lang].text if s.translatable and lang in s.translations else None)
        for s in segments
    ]
    if fmt == "docx" and docx_file is not None:
        content, placement, located = _docx(docx_file, sentences)
    elif fmt == "html" and document.source_format == "html":
        text, placement, located = _html(source_text, sentences, lang)
        content = text.encode()
    else:
        text, placement, located = _markdown(source_text, sentences)
        if fmt == "html":
            title = next((s.translations[lang].text for s in segments
                          if s.role == "title" and lang in s.translations), document.title)  # fmt: skip
            text = inert_html(_page(markdown.to_html(text), lang, title))
        elif not text.endswith("\n"):
            text += "\n"  # a text file ends its last line (the stored source may not)
        content = text.encode()
    passages = scan(located, segments, lang, document.source_lang)
    return Rendered(content, MEDIA_TYPES[fmt], EXTENSIONS[fmt], placement.written, passages)


def _page(body: str, lang: str, title: str | None) -> str:
    """Markdown rendered as HTML: a whole page, so a saved file shows its characters right."""
    heading = html_escape(title or "")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n'
        f'<head><meta charset="utf-8"><title>{heading}</title></head>\n<body>\n{body}</body>\n</html>\n'
    )


def _translate(
    blocks: list[InlineText], sentences: list[Sentence]
) -> tuple[dict[int, InlineText], Placement]:
    placement = place([b.text for b in blocks], sentences)
    return {i: transfer_markup(blocks[i], pieces) for i, pieces in placement.pieces.items()}, placement


def _blocks_located(blocks: list[InlineText], translated: dict[int, InlineText], name: str) -> list[Located]:
    """Each block of a Markdown or Word source beside the text written in its place."""
    return [
        Located(f"{name} {i + 1}", block.text, translated[i].text if i in translated else block.text)
        for i, block in enumerate(blocks)
    ]


def _html(source: str, sentences: list[Sentence], lang: str) -> tuple[str, Placement, list[Located]]:
    page = html_render.read_html(source)
    before = {html_render.run_place(run): run for run in page.runs}
    furniture = {place: is_furniture(run) for place, run in before.items()}
    texts = {place: run.inline.text for place, run in before.items()}
    translated, placement = _translate([run.inline for run in page.runs], sentences)
    for i, inline in translated.items():
        html_render.write_run(page.runs[i], inline)
    html_render.set_language(page, lang)
    html_render.declare_utf8(page)
    drop_active_content(page.root)
    out = page.serialise()
    after = {html_render.run_place(run): run.inline.text for run in html_render.read_html(out).runs}
    located = [Located(place, texts[place], after.get(place, ""), furniture[place]) for place in before]
    return out, placement, located


def _markdown(source: str, sentences: list[Sentence]) -> tuple[str, Placement, list[Located]]:
    blocks = markdown.read_markdown(source)
    inlines = [b.inline for b in blocks]
    translated, placement = _translate(inlines, sentences)
    text = markdown.write_markdown(source, [(blocks[i], t) for i, t in translated.items()])
    return text, placement, _blocks_located(inlines, translated, "paragraph")


def _docx(data: bytes, sentences: list[Sentence]) -> tuple[bytes, Placement, list[Located]]:
    document, blocks = docx.read_docx(data)
    inlines = [b.inline for b in blocks]
    translated, placement = _translate(inlines, sentences)
    for i, inline in translated.items():
        docx.write_block(blocks[i], inline)
    return docx.save(document), placement, _blocks_located(inlines, translated, "paragraph")


def _docx_of(session: Session, document: Document) -> bytes | None:
    stored = source_file(session, document.id)
    return stored.data if stored is not None and stored.media_type == MEDIA_TYPES["docx"] else None


def render_stored(session: Session, document: Document, lang: str, fmt: str) -> Rendered:
    """A stored document rendered: its newest translations (corrections first) in its own format."""
    return render_document(
        aligned_document(document), document.source_text, _docx_of(session, document), lang, fmt
    )


def stored_format(session: Session, document: Document, fmt: str) -> str:
    """:func:`rendered_format` for a stored document (before its language is asked for)."""
    return rendered_format(aligned_document(document), _docx_of(session, document) is not None, fmt)

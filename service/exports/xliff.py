"""XLIFF 2.0 core export, built with lxml.

Layout (valid against the bundled ``schemas/xliff_core_2.0.xsd``, see
:func:`~service.exports.validate.validate_xliff`)::

    <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="en">
      <file id="{document id}">
        <unit id="f01">…</unit>                     front matter (the title), outside any group
        <group id="s01">                            one group per section, id = section key
          <unit id="s01.h">…</unit>                 the heading, then each sentence
          <unit id="s01.p01.01">
            <notes>
              <note category="x-model-id" appliesTo="target">…</note>   (also x-model-revision,
            </notes>                          x-engine, x-route, x-confidence, x-approved and one x-flag per
                                              flag of the checks)
            <segment state="translated"><source>…</source><target>…</target></segment>
          </unit>
        </group>
        …
      </file>
    </xliff>

Choices:

* **One target language per document.** XLIFF 2 has a single ``trgLang`` on ``<xliff>``, so an
  export carries exactly one: ``target_langs`` must resolve to one language (pass e.g.
  ``["en"]`` when the document has several), otherwise ``render`` raises ``ValueError`` listing
  the languages to choose from. For several targets, export once per language. A document with
  no translations yet (``target_langs == []``) exports source-only, without ``trgLang``.
* **Translatable segments only.** Each becomes a ``<unit id="{segment key}">``; one not yet
  translated into the target has a ``<segment>`` with ``<source>`` only (state ``initial``).
  Segments the project never translates (tags, captions, dates, boilerplate) are left out: they
  are not content to translate, and ``<ignorable>`` is meant for whitespace between segments.
* Model id/revision/engine/route ride in core ``<note>`` elements, categories named like the
  TMX props, so no extension namespace is needed.
"""

from __future__ import annotations

from lxml import etree

from service.aligned import AlignedDocument, AlignedSegment
from service.exports import xml_text
from service.exports.tmx import (
    PROP_ENGINE,
    PROP_MODEL_ID,
    PROP_MODEL_REVISION,
    PROP_ROUTE,
    review_props,
)

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"


def _q(name: str) -> str:
    return f"{{{XLIFF_NS}}}{name}"


def target_language(document: AlignedDocument, target_langs: list[str]) -> str | None:
    """The one target language of the export (``None``: nothing translated, source only)."""
    if len(target_langs) == 1:
        return target_langs[0]
    if not target_langs:
        return None
    raise ValueError(
        f"XLIFF 2 holds one target language per document; document {document.id} has "
        f"{', '.join(target_langs)}: export one of them at a time (the API's lang parameter, e.g. "
        f"?format=xliff&lang={target_langs[0]}; the CLI's --lang {target_langs[0]})"
    )


def _unit(parent: etree._Element, segment: AlignedSegment, target_lang: str | None) -> None:
    if not segment.translatable:
        return
    unit = etree.SubElement(parent, _q("unit"), id=segment.id)
    output = segment.translations.get(target_lang) if target_lang else None
    if output is not None:
        notes = etree.SubElement(unit, _q("notes"))
        for category, value in (
            (PROP_MODEL_ID, output.model_id),
            (PROP_MODEL_REVISION, output.model_revision),
            (PROP_ENGINE, output.engine),
            (PROP_ROUTE, output.route),
            *(
                [("x-author", output.author), ("x-created", output.created_at.isoformat())]
                if output.author
                else []
            ),
            *review_props(output),
        ):
            note = etree.SubElement(notes, _q("note"), category=category, appliesTo="target")
            note.text = xml_text(value)
    seg = etree.SubElement(unit, _q("segment"))
    source = etree.SubElement(seg, _q("source"))
    source.text = xml_text(segment.text)
    if output is not None:
        seg.set("state", "reviewed" if output.origin == "human" else "translated")
        target = etree.SubElement(seg, _q("target"))
        target.text = xml_text(output.text)


def render(document: AlignedDocument, target_langs: list[str]) -> bytes:
    """XLIFF 2.0 bytes (UTF-8) for ``document`` and its one target language."""
    target_lang = target_language(document, target_langs)
    root = etree.Element(_q("xliff"), nsmap={None: XLIFF_NS})
    root.set("version", "2.0")
    root.set("srcLang", document.source_lang)
    if target_lang is not None:
        root.set("trgLang", target_lang)
    file = etree.SubElement(root, _q("file"), id=document.id)
    for segment in document.front_matter:
        _unit(file, segment, target_lang)
    for section in document.sections:
        group = etree.SubElement(file, _q("group"), id=section.id)
        if section.heading is not None:
            _unit(group, section.heading, target_lang)
        for segment in section.segments:
            _unit(group, segment, target_lang)
    for segment in document.back_matter:
        _unit(file, segment, target_lang)
    if len(file) == 0:
        raise ValueError(f"document {document.id} has no sections and no translatable segments to export")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

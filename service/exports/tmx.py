"""TMX 1.4b export: one translation unit per translated sentence, built with lxml.

Layout (valid against the bundled ``schemas/tmx14.dtd``, see :func:`~service.exports.validate.validate_tmx`)::

    <tmx version="1.4">
      <header creationtool="Interlinear" creationtoolversion="…" segtype="sentence"
              o-tmf="Interlinear" adminlang="en" srclang="de" datatype="plaintext">
        <prop type="x-document-id">…</prop>
      </header>
      <body>
        <tu tuid="{document id}:{segment key}">
          <prop type="x-segment-key">s03.p01.02</prop> <prop type="x-role">body</prop>
          <tuv xml:lang="de"><seg>source sentence</seg></tuv>
          <tuv xml:lang="en" creationdate="20250619T101500Z">
            <prop type="x-model-id">…</prop> <prop type="x-model-revision">…</prop>
            <prop type="x-engine">…</prop> <prop type="x-route">…</prop>
            <prop type="x-confidence">-0.4213</prop> (model outputs) <prop type="x-approved">…</prop>
            <prop type="x-flag">numbers (major): 6.000 in the source, not in the translation</prop>
            <seg>translated sentence</seg>
          </tuv>
          … one more <tuv> per further target language
        </tu>
      </body>
    </tmx>

The header's ``creationdate`` is that of the newest exported translation (so the same data
exports to the same bytes). Only translatable segments with at least one exported translation
become units: tags, captions,
boilerplate and sentences not translated yet have no pair to exchange. A segment whose language
differs from the document's (a Korean caption in a German article) carries its own ``srclang``.
"""

from __future__ import annotations

import datetime as dt
from importlib.metadata import PackageNotFoundError, version

from lxml import etree

from service.aligned import AlignedDocument, Output
from service.exports import xml_text
from service.storage.tables import as_utc

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
CREATION_TOOL = "Interlinear"

PROP_DOCUMENT_ID = "x-document-id"
PROP_SEGMENT_KEY = "x-segment-key"
PROP_ROLE = "x-role"
PROP_MODEL_ID = "x-model-id"
PROP_MODEL_REVISION = "x-model-revision"
PROP_ENGINE = "x-engine"
PROP_ROUTE = "x-route"
PROP_FLAG = "x-flag"  # one per flag of the news checks: "numbers (major): 6.000 in the source, ..."
PROP_CONFIDENCE = "x-confidence"  # the engine's mean log-probability per token, model outputs only
PROP_APPROVED = "x-approved"  # who approved a model output unchanged, and when


def tuid(document_id: str, segment_key: str) -> str:
    """The ``tuid`` of a segment: document id and segment key, stable across exports."""
    return f"{document_id}:{segment_key}"


def tmx_date(value: dt.datetime) -> str:
    """TMX's date format, ``YYYYMMDDThhmmssZ`` in UTC."""
    return as_utc(value).strftime("%Y%m%dT%H%M%SZ")


def parse_tmx_date(value: str) -> dt.datetime:
    """The inverse of :func:`tmx_date`; raises ``ValueError`` on anything else."""
    return dt.datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)


def _tool_version() -> str:
    try:
        return version("interlinear")
    except PackageNotFoundError:  # pragma: no cover - running from a tree that is not installed
        return "unknown"


def _prop(parent: etree._Element, kind: str, value: str) -> None:
    prop = etree.SubElement(parent, "prop", type=kind)
    prop.text = xml_text(value)


def flag_texts(output: Output) -> list[str]:
    """Each flag of an output as one line: check, severity and what is wrong."""
    return [f"{f.check} ({f.severity})" + (f": {f.detail}" if f.detail else "") for f in output.flags]


def review_props(output: Output) -> list[tuple[str, str]]:
    """The output's confidence and approval, where it has them, then its flags, as (type, text)."""
    props: list[tuple[str, str]] = []
    if output.confidence is not None:
        props.append((PROP_CONFIDENCE, f"{output.confidence:.4f}"))
    if output.approved_by and output.approved_at:
        props.append((PROP_APPROVED, f"{output.approved_by} {output.approved_at.isoformat()}"))
    return props + [(PROP_FLAG, text) for text in flag_texts(output)]


def _seg(parent: etree._Element, text: str) -> None:
    seg = etree.SubElement(parent, "seg")
    seg.text = xml_text(text)


def _target_tuv(tu: etree._Element, lang: str, output: Output) -> None:
    tuv = etree.SubElement(tu, "tuv")
    tuv.set(XML_LANG, lang)
    tuv.set("creationdate", tmx_date(output.created_at))
    if output.author:  # a person's correction: who, and when
        tuv.set("creationid", output.author)
        tuv.set("changeid", output.author)
        tuv.set("changedate", tmx_date(output.created_at))
    _prop(tuv, PROP_MODEL_ID, output.model_id)
    _prop(tuv, PROP_MODEL_REVISION, output.model_revision)
    _prop(tuv, PROP_ENGINE, output.engine)
    _prop(tuv, PROP_ROUTE, output.route)
    for kind, text in review_props(output):
        _prop(tuv, kind, text)
    _seg(tuv, output.text)


def render(document: AlignedDocument, target_langs: list[str]) -> bytes:
    """TMX 1.4b bytes (UTF-8) for the translations of ``document`` into ``target_langs``."""
    root = etree.Element("tmx", version="1.4")
    header = etree.SubElement(root, "header")
    for name, value in (
        ("creationtool", CREATION_TOOL),
        ("creationtoolversion", _tool_version()),
        ("segtype", "sentence"),
        ("o-tmf", CREATION_TOOL),
        ("adminlang", "en"),
        ("srclang", document.source_lang),
        ("datatype", "plaintext"),
    ):
        header.set(name, value)
    _prop(header, PROP_DOCUMENT_ID, document.id)
    body = etree.SubElement(root, "body")
    newest: dt.datetime | None = None
    for segment in document.all_segments():
        if not segment.translatable:
            continue
        outputs = [
            (lang, segment.translations[lang]) for lang in target_langs if lang in segment.translations
        ]
        if not outputs:
            continue
        tu = etree.SubElement(body, "tu", tuid=tuid(document.id, segment.id))
        if segment.lang != document.source_lang:
            tu.set("srclang", segment.lang)
        _prop(tu, PROP_SEGMENT_KEY, segment.id)
        _prop(tu, PROP_ROLE, segment.role)
        source = etree.SubElement(tu, "tuv")
        source.set(XML_LANG, segment.lang)
        _seg(source, segment.text)
        for lang, output in outputs:
            _target_tuv(tu, lang, output)
            created = as_utc(output.created_at)
            newest = created if newest is None else max(newest, created)
    if newest is not None:
        header.set("creationdate", tmx_date(newest))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True, doctype=DOCTYPE)

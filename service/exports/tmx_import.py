"""Readers for TMX (any tool's 1.x) and XLIFF 2.x: translation pairs out of exchange files.

Parsing is hardened: lxml with ``resolve_entities=False``, ``no_network=True`` and no DTD loading,
and a document that declares entities in its DOCTYPE (XXE, "billion laughs") or refers to an
entity other than XML's five predefined ones is refused with a ``ValueError`` saying so, as is
XML that is not well-formed. A plain ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">`` line, as most tools
write, is fine: the DTD is never fetched.

TMX reading:

* Each ``<tu>`` gives one pair per ``<tuv>`` other than its source one, so a multilingual unit
  (source + en + ko) gives two pairs. The source ``<tuv>`` is the one in the unit's ``srclang``,
  else the header's (matched case-insensitively, then by primary language subtag); with
  ``srclang="*all*"`` it is the first ``<tuv>``. A unit with no ``<tuv>`` in the source
  language, or only one ``<tuv>``, has no pair and is skipped.
* ``xml:lang`` is read, and the ``lang`` attribute of TMX 1.1-1.3 when it is missing.
* Inline markup in ``<seg>``, as the TMX 1.4b spec defines it: ``<bpt>``, ``<ept>``, ``<it>``,
  ``<ph>`` (and the deprecated ``<ut>``) hold *native code* (the original file's formatting,
  e.g. ``<b>``), not text, so their content is dropped, including any ``<sub>`` sub-flow in
  them (a footnote or link title is a separate text, not part of the sentence); ``<hi>`` marks
  up text that belongs to the sentence, so its text is kept. Text after any element is kept.
* ``props`` holds the unit's ``<prop type=…>`` values overlaid with the target ``<tuv>``'s (the
  later of two props with one type wins); ``created`` is the target ``<tuv>``'s
  ``creationdate`` (else the unit's) when it is in TMX's ``YYYYMMDDThhmmssZ`` form.

XLIFF reading (2.0/2.1 core; 1.2 is refused): one pair per ``<segment>`` that has a
``<target>``; ``tuid`` is ``{file id}:{unit id}`` (plus ``#{segment id or number}`` when a unit
has several segments), so a file exported by :mod:`service.exports.xliff` gives the same tuids
as the TMX export; ``props`` are the unit's notes by ``category``. Inline ``<pc>``/``<mrk>``
keep their text, ``<cp hex=…>`` becomes its character, and the empty codes (``<ph>``, ``<sc>``,
``<ec>``, ``<sm>``, ``<em>``) add nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from lxml import etree

from service.exports.tmx import XML_LANG, parse_tmx_date
from service.exports.xliff import XLIFF_NS

XLIFF_1_NS = "urn:oasis:names:tc:xliff:document:1.2"
_NATIVE_CODE = {"bpt", "ept", "it", "ph", "ut"}  # TMX elements whose content is not text
_XLIFF_TEXT = {"pc", "mrk"}  # XLIFF 2 inline elements whose content is text


@dataclass
class TmxPair:
    source_lang: str
    source_text: str
    target_lang: str
    target_text: str
    tuid: str | None
    props: dict[str, str] = field(default_factory=dict)
    created: dt.datetime | None = None


def parse_xml(content: bytes, what: str) -> etree._ElementTree:
    """Parse untrusted XML; ``ValueError`` on malformed XML and on any entity trick."""
    if not isinstance(content, bytes | bytearray):
        raise TypeError(f"{what} must be bytes, not {type(content).__name__}")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )
    try:
        root = etree.fromstring(bytes(content), parser)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"{what} is not well-formed XML: {exc}") from None
    tree = root.getroottree()
    dtd = tree.docinfo.internalDTD
    if dtd is not None:
        declared = [entity.name for entity in dtd.iterentities()]
        if declared:
            raise ValueError(
                f"{what} declares entities in its DOCTYPE ({', '.join(declared)}); entity declarations "
                "are refused (they can read local files or expand without bound)"
            )
    for node in root.iter(etree.Entity):
        raise ValueError(
            f"{what} refers to the entity {node.text} (line {node.sourceline}); only XML's predefined "
            "entities are read: write the character itself or a character reference"
        )
    return tree


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _seg_text(element: etree._Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and _local(child) not in _NATIVE_CODE:
            parts.append(_seg_text(child))  # <hi> (and anything unknown): its text is content
        parts.append(child.tail or "")  # comments, processing instructions, native code: tail only
    return "".join(parts)


def _props(element: etree._Element) -> dict[str, str]:
    return {
        prop.get("type", ""): prop.text or ""
        for prop in element
        if isinstance(prop.tag, str) and prop.tag == "prop"
    }


def _tmx_lang(tuv: etree._Element, where: str) -> str:
    lang = tuv.get(XML_LANG) or tuv.get("lang")
    if not lang:
        raise ValueError(f"TMX {where}: <tuv> without xml:lang")
    return lang


def _tmx_date(*values: str | None) -> dt.datetime | None:
    for value in values:
        if value:
            try:
                return parse_tmx_date(value)
            except ValueError:
                continue  # another tool's variant of the date: left out, not fatal
    return None


def _pick_source(tuvs: list[tuple[str, etree._Element]], srclang: str | None) -> int | None:
    if not srclang or srclang.lower() == "*all*":
        return 0
    wanted = srclang.lower()
    for index, (lang, _) in enumerate(tuvs):
        if lang.lower() == wanted:
            return index
    primary = wanted.split("-")[0]
    for index, (lang, _) in enumerate(tuvs):
        if lang.lower().split("-")[0] == primary:
            return index
    return None


def read_tmx(content: bytes) -> list[TmxPair]:
    """The (source, target) pairs of a TMX document, in document order."""
    root = parse_xml(content, "TMX").getroot()
    if _local(root) != "tmx":
        raise ValueError(f"not TMX: the root element is <{_local(root)}>, expected <tmx>")
    header = root.find("header")
    body = root.find("body")
    if header is None or body is None:
        raise ValueError("TMX needs a <header> and a <body> under <tmx>")
    header_srclang = header.get("srclang")
    pairs: list[TmxPair] = []
    for number, tu in enumerate(body.iterchildren("tu"), start=1):
        tuid = tu.get("tuid")
        where = f"<tu> {tuid!r}" if tuid else f"<tu> number {number}"
        tuvs = [(_tmx_lang(tuv, where), tuv) for tuv in tu.iterchildren("tuv")]
        source_index = _pick_source(tuvs, tu.get("srclang") or header_srclang)
        if source_index is None or len(tuvs) < 2:
            continue
        source_lang, source_tuv = tuvs[source_index]
        source_text = _tuv_text(source_tuv, where)
        unit_props = _props(tu)
        for index, (lang, tuv) in enumerate(tuvs):
            if index == source_index:
                continue
            pairs.append(
                TmxPair(
                    source_lang=source_lang,
                    source_text=source_text,
                    target_lang=lang,
                    target_text=_tuv_text(tuv, where),
                    tuid=tuid,
                    props={**unit_props, **_props(tuv)},
                    created=_tmx_date(tuv.get("creationdate"), tu.get("creationdate")),
                )
            )
    return pairs


def _tuv_text(tuv: etree._Element, where: str) -> str:
    seg = tuv.find("seg")
    if seg is None:
        raise ValueError(f"TMX {where}: <tuv xml:lang={_tmx_lang(tuv, where)!r}> has no <seg>")
    return _seg_text(seg)


def _xliff_text(element: etree._Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            name = _local(child)
            if name in _XLIFF_TEXT:
                parts.append(_xliff_text(child))
            elif name == "cp":
                try:
                    parts.append(chr(int(child.get("hex", ""), 16)))
                except ValueError:
                    raise ValueError(f"XLIFF <cp hex={child.get('hex')!r}> is not a code point") from None
        parts.append(child.tail or "")
    return "".join(parts)


def read_xliff(content: bytes) -> list[TmxPair]:
    """The (source, target) pairs of an XLIFF 2.x document, in document order."""
    root = parse_xml(content, "XLIFF").getroot()
    name = etree.QName(root)
    if name.localname != "xliff":
        raise ValueError(f"not XLIFF: the root element is <{name.localname}>, expected <xliff>")
    if name.namespace != XLIFF_NS:
        found = "XLIFF 1.2" if name.namespace == XLIFF_1_NS else f"namespace {name.namespace!r}"
        raise ValueError(f"only XLIFF 2.x ({XLIFF_NS}) is read, this is {found}")
    src_lang = root.get("srcLang")
    trg_lang = root.get("trgLang")
    if not src_lang:
        raise ValueError("XLIFF <xliff> has no srcLang")
    q = f"{{{XLIFF_NS}}}"
    pairs: list[TmxPair] = []
    for file in root.iterchildren(f"{q}file"):
        for unit in file.iter(f"{q}unit"):
            notes = {note.get("category", ""): note.text or "" for note in unit.iterfind(f"{q}notes/{q}note")}
            segments = list(unit.iterchildren(f"{q}segment"))
            for number, segment in enumerate(segments, start=1):
                source = segment.find(f"{q}source")
                target = segment.find(f"{q}target")
                if source is None or target is None:
                    continue
                tuid = f"{file.get('id')}:{unit.get('id')}"
                if len(segments) > 1:
                    tuid += f"#{segment.get('id') or number}"
                target_lang = target.get(XML_LANG) or trg_lang
                if not target_lang:
                    raise ValueError(
                        f"XLIFF unit {unit.get('id')!r} has a <target> but the file has no trgLang"
                    )
                pairs.append(
                    TmxPair(
                        source_lang=source.get(XML_LANG) or src_lang,
                        source_text=_xliff_text(source),
                        target_lang=target_lang,
                        target_text=_xliff_text(target),
                        tuid=tuid,
                        props=dict(notes),
                    )
                )
    return pairs

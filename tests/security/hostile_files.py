"""Malformed and hostile article files, built here (nothing downloaded): decompression bombs,
truncations, the wrong kind behind a name, deep nesting, and Word files with a DTD."""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from tests.service.api.test_uploads import text_pdf, word_file
from tests.support import pdf_file


def pdf_bomb(unpacked: int = 100_000_000) -> bytes:
    """One page whose content stream is ``unpacked`` bytes of text operators, FlateDecode-compressed
    to well under a megabyte (the audit's was 225 MB in 764 KB)."""
    line = b"BT /F1 11 Tf 50 780 Td (Wort Wort Wort Wort Wort) Tj ET\n"
    compressor = zlib.compressobj(9)
    chunk = line * (1_000_000 // len(line))
    parts = [compressor.compress(chunk) for _ in range(unpacked // len(chunk))]
    stream = b"".join(parts) + compressor.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>\nstream\n" + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]  # fmt: skip
    return pdf_file(objects)


def article_pdf() -> bytes:
    return text_pdf([
        "Die Regierung hat am Montag neue Regeln für Drohnen angekündigt. Sie gelten",
        "ab Januar und betreffen alle Geräte über 250 Gramm.",
    ])  # fmt: skip


def rewrite_docx(data: bytes, part: str, change: object) -> bytes:
    """The .docx with one XML part passed through ``change`` (bytes → bytes)."""
    out = io.BytesIO()
    packed = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", packed) as target:
        for member in source.infolist():
            body = source.read(member)
            target.writestr(member, change(body) if member.filename == part else body)  # type: ignore[operator]
    return out.getvalue()


def _with_doctype(declaration: str, reference: str) -> object:
    def change(xml: bytes) -> bytes:
        text = xml.decode()
        text = re.sub(r"(<\?xml[^>]*\?>)", r"\1" + declaration, text, count=1)
        return text.replace("Die Opposition hält", f"{reference} Die Opposition hält", 1).encode()

    return change


def docx_external_entity() -> bytes:
    return rewrite_docx(word_file(), "word/document.xml", _with_doctype(
        '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>', "&xxe;"))  # fmt: skip


def docx_undeclared_entity() -> bytes:
    """An entity used with its DTD taken out (an outside attack's file): no part declares it."""
    return rewrite_docx(word_file(), "word/document.xml", _with_doctype("", "&xxe;"))


def docx_billion_laughs() -> bytes:
    entities = '<!ENTITY a0 "ha">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    return rewrite_docx(word_file(), "word/document.xml", _with_doctype(f"<!DOCTYPE x [{entities}]>", "&a9;"))


def docx_utf16_doctype() -> bytes:
    def change(xml: bytes) -> bytes:
        text = _with_doctype('<!DOCTYPE x [<!ENTITY e "Text">]>', "&e;")(xml).decode()  # type: ignore[operator]
        return text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")

    return rewrite_docx(word_file(), "word/document.xml", change)


def docx_zip_bomb() -> bytes:
    """A .docx with a part that unpacks to 60 MB of spaces (a few dozen KB packed)."""
    return rewrite_docx(word_file(), "word/document.xml", lambda xml: xml + b" " * 60_000_000)


def docx_deep_xml() -> bytes:
    """Run properties nested 5,000 deep: lxml's parser refuses past 256 levels."""
    deep = f"<w:body><w:p>{'<w:r>' * 5000}{'</w:r>' * 5000}</w:p>".encode()
    return rewrite_docx(word_file(), "word/document.xml", lambda xml: xml.replace(b"<w:body>", deep, 1))


def docx_missing_part() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(word_file())) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            if member.filename != "word/document.xml":
                target.writestr(member, source.read(member))
    return out.getvalue()


def truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


# (file name, bytes, what the 4xx's message must say); each a file nobody should get a 500 for
def corpus() -> list[tuple[str, bytes, str]]:
    pdf, docx = article_pdf(), word_file()
    bold = "<p>" + "<b>" * 5000 + "Ein Satz." + "</b>" * 5000 + "</p>"
    cut_utf8 = "Die Regierung hat Maßnahmen angekündigt".encode() + "ä".encode()[:1]
    return [
        ("bomb.pdf", pdf_bomb(), "decompression bomb"),
        ("truncated.pdf", truncated(pdf), "send its text instead"),
        ("header-only.pdf", b"%PDF-1.7\n", "send its text instead"),
        ("page.pdf", b"<html><body><p>Kein PDF.</p></body></html>", "not a PDF"),
        ("renamed.pdf", docx, "not a PDF"),
        ("truncated.docx", truncated(docx), "not a .docx file"),
        ("renamed.docx", pdf, "not a .docx file"),
        ("no-document.docx", docx_missing_part(), "cannot read no-document.docx as a Word document"),
        ("entity.docx", docx_external_entity(), "declares a document type or entities"),
        ("laughs.docx", docx_billion_laughs(), "declares a document type or entities"),
        ("utf16.docx", docx_utf16_doctype(), "declares a document type or entities"),
        (
            "undeclared.docx",
            docx_undeclared_entity(),
            "refers to an entity (&xxe; in word/document.xml) that no Word document has",
        ),
        ("bomb.docx", docx_zip_bomb(), "unpacks to"),
        ("deep.docx", docx_deep_xml(), "cannot read deep.docx as a Word document"),
        ("deep.html", ("<div>" * 5000 + "<p>Ein Satz.</p>" + "</div>" * 5000).encode(), "too deep"),
        ("deep-inline.html", bold.encode(), "too deep"),
        ("binary.md", b"# Titel\n\n\x00\x01\x02\x03" * 10, "binary file"),
        ("latin1.html", "<p>Maßnahmen angekündigt.</p>".encode("latin-1"), "not UTF-8"),
        ("truncated-utf8.txt", cut_utf8, "not UTF-8"),
        ("empty.md", b"  \n\n  ", "empty"),
    ]

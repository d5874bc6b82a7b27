from __future__ import annotations

import pytest

from service.errors import InputError
from service.parse import decode_article


def test_empty_and_blank_are_rejected() -> None:
    for data in (b"", b"  \n\t\n"):
        with pytest.raises(InputError, match="empty"):
            decode_article(data, 1000)


def test_over_the_limit_is_rejected_with_the_numbers() -> None:
    with pytest.raises(InputError, match="1,001 bytes, over the limit of 1,000"):
        decode_article(b"a" * 1001, 1000)


def test_binary_is_rejected() -> None:
    with pytest.raises(InputError, match="not UTF-8"):
        decode_article(bytes(range(128, 256)) * 4, 10_000)
    with pytest.raises(InputError, match="binary"):
        decode_article(b"PK\x03\x04\x00\x00\x00text", 10_000)


def test_a_nul_byte_is_refused_saying_where_and_what_to_do() -> None:
    """Found by an outside attack: "looks like a binary file", with no place and nothing to do."""
    with pytest.raises(InputError) as refused:
        decode_article("Überschrift\nDie Regierung\x00 hat.".encode(), 10_000)
    said = str(refused.value)
    assert "NUL byte at line 2, column 14 (byte offset 26)" in said, said
    assert "remove the NUL bytes" in said and "submit the article as text, Markdown or HTML" in said
    # Text saved as UTF-16 is all NULs to a UTF-8 reader: said so, and what to save it as.
    for data in ("Die Regierung hat.".encode("utf-16"), "Die Regierung hat.".encode("utf-16-le")):
        with pytest.raises(InputError, match="looks like text saved as UTF-16; save it as UTF-8"):
            decode_article(data, 10_000)
    with pytest.raises(InputError, match=r"NUL byte at line 1, column 1 .*binary file"):
        decode_article(b"\x00" * 100 + b"text", 10_000)  # NULs on every byte: no UTF-16


def test_control_characters_of_a_binary_file_are_refused_saying_where() -> None:
    with pytest.raises(InputError, match=r"binary file.* the first \(U\+0001\) at line 2, column 3;"):
        decode_article(b"Titel\nab" + bytes(range(1, 9)) * 3, 10_000)


def test_bytes_that_are_not_utf8_get_the_advice_of_their_kind() -> None:
    """A text is told to save it as UTF-8, a page may also declare its encoding (<meta charset>)."""
    latin1 = "Die Regierung hat Maßnahmen angekündigt.".encode("latin-1")
    with pytest.raises(InputError) as text:
        decode_article(latin1, 10_000)
    said = str(text.value)
    assert "byte 0xDF at line 1, column 21 (byte offset 20)" in said and "save it as UTF-8" in said
    assert "meta" not in said and "iconv -f windows-1252" in said
    for data, source_format in ((b"<html><body><p>" + latin1, None), (latin1, "html")):
        with pytest.raises(InputError, match=r'declare the encoding .*<meta charset="windows-1252">'):
            decode_article(data, 10_000, source_format)
    with pytest.raises(InputError, match="declares an unknown charset 'klingon'"):
        decode_article(b'<meta charset="klingon">' + latin1, 10_000)


def test_utf8_with_bom_is_text() -> None:
    assert decode_article("\ufeffHallo Welt".encode(), 100) == "Hallo Welt"


def test_control_characters_are_no_text() -> None:
    """Found from outside: a terminal's colour codes and a bell were stored and shown in the title."""
    sent = "Die Regierung\x1b[31m hat\x07 neue Regeln\x1b[0m\x0bangekündigt.\x7f"
    assert decode_article(sent.encode(), 10_000) == "Die Regierung hat neue Regeln\nangekündigt."
    assert decode_article(b"Zeile eins.\tZwei.\r\nDrei.", 10_000) == "Zeile eins.\tZwei.\r\nDrei."


def test_a_refusal_about_the_source_language_carries_its_field() -> None:
    """The CLI said the API's ``source_lang`` as ``--from`` by replacing the words in the message's
    text: the error now says which field it is about, and each interface names the field with its
    own word (the API's message unchanged)."""
    import pickle

    from service.errors import RequestRefused
    from service.registry import Registry
    from service.settings import Settings
    from service.usecases.intake import read_for_targets

    settings = Settings()
    registry = Registry.load(settings)
    cli = {"source_lang": "--from"}
    german = "Die Regierung hat am Montag neue Regeln angekündigt. Sie gelten ab Januar.\n".encode()
    with pytest.raises(InputError) as wrong:
        read_for_targets(german, settings, registry, None, "en", ["ko"])
    assert wrong.value.field == "source_lang"
    assert str(wrong.value).endswith("send source_lang 'de', or leave source_lang out to have it detected")
    assert wrong.value.said_with(cli).endswith("send --from 'de', or leave --from out to have it detected")
    assert pickle.loads(pickle.dumps(wrong.value)).said_with(cli) == wrong.value.said_with(cli)
    french = "Le gouvernement a annoncé lundi de nouvelles règles. Elles entrent en vigueur en janvier.\n"
    with pytest.raises(RequestRefused) as detected:
        read_for_targets(french.encode(), settings, registry, None, None, ["en"])
    assert detected.value.field == "source_lang"
    assert "send it as source_lang (one of" in str(detected.value)
    assert "send it as --from (one of" in detected.value.said_with(cli)
    with pytest.raises(InputError) as empty:  # about no field: said the same way everywhere
        read_for_targets(b"   ", settings, registry, None, None, ["en"])
    assert empty.value.field is None and empty.value.said_with(cli) == str(empty.value)

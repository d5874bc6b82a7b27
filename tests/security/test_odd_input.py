"""No 500 from input: control characters in the URL, offsets past any integer, NUL deep in an
article; and refusals of a language nobody translates say what was found and what to send.
On SQLite and PostgreSQL, with every table unchanged."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.settings import Settings
from tests.support import embedded_client, table_counts


@pytest.fixture
def client(database_url: str, tiny_marian_dir: Path) -> Iterator[TestClient]:
    settings = Settings(database_url=database_url, broker_url="memory://", model_dir=tiny_marian_dir)
    with embedded_client(settings) as test_client:
        yield test_client


@pytest.mark.parametrize(
    ("path", "status"),
    [("/v1/jobs/%00", 422), ("/v1/documents/ab%00cd", 422),  # not an id (tests/security/test_path_ids.py)
     ("/documents/%1f", 422),  # a page's id: not an id, as in the API (tests/service/web/test_page_echoes.py)
     ("/no-such-page%1f", 404),  # names nothing
     ("/v1/documents?source_lang=%00", 422), ("/v1/documents?tag=a%01b", 422)],  # no parameter takes it
)  # fmt: skip
def test_control_characters_in_the_url_are_refused_saying_where(
    client: TestClient, path: str, status: int
) -> None:
    before = table_counts(client.app)  # type: ignore[arg-type]
    response = client.get(path)
    assert response.status_code == status, response.text
    if path.startswith("/v1/"):
        assert "control character" in response.json()["detail"]
    else:  # a page's address: a page says it
        assert (
            response.headers["content-type"].startswith("text/html") and "control character" in response.text
        )
    assert table_counts(client.app) == before  # type: ignore[arg-type]


@pytest.mark.parametrize("offset", ["99999999999999999999", "-1", "1000000001"])
def test_offsets_out_of_range_get_422(client: TestClient, offset: str) -> None:
    response = client.get("/v1/documents", params={"offset": offset})
    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"] == ["query", "offset"]
    assert client.get("/v1/documents", params={"offset": "1000000000"}).status_code == 200


def test_nul_deep_inside_an_article_is_refused(client: TestClient) -> None:
    before = table_counts(client.app)  # type: ignore[arg-type]
    text = "Ein Satz über das Wetter. " * 4000 + "\x00 Noch ein Satz."
    response = client.post("/v1/jobs", json={"text": text, "source_lang": "de", "targets": ["en"]})
    assert response.status_code == 422, response.text
    assert "binary" in response.json()["detail"]
    assert table_counts(client.app) == before  # type: ignore[arg-type]


ARABIC = "هذا نص عربي عن الحكومة الجديدة في البلاد. وقد أعلنت الحكومة عن قواعد جديدة للمستأجرين."
MIXED = (
    "Die Regierung hat neue Regeln angekündigt. 정부는 새로운 규칙을 발표했습니다. "
    "Правительство объявило новые правила. 政府宣布了新规定。"
)


def test_language_refusals_say_what_was_found_and_what_to_send(client: TestClient) -> None:
    before = table_counts(client.app)  # type: ignore[arg-type]
    arabic = client.post("/v1/jobs", json={"text": ARABIC, "targets": ["en"]})
    assert arabic.status_code == 422
    detail = arabic.json()["detail"]
    assert "Arabic 100%" in detail and "source_lang" in detail and "'zh'" not in detail, detail

    mixed = client.post("/v1/jobs", json={"text": MIXED, "targets": ["en"]})
    assert mixed.status_code == 422
    detail = mixed.json()["detail"]
    for script in ("Latin", "Cyrillic", "Hangul", "Han"):
        assert script in detail, detail
    assert "source_lang" in detail and "de, en, ko" in detail, detail

    named = client.post("/v1/jobs", json={"text": ARABIC, "source_lang": "de", "targets": ["en"]})
    assert named.status_code == 422 and "found no 'de' text" in named.json()["detail"], named.text

    short = client.post("/v1/translate", json={"text": ARABIC, "target_lang": "en"})
    assert short.status_code == 422
    assert "Arabic 100%" in short.json()["detail"] and "source_lang" in short.json()["detail"]
    assert table_counts(client.app) == before  # type: ignore[arg-type]


def test_an_article_of_symbols_only_is_refused_saying_it_has_no_words(client: TestClient) -> None:
    """Found by an outside tester: a text of emoji only was refused as "mostly no letters script,
    which none of the detectable languages is written in (found: no letters)"."""
    before = table_counts(client.app)  # type: ignore[arg-type]
    for text in ("\U0001f600\U0001f389 \U0001f44d\n\n\U0001f680", "\u200b\u200b 123 !!! \u2764"):
        refused = client.post("/v1/jobs", json={"text": text, "targets": ["en"]})
        assert refused.status_code == 422, refused.text
        detail = refused.json()["detail"]
        assert "found no letters to translate" in detail and "send the article's text" in detail, detail
        assert "no letters script" not in detail
    assert table_counts(client.app) == before  # type: ignore[arg-type]


KOREAN = "서울의 날씨는 오늘 맑고 따뜻합니다. 시민들은 공원에서 산책을 즐겼습니다."
ENGLISH = "The weather in Berlin was sunny today. Many people walked in the park along the river."
GERMAN = "Das Wetter in Berlin war heute sonnig. Viele Menschen gingen im Park am Fluss spazieren."


def test_a_text_not_in_the_named_source_language_is_refused_naming_what_it_reads_as(
    client: TestClient,
) -> None:
    """A source_lang that the text plainly is not: the job is refused naming what the article
    reads as, and POST /v1/translate refuses it too (it translated the model's attempt at the
    wrong language); a text in the language it names is translated."""
    before = table_counts(client.app)  # type: ignore[arg-type]
    for text, found in ((KOREAN, "'ko'"), (ENGLISH, "'en'")):
        job = client.post(
            "/v1/jobs",
            json={"text": text, "source_lang": "de", "targets": ["ko" if found == "'en'" else "en"]},
        )
        assert job.status_code == 422, job.text
        assert "found no 'de' text" in job.json()["detail"] and f"reads as {found}" in job.json()["detail"]
        assert f"send source_lang {found}" in job.json()["detail"], job.text

        short = client.post("/v1/translate", json={"text": text, "source_lang": "de", "target_lang": "en"})
        assert short.status_code == 422, short.text
        assert f"the text is not 'de': it reads as {found}" in short.json()["detail"], short.text
    arabic = client.post("/v1/translate", json={"text": ARABIC, "source_lang": "de", "target_lang": "en"})
    assert arabic.status_code == 422 and "Arabic 100%" in arabic.json()["detail"], arabic.text
    assert table_counts(client.app) == before  # type: ignore[arg-type]

    german = client.post("/v1/translate", json={"text": GERMAN, "source_lang": "de", "target_lang": "en"})
    assert german.status_code == 200, german.text
    assert [pair["source"] for pair in german.json()["sentences"]] == [
        "Das Wetter in Berlin war heute sonnig.",
        "Viele Menschen gingen im Park am Fluss spazieren.",
    ]


def test_one_sentence_not_in_the_named_source_language_is_refused_as_a_passage_is(client: TestClient) -> None:
    """Found by an outside attack: one English sentence sent as source_lang "de" was accepted (and
    translated as German) where a longer passage is refused; a short or ambiguous one is taken."""
    before = table_counts(client.app)  # type: ignore[arg-type]
    sentence = "The minister resigned on Monday."
    job = client.post("/v1/jobs", json={"text": sentence, "source_lang": "de", "targets": ["en"]})
    assert job.status_code == 422, job.text
    assert "found no 'de' text" in job.json()["detail"] and "send source_lang 'en'" in job.json()["detail"]
    short = client.post("/v1/translate", json={"text": sentence, "source_lang": "de", "target_lang": "en"})
    assert short.status_code == 422, short.text
    assert "the text is not 'de': it reads as 'en'" in short.json()["detail"], short.text
    assert table_counts(client.app) == before  # type: ignore[arg-type]

    for name in ("Angela Merkel in Paris", "Olaf Scholz"):  # names alone: taken as the language named
        taken = client.post("/v1/translate", json={"text": name, "source_lang": "de", "target_lang": "en"})
        assert taken.status_code == 200, taken.text

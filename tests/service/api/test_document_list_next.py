"""Found by an outside editor walk: ``GET /v1/documents``'s ``next`` link dropped the filters
(``source_lang``, ``tag``), so a client that followed it listed every document after the first
page. It keeps every filter: followed to the end, it lists exactly what one page of all shows."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from fastapi.testclient import TestClient

from service.ingest import store_article
from service.parse import parse_article
from service.settings import Settings
from tests.support import embedded_client


def _store(client: TestClient, text: str, lang: str, tenant: str) -> str:
    with client.app.state.database.session() as session:  # type: ignore[attr-defined]
        return store_article(session, text, parse_article(text), lang, tenant).id


def test_following_next_keeps_the_filters(database_url: str, tiny_marian_dir: Path) -> None:
    settings = Settings(database_url=database_url, broker_url="memory://", model_dir=tiny_marian_dir)
    with embedded_client(settings, "desk") as client:
        for n in range(6):
            tags = "Wahl, Berlin" if n % 2 == 0 else "Sport"
            _store(client, f"Meldung {n}\n\nDer Rat tagte am {n + 1}. Mai.\n\nTags: {tags}\n", "de", "desk")
            _store(client, f"Report {n}\n\nThe council met on May {n + 1}.\n\nTags: {tags}\n", "en", "desk")
        for filters in ({"source_lang": "de"}, {"tag": "Wahl"}, {"source_lang": "en", "tag": "Sport"}):
            whole = client.get("/v1/documents", params={**filters, "limit": 100}).json()
            assert whole["next"] is None and 0 < whole["total"] < 12, (filters, whole["total"])
            listed: list[str] = []
            page = client.get("/v1/documents", params={**filters, "limit": 1}).json()
            while True:
                assert page["total"] == whole["total"], (filters, page["total"])
                listed += [item["id"] for item in page["items"]]
                address = page["next"]
                if address is None:
                    break
                sent = dict(parse_qsl(urlsplit(address).query))
                assert {name: sent.get(name) for name in filters} == filters, address
                page = client.get(address).json()
            assert listed == [item["id"] for item in whole["items"]], filters

"""``/docs`` and ``/redoc`` render in a real headless Chromium from this process alone: their assets
are served locally and the page's policy allows no other host (before, ``/docs`` was blank
without internet)."""

from __future__ import annotations

import httpx
from lxml import html as lxml_html

from tests.service.web.test_document_page_chromium import live_server, pytestmark, render

__all__ = ["live_server", "pytestmark"]


def test_swagger_ui_renders_every_operation_without_another_host(live_server: str) -> None:
    page = httpx.get(f"{live_server}/docs")
    assert page.status_code == 200
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self' 'nonce-" in policy
    sources = lxml_html.fromstring(page.text).xpath("//script/@src | //link/@href")
    assert sources and all(src.startswith("/docs/assets/") for src in sources), sources

    tree = lxml_html.fromstring(render(f"{live_server}/docs"))
    paths = {
        p.text_content().replace("\u200b", "")
        for p in tree.xpath("//*[contains(@class, 'opblock-summary-path')]")
    }
    assert {"/v1/jobs", "/v1/jobs/{job_id}", "/v1/translate"} <= paths, sorted(paths)


def test_redoc_renders_from_local_assets(live_server: str) -> None:
    tree = lxml_html.fromstring(render(f"{live_server}/redoc"))
    text = tree.text_content()
    assert "/v1/jobs" in text, text[:500]

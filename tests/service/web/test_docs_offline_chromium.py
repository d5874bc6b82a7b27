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
    assert "default-src 'none'" in policy and "script-src 'self';" in policy  # no inline script
    page_tree = lxml_html.fromstring(page.text)
    assert page_tree.xpath("//script[not(@src)]") == []
    sources = page_tree.xpath("//script/@src | //link/@href")
    assert sources and all(src.startswith(("/docs/assets/", "/docs/local/")) for src in sources), sources
    for src in sources:
        assert httpx.get(f"{live_server}{src}").status_code == 200, src

    tree = lxml_html.fromstring(render(f"{live_server}/docs"))
    paths = {
        p.text_content().replace("\u200b", "")
        for p in tree.xpath("//*[contains(@class, 'opblock-summary-path')]")
    }
    assert {"/v1/jobs", "/v1/jobs/{job_id}", "/v1/translate"} <= paths, sorted(paths)


def test_redoc_renders_from_local_assets(live_server: str) -> None:
    policy = httpx.get(f"{live_server}/redoc").headers["content-security-policy"]
    assert "script-src 'self' 'nonce-" in policy  # its inline script, and no other
    tree = lxml_html.fromstring(render(f"{live_server}/redoc"))
    text = tree.text_content()
    assert "/v1/jobs" in text, text[:500]

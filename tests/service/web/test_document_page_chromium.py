"""The aligned document page in a real headless Chromium (Debian's ``chromium`` package)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from lxml import html as lxml_html

from service.api.app import create_app
from service.settings import Settings
from tests.support import wait_for_job

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)"
)

SCRIPT = "<script>document.body.setAttribute('data-pwned', 'yes')</script>"
ARTICLE = f"""Neue Regeln für Drohnen

Die Regierung hat am Montag neue Regeln für Drohnen angekündigt. Sie gelten ab Januar.

Kritik aus der Opposition

Die Opposition hält die Regeln für zu streng. {SCRIPT} Sie fordert Nachbesserungen.
"""


@pytest.fixture
def live_server(tmp_path: Path, tiny_marian_dir: Path) -> Iterator[str]:
    # Without keys: this test is about what the browser renders. Signing in (the cookie) is
    # tested over HTTP in tests/security/test_tenants.py.
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'web.db'}", model_dir=tiny_marian_dir, auth_required=False
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def render(url: str) -> str:
    """The DOM after Chromium loaded the page and ran its scripts."""
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [CHROMIUM or "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={profile}", "--virtual-time-budget=3000", "--dump-dom", url],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_columns_and_script_rendered_as_text(live_server: str) -> None:
    with httpx.Client(base_url=live_server, timeout=30) as client:
        job = client.post(
            "/v1/jobs", json={"text": ARTICLE, "format": "text", "targets": ["en", "ko"]}
        ).json()
        job = wait_for_job(client, job["id"])  # type: ignore[arg-type]  # httpx.Client: same calls
    assert job["state"] == "succeeded", job

    dom = render(f"{live_server}/documents/{job['document_id']}")
    tree = lxml_html.fromstring(dom)
    headers = [th.text_content().split()[0] for th in tree.xpath("//table[@class='aligned']/thead//th")]
    assert headers == ["DE", "EN", "KO"]
    heading_rows = tree.xpath("//tr[contains(@class, 'heading')]")
    assert [row.xpath("./th")[0].text_content() for row in heading_rows] == ["Kritik aus der Opposition"]
    assert all(len(row.xpath("./td")) == 3 for row in tree.xpath("//tr[contains(@class, 'segment')][td]"))

    assert tree.xpath("//body/@data-pwned") == [], "the article's <script> must not run"
    cells = [td.text_content() for td in tree.xpath("//td[@lang='de']")]
    assert any(SCRIPT in cell for cell in cells)

"""Found by an outside tester: ``interlinear translate trunc.pdf`` printed pypdf's bare warning
"EOF marker not found" above its one-line error, and the API's log got the same bare line for each
damaged upload. pypdf's warnings during a read are kept for it (the refusal says them); its errors,
and whatever it logs outside a read, still reach the log."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.errors import InputError
from service.pdf_text import pdf_text
from service.pdf_warnings import pdf_warnings
from service.settings import Settings
from tests.security.hostile_files import article_pdf, truncated
from tests.support import embedded_client


class _Collected(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def logged() -> Iterator[_Collected]:
    """What reaches the root logger's handlers (where the API's, a worker's or Python's last-resort
    output comes from). Not caplog: pytest also attaches its handler to every logger that does not
    propagate, pypdf's among them, so it sees what never reaches the root."""
    handler = _Collected()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler
    finally:
        root.removeHandler(handler)


def _from_pypdf(logged: _Collected) -> list[tuple[str, str]]:
    return [(r.levelname, r.getMessage()) for r in logged.records if r.name.startswith("pypdf")]


def test_a_damaged_pdf_is_refused_saying_pypdfs_warning_and_nothing_is_logged(logged: _Collected) -> None:
    with pytest.raises(InputError) as refused:
        pdf_text("trunc.pdf", truncated(article_pdf()))
    assert _from_pypdf(logged) == []
    assert str(refused.value) == (
        "cannot read trunc.pdf as a PDF (PdfStreamError: Stream has ended unexpectedly; EOF marker not "
        "found); send its text instead"
    )
    assert "Die Regierung hat am Montag" in pdf_text("article.pdf", article_pdf())  # a sound one reads


def test_pypdfs_errors_and_what_it_logs_outside_a_read_still_reach_the_log(logged: _Collected) -> None:
    reader = logging.getLogger("pypdf._reader")
    with pdf_warnings() as kept:
        reader.warning("Ignoring wrong pointing object")
        reader.error("an error pypdf logs")
        elsewhere = threading.Thread(target=lambda: reader.warning("logged by another thread"))
        elsewhere.start()
        elsewhere.join()
        with pdf_warnings() as inner:  # a read inside a read keeps its own
            reader.warning("inner")
    reader.warning("after the read")
    assert kept == ["Ignoring wrong pointing object"] and inner == ["inner"]
    assert _from_pypdf(logged) == [
        ("ERROR", "an error pypdf logs"),
        ("WARNING", "logged by another thread"),
        ("WARNING", "after the read"),
    ]


def test_the_api_refuses_a_damaged_pdf_without_logging_pypdfs_warning(
    logged: _Collected, tmp_path: Path, tiny_marian_dir: Path
) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'p.db'}", broker_url="memory://",
                        model_dir=tiny_marian_dir)  # fmt: skip
    with embedded_client(settings) as client:
        pdf = ("trunc.pdf", truncated(article_pdf()), "application/pdf")
        response = client.post("/v1/jobs/upload", files={"file": pdf}, data={"targets": "en"})
    assert response.status_code == 422, response.text
    assert _from_pypdf(logged) == []
    assert not [r for r in logged.records if "EOF marker" in r.getMessage()]
    assert "EOF marker not found" in response.json()["detail"]

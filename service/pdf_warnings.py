"""pypdf's log warnings about the PDF a thread is reading, kept for that read.

pypdf logs what it finds wrong with a file ("EOF marker not found", "Ignoring wrong pointing
object") as warnings on its loggers. With no handler set up, Python's last resort prints each one
bare on stderr: the CLI printed "EOF marker not found" above its own one-line error, and the API's
log got a line without a level, a file name or a request for each damaged upload. While a thread
reads a PDF (:func:`pdf_warnings`) the warnings are kept for that read instead, and the reader
says them where they matter (:mod:`service.pdf_text`: in the refusal of a file it cannot read).

Nothing else is hidden: pypdf's errors, and whatever it logs outside a read (another thread, other
code), go on to the root logger as they did. Kept per thread, so requests read side by side keep
their own.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator

_reading = threading.local()


class _KeptForTheRead(logging.Handler):
    """On the ``pypdf`` logger, which no longer propagates: a warning (or less) logged while this
    thread reads a PDF is kept for the read; every other record goes on to the root logger."""

    def emit(self, record: logging.LogRecord) -> None:
        kept: list[str] | None = getattr(_reading, "kept", None)
        if kept is not None and record.levelno < logging.ERROR:
            kept.append(record.getMessage())
        else:
            logging.getLogger().handle(record)  # as propagation would: root's handlers, or the last resort


_HANDLER = _KeptForTheRead()
_installed = threading.Lock()


def _install() -> None:
    with _installed:
        pypdf_logger = logging.getLogger("pypdf")
        if _HANDLER not in pypdf_logger.handlers:
            pypdf_logger.addHandler(_HANDLER)
            pypdf_logger.propagate = False


@contextlib.contextmanager
def pdf_warnings() -> Iterator[list[str]]:
    """The warnings pypdf logs in this thread while the block runs, in order."""
    _install()
    kept: list[str] = []
    outer = getattr(_reading, "kept", None)
    _reading.kept = kept
    try:
        yield kept
    finally:
        _reading.kept = outer

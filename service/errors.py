"""Errors the user can act on. Each message says what went wrong and what to do next."""

from __future__ import annotations


class InterlinearError(Exception):
    """Base class for errors that are reported to the user, not as a traceback."""


class InputError(InterlinearError):
    """The submitted article cannot be used (empty, binary, too large, unparseable).

    Never retried: the same input fails the same way.
    """


class InputTooLarge(InputError):
    """The submitted article is over a size limit (HTTP 413)."""


class ModelError(InterlinearError):
    """A configured model cannot be loaded or run."""

"""Errors the user can act on. Each message says what went wrong and what to do next."""

from __future__ import annotations

import re
from collections.abc import Mapping

# An absolute file path ("/srv/models/opus-mt-de-en/config.json", "~/x/y"), not a URL's path nor
# one of the API's own ("/v1/jobs").
_PATH = re.compile(r"(?<![\w.:/~-])~?/(?!v1/)(?:[^\s'\"`(),;:/<>]+/)+[^\s'\"`(),;:/<>]*")


def without_paths(text: str) -> str:
    """``text`` with each absolute file path replaced by its last part (a model directory's name):
    the server's layout (user names, mount points) stays on the server."""
    return _PATH.sub(lambda found: found.group().rstrip("/").rsplit("/", 1)[-1], text)


# Where an error's message names the request field it is about (:attr:`InterlinearError.field`).
FIELD = "{field}"


class InterlinearError(Exception):
    """Base class for errors that are reported to the user, not as a traceback.

    ``field``: the request field the error is about ("source_lang"), named in the message where it
    holds :data:`FIELD`. ``str()`` names it as the API does; another interface names it with its
    own word (:meth:`said_with`: the CLI's ``--from``)."""

    def __init__(self, message: str = "", *, field: str | None = None) -> None:
        super().__init__(message.replace(FIELD, field) if field is not None else message)
        self.field = field
        self.template = message

    def said_with(self, names: Mapping[str, str]) -> str:
        """The message with its field named as an interface names it (``{"source_lang": "--from"}``);
        as ``str()`` where the error is about no field, or one ``names`` does not hold."""
        if self.field is None or self.field not in names:
            return str(self)
        return self.template.replace(FIELD, names[self.field])


class InputError(InterlinearError):
    """The submitted article cannot be used (empty, binary, too large, unparseable).

    Never retried: the same input fails the same way.
    """


class InputTooLarge(InputError):
    """The submitted article is over a size limit (HTTP 413)."""


class ModelError(InterlinearError):
    """A configured model cannot be loaded or run. The message reaches clients (a job's error, a
    503 from /v1/translate), so a local model is named by its directory's name, not its path, here
    and in the model library's own message."""

    def __init__(self, message: str = "") -> None:
        super().__init__(without_paths(str(message)))


class RequestRefused(InterlinearError):
    """The request names something that cannot be done as asked: an unsupported language or pair,
    an unknown glossary, a refused URL (HTTP 422). The message says what to send instead."""


class NotFound(InterlinearError):
    """No such object for this tenant; another tenant's object is answered exactly like a missing one."""


class Conflict(InterlinearError):
    """Conflicts with what is stored, e.g. a name already taken (HTTP 409)."""


class Forbidden(InterlinearError):
    """The principal's role does not allow the action (HTTP 403)."""


class NoWorkerAnswered(InterlinearError):
    """No worker answered a request that waits for one (``POST /v1/translate``) in time; the request
    was withdrawn (HTTP 504). The message says what to do: retry, see to the workers."""


class BrokerUnavailable(InterlinearError):
    """The job queue cannot be reached; nothing was queued (HTTP 503 with Retry-After)."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after

"""What an API error echoes of the request, with no invisible or control character raw: the rule
is the core's (:mod:`service.echo_text`), shared with the pages."""

from __future__ import annotations

from service.echo_text import escaped, escaped_all

__all__ = ["escaped", "escaped_all"]

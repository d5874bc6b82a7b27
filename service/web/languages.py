"""Languages as the pages' English words name them: "Korean", not "KO" in one message and "한국어"
in the next (found by an outside walk of the document page). Every page message and label that
names a language takes its name from here; the short upper-case code stays where a column or a
compact label shows it beside the name."""

from __future__ import annotations

IN_ENGLISH = {"de": "German", "en": "English", "ko": "Korean"}

# What a page's refusal of a language code calls the code (``?lang=``, the language in a form's
# address): "Language 'xx' is not a supported language; ...". The API's field name read "Lang 'xx'
# is not ..." once a page began it with a capital (found by an outside tester).
LANGUAGE = "language"


def language_name(code: str) -> str:
    """A language's English name ("ko" -> "Korean"); a code without one in upper case ("FR")."""
    return IN_ENGLISH.get(code.strip().lower(), code.strip().upper())

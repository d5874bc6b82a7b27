"""Every setting is in the README's settings table: an operator configures the service from there,
and a variable that exists only in ``service/settings.py`` is one nobody finds."""

from __future__ import annotations

from pathlib import Path

from service.settings import Settings

README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_setting_has_its_environment_variable_in_the_readme_table() -> None:
    """In the table of the README's "Settings" section, not only somewhere in the text (a newcomer
    found eleven named only in passing, some with no default said anywhere)."""
    readme = README.read_text(encoding="utf-8")
    section = readme.split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `INTERLINEAR_")]
    table = "\n".join(rows)
    missing = [name for name in Settings.model_fields if f"INTERLINEAR_{name.upper()}`" not in table]
    assert missing == [], f"settings the README's table does not name: {missing}"

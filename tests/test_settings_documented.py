"""Every setting is in the README's settings table: an operator configures the service from there,
and a variable that exists only in ``service/settings.py`` is one nobody finds."""

from __future__ import annotations

from pathlib import Path

from service.settings import Settings

README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_setting_has_its_environment_variable_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    missing = [name for name in Settings.model_fields if f"INTERLINEAR_{name.upper()}" not in readme]
    assert missing == [], f"settings the README does not name: {missing}"

"""Every setting is in the README's settings table: an operator configures the service from there,
and a variable that exists only in ``service/settings.py`` is one nobody finds. What the README says
of a limit or a default the code holds is what the code holds."""

from __future__ import annotations

import inspect
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


def test_the_readme_says_whose_the_clis_articles_are_and_how_many_targets_a_job_takes() -> None:
    """A newcomer could not find either: which tenant an article added with the CLI belongs to (no
    key saw it), and how many target languages one job may ask for."""
    from service import cli
    from service.api.schemas import JobRequest
    from service.api_keys import LOCAL_TENANT, TENANT_PATTERN

    readme = " ".join(README.read_text(encoding="utf-8").split())
    using = readme.split("## Using it", 1)[1].split("## The service", 1)[0]
    assert inspect.signature(cli.translate).parameters["tenant"].default == LOCAL_TENANT == ""
    assert "tenant" not in inspect.signature(cli.summarise).parameters  # always the local tenant
    assert not TENANT_PATTERN.fullmatch(LOCAL_TENANT)  # no key can be made for it
    assert "Articles the CLI stores (`translate`, `summarise`) belong to the local tenant" in using
    assert f'`LOCAL_TENANT = "{LOCAL_TENANT}"`' in using and "not to one called `local`" in using
    assert "only with keys turned off (`INTERLINEAR_AUTH_REQUIRED=false`" in using
    assert "`interlinear translate ARTICLE --to en --tenant newsroom`" in using
    most = JobRequest.model_json_schema()["properties"]["targets"]["maxItems"]
    assert f"one job asks for 1 to {most} target languages (`targets` holds at most {most} codes" in readme

"""Candidate routes for one pair, from the registry's ``[candidates.<pair>.<name>]`` tables: each
becomes a registry of its own (the configured one with that pair replaced) for ``interlinear eval
--candidates`` to translate the same test set with."""

from __future__ import annotations

import json
import tempfile
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from service.settings import Settings


def _registry_text(settings: Settings) -> str:
    if settings.registry_file is not None:
        return Path(settings.registry_file).read_text(encoding="utf-8")
    return resources.files("service").joinpath("models.toml").read_text(encoding="utf-8")


def _value(value: Any) -> str:
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {_value(v)}" for k, v in value.items()) + " }"
    return json.dumps(value, ensure_ascii=False)  # a JSON string or number is a TOML one


def to_toml(pairs: dict[str, dict[str, Any]]) -> str:
    """A registry file holding ``pairs`` (flat values and inline tables, as the registry has)."""
    lines: list[str] = []
    for name, entry in pairs.items():
        lines.append(f'[pairs."{name}"]')
        lines.extend(f"{key} = {_value(value)}" for key, value in entry.items())
        lines.append("")
    return "\n".join(lines)


def candidate_settings(settings: Settings, source: str, target: str) -> list[tuple[str, Settings]]:
    """``("default", settings)`` and one ``(name, settings)`` per candidate of the pair."""
    data = tomllib.loads(_registry_text(settings))
    pair = f"{source}-{target}"
    pairs: dict[str, dict[str, Any]] = data.get("pairs", {})
    found: dict[str, dict[str, Any]] = data.get("candidates", {}).get(pair, {})
    runs = [("default", settings)]
    folder = Path(tempfile.mkdtemp(prefix="interlinear-candidates-"))
    for name, entry in found.items():
        path = folder / f"{pair}-{name}.toml"
        path.write_text(to_toml({**pairs, pair: entry}), encoding="utf-8")
        runs.append((name, settings.model_copy(update={"registry_file": path})))
    return runs

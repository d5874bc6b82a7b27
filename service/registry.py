"""The model registry: a data file mapping each language pair to a model spec or a pivot route.

The default file is ``service/models.toml``; ``INTERLINEAR_REGISTRY_FILE`` replaces it, and
``INTERLINEAR_MODEL_<SRC>_<TGT>`` / ``INTERLINEAR_MODEL_DIR`` override single pairs / all pairs.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from service.settings import Settings

Engine = Literal["transformers", "ctranslate2"]
# CTranslate2 by default: int8 on CPU is several times faster than transformers in float32 for
# a fraction of a BLEU point; "transformers" stays selectable per pair.
DEFAULT_ENGINE: Engine = "ctranslate2"


class ModelSpec(BaseModel):
    model: str
    revision: str | None = None
    engine: Engine = DEFAULT_ENGINE
    codes: dict[str, str] = Field(default_factory=dict)
    licence: str | None = None


class PairEntry(BaseModel):
    model: str | None = None
    revision: str | None = None
    engine: Engine = DEFAULT_ENGINE
    codes: dict[str, str] = Field(default_factory=dict)
    licence: str | None = None
    via: str | None = None
    score: str | None = None  # the published FLORES-200 devtest score this choice rests on
    source: str | None = None  # where it is published


class Hop(BaseModel):
    source: str
    target: str
    spec: ModelSpec


class Route(BaseModel):
    source: str
    target: str
    hops: list[Hop]

    @property
    def name(self) -> str:
        return ">".join([self.source, *(hop.target for hop in self.hops)])


class Registry:
    def __init__(self, pairs: dict[str, PairEntry], settings: Settings) -> None:
        self.pairs = pairs
        self.settings = settings

    @classmethod
    def load(cls, settings: Settings) -> Registry:
        if settings.registry_file is not None:
            text = Path(settings.registry_file).read_text(encoding="utf-8")
        else:
            text = resources.files("service").joinpath("models.toml").read_text(encoding="utf-8")
        data = tomllib.loads(text)
        pairs = {name: PairEntry.model_validate(entry) for name, entry in data.get("pairs", {}).items()}
        return cls(pairs, settings)

    def _direct(self, source: str, target: str) -> ModelSpec | None:
        """The model for a pair, with settings overrides applied; None if the pair pivots or is absent."""
        entry = self.pairs.get(f"{source}-{target}")
        override = self.settings.models.get(f"{source}-{target}")
        forced = self.settings.engine
        if self.settings.model_dir is not None:
            codes = entry.codes if entry else {}
            engine = forced or self.settings.model_dir_engine
            return ModelSpec(model=str(self.settings.model_dir), engine=engine, codes=codes)
        if override:
            return ModelSpec(model=str(override), revision=self.settings.model_revision,
                             engine=forced or (entry.engine if entry else DEFAULT_ENGINE),
                             codes=entry.codes if entry else {})  # fmt: skip
        if entry is None or entry.via or entry.model is None:
            return None
        return ModelSpec(model=entry.model, revision=entry.revision, engine=forced or entry.engine,
                         codes=entry.codes, licence=entry.licence)  # fmt: skip

    def _multilingual(self, source: str, target: str) -> ModelSpec | None:
        """A configured multilingual model whose language codes include both languages."""
        for name in sorted(self.pairs):
            entry = self.pairs[name]
            if entry.model is None or entry.via or not {source, target} <= set(entry.codes):
                continue
            first, _, second = name.partition("-")
            spec = self._direct(first, second)  # with that pair's settings overrides applied
            if spec is not None and {source, target} <= set(spec.codes):
                return spec
        return None

    def route(self, source: str, target: str) -> Route:
        """Direct where a model is configured for the pair or a configured multilingual model has
        both languages; by the pair's pivot language only where no model covers it."""
        spec = self._direct(source, target) or self._multilingual(source, target)
        if spec is not None:
            return Route(source=source, target=target, hops=[Hop(source=source, target=target, spec=spec)])
        entry = self.pairs.get(f"{source}-{target}")
        if entry is not None and entry.via:
            first, second = self._direct(source, entry.via), self._direct(entry.via, target)
            if first is not None and second is not None:
                return Route(
                    source=source,
                    target=target,
                    hops=[
                        Hop(source=source, target=entry.via, spec=first),
                        Hop(source=entry.via, target=target, spec=second),
                    ],
                )
        raise LookupError(
            f"no model configured for {source}->{target}; add it to the model registry "
            f"(INTERLINEAR_REGISTRY_FILE) or set INTERLINEAR_MODEL_{source.upper()}_{target.upper()}. "
            f"Configured pairs: {', '.join(sorted(self.pairs))}"
        )

    def describe(self) -> list[str]:
        """One line per pair: the route it takes and the models on it (logged at start-up)."""
        lines = []
        for route in self.routes():
            kind = "pivot" if len(route.hops) > 1 else "direct"
            models = " + ".join(f"{hop.spec.model} ({hop.spec.engine})" for hop in route.hops)
            lines.append(f"{route.source}->{route.target}: {kind} {route.name} via {models}")
        return lines

    def routes(self) -> list[Route]:
        found = []
        for name in sorted(self.pairs):
            source, _, target = name.partition("-")
            try:
                found.append(self.route(source, target))
            except LookupError:
                continue
        return found

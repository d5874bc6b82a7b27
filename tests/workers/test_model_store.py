"""CTranslate2 by default: a pair's transformers model is converted once into the model store and
loaded from there; a model CTranslate2 cannot convert falls back to transformers, saying why."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from service.settings import Settings
from workers.engines.batching import BatchingEngine
from workers.engines.convert import CONVERSION_RECORD
from workers.engines.ctranslate2 import CTranslate2Engine
from workers.engines.model_store import store_path
from workers.engines.transformers import TransformersEngine
from workers.model_cache import ModelCache
from workers.tiny.build import build_tiny_prophetnet


def test_pair_loads_its_conversion_from_the_store(tiny_marian_dir: Path, tmp_path: Path) -> None:
    settings = Settings(model_de_en=str(tiny_marian_dir), model_store=tmp_path / "store")
    engine = ModelCache(settings).engine_for("de", "en")
    assert isinstance(engine, BatchingEngine) and isinstance(engine.engine, CTranslate2Engine)
    assert engine.info.model_id == tiny_marian_dir.name  # the source model, not the store path
    assert engine.info.revision.endswith("+ct2-int8")
    where = store_path(tmp_path / "store", str(tiny_marian_dir), None, "int8")
    record = json.loads((where / CONVERSION_RECORD).read_text())
    assert record["quantization"] == "int8" and (where / "model.bin").is_file()
    assert len(engine.translate(["Die Regierung hat neue Regeln angekündigt."], "de", "en")) == 1
    # by default one thread per batch and a batch per usable core (ct2_sweep.py's best split)
    assert engine.engine.translator.num_translators == settings.engine_thread_split()[1]

    # Another worker process: the stored conversion is used as it is, not made again.
    again = ModelCache(settings).engine_for("de", "en")
    assert isinstance(again, BatchingEngine) and isinstance(again.engine, CTranslate2Engine)
    assert json.loads((where / CONVERSION_RECORD).read_text())["converted_at"] == record["converted_at"]


def test_engine_transformers_stays_selectable(tiny_marian_dir: Path, tmp_path: Path) -> None:
    registry = tmp_path / "models.toml"
    registry.write_text(f'[pairs.de-en]\nmodel = "{tiny_marian_dir}"\nengine = "transformers"\n')
    engine = ModelCache(Settings(registry_file=registry, model_store=tmp_path / "s")).engine_for("de", "en")
    assert isinstance(engine, BatchingEngine) and isinstance(engine.engine, TransformersEngine)
    assert not (tmp_path / "s").exists()


def test_unconvertible_model_falls_back_to_transformers_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    model = build_tiny_prophetnet(tmp_path / "prophetnet")
    settings = Settings(model_de_en=str(model), model_store=tmp_path / "store")
    with caplog.at_level(logging.WARNING):
        engine = ModelCache(settings).engine_for("de", "en")
    assert isinstance(engine, BatchingEngine) and isinstance(engine.engine, TransformersEngine)
    assert "cannot convert" in caplog.text and "ProphetNetConfig" in caplog.text
    assert "translating with the transformers engine instead" in caplog.text
    assert len(engine.translate(["Die Regierung handelt."], "de", "en")) == 1


def test_preload_loads_a_pair_before_its_first_job_and_survives_a_bad_one(
    tiny_marian_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """INTERLINEAR_PRELOAD_PAIRS: a worker loads these models when it starts; a pair without a model
    is logged and left to the jobs that need it (they fail with the reason)."""
    cache = ModelCache(Settings(model_de_en=str(tiny_marian_dir), model_store=tmp_path / "store"))
    with caplog.at_level(logging.INFO, logger="workers.model_cache"):
        cache.preload(["de-en", "de-xx"])
    assert cache.loads == 1
    assert "preloaded de-en" in caplog.text and "could not preload de-xx" in caplog.text
    cache.engine_for("de", "en")  # the first job
    assert cache.loads == 1  # found loaded

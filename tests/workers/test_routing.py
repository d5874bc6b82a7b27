"""Model registry and routing: every pair, multilingual codes, pivot routes recorded with the output."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from service.ingest import store_article
from service.parse import parse_article
from service.registry import Registry
from service.settings import Settings
from service.storage.db import Database
from service.storage.document_store import get_document
from workers.document_translation import translate_document
from workers.engines.pivot import PivotEngine
from workers.engines.transformers import TransformersEngine
from workers.model_cache import ModelCache
from workers.tiny.build import build_tiny_m2m100


@pytest.fixture(scope="module")
def tiny_m2m100_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_m2m100(tmp_path_factory.mktemp("tiny-m2m100"))


@pytest.fixture(scope="module")
def converted(
    tiny_marian_dir: Path, tiny_m2m100_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    from workers.engines.convert import convert_to_ctranslate2

    root = tmp_path_factory.mktemp("ct2")
    return {
        "marian": convert_to_ctranslate2(str(tiny_marian_dir), root / "marian"),
        # M2M100 through the converter's loader that reads language tokens by id (transformers 5).
        "m2m100": convert_to_ctranslate2(str(tiny_m2m100_dir), root / "m2m100"),
    }


def registry_file(
    tmp_path: Path, marian: Path, m2m: Path, engine: str = "transformers", m2m_codes: str = "de, ko, en"
) -> Path:
    codes = ", ".join(f'{code} = "{code}"' for code in m2m_codes.split(", "))
    path = tmp_path / "models.toml"
    path.write_text(
        f"""
[pairs.de-en]
model = "{marian}"
engine = "{engine}"
[pairs.en-de]
model = "{marian}"
engine = "{engine}"
[pairs.de-ko]
model = "{m2m}"
engine = "{engine}"
codes = {{ {codes} }}
[pairs.ko-de]
model = "{m2m}"
engine = "{engine}"
codes = {{ {codes} }}
[pairs.en-ko]
via = "de"
[pairs.ko-en]
via = "de"
""",
        encoding="utf-8",
    )
    return path


def test_default_registry_documents_every_pair() -> None:
    registry = Registry.load(Settings())
    # Chosen by published FLORES-200 scores (issue 23): de->ko pivots through English, whose weaker
    # hop (en->ko tc-big, chrF 0.364) beats the only direct figure (M2M100 418M, chrF++ 25.6).
    assert {r.name for r in registry.routes()} == {"de>en", "en>de", "de>en>ko", "ko>de", "en>ko", "ko>en"}
    assert registry.route("en", "ko").hops[0].spec.model == "Helsinki-NLP/opus-mt-tc-big-en-ko"
    assert registry.route("ko", "en").hops[0].spec.model == "Helsinki-NLP/opus-mt-tc-big-ko-en"
    assert registry.route("ko", "de").hops[0].spec.model == "Helsinki-NLP/opus-mt-ko-de"
    assert [h.spec.model for h in registry.route("de", "ko").hops] == [
        "Helsinki-NLP/opus-mt-de-en",
        "Helsinki-NLP/opus-mt-tc-big-en-ko",
    ]
    assert any(
        line.startswith("de->ko: pivot de>en>ko via Helsinki-NLP/opus-mt-de-en")
        for line in registry.describe()
    )
    assert registry.route("de", "en").hops[0].spec.model == "Helsinki-NLP/opus-mt-de-en"
    # every pair records the licence of its model(s) and where its score is published
    assert all(hop.spec.licence for route in registry.routes() for hop in route.hops)
    assert all(entry.source for entry in registry.pairs.values())
    with pytest.raises(LookupError, match="no model configured for fr->de"):
        registry.route("fr", "de")


def test_settings_override_one_pair(tmp_path: Path) -> None:
    registry = Registry.load(Settings(model_de_en=str(tmp_path)))
    assert registry.route("de", "en").hops[0].spec.model == str(tmp_path)
    assert registry.route("en", "de").hops[0].spec.model == "Helsinki-NLP/opus-mt-en-de"


@pytest.mark.parametrize("engine_name", ["transformers", "ctranslate2"])
@pytest.mark.parametrize(
    ("source", "target", "route", "text"),
    [
        ("de", "en", "de>en", "Die Regierung hat am Montag neue Maßnahmen angekündigt."),
        ("en", "de", "en>de", "The government announced new measures on Monday."),
        ("de", "ko", "de>ko", "Die Regierung hat am Montag neue Maßnahmen angekündigt."),
        ("ko", "de", "ko>de", "정부는 월요일에 새로운 조치를 발표했습니다."),
        ("en", "ko", "en>ko", "The government announced new measures on Monday."),
        ("ko", "en", "ko>en", "정부는 월요일에 새로운 조치를 발표했습니다."),
    ],
)
def test_every_pair_on_both_engines_is_stored_with_its_route_and_models(
    database: Database, tmp_path: Path, tiny_marian_dir: Path, tiny_m2m100_dir: Path,
    converted: dict[str, Path],
    engine_name: str, source: str, target: str, route: str, text: str,
) -> None:  # fmt: skip
    if engine_name == "ctranslate2":  # every pair through CTranslate2, Korean ones multilingual
        marian, m2m = converted["marian"], converted["m2m100"]
    else:
        marian, m2m = tiny_marian_dir, tiny_m2m100_dir
    settings = Settings(
        database_url=database.url, registry_file=registry_file(tmp_path, marian, m2m, engine_name)
    )
    engine = ModelCache(settings).engine_for(source, target)
    hops = route.split(">")
    if len(hops) == 3:
        assert isinstance(engine, PivotEngine) and engine.via == hops[1]
    with database.session() as session:
        document = store_article(session, text, parse_article(text, source_lang=source), source)
        assert translate_document(session, document.id, source, target, engine) == 1
        session.expire_all()
        stored = get_document(session, document.id)
        assert stored is not None
        (output,) = [t for s in stored.segments for t in s.translations]
    assert output.route == route
    expected = [m2m.name if "ko" in pair else marian.name for pair in itertools.pairwise(hops)]
    assert output.model_id == " + ".join(expected)
    assert output.engine == "+".join([engine_name] * (len(hops) - 1))


def test_pivot_only_where_no_model_has_both_languages(
    database: Database, tmp_path: Path, converted: dict[str, Path]
) -> None:
    """A Korean model without English: en->ko pivots through German, through CTranslate2."""
    registry = registry_file(tmp_path, converted["marian"], converted["m2m100"], "ctranslate2", "de, ko")
    settings = Settings(database_url=database.url, registry_file=registry)
    assert Registry.load(settings).route("en", "ko").name == "en>de>ko"
    engine = ModelCache(settings).engine_for("en", "ko")
    assert isinstance(engine, PivotEngine) and engine.via == "de"
    assert len(engine.translate(["The government acted."], "en", "ko")) == 1


def test_multilingual_model_forces_the_target_code(tiny_m2m100_dir: Path) -> None:
    engine = TransformersEngine(str(tiny_m2m100_dir), language_codes={"de": "de", "ko": "ko"})
    kwargs = engine._lang_kwargs("ko")
    assert kwargs == {"forced_bos_token_id": engine.tokenizer.get_lang_id("ko")}
    assert len(engine.translate(["Die Regierung handelt."], "de", "ko")) == 1
    assert engine.tokenizer.src_lang == "de"

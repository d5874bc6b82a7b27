"""A hub id that is not cached, with the hub unreachable, fails at once with what to do (it used to
spend about 45 s in retries). HF_HUB_OFFLINE is left unset: the reachability probe decides."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from service.errors import ModelError
from workers.engines.convert import convert_to_ctranslate2
from workers.engines.hf import load_seq2seq
from workers.engines.hub import hub_offline


@pytest.fixture
def unreachable_hub(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # nothing listens: refused at once
    monkeypatch.setenv("HF_HOME", str(tmp_path / "empty-cache"))


def test_probe_reports_the_unreachable_hub(unreachable_hub: None) -> None:
    assert hub_offline()


@pytest.mark.parametrize("what", ["load", "convert"])
def test_uncached_hub_model_fails_fast_with_advice(unreachable_hub: None, tmp_path: Path, what: str) -> None:
    started = time.monotonic()
    with pytest.raises(ModelError) as caught:
        if what == "load":
            load_seq2seq("Helsinki-NLP/opus-mt-de-en", None, "cpu")
        else:
            convert_to_ctranslate2("Helsinki-NLP/opus-mt-de-en", tmp_path / "out")
    elapsed = time.monotonic() - started
    message = str(caught.value)
    assert "not in the local Hugging Face cache" in message and "interlinear models pull" in message
    assert elapsed < 5, f"took {elapsed:.1f} s to say the hub is unreachable (limit 5 s)"

"""Convert a Hugging Face translation model to the CTranslate2 format (optionally quantised).

The output directory holds the CTranslate2 model, the Hugging Face tokenizer files (the engine
tokenizes with them) and :data:`CONVERSION_RECORD`, which says what was converted and how, so that
:class:`workers.engines.ctranslate2.CTranslate2Engine` can report a revision that names both the
source weights and the quantisation.

Command line: ``python -m workers.engines.convert SOURCE OUTPUT_DIR [--quantization int8] [--force]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from service.errors import ModelError
from workers.engines.hf import input_limit, local_source_problem, resolved_revision
from workers.engines.hub import offline_advice, require_cached_when_offline


class NotConvertible(ModelError):
    """CTranslate2 has no converter for the model's architecture: use the transformers engine."""


CONVERSION_RECORD = "interlinear_conversion.json"
RECORD_FORMAT = 1
# The weight types ``ctranslate2.converters.Converter.convert`` accepts.
QUANTIZATIONS = (
    "int8",
    "int8_float32",
    "int8_float16",
    "int8_bfloat16",
    "int16",
    "float16",
    "bfloat16",
    "float32",
)


def quantization_label(quantization: str | None) -> str:
    """How a quantisation is named in a revision: ``None`` keeps the source's own weight type."""
    return quantization or "unquantized"


def read_conversion_record(model_dir: Path) -> dict[str, Any] | None:
    """The record written by :func:`convert_to_ctranslate2`; ``None`` where the directory has none
    (a model converted by another tool)."""
    path = Path(model_dir) / CONVERSION_RECORD
    if not path.is_file():
        return None
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(
            f"{path} is unreadable ({exc}); convert the model again with "
            "`python -m workers.engines.convert SOURCE OUTPUT_DIR --force`"
        ) from exc
    if not isinstance(record, dict) or "source_revision" not in record:
        raise ModelError(
            f"{path} is not a conversion record; convert the model again with "
            "`python -m workers.engines.convert SOURCE OUTPUT_DIR --force`"
        )
    return record


def _source_revision_and_limit(source: str, revision: str | None) -> tuple[str, int | None]:
    """The source's revision (content hash of a local directory, or the hub commit) and its
    input limit, read from its config and tokenizer without loading any weights."""
    problem = local_source_problem(source)
    if problem is not None:
        raise ModelError(f"cannot convert {source!r}: {problem}")
    offline = require_cached_when_offline(source, revision)
    from transformers import AutoConfig, AutoTokenizer

    try:
        config = AutoConfig.from_pretrained(source, revision=revision, local_files_only=offline)
        tokenizer = AutoTokenizer.from_pretrained(source, revision=revision, local_files_only=offline)
    except (OSError, ValueError) as exc:
        if offline:
            raise ModelError(f"cannot convert {source!r}: {offline_advice(source)}") from exc
        raise ModelError(
            f"cannot read model {source!r} to convert it: {str(exc).rstrip('.')}. Pass an existing "
            "local model directory, or download the hub model first with network access "
            "(`interlinear models pull`)"
        ) from exc
    return resolved_revision(source, config, revision), input_limit(tokenizer, config)


def _same_conversion(found: dict[str, Any] | None, made: dict[str, Any]) -> bool:
    """Whether ``found`` records the same conversion as ``made`` (whenever it was made)."""
    keys = ("source_revision", "quantization", "ctranslate2_version")
    return found is not None and all(found.get(key) == made.get(key) for key in keys)


def _is_empty_dir(path: Path) -> bool:
    return path.is_dir() and not any(path.iterdir())


def convert_to_ctranslate2(
    source: str,
    output_dir: Path,
    quantization: str | None = "int8",
    revision: str | None = None,
    force: bool = False,
) -> Path:
    """Convert ``source`` (hub id or local directory) into ``output_dir``; returns ``output_dir``.

    An existing ``output_dir`` converted from the same source revision with the same quantisation
    is reused as it is; any other existing directory needs ``force=True`` to be replaced. The
    conversion is written to a sibling folder first, so a failed one leaves nothing half-done.
    """
    output_dir = Path(output_dir)
    if quantization is not None and quantization not in QUANTIZATIONS:
        raise ModelError(
            f"unknown quantization {quantization!r}; use one of {', '.join(QUANTIZATIONS)}, "
            "or None to keep the source's weight type"
        )
    source_revision, max_input_tokens = _source_revision_and_limit(source, revision)
    import ctranslate2  # heavy imports after the checks, so that a refusal comes at once
    from ctranslate2.converters import TransformersConverter
    from transformers import AutoTokenizer

    from workers.engines import ct2_loaders

    ct2_loaders.register()

    if output_dir.exists() and not force and not _is_empty_dir(output_dir):
        record = read_conversion_record(output_dir) if output_dir.is_dir() else None
        if (
            record is not None
            and record.get("source_revision") == source_revision
            and record.get("quantization") == quantization
        ):
            return output_dir
        raise ModelError(
            f"{output_dir} already exists and is not a {quantization_label(quantization)} conversion "
            f"of {source!r} at {source_revision}; choose another directory, or pass force=True "
            "(--force) to replace it"
        )

    staging = output_dir.with_name(f"{output_dir.name}.converting-{os.getpid()}")
    try:
        converter = TransformersConverter(source, revision=revision)
        converter.convert(str(staging), quantization=quantization, force=True)
        AutoTokenizer.from_pretrained(source, revision=revision).save_pretrained(staging)
    except NotImplementedError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise NotConvertible(
            f"CTranslate2 {ctranslate2.__version__} cannot convert {source!r}: {exc}. "
            "Use the transformers engine for this model"
        ) from exc
    except (OSError, ValueError, RuntimeError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if "No conversion is registered" in str(exc):
            raise NotConvertible(
                f"CTranslate2 {ctranslate2.__version__} cannot convert {source!r}: its architecture "
                f"({str(exc).split('configuration ')[-1].split(' ')[0]}) has no converter"
            ) from exc
        raise ModelError(
            f"converting {source!r} to CTranslate2 failed: {exc}. Check the source model loads with "
            "the transformers engine and that there is disk space for the output"
        ) from exc
    record = {
        "format": RECORD_FORMAT,
        "source": source,
        "source_revision": source_revision,
        "quantization": quantization,
        "ctranslate2_version": ctranslate2.__version__,
        "max_input_tokens": max_input_tokens,
        "converted_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    (staging / CONVERSION_RECORD).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    if output_dir.exists():  # with force=True, or another process converted it meanwhile
        if not force and _same_conversion(read_conversion_record(output_dir), record):
            shutil.rmtree(staging)
            return output_dir
        if output_dir.is_dir():
            shutil.rmtree(output_dir)
        else:
            output_dir.unlink()
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    staging.rename(output_dir)
    return output_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("source", help="hub id or local Hugging Face model directory")
    parser.add_argument("output_dir", type=Path)
    parser.add_argument(
        "--quantization", default="int8", help="int8 (default), float16, ..., or 'none' to keep weights"
    )
    parser.add_argument("--revision", default=None, help="hub revision of the source")
    parser.add_argument("--force", action="store_true", help="replace an existing output directory")
    args = parser.parse_args(argv)
    quantization = None if args.quantization.lower() == "none" else args.quantization
    try:
        path = convert_to_ctranslate2(args.source, args.output_dir, quantization, args.revision, args.force)
    except ModelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

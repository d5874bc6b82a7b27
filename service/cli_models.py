"""``interlinear models ...`` (convert, pull, make-tiny) and ``interlinear eval``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from service.cli_common import Typer, err, out
from service.cli_common import fail as _fail
from service.cli_common import progress_bar as _progress
from service.cli_common import quiet_transformers as _quiet_transformers
from service.cli_common import settings_with as _settings
from service.errors import InterlinearError
from service.settings import Settings, get_settings

if TYPE_CHECKING:
    from service.evaluate import EvalReport

models_app = Typer(help="Manage translation models.", no_args_is_help=True)


@models_app.command("convert")
def models_convert(
    source: Annotated[str, typer.Argument(help="Hub id or local directory of a transformers model.")],
    output: Annotated[Path, typer.Argument(help="Directory for the CTranslate2 model.")],
    quantization: Annotated[
        str, typer.Option(help="int8 (CPU), float16 (GPU), int8_float16, or none.")
    ] = "int8",
    force: Annotated[bool, typer.Option(help="Overwrite an existing output directory.")] = False,
) -> None:
    """Convert a transformers model to CTranslate2 (set engine = "ctranslate2" in the registry to use it)."""
    from workers.engines.convert import convert_to_ctranslate2

    _quiet_transformers()
    try:
        path = convert_to_ctranslate2(
            source, output, None if quantization == "none" else quantization, force=force
        )
    except InterlinearError as exc:
        raise _fail(str(exc), 1) from exc
    out.print(f"CTranslate2 model written to {path}")


@models_app.command("pull")
def models_pull(
    device: Annotated[
        str, typer.Option(help="Convert for this device: cpu (int8) or cuda (float16).")
    ] = "cpu",
) -> None:
    """Download the registry's models and convert them to CTranslate2, for offline use.

    Hub models go to the Hugging Face cache; pairs whose engine is ctranslate2 get a conversion
    in the model store (INTERLINEAR_MODEL_STORE).
    """
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError, OfflineModeIsEnabled

    from service.registry import Registry
    from workers.engines.convert import NotConvertible
    from workers.engines.model_store import converted

    _quiet_transformers()
    settings = get_settings()
    specs = {
        (h.spec.model, h.spec.revision, h.spec.engine)
        for r in Registry.load(settings).routes()
        for h in r.hops
    }
    failed = 0
    for model, revision, engine in sorted(specs):
        try:
            if Path(model).is_dir():
                out.print(f"{model}: local directory, nothing to download")
            else:
                out.print(f"{model}: cached at {snapshot_download(model, revision=revision)}")
            if engine == "ctranslate2":
                try:
                    where = converted(
                        model, revision or settings.model_revision, device, settings.model_store
                    )
                    out.print(f"{model}: CTranslate2 model at {where}")
                except NotConvertible as exc:
                    err.print(f"[yellow]warning:[/] {exc}; the workers will use the transformers engine")
        except InterlinearError as exc:
            failed += 1
            err.print(f"[bold red]error:[/] {exc}", highlight=False)
        except (OfflineModeIsEnabled, LocalEntryNotFoundError, OSError) as exc:
            failed += 1
            err.print(
                f"[bold red]error:[/] {model}: the Hugging Face hub is unreachable or offline "
                f"({type(exc).__name__}); run this on a machine with network access and copy the "
                "cache (HF_HOME), or point the registry at a local directory",
                highlight=False,
            )
    if failed:
        raise typer.Exit(1)


def _evaluate_once(settings: Settings, source: str, target: str, sources: list[str], references: list[str],
                   pair: str, testset: str) -> EvalReport:  # fmt: skip
    """Translate the test set with the engine ``settings`` choose, with a progress bar, and score it."""
    from service.evaluate import evaluate
    from workers.engines.engine import route_name
    from workers.model_cache import ModelCache

    engine = ModelCache(settings).engine_for(source, target)
    route = route_name(engine, source, target)
    hypotheses: list[str] = []
    with _progress() as progress:
        bar = progress.add_task(f"{pair} {testset} {engine.info.engine}", total=len(sources))

        def translate_all(batch: list[str]) -> list[str]:
            for start in range(0, len(batch), 32):
                chunk = batch[start : start + 32]
                hypotheses.extend(h.text for h in engine.translate(chunk, source, target))
                progress.update(bar, completed=len(hypotheses))
            return hypotheses

        model = (engine.info.model_id, engine.info.revision, engine.info.engine)
        return evaluate(sources, references, translate_all, pair, testset, route, model, target)


def evaluate_command(
    pair: Annotated[str, typer.Option(help="Language pair, e.g. de-en.")] = "de-en",
    testset: Annotated[
        str, typer.Option(help="flores200-devtest or newstest2019-deen.")
    ] = "flores200-devtest",
    limit: Annotated[int | None, typer.Option(help="Only the first N sentences.")] = None,
    report: Annotated[Path | None, typer.Option(help="Write the report here (.json or .md).")] = None,
    model_dir: Annotated[Path | None, typer.Option(help="Local model directory used for the pair.")] = None,
    engines: Annotated[
        str | None,
        typer.Option(help="Compare engines on the same sentences, e.g. transformers,ctranslate2."),
    ] = None,
    candidates: Annotated[
        bool,
        typer.Option(
            "--candidates", help="Also the registry's candidate routes for the pair, where weights exist."
        ),
    ] = False,
) -> None:
    """Translate a test set from shared/eval and score it with sacrebleu (BLEU, chrF).

    With --engines, once per engine on the same sentences: what int8 CTranslate2 costs.
    """
    from service.evaluate import load_testset, write_report

    base = _settings(model_dir, None)
    source, _, target = pair.partition("-")
    chosen = [e.strip() for e in (engines or "").split(",") if e.strip()]
    unknown = set(chosen) - {"transformers", "ctranslate2"}
    if unknown:
        raise _fail(f"unknown engine(s) {', '.join(sorted(unknown))}; use transformers and/or ctranslate2", 2)
    runs: list[tuple[str, Settings]] = [(e, base.model_copy(update={"engine": e})) for e in chosen]
    if candidates:
        from service.cli_candidates import candidate_settings

        runs = candidate_settings(base, source, target)
    runs = runs or [("", base)]
    try:
        sources, references = load_testset(base.eval_dir, testset, source, target, limit)
    except (LookupError, FileNotFoundError) as exc:
        raise _fail(str(exc), 2) from exc
    _quiet_transformers()
    results: list[EvalReport] = []
    names: list[str] = []
    for name, settings in runs:
        try:
            results.append(_evaluate_once(settings, source, target, sources, references, pair, testset))
            names.append(name or results[-1].engine)
        except LookupError as exc:
            raise _fail(str(exc), 2) from exc
        except InterlinearError as exc:
            if not candidates:
                raise _fail(str(exc), 1) from exc
            err.print(f"candidate {name} skipped: {exc}", markup=False)
    if not results:
        raise _fail(f"no route for {pair} could be loaded here; see the messages above", 1)
    table = Table(title=f"{pair} on {testset} ({results[0].sentences} sentences)")
    for column in ("run", "engine", "BLEU", "chrF", "vs first", "route", "model", "revision"):
        table.add_column(column)
    first = results[0]
    for name, result in zip(names, results, strict=True):
        delta = f"{result.bleu - first.bleu:+.2f} BLEU, {result.chrf - first.chrf:+.2f} chrF"
        table.add_row(name, result.engine, f"{result.bleu:.2f}", f"{result.chrf:.2f}", delta, result.route,
                      result.model_id, result.model_revision)  # fmt: skip
    out.print(table)
    if report is not None:
        for name, result in zip(names, results, strict=True):
            path = report if len(results) == 1 else report.with_stem(f"{report.stem}-{name}")
            write_report(result, path)
            err.print(f"report written to {path}")


@models_app.command("make-tiny")
def make_tiny(
    directory: Annotated[Path, typer.Argument(help="Where to write the model.")],
    seed: int = 0,
) -> None:
    """Build a tiny random-weight MarianMT model for trying the pipeline offline.

    Its output is noise: it proves the plumbing, never translation quality.
    """
    from workers.tiny.build import build_tiny_marian

    _quiet_transformers()
    path = build_tiny_marian(directory, seed=seed)
    out.print(f"tiny model written to {path}")

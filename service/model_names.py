"""How a model is named in what the service stores and answers: never the server's file path.

A hub id ("Helsinki-NLP/opus-mt-de-en") is its own name. A local directory (INTERLINEAR_MODEL_DIR,
INTERLINEAR_MODEL_<SRC>_<TGT>, a converted or saved model) is named by the directory's own name;
its revision is a short hash of its config and weight files (``local-<hash>``), so the name and
revision together still tell two models apart, and the path on the server (user names, mount
points) stays on the server.
"""

from __future__ import annotations

from pathlib import Path


def model_name(model: str) -> str:
    """``model`` (a hub id or a directory) as it is named in outputs and responses."""
    path = Path(model)
    if path.is_absolute() or model.startswith(("./", "../", "~")) or path.is_dir():
        return path.name or model
    return model

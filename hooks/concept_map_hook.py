"""MkDocs hook: translate MkDocs events into calls of the pure `graph` package."""

from __future__ import annotations

import sys
from pathlib import Path

# hooks/ is first on sys.path under MkDocs; make the repository root importable explicitly.
_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from graph.layers import LAYERS  # noqa: E402


def on_config(config, **kwargs):
    config.extra["layers"] = {n: {"name": layer.name} for n, layer in LAYERS.items()}
    return config

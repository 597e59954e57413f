"""Writing output files atomically, readable by a static web server running as another user."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

FILE_MODE = 0o644


def write_atomic(path: Path, data: str | bytes, mode: int = FILE_MODE) -> None:
    """Write through a temporary file in the same folder, then rename: never half-written. The file
    ends with `mode` (mkstemp's 0600 would hide it from a web server running as another user)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

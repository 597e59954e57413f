"""Copy Mermaid's ES module build from node_modules/ into docs/assets/vendor/mermaid/.

`python3 scripts/vendor_mermaid.py` after `npm ci` (or after Dependabot bumps `mermaid` in
package.json). The version lives in package.json only; the copy is committed so that the site
builds with Python alone, and tests/test_diagrams.py checks that it equals node_modules' files.
Standard library only.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "node_modules" / "mermaid" / "dist"
TARGET = ROOT / "docs" / "assets" / "vendor" / "mermaid"
ENTRY = "mermaid.esm.min.mjs"
CHUNKS = Path("chunks") / "mermaid.esm.min"


def files(dist: Path = DIST) -> list[Path]:
    """The files of the browser build, relative to `dist` (no source maps)."""
    return [Path(ENTRY), *sorted(p.relative_to(dist) for p in (dist / CHUNKS).glob("*.mjs"))]


def main() -> int:
    if not (DIST / ENTRY).exists():
        print("node_modules/mermaid がありません。先に `npm ci` を実行してください", file=sys.stderr)
        return 2
    if TARGET.exists():
        shutil.rmtree(TARGET)
    for rel in files():
        (TARGET / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DIST / rel, TARGET / rel)
    print(f"copied {len(files())} files to {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Accept a downloaded link report for the build: `python3 scripts/accept_link_report.py SRC DEST`.

The deploy workflow downloads the weekly `link-report` artifact into $RUNNER_TEMP and runs this:
SRC is copied to DEST (the concept-map/graph plugin's `link_report`, the file the build reads) only
when it is a JSON report that matches linkaudit.report.SCHEMA and is not oversized. Anything else is one GitHub warning
(`::warning::…`), DEST is removed, and the exit code is still 0: the site builds without ⚠ markers.
A usage error is exit 2. Needs the site's requirements (jsonschema, the project) in this python.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

MAX_BYTES = 20_000_000  # the real report is ~1 MB; a bigger file is not ours


def problem(src: Path) -> str | None:
    """Why `src` is not an acceptable link report, or None when it is."""
    from jsonschema import Draft202012Validator

    from linkaudit.report import SCHEMA

    if src.is_symlink() or not src.is_file():
        return "not a regular file"
    if src.stat().st_size > MAX_BYTES:
        return f"larger than {MAX_BYTES} bytes"
    try:
        data = json.loads(src.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        return f"not JSON: {exc}"
    error = next(iter(sorted(Draft202012Validator(SCHEMA).iter_errors(data), key=lambda e: list(e.path))), None)
    if error is not None:
        where = "/".join(map(str, error.absolute_path)) or "(top level)"
        return f"does not match the report schema at {where}: {error.message[:200]}"
    return None


def _annotation(text: str) -> str:
    """One line for a workflow command (GitHub's escapes for %, CR and LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.splitlines()[0], file=sys.stderr)
        return 2
    src, dest = Path(argv[0]), Path(argv[1])
    reason = problem(src)
    if reason is not None:
        dest.unlink(missing_ok=True)
        print(_annotation(f"::warning::link report ignored ({reason}); the site is built without ⚠ markers"))
        return 0
    dest.write_bytes(src.read_bytes())
    print(f"link report accepted: {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

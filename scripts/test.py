"""Run the test suite: `python3 scripts/test.py [--quick] [pytest arguments]`.

Standard library only: creates/updates .venv from requirements-dev-lock.txt (hash-checked; the
project is installed editable without dependencies), lints with ruff, then runs pytest. `--quick`
leaves out the browser tests (marker `browser`) for fast feedback; the full run is the default and
what CI runs. Browser tests use Debian's /usr/bin/chromium; when CI=true a missing browser is an error.

Between ruff and pytest, textlint checks the Japanese prose of docs/ (.textlintrc.yml). It needs
Node.js >= 20; node_modules/ is installed with `npm ci` when missing or older than package-lock.json.
Without Node the step is skipped with one line, except when CI=true, where that is a failure.
With Node, the site's JavaScript is checked too (quick and full runs): eslint, `tsc --noEmit`
(JSDoc types) and its unit tests (`node --test tests/js/`); any error fails the run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import _venv  # found in scripts/: Python puts the running script's own folder on the import path

MIN_NODE = 20


def textlint(root) -> int | None:
    """Run textlint on docs/: its exit code, or None when skipped (no Node.js >= 20 outside CI)."""
    ci = os.environ.get("CI", "").lower() == "true"
    node = shutil.which("node")
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout if node else ""
    m = re.match(r"v(\d+)\.", version.strip())
    if not m or int(m.group(1)) < MIN_NODE:
        found = f"found {version.strip()}" if version else "node not found"
        if ci:
            print(f"textlint: Node.js >= {MIN_NODE} is required under CI=true ({found})", file=sys.stderr)
            return 1
        print(f"textlint skipped: needs Node.js >= {MIN_NODE}, {found} (install it, then `npm ci`)")
        return None
    modules = root / "node_modules"
    stamp = modules / ".package-lock.json"  # written by npm ci / npm install
    lock = root / "package-lock.json"
    if not stamp.exists() or stamp.stat().st_mtime < lock.stat().st_mtime:
        npm = shutil.which("npm")
        if npm is None or subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=root).returncode != 0:
            print("textlint: `npm ci` failed", file=sys.stderr)
            return 1
    return subprocess.run([str(modules / ".bin" / "textlint"), "docs"], cwd=root).returncode


JS_CHECKS = (
    ("eslint", [".bin/eslint"]),
    ("tsc", [".bin/tsc", "--noEmit", "-p", "."]),
)


def js_checks(root) -> int:
    """eslint, the type check and the Node unit tests of the site's JavaScript: the first failure's code."""
    modules = root / "node_modules"
    for name, cmd in JS_CHECKS:
        if (code := subprocess.run([str(modules / cmd[0]), *cmd[1:]], cwd=root).returncode) != 0:
            print(f"{name} failed (the site's JavaScript: see eslint.config.js, tsconfig.json)", file=sys.stderr)
            return code
    node = shutil.which("node") or "node"
    if (code := subprocess.run([node, "--test", "tests/js/"], cwd=root).returncode) != 0:
        print("JavaScript unit tests (node --test tests/js/) failed", file=sys.stderr)
    return code


def main() -> int:
    args = sys.argv[1:]
    quick = "--quick" in args
    args = [a for a in args if a != "--quick"]
    python = _venv.ensure("requirements-dev.txt")
    os.chdir(_venv.ROOT)
    lint = subprocess.run([str(python), "-m", "ruff", "check", "."])
    if lint.returncode != 0:
        print("ruff check failed", file=sys.stderr)
        return lint.returncode
    prose = textlint(_venv.ROOT)
    if prose:
        print("textlint failed (Japanese prose lint of docs/: see 執筆ガイド 文体と記法)", file=sys.stderr)
        return prose
    if prose == 0 and (js := js_checks(_venv.ROOT)):
        return js
    env = dict(os.environ)
    if prose == 0:
        env["TEXTLINT_DOCS_PASSED"] = "1"  # tests/test_textlint.py need not lint docs/ a second time
    if quick:
        args = ["-m", "not browser", *args]
    return subprocess.run([str(python), "-m", "pytest", *args], env=env).returncode


if __name__ == "__main__":
    sys.exit(main())

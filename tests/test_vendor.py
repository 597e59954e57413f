"""vis-network comes from the npm registry (#26): package.json pins it (the one place of its
version), package-lock.json locks it with an integrity hash, and the committed copy the build serves
(vendor/vis-network/vis-network.min.js, so a build needs only Python) is byte for byte the file
`npm ci` installs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from graph.vocabulary import OUTPUTS, VIS_VERSION
from views import render

ROOT = Path(__file__).resolve().parent.parent
# dist/: the UMD build with vis-data bundled and no stylesheet injected at run time (standalone/
# adds a <style> element, which the Content-Security-Policy blocks; the map styles itself)
NPM_FILE = ROOT / "node_modules" / "vis-network" / "dist" / "vis-network.min.js"


def test_the_version_is_pinned_in_package_json_and_locked() -> None:
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]["vis-network"]
    assert pinned == VIS_VERSION and pinned[0].isdigit()  # an exact version, no range
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    entry = lock["packages"]["node_modules/vis-network"]
    assert entry["version"] == VIS_VERSION
    assert entry["integrity"].startswith("sha512-")


def test_the_vendored_file_is_that_version_and_served_under_it() -> None:
    head = render.vis_source().read_bytes()[:400]
    assert f"@version {VIS_VERSION}\n".encode() in head
    assert f"/{VIS_VERSION}/" in OUTPUTS.vis


def test_the_vendored_file_equals_the_npm_package() -> None:
    if not NPM_FILE.is_file():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("node_modules/vis-network is missing under CI=true: run `npm ci`")
        pytest.skip("node_modules/vis-network is not installed (run `npm ci`)")
    assert render.vis_source().read_bytes() == NPM_FILE.read_bytes(), (
        "vendor/vis-network/vis-network.min.js differs from the npm package: copy "
        "node_modules/vis-network/dist/vis-network.min.js over it")

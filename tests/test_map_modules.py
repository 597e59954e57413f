"""The concept map's ES modules: every module main.js reaches is preloaded by overrides/main.html
(else the browser fetches them one import level after the other) and nothing else is."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / "docs" / "assets" / "javascripts" / "concept-map"
IMPORT = re.compile(r'^import\s[^;]*?from\s+"\./([\w-]+)\.js";', re.M)
PRELOADED = re.compile(r'for module in \[([^\]]*)\]')


def reached(entry: str = "main") -> set[str]:
    """The modules main.js imports at run time, directly or not (JSDoc type imports aside)."""
    seen: set[str] = set()
    todo = [entry]
    while todo:
        name = todo.pop()
        for dep in IMPORT.findall((MODULES / f"{name}.js").read_text(encoding="utf-8")):
            if dep not in seen:
                seen.add(dep)
                todo.append(dep)
    return seen


def test_every_imported_module_is_preloaded_and_exists() -> None:
    html = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    m = PRELOADED.search(html)
    assert m, "overrides/main.html lists the map's modules for modulepreload"
    preloaded = set(re.findall(r'"([\w-]+)"', m.group(1)))
    deps = reached()
    assert deps == preloaded
    assert all((MODULES / f"{name}.js").is_file() for name in deps)


def test_the_import_pattern_sees_imports() -> None:
    assert {"map", "phone", "util"} <= reached()


def test_the_js_unit_tests_use_the_current_vocabulary() -> None:
    """tests/js/vocab.json is graph/vocabulary.py's payload (regenerate it when this fails:
    `.venv/bin/python -c "import json; from graph.vocabulary import to_payload;
    print(json.dumps(to_payload(), ensure_ascii=False, indent=1))" > tests/js/vocab.json`)."""
    from graph.vocabulary import to_payload

    fixture = json.loads((ROOT / "tests" / "js" / "vocab.json").read_text(encoding="utf-8"))
    assert fixture == json.loads(json.dumps(to_payload()))

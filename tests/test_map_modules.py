"""The concept map's ES modules: every module the map's entry (main.js) and search-suggest.js reach
is preloaded on every page (else the browser fetches them one import level after the other) and
nothing else is; the list comes from the modules' imports (sitedocs/modules.py), never written
down in overrides/main.html."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

from graph.vocabulary import OUTPUTS, PRELOAD_FROM
from sitedocs.modules import preloads, static_imports

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
MODULES = DOCS / "assets" / "javascripts" / "concept-map"
# The test's own reading of an import (not sitedocs.modules'): `import … from "./x.js";` or "../x.js"
IMPORT = re.compile(r'^import\s[^;]*?from\s+"(\.{1,2}/[\w-]+\.js)";', re.M)
PRELOAD = re.compile(r'<link rel="modulepreload" href="([^"]+)">')


def reached(entry: str) -> set[str]:
    """The site paths of the modules `entry` imports at run time, directly or not (JSDoc type
    imports aside)."""
    seen: set[str] = set()
    todo = [entry]
    while todo:
        path = todo.pop()
        for spec in IMPORT.findall((DOCS / path).read_text(encoding="utf-8")):
            dep = posixpath.normpath(posixpath.join(posixpath.dirname(path), spec))
            if dep not in seen:
                seen.add(dep)
                todo.append(dep)
    return seen


def test_every_page_preloads_every_module_its_module_scripts_reach(real_site: Path) -> None:
    """A module added to an import is preloaded; a module no longer imported is not."""
    expected = set().union(*(reached(entry) for entry in PRELOAD_FROM)) - set(PRELOAD_FROM)
    assert {"concept-map/map.js", "search-rank.js", "search-near.js"} <= {p.split("javascripts/")[1]
                                                                           for p in expected}
    assert all((DOCS / path).is_file() for path in expected)
    for page in (real_site / "index.html", real_site / "layers" / "01-llm" / "index.html"):
        html = page.read_text(encoding="utf-8")
        base = "" if page.parent == real_site else "../../"
        found = [href.removeprefix(base) for href in PRELOAD.findall(html)]
        assert len(found) == len(set(found))
        assert set(found) == expected, page
        assert f'src="{base}{OUTPUTS.map_script}"' in html


def test_main_html_spells_no_module_of_the_map() -> None:
    """The template iterates cm_preload and links the entry by the vocabulary's path."""
    html = re.sub(r"\{#.*?#\}", "", (ROOT / "overrides" / "main.html").read_text(encoding="utf-8"), flags=re.S)
    assert re.findall(r'rel="modulepreload" href="([^"]*)"', html) == ["{{ path | url }}"]
    assert "{%- for path in cm_preload" in html and "{{ cm_outputs.map_script | url }}" in html
    assert "concept-map/" not in html


def test_preloads_follow_static_imports_only() -> None:
    files = {
        "js/app/main.js": 'import { a } from "./a.js";\nimport {\n  b,\n} from "../b.js";\n',
        "js/app/a.js": '/** @typedef {import("./types.js").T} T */\nexport { c } from "./c.js";\n'
                       'const later = () => import("./lazy.js");\n',
        "js/app/c.js": 'import "./side.js";\nimport\'../early.js\'\nexport const c = 1;\n',
        "js/b.js": 'import { a } from "./app/a.js";\n',
    }
    assert static_imports(files["js/app/main.js"]) == ["./a.js", "../b.js"]
    # an import for its side effects only (no bindings) is fetched like any other
    assert static_imports(files["js/app/c.js"]) == ["./side.js", "../early.js"]
    assert preloads(["js/app/main.js"], files.get) == [
        "js/app/side.js", "js/early.js", "js/app/c.js", "js/app/a.js", "js/b.js"]
    assert preloads(["js/app/main.js", "js/b.js"], files.get) == [
        "js/app/side.js", "js/early.js", "js/app/c.js", "js/app/a.js"]
    assert preloads(["js/missing.js"], files.get) == []


def test_the_js_unit_tests_use_the_current_vocabulary() -> None:
    """tests/js/vocab.json is graph/vocabulary.py's payload (regenerate it when this fails:
    `.venv/bin/python -c "import json; from graph.vocabulary import to_payload;
    print(json.dumps(to_payload(), ensure_ascii=False, indent=1))" > tests/js/vocab.json`)."""
    from graph.vocabulary import to_payload

    fixture = json.loads((ROOT / "tests" / "js" / "vocab.json").read_text(encoding="utf-8"))
    assert fixture == json.loads(json.dumps(to_payload()))

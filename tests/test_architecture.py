"""The layout the developer guide asks for: the model (graph/) holds no presentation, no module
dodges an import cycle with an import inside a function, the plugins keep their state on the
instance, and their options are validated with clear errors."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build
from hooks.concept_map_plugin import ConceptMapPlugin
from hooks.csp_plugin import CspPlugin
from hooks.search_ja_plugin import SearchJaPlugin

PRESENTATION = ("jinja2", "markupsafe", "pyvis", "views")


def _modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).glob("*.py"))


def _imports(tree: ast.AST) -> list[tuple[str, ast.AST]]:
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(alias.name, node) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.append((node.module, node))
    return out


def _strings(tree: ast.AST) -> list[str]:
    """The string literals of a module, docstrings left out."""
    docs = {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef) and node.body
            and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs]


HTML = re.compile(r"<(div|span|p|a|ul|li|table|tr|td|th|section|details|h[1-6]|template|script)[\s>]")


@pytest.mark.parametrize("path", _modules("graph"), ids=lambda p: p.name)
def test_the_model_holds_no_presentation(path: Path) -> None:
    """No Jinja, pyvis or views import, no HTML and no path into overrides/ (the vocabulary's SVG
    badge shapes are data the views and the payload take from it)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert [name for name, _ in _imports(tree) if name.split(".")[0] in PRESENTATION] == []
    strings = _strings(tree)
    assert [s for s in strings if HTML.search(s) or "overrides/" in s] == []


@pytest.mark.parametrize("path", [*_modules("graph"), *_modules("views"), *_modules("hooks")],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_import_inside_a_function(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inner = [f"line {node.lineno}" for fn in ast.walk(tree)
             if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
             for node in ast.walk(fn) if isinstance(node, ast.Import | ast.ImportFrom)]
    assert inner == []


def test_hooks_holds_plugins_only() -> None:
    """Every module of hooks/ is a plugin registered in pyproject.toml (no MkDocs `hooks:` file,
    whose state would live in module globals), and mkdocs.yml lists no hook."""
    modules = {p.stem for p in (ROOT / "hooks").glob("*.py")} - {"__init__"}
    assert modules and all(m.endswith("_plugin") for m in modules)
    registered = set(re.findall(r'= "hooks\.(\w+):', (ROOT / "pyproject.toml").read_text(encoding="utf-8")))
    assert registered == modules
    assert not re.search(r"(?m)^hooks:", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", sorted((ROOT / "hooks").glob("*.py")), ids=lambda p: p.name)
def test_plugins_keep_no_module_state(path: Path) -> None:
    """No `global`, no module-level value that could carry one build into the next (constants
    are upper case; `log` is the logger), no switch read from the environment."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert not any(isinstance(node, ast.Global) for node in ast.walk(tree))
    names = [target.id for node in tree.body if isinstance(node, ast.Assign | ast.AnnAssign)
             for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
             if isinstance(target, ast.Name)]
    assert [n for n in names if n != "log" and not n.isupper()] == []
    assert "os.environ" not in path.read_text(encoding="utf-8")  # options come from mkdocs.yml only


def test_each_build_starts_afresh() -> None:
    """on_config gives the instance (kept through `mkdocs serve`) a new Build."""
    plugin = ConceptMapPlugin()
    assert plugin.load_config({}) == ([], [])
    first = plugin.build
    first.order.append("stale.md")

    class Config(dict):
        __getattr__ = dict.__getitem__

    config = Config(docs_dir=str(ROOT / "docs"), extra={}, extra_css=[], config_file_path=str(ROOT / "mkdocs.yml"))
    plugin.on_config(config)
    assert plugin.build is not first and plugin.build.order == []


@pytest.mark.parametrize(("plugin", "options", "message"), [
    (ConceptMapPlugin, {"link_report": 5}, "link_report"),
    (ConceptMapPlugin, {"link-report": "x.json"}, "link-report"),
    (SearchJaPlugin, {"enabled": "yes"}, "enabled"),
    (CspPlugin, {"enabled": "no"}, "enabled"),
    (CspPlugin, {"hashes": True}, "hashes"),
])
def test_options_are_validated(plugin, options: dict, message: str) -> None:
    errors, warnings = plugin().load_config(options)
    assert any(message in key for key, _ in [*errors, *warnings])


def test_a_wrong_option_fails_the_build_with_its_name(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nplugins:\n  - concept-map/search-ja:\n      enabled: maybe\n", encoding="utf-8")
    result = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 1
    assert "enabled" in result.stderr and "Traceback" not in result.stderr


def test_the_csp_plugin_starts_each_build_afresh() -> None:
    """The hashes of one build's untrusted inline code do not carry into the next (`mkdocs serve`)."""
    plugin = CspPlugin()
    assert plugin.load_config({}) == ([], [])
    plugin.untrusted.add("'sha256-stale'")
    plugin.on_config({})
    assert plugin.untrusted == set()
    assert plugin.vis_styles  # vis-network's injected stylesheets, read once per build

"""Read and check the fact data file (docs/data/facts.yml); every problem names the data file's
docs-relative path and line.

    vendors:
      anthropic:
        name: Anthropic
        models:
          - id: claude-opus-5-5                 # fact id: anthropic/claude-opus-5-5
            name: Claude Opus 5.5
            api_id: claude-opus-5-5
            context_window: 1000000
            max_output: 128000
            status: current
            sources: [https://platform.claude.com/docs/en/about-claude/models/overview]
            checked: 2026-12-02
            class: model-lineup
        parameters: [...]   # topic, dialect, spec, values, status, note
        values: [...]       # name, value, unit, note: a single value quoted in prose

Checked: unknown or missing keys, wrong types, an unknown volatility class, a missing or
non-https source, a `checked` date that is not a date or lies in the future, a fact id, a model
ID or a YAML key listed twice.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from graph.problems import Problem
from sitedocs.sources import read_source

from .classes import FACTS_SRC, KINDS, MODEL_STATUS, MODELS, PARAMETER_STATUS, PARAMETERS, VALUES, VOLATILITY_CLASSES

DATA_FILE = FACTS_SRC  # docs-relative
_SLUG = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
COMMON_KEYS = ("id", "sources", "checked", "class")

# Per kind: field -> (type, required). Types: "str", "markdown" (str shown as Markdown), "int"
# (positive), "date", "slug", "scalar" (str, int or date), or a dict of allowed values (status).
FIELDS: dict[str, dict[str, tuple[object, bool]]] = {
    MODELS: {"name": ("str", True), "api_id": ("str", True), "status": (MODEL_STATUS, True),
             "context_window": ("int", False), "max_output": ("int", False), "released": ("date", False),
             "deprecated": ("date", False), "shutdown": ("date", False), "note": ("markdown", False)},
    PARAMETERS: {"topic": ("slug", True), "dialect": ("str", True), "spec": ("markdown", True),
                 "values": ("markdown", False), "status": (PARAMETER_STATUS, True), "note": ("markdown", False)},
    VALUES: {"name": ("str", True), "value": ("scalar", True), "unit": ("str", False), "note": ("markdown", False)},
}
DEFAULT_FIELD = {MODELS: "name", PARAMETERS: "spec", VALUES: "value"}


@dataclass(frozen=True)
class Source:
    """One 📘 source of a fact: its URL, the link text and the data file's line."""

    url: str
    title: str
    line: int


@dataclass
class Fact:
    """One entry of the data file. `file` is docs-relative, `line` the entry's first line."""

    id: str  # "<vendor>/<entry id>"
    kind: str  # classes.KINDS
    vendor: str
    vendor_name: str
    fields: dict[str, object]
    source_links: tuple[Source, ...]
    checked: dt.date
    cls: str
    file: str
    line: int
    field_lines: dict[str, int] = field(default_factory=dict)

    @property
    def sources(self) -> tuple[str, ...]:
        """The source URLs, in the order written."""
        return tuple(s.url for s in self.source_links)

    @property
    def interval_days(self) -> int:
        return VOLATILITY_CLASSES[self.cls].interval_days

    @property
    def due(self) -> dt.date:
        """The last day the fact counts as fresh."""
        return self.checked + dt.timedelta(days=self.interval_days)

    def stale(self, today: dt.date) -> bool:
        return today > self.due


@dataclass
class FactBase:
    """What the data file holds (facts in file order, keyed by id) and what is wrong with it."""

    facts: list[Fact] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    file: str = DATA_FILE

    def __post_init__(self) -> None:
        self.by_id = {f.id: f for f in self.facts}

    def get(self, fact_id: str) -> Fact | None:
        return self.by_id.get(fact_id)


class _Loader(yaml.SafeLoader):
    """YAML without implicit timestamps: dates stay text and are checked here, with their line."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class _Node:
    """A YAML value with the line it starts on (1-based)."""

    value: object
    line: int


class _Reader:
    def __init__(self, file: str, today: dt.date) -> None:
        self.file = file
        self.today = today
        self.problems: list[Problem] = []
        self.constructor = _Loader("")

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))

    # YAML nodes -> _Node trees (mappings: dict[str, _Node]; sequences: list[_Node])
    def tree(self, node: yaml.Node) -> _Node:
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            out: dict[str, _Node] = {}
            for key_node, value_node in node.value:
                key = str(key_node.value)
                if key in out:
                    self.problem(key_node.start_mark.line + 1,
                                 f"キー '{key}' が2回書かれています（最初は {out[key].line} 行目）")
                    continue
                out[key] = self.tree(value_node)
                if isinstance(value_node, yaml.ScalarNode) or not out[key].line:
                    out[key].line = key_node.start_mark.line + 1
            return _Node(out, line)
        if isinstance(node, yaml.SequenceNode):
            return _Node([self.tree(item) for item in node.value], line)
        return _Node(self.constructor.construct_object(node, deep=True), line)

    def mapping(self, node: _Node, what: str) -> dict[str, _Node] | None:
        if not isinstance(node.value, dict):
            self.problem(node.line, f"{what} はキーと値の対応（mapping）にしてください")
            return None
        return node.value

    def sequence(self, node: _Node, what: str) -> list[_Node] | None:
        if not isinstance(node.value, list):
            self.problem(node.line, f"{what} はリストにしてください")
            return None
        return node.value

    def date(self, node: _Node, what: str) -> dt.date | None:
        text = str(node.value).strip()
        try:
            value = dt.date.fromisoformat(text) if _ISO.match(text) else None
        except ValueError:
            value = None
        if value is None:
            self.problem(node.line, f"{what} '{node.value}' は YYYY-MM-DD 形式の日付ではありません")
        return value

    def typed(self, node: _Node, typ: object, what: str) -> object | None:
        value = node.value
        if isinstance(typ, dict):
            if value not in typ:
                self.problem(node.line, f"{what} '{value}' は {' / '.join(typ)} のどれかにしてください")
                return None
            return value
        if typ == "date":
            return self.date(node, what)
        if typ == "int":
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                self.problem(node.line, f"{what} は正の整数にしてください（'{value}'）")
                return None
            return value
        if typ == "slug":
            if not isinstance(value, str) or not _SLUG.match(value):
                self.problem(node.line, f"{what} '{value}' は英小文字・数字・ハイフン・ドットで書いてください")
                return None
            return value
        if typ == "scalar":
            if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
                self.problem(node.line, f"{what} は文字列か数値にしてください（'{value}'）")
                return None
            return value
        if not isinstance(value, str) or not value.strip():
            self.problem(node.line, f"{what} は空でない文字列にしてください（'{value}'）")
            return None
        if "|" in value or "{{" in value or "\n" in value:
            self.problem(node.line, f"{what} に '|'、'{{{{' や改行は書けません（表のセルに入るため）")
            return None
        return value.strip()

    def sources(self, node: _Node | None, entry_line: int, what: str) -> tuple[Source, ...]:
        if node is None:
            self.problem(entry_line, f"{what} に sources（📘 公式ページのURL）がありません")
            return ()
        if node.value is None or node.value == [] or node.value == "":
            self.problem(node.line, f"{what} の sources が空です（📘 公式ページのURLを1つ以上）")
            return ()
        items = node.value if isinstance(node.value, list) else [node]
        out: list[Source] = []
        for item in items:
            url, title = item.value, ""
            if isinstance(item.value, dict):
                url = item.value.get("url", _Node("", item.line)).value
                title = item.value.get("title", _Node("", item.line)).value
                unknown = set(item.value) - {"url", "title"}
                if unknown:
                    self.problem(item.line, f"{what} の sources に不明なキー: {', '.join(sorted(unknown))}")
            if not isinstance(url, str) or not url.startswith("https://") or " " in url:
                self.problem(item.line, f"{what} の source '{url}' は https:// で始まるURLにしてください")
                continue
            if not isinstance(title, str):
                self.problem(item.line, f"{what} の source の title は文字列にしてください")
                title = ""
            out.append(Source(url, title.strip(), item.line))
        return tuple(out)

    def entry(self, node: _Node, kind: str, vendor: str, vendor_name: str) -> Fact | None:
        data = self.mapping(node, f"{vendor} の {kind} の項目")
        if data is None:
            return None
        before = len(self.problems)
        eid = self.typed(data["id"], "slug", "id") if "id" in data else None
        if "id" not in data:
            self.problem(node.line, f"{vendor} の {kind} の項目に id がありません")
        what = f"'{vendor}/{eid}'" if eid else f"{vendor} の {kind} の項目"
        spec = FIELDS[kind]
        for key in sorted(set(data) - set(spec) - set(COMMON_KEYS)):
            self.problem(data[key].line, f"{what}: 不明なキー '{key}'（{kind} に書けるのは "
                                         f"{', '.join((*COMMON_KEYS, *spec))}）")
        fields: dict[str, object] = {}
        for key, (typ, required) in spec.items():
            if key not in data:
                if required:
                    self.problem(node.line, f"{what} に {key} がありません")
                continue
            value = self.typed(data[key], typ, f"{what} の {key}")
            if value is not None:
                fields[key] = value
        checked = None
        if "checked" not in data:
            self.problem(node.line, f"{what} に checked（確認日）がありません")
        else:
            checked = self.date(data["checked"], f"{what} の checked")
            if checked and checked > self.today:
                self.problem(data["checked"].line, f"{what} の checked {checked.isoformat()} は未来の日付です"
                                                   f"（今日は {self.today.isoformat()}）")
        cls = None
        if "class" not in data:
            self.problem(node.line, f"{what} に class（変わりやすさの分類）がありません")
        elif data["class"].value not in VOLATILITY_CLASSES:
            self.problem(data["class"].line, f"{what} の class '{data['class'].value}' は不明です"
                                             f"（{' / '.join(VOLATILITY_CLASSES)}）")
        else:
            cls = data["class"].value
        sources = self.sources(data.get("sources"), node.line, what)
        if len(self.problems) > before or eid is None or checked is None or cls is None:
            return None
        return Fact(f"{vendor}/{eid}", kind, vendor, vendor_name, fields, sources, checked, cls,
                    self.file, data["id"].line, {k: v.line for k, v in data.items()})


def parse_facts(text: str, file: str = DATA_FILE, today: dt.date | None = None) -> FactBase:
    """Check the data file's text; facts with a problem are left out (the problem says why)."""
    reader = _Reader(file, today or dt.date.today())
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return FactBase([], [Problem(file, mark.line + 1 if mark else 1, f"YAML として読めません: {exc}")], file)
    if root is None:
        return FactBase([], [], file)
    top = reader.mapping(reader.tree(root), "ファイルの最上位")
    facts: list[Fact] = []
    if top is not None:
        for key in sorted(set(top) - {"vendors"}):
            reader.problem(top[key].line, f"最上位の不明なキー '{key}'（vendors だけを書きます）")
        vendors = reader.mapping(top["vendors"], "vendors") if "vendors" in top else {}
        for vendor, vnode in (vendors or {}).items():
            facts.extend(_vendor(reader, vendor, vnode))
    seen: dict[str, Fact] = {}
    api_ids: dict[tuple[str, str], Fact] = {}
    kept = []
    for fact in facts:
        if fact.id in seen:
            reader.problem(fact.line, f"'{fact.id}' が2回書かれています（最初は {seen[fact.id].line} 行目）")
            continue
        seen[fact.id] = fact
        if fact.kind == MODELS:
            key = (fact.vendor, str(fact.fields["api_id"]))
            if key in api_ids:
                reader.problem(fact.field_lines.get("api_id", fact.line),
                               f"モデルID '{key[1]}' が2回書かれています（'{api_ids[key].id}'、"
                               f"{api_ids[key].line} 行目と同じ）")
                continue
            api_ids[key] = fact
        kept.append(fact)
    return FactBase(kept, sorted(reader.problems), file)


def _vendor(reader: _Reader, vendor: str, node: _Node) -> list[Fact]:
    if not _SLUG.match(vendor):
        reader.problem(node.line, f"ベンダーのキー '{vendor}' は英小文字・数字・ハイフンで書いてください")
        return []
    data = reader.mapping(node, f"vendors の {vendor}")
    if data is None:
        return []
    name = data.get("name")
    if name is None or not isinstance(name.value, str) or not name.value.strip():
        reader.problem(node.line, f"{vendor} に name（表示名）がありません")
        return []
    for key in sorted(set(data) - {"name", *KINDS}):
        reader.problem(data[key].line, f"{vendor} の不明なキー '{key}'（name, {', '.join(KINDS)}）")
    out = []
    for kind in KINDS:
        if kind not in data:
            continue
        for item in reader.sequence(data[kind], f"{vendor} の {kind}") or []:
            fact = reader.entry(item, kind, vendor, name.value.strip())
            if fact is not None:
                out.append(fact)
    return out


def load_facts(docs_dir: Path, today: dt.date | None = None, file: str = DATA_FILE) -> FactBase:
    """The facts of `docs_dir`/data/facts.yml (an empty FactBase when the site has none)."""
    path = Path(docs_dir) / file
    if not path.is_file():
        return FactBase([], [], file)
    text, problem = read_source(path, file)  # a BOM accepted, bad bytes named with their line
    if text is None or problem is not None:
        line, message = (problem.line, problem.message) if problem else (1, "読めません")
        return FactBase([], [Problem(file, line, message)], file)
    return parse_facts(text, file, today)

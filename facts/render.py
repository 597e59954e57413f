"""Render the fact syntax of a page's Markdown into plain Markdown, before the page is converted.

Two forms (documented in the 執筆ガイド, docs/contributing.md#facts):

    本文中の値: {{ fact: anthropic/claude-opus-5-5 context_window }}
        → 1,000,000トークン（確認日 2026-12-02）
    生成する表（1行にそれだけを書く）:
    {{ fact-table: models anthropic }}            ベンダーのモデル表（複数ベンダーも可）
    {{ fact-table: parameters reasoning-effort }}  話題（topic）ごとのパラメータ対比表

Every value carries its 確認日, every generated row its 📘 source link and 確認日; a fact past its
class's review interval shows 「要再確認」 beside it. Code spans and fenced code are left alone
(that is how the guide shows the syntax). Inline rendering never adds lines; tables do, so callers
that need the source's line numbers render with `tables=False` (the table line stays as written).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field

from graph.problems import Problem
from sitedocs.markdown import mask_code_spans, outside_fences

from .classes import CHECKED_LABEL, MODEL_STATUS, MODELS, PARAMETER_STATUS, PARAMETERS, STALE_LABEL, VALUES
from .load import DEFAULT_FIELD, FIELDS, Fact, FactBase

INLINE = re.compile(r"\{\{\s*fact:\s*(?P<id>[^\s{}]+)(?:\s+(?P<field>[^\s{}]+))?\s*\}\}")
TABLE = re.compile(r"^(?P<indent>\s*)\{\{\s*fact-table:\s*(?P<kind>[^\s{}]+)(?P<args>[^{}]*)\}\}\s*$")
ANY = re.compile(r"\{\{\s*facts?[-:\s]")  # anything that looks like the syntax: left over = a mistake
TOKEN_FIELDS = ("context_window", "max_output")
SOURCE_TITLE = "公式ドキュメント"  # link text of a source without a title


@dataclass(frozen=True)
class Use:
    """Where a page shows a fact: docs-relative file and 1-based line (front matter included)."""

    fact: str
    file: str
    line: int


@dataclass
class Rendered:
    text: str
    uses: list[Use] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def checked_note(fact: Fact, today: dt.date) -> str:
    """「（確認日 YYYY-MM-DD）」, with 「要再確認」 when the fact is past its interval."""
    stale = f"、{STALE_LABEL}" if fact.stale(today) else ""
    return f"（{CHECKED_LABEL} {fact.checked.isoformat()}{stale}）"


def field_text(fact: Fact, name: str, *, inline: bool = True) -> str:
    """One field of a fact as text ('' when the fact does not have it)."""
    value = fact.fields.get(name)
    if value is None:
        return ""
    if name in TOKEN_FIELDS:
        return f"{value:,}" + ("トークン" if inline else "")
    if name == "status":
        return (MODEL_STATUS if fact.kind == MODELS else PARAMETER_STATUS)[str(value)]
    if isinstance(value, dt.date):
        return value.isoformat()
    if name == "value" and fact.fields.get("unit"):
        return f"{value}{fact.fields['unit']}"
    return str(value)


def source_cell(fact: Fact, today: dt.date) -> str:
    links = "、".join(f"📘 [{s.title or SOURCE_TITLE}]({s.url})" for s in fact.source_links)
    return links + checked_note(fact, today)


def _model_status(fact: Fact) -> str:
    text = field_text(fact, "status", inline=False)
    dates = [f"{label} {fact.fields[key].isoformat()}" for key, label in
             (("released", "公開"), ("deprecated", "非推奨"), ("shutdown", "提供終了"))
             if isinstance(fact.fields.get(key), dt.date)]
    return text + (f"（{'、'.join(dates)}）" if dates else "")


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(c or "—" for c in cells) + " |"


def model_table(facts: list[Fact], today: dt.date) -> list[str]:
    vendors = len({f.vendor for f in facts}) > 1
    notes = any(f.fields.get("note") for f in facts)
    head = [*(["提供元"] if vendors else []), "モデル", "モデルID", "コンテキスト長（トークン）",
            "最大出力（トークン）", "状態", *(["備考"] if notes else []), "出典・確認日"]
    lines = [_row(head), "|" + "--|" * len(head)]
    for f in facts:
        lines.append(_row([*([f.vendor_name] if vendors else []), field_text(f, "name"),
                           f"`{f.fields['api_id']}`", field_text(f, "context_window", inline=False),
                           field_text(f, "max_output", inline=False), _model_status(f),
                           *([field_text(f, "note")] if notes else []), source_cell(f, today)]))
    return lines


def parameter_table(facts: list[Fact], today: dt.date) -> list[str]:
    head = ["方言", "指定方法", "値・注意", "状態", "出典・確認日"]
    lines = [_row(head), "|" + "--|" * len(head)]
    for f in facts:
        values = "。".join(v for v in (field_text(f, "values"), field_text(f, "note")) if v)
        lines.append(_row([field_text(f, "dialect"), field_text(f, "spec"), values,
                           field_text(f, "status"), source_cell(f, today)]))
    return lines


def value_table(facts: list[Fact], today: dt.date) -> list[str]:
    head = ["項目", "値", "備考", "出典・確認日"]
    lines = [_row(head), "|" + "--|" * len(head)]
    for f in facts:
        lines.append(_row([field_text(f, "name"), field_text(f, "value"), field_text(f, "note"),
                           source_cell(f, today)]))
    return lines


TABLES = {MODELS: model_table, PARAMETERS: parameter_table, VALUES: value_table}


def select(base: FactBase, kind: str, args: list[str]) -> tuple[list[Fact], str]:
    """The facts a table shows, in file order, or ([], why) when the selection is wrong.

    models / values: vendor keys (none: every vendor) and/or fact ids; `status=a,b` filters models.
    parameters: topics.
    """
    facts = [f for f in base.facts if f.kind == kind]
    if kind not in TABLES:
        return [], f"表の種類 '{kind}' は不明です（{' / '.join(TABLES)}）"
    statuses = [a.split("=", 1)[1].split(",") for a in args if a.startswith("status=")]
    names = [a for a in args if not a.startswith("status=")]
    if kind == PARAMETERS:
        topics = {str(f.fields["topic"]) for f in facts}
        unknown = [n for n in names if n not in topics]
        if not names or unknown:
            return [], (f"パラメータ表の話題 '{' '.join(unknown)}' がありません" if unknown
                        else "パラメータ表には話題（topic）を書いてください") + f"（{', '.join(sorted(topics))}）"
        return [f for f in facts if f.fields["topic"] in names], ""
    vendors = {f.vendor for f in base.facts}
    unknown = [n for n in names if n not in vendors and n not in base.by_id]
    if unknown:
        return [], (f"'{' '.join(unknown)}' はベンダーのキーでも事実IDでもありません"
                    f"（ベンダー: {', '.join(sorted(vendors))}）")
    if names:
        facts = [f for f in facts if f.vendor in names or f.id in names]
    for allowed in statuses:
        bad = [s for s in allowed if s not in MODEL_STATUS]
        if bad:
            return [], f"status '{','.join(bad)}' は不明です（{' / '.join(MODEL_STATUS)}）"
        facts = [f for f in facts if f.fields.get("status") in allowed]
    if not facts:
        return [], "表に載せる事実がありません"
    return facts, ""


def _suggest(base: FactBase, fact_id: str) -> str:
    close = difflib.get_close_matches(fact_id, list(base.by_id), n=1)
    return f"（もしかして '{close[0]}'？）" if close else ""


def render_markdown(src: str, text: str, base: FactBase, today: dt.date, *, tables: bool = True,
                    first_line: int = 1) -> Rendered:
    """Expand the fact syntax of one page. `first_line` is the file line of the text's first line
    (MkDocs hands on_page_markdown the body without its front matter)."""
    out = Rendered(text)
    if "{{" not in text:  # no fact syntax anywhere (most pages): the text as it is
        return out
    lines = text.split("\n")
    result = list(lines)

    def problem(idx: int, message: str) -> None:
        out.problems.append(Problem(src, idx + first_line, message))

    for idx, raw in outside_fences(lines):
        if "{{" not in raw:  # masking code spans takes text away, never adds a "{{"
            continue
        masked = mask_code_spans(raw)
        if "{{" not in masked:
            continue
        table = TABLE.match(masked)
        if table:
            args = table.group("args").split()
            facts, why = select(base, table.group("kind"), args)
            if why:
                problem(idx, f"fact-table: {why}")
                continue
            out.uses.extend(Use(f.id, src, idx + first_line) for f in facts)
            if tables:
                rows = TABLES[table.group("kind")](facts, today)
                result[idx] = "\n".join(table.group("indent") + row for row in rows)
            continue
        pieces, at = [], 0
        for m in INLINE.finditer(masked):
            fact = base.get(m.group("id"))
            if fact is None:
                problem(idx, f"不明な事実ID '{m.group('id')}'（{base.file} にありません）"
                             + _suggest(base, m.group("id")))
                value = f"［不明な事実 {m.group('id')}］"
            else:
                name = m.group("field") or DEFAULT_FIELD[fact.kind]
                known = tuple(FIELDS[fact.kind])
                if name not in known:
                    problem(idx, f"'{fact.id}' に項目 '{name}' はありません（{', '.join(known)}）")
                    value = f"［不明な項目 {name}］"
                elif not field_text(fact, name):
                    problem(idx, f"'{fact.id}' には {name} の値がありません（{base.file}:{fact.line}）")
                    value = f"［値のない項目 {name}］"
                else:
                    value = field_text(fact, name) + checked_note(fact, today)
                    out.uses.append(Use(fact.id, src, idx + first_line))
            pieces.append(raw[at:m.start()] + value)
            at = m.end()
        rest = masked[at:]
        if ANY.search(rest):
            problem(idx, "事実の記法が読めません（{{ fact: ベンダー/ID 項目 }} か、1行だけの "
                         "{{ fact-table: models|parameters|values … }}）")
        result[idx] = "".join(pieces) + raw[at:]
    out.text = "\n".join(result)
    return out

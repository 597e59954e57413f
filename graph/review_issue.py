"""The weekly 要再確認 issue (#22): stale pages, sections and facts (`stats.stale_items`) and the
cited sources whose main text changed (`sources_changed` of check_links.py's JSON report), grouped
by chapter with the chapter's `owner`. Pure: a site graph and report data in, Markdown out.

A changed source is put under every chapter that cites it, directly (a 📘 link in the chapter)
or through a fact of docs/data/facts.yml that the chapter shows. Text from the report (URLs,
places, extracted lines) goes through linkaudit.report's code spans: inert on GitHub (no
@mention, no link, no HTML).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from linkaudit.report import _code, _url

from .site import SiteGraph
from .stats import StaleItem, stale_items

ELSEWHERE = "章の外（トップページ・データファイルなど）"


def _source_line(change: dict[str, Any]) -> str:
    places = ", ".join(_code(_where(c), in_table=False) for c in change.get("citations", []))
    added = change.get("added") or []
    first = f"、追加された行の例: {_code(added[0], in_table=False)}" if added else ""
    return (f"- 出典が更新されました: {_url(str(change.get('url', '')), in_table=False)}"
            f"（前回 {_code(str(change.get('locked_seen', '')), in_table=False)} → "
            f"{_code(str(change.get('seen', '')), in_table=False)}、+{len(added)} 行 / "
            f"-{int(change.get('removed', 0))} 行{first}）引用箇所: {places or '-'}")


def _where(citation: dict[str, Any]) -> str:
    where = f"{citation.get('file', '')}:{citation.get('line', '')}"
    return f"{where}: {citation['fact']}" if citation.get("fact") else where


def _chapters_citing(site: SiteGraph, change: dict[str, Any]) -> list[str]:
    """The page sources (src) that cite a changed source, directly or through a fact they show."""
    srcs: list[str] = []
    for c in change.get("citations", []):
        fact = c.get("fact")
        found = sorted({u.file for u in site.fact_uses if u.fact == fact}) if fact else [str(c.get("file", ""))]
        srcs.extend(s for s in found if s not in srcs)
    return srcs


def issue_body(site: SiteGraph, today: dt.date, sources_changed: list[dict[str, Any]],
               run_url: str = "") -> str:
    """The issue's Markdown: a count line, then one section per chapter (title, file, owner)."""
    stale = stale_items(site, today)
    pages = {p.src: p for p in site.pages}
    groups: dict[str, list[str]] = {}

    def add(src: str, line: str) -> None:
        key = src if src in pages else ""
        if line not in groups.setdefault(key, []):
            groups[key].append(line)

    for item in stale:
        if item.file in pages:
            add(item.file, _stale_line(item))
    for fact in site.facts.facts:
        if fact.stale(today):
            shown = sorted({u.file for u in site.fact_uses if u.fact == fact.id}) or [""]
            item = next(i for i in stale if i.file == fact.file and i.line == fact.line)
            for src in shown:
                add(src, _stale_line(item))
    for change in sources_changed:
        for src in _chapters_citing(site, change) or [""]:
            add(src, _source_line(change))
    run = f"（run: {run_url}）" if run_url else ""
    lines = [f"{today.isoformat()} 時点で確認期限を過ぎたもの {len(stale)} 件、本文が変わった出典 "
             f"{len(sources_changed)} 件{run}。", "",
             "公式ドキュメントと照らし合わせ、必要なら本文を直して `reviewed` / `data-reviewed` を、値は "
             "docs/data/facts.yml の値と `checked` を更新してください。出典の変更を確かめたら、"
             "新しい sources.lock.json（`--accept-sources`）を PR で取り込みます（執筆ガイド「出典の監視」）。", ""]
    order = [p.src for p in site.pages if p.src in groups] + ([""] if "" in groups else [])
    for src in order:
        page = pages.get(src)
        if page is None:
            lines.append(f"### {ELSEWHERE}")
        else:
            owner = f"担当 @{page.owner}" if page.owner else "担当なし"
            lines.append(f"### {page.title}（{_code(src, in_table=False)}、{owner}）")
        lines += ["", *groups[src], ""]
    return "\n".join(lines)


def _stale_line(item: StaleItem) -> str:
    return f"- 要再確認: {_code(str(item), in_table=False)}"

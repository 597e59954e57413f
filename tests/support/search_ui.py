"""Driving Material's search UI in Chromium and scoring its rankings: shared by
tests/test_search_browser.py and benchmarks/search.py (no timing assertions live here)."""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ROOT / "tests" / "data" / "search_queries.json"
TOP_K = 5

# Installed once per page: keydown on the search box starts the clock, the first change of the
# result list (or of the "n results" line, for an empty result) stops it.
_INSTRUMENT = """() => {
  const list = document.querySelector(".md-search-result__list");
  const meta = document.querySelector(".md-search-result__meta");
  const input = document.querySelector("input.md-search__input");
  window.__sj = {t0: null, t1: null, last: 0};
  input.addEventListener("keydown", () => { window.__sj.t0 = performance.now(); window.__sj.t1 = null; },
                         true);
  const seen = () => {
    const now = performance.now();
    if (window.__sj.t0 !== null && window.__sj.t1 === null) window.__sj.t1 = now;
    window.__sj.last = now;
  };
  const obs = new MutationObserver(seen);
  obs.observe(list, {childList: true, subtree: true});
  obs.observe(meta, {childList: true, subtree: true, characterData: true});
}"""

_SETTLED = "() => window.__sj.t1 !== null && performance.now() - window.__sj.last > 150"
_CLEARED = "() => document.querySelectorAll('.md-search-result__list > li').length === 0"

_READ_RESULTS = """() => [...document.querySelectorAll(".md-search-result__list > li.md-search-result__item")]
  .map(li => [...li.querySelectorAll("a.md-search-result__link")].map(a => ({
    href: a.href,
    score: parseFloat(a.querySelector("article").getAttribute("data-md-score") || "0"),
  })))"""


@dataclass
class QueryResult:
    query: str
    kind: str
    expect: list[str]
    ranking: list[str]
    rank: int | None  # 1-based position of the first expected URL, None if absent
    ms: float  # keystroke → first results


# ---------------------------------------------------------------------------------------------
# Metrics and ranking (pure)


def load_queries(path: Path = QUERIES, *, smoke_only: bool = False) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    queries = data["queries"] if isinstance(data, dict) else data
    return [q for q in queries if q.get("smoke")] if smoke_only else queries


def normalise(href: str, base: str) -> str:
    """'http://127.0.0.1:8000/layers/01-llm/?h=x#lora' → 'layers/01-llm/#lora'."""
    parts = urlsplit(href)
    path = parts.path[len(urlsplit(base).path):] if parts.path.startswith(urlsplit(base).path) else parts.path
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def ranking_from_groups(groups: list[list[dict]], base: str) -> list[str]:
    """Displayed entries in order; a page header counts only when it is its group's best match."""
    ranking: list[str] = []
    for group in groups:
        if not group:
            continue
        header, sections = group[0], group[1:]
        best_section = max((s["score"] for s in sections), default=0.0)
        if header["score"] > 0 and header["score"] >= best_section:
            ranking.append(normalise(header["href"], base))
        ranking.extend(normalise(s["href"], base) for s in sections if s["score"] > 0)
    return list(dict.fromkeys(ranking))


def first_rank(ranking: list[str], expect: list[str]) -> int | None:
    for i, url in enumerate(ranking, 1):
        if url in expect:
            return i
    return None


def recall_at(results: list[QueryResult], k: int) -> float:
    return sum(1 for r in results if r.rank is not None and r.rank <= k) / len(results) if results else 0.0


def mean_reciprocal_rank(results: list[QueryResult]) -> float:
    return sum(1.0 / r.rank for r in results if r.rank) / len(results) if results else 0.0


# ---------------------------------------------------------------------------------------------
# Driving Material's search UI


def open_search(page, base: str) -> float:
    """Load the home page, open the search box, instrument it; returns ms to the first results."""
    page.goto(base, wait_until="networkidle")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.evaluate(_INSTRUMENT)
    start = time.perf_counter()
    search(page, base, "エージェント")  # first query: includes the worker building its index
    return (time.perf_counter() - start) * 1000


def search(page, base: str, query: str, timeout: float = 15000) -> tuple[list[str], float]:
    """Type `query` as a reader would; returns (ranking, keystroke-to-results ms)."""
    box = page.locator("input.md-search__input")
    if box.input_value():
        box.fill("")
        page.keyboard.press("End")
        page.wait_for_function(_CLEARED, timeout=timeout)
    box.fill(query)  # insertText, like an IME composition: Material searches on keyup ...
    page.keyboard.press("End")  # ... which the committing key press provides
    page.wait_for_function(_SETTLED, timeout=timeout)
    timing = page.evaluate("() => window.__sj.t1 - window.__sj.t0")
    return ranking_from_groups(page.evaluate(_READ_RESULTS), base), timing


def type_along(page, base: str, query: str, timeout: float = 15000) -> list[float]:
    """Type `query` one character at a time (each committed with a key press, as an IME would);
    returns keystroke-to-results ms for every prefix: the search answering as you type."""
    box = page.locator("input.md-search__input")
    if box.input_value():
        box.fill("")
        page.keyboard.press("End")
        page.wait_for_function(_CLEARED, timeout=timeout)
    times = []
    for n in range(1, len(query) + 1):
        box.fill(query[:n])
        page.keyboard.press("End")
        page.wait_for_function(_SETTLED, timeout=timeout)
        times.append(page.evaluate("() => window.__sj.t1 - window.__sj.t0"))
    return times


def run_queries(page, base: str, queries: list[dict], repeat: int = 1) -> list[QueryResult]:
    results = []
    for q in queries:
        times = []
        ranking: list[str] = []
        for _ in range(max(1, repeat)):
            ranking, ms = search(page, base, q["query"])
            times.append(ms)
        results.append(QueryResult(q["query"], q.get("kind", ""), q["expect"], ranking,
                                   first_rank(ranking, q["expect"]), statistics.median(times)))
    return results

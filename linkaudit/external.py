"""Check the external URLs cited in the docs, with a result cache and a network probe."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

from links_cache import ResultCache
from links_config import Settings, host_matches
from links_report import Result, citations_json, classify
from links_sources import Citation


class NetworkDown(Exception):
    """No cited host can be reached at all."""


def interleave(urls: list[str]) -> list[str]:
    """Round-robin the URLs across hosts so threads work on different hosts at once."""
    by_host: dict[str, list[str]] = {}
    for url in urls:
        by_host.setdefault(urlsplit(url).netloc.lower(), []).append(url)
    queues = list(by_host.values())
    ordered: list[str] = []
    while queues:
        ordered += [q.pop(0) for q in queues]
        queues = [q for q in queues if q]
    return ordered


def _check_target(url: str, settings: Settings) -> str:
    host = urlsplit(url).hostname or ""
    if not settings.check_fragments or host_matches(host, settings.fragment_skip_hosts):
        return urldefrag(url)[0]
    return url


def check_external(
    settings: Settings, cited: dict[str, list[Citation]], cache_path: Path, use_cache: bool
) -> tuple[list[Result], int]:
    """Results for every cited URL not ignored by the config, and the number ignored."""
    patterns = settings.ignore_patterns()
    wanted = [u for u in cited if not any(p.search(u) for p in patterns)]
    cache = ResultCache(cache_path, settings.cache_max_age_hours,
                        settings.cache_failures_max_age_hours)
    cache.load()
    found: dict[str, dict[str, Any]] = {}
    for url in wanted:
        hit = cache.get(_check_target(url, settings)) if use_cache else None
        if hit is not None:
            found[url] = {**hit, "cached": True}
    todo = sorted({_check_target(u, settings) for u in wanted if u not in found},
                  key=[_check_target(u, settings) for u in wanted].index)
    if todo:
        fresh = _run(interleave(todo), settings)
        for target, entry in fresh.items():
            cache.put(target, entry)
        cache.save()
        for url in wanted:
            if url not in found:
                found[url] = {**fresh[_check_target(url, settings)], "cached": False}
    results = []
    for url in wanted:
        entry = found[url]
        citations = cited[url]
        results.append(Result(
            url=url, kind="external", result=entry["result"], status=entry.get("status"),
            official=any(c.official for c in citations), citations=citations_json(citations),
            message=entry.get("message", ""), location=entry.get("location"),
            redirect_status=entry.get("redirect_status"), attempts=entry.get("attempts", 0),
            cached=entry["cached"], warnings=entry.get("warnings", []),
        ))
    return results, len(cited) - len(wanted)


def _run(urls: list[str], settings: Settings) -> dict[str, dict[str, Any]]:
    """Check `urls` with LinkChecker; classified result entries by URL."""
    import links_engine as engine

    probe_timeout = min(settings.timeout, 5.0)
    down = (f"the network is unreachable: none of the {len(urls)} URLs' hosts accepted a "
            "connection, so no link was checked or marked broken")
    if not engine.network_reachable(urls, probe_timeout):
        raise NetworkDown(down)
    policy = engine.Policy(retries=settings.retries, backoff=settings.backoff,
                           max_retry_after=settings.max_retry_after,
                           per_host_rate=settings.per_host_rate)
    config, collector = engine.make_config(
        threads=settings.threads, timeout=settings.timeout, fragments=settings.check_fragments,
        recursion=0, extern=True, user_agent=settings.user_agent, policy=policy)
    outcomes = {o.url: o for o in engine.run(config, collector, urls)}
    failed = [o for o in outcomes.values() if o.error_kind in ("connection", "timeout")]
    if len(failed) == len(urls) and not engine.network_reachable(urls, probe_timeout):
        raise NetworkDown(down)
    fresh = {}
    for url in urls:
        outcome = outcomes.get(url)
        if outcome is None:
            fresh[url] = {"result": "unverifiable", "status": None,
                          "message": "LinkChecker returned no result", "attempts": 0}
            continue
        result, message = classify(outcome, settings)
        entry: dict[str, Any] = {"result": result, "status": outcome.status, "message": message,
                                 "attempts": outcome.attempts, "warnings": []}
        if result == "redirected":
            entry["location"] = outcome.final_url
            entry["redirect_status"] = outcome.first_status
        if result == "unverifiable" and outcome.status == 403:
            entry["warnings"].append(f"{urlsplit(url).hostname} blocks bots; not counted broken")
        fresh[url] = entry
    return fresh

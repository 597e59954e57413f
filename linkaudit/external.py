"""Check the external URLs cited in the docs, with a result cache and a network probe."""

from __future__ import annotations

import socket
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

from linkaudit import adapter
from linkaudit.cache import Checked, ResultCache
from linkaudit.classify import ResultClass, classify
from linkaudit.config import Settings, host_matches
from linkaudit.outcome import ErrorKind, NetworkDown
from linkaudit.report import Result
from linkaudit.sources import Citation


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


def network_reachable(urls: list[str], timeout: float) -> bool:
    """True when a TCP connection to at least one of the URLs' hosts succeeds."""
    targets = []
    for url in urls:
        parts = urlsplit(url)
        if parts.hostname:
            port = parts.port or (443 if parts.scheme == "https" else 80)
            if (parts.hostname, port) not in targets:
                targets.append((parts.hostname, port))
    if not targets:
        return True

    def attempt(target: tuple[str, int]) -> bool:
        try:
            with socket.create_connection(target, timeout=timeout):
                return True
        except OSError:
            return False

    with ThreadPoolExecutor(max_workers=min(16, len(targets))) as pool:
        return any(pool.map(attempt, targets))


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
    found: dict[str, tuple[Checked, bool]] = {}
    for url in wanted:
        hit = cache.get(_check_target(url, settings)) if use_cache else None
        if hit is not None:
            found[url] = (hit, True)
    todo = list(dict.fromkeys(_check_target(u, settings) for u in wanted if u not in found))
    if todo:
        fresh = _run(interleave(todo), settings)
        for target, checked in fresh.items():
            cache.put(target, checked)
        cache.save()
        for url in wanted:
            if url not in found:
                found[url] = (fresh[_check_target(url, settings)], False)
    results = []
    for url in wanted:
        checked, cached = found[url]
        citations = cited[url]
        results.append(Result(
            url=url, kind="external", result=checked.result, status=checked.status,
            official=any(c.official for c in citations), citations=list(citations),
            message=checked.message, location=checked.location,
            redirect_status=checked.redirect_status, attempts=checked.attempts,
            cached=cached, warnings=list(checked.warnings),
        ))
    return results, len(cited) - len(wanted)


def _run(urls: list[str], settings: Settings) -> dict[str, Checked]:
    """Check `urls` with the engine; a classified result by URL."""
    probe_timeout = min(settings.timeout, 5.0)
    down = (f"the network is unreachable: none of the {len(urls)} URLs' hosts accepted a "
            "connection, so no link was checked or marked broken")
    if not network_reachable(urls, probe_timeout):
        raise NetworkDown(down)
    policy = adapter.Policy(retries=settings.retries, backoff=settings.backoff,
                            max_retry_after=settings.max_retry_after,
                            per_host_rate=settings.per_host_rate, deadline=settings.deadline)
    options = adapter.Options(threads=settings.threads, timeout=settings.timeout,
                              fragments=settings.check_fragments, recursion=0, extern=True,
                              user_agent=settings.user_agent,
                              anchor_max_bytes=settings.anchor_max_bytes, policy=policy)
    outcomes = {o.url: o for o in adapter.run(urls, options)}
    failed = [o for o in outcomes.values() if o.error_kind in (ErrorKind.CONNECTION, ErrorKind.TIMEOUT)]
    if len(failed) == len(urls) and not network_reachable(urls, probe_timeout):
        raise NetworkDown(down)
    fresh = {}
    for url in urls:
        outcome = outcomes.get(url)
        if outcome is None:
            fresh[url] = Checked(ResultClass.UNVERIFIABLE, None,
                                 "LinkChecker returned no result", 0)
            continue
        verdict = classify(outcome, settings)
        redirected = verdict.result == ResultClass.REDIRECTED
        warnings = []
        if verdict.result == ResultClass.UNVERIFIABLE and outcome.status == 403:
            warnings.append(f"{urlsplit(url).hostname} blocks bots; not counted broken")
        fresh[url] = Checked(
            result=verdict.result, status=outcome.status, message=verdict.message,
            attempts=outcome.attempts, warnings=warnings,
            location=outcome.final_url if redirected else None,
            redirect_status=outcome.first_status if redirected else None)
    return fresh


def fetch_bodies(settings: Settings, urls: list[str]) -> dict[str, bytes]:
    """The HTML bodies of `urls` (no #fragment), fetched by the engine with the same politeness,
    deadline and byte cap as the check; a URL that gave none is left out."""
    policy = adapter.Policy(retries=settings.retries, backoff=settings.backoff,
                            max_retry_after=settings.max_retry_after,
                            per_host_rate=settings.per_host_rate, deadline=settings.deadline)
    options = adapter.Options(threads=settings.threads, timeout=settings.timeout,
                              fragments=False, recursion=0, extern=True,
                              user_agent=settings.user_agent,
                              anchor_max_bytes=settings.anchor_max_bytes, keep_bodies=True,
                              policy=policy)
    return {o.url: o.body for o in adapter.run(interleave(urls), options)
            if o.body is not None and o.error_kind is None}

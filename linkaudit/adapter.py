"""Run LinkChecker through its Python API, fixing the defaults that hide problems.

LinkChecker stays the engine (URL classes, redirects, AnchorCheck, threads, result cache).
What is changed: robots.txt is not consulted for cited links; 429/5xx and timeouts are
retried with backoff honouring Retry-After; each host gets a fixed request rate instead of a
random 0.1-0.6 s delay taken under a global lock; the first status of a redirect chain and the
kind of network error are kept, so results can be classified.
"""

from __future__ import annotations

import contextlib
import email.utils
import logging
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urldefrag, urlsplit

import requests
from linkcheck import checker, configuration, director
from linkcheck.checker import httpurl
from linkcheck.checker.urlbase import CompactUrlData
from linkcheck.director import checker as director_checker
from linkcheck.htmlutil import linkparse
from linkcheck.logger.none import NoneLogger
from linkcheck.plugins.anchorcheck import AnchorCheck, UrlAnchorCheck
from links_report import Outcome, connection_problem

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
USER_AGENT = "check_links/1 (LinkChecker 10.6; documentation link check)"


@dataclass
class Policy:
    """Retry and rate settings handed to the URL checkers through LinkChecker's config."""

    retries: int = 2
    backoff: float = 1.0
    max_retry_after: float = 30.0
    per_host_rate: float | None = 4.0
    sleep: Any = field(default=time.sleep)


class HostLimiter:
    """At most `rate` requests per second per host; waiting happens outside any lock."""

    def __init__(self, rate: float | None, sleep: Any = time.sleep) -> None:
        self.interval = 1.0 / rate if rate else 0.0
        self.next_slot: dict[str, float] = {}
        self.lock = threading.Lock()
        self.sleep = sleep

    def wait(self, host: str) -> None:
        """Reserve the host's next free slot, then sleep until it comes."""
        if not self.interval:
            return
        with self.lock:
            now = time.monotonic()
            slot = max(now, self.next_slot.get(host, now))
            self.next_slot[host] = slot + self.interval
        delay = slot - time.monotonic()
        if delay > 0:
            self.sleep(delay)


class WireData(CompactUrlData):
    """LinkChecker's transport object with one more slot for our details."""

    __slots__ = ("extra",)


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class CitedHttpUrl(httpurl.HttpUrl):
    """HttpUrl that retries, records the redirect status and the kind of failure."""

    def reset(self) -> None:
        super().reset()
        self.extra: dict[str, Any] = {"attempts": 0, "first_status": None, "error_kind": None}

    def allows_robots(self, url: str) -> bool:
        return True

    def check_connection(self) -> None:
        try:
            super().check_connection()
        except requests.exceptions.TooManyRedirects:
            self.extra["error_kind"] = "redirect-loop"
            raise
        except requests.exceptions.Timeout:
            self.extra["error_kind"] = "timeout"
            raise
        except requests.exceptions.ConnectionError as exc:
            self.extra["error_kind"] = "connection"
            self.extra["error_detail"] = connection_problem(str(exc))
            raise

    def send_request(self, request: Any) -> None:
        policy: Policy = self.aggregate.config["check_links_policy"]
        kwargs = self.get_request_kwargs()
        kwargs["allow_redirects"] = False
        host = self.urlparts[1]
        for attempt in range(policy.retries + 1):
            self.extra["attempts"] = attempt + 1
            self.aggregate.wait_for_host(host)
            last = attempt == policy.retries
            try:
                self._send_request(request, **kwargs)
            except requests.exceptions.Timeout:
                if last:
                    raise
                policy.sleep(policy.backoff * 2**attempt)
                continue
            status = self.url_connection.status_code
            if status not in RETRY_STATUSES or last:
                return
            wait = retry_after(self.headers.get("Retry-After"))
            if wait is not None and wait > policy.max_retry_after:
                self.extra["retry_after_too_long"] = wait
                return
            self.url_connection.close()
            policy.sleep(wait if wait is not None else policy.backoff * 2**attempt)

    def follow_redirections(self, request: Any) -> None:
        if self.extra["first_status"] is None and self.url_connection is not None:
            self.extra["first_status"] = self.url_connection.status_code
        super().follow_redirections(request)

    def allows_recursion(self) -> bool:
        # A page is parsed for links once, from its URL without #fragment, not once per anchor.
        return not self.anchor and super().allows_recursion()

    def get_soup(self) -> Any:
        # One parse per page: URLs that differ only in #fragment share the soup (read-only).
        if self.soup is None:
            key = urldefrag(self.url)[0]
            soups, lock = self.aggregate.config["check_links_soups"]
            with lock:
                self.soup = soups.get(key)
            if self.soup is None:
                self.soup = super().get_soup()
                with lock:
                    soups[key] = self.soup
        return self.soup

    def to_wire(self) -> WireData:
        data = WireData(self.to_wire_dict())
        status = self.url_connection.status_code if self.url_connection is not None else None
        data.extra = {**self.extra, "status": status, "final_url": self.url}
        return data


class SharedAnchorCheck(AnchorCheck):
    """LinkChecker's AnchorCheck, collecting a page's anchors once for all its #fragments."""

    def __init__(self, config: Any) -> None:
        super().__init__(config)
        self.pages: dict[str, list[Any]] = {}
        self.lock = threading.Lock()

    def check(self, url_data: Any) -> None:
        key = urldefrag(url_data.url)[0]
        with self.lock:
            anchors = self.pages.get(key)
        if anchors is None:
            found = UrlAnchorCheck()
            linkparse.find_links(url_data.get_soup(), found.add_anchor, linkparse.AnchorTags)
            anchors = found.anchors
            with self.lock:
                self.pages[key] = anchors
        checker_ = UrlAnchorCheck()
        checker_.anchors = anchors
        checker_.check_anchor(url_data)


class Collector(NoneLogger):
    """A LinkChecker logger that keeps every logged URL."""

    LoggerName = "check-links-collector"

    def __init__(self, **args: Any) -> None:
        super().__init__(**args)
        self.items: list[Any] = []

    def log_url(self, url_data: Any) -> None:
        self.items.append(url_data)


@contextlib.contextmanager
def _patched_http_class() -> Iterator[None]:
    """Make LinkChecker build CitedHttpUrl for every http(s) link while checking."""
    original, poll = httpurl.HttpUrl, director_checker.QUEUE_POLL_INTERVALL_SECS
    httpurl.HttpUrl = CitedHttpUrl  # type: ignore[misc]
    # Idle checker threads poll the queue; 1 s polls add up to a second at the end of a run.
    director_checker.QUEUE_POLL_INTERVALL_SECS = 0.05
    try:
        yield
    finally:
        httpurl.HttpUrl = original  # type: ignore[misc]
        director_checker.QUEUE_POLL_INTERVALL_SECS = poll


def make_config(
    *, threads: int, timeout: float, fragments: bool, recursion: int, extern: bool,
    user_agent: str = "", policy: Policy | None = None,
) -> tuple[Any, Collector]:
    """A LinkChecker Configuration for our use, and the collector logger it logs to."""
    config = configuration.Configuration()
    collector = Collector()
    config["logger"] = collector
    config["verbose"] = True
    config["status"] = False
    config["robotstxt"] = False
    config["threads"] = threads
    config["timeout"] = timeout
    config["recursionlevel"] = recursion
    config["checkextern"] = extern
    config["enabledplugins"] = ["AnchorCheck"] if fragments else []
    config["useragent"] = user_agent or USER_AGENT
    config["aborttimeout"] = max(30, int(timeout * 4))
    config["check_links_policy"] = policy or Policy()
    config["check_links_soups"] = ({}, threading.Lock())
    config.sanitize()
    return config, collector


def run(config: Any, collector: Collector, urls: list[str]) -> list[Outcome]:
    """Check `urls` (recursing as configured) and return every logged outcome."""
    logging.getLogger("linkcheck").setLevel(logging.ERROR)
    policy: Policy = config["check_links_policy"]
    with _patched_http_class():
        aggregate = director.get_aggregate(config)
        aggregate.wait_for_host = HostLimiter(policy.per_host_rate, policy.sleep).wait
        plugins = aggregate.plugin_manager.content_plugins
        plugins[:] = [SharedAnchorCheck(p.config if hasattr(p, "config") else {})
                      if type(p) is AnchorCheck else p for p in plugins]
        for url in urls:
            aggregate.urlqueue.put(checker.get_url_from(url, 0, aggregate, extern=None))
        director.check_urls(aggregate)
    return [_outcome(item) for item in collector.items]


def _status_from_result(result: str) -> int | None:
    head = result.split(" ", 1)[0].strip("'")
    return int(head) if head.isdigit() else None


def _outcome(item: Any) -> Outcome:
    extra: dict[str, Any] = getattr(item, "extra", None) or {}
    status = extra.get("status")
    if status is None and extra.get("error_kind") is None:
        status = _status_from_result(item.result)
    return Outcome(
        url=item.base_url or item.url,
        valid=bool(item.valid),
        result=item.result,
        warnings=[w[1] if isinstance(w, tuple) else str(w) for w in item.warnings],
        status=status,
        first_status=extra.get("first_status"),
        final_url=extra.get("final_url") or item.url,
        error_kind=extra.get("error_kind"),
        error_detail=extra.get("error_detail"),
        attempts=int(extra.get("attempts", 0)),
        parent_url=item.parent_url or None,
        line=item.line,
        extern=bool(item.extern),
        abs_url=item.cache_url or item.url,
    )


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

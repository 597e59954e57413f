"""All coupling to LinkChecker (linkchecker==10.6.0): the one module that imports `linkcheck`.

LinkChecker stays the engine (URL classes, redirects, HTML parsing, threads, result cache).
What this adapter changes, through LinkChecker internals that are not a public API:
- `linkcheck.checker.httpurl.HttpUrl` is swapped for `CitedHttpUrl` while checking, which
  overrides the private `_send_request` loop: 429/5xx and timeouts are retried with backoff
  honouring Retry-After; robots.txt is not consulted for cited links; the first status of a
  redirect chain and the kind of network error are kept (from exception types, not texts);
- the aggregate's `wait_for_host` (a random 0.1-0.6 s delay under a global lock) is replaced by a
  per-host rate limiter that waits outside any lock;
- the AnchorCheck content plugin is replaced by one that parses a page's anchors once for all
  its #fragments and records a missing fragment as data (`missing_fragment`, and the warning tag
  `ANCHOR_NOT_FOUND`), never as a sentence to be parsed;
- LinkChecker's gettext `_` is swapped for the untranslated one while checking, so the result
  lines shown in reports are English whatever LANG/LANGUAGE say;
- every URL has an overall deadline (connect, headers, redirects, retries and the body read
  for its anchor): a watchdog shuts its connections down when it passes (urllib3's connection
  `request`/`getresponse` register the connection with the checking thread's `Deadline`), and
  the URL is recorded as `deadline` (unverifiable), never ok; the body read for an anchor check
  stops at a byte cap (decoded bytes: a gzip bomb stops there too). A #fragment on an HTML page
  that was not verified either way is recorded as `anchor_unchecked` with the reason;
- the director's queue poll interval is shortened (idle threads add up to a second otherwise);
- our own settings travel in LinkChecker's Configuration under `check_links_*` keys.

The installed version is checked on import: on any other version this module raises
`UnsupportedLinkChecker` (a ConfigError: exit code 2) before touching LinkChecker's internals.
"""

from __future__ import annotations

import importlib.metadata

from linkaudit.config import ConfigError

SUPPORTED_VERSION = "10.6.0"


class UnsupportedLinkChecker(ConfigError):
    """The installed LinkChecker is not the version this adapter was written for."""


def installed_version() -> str | None:
    """The installed linkchecker distribution's version, or None when it is absent."""
    try:
        return importlib.metadata.version("linkchecker")
    except importlib.metadata.PackageNotFoundError:
        return None


def check_version(installed: str | None) -> None:
    """Raise UnsupportedLinkChecker unless `installed` is the supported version."""
    if installed == SUPPORTED_VERSION:
        return
    found = f"LinkChecker {installed} is installed" if installed else "LinkChecker is not installed"
    raise UnsupportedLinkChecker(
        f"{found}, but linkaudit works with linkchecker=={SUPPORTED_VERSION} only "
        "(install requirements.txt, e.g. run python3 scripts/check_links.py to set up .venv).")


check_version(installed_version())

# The imports below reach into LinkChecker's internals: only after the version check.
import builtins  # noqa: E402
import contextlib  # noqa: E402
import email.utils  # noqa: E402
import gettext  # noqa: E402
import logging  # noqa: E402
import socket  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from io import BytesIO  # noqa: E402
from typing import Any  # noqa: E402
from urllib.parse import unquote, urldefrag, urlunsplit  # noqa: E402

import requests  # noqa: E402
import urllib3.connection  # noqa: E402
from linkcheck import LinkCheckerError, checker, configuration, director  # noqa: E402
from linkcheck.checker import httpurl  # noqa: E402
from linkcheck.checker.urlbase import CompactUrlData  # noqa: E402
from linkcheck.director import checker as director_checker  # noqa: E402
from linkcheck.htmlutil import linkparse  # noqa: E402
from linkcheck.logger.none import NoneLogger  # noqa: E402
from linkcheck.plugins.anchorcheck import AnchorCheck, UrlAnchorCheck  # noqa: E402

from linkaudit.outcome import ErrorKind, Outcome  # noqa: E402

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
USER_AGENT = "check_links/1 (LinkChecker 10.6; documentation link check)"
ANCHOR_NOT_FOUND = "url-anchor-not-found"  # our warning tag (LinkChecker 10.6 tags none)


@dataclass
class Policy:
    """Retry and rate settings handed to the URL checkers through LinkChecker's config."""

    retries: int = 2
    backoff: float = 1.0
    max_retry_after: float = 30.0
    per_host_rate: float | None = 4.0
    deadline: float | None = None  # seconds for one URL, all requests and the body; None: none
    sleep: Callable[[float], Any] = field(default=time.sleep)


class Deadline:
    """One URL's overall deadline, started by its first request: when it passes, every
    socket registered with it is shut down, so a blocked read returns at once."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.expired = False
        self.started: float | None = None
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        self.timer: threading.Timer | None = None

    def register(self, connection: Any) -> None:
        """Watch the socket of `connection` (a urllib3 HTTPConnection; the socket, because
        http.client drops the connection's reference to it while a response is still read);
        start the clock on the first request."""
        sock = getattr(connection, "sock", None)
        if self.seconds is None:
            return
        with self.lock:
            if self.started is None:
                self.started = time.monotonic()
                self.timer = threading.Timer(self.seconds, self.expire)
                self.timer.daemon = True
                self.timer.start()
            if sock is None:
                return
            if sock not in self.sockets:
                self.sockets.append(sock)
            if self.expired:
                _shut(sock)

    def remaining(self) -> float:
        """Seconds left (infinite without a deadline or before the first request)."""
        if self.seconds is None or self.started is None:
            return float("inf")
        return self.seconds - (time.monotonic() - self.started)

    def expire(self) -> None:
        """The deadline passed: shut every registered socket down."""
        with self.lock:
            self.expired = True
            for sock in self.sockets:
                _shut(sock)

    def cancel(self) -> None:
        """The URL is done: stop the clock."""
        if self.timer is not None:
            self.timer.cancel()

    def message(self) -> str:
        """Why the URL is unverifiable once the deadline passed."""
        return (f"no complete answer within {self.seconds:g} s "
                "(the overall deadline per URL: connect, headers and body)")


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError, ValueError):
        # socket.socket's own shutdown (an SSLSocket's would tear down its TLS state under the
        # reading thread): the blocked read sees end-of-stream and returns at once.
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


_checking = threading.local()  # .deadline: the Deadline of the URL this thread is checking


def _watched(method: Callable[..., Any]) -> Callable[..., Any]:
    def call(connection: Any, *args: Any, **kwargs: Any) -> Any:
        deadline = getattr(_checking, "deadline", None)
        if deadline is None:
            return method(connection, *args, **kwargs)
        deadline.register(connection)  # a reused connection: its socket exists already
        try:
            return method(connection, *args, **kwargs)
        finally:
            deadline.register(connection)  # a new connection: connected by `request`

    return call


class HostLimiter:
    """At most `rate` requests per second per host; waiting happens outside any lock."""

    def __init__(self, rate: float | None, sleep: Callable[[float], Any] = time.sleep) -> None:
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


def _exception_chain(exc: BaseException) -> Iterator[BaseException]:
    """`exc` and every exception it wraps (cause, context, urllib3's `reason`, exception args)."""
    seen: set[int] = set()
    todo: list[Any] = [exc]
    while todo:
        item = todo.pop(0)
        if not isinstance(item, BaseException) or id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        todo += [item.__cause__, item.__context__, getattr(item, "reason", None), *item.args]


def connection_problem(exc: BaseException) -> str:
    """A short reason for a requests ConnectionError, from the types of what it wraps."""
    chain = list(_exception_chain(exc))
    if any(isinstance(e, ConnectionRefusedError) for e in chain):
        return "connection refused"
    if any((isinstance(e, OSError) and type(e).__name__ == "gaierror")
           or type(e).__name__ == "NameResolutionError" for e in chain):
        return "host not found (DNS)"
    return f"connection failed: {type(chain[-1]).__name__}"


class WireData(CompactUrlData):
    """LinkChecker's transport object with one more slot for our details."""

    __slots__ = ("extra",)


class CitedHttpUrl(httpurl.HttpUrl):
    """HttpUrl that retries, records the redirect status and the kind of failure, and keeps
    each URL within its overall deadline and anchor byte cap."""

    def reset(self) -> None:
        super().reset()
        self.extra: dict[str, Any] = {"attempts": 0, "first_status": None, "error_kind": None}
        self.deadline = Deadline(None)

    def allows_robots(self, url: str) -> bool:
        return True

    def check(self) -> None:
        # The deadline runs from the first request to the end of check_content (close_connection).
        self.deadline = Deadline(self.aggregate.config["check_links_policy"].deadline)
        _checking.deadline = self.deadline
        super().check()

    def check_content(self) -> bool:
        try:
            return super().check_content()
        finally:
            self._end_deadline()

    def close_connection(self) -> None:
        self._end_deadline()
        super().close_connection()

    def _end_deadline(self) -> None:
        self.deadline.cancel()
        if getattr(_checking, "deadline", None) is self.deadline:
            _checking.deadline = None

    def check_connection(self) -> None:
        try:
            self._check_connection()
        except Exception as exc:
            if not self.deadline.expired:
                raise
            self.extra["error_kind"] = ErrorKind.DEADLINE
            self.extra["error_detail"] = self.deadline.message()
            raise requests.exceptions.Timeout(self.deadline.message()) from exc

    def _check_connection(self) -> None:
        try:
            super().check_connection()
        except requests.exceptions.TooManyRedirects:
            self.extra["error_kind"] = ErrorKind.REDIRECT_LOOP
            raise
        except requests.exceptions.Timeout:
            self.extra["error_kind"] = ErrorKind.TIMEOUT
            raise
        except requests.exceptions.ConnectionError as exc:
            self.extra["error_kind"] = ErrorKind.CONNECTION
            self.extra["error_detail"] = connection_problem(exc)
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
                if last or self.deadline.remaining() < policy.backoff * 2**attempt:
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
            wait = wait if wait is not None else policy.backoff * 2**attempt
            if wait >= self.deadline.remaining():
                return  # no time left to retry: the last status stands
            self.url_connection.close()
            policy.sleep(wait)

    def read_content(self) -> bytes:
        """The body, decoded, up to the anchor byte cap; a cut (cap or deadline) is recorded."""
        cap = self.aggregate.config["maxfilesizedownload"]
        buf = BytesIO()
        try:
            for data in self.url_connection.iter_content(chunk_size=self.ReadChunkBytes):
                if buf.tell() + len(data) > cap:
                    self.extra["anchor_unchecked"] = _too_large(cap)
                    raise LinkCheckerError(self.extra["anchor_unchecked"])
                buf.write(data)
        except LinkCheckerError:
            raise
        except Exception as exc:
            reason = self.deadline.message() if self.deadline.expired else type(exc).__name__
            self.extra["anchor_unchecked"] = reason
            raise LinkCheckerError(reason) from exc
        return buf.getvalue()

    def follow_redirections(self, request: Any) -> None:
        if self.extra["first_status"] is None and self.url_connection is not None:
            self.extra["first_status"] = self.url_connection.status_code
        super().follow_redirections(request)

    def set_cache_url(self) -> None:
        super().set_cache_url()
        if self.aggregate.config.get("check_links_static"):
            # `page/?focus=a` and `page/?focus=b` are one file: fetch and parse it once.
            self.cache_url = urlunsplit((*self.urlparts[:3], "", ""))

    def allows_recursion(self) -> bool:
        # A page is parsed for links once, from its URL without #fragment, not once per anchor.
        # Without AnchorCheck, LinkChecker keys URLs without their #fragment: the first variant
        # queued is the only one checked, so it must be the one parsed.
        anchors_on = "AnchorCheck" in self.aggregate.config["enabledplugins"]
        return (not self.anchor or not anchors_on) and super().allows_recursion()

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
        if self.deadline.expired:
            # Whatever was read before the cut (a short header block reads as complete, a body
            # as ended) is not an answer: the deadline decides.
            data.extra["error_kind"] = ErrorKind.DEADLINE
            data.extra["error_detail"] = self.deadline.message()
            return data
        if self._anchor_left_unverified():
            cap = self.aggregate.config["maxfilesizedownload"]
            data.extra["anchor_unchecked"] = self.extra.get("anchor_unchecked") or (
                _too_large(cap) if self.size > cap else "the page's anchors could not be read")
        return data

    def _anchor_left_unverified(self) -> bool:
        """A #fragment on a valid HTML page that the anchor check neither found nor missed."""
        return bool(
            self.anchor and self.valid and self.is_html()
            and "AnchorCheck" in self.aggregate.config["enabledplugins"]
            and not self.extra.get("anchor_found") and "missing_fragment" not in self.extra)


def _too_large(cap: int) -> str:
    return f"the page is larger than {cap:,} bytes (the byte cap for anchor checks)"


class SharedAnchorCheck(AnchorCheck):
    """AnchorCheck collecting a page's anchors once for all its #fragments; a missing fragment
    is recorded as data on the URL (`extra["missing_fragment"]`, warning tag ANCHOR_NOT_FOUND)."""

    def __init__(self, config: Any) -> None:
        super().__init__(config)
        self.pages: dict[str, set[str]] = {}
        self.lock = threading.Lock()

    def check(self, url_data: Any) -> None:
        key = urldefrag(url_data.url)[0]
        with self.lock:
            names = self.pages.get(key)
        if names is None:
            found = UrlAnchorCheck()
            linkparse.find_links(url_data.get_soup(), found.add_anchor, linkparse.AnchorTags)
            names = {anchor[0] for anchor in found.anchors}
            with self.lock:
                self.pages[key] = names
        extra = getattr(url_data, "extra", None)
        if unquote(url_data.anchor, encoding=url_data.encoding) in names:
            if extra is not None:
                extra["anchor_found"] = True
            return
        if extra is not None:
            extra["missing_fragment"] = url_data.anchor
        url_data.add_warning(f"Anchor `{url_data.anchor}' not found.", tag=ANCHOR_NOT_FOUND)


class KeepBody:
    """A content plugin keeping an HTML page's body (decoded, within the byte cap) in `extra`."""

    def applies_to(self, url_data: Any) -> bool:
        return bool(url_data.is_html())

    def check(self, url_data: Any) -> None:
        extra = getattr(url_data, "extra", None)
        if extra is not None:
            extra["body"] = url_data.get_raw_content()


class Collector(NoneLogger):
    """A LinkChecker logger that keeps every logged URL."""

    LoggerName = "check-links-collector"

    def __init__(self, **args: Any) -> None:
        super().__init__(**args)
        self.items: list[Any] = []

    def log_url(self, url_data: Any) -> None:
        self.items.append(url_data)


@contextlib.contextmanager
def _patched_linkchecker() -> Iterator[None]:
    """While checking: CitedHttpUrl for every http(s) link, a short queue poll, and LinkChecker's
    messages untranslated (it installs a translating `_` into builtins on import)."""
    original, poll = httpurl.HttpUrl, director_checker.QUEUE_POLL_INTERVALL_SECS
    connection = urllib3.connection.HTTPConnection
    request, getresponse = connection.request, connection.getresponse
    connection.request = _watched(request)  # type: ignore[method-assign]
    connection.getresponse = _watched(getresponse)  # type: ignore[method-assign]
    translate = builtins.__dict__.get("_"), builtins.__dict__.get("_n")
    untranslated = gettext.NullTranslations()
    httpurl.HttpUrl = CitedHttpUrl  # type: ignore[misc]
    # Idle checker threads poll the queue; 1 s polls add up to a second at the end of a run.
    director_checker.QUEUE_POLL_INTERVALL_SECS = 0.05
    builtins.__dict__["_"], builtins.__dict__["_n"] = untranslated.gettext, untranslated.ngettext
    try:
        yield
    finally:
        httpurl.HttpUrl = original  # type: ignore[misc]
        connection.request, connection.getresponse = request, getresponse  # type: ignore[method-assign]
        director_checker.QUEUE_POLL_INTERVALL_SECS = poll
        builtins.__dict__["_"], builtins.__dict__["_n"] = translate


@dataclass
class Options:
    """How LinkChecker should check one batch of URLs."""

    threads: int
    timeout: float
    fragments: bool
    recursion: int
    extern: bool
    user_agent: str = ""
    anchor_max_bytes: int = 5 * 1024 * 1024  # decoded bytes read from a page to find an anchor
    keep_bodies: bool = False  # keep each HTML page's body (capped) for the source watcher
    policy: Policy = field(default_factory=Policy)
    static: bool = False  # a static site: the query never changes a page, one fetch per path


def _config(options: Options) -> tuple[Any, Collector]:
    """A LinkChecker Configuration for `options`, and the collector logger it logs to."""
    config = configuration.Configuration()
    collector = Collector()
    config["logger"] = collector
    config["verbose"] = True
    config["status"] = False
    config["robotstxt"] = False
    config["threads"] = options.threads
    config["timeout"] = options.timeout
    config["recursionlevel"] = options.recursion
    config["checkextern"] = options.extern
    config["enabledplugins"] = ["AnchorCheck"] if options.fragments else []
    config["useragent"] = options.user_agent or USER_AGENT
    config["aborttimeout"] = max(30, int(options.timeout * 4))
    config["maxfilesizedownload"] = options.anchor_max_bytes
    config["check_links_policy"] = options.policy
    config["check_links_soups"] = ({}, threading.Lock())
    config["check_links_static"] = options.static
    config.sanitize()
    return config, collector


def run(urls: list[str], options: Options) -> list[Outcome]:
    """Check `urls` (recursing as configured) and return every logged outcome."""
    config, collector = _config(options)
    logging.getLogger("linkcheck").setLevel(logging.ERROR)
    with _patched_linkchecker():
        aggregate = director.get_aggregate(config)
        aggregate.wait_for_host = HostLimiter(options.policy.per_host_rate,
                                              options.policy.sleep).wait
        plugins = aggregate.plugin_manager.content_plugins
        plugins[:] = [SharedAnchorCheck(p.config if hasattr(p, "config") else {})
                      if type(p) is AnchorCheck else p for p in plugins]
        if options.keep_bodies:
            plugins.append(KeepBody())
        for url in urls:
            aggregate.urlqueue.put(checker.get_url_from(url, 0, aggregate, extern=None))
        director.check_urls(aggregate)
    return [_outcome(item) for item in collector.items]


def _outcome(item: Any) -> Outcome:
    """Typed data from LinkChecker's logged URL data (attributes and our `extra`, no texts)."""
    extra: dict[str, Any] = getattr(item, "extra", None) or {}
    kind = extra.get("error_kind")
    return Outcome(
        url=item.base_url or item.url,
        valid=bool(item.valid),
        result=item.result,
        status=extra.get("status"),
        first_status=extra.get("first_status"),
        final_url=extra.get("final_url") or item.url,
        error_kind=ErrorKind(kind) if kind else None,
        error_detail=extra.get("error_detail"),
        attempts=int(extra.get("attempts", 0)),
        parent_url=item.parent_url or None,
        line=item.line,
        extern=bool(item.extern),
        abs_url=item.cache_url or item.url,
        missing_fragment=extra.get("missing_fragment"),
        anchor_unchecked=extra.get("anchor_unchecked"),
        body=extra.get("body"),
    )

"""sitedocs/ahead.py: values made in a forked child are the values made here, whatever happens."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from sitedocs import ahead as ahead_module
from sitedocs.ahead import Ahead

KEYS = [f"k{i}" for i in range(50)]


@pytest.fixture
def may_fork(monkeypatch):
    """Fork although the test session runs threads of its own (its HTTP servers): the values
    computed here touch nothing they hold."""
    monkeypatch.setattr(ahead_module, "other_threads", lambda: False)


def value(key: str) -> list:
    return [key, int(key[1:]) ** 2, "日本語" * (int(key[1:]) % 3)]


def counted(calls: list[str], fn=value):
    """fn, noting each key computed in this process (the child's calls are not seen here)."""
    parent = os.getpid()

    def compute(key: str):
        if os.getpid() == parent:
            calls.append(key)
        return fn(key)

    return compute


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this platform")
def test_the_child_computes_every_value_and_the_parent_none(may_fork) -> None:
    calls: list[str] = []
    ahead = Ahead(KEYS, counted(calls))
    try:
        assert ahead.forked
        assert [ahead.get(k) for k in KEYS] == [value(k) for k in KEYS]
        assert calls == [] and ahead.problem == ""
    finally:
        ahead.close()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this platform")
def test_values_asked_out_of_order_are_kept_until_asked(may_fork) -> None:
    ahead = Ahead(KEYS, value)
    try:
        assert ahead.get("k40") == value("k40")
        assert ahead.get("k3") == value("k3")
        assert ahead.get("x7") == value("x7")  # not a key: computed here
        assert [ahead.get(k) for k in KEYS if k not in ("k40", "k3")] == [
            value(k) for k in KEYS if k not in ("k40", "k3")]
    finally:
        ahead.close()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this platform")
def test_a_child_that_fails_leaves_the_rest_to_the_parent(may_fork) -> None:
    parent = os.getpid()
    calls: list[str] = []

    def fragile(key: str):
        if os.getpid() != parent and key == "k20":
            raise RuntimeError("only in the child")
        return value(key)

    ahead = Ahead(KEYS, counted(calls, fragile))
    try:
        assert [ahead.get(k) for k in KEYS] == [value(k) for k in KEYS]
        assert calls == KEYS[20:]  # the child's first 20 values were used
        assert "after 20 of 50" in ahead.problem
    finally:
        ahead.close()


def test_without_fork_every_value_is_made_at_once_here() -> None:
    calls: list[str] = []
    ahead = Ahead(KEYS, counted(calls), parallel=False)
    assert not ahead.forked and calls == KEYS  # before the first get, like the barrier's loop it replaces
    assert [ahead.get(k) for k in KEYS] == [value(k) for k in KEYS]
    assert calls == KEYS  # nothing computed twice
    ahead.close()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this platform")
def test_close_stops_a_child_that_is_still_working(may_fork) -> None:
    def slow(key: str):
        time.sleep(30 if key == "k1" else 0)
        return value(key)

    ahead = Ahead(KEYS, slow)
    pid = ahead._pid
    assert ahead.get("k0") == value("k0")
    ahead.close()  # kills and reaps the child, which is asleep in k1
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped
    assert os.WIFSIGNALED(ahead.exit_status) and os.WTERMSIG(ahead.exit_status) == signal.SIGKILL


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this platform")
def test_no_fork_while_another_thread_runs() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        calls: list[str] = []
        ahead = Ahead(KEYS, counted(calls))
        assert not ahead.forked and calls == KEYS
        ahead.close()
    finally:
        stop.set()
        thread.join()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this platform")
def test_a_refused_fork_leaves_the_values_to_this_process(may_fork, monkeypatch) -> None:
    def refuse() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refuse)
    before = set(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else set()
    calls: list[str] = []
    ahead = Ahead(KEYS, counted(calls))
    assert not ahead.forked and calls == KEYS and "no fork" in ahead.problem
    assert [ahead.get(k) for k in KEYS] == [value(k) for k in KEYS]
    if before:
        assert set(os.listdir("/proc/self/fd")) <= before  # the pipe is closed again

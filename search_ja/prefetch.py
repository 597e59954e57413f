"""Sub-word keys computed beside the build, in a worker process.

Finding the words inside compounds (`segment.sub_keys`, Sudachi) is the largest part of rewriting
the search index, and it can only start once Material's search plugin has written the index, after
every page was rendered. Sudachi holds the interpreter lock while it analyses, so a thread would
not help; a second process does. `KeyWorker` starts `python -m search_ja.prefetch`, sends it each
page's index texts as soon as the search plugin has read the page (the build is then busy
rendering the next pages), and `collect` returns text → keys once the build is done. A thread
writes to the worker, so the build never waits for it while pages are rendered.

The worker's result is a cache, nothing more: `index.rewrite_docs` analyses every text it does not
find there itself, so a text guessed wrong, a worker that failed to start or died, or a machine
with one processor give the same index, only later. Protocol: one JSON list of texts per line on
the worker's stdin; when stdin closes, the worker writes one JSON list of key lists per line read,
in order, and exits (it writes nothing before, so neither side can block the other on a full pipe).
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from queue import SimpleQueue
from typing import IO

from search_ja.segment import default_analyser, sub_keys

WAIT_SECONDS = 600.0  # for the worker's results, in all, once the build is done (normally long finished)


class KeyWorker:
    """A `python -m search_ja.prefetch` process; see the module docstring."""

    def __init__(self, command: list[str] | None = None) -> None:
        self._command = command or [sys.executable, "-m", "search_ja.prefetch"]
        self._proc: subprocess.Popen[bytes] | None = None
        self._batches: list[list[str]] = []
        self._sent: set[str] = set()
        self._stderr: IO[bytes] | None = None
        self._queue: SimpleQueue[bytes | None] = SimpleQueue()
        self._writer: threading.Thread | None = None
        self.problem = ""  # why the worker gave nothing (empty when it did)

    def start(self) -> None:
        try:
            self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (open as long as the worker runs)
            self._proc = subprocess.Popen(self._command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                          stderr=self._stderr)
        except OSError as exc:
            self._fail(f"cannot start {self._command[0]}: {exc}")
            return
        self._writer = threading.Thread(target=self._write, args=(self._proc,), name="search_ja-keys",
                                        daemon=True)
        self._writer.start()

    def submit(self, texts: Iterable[str]) -> None:
        """Send texts (those not sent before) for analysis."""
        if self._proc is None:
            return
        batch = [t for t in dict.fromkeys(texts) if t not in self._sent]
        if batch:
            self._queue.put(json.dumps(batch, ensure_ascii=False).encode("utf-8") + b"\n")
            self._batches.append(batch)
            self._sent.update(batch)

    def _write(self, proc: subprocess.Popen[bytes]) -> None:
        """The writer thread: each batch to the worker's stdin, then end of input (None)."""
        assert proc.stdin is not None
        try:
            while (line := self._queue.get()) is not None:
                proc.stdin.write(line)
                proc.stdin.flush()
        except OSError:  # the worker died: collect reports its exit status
            pass
        finally:
            with contextlib.suppress(OSError):
                proc.stdin.close()

    def collect(self, timeout: float = WAIT_SECONDS) -> dict[str, list[str]]:
        """text → its sub-word keys, for every text sent; {} (and `problem` set) when the worker
        failed. The worker is finished afterwards."""
        proc = self._proc
        if proc is None:
            return {}
        self._proc = None
        self._queue.put(None)
        deadline = time.monotonic() + timeout
        try:
            if self._writer is not None:
                self._writer.join(timeout)
            proc.stdin = None  # the writer closed it (communicate would flush it: an error on 3.11)
            out, _ = proc.communicate(timeout=max(0.0, deadline - time.monotonic()))
        except (OSError, subprocess.TimeoutExpired) as exc:
            proc.kill()
            proc.communicate()
            self.problem = f"no results: {exc}"
            self._error_text()
            return {}
        error = self._error_text()
        if proc.returncode != 0:
            self.problem = f"exit status {proc.returncode}: {error}"
            return {}
        lines = out.splitlines()
        try:
            results = [json.loads(line) for line in lines]
            if len(results) != len(self._batches):
                raise ValueError(f"{len(results)} result lines for {len(self._batches)} batches")
            return {text: keys for batch, found in zip(self._batches, results, strict=True)
                    for text, keys in zip(batch, found, strict=True)}
        except ValueError as exc:
            self.problem = f"unreadable results: {exc}"
            return {}

    def stop(self) -> None:
        """End the worker without waiting for its results (a failed build)."""
        proc, self._proc = self._proc, None
        if proc is not None:
            proc.kill()
            proc.wait()
            self._queue.put(None)  # the writer thread ends (its write fails on the closed pipe)
            if proc.stdout is not None:
                proc.stdout.close()
        self._error_text()

    def _fail(self, problem: str) -> None:
        self.problem = problem
        self.stop()

    def _error_text(self) -> str:
        """The last line the worker wrote to stderr."""
        if self._stderr is None:
            return ""
        self._stderr.seek(0)
        lines = self._stderr.read().decode("utf-8", "replace").strip().splitlines()
        self._stderr.close()
        self._stderr = None
        return lines[-1] if lines else "(no message)"


def main() -> None:
    """The worker: analyse each line's texts as it arrives; write the results at end of input."""
    default_analyser()  # load the dictionary before the first texts arrive
    results = [json.dumps([sub_keys(text) for text in json.loads(line)], ensure_ascii=False)
               for line in sys.stdin.buffer]
    sys.stdout.write("".join(f"{r}\n" for r in results))


if __name__ == "__main__":
    main()

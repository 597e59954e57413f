"""Reading the docs' Markdown files safely: one place for `python -m graph check` and the build.

Standard library only. A contributor's bad file is a problem naming the docs-relative file (and
line), never an exception: a UTF-8 byte order mark is accepted (as MkDocs does), bytes that are not
UTF-8 are named with their line, a symbolic link to itself (or in a circle, or to nothing) is not
read, and a folder symlink that points back to a folder containing it is reported once and not
followed (MkDocs would walk it ~40 levels deep).
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

BOM = "\ufeff"


@dataclass(frozen=True)
class SourceProblem:
    """A docs file that cannot be used, with its docs-relative path and 1-based line."""

    src: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.src}:{self.line}: {self.message}"


def _unreadable(src: str, exc: OSError) -> SourceProblem:
    if exc.errno == errno.ELOOP:
        return SourceProblem(src, 1, "シンボリックリンクが自分自身（または循環）を指しているため読みません")
    if exc.errno == errno.ENOENT:
        return SourceProblem(src, 1, "シンボリックリンクの指す先がないため読みません")
    return SourceProblem(src, 1, f"読めません: {exc.strerror}")


def decode_source(data: bytes, src: str) -> tuple[str | None, SourceProblem | None]:
    """The text of a Markdown file's bytes (a leading BOM dropped), or the problem naming the line."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, SourceProblem(
            src, line, f"UTF-8 ではないバイト（0x{data[exc.start]:02x}）があります。UTF-8 で保存し直してください")
    return text.removeprefix(BOM), None


def read_source(path: Path, src: str) -> tuple[str | None, SourceProblem | None]:
    """Read one docs file as text: (text, None), or (None, the problem) for a file that cannot be used."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, _unreadable(src, exc)
    return decode_source(data, src)


def check_file(path: Path, src: str) -> SourceProblem | None:
    """A problem for a file that cannot even be opened (looping or dangling symlink), else None."""
    try:
        os.stat(path)
    except OSError as exc:
        return _unreadable(src, exc)
    return None


def _looping(link: str, ancestors: list[str]) -> bool:
    try:
        os.stat(link)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return os.path.realpath(link) in ancestors


def walk_docs(docs: Path, suffix: str = ".md") -> tuple[list[tuple[Path, str]], list[SourceProblem]]:
    """(path, docs-relative src) of every `suffix` file under `docs`, following folder symlinks as
    MkDocs does, except a folder symlink that leads back to a folder containing it: that one is a
    problem, reported once, and not followed. Hidden files and folders are skipped."""
    found: list[tuple[Path, str]] = []
    problems: list[SourceProblem] = []
    root = os.path.realpath(docs)
    chain: dict[str, list[str]] = {str(docs): [root]}  # walked dir -> real paths of it and its ancestors
    for dirpath, dirnames, filenames in os.walk(docs, followlinks=True):
        ancestors = chain.pop(dirpath, [os.path.realpath(dirpath)])
        keep = []
        for name in sorted(dirnames):
            if name.startswith("."):
                continue
            full = os.path.join(dirpath, name)
            if os.path.islink(full) and _looping(full, ancestors):
                src = Path(full).relative_to(docs).as_posix()
                problems.append(SourceProblem(
                    src, 1, "フォルダへのシンボリックリンクが自分を含むフォルダを指しています（循環）。たどりません"))
                continue
            keep.append(name)
            chain[full] = [*ancestors, os.path.realpath(full)]
        dirnames[:] = keep
        for name in sorted(filenames):
            if name.endswith(suffix) and not name.startswith("."):
                full = Path(dirpath) / name
                found.append((full, full.relative_to(docs).as_posix()))
    return found, problems


def looping_folders(docs: Path) -> list[str]:
    """The docs-relative paths of folder symlinks that loop (see walk_docs)."""
    return [p.src for p in walk_docs(docs, suffix="\0")[1]]

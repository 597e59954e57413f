"""The browser tests' own checks (tests/support/browser.py): a Japanese font must be there, since
the tests measure Japanese text laid out by Chromium. fontconfig's answer is faked with a small
`fc-list` on PATH."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.support.browser import JAPANESE_FONT_PACKAGE, japanese_fonts, missing_japanese_font


def fake_fc_list(folder: Path, output: str, monkeypatch: pytest.MonkeyPatch) -> None:
    script = folder / "fc-list"
    script.write_text(f"#!/bin/sh\nprintf '%s' '{output}'\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")


def test_families_are_the_non_empty_lines():
    assert japanese_fonts("IPAGothic,IPAゴシック\n\n  Noto Sans CJK JP \n") == ["IPAGothic,IPAゴシック",
                                                                           "Noto Sans CJK JP"]
    assert japanese_fonts("\n") == []


def test_no_japanese_font_is_reported_with_the_package_to_install(tmp_path, monkeypatch):
    fake_fc_list(tmp_path, "", monkeypatch)
    message = missing_japanese_font()
    assert message is not None and JAPANESE_FONT_PACKAGE in message


def test_a_japanese_font_is_enough(tmp_path, monkeypatch):
    fake_fc_list(tmp_path, "IPAGothic,IPAゴシック\\n", monkeypatch)
    assert missing_japanese_font() is None

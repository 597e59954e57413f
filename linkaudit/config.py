"""Settings of the link checker, read from `[tool.check-links]` in pyproject.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class ConfigError(Exception):
    """A bad configuration; the message is one sentence meant for the user."""


@dataclass
class Settings:
    """Everything the checker can be told by the config file."""

    docs_dir: str = "docs"
    timeout: float = 15.0
    deadline: float = 30.0
    anchor_max_bytes: int = 5 * 1024 * 1024
    retries: int = 2
    backoff: float = 1.0
    max_retry_after: float = 30.0
    per_host_rate: float = 4.0
    threads: int = 16
    check_fragments: bool = True
    fragment_skip_hosts: list[str] = field(default_factory=list)
    bot_blocking_hosts: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    cache_file: str = ".linkcheck-cache/external.json"
    cache_max_age_hours: float = 24.0
    cache_failures_max_age_hours: float = 6.0
    user_agent: str = ""
    official_domains: dict[str, list[str]] = field(default_factory=dict)
    root: Path = field(default_factory=Path.cwd)

    def ignore_patterns(self) -> list[re.Pattern[str]]:
        """Compiled `ignore` regular expressions."""
        return [re.compile(p) for p in self.ignore]


_NUMBERS = {
    "timeout": (float, 0.0),
    "deadline": (float, 0.0),
    "anchor_max_bytes": (int, 0),
    "backoff": (float, -1.0),
    "max_retry_after": (float, -1.0),
    "per_host_rate": (float, 0.0),
    "cache_max_age_hours": (float, -1.0),
    "cache_failures_max_age_hours": (float, -1.0),
    "retries": (int, -1),
    "threads": (int, 0),
}
_STRINGS = {"docs_dir", "cache_file", "user_agent"}
_LISTS = {"fragment_skip_hosts", "bot_blocking_hosts", "ignore"}
SECTION = "[tool.check-links]"


def _fail(key: str, why: str) -> ConfigError:
    return ConfigError(f"config error in {SECTION}: '{key}' {why}.")


def from_mapping(data: dict[str, Any], root: Path) -> Settings:
    """Validate a parsed `[tool.check-links]` table and build Settings."""
    settings = Settings(root=root)
    for key, value in data.items():
        if key in _NUMBERS:
            kind, lower = _NUMBERS[key]
            ok_type = isinstance(value, int | float) and not isinstance(value, bool)
            if not ok_type or (kind is int and not isinstance(value, int)):
                raise _fail(key, f"must be {'an integer' if kind is int else 'a number'}")
            if value <= lower:
                raise _fail(key, f"must be greater than {lower:g}")
            setattr(settings, key, kind(value))
        elif key in _STRINGS:
            if not isinstance(value, str):
                raise _fail(key, "must be a string")
            setattr(settings, key, value)
        elif key in _LISTS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise _fail(key, "must be a list of strings")
            setattr(settings, key, list(value))
        elif key == "check_fragments":
            if not isinstance(value, bool):
                raise _fail(key, "must be true or false")
            settings.check_fragments = value
        elif key == "official_domains":
            settings.official_domains = _official(value)
        else:
            raise _fail(key, "is not a known setting")
    for pattern in settings.ignore:
        try:
            re.compile(pattern)
        except re.error as exc:
            why = f"has an invalid regular expression {pattern!r} ({exc})"
            raise _fail("ignore", why) from None
    return settings


def _official(value: Any) -> dict[str, list[str]]:
    if not isinstance(value, dict):
        raise _fail("official_domains", "must be a table of vendor = [domains]")
    for vendor, domains in value.items():
        if not isinstance(domains, list) or not all(isinstance(d, str) for d in domains):
            raise _fail(f"official_domains.{vendor}", "must be a list of strings")
    return {vendor: list(domains) for vendor, domains in value.items()}


def load(path: Path) -> Settings:
    """Read `path` (a pyproject.toml) and return its validated settings."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"config file {path} does not exist.") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML ({exc}).") from None
    section = data.get("tool", {}).get("check-links")
    if section is None:
        raise ConfigError(f"config file {path} has no {SECTION} section.")
    if not isinstance(section, dict):
        raise ConfigError(f"config error in {SECTION}: it must be a table.")
    return from_mapping(section, path.resolve().parent)


def host_matches(host: str, patterns: list[str]) -> bool:
    """True when `host` equals a pattern or is a subdomain of one."""
    host = host.lower().rstrip(".")
    return any(host == p.lower() or host.endswith("." + p.lower()) for p in patterns)

"""The GitHub workflows: schema-valid, and every command they run exists in this repo."""

from __future__ import annotations

import importlib.util
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from linkaudit import cli

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))

SYSTEM_COMMANDS = {"python3", "apt-get", "gh", "cat", "echo", "set", "exit", "if", "then",
                   "else", "fi", "{", "}", "[", "true"}
VENV_TOOLS = {"mkdocs": "mkdocs", "python": None, "pytest": "pytest", "ruff": "ruff"}
ACTIONS = {"actions/checkout", "actions/setup-python", "actions/setup-node", "actions/cache", "actions/upload-artifact",
           "actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"}


def load(name: str) -> dict:
    """A workflow file parsed (YAML's `on:` key comes back as True)."""
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))
    return data


def run_steps(data: dict) -> list[tuple[str, dict]]:
    """(job id, step) for every step with a `run:` script."""
    return [(job_id, step) for job_id, job in data["jobs"].items() for step in job["steps"]
            if "run" in step]


def commands(script: str) -> list[list[str]]:
    """Simple commands of a shell script, split on newlines, ;, &&, || and | outside quotes."""
    script = script.replace("\\\n", " ")
    found = []
    for line in script.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|")
        lexer.whitespace_split = True
        lexer.commenters = "#"
        words: list[str] = []
        for token in lexer:
            if token in {";", "&&", "||", "|", "&"}:
                if words:
                    found.append(words)
                words = []
            else:
                words.append(token)
        if words:
            found.append(words)
    return found


def test_there_are_the_four_workflows():
    assert {p.name for p in WORKFLOWS} == {"ci.yml", "links.yml", "deploy.yml", "freshness.yml"}


def test_workflows_match_githubs_schema():
    assert importlib.util.find_spec("check_jsonschema"), (
        "check-jsonschema is needed (pip install check-jsonschema==0.39.0)")
    proc = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
         *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_run_step_calls_something_that_exists(path):
    data = load(path.name)
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8").lower()
    for _, step in run_steps(data):
        for words in commands(step["run"]):
            head = words[0]
            if re.fullmatch(r"\w+=.*", head):
                continue
            if head.startswith(".venv/bin/"):
                tool = head.removeprefix(".venv/bin/")
                assert tool in VENV_TOOLS, head
                assert VENV_TOOLS[tool] is None or VENV_TOOLS[tool] in requirements, head
            else:
                assert head in SYSTEM_COMMANDS, f"{path.name}: unknown command {head!r}"
            for word in words:
                if re.fullmatch(r"(scripts|\.ci)/[\w./-]+|requirements[\w-]*\.txt", word):
                    assert (ROOT / word).is_file(), f"{path.name}: {word} does not exist"
            if head == "python3" and words[1:3] == ["-m", "mkdocs"]:
                assert "mkdocs==" in requirements
            if head == "python3" and len(words) > 1 and words[1] == "scripts/check_links.py":
                cli.build_parser().parse_args(words[2:])  # raises on a bad flag


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_known_and_pinned_to_a_commit(path):
    for job in load(path.name)["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                name, _, version = step["uses"].partition("@")
                assert name in ACTIONS and re.fullmatch(r"[0-9a-f]{40}", version), step["uses"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_step_output_references_name_existing_steps(path):
    data = load(path.name)
    for job in data["jobs"].values():
        ids = {step.get("id") for step in job["steps"]}
        text = yaml.safe_dump(job)
        for ref in re.findall(r"steps\.([\w-]+)\.outputs", text):
            assert ref in ids, f"{path.name}: steps.{ref} is not a step of the job"


def _runs(data: dict) -> str:
    return "\n".join(step["run"] for _, step in run_steps(data))


def test_pull_requests_build_strict_run_tests_and_check_internal_links():
    data = load("ci.yml")
    assert "pull_request" in data["on"]
    runs = _runs(data)
    assert "python3 scripts/test.py" in runs
    build = runs.index("mkdocs build --strict")
    assert build < runs.index("scripts/check_links.py --site site")
    assert "--external" not in runs


def test_weekly_external_check_publishes_reports_and_one_issue():
    data = load("links.yml")
    assert "schedule" in data["on"] and "workflow_dispatch" in data["on"]
    assert data["permissions"]["issues"] == "write"
    runs = _runs(data)
    assert "scripts/check_links.py --external --json link-report.json" in runs
    assert '--watch-sources --accept-sources --sources-lock "$RUNNER_TEMP/sources.lock.json"' in runs
    uploads = [s.get("with", {}).get("path", "") for s in data["jobs"]["external-links"]["steps"]
               if s.get("uses", "").startswith("actions/upload-artifact")]
    assert "${{ runner.temp }}/sources.lock.json" in uploads  # the new lock: reviewed, then committed
    assert 'cat link-report.md >> "$GITHUB_STEP_SUMMARY"' in runs
    assert "gh issue edit" in runs and "gh issue create" in runs
    # the 要再確認 issue: stale items and this run's changed sources, by chapter (graph/review_issue.py)
    assert "--stale --sources-report link-report.json" in runs and "--issue review-issue.md" in runs
    assert '--label "要再確認" --body-file review-issue.md' in runs
    assert "gh issue" not in _runs(load("freshness.yml"))  # one writer of the 要再確認 issue
    uses = [s.get("uses", "") for s in data["jobs"]["external-links"]["steps"]]
    assert any(u.startswith("actions/upload-artifact") for u in uses)
    assert any(u.startswith("actions/cache") for u in uses)


def test_main_deploys_to_github_pages():
    data = load("deploy.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    assert data["permissions"]["pages"] == "write"
    assert data["permissions"]["id-token"] == "write"
    assert "mkdocs build --strict" in _runs(data)
    uses = [s.get("uses", "") for job in data["jobs"].values() for s in job["steps"]]
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


def test_the_command_parser_rejects_what_a_workflow_must_not_use():
    with pytest.raises(cli.UsageError):
        cli.build_parser().parse_args(["--site", "site", "--no-such-flag"])

"""The workflows trust nothing from a pull request (#26): every action pinned by commit SHA with its
tag as a comment, the container by digest, no artifact downloaded into the workspace, the deploy's
link report only from a links.yml run on main (schedule or by hand) in this repository, and no
`continue-on-error` hiding a failure. Each check is also run on the workflow it replaced, which it
must reject, so none of them can pass vacuously."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))

# The deploy workflow as it was before #26 (abridged): tag-pinned, unfiltered, into the workspace.
OLD_DEPLOY = """
name: Deploy
on:
  push:
    branches: [main]
jobs:
  build:
    runs-on: ubuntu-latest
    container: python:3.11-bookworm
    steps:
      - uses: actions/checkout@v4
      - name: Latest external link report
        continue-on-error: true
        run: |
          run=$(gh run list --workflow links.yml --status completed --limit 1 --json databaseId --jq '.[0].databaseId')
          if [ -n "$run" ]; then gh run download "$run" --name link-report; fi
      - uses: actions/download-artifact@v4
        with:
          name: link-report
"""

_USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$")
_SHA_PIN = re.compile(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}")
_TAG_COMMENT = re.compile(r"\s+#\s*v\d+(\.\d+)*\s*$")
_DIGEST = re.compile(r"[\w./:-]+@sha256:[0-9a-f]{64}")
_TEMP = re.compile(r'^"?(\$RUNNER_TEMP|\$\{RUNNER_TEMP\}|\$\{\{\s*runner\.temp\s*\}\})/')


def _steps(data: dict) -> list[dict]:
    return [step for job in data.get("jobs", {}).values() for step in job.get("steps", [])]


def pin_problems(text: str) -> list[str]:
    """Actions not pinned to a full commit SHA with `# vX.Y.Z`, containers not pinned by digest."""
    problems = []
    for n, line in enumerate(text.splitlines(), 1):
        m = _USES.match(line)
        if not m or m.group(1).startswith("./"):
            continue
        if not _SHA_PIN.fullmatch(m.group(1)):
            problems.append(f"line {n}: {m.group(1)} is not pinned to a commit SHA")
        elif not _TAG_COMMENT.fullmatch(m.group(2)):
            problems.append(f"line {n}: {m.group(1)} has no `# vX.Y.Z` tag comment")
    for job in yaml.safe_load(text)["jobs"].values():
        container = job.get("container")
        image = container.get("image") if isinstance(container, dict) else container
        if image and not _DIGEST.fullmatch(image):
            problems.append(f"container {image} is not pinned by digest")
        for service in (job.get("services") or {}).values():
            if not _DIGEST.fullmatch(service.get("image", "")):
                problems.append(f"service image {service.get('image')} is not pinned by digest")
    return problems


def _words(script: str) -> list[str]:
    return script.replace("\\\n", " ").split()


def download_problems(text: str) -> list[str]:
    """Artifact downloads that could write into the workspace or take a PR's artifact."""
    problems = []
    for step in _steps(yaml.safe_load(text)):
        uses = step.get("uses", "")
        if uses.startswith("actions/download-artifact"):
            path = str((step.get("with") or {}).get("path", ""))
            if not _TEMP.match(path):
                problems.append(f"{uses}: downloads into the workspace (path: {path or 'default'})")
        script = step.get("run", "")
        if "gh run download" not in script:
            continue
        for line in script.splitlines():
            if "gh run download" in line:
                words = _words(line)
                target = words[words.index("--dir") + 1] if "--dir" in words else ""
                if not _TEMP.match(target):
                    problems.append("gh run download without --dir under $RUNNER_TEMP (writes into the workspace)")
        selection = script.split("gh run download", 1)[0]
        if "gh run list" in selection and not ("--branch" in selection and "--event" in selection):
            problems.append("the run is chosen by gh run list without --branch and --event")
        needs = {"branch main": r'head_branch == "main"|--branch main|branch=main',
                 "event schedule/workflow_dispatch": r'"schedule"[^\n]*"workflow_dispatch"',
                 "head repository": r"head_repository\.full_name == "}
        for what, pattern in needs.items():
            if not re.search(pattern, selection):
                problems.append(f"the downloaded run is not filtered by {what}")
    return problems


def hidden_failures(text: str) -> list[str]:
    """Steps and jobs whose failure is ignored."""
    data = yaml.safe_load(text)
    found = [f"step {s.get('name') or s.get('uses')}" for s in _steps(data) if s.get("continue-on-error")]
    found += [f"job {name}" for name, job in data["jobs"].items() if job.get("continue-on-error")]
    return found


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_by_commit_sha_and_containers_by_digest(path: Path) -> None:
    assert pin_problems(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_download_into_the_workspace_or_from_an_unfiltered_run(path: Path) -> None:
    assert download_problems(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_continue_on_error(path: Path) -> None:
    assert hidden_failures(path.read_text(encoding="utf-8")) == []


def test_the_checks_reject_the_old_deploy() -> None:
    pins = pin_problems(OLD_DEPLOY)
    assert any("actions/checkout@v4 is not pinned" in p for p in pins)
    assert any("container python:3.11-bookworm" in p for p in pins)
    downloads = download_problems(OLD_DEPLOY)
    assert any("without --dir" in p for p in downloads)
    assert any("without --branch and --event" in p for p in downloads)
    assert any("head repository" in p for p in downloads)
    assert any("download-artifact" in p for p in downloads)
    assert hidden_failures(OLD_DEPLOY) == ["step Latest external link report"]


def test_a_sha_without_its_tag_comment_is_rejected() -> None:
    text = OLD_DEPLOY.replace("actions/checkout@v4", "actions/checkout@" + "a" * 40)
    assert any("no `# vX.Y.Z` tag comment" in p for p in pin_problems(text))


def test_the_deploy_copies_only_a_validated_report_into_the_workspace() -> None:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    scripts = [s["run"] for s in _steps(data) if "gh run download" in s.get("run", "")]
    assert len(scripts) == 1
    script = scripts[0]
    assert "--name link-report" in script
    assert 'accept_link_report.py "$RUNNER_TEMP/link-report/link-report.json" link-report.json' in script
    assert re.search(r"\bcp\b|\bmv\b|unzip|tar ", script) is None  # nothing else reaches the workspace
    build = [s.get("name") for s in _steps(data)].index("Strict build")
    report = [s.get("name") for s in _steps(data)].index("Latest external link report from main")
    assert report < build


def test_the_workflows_install_the_hash_locked_requirements() -> None:
    for path in WORKFLOWS:
        for step in _steps(yaml.safe_load(path.read_text(encoding="utf-8"))):
            for line in step.get("run", "").splitlines():
                if "pip install" in line:
                    assert ("--require-hashes -r requirements" in line and "-lock.txt -c requirements" in line) or (
                        "--no-deps" in line and line.rstrip().endswith("-e .")), f"{path.name}: {line.strip()}"


def test_dependabot_watches_every_ecosystem() -> None:
    data = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert {u["package-ecosystem"] for u in data["updates"]} == {"pip", "npm", "github-actions", "docker"}

"""The GitHub Actions workflows are valid: pull requests check records before the build, and a weekly run keeps one issue of broken links."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from policy_library.cli.links import HINT_DOWN, HINT_MOVED, Link, LinkResult, Settings, check_links, render

from tests.link_server import link_server
from tests.support import ROOT

# This repository's workflow, and the one `library init` writes into a new library.
WORKFLOWS = [*sorted((ROOT / ".github" / "workflows").glob("*.yml")), ROOT / "generator" / "policy_library" / "cli" / "starter" / "workflow.yml"]


def actionlint() -> str:
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    assert found, "actionlint is missing: it is installed with the test extra (pip install -e '.[test]')"
    return found


def test_workflows_pass_actionlint() -> None:
    assert WORKFLOWS
    result = subprocess.run([actionlint(), *map(str, WORKFLOWS)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pull_requests_check_records_then_build_and_test() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    steps = [step.get("run", "") for step in workflow["jobs"]["test"]["steps"]]
    check = next(i for i, run in enumerate(steps) if "library check --format github" in run)
    build = next(i for i, run in enumerate(steps) if "mkdocs build --strict" in run)
    tests = next(i for i, run in enumerate(steps) if "make test" in run)
    assert check < build < tests
    deploy = workflow["jobs"]["deploy"]
    assert any("actions/deploy-pages" in step.get("uses", "") for step in deploy["steps"])


LINKS = ROOT / ".github" / "workflows" / "links.yml"


def step(workflow: dict[str, Any], name: str) -> dict[str, Any]:
    return next(s for s in workflow["jobs"]["links"]["steps"] if s.get("name") == name)


def test_links_are_checked_weekly_with_permission_to_write_issues() -> None:
    workflow = yaml.safe_load(LINKS.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    minute, hour, day, month, weekday = triggers["schedule"][0]["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit() and minute.isdigit() and hour.isdigit()
    assert "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "read", "issues": "write"}
    assert "library links --format json" in step(workflow, "Check every source address")["run"]


FAKE_GH = """#!/bin/sh
# Stands in for GitHub's command line: says what it was asked, and which issue is open.
printf '%s\\n' "$*" >> "$GH_LOG"
if [ "$1 $2" = "issue list" ]; then printf '%s\\n' "$OPEN_ISSUE"; fi
"""


def run_issue_step(tmp_path: Path, results: list[LinkResult], open_issue: str) -> tuple[list[str], str]:
    """The workflow's issue step, run by bash as GitHub runs it, with `gh` standing in for GitHub."""
    jq = shutil.which("jq")
    if jq is None:
        pytest.skip("jq is not installed (GitHub's runners have it): the issue step cannot run here")
    work = tmp_path / f"run-{open_issue or 'none'}-{len(results)}"
    (work / "bin").mkdir(parents=True)
    gh = work / "bin" / "gh"
    gh.write_text(FAKE_GH)
    gh.chmod(0o755)
    (work / "links.json").write_text(render(results, "json", 1.0))
    workflow = yaml.safe_load(LINKS.read_text(encoding="utf-8"))
    (work / "step.sh").write_text(step(workflow, "Open, update or close the broken-links issue")["run"])
    env = {
        "PATH": f"{work / 'bin'}:{os.environ['PATH']}",
        "GH_LOG": str(work / "gh.log"),
        "OPEN_ISSUE": open_issue,
        "RUN_URL": "https://github.com/o/r/actions/runs/1",
        **workflow["jobs"]["links"]["env"],
    }
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "step.sh"], cwd=work, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    log = (work / "gh.log").read_text().splitlines()
    body = (work / "body.md").read_text() if (work / "body.md").exists() else ""
    return log, body


def test_the_weekly_run_opens_updates_and_closes_one_issue(tmp_path: Path) -> None:
    with link_server() as server:
        links = [Link(name, f"docs/records/{name}.md", 9, f"{server.base}/{name}") for name in ("live", "missing", "moved")]
        results = check_links([*links, Link("down", "docs/records/down.md", 11, server.refused)], Settings(timeout=2))
        fine = check_links([links[0], links[2]], Settings(timeout=2))

    log, body = run_issue_step(tmp_path, results, "")
    assert log == [
        "issue list --label broken-links --state open --limit 1 --json number --jq .[0].number // empty",
        "label create broken-links --color B60205 --description Source addresses that no longer answer --force",
        "issue create --title Broken source links --label broken-links --body-file body.md",
    ]
    items = [line for line in body.splitlines() if line.startswith("- [ ]")]
    assert items == [
        f"- [ ] `docs/records/missing.md:9` {server.base}/missing — not found (404). {HINT_MOVED[0].upper()}{HINT_MOVED[1:]}.",
        f"- [ ] `docs/records/down.md:11` {server.refused} — connection refused. {HINT_DOWN[0].upper()}{HINT_DOWN[1:]}.",
    ]
    assert "found 2 broken source addresses" in body

    log, again = run_issue_step(tmp_path, results, "7")
    assert log[1:] == ["issue edit 7 --body-file body.md"]
    assert again == body

    log, _ = run_issue_step(tmp_path, fine, "7")
    assert log[1:] == ["issue close 7 --comment Every source address answers again ([this check](https://github.com/o/r/actions/runs/1))."]
    log, _ = run_issue_step(tmp_path, fine, "")
    assert log[1:] == []

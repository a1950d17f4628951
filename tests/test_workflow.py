"""The GitHub Actions workflow is valid and checks records before it builds."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

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

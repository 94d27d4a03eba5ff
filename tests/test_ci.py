"""The GitHub Actions workflow passes GitHub's workflow schema (offline) and has the shape
the pipeline needs; scripts/setup-test-deps says what to run when it cannot install."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"


def check(path: Path) -> subprocess.CompletedProcess[str]:
    tool = shutil.which("check-jsonschema")
    assert tool, "check-jsonschema (pip, test extra) is a test dependency"
    return subprocess.run(
        [tool, "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_workflow_passes_the_github_schema(tmp_path: Path) -> None:
    result = check(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text().replace("runs-on:", "runs_on:"))
    assert check(broken).returncode != 0  # the schema does catch mistakes


def test_workflow_tests_then_pushes_the_image_on_main_only() -> None:
    flow = yaml.safe_load(WORKFLOW.read_text())
    triggers = flow[True] if True in flow else flow["on"]  # YAML 1.1 reads `on` as true
    assert "docs/**" in triggers["push"]["paths-ignore"]
    test = flow["jobs"]["test"]
    assert {"postgres", "redis"} <= set(test["services"])
    commands = " ".join(step.get("run", "") for step in test["steps"])
    for needed in ("ruff check", "mypy", "scripts/test.sh", "setup-test-deps"):
        assert needed in commands
    image = flow["jobs"]["image"]
    assert image["needs"] == "test" and "refs/heads/main" in image["if"]
    assert image["permissions"]["packages"] == "write"
    push = next(s for s in image["steps"] if s.get("uses", "").startswith("docker/build-push"))
    assert push["with"]["push"] is True and "github.sha" in push["with"]["tags"]


def test_setup_test_deps_says_what_to_run_when_it_cannot_install(tmp_path: Path) -> None:
    # Not root and no apt on PATH: nothing is installed, the message names the command.
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    for tool in ("bash", "id", "dirname", "cat"):
        found = shutil.which(tool)
        assert found
        (fake_bin / tool).symlink_to(found)
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "setup-test-deps")],
        env={"PATH": str(fake_bin), "SETUP_TEST_DEPS_AS": "user"},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode != 0
    assert "apt-get install" in result.stderr and "chromium" in result.stderr

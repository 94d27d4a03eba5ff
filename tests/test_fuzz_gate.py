"""The fuzzing gate: schemathesis against a live server on this run's backend (nobody, a
customer, an admin). Zero findings to pass; see scripts/fuzz_api.py."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_schemathesis_finds_nothing_on_this_backend(backend: str) -> None:
    result = subprocess.run(
        [sys.executable, "scripts/fuzz_api.py", "--backend", backend, "--seconds", "35"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    runs = re.findall(r"(\d+) generated, (\d+) passed", output)
    # Three identities, each really exercised: every generated case passed.
    assert len(runs) == 3 and all(int(g) > 500 and g == p for g, p in runs), output[-3000:]
    assert "fuzz gate: 0 identities with findings" in output

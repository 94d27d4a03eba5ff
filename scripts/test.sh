#!/usr/bin/env bash
# Run the suite on the embedded default and on PostgreSQL + Redis (or on the backends named:
# scripts/test.sh embedded). Extra arguments after `--` go to pytest.
# Fails if any run fails or if any test was skipped: a skipped Postgres test is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

backends=()
while [[ $# -gt 0 && "$1" != "--" ]]; do backends+=("$1"); shift; done
[[ "${1:-}" == "--" ]] && shift
[[ ${#backends[@]} -eq 0 ]] && backends=(embedded postgres)

# System packages (Chromium, nginx, PostgreSQL client, Redis): installed when missing as
# root with apt; otherwise this says what to run and stops.
scripts/setup-test-deps

mkdir -p test-artifacts
for backend in "${backends[@]}"; do
  echo "=== test suite on backend: $backend ==="
  report="test-artifacts/junit-$backend.xml"
  TEST_BACKEND="$backend" python -m pytest -q -p no:cacheprovider --junitxml="$report" "$@"
  python - "$report" "$backend" <<'PY'
import sys
import xml.etree.ElementTree as ET

root = ET.parse(sys.argv[1]).getroot()
suites = [root] if root.tag == "testsuite" else list(root)
tests = sum(int(s.get("tests", 0)) for s in suites)
skipped = sum(int(s.get("skipped", 0)) for s in suites)
if tests == 0 or skipped:
    sys.exit(f"backend {sys.argv[2]}: {tests} tests ran, {skipped} skipped: nothing may be skipped")
print(f"backend {sys.argv[2]}: {tests} tests ran, none skipped")
PY
done

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

run_backend() {
  local backend="$1"; shift
  local report="test-artifacts/junit-$backend.xml"
  TEST_BACKEND="$backend" python -m pytest -q -p no:cacheprovider --junitxml="$report" "$@" || return 1
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
}

# The backends share nothing (each run makes its own database; only the postgres run uses
# Redis), so they run side by side unless TEST_SERIAL=1; each run's output is printed whole
# when it ends.
status=0
if [[ ${#backends[@]} -gt 1 && "${TEST_SERIAL:-0}" != "1" ]]; then
  pids=()
  for backend in "${backends[@]}"; do
    run_backend "$backend" "$@" >"test-artifacts/log-$backend.txt" 2>&1 &
    pids+=($!)
  done
  for i in "${!backends[@]}"; do
    if wait "${pids[$i]}"; then result=passed; else result=FAILED; status=1; fi
    echo "=== test suite on backend: ${backends[$i]} ($result) ==="
    cat "test-artifacts/log-${backends[$i]}.txt"
  done
else
  for backend in "${backends[@]}"; do
    echo "=== test suite on backend: $backend ==="
    run_backend "$backend" "$@" || status=1
  done
fi
exit "$status"

#!/usr/bin/env bash
# Smoke test after a deploy: scripts/smoke.sh https://api.pharmacy.example
# (settings in the environment: see scripts/smoke.py). Non-zero on any failure.
set -euo pipefail
exec python3 "$(dirname "$0")/smoke.py" "$@"

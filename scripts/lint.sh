#!/usr/bin/env bash
# Format, lint and type-check (what CI checks, with fixes applied).
set -euo pipefail
cd "$(dirname "$0")/.."
ruff format -q .
ruff check --fix -q .
mypy

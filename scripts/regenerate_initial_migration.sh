#!/usr/bin/env bash
# Pre-release only (no database in production yet): rebuild migrations/models/0_*_init.py
# from the models, instead of stacking migrations during initial development.
set -euo pipefail
cd "$(dirname "$0")/.."
admin="${TEST_PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/test}"
scratch="pharmacy_initmigration_$$"
psql "$admin" -qc "CREATE DATABASE $scratch"
trap 'psql "$admin" -qc "DROP DATABASE IF EXISTS $scratch WITH (FORCE)"' EXIT
rm -f migrations/models/*.py
DATABASE_URL="${admin%/*}/$scratch" aerich init-db

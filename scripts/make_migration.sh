#!/usr/bin/env bash
# Generate an aerich migration for model changes: scripts/make_migration.sh add_something
# Builds a scratch PostgreSQL database at the current migrations, diffs the models, drops it.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: scripts/make_migration.sh NAME}"
admin="${TEST_PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/test}"
scratch="pharmacy_makemigration_$$"
base="${admin%/*}"
psql "$admin" -qc "CREATE DATABASE $scratch"
trap 'psql "$admin" -qc "DROP DATABASE IF EXISTS $scratch WITH (FORCE)"' EXIT
export DATABASE_URL="$base/$scratch"
aerich upgrade
aerich migrate --name "$name"

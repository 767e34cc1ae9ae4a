#!/usr/bin/env bash
# One command: install (Chromium included) and run the whole test suite, browser tests included.
# DATABASE_URL chooses the database (SQLite by default; CI runs it again on PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
exec .venv/bin/pytest "$@"

#!/usr/bin/env bash
# One command: install, build the 连云港 demo in SQLite (or $DATABASE_URL) and serve it at http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/zhaoshang demo "$@"

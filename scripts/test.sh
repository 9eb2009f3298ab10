#!/usr/bin/env bash
# Command 2: install everything and run the whole test suite (unit, AppTest,
# data, import, export and end-to-end tests in Debian's Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh requirements-dev.txt
export PII_CHROMIUM=${PII_CHROMIUM:-/usr/bin/chromium}
# the progress store's tests run on real PostgreSQL too (issue 23): Debian's server, started here
export PII_TEST_POSTGRES_URL=${PII_TEST_POSTGRES_URL:-$(bash scripts/postgres_for_tests.sh)}
.venv/bin/ruff check .
.venv/bin/python -m pytest -n "${PYTEST_WORKERS:-2}" --dist loadfile -p no:cacheprovider "$@"

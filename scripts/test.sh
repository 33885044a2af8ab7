#!/usr/bin/env bash
# Set up .venv with the dev extra if needed (plus Debian's chromium and PostgreSQL when run as root and missing),
# then run the whole test suite, slow tests included (a plain pytest run leaves them out). Extra arguments go to
# pytest; a -m given there replaces the one below.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EXTRAS=dev source "$ROOT/scripts/setup.sh"
bash "$ROOT/scripts/system-deps.sh" || echo "test: could not install system packages; browser/PostgreSQL tests will skip"
cd "$ROOT"
exec "$VENV/bin/python" -m pytest -m "slow or not slow" "$@"

#!/usr/bin/env bash
# Set up .venv if needed, then run the main job on the embedded store:
# demo corpus -> events in out/demo.duckdb -> summary table -> exports in out/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EXTRAS="" source "$ROOT/scripts/setup.sh"  # runtime packages only
cd "$ROOT"
exec "$VENV/bin/trucewatch" demo --out "$ROOT/out" "$@"

#!/usr/bin/env bash
# Create or reuse .venv in the repo root and install trucewatch with what the caller needs.
# Sourced by scripts/demo.sh (runtime packages only) and scripts/test.sh (EXTRAS=dev: test tools, Spark,
# Playwright, geopandas). Versions are pinned by constraints.txt. Safe to run again: it only reinstalls when
# pyproject.toml, constraints.txt or the front-end package list changed, or when more extras are wanted.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="${PYTHON:-python3}"
EXTRAS="${EXTRAS:-}"

if [ ! -x "$VENV/bin/python" ]; then
    echo "setup: creating $VENV"
    "$PY" -m venv "$VENV"
fi

stamp="$VENV/.trucewatch-installed"
inputs="$(for f in "$ROOT/pyproject.toml" "$ROOT/constraints.txt" "$ROOT/src/trucewatch/web/package.json"; do if [ -f "$f" ]; then cat "$f"; fi; done | sha256sum | cut -d' ' -f1)"
want="$inputs${EXTRAS:+[$EXTRAS]}"
have="$(cat "$stamp" 2>/dev/null || true)"
need=1
[ "$have" = "$want" ] && need=0
[ -z "$EXTRAS" ] && [ "$have" = "$inputs[dev]" ] && need=0  # a venv with the dev extra also serves the demo
if [ "$need" = 1 ]; then
    target="$ROOT${EXTRAS:+[$EXTRAS]}"
    echo "setup: installing Python packages into .venv (${EXTRAS:-runtime only})"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    constraints=()
    if [ -f "$ROOT/constraints.txt" ]; then constraints=(-c "$ROOT/constraints.txt"); fi
    "$VENV/bin/python" -m pip install --quiet "${constraints[@]}" -e "$target"
    if [ -f "$ROOT/src/trucewatch/web/package.json" ]; then
        echo "setup: installing front-end packages (npm)"
        bash "$ROOT/scripts/web-assets.sh"
    fi
    echo "$want" > "$stamp"
fi

#!/usr/bin/env bash
# Create or reuse .venv in the repo root and install trucewatch with everything it needs.
# Sourced by scripts/demo.sh and scripts/test.sh. Safe to run again: it only reinstalls when
# pyproject.toml or the front-end package list changed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="${PYTHON:-python3}"

if [ ! -x "$VENV/bin/python" ]; then
    echo "setup: creating $VENV"
    "$PY" -m venv "$VENV"
fi

stamp="$VENV/.trucewatch-installed"
want="$(for f in "$ROOT/pyproject.toml" "$ROOT/src/trucewatch/web/package.json"; do if [ -f "$f" ]; then cat "$f"; fi; done | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "setup: installing Python packages into .venv"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e "$ROOT[dev]"
    if [ -f "$ROOT/src/trucewatch/web/package.json" ]; then
        echo "setup: installing front-end packages (npm)"
        bash "$ROOT/scripts/web-assets.sh"
    fi
    echo "$want" > "$stamp"
fi

#!/bin/sh
# Opt-in: creates .venv-ortools/ with OR-Tools for the solve benchmark's baseline (`npm run bench:ortools-setup`).
# Never run by `npm ci` or the tests; the bench prints "skipped (no ortools venv)" without it.
set -eu
cd "$(dirname "$0")/../.."
VENV="${TIAOJIE_ORTOOLS_VENV:-.venv-ortools}"
ORTOOLS_VERSION=9.15.6755
if ! python3 -m venv --help >/dev/null 2>&1; then
  echo "python3 has no venv module: apt-get install -y python3-venv" >&2
  exit 1
fi
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet "ortools==$ORTOOLS_VERSION"
"$VENV/bin/python" -c "import ortools; print('ortools', ortools.__version__, 'in $VENV')"

#!/usr/bin/env bash
# The README's install command in a fresh venv, offline (--no-index), packaging the module this
# build made (TEMPO_PYTHON_MODULE: no second C++ build); then `import tempo` from elsewhere.
# Usage: install_test.sh PYTHON MODULE VERSION VENV REPO
set -euo pipefail
python=$1 module=$2 version=$3 venv=$4 repo=$5
rm -rf "$venv"
"$python" -m venv --system-site-packages "$venv"
cd "$repo"
TEMPO_PYTHON_MODULE="$module" "$venv/bin/pip" install --no-index --no-build-isolation -q \
  ./bindings/python
cd /
"$venv/bin/python" - "$version" "$venv" <<'PY'
import sys
import tempo
import tempo.torch

version, venv = sys.argv[1:]
assert tempo.__version__ == version, (tempo.__version__, version)
assert tempo.__file__.startswith(venv), tempo.__file__
assert tempo.compile("warmup(2000) >> cosine(min=0.1)", total=100_000)(1000) == 0.5
print("installed", tempo.__version__, "at", tempo.__file__)
PY

#!/bin/sh
# Run the core tests against the declared floor of every dependency (requirements-min.txt), in
# a separate virtual environment .venv-min, so that pyproject.toml never claims a minimum
# version the code does not work with. Extra arguments go to pytest. Usage: make test-min
set -eu
cd "$(dirname "$0")/.."
python="${PYTHON:-python3}"
venv=.venv-min
sh scripts/ensure-venv.sh "$python" "$venv"
pip="$venv/bin/python -m pip"
$pip install --quiet --upgrade pip
# The floors with what they need themselves, then the app without touching them, then the
# test extra (pyproject.toml's [test]) under the floors as constraints, so nothing moves.
$pip install --quiet -r requirements-min.txt
$pip install --quiet --no-deps -e .
$pip install --quiet -c requirements-min.txt -e ".[test]"
$pip check
"$venv/bin/python" - <<'PY'
from importlib import metadata
for line in open("requirements-min.txt", encoding="utf-8"):
    line = line.split("#")[0].strip()
    if line:
        name, wanted = line.split("==")
        got = metadata.version(name)
        assert got == wanted, f"{name} {got} is installed, not the floor {wanted}"
print("every dependency is at its declared floor")
PY
QT_QPA_PLATFORM=offscreen "$venv/bin/python" -m pytest -q -n 1 -m "not gui" \
    -p no:cacheprovider tests/core "$@"

#!/bin/sh
# Create the virtual environment if it is missing. On Debian/Ubuntu, Python's venv module lives
# in a separate package (python3-venv); install it when `python3 -m venv` cannot work.
set -eu
python="$1"
venv="$2"
[ -x "$venv/bin/python" ] && exit 0
if ! "$python" -m venv "$venv" 2>/dev/null; then
    rm -rf "$venv"
    if [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; then
        version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
        sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        echo "Installing python${version}-venv (needed to create $venv)..."
        $sudo apt-get update -qq
        $sudo apt-get install -y -qq "python${version}-venv" || $sudo apt-get install -y -qq python3-venv
        "$python" -m venv "$venv"
    else
        echo "error: '$python -m venv $venv' failed; install Python's venv module." >&2
        exit 1
    fi
fi

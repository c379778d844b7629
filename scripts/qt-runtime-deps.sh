#!/bin/sh
# Install the system libraries Qt needs, on Debian/Ubuntu, only when some are missing.
#   offscreen: what the tests need (no display, and a Chinese font for the zh_CN interface tests);
#   window: also X11/xcb.
# Elsewhere (Windows, macOS, other Linux) it does nothing: the Qt wheels bring what they need.
set -eu
mode="${1:-offscreen}"
[ -f /etc/debian_version ] && command -v dpkg-query >/dev/null 2>&1 || exit 0

packages="libgl1 libegl1 libglib2.0-0 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-wqy-microhei"
if [ "$mode" = "window" ]; then
    packages="$packages libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1"
    packages="$packages libxcb-render-util0 libxcb-shape0 libxkbcommon-x11-0"
fi

installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

missing=""
for package in $packages; do
    installed "$package" && continue
    # Ubuntu 24.04 renamed some libraries with a t64 suffix.
    installed "${package}t64" && continue
    missing="$missing $package"
done
[ -z "$missing" ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        sudo="sudo"
    else
        echo "warning: Qt needs these packages:$missing" >&2
        echo "         install them with: apt-get install$missing" >&2
        exit 0
    fi
fi
echo "Installing the Qt runtime libraries:$missing"
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing

#!/bin/sh
# Put IoTFin Workstation in the Linux desktop's application menu, for this user only (no root):
# the .desktop file and the icons go to ~/.local/share (XDG_DATA_HOME). The frozen app carries
# this script at its top level (dist/iotfin/); in a source checkout it is scripts/.
#   sh install-desktop-entry.sh [COMMAND]
# COMMAND starts the window: by default the frozen app beside this script, else iotfin-gui.
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
if [ -d "$HERE/_internal/iotfin_gui" ]; then
    PACKAGE="$HERE/_internal/iotfin_gui"; DEFAULT="$HERE/iotfin"
else
    PACKAGE="$HERE/../iotfin_gui"; DEFAULT="iotfin-gui"
fi
COMMAND="${1:-$DEFAULT}"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
NAME=iotfin-workstation
mkdir -p "$DATA/applications" "$DATA/icons/hicolor/scalable/apps"
for size in 16 24 32 48 64 128 256; do
    mkdir -p "$DATA/icons/hicolor/${size}x${size}/apps"
    cp "$PACKAGE/icons/iotfin-$size.png" "$DATA/icons/hicolor/${size}x${size}/apps/$NAME.png"
done
cp "$PACKAGE/icons/iotfin.svg" "$DATA/icons/hicolor/scalable/apps/$NAME.svg"
sed "s|^Exec=.*|Exec=\"$COMMAND\"|" "$PACKAGE/desktop/$NAME.desktop" \
    > "$DATA/applications/$NAME.desktop"
command -v update-desktop-database >/dev/null 2>&1 && \
    update-desktop-database "$DATA/applications" >/dev/null 2>&1 || true
echo "Installed $DATA/applications/$NAME.desktop (starts: $COMMAND)"

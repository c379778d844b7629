#!/bin/sh
# Extract every translatable text of the app into resources/i18n/*.ts (Qt's lupdate) and build
# the .qm files the app loads (Qt's lrelease) into the package, iotfin_gui/i18n/, so that a wheel
# and a frozen app carry them (the .ts sources stay out of the package). Translate the .ts files
# with Qt Linguist (pyside6-linguist) or any editor, then run this again. Obsolete texts are
# dropped.
set -eu
cd "$(dirname "$0")/.."
BIN="${VENV:-.venv}/bin"
for ts in resources/i18n/iotfin_*.ts; do
    "$BIN/pyside6-lupdate" -silent -no-obsolete -extensions py -locations relative \
        iotfin_gui main.py -ts "$ts"
    name="$(basename "$ts" .ts)"
    "$BIN/pyside6-lrelease" -silent "$ts" -qm "iotfin_gui/i18n/$name.qm"
done

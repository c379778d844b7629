"""The core must never import Qt: checked on the real import graph and on the source text."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import iotfin_gui

CORE = Path(iotfin_gui.__file__).parent / "core"
QT_MODULES = ("PySide6", "pyqtgraph", "shiboken6", "PyQt5", "PyQt6")


def test_importing_every_core_module_and_the_cli_pulls_in_no_qt() -> None:
    code = (
        "import importlib, pkgutil, sys, iotfin_gui.core as core, iotfin_gui.cli as cli\n"
        "cli.build_parser()\n"
        "for m in pkgutil.walk_packages(core.__path__, 'iotfin_gui.core.'):\n"
        "    importlib.import_module(m.name)\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r})\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "", f"core imported Qt: {result.stdout}"


def test_no_core_source_file_mentions_a_qt_import() -> None:
    pattern = re.compile(rf"^\s*(from|import)\s+({'|'.join(QT_MODULES)})\b", re.MULTILINE)
    offenders = [str(p) for p in CORE.rglob("*.py") if pattern.search(p.read_text("utf-8"))]
    assert offenders == []

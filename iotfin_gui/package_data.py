"""Files that ship inside the package: translations (``i18n/``), the app icon (``icons/``) and
the user guide (``guide/``). They are read with :mod:`importlib.resources`, so a source checkout,
an installed wheel and a frozen app find them the same way; nothing is read from outside the
package. Qt-free (the CLI and the core may use it)."""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.abc import Traversable

PACKAGE = "iotfin_gui"


def data_file(*parts: str) -> Traversable:
    """The package data file ``parts`` (e.g. ``data_file("i18n", "iotfin_zh_CN.qm")``); it may
    not exist (check ``is_file()``)."""
    item = resources.files(PACKAGE)
    for part in parts:
        item = item / part
    return item


"""Importing a module with packages it does not need hidden from it, safely beside other threads.

``sys.modules[name] = None`` makes ``import name`` raise ImportError, which hides an optional
package from one import that would load it for nothing (skops, see
:mod:`~iotfin_gui.core.models.safe_format`). While it is hidden, another thread's real import of
that package would fail too, and its user would be told to install what is installed. So the
hiding and every real import of a package that may be hidden take one lock:
:func:`import_module` waits for a hiding import to end.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
import threading
import types
from collections.abc import Iterator, Sequence

_LOCK = threading.RLock()


@contextlib.contextmanager
def hidden(names: Sequence[str]) -> Iterator[None]:
    """Within the block, ``import name`` raises ImportError for each of ``names`` that nothing
    has loaded yet; a package already loaded stays visible."""
    with _LOCK:
        hiding = [name for name in names if name not in sys.modules]
        sys.modules.update(dict.fromkeys(hiding))
        try:
            yield
        finally:
            for name in hiding:
                if name in sys.modules and sys.modules[name] is None:
                    del sys.modules[name]


def import_module(name: str) -> types.ModuleType:
    """``importlib.import_module(name)``, once no :func:`hidden` block hides a package."""
    with _LOCK:
        return importlib.import_module(name)

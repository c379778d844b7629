"""Lazy package namespaces: a package names what it exports and from which submodule, and each
submodule is imported when one of its names is first used (``attach``, after scikit-image's
``lazy_loader.attach``).

A package whose submodules need pandas or Arrow, but some of whose names do not (the exportable
tables' list, the stored recipes' list), so stays cheap to import for the quick CLI commands:

    __getattr__, __dir__, __all__ = attach(__name__, {"registry": ["exportable_tables"],
                                                      "export": ["export_table"]})
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any


def attach(package: str, exports: Mapping[str, Sequence[str]]
           ) -> tuple[Callable[[str], Any], Callable[[], list[str]], list[str]]:
    """The module ``__getattr__``, ``__dir__`` and ``__all__`` of ``package``, which exports
    ``exports[submodule]`` from each of its submodules."""
    home = {name: submodule for submodule, names in exports.items() for name in names}
    namespace = importlib.import_module(package).__dict__

    def __getattr__(name: str) -> Any:
        if name not in home:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{home[name]}"), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *home})

    return __getattr__, __dir__, sorted(home)

"""Loaded by every Python process started with this folder on ``PYTHONPATH`` (a test's app, its
job workers and their worker processes): when one of them imports ``distributed`` (Dask's
cluster client), an empty file ``<pid>-distributed`` is written into the folder
``$IOTFIN_IMPORT_WATCH``. A lookup that does not import (``importlib.util.find_spec``) leaves no
file. (``dask`` itself is not watched: saving a trained model imports skops, which lists every
scikit-learn estimator and so imports scikit-learn's ``array_api_compat.dask`` shim, which
imports ``dask.array`` whenever Dask is installed.)"""

from __future__ import annotations

import os
import sys
from importlib.abc import MetaPathFinder
from typing import Any

WATCHED = ("distributed",)


class _Watch(MetaPathFinder):
    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name not in WATCHED:
            return None
        for finder in sys.meta_path:
            found = None if finder is self else finder.find_spec(name, path, target)
            if found is not None:
                break
        else:
            return None
        loader = found.loader
        run = loader.exec_module

        def exec_module(module: Any) -> Any:
            folder = os.environ.get("IOTFIN_IMPORT_WATCH")
            if folder:
                open(os.path.join(folder, f"{os.getpid()}-{name}"), "w").close()
            return run(module)

        loader.exec_module = exec_module
        return found


sys.meta_path.insert(0, _Watch())

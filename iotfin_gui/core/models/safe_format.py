"""The safe model format: skops with an explicit list of trusted types, and checks of the tree
structures that compiled scikit-learn code indexes without bounds checks.

skops rebuilds an object from a file only when every type in it is trusted, and never runs code
from the file, so loading cannot run an attacker's code. skops trusts scikit-learn's estimators,
numpy and scipy by default; :data:`TRUSTED_TYPES` names, one by one, the other types the app's
models hold: scikit-learn internals of the calibrated SVMs, the MLP, the k-NN search tree and the
tree ensembles, the app's own transformers and clusterers, and the two functions its pipelines
call. Anything else in a file (any other class or function) is refused and named.

skops warns that decision trees (``Tree``) and histogram-boosting trees (``TreePredictor``)
store raw node and feature indices that scikit-learn's compiled code follows without checking,
so a crafted file could crash the process at prediction time; the same holds for the k-d tree of
k nearest neighbours. :func:`check_structures` therefore checks every such tree after loading
and before any use: child indices point forward inside the tree (so every path ends at a leaf),
feature indices lie below the owning model's feature count, and a k-d tree is exactly the one
scikit-learn builds from its own data. A tree no known model owns is refused.

skops is imported on first use, and without Dask: ``import skops.io`` lists scikit-learn's
estimators (``sklearn.utils.all_estimators``, called by ``skops.io._trusted_types``), which walks
every package of scikit-learn, its ``externals`` included, so the array-API wrapper
``sklearn.externals.array_api_compat.dask.array`` imports ``dask.array`` whenever Dask is
installed (about 2 s and 40 MB on a modest laptop, for a module the listing then skips). skops has
no setting or lighter module that avoids it; :func:`skops_io` hides Dask from that one import when
nothing has loaded it yet (the wrapper then fails to import and is skipped, as the listing skips
it anyway); a process that uses Dask (a cluster) has it loaded already and keeps it, and a
cluster connecting meanwhile waits for that import (:mod:`~iotfin_gui.core.hidden_imports`).

:func:`same` compares an object with its reloaded copy, so that a model skops cannot store
faithfully (skops turns a dict's ``False`` key into ``True``, and cannot store pandas objects)
is detected when it is saved rather than giving different predictions later.
"""

from __future__ import annotations

import sys
import types
import zipfile
from typing import Any

import numpy as np
from sklearn.ensemble._hist_gradient_boosting.common import PREDICTOR_RECORD_DTYPE
from sklearn.ensemble._hist_gradient_boosting.gradient_boosting import (
    BaseHistGradientBoosting,
)
from sklearn.ensemble._hist_gradient_boosting.predictor import TreePredictor
from sklearn.metrics._dist_metrics import EuclideanDistance64
from sklearn.neighbors import KDTree
from sklearn.neighbors._base import NeighborsBase
from sklearn.tree import BaseDecisionTree
from sklearn.tree._tree import Tree

from iotfin_gui.core import hidden_imports
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message

#: Types trusted beyond skops' defaults, each because a model of the app holds it.
TRUSTED_TYPES: tuple[str, ...] = (
    "numpy.dtype",  # OneHotEncoder(dtype=...), imputers' fitted dtypes
    "sklearn.calibration._CalibratedClassifier",  # linear_svm, rbf_svm
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.neural_network._stochastic_optimizers.AdamOptimizer",  # mlp
    "sklearn.neighbors._kd_tree.KDTree",  # knn, agglomerative/dbscan assigner (checked)
    "sklearn.metrics._dist_metrics.EuclideanDistance64",
    "sklearn.tree._tree.Tree",  # random_forest (checked)
    "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",  # hist_gb (checked)
    "iotfin_gui.core.models.preprocess.plain_types",  # every pipeline's FunctionTransformer
    "sklearn.compose._column_transformer.make_column_selector",  # models trained with a recipe
    "iotfin_gui.core.recipes.steps.learned.one_hot_name",  # a recipe's one_hot step
    "iotfin_gui.core.models.specs.ClusterModel",
    "iotfin_gui.core.models.specs.RandomClusters",
    "iotfin_gui.core.recipes.steps.transformers.OutlierClipper",
    "iotfin_gui.core.recipes.steps.transformers.FrequencyEncoder",
)

#: Libraries that importing skops would load through scikit-learn's array-API wrappers, and that
#: no model of the app uses (see :func:`skops_io`).
UNUSED_ARRAY_LIBRARIES = ("dask",)

#: Leaf marker of scikit-learn's Tree (``sklearn.tree._tree.TREE_LEAF``).
_TREE_LEAF = -1


class UnsafeModel(Exception):
    """A file holds untrusted types or a tree that fails :func:`check_structures`."""

    def __init__(self, reason: Message, untrusted: list[str] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.untrusted = untrusted or []


def skops_io() -> types.ModuleType:
    """``skops.io``, imported (once; slow: it lists every scikit-learn estimator) with the
    :data:`UNUSED_ARRAY_LIBRARIES` that nothing loaded yet hidden, so that it does not load
    them."""
    if "skops.io" not in sys.modules:
        with hidden_imports.hidden(UNUSED_ARRAY_LIBRARIES):
            import skops.io  # noqa: F401
    return sys.modules["skops.io"]


def dumps(obj: Any) -> bytes:
    """``obj`` in skops' format (compressed); raises TypeError when skops cannot store it."""
    return skops_io().dumps(obj, compression=zipfile.ZIP_DEFLATED)


def untrusted_types(data: bytes) -> list[str]:
    """The types in a skops file that are neither skops' defaults nor :data:`TRUSTED_TYPES`."""
    try:
        found = skops_io().get_untrusted_types(data=data)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as error:
        raise UnsafeModel(QT_TRANSLATE_NOOP("Core", "it is not a readable model file ({error})")
                          .format(error=str(error))) from error
    return sorted(set(found) - set(TRUSTED_TYPES))


def loads(data: bytes) -> Any:
    """Rebuild an object from skops bytes: untrusted types refused, trees checked."""
    unknown = untrusted_types(data)
    if unknown:
        raise UnsafeModel(QT_TRANSLATE_NOOP("Core", "it holds types IoTFin does not trust: "
                                            "{types}").format(types=", ".join(unknown)), unknown)
    try:
        obj = skops_io().loads(data, trusted=list(TRUSTED_TYPES))
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError,
            ImportError, OSError) as error:
        raise UnsafeModel(QT_TRANSLATE_NOOP("Core", "it is not a readable model file ({error})")
                          .format(error=str(error))) from error
    check_structures(obj)
    return obj


# --- tree checks ---------------------------------------------------------------------------


def _objects(root: Any) -> list[Any]:
    """Every object reachable from ``root`` through containers and instance attributes."""
    seen: set[int] = set()
    found, stack = [], [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, (str, bytes, int, float, np.ndarray, type)):
            continue
        seen.add(id(obj))
        found.append(obj)
        if isinstance(obj, dict):
            stack.extend(obj.values())
        elif isinstance(obj, (list, tuple, set, frozenset)):
            stack.extend(obj)
        elif hasattr(obj, "__dict__"):
            stack.extend(vars(obj).values())
    return found


def _bad_tree(why: str) -> UnsafeModel:
    return UnsafeModel(QT_TRANSLATE_NOOP("Core", "a tree in it is malformed ({why})")
                       .format(why=why))


def _check_children(left: np.ndarray, right: np.ndarray, feature: np.ndarray,
                    inner: np.ndarray, n_features: int) -> None:
    """Children of inner nodes point forward inside the tree; features lie in range."""
    count = len(left)
    index = np.arange(count)
    forward = ((left > index) & (left < count) & (right > index) & (right < count))[inner]
    if not forward.all():
        raise _bad_tree("child index")
    features = feature[inner]
    if features.size and (features.min() < 0 or features.max() >= n_features):
        raise _bad_tree("feature index")


def _check_tree(tree: Tree, n_features: int) -> None:
    if tree.n_features != n_features or not 0 < tree.node_count <= tree.capacity:
        raise _bad_tree("size")
    left, right = tree.children_left, tree.children_right
    inner = left != _TREE_LEAF
    if (right[~inner] != _TREE_LEAF).any():
        raise _bad_tree("leaf")
    _check_children(left, right, tree.feature, inner, n_features)


def _check_predictor(predictor: TreePredictor, n_features: int) -> None:
    nodes = predictor.nodes
    if (not isinstance(nodes, np.ndarray) or nodes.dtype != PREDICTOR_RECORD_DTYPE
            or nodes.ndim != 1 or not len(nodes)):
        raise _bad_tree("node records")
    inner = nodes["is_leaf"] == 0
    if nodes["is_categorical"][inner].any():
        raise _bad_tree("categorical split")
    _check_children(nodes["left"].astype(np.int64), nodes["right"].astype(np.int64),
                    nodes["feature_idx"].astype(np.int64), inner, n_features)


def _check_kdtree(tree: KDTree) -> None:
    data, indices, nodes, bounds = tree.get_arrays()
    state = tree.__getstate__()  # (..., leaf_size at 4, ..., metric at 11, sample_weight)
    if type(state[11]) is not EuclideanDistance64 or state[12] is not None:
        raise _bad_tree("k-d tree metric")
    rebuilt = KDTree(np.asarray(data), leaf_size=int(state[4])).get_arrays()
    if not all(same(np.asarray(a), np.asarray(b))
               for a, b in zip((indices, nodes, bounds), rebuilt[1:], strict=True)):
        raise _bad_tree("k-d tree index")


def check_structures(obj: Any) -> None:
    """Check every tree in ``obj`` against its owning model (see the module docstring)."""
    objects = _objects(obj)
    checked: set[int] = set()
    for item in objects:
        if isinstance(item, BaseDecisionTree) and hasattr(item, "tree_"):
            _check_tree(item.tree_, int(item.n_features_in_))
            checked.add(id(item.tree_))
        elif isinstance(item, BaseHistGradientBoosting) and hasattr(item, "_predictors"):
            for predictor in (p for row in item._predictors for p in row):
                _check_predictor(predictor, int(item.n_features_in_))
                checked.add(id(predictor))
        elif isinstance(item, NeighborsBase) and isinstance(getattr(item, "_tree", None),
                                                            KDTree):
            _check_kdtree(item._tree)
            checked.add(id(item._tree))
    for item in objects:
        if isinstance(item, (Tree, TreePredictor, KDTree)) and id(item) not in checked:
            raise _bad_tree("a tree outside a model")


# --- faithful round trip -------------------------------------------------------------------


def _state(obj: Any) -> Any:
    reduced = obj.__reduce_ex__(2)
    return reduced[1:] if isinstance(reduced, tuple) else reduced


def same(a: Any, b: Any) -> bool:
    """Whether ``a`` and ``b`` hold the same data (types, dict keys, array bytes and dtypes)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, np.ndarray):
        if a.dtype != b.dtype or a.shape != b.shape:
            return False
        if a.dtype.names:  # records: field by field (padding bytes are undefined)
            return all(same(a[name], b[name]) for name in a.dtype.names)
        if a.dtype.hasobject:
            return all(same(x, y) for x, y in zip(a.ravel(), b.ravel(), strict=True))
        return np.ascontiguousarray(a).tobytes() == np.ascontiguousarray(b).tobytes()
    if isinstance(a, dict):
        return (len(a) == len(b) and all(k in b and type(k) is type(_key(b, k)) for k in a)
                and all(same(v, b[k]) for k, v in a.items()))
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float):
        return a == b or (a != a and b != b)
    if isinstance(a, np.generic):
        return same(np.asarray(a), np.asarray(b))
    if isinstance(a, (type, types.FunctionType, types.BuiltinFunctionType, np.ufunc)):
        return a is b
    if a is None or isinstance(a, (str, bytes, int)):
        return a == b
    if isinstance(a, np.random.RandomState):  # the seed sequence it came from is not kept
        return same(a.get_state(legacy=False), b.get_state(legacy=False))
    if isinstance(a, np.random.Generator):
        return same(a.bit_generator.state, b.bit_generator.state)
    if hasattr(a, "__dict__") and not isinstance(a, KDTree):
        return same(vars(a), vars(b))
    return same(_state(a), _state(b))


def _key(mapping: dict, key: Any) -> Any:
    """The key object ``mapping`` holds that equals ``key`` (``1`` and ``True`` are equal)."""
    return next(k for k in mapping if k == key)


def round_trips(obj: Any, data: bytes) -> bool:
    """Whether ``data`` (from :func:`dumps`) loads back, safely, as the same ``obj``."""
    try:
        return same(obj, loads(data))
    except UnsafeModel:
        return False

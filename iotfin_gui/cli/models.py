"""``train``, ``predict`` and ``leaderboard``: the Models core from the command line.

    iotfin train --dataset demo_credit_applications --target defaulted --task classification \\
        --models logistic,random_forest --cv 5 --search grid --cost-fp 1 --cost-fn 5 --json
    iotfin predict --run 3 --dataset new_applications --out scored.csv [--save-as scored]
    iotfin leaderboard --task classification --json

``train`` prints ``{"runs": [{"run_id", "model", "metrics", "fit_seconds", ...}, ...]}``.
``predict`` writes the CSV to a temporary file renamed at the end (UTF-8 with BOM; text cells a
spreadsheet would run as a formula get a leading quote).
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.models import CV_SCHEMES, SEARCHES, TASKS, leaderboard, predict, train
from iotfin_gui.core.reports.safety import is_formula_like
from iotfin_gui.core.store import Store


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "train", parents=[common], help="train, cross-validate and compare models on a dataset")
    parser.add_argument("--dataset", required=True, help="dataset name")
    parser.add_argument("--target", help="target column (default: the dataset's label role)")
    parser.add_argument("--task", required=True, choices=TASKS)
    parser.add_argument("--recipe", help="preprocessing recipe NAME or NAME@VERSION")
    parser.add_argument("--models", help="comma-separated models (default: all of the task; "
                        "the baseline is always added)")
    parser.add_argument("--cv", default="5", metavar="FOLDS|SCHEME",
                        help="number of folds, or SCHEME[:FOLDS] with SCHEME one of "
                        f"{', '.join(CV_SCHEMES)} (default 5: stratified for classification, "
                        "k-fold for regression)")
    parser.add_argument("--repeats", type=int, default=1, help="repeat the CV (default 1)")
    parser.add_argument("--search", choices=SEARCHES, help="tune each model's default grid")
    parser.add_argument("--cost-fp", type=float, default=1.0, help="cost of a false positive")
    parser.add_argument("--cost-fn", type=float, default=5.0, help="cost of a false negative")
    parser.add_argument("--threshold", default="validation",
                        help="validation (cost-minimising on an inner split), bayes, or a "
                        "probability")
    parser.add_argument("--balanced", action="store_true", help="balanced class weights")
    parser.add_argument("--positive", help="the positive class (default: 1/true, else the "
                        "rarer class)")
    parser.add_argument("--seed", type=int, default=0)
    parser.set_defaults(run=run_train)

    scoring = subparsers.add_parser(
        "predict", parents=[common], help="apply a trained model (a train run) to a dataset")
    scoring.add_argument("--run", dest="run_id", type=int, required=True,
                         help="training run id")
    scoring.add_argument("--dataset", required=True, help="dataset with the same columns")
    scoring.add_argument("--out", metavar="FILE.csv", help="write the predictions here")
    scoring.add_argument("--save-as", metavar="NAME", help="also store them as a dataset")
    scoring.set_defaults(run=run_predict)

    board = subparsers.add_parser("leaderboard", parents=[common],
                                  help="list training runs with their metrics")
    board.add_argument("--task", choices=TASKS)
    board.add_argument("--dataset", help="only runs on this dataset")
    board.set_defaults(run=run_leaderboard)


def parse_cv(text: str, task: str) -> tuple[str, int]:
    """``5`` -> the task's default scheme with 5 folds; ``group:4`` -> grouped, 4 folds."""
    scheme, _, folds = text.partition(":")
    if scheme.isdigit():
        scheme, folds = ("stratified" if task == "classification" else "kfold"), scheme
    if scheme not in CV_SCHEMES:
        raise InputError(f"--cv: unknown scheme {scheme!r}; use a number or one of "
                         f"{', '.join(CV_SCHEMES)}.")
    if folds and not folds.isdigit():
        raise InputError(f"--cv: {folds!r} is not a number of folds.")
    return scheme, int(folds) if folds else 5


def _threshold(text: str) -> str | float:
    if text in ("validation", "bayes"):
        return text
    try:
        value = float(text)
    except ValueError:
        raise InputError("--threshold must be validation, bayes or a probability.") from None
    if not 0.0 < value < 1.0:
        raise InputError("--threshold must lie between 0 and 1.")
    return value


def run_train(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    scheme, folds = parse_cv(args.cv, args.task)
    models = [m.strip() for m in args.models.split(",") if m.strip()] if args.models else None
    results = train(store, args.dataset, target=args.target, task=args.task, models=models,
                    cv=scheme, folds=folds, repeats=args.repeats, search=args.search,
                    cost_fp=args.cost_fp, cost_fn=args.cost_fn,
                    threshold=_threshold(args.threshold),
                    class_weight="balanced" if args.balanced else None,
                    positive=args.positive, recipe=args.recipe, seed=args.seed, ctx=ctx)
    return {"dataset": args.dataset, "task": args.task, "cv": f"{scheme}:{folds}",
            "runs": [r.to_dict() for r in results]}


def write_predictions(frame: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write ``frame`` as UTF-8 CSV with BOM via a temporary file, formula-like text quoted."""
    target = Path(path).expanduser()
    if not target.parent.is_dir():
        raise InputError(f"The folder {target.parent} does not exist.")
    safe = frame.copy()
    for column in safe.columns:
        if not (pd.api.types.is_numeric_dtype(safe[column])
                or pd.api.types.is_datetime64_any_dtype(safe[column])):
            texts = safe[column].astype(object)
            safe[column] = [f"'{v}" if isinstance(v, str) and is_formula_like(v) else v
                            for v in texts]
    handle, temporary = tempfile.mkstemp(prefix=".predict-", suffix=".csv", dir=target.parent)
    os.close(handle)
    try:
        safe.to_csv(temporary, index=False, encoding="utf-8-sig")
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def run_predict(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    if not args.out and not args.save_as:
        raise InputError("Give --out FILE.csv, --save-as NAME, or both.")
    result = predict(store, args.run_id, args.dataset, save_as=args.save_as, ctx=ctx)
    summary: dict[str, Any] = {"run_id": args.run_id, "rows": len(result.frame),
                               "columns": list(result.frame.columns)}
    if args.out:
        summary["out"] = str(write_predictions(result.frame, args.out))
    if result.dataset:
        summary["saved_as"] = result.dataset
        summary["predict_run_id"] = result.predict_run_id
    return summary


def run_leaderboard(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    frame = leaderboard(store, task=args.task, dataset=args.dataset)
    keep = [c for c in frame.columns if not c.endswith("_std")]
    rows = frame[keep].replace({np.nan: None}).to_dict("records")
    return {"runs": rows}

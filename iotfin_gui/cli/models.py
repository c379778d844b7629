"""``train``, ``predict`` and ``leaderboard``: the Models core from the command line.

    iotfin train --dataset demo_credit_applications --target defaulted --task classification \\
        --models logistic,random_forest --cv 5 --search grid --cost-fp 1 --cost-fn 5 --json
    iotfin train --dataset pdm --target failure_24h --task classification --cv time:3 --gap 24
    iotfin predict --run 3 --dataset new_applications --out scored.csv [--save-as scored]
    iotfin leaderboard --task classification --json

``train`` prints ``{"runs": [{"run_id", "model", "label", "metrics", "fit_seconds", ...}, ...]}``
(``label``: the model's display name); ``--positive-class`` names a two-class target's positive
class (recorded in each run as ``positive_class``); with
``--search`` each tuned model's scores come from nested CV (``--inner-folds``, default 3) and
its run carries ``search`` (inner CV, the parameters chosen in each outer fold).
``predict`` writes the CSV like every export (:func:`iotfin_gui.core.reports.export_frame`:
atomic, UTF-8 with BOM, formula-safe, personal data masked, recorded); an existing file is
replaced only with ``--force``, the store's files never.
"""

from __future__ import annotations

import argparse
from typing import Any

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.leaderboard import leaderboard_rows
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, joined
from iotfin_gui.core.model_names import CV_SCHEMES, INNER_FOLDS, SEARCHES, TASKS, model_label
from iotfin_gui.core.options import FOLDS
from iotfin_gui.core.outputs import check_file_target
from iotfin_gui.core.store import Store


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("train", parents=[common], help=QT_TRANSLATE_NOOP(
        "Core", "train, cross-validate and compare models on a dataset"))
    parser.add_argument("--dataset", required=True, help=QT_TRANSLATE_NOOP("Core", "dataset name"))
    parser.add_argument("--target", help=QT_TRANSLATE_NOOP(
        "Core", "target column (default: the dataset's label role)"))
    parser.add_argument("--task", required=True, choices=TASKS)
    parser.add_argument("--recipe", help=QT_TRANSLATE_NOOP(
        "Core", "preprocessing recipe NAME or NAME@VERSION"))
    parser.add_argument("--models", help=QT_TRANSLATE_NOOP(
        "Core", "comma-separated models (default: all of the task; the baseline is always "
        "added)"))
    parser.add_argument("--cv", default="5", metavar="FOLDS|SCHEME", help=QT_TRANSLATE_NOOP(
        "Core", "number of folds, or SCHEME[:FOLDS] with SCHEME one of holdout, kfold, "
        "stratified, group, time (default 5: stratified for classification, k-fold for "
        "regression)"))
    parser.add_argument("--gap", type=float, default=0.0, metavar="HOURS",
                        help=QT_TRANSLATE_NOOP(
        "Core", "time-series CV: leave out the training rows within HOURS before each scored "
        "fold, e.g. the horizon of a label that looks ahead (default 0)"))
    parser.add_argument("--repeats", type=int, default=1,
                        help=QT_TRANSLATE_NOOP("Core", "repeat the CV (default 1)"))
    parser.add_argument("--search", choices=SEARCHES, help=QT_TRANSLATE_NOOP(
        "Core", "tune each model's default grid (scored by nested CV)"))
    parser.add_argument("--inner-folds", type=int, default=INNER_FOLDS, help=QT_TRANSLATE_NOOP(
        "Core", "folds of the search's inner CV (default %(default)s)"))
    parser.add_argument("--cost-fp", type=float, default=1.0,
                        help=QT_TRANSLATE_NOOP("Core", "cost of a false positive"))
    parser.add_argument("--cost-fn", type=float, default=5.0,
                        help=QT_TRANSLATE_NOOP("Core", "cost of a false negative"))
    parser.add_argument("--threshold", default="validation", help=QT_TRANSLATE_NOOP(
        "Core", "validation (default: cost-minimising on out-of-fold predictions of an inner "
        "CV of each training fold), bayes (the cost matrix's cut-off cost_fp / (cost_fp + "
        "cost_fn)), or a probability"))
    parser.add_argument("--balanced", action="store_true",
                        help=QT_TRANSLATE_NOOP("Core", "balanced class weights"))
    parser.add_argument("--positive-class", "--positive", dest="positive", metavar="CLASS",
                        help=QT_TRANSLATE_NOOP(
        "Core", "two-class targets: the class the model flags, e.g. bad (default: the one "
        "class named like an event such as 1, true, yes, bad, default or failure, else the "
        "rarer class); the run records it"))
    parser.add_argument("--seed", type=int, default=0)
    parser.set_defaults(run=run_train)

    scoring = subparsers.add_parser("predict", parents=[common], help=QT_TRANSLATE_NOOP(
        "Core", "apply a trained model (a train run) to a dataset"))
    scoring.add_argument("--run", dest="run_id", type=int, required=True,
                         help=QT_TRANSLATE_NOOP("Core", "training run id"))
    scoring.add_argument("--dataset", required=True,
                         help=QT_TRANSLATE_NOOP("Core", "dataset with the same columns"))
    scoring.add_argument("--out", metavar="FILE.csv",
                         help=QT_TRANSLATE_NOOP("Core", "write the predictions here"))
    scoring.add_argument("--save-as", metavar="NAME",
                         help=QT_TRANSLATE_NOOP("Core", "also store them as a dataset"))
    scoring.add_argument("--force", action="store_true",
                         help=QT_TRANSLATE_NOOP("Core", "overwrite an existing output"))
    scoring.set_defaults(run=run_predict)

    board = subparsers.add_parser("leaderboard", parents=[common], help=QT_TRANSLATE_NOOP(
        "Core", "list training runs with their metrics"))
    board.add_argument("--task", choices=TASKS)
    board.add_argument("--dataset", help=QT_TRANSLATE_NOOP("Core", "only runs on this dataset"))
    board.set_defaults(run=run_leaderboard)


def parse_cv(text: str, task: str) -> tuple[str, int]:
    """``5`` -> the task's default scheme with 5 folds; ``group:4`` -> grouped, 4 folds."""
    scheme, _, folds = text.partition(":")
    if scheme.isdigit():
        scheme, folds = ("stratified" if task == "classification" else "kfold"), scheme
    if scheme not in CV_SCHEMES:
        raise InputError(QT_TRANSLATE_NOOP("Core", "--cv: unknown scheme {scheme!r}; use a "
                                           "number or one of {schemes}.")
                         .format(scheme=scheme, schemes=joined(CV_SCHEMES)))
    if folds and not folds.isdigit():
        raise InputError(QT_TRANSLATE_NOOP("Core", "--cv: {folds!r} is not a number of folds.")
                         .format(folds=folds))
    return scheme, FOLDS.check(int(folds), "--cv") if folds else 5


def _threshold(text: str) -> str | float:
    if text in ("validation", "bayes"):
        return text
    try:
        value = float(text)
    except ValueError:
        raise InputError(QT_TRANSLATE_NOOP("Core", "--threshold must be validation, bayes or a "
                                           "probability.")) from None
    if not 0.0 < value < 1.0:
        raise InputError(QT_TRANSLATE_NOOP("Core", "--threshold must lie between 0 and 1."))
    return value


def run_train(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    from iotfin_gui.core.models import train  # scikit-learn: only for the commands that fit

    scheme, folds = parse_cv(args.cv, args.task)
    models = [m.strip() for m in args.models.split(",") if m.strip()] \
        if args.models is not None else None
    if models == []:
        raise InputError(QT_TRANSLATE_NOOP("Core", "--models names no model; leave it out to "
                                           "train every model of the task."))
    results = train(store, args.dataset, target=args.target, task=args.task, models=models,
                    cv=scheme, folds=folds, repeats=args.repeats, search=args.search,
                    inner_folds=args.inner_folds, cost_fp=args.cost_fp, cost_fn=args.cost_fn,
                    threshold=_threshold(args.threshold),
                    class_weight="balanced" if args.balanced else None,
                    positive=args.positive, recipe=args.recipe, seed=args.seed,
                    gap_hours=args.gap, ctx=ctx)
    positive = store.run(results[0].run_id)["params"].get("positive_class")
    return {"dataset": args.dataset, "task": args.task, "cv": f"{scheme}:{folds}",
            "gap_hours": args.gap, **({"positive_class": positive} if positive is not None
                                      else {}),
            "runs": [{**r.to_dict(), "label": model_label(args.task, r.model)}
                     for r in results]}


def run_predict(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    from iotfin_gui.core.models import predict
    from iotfin_gui.core.reports import ExportOptions, export_frame

    if not args.out and not args.save_as:
        raise InputError(QT_TRANSLATE_NOOP("Core", "Give --out FILE.csv, --save-as NAME, or "
                                           "both."))
    if args.out:
        check_file_target(args.out, store=store, force=args.force)
    result = predict(store, args.run_id, args.dataset, save_as=args.save_as, ctx=ctx)
    summary: dict[str, Any] = {"run_id": args.run_id, "rows": len(result.frame),
                               "columns": list(result.frame.columns)}
    if args.out:
        written = export_frame(store, "predictions", result.frame, args.out, run_id=args.run_id,
                               options=ExportOptions(force=args.force))
        summary["out"] = str(written.path)
    if result.dataset:
        summary["saved_as"] = result.dataset
        summary["predict_run_id"] = result.predict_run_id
    return summary


def run_leaderboard(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    rows = leaderboard_rows(store, task=args.task, dataset=args.dataset)
    return {"runs": [{key: None if value != value else value  # NaN is null in the JSON
                      for key, value in row.items() if not key.endswith("_std")}
                     for row in rows]}

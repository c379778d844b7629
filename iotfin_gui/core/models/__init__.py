"""Models core (issue 5): train, tune and compare classification, regression and clustering
models on stored datasets; leaderboard data, run diffs, plot data, verified model files and
predictions. No Qt; the Models panel and the ``train`` / ``predict`` commands build on this.
Classification targets may have two classes or up to 50 (multiclass: the most probable class
is predicted, and the two-class cost and threshold options are not used). A search tunes each
model inside nested cross-validation, so the scores of tuned models are honest too. Display
names (models, metrics, CV schemes, searches) are translatable Messages.

    results = train(store, "demo_credit_applications", target="defaulted",
                    task="classification", cv="stratified", folds=5, search="grid")
    leaderboard(store, task="classification")
    evaluation(store, results[1].run_id)["roc"]
    predict(store, results[1].run_id, "new_applications", save_as="scored")

Model files live in ``<store stem>_models/`` next to the store (see :mod:`.persistence`).
"""

from iotfin_gui.core.leaderboard import leaderboard
from iotfin_gui.core.model_names import (
    CV_LABELS,
    CV_SCHEMES,
    INNER_FOLDS,
    PRIMARY_METRIC,
    SEARCH_LABELS,
    SEARCHES,
    TASKS,
)
from iotfin_gui.core.models.cv import make_folds
from iotfin_gui.core.models.jobs import learning_curve_job, predict_job, train_job
from iotfin_gui.core.models.metrics import (
    CLASSIFICATION_METRICS,
    CLUSTERING_METRICS,
    METRIC_LABELS,
    REGRESSION_METRICS,
)
from iotfin_gui.core.models.persistence import ModelFileError, models_dir
from iotfin_gui.core.models.service import (
    Prediction,
    TrainResult,
    delete_run,
    describe_models,
    diff_runs,
    evaluation,
    learning_curve,
    load_model,
    predict,
    train,
)
from iotfin_gui.core.models.specs import MODEL_SPECS, ModelSpec, model_spec

__all__ = [
    "CLASSIFICATION_METRICS", "CLUSTERING_METRICS", "CV_LABELS", "CV_SCHEMES", "INNER_FOLDS",
    "METRIC_LABELS", "MODEL_SPECS", "PRIMARY_METRIC", "REGRESSION_METRICS", "SEARCHES",
    "SEARCH_LABELS", "TASKS", "ModelFileError", "ModelSpec", "Prediction",
    "TrainResult", "delete_run", "describe_models", "diff_runs", "evaluation", "leaderboard",
    "learning_curve", "learning_curve_job", "load_model", "make_folds", "model_spec",
    "models_dir", "predict", "predict_job", "train", "train_job",
]

"""The parts of the Models panel, one job each, each usable and testable on its own:

* :mod:`.setup_form`: what to train (dataset, task, target, positive class, recipe, models, CV,
  search, costs, seed) with Train and Cancel;
* :mod:`.grid_editor`: a model's search grid as a table (JSON as an advanced view);
* :mod:`.leaderboard`: every run of the task with mean ± spread of each named score;
* :mod:`.evaluation_plots`: the evaluation tabs of the selected run(s);
* :mod:`.search_view`: how a run was tuned; :mod:`.compare_view`: the diff of two runs (both
  a :mod:`.table_pair`);
* :mod:`.predictions`: which dataset to apply a run to, and its predictions;
* :mod:`.score_names`: how every score names its metric.

:class:`iotfin_gui.ui.panels.models.ModelsPanel` composes them and runs their jobs.
"""

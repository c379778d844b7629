"""The thin Qt layer: windows, panels, plots and the Qt side of the job runner.

Panels never compute: they ask the core through :class:`iotfin_gui.ui.jobs.JobRunner` and show
what comes back.
"""

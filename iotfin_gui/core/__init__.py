"""The compute core: plain Python, no Qt.

Everything the workstation computes lives here (store, jobs, demo fleet, and the import,
recipe, model, forecast, fleet and report modules), usable from scripts, the CLI and the
tests. ``tests/core/test_core_boundary.py`` fails if anything in here imports Qt.
"""

"""IoTFin Workstation launcher: no arguments open the GUI, subcommands run headless.

Kept import-free at module level so that worker processes started with the
``spawn`` method (which re-import ``__main__``) stay light.

It is also the entry point of the frozen app (``make dist``), where a worker process is the
same executable started again: ``freeze_support`` turns a multiprocessing worker into a worker
instead of a second app, and :func:`run_as_python` serves loky's helper processes (joblib's
process pool, used by ``core/parallel.py``), which Linux and macOS start as
``sys.executable -c CODE`` or ``sys.executable -m MODULE ARGS``.
"""

import sys


def run_as_python(argv: list) -> bool:
    """In a frozen app, run ``argv``'s ``-c CODE`` or ``-m MODULE ARGS`` as Python would; True
    when this process was such a helper (and has finished its work)."""
    if not getattr(sys, "frozen", False) or len(argv) < 3 or argv[1] not in ("-c", "-m"):
        return False
    if argv[1] == "-c":
        sys.argv = ["-c", *argv[3:]]
        exec(compile(argv[2], "<string>", "exec"), {"__name__": "__main__"})
    else:
        import runpy

        sys.argv = [argv[2], *argv[3:]]
        runpy.run_module(argv[2], run_name="__main__", alter_sys=True)
    return True


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()
    if run_as_python(sys.argv):
        sys.exit(0)
    from iotfin_gui.cli import main

    sys.exit(main())

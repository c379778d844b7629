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

#: Interpreter options that may come before ``-c``/``-m`` (loky passes ``-B -S -I``); a frozen
#: app has nothing to apply them to. ``-W`` and ``-X`` take a value.
PYTHON_FLAGS = ("-B", "-E", "-I", "-O", "-OO", "-q", "-s", "-S", "-u")
PYTHON_OPTIONS_WITH_VALUE = ("-W", "-X")


def run_as_python(argv: list) -> bool:
    """In a frozen app, run ``argv``'s ``-c CODE`` or ``-m MODULE ARGS`` as Python would; True
    when this process was such a helper (and has finished its work)."""
    if not getattr(sys, "frozen", False):
        return False
    args = argv[1:]
    while args and args[0] in PYTHON_FLAGS + PYTHON_OPTIONS_WITH_VALUE:
        args = args[2:] if args[0] in PYTHON_OPTIONS_WITH_VALUE else args[1:]
    if len(args) < 2 or args[0] not in ("-c", "-m"):
        return False
    if args[0] == "-c":
        sys.argv = ["-c", *args[2:]]
        exec(compile(args[1], "<string>", "exec"), {"__name__": "__main__"})
    else:
        import runpy

        sys.argv = [args[1], *args[2:]]
        runpy.run_module(args[1], run_name="__main__", alter_sys=True)
    return True


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()
    if run_as_python(sys.argv):
        sys.exit(0)
    from iotfin_gui.cli import main

    sys.exit(main())

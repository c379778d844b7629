"""IoTFin Workstation launcher: no arguments open the GUI, subcommands run headless.

Kept import-free at module level so that worker processes started with the
``spawn`` method (which re-import ``__main__``) stay light. ``freeze_support`` lets the frozen
app (``make dist``) start its worker processes: in a frozen program, a worker is the same
executable started again, and this call turns it into the worker instead of a second app.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from iotfin_gui.cli import main

    sys.exit(main())

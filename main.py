"""IoTFin Workstation launcher: no arguments open the GUI, subcommands run headless.

Kept import-free at module level so that worker processes started with the
``spawn`` method (which re-import ``__main__``) stay light.
"""

import sys

if __name__ == "__main__":
    from iotfin_gui.cli import main

    sys.exit(main())

"""``python -m iotfin_gui``: the same entry point as ``main.py`` and the ``iotfin`` script."""

import multiprocessing
import sys

from iotfin_gui.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())

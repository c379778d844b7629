"""IoTFin Workstation: an offline desktop workstation for ATM and IoT fleet analytics.

``iotfin_gui.core`` is the Qt-free compute core (store, jobs, demo fleet, ...);
``iotfin_gui.ui`` is the thin PySide6 layer; ``iotfin_gui.cli`` is the command line.
"""

__version__ = "0.1.0"

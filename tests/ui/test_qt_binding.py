"""Guards against Qt-binding bugs the workstation has met.

PySide6 6.12.0 dropped a reference to ``True`` on every ``Signal.emit()``; after enough job
progress signals the interpreter aborted (``bool_dealloc``). pyproject.toml excludes that
release; this test catches a future release with the same fault.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    value = Signal(int)


def test_emitting_a_signal_keeps_reference_counts(qapp) -> None:
    emitter = _Emitter()
    received: list[int] = []
    emitter.value.connect(received.append)
    before = sys.getrefcount(True)
    for number in range(500):
        emitter.value.emit(number)
    assert received == list(range(500))
    assert abs(sys.getrefcount(True) - before) < 10

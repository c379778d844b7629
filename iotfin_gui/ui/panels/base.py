"""What every panel shares: access to the store and job runner, and an honest empty state."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:
    from iotfin_gui.core.store import Store
    from iotfin_gui.ui.jobs import JobRunner


class Panel(QWidget):
    """A page of the main window. ``refresh`` reloads what it shows from the store."""

    #: Emitted after the panel changed the store, so that the other panels refresh.
    store_changed = Signal()

    def __init__(self, store: Store, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.runner = runner

    def title(self) -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        """Reload from the store; the default panel has nothing to reload."""


class EmptyState(QLabel):
    """A centred explanation shown where content will appear."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setObjectName("empty_state")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setStyleSheet("QLabel#empty_state { color: palette(mid); padding: 40px; }")

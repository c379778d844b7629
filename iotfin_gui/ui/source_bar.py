"""Which datasets a panel reads, on screen: one combo per slot, and a notice offering new data.

The choice itself lives in the store (:mod:`iotfin_gui.core.source_choice`); these widgets only
show it and report the analyst's changes. A new import shows up in :class:`SourceNotice` and is
used only when the analyst says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from iotfin_gui.core.source_choice import UNUSED, Offer


def slot_label(slot: str) -> str:
    """A slot's name in the interface language."""
    names = {
        "telemetry": QCoreApplication.translate("Sources", "Telemetry"),
        "events": QCoreApplication.translate("Sources", "Events"),
        "withdrawals": QCoreApplication.translate("Sources", "Withdrawals"),
    }
    return names.get(slot, slot)


class SourceBar(QWidget):
    """"Data:" and one combo per slot listing the datasets that fit it (and, when a slot may
    stay empty, "not used"). Emits :attr:`chosen` (slot, dataset or ``None``) on a change."""

    chosen = Signal(str, object)

    def __init__(self, slots: Sequence[str], parent: QWidget | None = None, *,
                 optional: bool = True) -> None:
        super().__init__(parent)
        self.optional = optional
        self.boxes: dict[str, QComboBox] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("<b>Data:</b>"), self)
        title.setToolTip(self.tr("The datasets this panel reads; your choice is saved in the "
                                 "store and a new import never replaces it on its own"))
        layout.addWidget(title)
        for slot in slots:
            box = QComboBox(self)
            box.setObjectName(f"source_{slot}")
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            box.currentIndexChanged.connect(lambda _i, s=slot: self._changed(s))
            layout.addWidget(QLabel(slot_label(slot), self))
            layout.addWidget(box)
            self.boxes[slot] = box
        layout.addStretch(1)

    def set_choices(self, choices: Mapping[str, tuple[Sequence[str], str | None]]) -> None:
        """Per slot, the datasets that fit it and the one in use (``""``/``None``: none)."""
        for slot, (names, current) in choices.items():
            box = self.boxes[slot]
            box.blockSignals(True)
            box.clear()
            for name in names:
                box.addItem(name, name)
            if self.optional or not names:
                box.addItem(self.tr("not used"), UNUSED)
            index = box.findData(current if current else UNUSED)
            box.setCurrentIndex(max(index, 0))
            box.setToolTip(current or "")
            box.blockSignals(False)

    def current(self, slot: str) -> str | None:
        return self.boxes[slot].currentData() or None

    def _changed(self, slot: str) -> None:
        self.boxes[slot].setToolTip(self.current(slot) or "")
        self.chosen.emit(slot, self.current(slot))


class SourceNotice(QFrame):
    """A yellow strip: datasets imported since the choice was made, with Use / Keep buttons."""

    accepted = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("source_notice")
        self.setStyleSheet("QFrame#source_notice { background: #fff4ce; border: 1px solid "
                           "#e0c060; border-radius: 4px; }")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.use_button = QPushButton(self.tr("Use the new data"), self)
        self.use_button.clicked.connect(self.accepted)
        self.keep_button = QPushButton(self.tr("Keep the current data"), self)
        self.keep_button.clicked.connect(self.dismissed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 8, 3)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.use_button)
        layout.addWidget(self.keep_button)
        self.offers: list[Offer] = []
        self.hide()

    def show_offers(self, offers: Sequence[Offer], notes: Sequence[str] = ()) -> None:
        """Offer ``offers`` (hidden when there are none and no ``notes``)."""
        self.offers = list(offers)
        lines = [escape(note) for note in notes]
        for offer in offers:
            lines.append(self.tr("New %1 data <b>%2</b> was imported; this panel still shows "
                                 "<b>%3</b>.").replace("%1", slot_label(offer.slot).lower())
                         .replace("%2", escape(offer.dataset))
                         .replace("%3", escape(offer.current or self.tr("nothing"))))
        self.label.setText("<br>".join(lines))
        self.use_button.setVisible(bool(offers))
        self.keep_button.setText(self.tr("Keep the current data") if offers else self.tr("OK"))
        self.setVisible(bool(lines))

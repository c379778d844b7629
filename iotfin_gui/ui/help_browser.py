"""The user guide in the app (Help ▸ User guide, F1): Markdown pages shipped in the package
(``iotfin_gui/guide/<language>/<page>.md``), in the interface language, English when a page has
no translation. F1 opens the page of the panel on screen; links between pages stay in the
window, other links open in the system's browser.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QWidget,
)

from iotfin_gui.package_data import data_file
from iotfin_gui.ui.i18n import current_language

#: The guide's pages, in reading order.
PAGES = ("index", "import", "recipes", "models", "fleet", "forecast", "plans", "exports")
#: The page F1 opens on each panel (a panel not listed opens the first page).
PANEL_PAGES = {"data": "import", "preprocess": "recipes", "models": "models", "fleet": "fleet",
               "forecast": "forecast", "reports": "exports"}


def page_for_panel(panel_key: str) -> str:
    return PANEL_PAGES.get(panel_key, PAGES[0])


def page_text(page: str, language: str) -> str:
    """The Markdown of ``page`` in ``language``, else in English."""
    for folder in (language, "en"):
        resource = data_file("guide", folder, f"{page}.md")
        if resource.is_file():
            return resource.read_text(encoding="utf-8")
    raise FileNotFoundError(f"the user guide has no page {page!r}")


def page_title(markdown: str) -> str:
    """The first heading of a page."""
    for line in markdown.splitlines():
        if line.startswith("#"):
            return line.lstrip("#").strip()
    return ""


class GuideWindow(QDialog):
    """The guide: the list of pages on the left, the page on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("user_guide")
        self.setWindowTitle(self.tr("IoTFin Workstation user guide"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.resize(900, 640)
        self.language = current_language()
        self.contents = QListWidget(self)
        self.contents.setObjectName("guide_contents")
        self.contents.setFixedWidth(190)
        for page in PAGES:
            item = QListWidgetItem(page_title(page_text(page, self.language)))
            item.setData(Qt.ItemDataRole.UserRole, page)
            self.contents.addItem(item)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guide_page")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._follow)
        layout = QHBoxLayout(self)
        layout.addWidget(self.contents)
        layout.addWidget(self.browser, 1)
        self.contents.currentRowChanged.connect(lambda row: self._show(PAGES[row]))
        self.page = ""
        self.show_page(PAGES[0])

    def show_page(self, page: str) -> None:
        """Show ``page`` (one of :data:`PAGES`) and select it in the contents."""
        self.contents.setCurrentRow(PAGES.index(page))
        self._show(page)

    def _show(self, page: str) -> None:
        if page == self.page:
            return
        self.page = page
        self.browser.setMarkdown(page_text(page, self.language))

    def _follow(self, url: QUrl) -> None:
        target = url.path().removesuffix(".md")
        if not url.scheme() and target in PAGES:
            self.show_page(target)
        else:
            QDesktopServices.openUrl(url)

"""The Preprocess panel: build, version and run preprocessing recipes on a stored dataset.

The analyst picks a dataset and a recipe (or starts a new one), edits its steps in the
:class:`RecipeEditor`, and sees every change validated at once (the core's message, naming the
step and column, shown inline) and previewed in a background job: row and column counts before
and after, missing values, sample rows and before/after histograms of the changed columns, with
warnings such as a step dropping many rows. Saving writes the next version of the recipe; older
versions stay selectable, read-only. Run applies the saved version to the whole dataset as a
job with progress and Cancel, optionally saving the result as a derived dataset.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import pandas as pd
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from iotfin_gui.core.errors import UserFacingError, user_message
from iotfin_gui.core.jobs import JobSpec
from iotfin_gui.core.outputs import check_file_target
from iotfin_gui.core.recipes import (
    STEP_TYPES,
    Columns,
    Recipe,
    RecipeError,
    RecipePreview,
    Step,
    export_recipe,
    import_recipe,
    list_recipes,
    load_recipe,
    recipe_job,
    recipe_versions,
    save_recipe,
)
from iotfin_gui.core.recipes.engine import store_env
from iotfin_gui.core.recipes.jobs import preview_job
from iotfin_gui.ui import file_dialogs
from iotfin_gui.ui.dialogs import ask_replace
from iotfin_gui.ui.i18n import number, translated, when
from iotfin_gui.ui.panels.base import Panel
from iotfin_gui.ui.preview_plots import HistogramGrid
from iotfin_gui.ui.recipe_editor import RecipeEditor
from iotfin_gui.ui.status import show_progress
from iotfin_gui.ui.table_model import DataFrameModel, table_view

if TYPE_CHECKING:
    from iotfin_gui.core.store import DatasetInfo, Store
    from iotfin_gui.ui.jobs import JobRunner

log = logging.getLogger("iotfin.ui")

#: Milliseconds of quiet after an edit before the preview job starts.
PREVIEW_DELAY_MS = 350
ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = ("background: #fff4ce; color: #3d3000; border: 1px solid #e0c060; "
                 "border-radius: 3px; padding: 3px;")
NEW_RECIPE = "new_recipe"


def _created(stamp: str | None) -> str:
    """When a recipe version was saved (stored as UTC ISO text), in the user's format."""
    try:
        return when(pd.Timestamp(stamp).tz_localize(None).floor("min")) if stamp else ""
    except (ValueError, TypeError):
        return stamp or ""


class PreprocessPanel(Panel):
    """Recipe editing with live validation and preview, versions, import/export and runs."""

    #: A preview that matches the recipe on screen was shown (the RecipePreview).
    preview_ready = Signal(object)
    #: The recipe on screen was validated: the message, or "" when it is valid.
    validated = Signal(str)
    #: A run finished (its summary dict).
    run_finished = Signal(dict)
    #: A run failed or was cancelled (the message; empty when cancelled).
    run_failed = Signal(str)

    def __init__(self, store: Store, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(store, runner, parent)
        self._loaded: Recipe | None = None
        self._valid = False
        self._preview_document: dict | None = None
        self._shown_key: tuple | None = None
        self._pending_key: tuple | None = None
        self._run_job: int | None = None
        self._building = False
        self.preview: RecipePreview | None = None

        # --- dataset and recipe ----------------------------------------------------------
        self.dataset_box = QComboBox(self)
        self.dataset_box.setMinimumContentsLength(10)
        self.dataset_box.currentIndexChanged.connect(self._dataset_changed)
        self.recipe_box = QComboBox(self)
        self.recipe_box.setMinimumContentsLength(10)
        self.recipe_box.currentIndexChanged.connect(self._recipe_chosen)
        self.version_box = QComboBox(self)
        self.version_box.setMinimumContentsLength(8)
        self.version_box.currentIndexChanged.connect(self._version_chosen)
        self.new_button = QPushButton(self.tr("New"), self)
        self.new_button.setToolTip(self.tr("Start a new, empty recipe"))
        self.new_button.clicked.connect(self.new_recipe)
        self.import_button = QPushButton(self.tr("Import…"), self)
        self.import_button.setToolTip(self.tr("Read a recipe JSON file and save it as the next "
                                              "version of its name"))
        self.import_button.clicked.connect(lambda: self.import_file())
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setToolTip(self.tr("Write the saved version shown as a JSON file"))
        self.export_button.clicked.connect(lambda: self.export_file())
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(self.tr("recipe name"))
        self.name_edit.textEdited.connect(lambda _: self._edited())
        self.target_box = QComboBox(self)
        self.target_box.setToolTip(self.tr("The column models predict; learned steps leave it "
                                           "unchanged"))
        self.target_box.currentIndexChanged.connect(lambda _: self._edited())
        self.author_edit = QLineEdit(self)
        self.author_edit.setPlaceholderText(self.tr("author"))
        self.author_edit.textEdited.connect(lambda _: self._edited())
        self.note_edit = QLineEdit(self)
        self.note_edit.setPlaceholderText(self.tr("what the recipe is for, what changed"))
        self.note_edit.textEdited.connect(lambda _: self._edited())
        self.save_button = QPushButton(self.tr("Save version"), self)
        self.save_button.clicked.connect(self.save)
        self.edit_copy_button = QPushButton(self.tr("Edit from this version"), self)
        self.edit_copy_button.setToolTip(self.tr("Make this old version editable; saving it "
                                                 "adds a new version"))
        self.edit_copy_button.clicked.connect(self._edit_old_version)

        first = QHBoxLayout()
        for label, widget, stretch in ((self.tr("Dataset"), self.dataset_box, 2),
                                       (self.tr("Recipe"), self.recipe_box, 2),
                                       (self.tr("Version"), self.version_box, 1)):
            first.addWidget(QLabel(label, self))
            first.addWidget(widget, stretch)
        for button in (self.new_button, self.import_button, self.export_button,
                       self.edit_copy_button):
            first.addWidget(button)
        second = QHBoxLayout()
        for label, widget, stretch in ((self.tr("Name"), self.name_edit, 2),
                                       (self.tr("Target"), self.target_box, 1),
                                       (self.tr("Author"), self.author_edit, 1),
                                       (self.tr("Note"), self.note_edit, 3)):
            second.addWidget(QLabel(label, self))
            second.addWidget(widget, stretch)
        second.addWidget(self.save_button)
        top = QVBoxLayout()
        top.addLayout(first)
        top.addLayout(second)

        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setObjectName("validation_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        #: Whether ``message`` shows a problem (a validation or import error).
        self.message_is_error = False

        # --- editor and preview ----------------------------------------------------------
        self.editor = RecipeEditor(self)
        self.editor.columns_for = self.columns_for
        self.editor.changed.connect(self._edited)

        self.preview_status = QLabel(self.tr("No preview yet."), self)
        self.preview_status.setWordWrap(True)
        # Up to three lines: the counts, the columns added, the columns removed.
        self.preview_status.setMinimumHeight(3 * self.fontMetrics().lineSpacing() + 4)
        self.warnings_label = QLabel(self)
        self.warnings_label.setObjectName("preview_warnings")
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet(WARNING_STYLE)
        self.warnings_label.hide()
        self.histograms = HistogramGrid(self)
        histogram_scroll = QScrollArea(self)
        histogram_scroll.setWidgetResizable(True)
        histogram_scroll.setWidget(self.histograms)
        distributions = QWidget(self)
        distributions_layout = QVBoxLayout(distributions)
        distributions_layout.setContentsMargins(0, 0, 0, 0)
        distributions_layout.addWidget(QLabel(self.tr(
            "Changed and new columns: <span style='color:#787878'>■ before</span> "
            "<span style='color:#1f77b4'>■ after</span> the recipe"), self, wordWrap=True))
        distributions_layout.addWidget(histogram_scroll, 1)
        self.sample_model = DataFrameModel(parent=self)
        self.missing_model = DataFrameModel(parent=self)
        self.steps_model = DataFrameModel(parent=self)
        self.preview_tabs = QTabWidget(self)
        self.preview_tabs.addTab(distributions, self.tr("Distributions"))
        self.preview_tabs.addTab(table_view(self.sample_model, self),
                                 self.tr("Sample rows (after)"))
        self.preview_tabs.addTab(table_view(self.missing_model, self), self.tr("Missing values"))
        self.preview_tabs.addTab(table_view(self.steps_model, self), self.tr("Steps"))
        preview = QWidget(self)
        preview_layout = QVBoxLayout(preview)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(self.preview_status)
        preview_layout.addWidget(self.warnings_label)
        preview_layout.addWidget(self.preview_tabs, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.editor)
        splitter.addWidget(preview)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([430, 760])

        # --- run -------------------------------------------------------------------------
        self.save_as_box = QCheckBox(self.tr("Save the result as dataset"), self)
        self.save_as_box.setChecked(True)
        self.save_as_box.toggled.connect(lambda _: self._update_buttons())
        self.save_as_edit = QLineEdit(self)
        self.save_as_edit.textChanged.connect(lambda _: self._update_buttons())
        self.save_as_edit.textEdited.connect(self._save_as_edited)
        self._save_as_custom = False
        self.run_button = QPushButton(self.tr("Run on whole dataset"), self)
        self.run_button.clicked.connect(self.run)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.cancel_run)
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(180)
        self.progress.hide()
        self.run_summary = QLabel(self)
        self.run_summary.setObjectName("run_summary")
        self.run_summary.setWordWrap(True)
        run_row = QHBoxLayout()
        run_row.addWidget(self.save_as_box)
        run_row.addWidget(self.save_as_edit, 1)
        run_row.addWidget(self.run_button)
        run_row.addWidget(self.cancel_button)
        run_row.addWidget(self.progress)
        runner.progressed.connect(self._run_progressed)

        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        # In a window smaller than the controls need, the recipe and preview scroll instead of
        # forcing the whole window larger; the run row stays below them, always visible.
        scroll = QScrollArea(self)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll, 1)
        outer.addLayout(run_row)
        outer.addWidget(self.run_summary)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._start_preview)
        self.new_recipe()

    def title(self) -> str:
        return self.tr("Preprocess")

    # --- what is on screen ---------------------------------------------------------------

    def dataset(self) -> DatasetInfo | None:
        name = self.dataset_box.currentText()
        if not name or not self.store.has_dataset(name):
            return None
        return self.store.dataset(name)

    def current_recipe(self) -> Recipe:
        """The recipe as edited (may raise :class:`RecipeError` for order or parameter kinds)."""
        steps = tuple(Step(kind, params) for kind, params in self.editor.steps())
        return Recipe(self.name_edit.text().strip(), steps, note=self.note_edit.text(),
                      author=self.author_edit.text().strip(),
                      target=self.target_box.currentData(),
                      version=self._loaded.version if self._loaded and not self.is_dirty()
                      else None)

    def is_dirty(self) -> bool:
        """True when the recipe on screen differs from the saved version shown (or is new)."""
        if self._loaded is None:
            return True
        try:
            steps = tuple(Step(kind, params) for kind, params in self.editor.steps())
            edited = Recipe(self.name_edit.text().strip() or "?", steps,
                            note=self.note_edit.text(), target=self.target_box.currentData())
        except RecipeError:
            return True
        return (edited.name != self._loaded.name or edited.content() != self._loaded.content())

    def is_read_only(self) -> bool:
        return self.editor.is_read_only()

    def columns_for(self, index: int) -> Columns | None:
        """The columns step ``index`` sees: the dataset's after the steps before it (the last
        earlier prefix that validates)."""
        info = self.dataset()
        if info is None:
            return None
        steps = self.editor.steps()
        for end in range(index, -1, -1):
            try:
                prefix = Recipe("prefix", tuple(Step(k, p) for k, p in steps[:end]),
                                target=self.target_box.currentData())
                columns = prefix.validate(info, store_env(self.store))
            except UserFacingError:
                continue
            learned = index < len(steps) and Step(*steps[index]).step_type.phase == "learned"
            return Recipe.hide_target(columns) if learned else columns
        return None

    # --- refresh from the store ----------------------------------------------------------

    def refresh(self) -> None:
        datasets = self.store.datasets()
        current = self.dataset_box.currentText()
        names = [d.name for d in sorted(datasets, key=lambda d: d.kind != "withdrawals")]
        self.dataset_box.blockSignals(True)
        self.dataset_box.clear()
        self.dataset_box.addItems(names)
        chosen = current if current in names else (names[0] if names else "")
        self.dataset_box.setCurrentText(chosen)
        self.dataset_box.blockSignals(False)
        self._fill_recipe_box()
        if chosen != current:
            self._dataset_changed()
        else:
            self._update_buttons()

    def _fill_recipe_box(self, select: str | None = None) -> None:
        current = select if select is not None else (self._loaded.name if self._loaded else None)
        self.recipe_box.blockSignals(True)
        self.recipe_box.clear()
        self.recipe_box.addItem(self.tr("(new recipe)"), None)
        for summary in list_recipes(self.store):
            self.recipe_box.addItem(self.tr("%1 (v%2)").replace("%1", summary.name).replace(
                "%2", str(summary.version)), summary.name)
        self.recipe_box.setCurrentIndex(max(self.recipe_box.findData(current), 0))
        self.recipe_box.blockSignals(False)

    def _fill_versions(self, name: str | None, select: int | None) -> None:
        self.version_box.blockSignals(True)
        self.version_box.clear()
        if name is None:
            self.version_box.addItem(self.tr("unsaved"), None)
        else:
            for version, created in reversed(recipe_versions(self.store, name)):
                self.version_box.addItem(self.tr("v%1 — %2").replace("%1", str(version))
                                         .replace("%2", _created(created)), version)
            self.version_box.setCurrentIndex(max(self.version_box.findData(select), 0))
        self.version_box.blockSignals(False)

    def latest_version(self, name: str) -> int | None:
        versions = recipe_versions(self.store, name)
        return versions[-1][0] if versions else None

    # --- choosing ------------------------------------------------------------------------

    def _dataset_changed(self, *args: object) -> None:
        info = self.dataset()
        target = self.target_box.currentData()
        self.target_box.blockSignals(True)
        self.target_box.clear()
        self.target_box.addItem(self.tr("(dataset label)"), None)
        for column in info.column_names if info else []:
            self.target_box.addItem(column, column)
        self.target_box.setCurrentIndex(max(self.target_box.findData(target), 0))
        self.target_box.blockSignals(False)
        self._default_save_as()
        self.editor.refresh_form()
        self._revalidate()

    def _recipe_chosen(self, *args: object) -> None:
        name = self.recipe_box.currentData()
        if name is None:
            self.new_recipe()
        else:
            self.load(name)

    def _version_chosen(self, *args: object) -> None:
        version = self.version_box.currentData()
        if self._loaded is not None and version is not None:
            self.load(self._loaded.name, version)

    def new_recipe(self) -> None:
        """An empty, unsaved recipe with a free name."""
        taken = {s.name for s in list_recipes(self.store)}
        name, number = NEW_RECIPE, 1
        while name in taken:
            number += 1
            name = f"{NEW_RECIPE}_{number}"
        self._show_recipe(None, name)

    def load(self, name: str, version: int | None = None) -> None:
        """Show a stored recipe (the latest version when ``version`` is None); versions other
        than the latest are read-only."""
        try:
            recipe = load_recipe(self.store, name, version)
        except UserFacingError as error:
            self._set_message(translated(user_message(error)), error=True)
            return
        self._show_recipe(recipe)

    def _show_recipe(self, recipe: Recipe | None, new_name: str = "") -> None:
        self._building = True
        self._loaded = recipe
        self.name_edit.setText(recipe.name if recipe else new_name)
        self.author_edit.setText(recipe.author if recipe else "")
        self.note_edit.setText(recipe.note if recipe else "")
        target = recipe.target if recipe else None
        if target is not None and self.target_box.findData(target) < 0:
            self.target_box.addItem(self.tr("%1 (missing)").replace("%1", target), target)
        self.target_box.setCurrentIndex(max(self.target_box.findData(target), 0))
        self._fill_recipe_box(recipe.name if recipe else None)
        self._fill_versions(recipe.name if recipe else None, recipe.version if recipe else None)
        read_only = recipe is not None and recipe.version != self.latest_version(recipe.name)
        self.editor.set_read_only(read_only)
        self.name_edit.setReadOnly(read_only)
        self.note_edit.setReadOnly(read_only)
        self.author_edit.setReadOnly(read_only)
        self.target_box.setEnabled(not read_only)
        self.edit_copy_button.setVisible(read_only)
        self.editor.set_steps([(s.type, dict(s.params)) for s in recipe.steps] if recipe else [])
        self._building = False
        self._default_save_as()
        self._revalidate()

    def _edit_old_version(self) -> None:
        """Make the old version shown editable; saving it becomes the next version."""
        self.editor.set_read_only(False)
        for edit in (self.name_edit, self.note_edit, self.author_edit):
            edit.setReadOnly(False)
        self.target_box.setEnabled(True)
        self.edit_copy_button.setVisible(False)
        if self._loaded is not None:
            self._loaded = None
            self.version_box.blockSignals(True)
            self.version_box.insertItem(0, self.tr("unsaved"), None)
            self.version_box.setCurrentIndex(0)
            self.version_box.blockSignals(False)
        self._revalidate()

    def _save_as_edited(self, text: str) -> None:
        self._save_as_custom = bool(text.strip())

    def _default_save_as(self, *, keep_custom: bool = False) -> None:
        """"<dataset>_<recipe>_v<N>" (no version while unsaved), unless the user typed a name
        and ``keep_custom``."""
        if keep_custom and self._save_as_custom:
            return
        self._save_as_custom = False
        dataset = self.dataset_box.currentText()
        name = self.name_edit.text().strip() or NEW_RECIPE
        version = self._loaded.version if self._loaded else None
        self.save_as_edit.setText(f"{dataset}_{name}" + (f"_v{version}" if version else ""))

    # --- validation and preview ----------------------------------------------------------

    def _edited(self) -> None:
        if not self._building:
            self._default_save_as(keep_custom=True)
            self._revalidate()

    def _revalidate(self) -> None:
        """Check the recipe on screen against the dataset; show the message inline, mark the
        step it names, and schedule a preview when it is valid."""
        problem, step = self.editor.input_problem(), None
        recipe = None
        if problem is None:
            try:
                recipe = self.current_recipe()
                info = self.dataset()
                if info is None:
                    problem = self.tr("Choose a dataset.")
                else:
                    recipe.validate(info, store_env(self.store))
            except RecipeError as error:
                problem, step = translated(user_message(error)), error.step
            except UserFacingError as error:
                problem = translated(user_message(error))
        else:
            step = self.editor.selected()
        self._valid = problem is None
        self.editor.set_problem_step(step)
        if problem is not None:
            self._set_message(problem, error=True)
            self._preview_timer.stop()
            self._preview_document = None
            if self._shown_key is not None:
                self.preview_status.setText(self.tr(
                    "<i>The preview below is of the last valid recipe.</i>"))
        else:
            self._set_message(self._state_text(), error=False)
            assert recipe is not None
            if self._preview_key(recipe) != self._shown_key or self._preview_document is None:
                self._preview_document = recipe.to_dict()
                self._preview_timer.start()
        self._update_buttons()
        self.validated.emit(problem or "")

    def _state_text(self) -> str:
        if self.is_read_only() and self._loaded is not None:
            return self.tr("Version %1 of %2 is read-only; choose the latest version, or edit "
                           "from this one to save it as a new version.").replace(
                "%1", str(self._loaded.version)).replace("%2", self._loaded.name)
        if self._loaded is not None and not self.is_dirty():
            return self.tr("The recipe is valid. Saved as %1 version %2.").replace(
                "%1", self._loaded.name).replace("%2", str(self._loaded.version))
        return self.tr("The recipe is valid; unsaved changes.")

    def _set_message(self, text: str, *, error: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "color: palette(dark);")
        self.message_is_error = error

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._valid and self._preview_document is not None and not self.preview_is_current():
            self._preview_timer.start()

    def _start_preview(self) -> None:
        dataset = self.dataset_box.currentText()
        document = self._preview_document
        if not self._valid or document is None or not dataset or not self.isVisible():
            return
        self.preview_status.setText(self.tr("Previewing…"))
        self._pending_key = self._preview_key(Recipe.from_dict(document))
        self.runner.submit(
            JobSpec.of(self.tr("Previewing recipe on %1").replace("%1", dataset), preview_job,
                       db_path=str(self.store.path), dataset=dataset, recipe=document),
            key="preprocess.preview",
            on_done=self._preview_done,
            on_error=self._preview_failed,
        )

    def _rows(self, count: int) -> str:
        return (self.tr("%1 row") if count == 1 else self.tr("%1 rows")).replace(
            "%1", number(count))

    def _columns(self, count: int) -> str:
        return (self.tr("%1 column") if count == 1 else self.tr("%1 columns")).replace(
            "%1", number(count))

    def _preview_key(self, recipe: Recipe) -> tuple:
        """What a preview depends on: the dataset, the steps and the target."""
        return (self.dataset_box.currentText(), recipe.target,
                [s.to_dict() for s in recipe.steps])

    def preview_is_current(self) -> bool:
        """True when the preview shown is of the recipe on screen."""
        try:
            return self._shown_key == self._preview_key(self.current_recipe())
        except RecipeError:
            return False

    def _preview_done(self, preview: RecipePreview) -> None:
        self.show_preview(preview, self._pending_key)

    def _preview_failed(self, message: str, details: str) -> None:
        log.warning(self.tr("Preview failed: %1").replace("%1", message))
        self._shown_key = None
        self.preview_status.setText(self.tr("<span style='color:#b00020'>The preview failed: "
                                            "%1</span>").replace("%1", message))

    def show_preview(self, preview: RecipePreview, key: tuple | None = None) -> None:
        self.preview = preview
        self._shown_key = key
        before, after = preview.before, preview.after
        text = self.tr("<b>Before</b> %1 × %2 → <b>after</b> %3 × %4 (after includes the split "
                       "column).").replace("%1", self._rows(before.rows)).replace(
            "%2", self._columns(before.columns)).replace(
            "%3", self._rows(after.rows)).replace("%4", self._columns(after.columns))
        if preview.added:
            text += "<br>" + self.tr("Added: %1.").replace("%1", ", ".join(preview.added[:10]) + (
                "…" if len(preview.added) > 10 else ""))
        if preview.removed:
            text += "<br>" + self.tr("Removed: %1.").replace(
                "%1", ", ".join(preview.removed[:12]))
        if preview.limited:
            text += " " + self.tr("<i>Preview of the first %1 rows.</i>").replace(
                "%1", number(before.rows))
        if preview.size is not None:
            text += "<br>" + self.tr("A run on the whole dataset: %1.").replace(
                "%1", translated(preview.size.describe()))
        self.preview_status.setText(text)
        warnings = [*preview.warnings, *filter(None, [preview.refused])]
        self.warnings_label.setText("<br>".join(f"⚠ {translated(w)}" for w in warnings))
        self.warnings_label.setVisible(bool(warnings))
        self.histograms.show_changes(preview.changes)
        self.sample_model.set_frame(preview.sample_after)
        columns = list(dict.fromkeys([*before.missing, *after.missing]))
        self.missing_model.set_frame(pd.DataFrame({
            "column": columns,
            "before": [before.missing.get(c) for c in columns],
            "after": [after.missing.get(c) for c in columns],
        }).astype({"before": "Int64", "after": "Int64"}), {
            "column": self.tr("Column"), "before": self.tr("Missing before"),
            "after": self.tr("Missing after")})
        self.steps_model.set_frame(pd.DataFrame([{
            "step": f"{r.index + 1}. {translated(STEP_TYPES[r.type].label)}",
            "rows_before": r.rows_before,
            "rows_after": r.rows_after, "added": ", ".join(r.columns_added),
            "removed": ", ".join(r.columns_removed), "seconds": round(r.seconds, 3)}
            for r in preview.steps], columns=["step", "rows_before", "rows_after", "added",
                                              "removed", "seconds"]), {
            "step": self.tr("Step"), "rows_before": self.tr("Rows before"),
            "rows_after": self.tr("Rows after"), "added": self.tr("Columns added"),
            "removed": self.tr("Columns removed"), "seconds": self.tr("Seconds")})
        self.preview_ready.emit(preview)

    # --- saving, import, export ----------------------------------------------------------

    def save(self) -> tuple[int, int] | None:
        """Save the recipe on screen as the next version of its name; (row id, version)."""
        if not self._valid or self.is_read_only():
            return None
        try:
            row_id, version = save_recipe(self.store, self.current_recipe())
        except UserFacingError as error:
            self._set_message(translated(user_message(error)), error=True)
            return None
        name = self.name_edit.text().strip()
        log.info(self.tr("Saved recipe %1 version %2").replace("%1", name)
                 .replace("%2", str(version)))
        self.load(name, version)
        return row_id, version

    def import_file(self, path: str | None = None) -> bool:
        """Import a recipe file (asks for one when ``path`` is None); shows the result."""
        if path is None:
            path, _ = file_dialogs.open_file_name(self, self.tr("Import a recipe"), "",
                                                  self.tr("Recipes (*.json);;All files (*)"))
            if not path:
                return False
        try:
            row_id, version = import_recipe(self.store, path)
        except UserFacingError as error:
            self._set_message(self.tr("The recipe was not imported: %1").replace(
                "%1", translated(user_message(error))), error=True)
            return False
        name = next(s.name for s in list_recipes(self.store) if s.id == row_id)
        self.load(name, version)
        self._set_message(self.tr("Imported %1 as version %2.").replace("%1", name).replace(
            "%2", str(version)), error=False)
        return True

    def export_file(self, path: str | None = None) -> bool:
        """Export the saved version shown as JSON (asks where when ``path`` is None, and before
        replacing a file)."""
        if self._loaded is None or self.is_dirty():
            return False
        if path is None:
            suggested = f"{self._loaded.name}_v{self._loaded.version}.json"
            path, _ = file_dialogs.save_file_name(self, self.tr("Export the recipe"), suggested,
                                                  self.tr("Recipes (*.json)"))
            if not path:
                return False
        try:
            force = check_file_target(path, store=self.store, force=True).exists()
            if force and not ask_replace(self, self.tr("Replace the file?"), path):
                return False
            written = export_recipe(self.store, self._loaded.name, path, self._loaded.version,
                                    force=force)
        except UserFacingError as error:
            self._set_message(translated(user_message(error)), error=True)
            return False
        self._set_message(self.tr("Exported %1 version %2 to %3.").replace(
            "%1", self._loaded.name).replace("%2", str(self._loaded.version)).replace(
            "%3", str(written)), error=False)
        return True

    # --- running -------------------------------------------------------------------------

    def save_as_problem(self) -> str | None:
        if not self.save_as_box.isChecked():
            return None
        name = self.save_as_edit.text().strip()
        if not name:
            return self.tr("Name the dataset to save the result as.")
        if self.store.has_dataset(name):
            return self.tr("A dataset named %1 already exists; choose another name.").replace(
                "%1", name)
        return None

    def run(self) -> None:
        """Run the saved version shown on the whole dataset as a job."""
        if not self.run_button.isEnabled() or self._loaded is None:
            return
        dataset = self.dataset_box.currentText()
        save_as = self.save_as_edit.text().strip() if self.save_as_box.isChecked() else None
        self.run_summary.setText(self.tr("Running %1 v%2 on %3…").replace(
            "%1", self._loaded.name).replace("%2", str(self._loaded.version)).replace(
            "%3", dataset))
        self.run_summary.setStyleSheet("")
        self.progress.setValue(0)
        self.progress.show()
        self._run_job = self.runner.submit(
            JobSpec.of(self.tr("Running recipe %1 on %2").replace("%1", self._loaded.name)
                       .replace("%2", dataset), recipe_job, db_path=str(self.store.path),
                       dataset=dataset, recipe_name=self._loaded.name,
                       version=self._loaded.version, save_as=save_as),
            key="preprocess.run",
            on_done=self._run_done, on_error=self._run_error, on_cancel=self._run_cancelled)
        self._update_buttons()

    def cancel_run(self) -> None:
        if self._run_job is not None:
            self.runner.cancel(self._run_job)
            self.cancel_button.setEnabled(False)

    def _run_progressed(self, job_id: int, fraction: float | None, message: str) -> None:
        if job_id == self._run_job:
            show_progress(self.progress, fraction, message[:40])

    def _run_ended(self) -> None:
        self._run_job = None
        self.progress.hide()
        self._update_buttons()

    def _run_done(self, summary: dict[str, Any]) -> None:
        self._run_ended()
        parts = [self.tr("<b>Done</b> in %1 s: %2 rows in, %3 out — train %4, test %5; "
                         "%6 features").replace("%1", number(summary.get("seconds", 0), 1))
                 .replace("%2", number(summary["rows_in"]))
                 .replace("%3", number(summary["rows_out"]))
                 .replace("%4", number(summary["train_rows"]))
                 .replace("%5", number(summary["test_rows"]))
                 .replace("%6", number(summary["features"]))]
        if summary.get("target"):
            parts.append(self.tr("target %1").replace("%1", summary["target"]))
        if summary.get("saved_as"):
            parts.append(self.tr("saved as dataset <b>%1</b> (run #%2)").replace(
                "%1", summary["saved_as"]).replace("%2", str(summary.get("run_id"))))
        text = "; ".join(parts) + "."
        if summary.get("warnings"):
            text += "<br>" + "<br>".join(f"⚠ {translated(w)}" for w in summary["warnings"])
        self.run_summary.setText(text)
        self.run_summary.setStyleSheet(WARNING_STYLE if summary.get("warnings") else "")
        if summary.get("saved_as"):
            self.store_changed.emit()
        self.run_finished.emit(summary)

    def _run_error(self, message: str, details: str) -> None:
        self._run_ended()
        self.run_summary.setText(self.tr("The run failed: %1").replace("%1", message))
        self.run_summary.setStyleSheet(ERROR_STYLE)
        self.run_failed.emit(message)

    def _run_cancelled(self) -> None:
        self._run_ended()
        self.run_summary.setText(self.tr("The run was cancelled; nothing was saved."))
        self.run_summary.setStyleSheet("")
        self.run_failed.emit("")

    # --- buttons -------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        running = self._run_job is not None
        dirty = self.is_dirty()
        self.save_button.setEnabled(self._valid and not self.is_read_only() and dirty)
        self.save_button.setToolTip(
            self.tr("Fix the recipe first") if not self._valid else
            self.tr("No changes to save") if not dirty else
            self.tr("Save as the next version of this recipe"))
        self.export_button.setEnabled(self._loaded is not None and not dirty)
        save_as = self.save_as_problem()
        self.save_as_edit.setEnabled(self.save_as_box.isChecked())
        can_run = (self._valid and self._loaded is not None and not dirty and not running
                   and save_as is None and self.dataset() is not None)
        self.run_button.setEnabled(can_run)
        self.run_button.setToolTip(
            self.tr("Fix the recipe first") if not self._valid else
            self.tr("Save the recipe first: a run records the version it used") if dirty else
            save_as or self.tr("Apply the saved version to every row of the dataset"))
        self.cancel_button.setEnabled(running)
        if save_as and not running:
            self.save_as_edit.setToolTip(save_as)
            self.save_as_edit.setStyleSheet("border: 1px solid #b00020;")
        else:
            self.save_as_edit.setToolTip("")
            self.save_as_edit.setStyleSheet("")

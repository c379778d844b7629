"""Errors whose message is written for the analyst, not the developer.

The CLI turns a :class:`UserFacingError` into one line on stderr and exit code 2; the GUI shows
its message, translated, in a dialog with the traceback only under "Details". Any other exception
is a bug. Messages are marked with ``QT_TRANSLATE_NOOP`` (see :mod:`iotfin_gui.core.messages`).
"""

from __future__ import annotations

from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message, as_message, placed


class UserFacingError(Exception):
    """An error the user can act on; ``str(error)`` is the whole (English) message."""


def user_message(error: UserFacingError) -> Message | str:
    """The message of ``error``, still translatable when it was raised with a Message."""
    return as_message(error.args[0]) if error.args else ""


class StoreError(UserFacingError):
    """The store file cannot be opened or used as asked (not SQLite, newer, read-only, locked)."""


class InputError(UserFacingError):
    """Bad input data; names the file and, where known, the row and column."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.file, self.row, self.column = file, row, column
        where = [
            part
            for part in (
                QT_TRANSLATE_NOOP("Core", "file {file}").format(file=file) if file else "",
                QT_TRANSLATE_NOOP("Core", "row {row}").format(row=row) if row is not None else "",
                QT_TRANSLATE_NOOP("Core", "column {column!r}").format(column=column)
                if column is not None else "",
            )
            if part
        ]
        super().__init__(placed(where, message))


class NotFoundError(UserFacingError):
    """A named dataset, run, recipe or table does not exist in the store."""


class JobCancelled(Exception):
    """Raised inside a job at a cancel point once the user asked to cancel."""

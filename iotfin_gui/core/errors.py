"""Errors whose message is written for the analyst, not the developer.

The CLI turns a :class:`UserFacingError` into one line on stderr and exit code 2; the GUI shows
its message in a dialog with the traceback only under "Details". Any other exception is a bug.
"""

from __future__ import annotations


class UserFacingError(Exception):
    """An error the user can act on; ``str(error)`` is the whole message."""


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
        where = ", ".join(
            part
            for part in (
                f"file {file}" if file else "",
                f"row {row}" if row is not None else "",
                f"column {column!r}" if column is not None else "",
            )
            if part
        )
        super().__init__(f"{where}: {message}" if where else message)


class NotFoundError(UserFacingError):
    """A named dataset, run, recipe or table does not exist in the store."""


class JobCancelled(Exception):
    """Raised inside a job at a cancel point once the user asked to cancel."""

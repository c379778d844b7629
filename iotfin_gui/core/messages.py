"""Texts the core shows to the analyst, kept translatable without importing Qt.

A user-facing text is written as ``QT_TRANSLATE_NOOP("Core", "Column {column} is empty")``, with
both arguments string literals: Qt's ``pyside6-lupdate`` finds such calls by name and extracts the
English template into the ``.ts`` files. The call returns a :class:`Message`, a ``str`` that
remembers its context, template and values; ``Message.format(column="amount")`` fills values in.
The CLI, logs and stored records use the English text (a Message *is* that ``str``); the UI
translates the template and formats the translated values into it
(``iotfin_gui.ui.i18n.translated``). Messages survive pickling, so they reach the UI intact from
worker processes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any


class Message(str):
    """An English text plus what is needed to translate it: context, template and values.

    ``context=None`` marks a text whose template is not translatable (e.g. a list joined with
    commas) while its values may still be Messages that are."""

    context: str | None
    template: str
    params: dict[str, Any]

    def __new__(
        cls, context: str | None, template: str, params: dict[str, Any] | None = None
    ) -> Message:
        params = dict(params or {})
        self = super().__new__(cls, template.format(**params) if params else template)
        self.context, self.template, self.params = context, template, params
        return self

    def format(self, *args: Any, **params: Any) -> Message:  # type: ignore[override]
        """This message with ``{name}`` placeholders filled from ``params`` (keywords only)."""
        if args:
            raise TypeError("Message.format takes keyword arguments only")
        return Message(self.context, self.template, {**self.params, **params})

    def __reduce__(self) -> tuple:
        return (Message, (self.context, self.template, self.params))


def QT_TRANSLATE_NOOP(context: str, text: str) -> Message:
    """Mark ``text`` for translation in ``context`` (lupdate reads this name); returns it as a
    :class:`Message`."""
    return Message(context, text)


def joined(parts: Iterable[str], separator: str = ", ") -> Message:
    """``parts`` joined by ``separator``; parts that are Messages stay translatable."""
    names = {f"part{index}": part for index, part in enumerate(parts)}
    return Message(None, separator.join("{" + name + "}" for name in names), names)


def placed(where: Sequence[str], message: str) -> Message | str:
    """``message`` after the place it concerns ("file a.csv, row 3: ..."), both still
    translatable; ``message`` alone when ``where`` is empty."""
    if not where:
        return as_message(message)
    return Message(None, "{where}: {message}", {"where": joined(where), "message": message})


def as_message(text: object) -> Message | str:
    """``text`` unchanged if it is a Message, else as a plain ``str``."""
    return text if isinstance(text, Message) else str(text)

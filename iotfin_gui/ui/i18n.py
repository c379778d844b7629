"""The interface language: choosing it, loading the translations, and showing values the user's way.

The language comes from ``--lang``, else from the setting saved by View ▸ Language, else from the
system locale (any Chinese locale gives Simplified Chinese). Translations are Qt ``.qm`` files
built by ``pyside6-lrelease`` from the ``.ts`` sources in ``resources/i18n/``
(``make translations``) into the package (``iotfin_gui/i18n/``) and loaded from there with
importlib.resources, so that an installed wheel or a frozen app has them too. Qt's own dialogs
use the ``qtbase`` translations that ship with PySide6. Numbers and dates on screen follow the
chosen locale through QLocale (numbers always with their digits grouped,
:func:`iotfin_gui.core.formatting.grouped`); stored values and CSV exports never do.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTime,
    QTranslator,
)

from iotfin_gui.core.formatting import NumberStyle, grouped
from iotfin_gui.core.messages import Message
from iotfin_gui.package_data import data_file

log = logging.getLogger("iotfin.ui")
#: Interface languages: code -> the language's own name (shown untranslated in the switch).
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
SYSTEM = "system"
SETTINGS_KEY = "ui/language"
#: The translators installed now; kept referenced so that Qt does not lose them.
_installed: list[QTranslator] = []
_translation_data: list[bytes] = []
#: The language installed last (:func:`install_language`).
_current = ["en"]


def current_language() -> str:
    """The interface language in use (e.g. for the user guide's pages)."""
    return _current[0]


def system_language() -> str:
    """The interface language that matches the system locale."""
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def saved_language(settings: QSettings) -> str:
    """The language chosen in the settings, or :data:`SYSTEM`."""
    value = str(settings.value(SETTINGS_KEY, SYSTEM))
    return value if value in LANGUAGES else SYSTEM


def choose_language(requested: str | None, settings: QSettings) -> str:
    """The language to use: ``requested`` (``--lang``), else the saved choice, else the system's."""
    if requested:
        return requested
    saved = saved_language(settings)
    return system_language() if saved == SYSTEM else saved


def _load_ours(translator: QTranslator, language: str) -> bool:
    """Load the package's compiled translations (``i18n/iotfin_<language>.qm``) from a copy in
    memory: Qt maps a translation file, which ``make translations`` may rewrite under a running
    app, and a zipped package has no file to map."""
    resource = data_file("i18n", f"iotfin_{language}.qm")
    if not resource.is_file():
        return False
    data = resource.read_bytes()
    if not translator.load(data):
        return False
    _translation_data.append(data)  # Qt reads it in place: keep it alive with the translator
    return True


def install_language(language: str) -> str:
    """Load the translations of ``language`` into the application and make its locale the default
    for display. Returns the language actually installed ("en" when it has no translation file)."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _translation_data.clear()
    if language != "en":
        ours = QTranslator()
        if not _load_ours(ours, language):
            log.warning("No translation file for %s in the package; the interface stays in "
                        "English.", language)
            language = "en"
        else:
            qt_own = QTranslator()
            if qt_own.load(f"qtbase_{language}",
                           QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                _installed.append(qt_own)
            _installed.append(ours)
    for translator in _installed:
        app.installTranslator(translator)
    # The user's own regional formats when they match the language, else the language's defaults.
    system = QLocale.system()
    same = system.language() != QLocale.Language.C and (
        (system.language() == QLocale.Language.Chinese) == (language == "zh_CN"))
    QLocale.setDefault(system if same else QLocale("zh_CN" if language == "zh_CN" else "en_US"))
    _current[0] = language
    return language


def translated(text: str) -> str:
    """``text`` in the interface language: Messages from the core are translated (with their
    values); any other text is returned as it is."""
    if not isinstance(text, Message):
        return str(text)
    template = (text.template if text.context is None
                else QCoreApplication.translate(text.context, text.template))
    if not text.params:
        return template
    values = {name: translated(value) if isinstance(value, Message) else value
              for name, value in text.params.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return str(text)


def number_style(locale: QLocale | None = None) -> NumberStyle:
    """The interface locale's way of writing numbers, for :mod:`iotfin_gui.core.formatting`:
    its group separator and decimal point, which the C locale has too although its own number
    format leaves the digits ungrouped."""
    locale = locale or QLocale()
    language = "zh" if locale.language() == QLocale.Language.Chinese else "en"
    return NumberStyle(language, locale.groupSeparator(), locale.decimalPoint())


def number(value: float, decimals: int = 0) -> str:
    """``value`` with its digits grouped and the locale's separators (``12,345.6``), as the
    tables show numbers, under every locale (the C locale included); ``""`` for a missing
    value."""
    return grouped(value, decimals, number_style())


def _four_digit_year(pattern: str) -> str:
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def when(value: datetime, with_time: bool = True) -> str:
    """A date, or date and time, in the locale's short format (with a four-digit year). The value
    is shown as it is stored (the store keeps UTC); no time-zone conversion happens here."""
    locale = QLocale()
    pattern = _four_digit_year(locale.dateFormat(QLocale.FormatType.ShortFormat))
    if with_time:
        time_pattern = locale.timeFormat(QLocale.FormatType.ShortFormat)
        if value.second:
            time_pattern = time_pattern.replace("mm", "mm:ss", 1)
        pattern += " " + time_pattern
    moment = QDateTime(QDate(value.year, value.month, value.day),
                       QTime(value.hour, value.minute, value.second))
    return locale.toString(moment, pattern)

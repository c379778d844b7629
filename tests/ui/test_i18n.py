"""Translations: the .ts files are complete, current and consistent with the .qm files the app
loads; the language is chosen and switched as documented; core messages arrive translated."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest
from PySide6.QtCore import QLocale

from iotfin_gui.cli import LANGUAGE_CODES
from iotfin_gui.core.errors import InputError, user_message
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.ui import i18n

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
TS_FILES = sorted((REPO / "resources" / "i18n").glob("iotfin_*.ts"))
QM_DIR = REPO / "iotfin_gui" / "i18n"
PLACEHOLDER = re.compile(r"%\d|%n|\{[^{}]*\}")
ACCELERATOR = re.compile(r"&([A-Za-z])")

pytestmark = pytest.mark.gui


def messages(ts: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(context.findtext("name") or "", message)
            for context in root.findall("context") for message in context.findall("message")]


def translation_texts(message: ET.Element) -> list[str]:
    element = message.find("translation")
    forms = element.findall("numerusform")
    return [form.text or "" for form in forms] if forms else [element.text or ""]


def test_there_is_a_chinese_translation() -> None:
    assert [ts.name for ts in TS_FILES] == ["iotfin_zh_CN.ts"]
    assert set(i18n.LANGUAGES) == set(LANGUAGE_CODES)


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_every_text_is_translated(ts: Path) -> None:
    unfinished = [f"{context}: {message.findtext('source')!r}"
                  for context, message in messages(ts)
                  if message.find("translation").get("type") in ("unfinished", "vanished",
                                                                 "obsolete")
                  or not all(text.strip() for text in translation_texts(message))]
    assert not unfinished, f"{len(unfinished)} unfinished in {ts.name}:\n" + "\n".join(
        unfinished[:40])


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_translations_keep_placeholders_and_accelerators(ts: Path) -> None:
    wrong = []
    for context, message in messages(ts):
        source = message.findtext("source")
        for text in translation_texts(message):
            if not text:
                continue
            if set(PLACEHOLDER.findall(source)) != set(PLACEHOLDER.findall(text)):
                wrong.append(f"{context}: {source!r} -> {text!r} (placeholders)")
            accelerator = ACCELERATOR.search(source.replace("&&", ""))
            if accelerator and f"&{accelerator.group(1)}" not in text:
                wrong.append(f"{context}: {source!r} -> {text!r} (accelerator)")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_ts_files_hold_every_text_of_the_source(ts: Path, tmp_path: Path) -> None:
    """lupdate over the code finds nothing new and nothing gone: run
    scripts/update-translations.sh after changing a user-visible text."""
    fresh = tmp_path / ts.name
    shutil.copy(ts, fresh)
    subprocess.run([str(BIN / "pyside6-lupdate"), "-silent", "-no-obsolete", "-extensions", "py",
                    "iotfin_gui", "main.py", "-ts", str(fresh)], cwd=REPO, check=True)
    committed = {(context, m.findtext("source"), m.findtext("comment"))
                 for context, m in messages(ts)}
    current = {(context, m.findtext("source"), m.findtext("comment"))
               for context, m in messages(fresh)}
    assert not current - committed, f"texts missing from {ts.name}: {sorted(current - committed)}"
    assert not committed - current, f"texts gone from the code: {sorted(committed - current)}"


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_qm_files_are_built_from_the_ts_files(ts: Path, tmp_path: Path) -> None:
    built = tmp_path / "built.qm"
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(built)],
                   check=True)
    assert built.read_bytes() == (QM_DIR / ts.with_suffix(".qm").name).read_bytes(), (
        "run scripts/update-translations.sh")


@pytest.fixture
def chinese(qapp):
    assert i18n.install_language("zh_CN") == "zh_CN"
    yield
    i18n.install_language("en")


def test_core_messages_arrive_translated(chinese) -> None:
    error = InputError(QT_TRANSLATE_NOOP("Core", "Unexpected error ({kind}): {error}").format(
        kind="ValueError", error="x"), file="取款.csv", row=7, column="amount")
    english = str(error)
    shown = i18n.translated(user_message(error))
    assert english.startswith("file 取款.csv, row 7, column 'amount': Unexpected error")
    assert "取款.csv" in shown and "7" in shown and "'amount'" in shown and "ValueError" in shown
    assert "file" not in shown and "row" not in shown and "Unexpected" not in shown
    assert re.search(r"[\u4e00-\u9fff]", shown)


def test_plain_text_and_english_pass_through(qapp) -> None:
    i18n.install_language("en")
    message = QT_TRANSLATE_NOOP("Core", "row {row}").format(row=3)
    assert i18n.translated(message) == "row 3"
    assert i18n.translated("already translated 文本") == "already translated 文本"


def test_locale_formats_numbers_and_dates(chinese) -> None:
    assert QLocale().language() == QLocale.Language.Chinese
    assert i18n.number(1234567.891, 2) == "1,234,567.89"
    assert i18n.when(pd.Timestamp("2026-10-31 08:05")) == "2026/10/31 08:05"
    assert i18n.when(pd.Timestamp("2026-10-31"), with_time=False) == "2026/10/31"


def test_language_follows_request_then_setting_then_system(settings, monkeypatch) -> None:
    monkeypatch.setattr(i18n, "system_language", lambda: "zh_CN")
    assert i18n.choose_language(None, settings) == "zh_CN"
    settings.setValue(i18n.SETTINGS_KEY, "en")
    assert i18n.choose_language(None, settings) == "en"
    assert i18n.choose_language("zh_CN", settings) == "zh_CN"
    settings.setValue(i18n.SETTINGS_KEY, "klingon")
    assert i18n.saved_language(settings) == i18n.SYSTEM


def test_language_menu_saves_the_choice_for_the_next_start(window, qtbot) -> None:
    actions = window.language_actions
    assert actions[i18n.SYSTEM].isChecked()
    actions["zh_CN"].trigger()
    assert window.settings.value(i18n.SETTINGS_KEY) == "zh_CN"
    assert actions["zh_CN"].isChecked() and not actions[i18n.SYSTEM].isChecked()
    assert "next start" in window.statusBar().currentMessage()
    assert i18n.choose_language(None, window.settings) == "zh_CN"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, str(REPO / "main.py"), *args], capture_output=True,
                          text=True, env=env, timeout=120)


def test_cli_speaks_chinese_when_asked(tmp_path: Path) -> None:
    db = str(tmp_path / "s.sqlite")
    english = run_cli("export", "no_such_table", "--out", str(tmp_path / "x.csv"), "--db", db)
    chinese = run_cli("export", "no_such_table", "--out", str(tmp_path / "x.csv"), "--db", db,
                      "--lang", "zh_CN")
    assert english.returncode == chinese.returncode == 2
    assert english.stderr.startswith("error: ")
    assert re.search(r"[\u4e00-\u9fff]", chinese.stderr), chinese.stderr
    listing = run_cli("datasets", "--db", db, "--json", "--lang", "zh_CN")
    assert json.loads(listing.stdout.strip().splitlines()[-1]) == json.loads(
        run_cli("datasets", "--db", db, "--json").stdout.strip().splitlines()[-1])


def test_cli_help_is_translated_when_asked() -> None:
    chinese = run_cli("--lang", "zh_CN", "--help")
    english = run_cli("--help")
    assert chinese.returncode == english.returncode == 0
    assert "offline" in english.stdout and "offline" not in chinese.stdout
    assert re.search(r"[\u4e00-\u9fff]", chinese.stdout)
    for command in ("import", "train", "forecast", "fleet", "export"):
        shown = run_cli(command, "--help", "--lang", "zh_CN").stdout
        assert len(re.findall(r"[\u4e00-\u9fff]", shown)) > 10, shown


def translation_calls() -> list[tuple[str, int, str | None, str | None]]:
    """(file, line, context, text) of every tr()/translate()/QT_TRANSLATE_NOOP call in the app;
    context or text is None where it is not a string literal (lupdate cannot extract it)."""
    found = []

    def literal(node: ast.expr | None) -> str | None:
        return node.value if isinstance(node, ast.Constant) and isinstance(node.value,
                                                                            str) else None

    def visit(node: ast.AST, cls: str | None, path: Path) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, child.name, path)
                continue
            if isinstance(child, ast.Call):
                func = child.func
                where = (str(path.relative_to(REPO)), child.lineno)
                if isinstance(func, ast.Attribute) and func.attr == "tr":
                    owner = func.value
                    context = cls if isinstance(owner, ast.Name) and owner.id == "self" else None
                    found.append((*where, context, literal(child.args[0] if child.args
                                                           else None)))
                elif (isinstance(func, ast.Attribute) and func.attr == "translate"
                      and isinstance(func.value, ast.Name)
                      and func.value.id == "QCoreApplication") or (
                        isinstance(func, ast.Name) and func.id == "QT_TRANSLATE_NOOP"):
                    args = [*child.args, None, None]
                    found.append((*where, literal(args[0]), literal(args[1])))
            visit(child, cls, path)

    for path in sorted((REPO / "iotfin_gui").rglob("*.py")):
        if path != Path(i18n.__file__):  # it translates Messages, whatever their text
            visit(ast.parse(path.read_text(encoding="utf-8")), None, path)
    return found


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_every_translation_call_is_extracted(ts: Path) -> None:
    """Calls lupdate cannot read (a variable instead of a literal, ``other.tr()``, a call inside
    an f-string) would show English in every language; this finds them from the syntax tree."""
    known = {(context, message.findtext("source")) for context, message in messages(ts)}
    calls = translation_calls()
    assert len(calls) > 1000
    unreadable = [f"{file}:{line}" for file, line, context, text in calls
                  if context is None or text is None]
    assert not unreadable, "tr/translate without literal context and text: " + ", ".join(
        unreadable)
    missing = [f"{file}:{line} {context}: {text!r}" for file, line, context, text in calls
               if (context, text) not in known]
    assert not missing, "not in the .ts (inside an f-string?):\n" + "\n".join(missing)


def test_date_axes_name_months_and_days_in_the_interface_language(chinese) -> None:
    from iotfin_gui.ui.plots import LocaleDateAxis

    axis = LocaleDateAxis(orientation="bottom")
    july, august = (pd.Timestamp(f"2026-0{m}-01", tz="UTC").timestamp() for m in (7, 8))
    shown = []
    for level in axis.zoomLevels.values():
        axis.zoomLevel = level
        shown += [text for spec in level.tickSpecs
                  for text in axis.tickStrings([july, august], 1, spec.spacing)]
    assert "7月" in shown and "8月" in shown and any(t.startswith("周三") for t in shown)
    assert not any(re.search(r"[A-Za-z]", text) for text in shown)

"""The wheel is complete: built from a copy of the sources, installed into a fresh venv outside
the source tree, it speaks Chinese and opens its window (a zh_CN screenshot).

Offline on a clean clone: the wheel is built with the venv's setuptools (no build isolation,
no download) and installed with ``--no-deps --no-index``; the fresh venv sees the libraries of
the test venv through a ``.pth`` line (the test venv's site-packages, whose own ``.pth`` files,
the editable install among them, are not read), so only the wheel provides ``iotfin_gui``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = "Scripts" if sys.platform == "win32" else "bin"
pytestmark = pytest.mark.packaging


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The app's wheel, built from a copy of the package (the source tree stays untouched)."""
    source = tmp_path_factory.mktemp("source")
    shutil.copytree(ROOT / "iotfin_gui", source / "iotfin_gui",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--wheel-dir", str(out), str(source)],
                   check=True, capture_output=True, timeout=600)
    return next(out.glob("iotfin_workstation-*.whl"))


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv, outside the source tree, with the wheel installed; its scripts folder."""
    target = tmp_path_factory.mktemp("venv") / "venv"
    venv.create(target, with_pip=False)
    python = target / BIN / ("python.exe" if sys.platform == "win32" else "python")
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()"
                           "['purelib'])"], capture_output=True, text=True, check=True).stdout
    Path(site.strip(), "test-venv-libraries.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                    "--no-deps", "--no-index", str(wheel)], check=True, capture_output=True,
                   timeout=600)
    return target / BIN


def clean_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return {**env, "QT_QPA_PLATFORM": "offscreen", "IOTFIN_LOG_DIR": str(tmp / "logs")}


def test_the_wheel_carries_every_resource(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "iotfin_gui/i18n/iotfin_zh_CN.qm" in names
    assert {"iotfin_gui/icons/iotfin.svg", "iotfin_gui/icons/iotfin-256.png"} <= names
    assert {f"iotfin_gui/guide/{lang}/forecast.md" for lang in ("en", "zh_CN")} <= names
    assert "iotfin_gui/desktop/iotfin-workstation.desktop" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[gui_scripts]" in text and "iotfin-gui = iotfin_gui.cli:main" in text


def test_the_installed_app_speaks_chinese_and_opens_its_window(installed: Path,
                                                               tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    python = installed / ("python.exe" if sys.platform == "win32" else "python")
    where = subprocess.run([str(python), "-c", "import iotfin_gui; print(iotfin_gui.__file__)"],
                           capture_output=True, text=True, check=True, cwd=tmp_path, env=env)
    assert Path(where.stdout.strip()).is_relative_to(installed.parent)
    assert (installed / ("iotfin-gui.exe" if sys.platform == "win32" else "iotfin-gui")).exists()
    iotfin = str(installed / "iotfin")
    shown = subprocess.run([iotfin, "--lang", "zh_CN", "--help"], capture_output=True,
                           text=True, check=True, cwd=tmp_path, env=env, timeout=300).stdout
    assert "离线" in shown and re.search(r"[\u4e00-\u9fff]{4}", shown)
    shot = tmp_path / "zh_CN.png"
    done = subprocess.run([iotfin, "--lang", "zh_CN", "--db", str(tmp_path / "s.sqlite"),
                           "--screenshot", str(shot)], capture_output=True, text=True,
                          cwd=tmp_path, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert shot.stat().st_size > 10_000
    assert "No translation file" not in done.stderr


def test_the_desktop_entry_installs_for_the_user(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path)}
    subprocess.run(["sh", str(ROOT / "scripts" / "install-desktop-entry.sh"), "/opt/iotfin/iotfin"],
                   check=True, capture_output=True, env=env, timeout=60)
    entry = (tmp_path / "applications" / "iotfin-workstation.desktop").read_text(encoding="utf-8")
    assert 'Exec="/opt/iotfin/iotfin"' in entry and "Icon=iotfin-workstation" in entry
    assert "Name[zh_CN]=" in entry and "Terminal=false" in entry
    assert (tmp_path / "icons/hicolor/256x256/apps/iotfin-workstation.png").stat().st_size > 0
    assert (tmp_path / "icons/hicolor/scalable/apps/iotfin-workstation.svg").is_file()


def test_the_frozen_launcher_runs_python_helper_commands(monkeypatch, tmp_path: Path,
                                                         capsys) -> None:
    """loky starts its helpers as ``executable -c CODE`` / ``-m MODULE``: the frozen app's
    entry point (main.py) runs them, and only when frozen."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("launcher", ROOT / "main.py")
    launcher = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(launcher)
    out = tmp_path / "ran.txt"
    code = f"open({str(out)!r}, 'w').write('helper ran')"
    assert not launcher.run_as_python(["iotfin", "-c", code])  # not frozen: the CLI's own
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    assert launcher.run_as_python(["iotfin", "-B", "-S", "-I", "-X", "utf8", "-c", code])
    assert out.read_text() == "helper ran"
    (tmp_path / "helper_module.py").write_text(
        "import sys\nif __name__ == '__main__':\n    print('module ran with', sys.argv[1:])\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert launcher.run_as_python(["iotfin", "-m", "helper_module", "--fd", "7"])
    assert "module ran with ['--fd', '7']" in capsys.readouterr().out
    assert not launcher.run_as_python(["iotfin", "forecast", "--db", "s.sqlite"])

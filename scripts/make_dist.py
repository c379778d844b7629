"""``make dist``: the offline bundle for a bank laptop, in ``dist/``.

1. ``requirements-lock.txt``: the exact versions the tests ran with (those installed in this
   venv, resolved for every platform by ``uv pip compile``, with hashes), committed;
2. the wheel of the app (translations, icons and the user guide inside), built like the frozen
   app from the committed sources (``git archive HEAD`` into ``build/source``: a bundle is made
   of a commit, never of edits in progress; outside git, from the tree itself);
3. ``dist/wheelhouse``: the app's wheel and every locked dependency for this platform, proved by
   installing it into a fresh venv with ``pip install --no-index --find-links``;
4. the frozen app (PyInstaller, ``resources/packaging/iotfin.spec``): ``dist/iotfin/``, which
   starts without Python; smoke-tested with no Python on PATH: ``--version``, a ``--screenshot``
   in zh_CN, and a forecast on the demo fleet with worker processes;
5. an archive of the frozen folder (``.tar.gz`` on Linux and macOS, ``.zip`` on Windows) and, on
   Windows when Inno Setup's ``iscc`` is on PATH, the per-user installer
   (``resources/packaging/iotfin.iss``: no administrator rights, like Orange's installer).

Windows build steps (run on a Windows machine with Python 3.11, from the repository root)::

    py -3.11 -m venv .venv
    .venv\\Scripts\\python -m pip install -e ".[test,dist]"
    .venv\\Scripts\\python scripts\\make_dist.py
    (install Inno Setup 6 and put iscc on PATH first to get dist\\iotfin-<version>-setup.exe)

Each step prints what it made and its size; a failed step stops the script with a message
naming the step. ``--skip STEP`` leaves a step out (e.g. ``--skip frozen`` for a quick wheelhouse).
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
LOCK = ROOT / "requirements-lock.txt"
SPEC = ROOT / "resources" / "packaging" / "iotfin.spec"
INNO_SCRIPT = ROOT / "resources" / "packaging" / "iotfin.iss"
STEPS = ("lock", "wheel", "wheelhouse", "frozen", "archive")
WINDOWS = sys.platform == "win32"


class StepFailed(RuntimeError):
    """A step of the bundle failed; the message says which and why."""


def run(step: str, command: list[str], text: bool = True,
        **kwargs) -> subprocess.CompletedProcess:
    """Run ``command`` for ``step``; a non-zero exit becomes :class:`StepFailed` with its
    output."""
    done = subprocess.run(command, capture_output=True, text=text, **kwargs)
    if done.returncode != 0:
        raise StepFailed(f"{step}: {' '.join(command)} exited with {done.returncode}\n"
                         f"{done.stdout[-3000:]!s}\n{done.stderr[-3000:]!s}")
    return done


def size_of(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def megabytes(path: Path) -> str:
    return f"{size_of(path) / 1e6:,.1f} MB"


def version() -> str:
    namespace: dict[str, str] = {}
    exec((ROOT / "iotfin_gui" / "__init__.py").read_text(encoding="utf-8"), namespace)
    return namespace["__version__"]


def venv_python(folder: Path) -> Path:
    return folder / ("Scripts/python.exe" if WINDOWS else "bin/python")


def make_lock() -> Path:
    """Pin every dependency to the version installed here (the one the tests ran with)."""
    with tempfile.TemporaryDirectory() as tmp:
        installed = Path(tmp) / "installed.txt"
        frozen = run("lock", [sys.executable, "-m", "pip", "freeze", "--exclude-editable"])
        installed.write_text(frozen.stdout, encoding="utf-8")
        run("lock", [sys.executable, "-m", "uv", "pip", "compile", str(ROOT / "pyproject.toml"),
                     "--universal", "--python-version",
                     f"{sys.version_info.major}.{sys.version_info.minor}",
                     "--constraints", str(installed), "--generate-hashes", "--no-header",
                     "--quiet", "-o", str(LOCK)], cwd=ROOT)
    text = LOCK.read_text(encoding="utf-8").replace(str(installed), "installed versions")
    LOCK.write_text(
        "# The exact versions the tests ran with (scripts/make_dist.py, `make dist`), for every\n"
        f"# platform, Python {sys.version_info.major}.{sys.version_info.minor}. Install "
        "offline from the bundle's wheelhouse:\n"
        "#   pip install --no-index --find-links wheelhouse -r requirements-lock.txt\n" + text,
        encoding="utf-8")
    return LOCK


def committed_sources() -> tuple[Path, str]:
    """The sources of ``HEAD`` in ``build/source`` and the commit, or the tree itself and
    "working tree" outside git."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                          capture_output=True, text=True)
    if head.returncode != 0:
        return ROOT, "working tree"
    target = ROOT / "build" / "source"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    archive = run("sources", ["git", "archive", "--format=tar", "HEAD"], cwd=ROOT,
                  text=False)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target, f"commit {head.stdout.strip()}"


def make_wheel(source: Path) -> Path:
    """The app's wheel, built with the venv's setuptools (no download)."""
    for old in DIST.glob("iotfin_workstation-*.whl"):
        old.unlink()
    run("wheel", [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                  "--wheel-dir", str(DIST), str(source)])
    return next(DIST.glob("iotfin_workstation-*.whl"))


def make_wheelhouse(wheel: Path) -> Path:
    """Download the locked wheels for this platform and prove they install with no index."""
    house = DIST / "wheelhouse"
    house.mkdir(parents=True, exist_ok=True)
    run("wheelhouse", [sys.executable, "-m", "pip", "download", "--quiet", "--only-binary",
                       ":all:", "--require-hashes", "-r", str(LOCK), "-d", str(house)])
    for old in house.glob("iotfin_workstation-*.whl"):
        old.unlink()
    shutil.copy2(wheel, house)
    shutil.copy2(LOCK, house)
    with tempfile.TemporaryDirectory(prefix="iotfin-wheelhouse-") as tmp:
        target = Path(tmp) / "venv"
        venv.create(target, with_pip=True)
        python = str(venv_python(target))
        run("wheelhouse", [python, "-m", "pip", "install", "--quiet", "--no-index",
                           "--find-links", str(house), wheel.name.split("-")[0].replace("_", "-")])
        shown = run("wheelhouse", [python, "-m", "iotfin_gui", "--version"], cwd=tmp)
        print("  installed offline from the wheelhouse:", shown.stdout.splitlines()[0])
    return house


def make_frozen(source: Path) -> Path:
    """The folder app built by PyInstaller from the spec (on Linux with the script that puts
    it in the desktop's application menu)."""
    run("frozen", [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                   "--distpath", str(DIST), "--workpath", str(ROOT / "build" / "pyinstaller"),
                   str(source / SPEC.relative_to(ROOT))], cwd=source)
    app = DIST / "iotfin"
    if sys.platform.startswith("linux"):
        shutil.copy2(source / "scripts" / "install-desktop-entry.sh", app)
    return app


def smoke_test(app: Path) -> None:
    """Run the frozen app with no Python on PATH and none of Python's variables: version, a
    Chinese screenshot, the demo fleet and a forecast (which starts worker processes)."""
    exe = app / ("iotfin.exe" if WINDOWS else "iotfin")
    with tempfile.TemporaryDirectory(prefix="iotfin-smoke-") as tmp:
        work = Path(tmp)
        (work / "empty-path").mkdir()
        env = {"PATH": str(work / "empty-path"), "HOME": str(work), "USERPROFILE": str(work),
               "QT_QPA_PLATFORM": "offscreen", "IOTFIN_LOG_DIR": str(work / "logs"),
               "IOTFIN_KEY_DIR": str(work / "keys"), "LANG": "C.UTF-8",
               "SYSTEMROOT": os.environ.get("SYSTEMROOT", "")}
        db = str(work / "store.sqlite")
        shown = run("smoke", [str(exe), "--version"], env=env, cwd=tmp, timeout=120)
        print("  frozen --version:", " | ".join(shown.stdout.splitlines()[:3]), "...")
        shot = work / "zh_CN.png"
        started = time.perf_counter()
        run("smoke", [str(exe), "--lang", "zh_CN", "--db", db, "--screenshot", str(shot)],
            env=env, cwd=tmp, timeout=600)
        if not shot.is_file() or shot.stat().st_size < 10_000:
            raise StepFailed(f"smoke: the zh_CN screenshot {shot} is missing or empty")
        kept = DIST / "smoke-zh_CN.png"
        shutil.copy2(shot, kept)
        print(f"  frozen zh_CN screenshot: {kept} ({time.perf_counter() - started:.1f} s)")
        out = work / "forecast.csv"
        started = time.perf_counter()
        run("smoke", [str(exe), "forecast", "--db", db, "--dataset", "demo_withdrawals",
                      "--horizon", "28", "--out", str(out), "--quiet"],
            env=env, cwd=tmp, timeout=1200)
        rows = len(out.read_text(encoding="utf-8").splitlines()) - 1 if out.is_file() else 0
        if rows <= 0:
            raise StepFailed(f"smoke: the forecast wrote no rows to {out}")
        print(f"  frozen forecast on the demo: {rows:,} rows "
              f"({time.perf_counter() - started:.1f} s)")
        logs = sorted((work / "logs").glob("*.log"))
        if not logs:
            raise StepFailed("smoke: the frozen app wrote no log file")
        lines = [line for f in logs for line in f.read_text(encoding="utf-8").splitlines()]
        problems = [line for line in lines if line[24:32].rstrip() in ("WARNING", "ERROR",
                                                                      "CRITICAL")]
        if problems:  # e.g. a helper process of the worker pool that could not start
            raise StepFailed("smoke: the frozen app logged problems:\n" + "\n".join(problems))
        print(f"  frozen app's log: {len(lines)} lines, no warning or error")


def make_archive(app: Path) -> Path:
    """One file to carry the frozen folder to the laptop."""
    stem = f"iotfin-{version()}-{platform.system().lower()}-{platform.machine().lower()}"
    if WINDOWS:
        archive = DIST / f"{stem}.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as bundle:
            for item in sorted(app.rglob("*")):
                bundle.write(item, Path(app.name) / item.relative_to(app))
    else:
        archive = DIST / f"{stem}.tar.gz"
        with tarfile.open(archive, "w:gz", compresslevel=6) as bundle:
            bundle.add(app, arcname=app.name)
    return archive


def make_installer() -> Path | None:
    """The per-user Windows installer (Inno Setup), when ``iscc`` is available."""
    iscc = shutil.which("iscc")
    if not WINDOWS or iscc is None:
        return None
    run("installer", [iscc, f"/DAppVersion={version()}", f"/O{DIST}", str(INNO_SCRIPT)])
    return next(DIST.glob("iotfin-*-setup.exe"), None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip", action="append", choices=STEPS, default=[],
                        help="leave a step out (repeatable)")
    args = parser.parse_args(argv)
    DIST.mkdir(exist_ok=True)
    started = time.perf_counter()
    sizes: list[tuple[str, Path]] = []
    print(f"IoTFin Workstation {version()} bundle; load average "
          f"{', '.join(f'{x:.2f}' for x in os.getloadavg()) if hasattr(os, 'getloadavg') else '-'}")
    try:
        if "lock" not in args.skip:
            sizes.append(("lock file", make_lock()))
            pinned = sum("==" in line for line in LOCK.read_text(encoding="utf-8").splitlines())
            print(f"lock: {LOCK.name}, {pinned} distributions pinned")
        source, origin = committed_sources()
        print(f"sources: {origin}")
        wheel = make_wheel(source) if "wheel" not in args.skip else next(DIST.glob("*.whl"))
        sizes.append(("wheel", wheel))
        print(f"wheel: {wheel.name}")
        if "wheelhouse" not in args.skip:
            sizes.append(("wheelhouse", make_wheelhouse(wheel)))
            print(f"wheelhouse: {DIST / 'wheelhouse'} (installs with --no-index)")
        if "frozen" not in args.skip:
            step_started = time.perf_counter()
            app = make_frozen(source)
            print(f"frozen: {app} ({time.perf_counter() - step_started:.0f} s)")
            sizes.append(("frozen folder", app))
            smoke_test(app)
            if "archive" not in args.skip:
                sizes.append(("archive", make_archive(app)))
                installer = make_installer()
                if installer is not None:
                    sizes.append(("installer", installer))
    except (StepFailed, subprocess.TimeoutExpired) as failure:
        print(f"error: {failure}", file=sys.stderr)
        return 1
    print(f"\nsizes ({time.perf_counter() - started:.0f} s in all):")
    for label, path in sizes:
        print(f"  {label:<14} {megabytes(path):>12}  {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The command line: ``python main.py`` (or ``iotfin``) opens the GUI, subcommands run headless.

Each subcommand lives in a module of this package listed in :data:`COMMAND_MODULES`; the module's
``register(subparsers, common)`` adds its parser (with ``parents=[common]``) and sets
``run=fn`` where ``fn(args, store, ctx) -> dict`` does the work through the core and returns a
JSON-able summary. This module opens the store, runs the command with Ctrl-C wired to cancel,
and prints the summary: as one JSON object on the last line with ``--json``, as text otherwise.
A :class:`UserFacingError` becomes one line on stderr and exit code 2. ``--lang zh_CN`` gives
the GUI, and the messages of a subcommand, in Simplified Chinese; the CLI's output is otherwise
English whatever the system locale, so that scripts see stable text (JSON is never translated).
Only the GUI and a translated CLI import Qt (QtCore, for its translation files).

Start-up: the parser imports only the module of the command being run (:mod:`.lazy` reads the
others' names and help texts from their source), so ``--version`` and ``--help`` import no
pandas or scikit-learn. Jobs run on ``--cores`` (else ``$IOTFIN_CORES``, else every) core, with
the thread pools capped before numpy loads (:mod:`iotfin_gui.core.parallel`); a long job shows a
progress bar with elapsed and remaining time on stderr unless ``--quiet``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import signal
import sqlite3
import sys
import time
import typing
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from iotfin_gui.cli import lazy
from iotfin_gui.core import disk_space, options, parallel
from iotfin_gui.core.cluster import CLUSTER_VARIABLE
from iotfin_gui.core.errors import JobCancelled, StoreError, UserFacingError, user_message
from iotfin_gui.core.jobs import CancelledWithResults, Eta, JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message

COMMAND_MODULES = ("iotfin_gui.cli.basic", "iotfin_gui.cli.forecasting", "iotfin_gui.cli.planning",
                   "iotfin_gui.cli.routes", "iotfin_gui.cli.importing",
                   "iotfin_gui.cli.fleet", "iotfin_gui.cli.reporting", "iotfin_gui.cli.recipes",
                   "iotfin_gui.cli.models", "iotfin_gui.cli.store_check",
                   "iotfin_gui.cli.store_admin", "iotfin_gui.cli.model_files")

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_CANCELLED = 0, 1, 2, 130
#: Commands that only read the store (or replace it wholesale) and so do not first remove what
#: killed jobs left behind (:mod:`iotfin_gui.core.leftovers`); every other command does.
NO_CLEANUP_COMMANDS = frozenset({"datasets", "info", "fleet", "leaderboard", "restore", "check"})
#: Interface languages (iotfin_gui.ui.i18n.LANGUAGES, repeated so the CLI needs no Qt to parse).
LANGUAGE_CODES = ("en", "zh_CN")
#: A job's progress bar appears once it has run this long (quick commands print no bar).
PROGRESS_AFTER_SECONDS = 1.0
#: Width of the progress bar in characters.
BAR_WIDTH = 24
#: The log file's record of each command: its arguments, outcome and duration.
run_log = logging.getLogger("iotfin.cli.run")


class Parser(argparse.ArgumentParser):
    """argparse whose errors are one line (the usage is in ``--help``), exit code 2."""

    def error(self, message: str) -> typing.NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see: {self.prog} --help)\n")


class VersionAction(argparse.Action):
    """``--version``: the app's, Python's and the key libraries' versions, read from their
    metadata (nothing heavy is imported)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: Any = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=default, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        from iotfin_gui.core.logs import version_text

        print(version_text())
        parser.exit()


def common_options() -> argparse.ArgumentParser:
    """Options every subcommand takes, before or after its own arguments."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS,
        help=QT_TRANSLATE_NOOP(
            "Core", "store file (default: $IOTFIN_DB, else the user's data folder)"),
    )
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS,
        help=QT_TRANSLATE_NOOP("Core", "print one JSON object as the last line"),
    )
    common.add_argument(
        "--lang", choices=LANGUAGE_CODES, default=argparse.SUPPRESS,
        help=QT_TRANSLATE_NOOP("Core", "interface language (default: the setting chosen in the "
                               "window, else the system's)"),
    )
    common.add_argument(
        "--quiet", action="store_true", default=argparse.SUPPRESS,
        help=QT_TRANSLATE_NOOP("Core", "no progress bar on stderr"),
    )
    common.add_argument(
        "--cores", type=int, metavar="N", default=argparse.SUPPRESS,
        help=QT_TRANSLATE_NOOP("Core", "cores the job may use (default: $IOTFIN_CORES, else "
                               "all)"),
    )
    common.add_argument(
        "--cluster", metavar="ADDRESS", default=argparse.SUPPRESS,
        help=QT_TRANSLATE_NOOP("Core", "run the job's pieces on this Dask scheduler, e.g. "
                               "tcp://host:8786 (default: $IOTFIN_CLUSTER, else this machine)"),
    )
    return common


def window_size(text: str) -> tuple[int, int]:
    """``--size``: ``WIDTHxHEIGHT`` in pixels, each 200 to 10000."""
    width, sep, height = text.lower().partition("x")
    if sep and width.isdigit() and height.isdigit():
        size = (int(width), int(height))
        if all(200 <= side <= 10_000 for side in size):
            return size
    raise argparse.ArgumentTypeError(
        f"--size {text!r}: write WIDTHxHEIGHT in pixels, each 200 to 10000 (e.g. 1366x768)")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser with every command (``argv`` None), or, for ``argv``, with the command
    modules it names imported and the other commands listed by name and help only."""
    common = common_options()
    parser = Parser(
        prog="iotfin",
        description=QT_TRANSLATE_NOOP(
            "Core", "IoTFin Workstation: ATM and IoT fleet analytics, offline. Without a "
            "command, opens the workstation window."),
        parents=[common],
    )
    parser.add_argument(
        "--version", action=VersionAction,
        help=QT_TRANSLATE_NOOP("Core", "show the version of the workstation and of its key "
                               "libraries, and exit"))
    parser.add_argument(
        "--screenshot", metavar="OUT.png",
        help=QT_TRANSLATE_NOOP("Core", "open the window, save a screenshot of it to OUT.png and "
                               "exit"),
    )
    parser.add_argument(
        "--panel", metavar="NAME", help=QT_TRANSLATE_NOOP(
            "Core", "panel to show first (today, data, preprocess, models, fleet, forecast, "
            "reports)"),
    )
    parser.add_argument("--no-demo", action="store_true",
                        help=QT_TRANSLATE_NOOP("Core", "do not load the demo fleet"))
    parser.add_argument(
        "--size", metavar="WxH", type=window_size,
        help=QT_TRANSLATE_NOOP("Core", "window size in pixels, e.g. 1366x768 (for screenshots "
                               "of a small laptop screen)"))
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    if argv is None:
        for module_name in COMMAND_MODULES:
            importlib.import_module(module_name).register(subparsers, common)
        show_ranges(parser)
        return parser
    index = lazy.command_index(COMMAND_MODULES)
    wanted = lazy.requested_modules(argv, index)
    for module_name in wanted:
        importlib.import_module(module_name).register(subparsers, common)
    show_ranges(parser)
    if not wanted:
        for command in index.values():
            subparsers.add_parser(command.name, help=command.help, add_help=False)
    return parser


def show_ranges(parser: argparse.ArgumentParser, command: str = "",
                shown: set[int] | None = None) -> None:
    """Append each numeric option's range (:mod:`iotfin_gui.core.options`) to its help, once:
    the options every command shares (``--cores``) are one action object in all of them."""
    shown = set() if shown is None else shown
    ranges = options.options_of(*command.split(" ", 1)) if command else options.options_of(None)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, subparser in action.choices.items():
                show_ranges(subparser, f"{command} {name}".strip(), shown)
        elif id(action) in shown:
            continue
        elif action.dest in ranges and action.help is not argparse.SUPPRESS:
            shown.add(id(action))
            text = options.range_help(ranges[action.dest])
            action.help = Message(None, "{help} ({range})", {"help": action.help, "range": text}
                                  ) if action.help else text


def _message_text(language: str | None) -> Callable[[str], str]:
    """How the CLI words core messages: English, or translated with Qt's translation files."""
    if not language or language == "en":
        return str
    from PySide6.QtCore import QCoreApplication

    from iotfin_gui.ui.i18n import install_language, translated

    if QCoreApplication.instance() is None:
        QCoreApplication([sys.argv[0]])
    install_language(language)
    return translated


def progress_line(fraction: float | None, message: str, eta: Eta,
                  text: Callable[[str], str] = str) -> str:
    """One line of the CLI's progress bar: bar, percentage, elapsed and remaining time and the
    job's message, e.g. ``[#########---------------]  38%  0:42 elapsed, about 1:09 left``."""
    if fraction is None:
        bar = "[" + "?" * BAR_WIDTH + "]     "
    else:
        filled = round(fraction * BAR_WIDTH)
        bar = f"[{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {fraction:4.0%}"
    return f"{bar}  {text(eta.describe())}  {text(message)}"


def _cli_context(text: Callable[[str], str] = str, quiet: bool = False
                 ) -> tuple[JobContext, list[bool]]:
    """A job context that shows a progress bar on a terminal (after
    :data:`PROGRESS_AFTER_SECONDS`, unless ``quiet``) and turns Ctrl-C into a cancel."""
    cancel = [False]

    def on_interrupt(signum: int, frame: Any) -> None:
        cancel[0] = True

    signal.signal(signal.SIGINT, on_interrupt)
    interactive = sys.stderr.isatty() and not quiet
    eta = Eta()

    def report(fraction: float | None, message: str) -> None:
        eta.update(fraction)
        if interactive and eta.elapsed >= PROGRESS_AFTER_SECONDS:
            line = progress_line(eta.fraction if fraction is None else fraction, message, eta,
                                 text)
            print("\r" + line[:119].ljust(119), end="", file=sys.stderr, flush=True)

    return JobContext(report, lambda: cancel[0], min_interval=0.2), cancel


def render_text(payload: dict[str, Any]) -> str:
    """A plain-text rendering of a command's summary: one ``key: value`` line per entry."""
    lines = []
    for key, value in payload.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{key}:")
            lines.extend("  " + "  ".join(f"{k}={v}" for k, v in item.items()) for item in value)
        else:
            lines.append(f"{key}: {value}")
    return "\n".join(lines)


def _run_with_store(args: argparse.Namespace, path: Path, is_default: bool, ctx: JobContext,
                    text: Callable[[str], str]) -> dict[str, Any]:
    """Open the store (checked, see :meth:`Store.open`), tidy what killed jobs left, run."""
    from iotfin_gui.core.store import Store

    with Store.open(path, create_parents=is_default, verify=True) as store:
        if args.command not in NO_CLEANUP_COMMANDS:
            from iotfin_gui.core.leftovers import clean_leftovers

            for message in clean_leftovers(store):
                print(text(message), file=sys.stderr)
        return args.run(args, store, ctx)


def run_command(args: argparse.Namespace) -> int:
    """Run a subcommand, recorded in the log file (:mod:`iotfin_gui.core.logs`) with its
    outcome and duration; an unhandled exception also writes a crash report there."""
    from iotfin_gui.core.logs import install_crash_handlers, setup_logging

    setup_logging()
    install_crash_handlers()
    started = time.monotonic()
    code = EXIT_FAILED
    try:
        code = _run_command(args)
        return code
    finally:
        run_log.info("command %s ended with exit code %d after %.2f s", args.command, code,
                     time.monotonic() - started)


def _input_size(args: argparse.Namespace) -> int | None:
    """The size of the file a command reads (``import FILE``), as a hint of the space needed."""
    try:
        return os.stat(args.file).st_size if isinstance(getattr(args, "file", None), str) \
            else None
    except (OSError, ValueError):
        return None


def _run_command(args: argparse.Namespace) -> int:
    """Run a subcommand; commands that set ``needs_store=False`` get the store's path instead of
    an open store (they must work on a store that cannot be opened for writing). A command that
    writes is refused first when the store's disk has no space left (saying how much the input
    file would need)."""
    from iotfin_gui.core.paths import resolve_store_path

    as_json = getattr(args, "json", False)
    text = _message_text(getattr(args, "lang", None))
    ctx, _ = _cli_context(text, getattr(args, "quiet", False))
    path: Path | None = None
    try:
        options.check_args(args)
        path, is_default = resolve_store_path(getattr(args, "db", None))
        if args.command not in NO_CLEANUP_COMMANDS and disk_space.full_disk_message(path):
            raise StoreError(disk_space.full_disk_message(path, _input_size(args)))
        with parallel.use_cores(parallel.cores()):
            if not getattr(args, "needs_store", True):
                payload = args.run(args, path, ctx)
            else:
                payload = _run_with_store(args, path, is_default, ctx, text)
    except CancelledWithResults as cancelled:
        print("\n" + text(QT_TRANSLATE_NOOP("Core", "Cancelled; {count} finished result(s) "
                                            "were kept and marked partial.").format(
                                                count=len(cancelled.results or []))),
              file=sys.stderr)
        if as_json:
            print(json.dumps({"cancelled": True, "kept": cancelled.results},
                             ensure_ascii=False, default=str))
        return EXIT_CANCELLED
    except JobCancelled:
        print("\n" + text(QT_TRANSLATE_NOOP("Core", "Cancelled; the store is unchanged.")),
              file=sys.stderr)
        return EXIT_CANCELLED
    except (OSError, sqlite3.Error) as error:
        full = disk_space.explain(error, path, _input_size(args))
        if full is None:
            raise
        run_log.warning("%s", full)
        print(text(QT_TRANSLATE_NOOP("Core", "error: {message}").format(message=full)),
              file=sys.stderr)
        return EXIT_USAGE
    except UserFacingError as error:
        run_log.warning("%s", user_message(error))
        print(text(QT_TRANSLATE_NOOP("Core", "error: {message}").format(
            message=user_message(error))), file=sys.stderr)
        return EXIT_USAGE
    if sys.stderr.isatty():
        print("\r".ljust(120), end="\r", file=sys.stderr)
    render = getattr(args, "render", render_text)
    try:
        print(json.dumps(payload, ensure_ascii=False, default=str) if as_json
              else render(payload), flush=True)
    except BrokenPipeError:  # the reader stopped early (``iotfin export --list | head -1``)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OK


def _requested_language(argv: Sequence[str]) -> str | None:
    """The ``--lang`` of ``argv``, read before parsing (help texts are made before parsing)."""
    for index, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
    return None


def translate_help(parser: argparse.ArgumentParser, text: Callable[[str], str]) -> None:
    """Put every description and option help of ``parser`` and its subcommands through ``text``
    (help texts are marked with QT_TRANSLATE_NOOP where they are written)."""
    parser.description = text(parser.description) if parser.description else None
    for action in parser._actions:
        if action.help not in (None, argparse.SUPPRESS):
            action.help = text(action.help)
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                choice.help = text(choice.help) if choice.help else choice.help
            for subparser in set(action.choices.values()):
                translate_help(subparser, text)


def _requested_cores(argv: Sequence[str]) -> str | None:
    """The ``--cores`` of ``argv``, read before parsing (thread pools are capped before numpy
    loads, and the command's module may import it)."""
    for index, arg in enumerate(argv):
        if arg.startswith("--cores="):
            return arg.split("=", 1)[1]
        if arg == "--cores" and index + 1 < len(argv):
            return argv[index + 1]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; the ``--cores``/``--cluster`` it sets in the environment (for the
    workers it starts) are put back afterwards, so a caller in the same process (a test, a
    script) keeps its own."""
    names = (parallel.CORES_VARIABLE, CLUSTER_VARIABLE)
    saved = {name: os.environ.get(name) for name in names}
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _main(argv: list[str]) -> int:
    cores = _requested_cores(argv)
    if cores is not None and cores.isdigit() and int(cores) >= 1:
        os.environ[parallel.CORES_VARIABLE] = cores
    parallel.cap_environment(parallel.cores())
    parser = build_parser(argv)
    language = _requested_language(argv)
    if language in LANGUAGE_CODES and {"-h", "--help"} & set(argv):
        translate_help(parser, _message_text(language))
    args = parser.parse_args(argv)
    if getattr(args, "cluster", None):
        os.environ[CLUSTER_VARIABLE] = args.cluster
    if args.command is None:
        from iotfin_gui.ui.app import run_gui

        return run_gui(args)
    return run_command(args)

"""Which module defines which subcommand, read from the modules' source without importing them.

Importing every subcommand module to build the parser would load pandas, scikit-learn and the
rest of the core on every call (``iotfin --version`` paid 4.5x ``import pandas``). So the parser
imports only the module of the command being run; for ``--help`` and the command list, each
command's name and help text are read from its module's ``register(subparsers, common)``
source: every ``subparsers.add_parser("name", ..., help=QT_TRANSLATE_NOOP("Core", "text"))``
there. A test checks that this index equals what the modules register when imported.
"""

from __future__ import annotations

import ast
import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from iotfin_gui.core.messages import Message


@dataclass(frozen=True)
class Command:
    """A subcommand: its name, the module that registers it and its help text (a translatable
    Message of the "Core" context, as the module marks it)."""

    name: str
    module: str
    help: Message | None


def _help_text(call: ast.Call) -> str | None:
    for keyword in call.keywords:
        if keyword.arg != "help":
            continue
        value = keyword.value
        if isinstance(value, ast.Call) and len(value.args) == 2:
            value = value.args[1]
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            return Message("Core", value.value)
    return None


def module_commands(module: str) -> list[Command]:
    """The commands ``module`` registers, from its source (nothing is imported)."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        return []
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    out = []
    for node in tree.body:
        if not (isinstance(node, ast.FunctionDef) and node.name == "register" and node.args.args):
            continue
        subparsers = node.args.args[0].arg
        for call in ast.walk(node):
            if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                    and call.func.attr == "add_parser"
                    and isinstance(call.func.value, ast.Name) and call.func.value.id == subparsers
                    and call.args and isinstance(call.args[0], ast.Constant)):
                out.append(Command(str(call.args[0].value), module, _help_text(call)))
    return out


def command_index(modules: Sequence[str]) -> dict[str, Command]:
    """Every command of ``modules`` by name, in registration order."""
    return {command.name: command for module in modules for command in module_commands(module)}


def requested_modules(argv: Sequence[str], index: dict[str, Command]) -> list[str]:
    """The module of the command being run: that of the first word of ``argv`` naming a command
    (none for ``--help``, ``--version`` or the window), and of any word before it that may be
    an option's value (``--panel fleet``). A later word naming a command is an argument of the
    one being run (``routes import FILE``) and loads nothing."""
    wanted = []
    for previous, arg in zip([None, *argv], argv, strict=False):
        if arg not in index:
            continue
        wanted.append(index[arg].module)
        if not (previous and previous.startswith("-") and "=" not in previous):
            break
    return list(dict.fromkeys(wanted))

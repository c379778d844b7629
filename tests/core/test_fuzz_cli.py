"""Every subcommand, fuzzed: each command line ends with exit code 0 or 2, one error line, no
traceback (the harness is :mod:`cli_fuzzing`; ``bench/fuzz_cli.py`` runs it with many more
examples)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_fuzzing import (
    HOSTILE_FLAGS,
    Playground,
    command_lines,
    mutated_lines,
    run_one,
    valid_lines,
)
from hypothesis import HealthCheck, given, settings
from hypothesis.strategies import SearchStrategy

COMMANDS = ("demo", "datasets", "info", "train", "predict", "leaderboard", "forecast", "plan",
            "fleet", "import", "export", "report", "recipe list", "recipe show",
            "recipe import", "recipe export", "recipe apply", "recipe steps", "check", "backup",
            "restore", "compact", "trash list", "trash restore", "trash empty", "model export",
            "model import", "routes show", "routes import", "routes export")
#: Examples per command in the normal suite (bench/fuzz_cli.py runs hundreds).
EXAMPLES = 4


@pytest.fixture(scope="module")
def playground(tmp_path_factory: pytest.TempPathFactory):
    ground = Playground(Path(tmp_path_factory.mktemp("fuzz")))
    yield ground
    ground.close()


def test_the_harness_covers_every_command(playground: Playground) -> None:
    from iotfin_gui.cli import build_parser

    parser = build_parser()
    registered = set()
    for action in parser._subparsers._group_actions:
        for name, sub in action.choices.items():
            nested = [a for a in sub._actions if a.__class__.__name__ == "_SubParsersAction"]
            registered |= ({f"{name} {n}" for a in nested for n in a.choices} if nested
                           else {name})
    assert registered <= set(command_lines(playground)), registered - set(COMMANDS)
    assert set(COMMANDS) == set(command_lines(playground))


def fuzz(playground: Playground, strategy: SearchStrategy[list[str]]) -> None:
    """Run :data:`EXAMPLES` command lines of ``strategy``; each must pass."""
    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def one(argv: list[str]) -> None:
        outcome = run_one(playground, argv)
        assert outcome.passed, (outcome.kind, argv, outcome.crash, outcome.stderr[-800:])

    one()


@pytest.mark.parametrize("command", COMMANDS)
def test_command_lines_end_cleanly(playground: Playground, command: str) -> None:
    fuzz(playground, command_lines(playground)[command])


def test_the_valid_command_lines_work(playground: Playground) -> None:
    for command, argv in valid_lines(playground).items():
        outcome = run_one(playground, argv)
        assert outcome.kind == "ok", (command, outcome.stderr[-500:])


@pytest.mark.parametrize("command", HOSTILE_FLAGS)
def test_one_hostile_option_in_a_valid_command_line(playground: Playground,
                                                    command: str) -> None:
    fuzz(playground, mutated_lines(playground)[command])


def test_a_hostile_command_line_is_one_line_exit_2(playground: Playground) -> None:
    outcome = run_one(playground, ["forecast", "--dataset", "demo_withdrawals", "--out",
                                   str(playground.folder / "f.csv"), "--capacity", "nan"])
    assert outcome.kind == "refused" and outcome.code == 2
    assert "--capacity nan" in outcome.error_lines[0]

"""The operator's guide names only commands and options that exist."""

from __future__ import annotations

import re
import shlex

import click
import pytest

from planwatch.cli import main
from tests.paths import REPO

GUIDE = REPO / "docs" / "operations.md"
_CONTEXT = click.Context(main)


def _command_lines() -> list[list[str]]:
    """Every `planwatch …` command in the guide: code-block lines and inline code."""
    text = GUIDE.read_text(encoding="utf-8")
    found = re.findall(r"`(planwatch [a-z-][^`]*)`", text)
    for block in re.findall(r"```[a-z]*\n(.*?)```", text, flags=re.DOTALL):
        joined = block.replace("\\\n", " ")
        found += re.findall(r"(?:^|/bin/)(planwatch [a-z-].*)$", joined, flags=re.MULTILINE)
    commands = []
    for line in found:
        cleaned = line.replace("…", "").replace("<", "").replace(">", "")
        commands.append(shlex.split(cleaned)[1:])
    return commands


def _resolve(words: list[str]) -> tuple[click.Command, list[str], str]:
    """The (sub)command the words name, the options written after it, and its path."""
    command: click.Command = main
    options = []
    path = []
    rest = list(words)
    while rest:
        word = rest.pop(0)
        if word.startswith("-"):
            options.append(word.split("=")[0])
        elif isinstance(command, click.Group) and word in command.list_commands(_CONTEXT):
            command = command.get_command(_CONTEXT, word) or command
            path.append(word)
    return command, options, " ".join(path)


def _option_names(command: click.Command) -> set[str]:
    names = {name for p in command.params for name in (*p.opts, *p.secondary_opts)}
    return names | {name for p in main.params for name in p.opts}


def test_the_guide_shows_the_operators_commands() -> None:
    named = {_resolve(words)[2] for words in _command_lines()}
    for must in ("serve", "db backup", "db restore", "db rebuild", "db migrate", "audit verify"):
        assert must in named, must


@pytest.mark.parametrize("words", _command_lines(), ids=" ".join)
def test_every_command_in_the_guide_exists_with_its_options(words: list[str]) -> None:
    command, options, _ = _resolve(words)
    assert command is not main, words
    unknown = set(options) - _option_names(command)
    assert not unknown, f"{words}: {unknown}"

"""Fixtures for asking one rule through `opensend law`, as a caseworker would.

A test module names its rule's command module in `LAW_COMMAND` (e.g. "training_slot"); the
command line is then built with that rule alone, so one rule's tests never depend on another
rule's glue.
"""

import json

import pytest

from opensend.law import cli


@pytest.fixture
def _only_this_rule(request, monkeypatch):
    module = request.module.LAW_COMMAND
    monkeypatch.setattr(cli, "COMMAND_MODULES", [module])
    return module.replace("_", "-")


@pytest.fixture
def law(_only_this_rule, capsys):
    """Run the rule and return its JSON output (the exit code must be 0)."""

    def run(*argv: str) -> dict:
        assert cli.main(list(argv)) == 0
        return json.loads(capsys.readouterr().out)

    return run


@pytest.fixture
def bad(_only_this_rule, capsys):
    """Run the rule with bad input: exit 2, usage and one error line, never a traceback."""

    def run(*argv: str) -> str:
        with pytest.raises(SystemExit) as exit_:
            cli.main(list(argv))
        assert exit_.value.code == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert "Traceback" not in captured.err
        assert captured.err.startswith(f"usage: opensend law {_only_this_rule}")
        return captured.err

    return run

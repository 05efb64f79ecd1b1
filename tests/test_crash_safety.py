"""SIGKILL during an import leaves all of it or none of it (a short run of the script)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "crash_safety.py"
pytestmark = pytest.mark.slow  # subprocesses killed mid-write, several times over


def test_killed_imports_are_all_or_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("crash_safety", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.run(["--kills", "6", "--followers", "60000", "--seed", "3"]) == 0
    output = capsys.readouterr().out
    assert output.count(" ok\n") == 6


def test_killed_restores_leave_the_journal_empty_or_whole(
    capsys: pytest.CaptureFixture[str],
) -> None:
    spec = importlib.util.spec_from_file_location("crash_safety", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.run(["--restore", "--kills", "4", "--followers", "30000", "--seed", "5"]) == 0
    assert capsys.readouterr().out.count(" ok\n") == 4


@pytest.mark.parametrize("mode", ["backup", "export", "merge"])
def test_killed_copies_and_merges_leave_all_or_nothing_and_no_leftovers(
    mode: str, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = importlib.util.spec_from_file_location("crash_safety", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.run(["--mode", mode, "--kills", "3", "--followers", "40000", "--seed", "2"]) == 0
    assert capsys.readouterr().out.count(" · ok\n") == 3

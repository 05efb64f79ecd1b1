"""The README's two set-up commands stay true: CI runs the test command verbatim."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    head = text.split("## ", 1)[0]  # the two commands come before the first section
    return re.findall(r"```sh\n(.+?)\n```", head)


def test_readme_starts_with_two_commands_and_a_screenshot() -> None:
    text = (ROOT / "README.md").read_text()
    assert text.startswith("# netdash\n")
    assert "](screenshots/dashboard.svg)" in text.split("```", 1)[0]
    install, test = readme_commands()
    assert install.endswith("netdash")
    assert "pytest" in test


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    _, test = readme_commands()
    assert test in (ROOT / ".ci" / "run").read_text().splitlines()


def test_every_screenshot_the_readme_shows_exists() -> None:
    text = (ROOT / "README.md").read_text()
    for path in re.findall(r"\]\((screenshots/[^)]+)\)", text):
        assert (ROOT / path).is_file(), path

"""The config file's [depth] section: the minimum score per layer, its defaults and its errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from netdash.config import DEFAULT_FILE, load_config
from netdash.domain.errors import InvalidInput
from netdash.domain.scoring import DEFAULT_MIN_SCORE
from tests.conftest import Run


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_default_file_states_the_defaults(tmp_path: Path) -> None:
    assert 'min_score."5" = 55' in DEFAULT_FILE
    parsed = DEFAULT_FILE + "# parsed: the default text alone is taken unread\n"
    assert load_config(write(tmp_path, parsed)).depth.min_score == DEFAULT_MIN_SCORE
    assert load_config(tmp_path / "missing.toml").depth.min_score == DEFAULT_MIN_SCORE


def test_a_minimum_can_be_changed_and_the_rest_keep_their_defaults(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, '[depth]\nmin_score."5" = 70\n'))
    assert config.depth.min_score == {"5": 70.0, "15": 35.0, "50": 15.0, "150": 0.0}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('min_score."7" = 10', "depth.min_score.7 is not a layer"),
        ('min_score."5" = -1', "depth.min_score.5 should be a number"),
        ('min_score."5" = "high"', "depth.min_score.5 should be a number"),
    ],
)
def test_a_bad_minimum_is_refused_by_name(tmp_path: Path, line: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        load_config(write(tmp_path, f"[depth]\n{line}\n"))


def test_trash_days_default_and_setting(tmp_path: Path) -> None:
    parsed = DEFAULT_FILE + "# parsed: the default text alone is taken unread\n"
    assert load_config(write(tmp_path, parsed)).trash_days == 30
    assert load_config(tmp_path / "missing.toml").trash_days == 30
    assert load_config(write(tmp_path, "[trash]\ndays = 7\n")).trash_days == 7
    with pytest.raises(InvalidInput, match=r"trash\.days should be a whole number"):
        load_config(write(tmp_path, '[trash]\ndays = "week"\n'))


@pytest.mark.parametrize("key", ["weights", "cadence_days", "min_score"])
def test_a_per_layer_setting_that_is_not_a_table_is_refused_by_name(
    tmp_path: Path, key: str
) -> None:
    # ``min_score = 5`` under [depth] used to raise a TypeError (dict(5)) instead of saying so
    with pytest.raises(InvalidInput, match=rf"depth\.{key} should be a table"):
        load_config(write(tmp_path, f"[depth]\n{key} = 5\n"))


def test_a_broken_config_does_not_stop_logging_but_stops_scoring(
    run: Run, isolated_home: Path
) -> None:
    """A typo in the config must not lock the user out of their journal (log, export, backup):
    the command says the config was ignored and goes on. A command whose numbers depend on the
    config's weights still refuses, rather than print scores made with other weights."""
    config = isolated_home / "config" / "netdash" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("[trash]\ndays = 'many'\n", encoding="utf-8")

    logged = run("log", "coffee with Ana Souza")
    assert logged.exit_code == 0, logged.output
    assert "config ignored, the trash keeps 30 days" in logged.stderr
    assert "trash.days should be a whole number" in logged.stderr
    assert run("people", "list").exit_code == 0

    scored = run("stats", "--json")
    assert scored.exit_code == 2
    assert f"{config}: trash.days should be a whole number" in scored.stderr

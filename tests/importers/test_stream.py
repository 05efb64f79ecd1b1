"""The streaming JSON array reader: chunk boundaries, truncation, trailing text."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netdash.importers import stream
from netdash.importers.source import BadExport
from netdash.importers.stream import iter_json_array
from tests.importers.conftest import FIXTURES, zip_folder

elements = st.lists(
    st.dictionaries(st.text(max_size=5), st.one_of(st.integers(), st.text(max_size=30))),
    max_size=30,
)


@given(elements, st.integers(1, 64))
def test_any_array_reads_back_whatever_the_chunk_size(
    items: list[dict[str, object]], chunk: int
) -> None:
    original = stream.CHUNK
    stream.CHUNK = chunk
    try:
        data = ("window.YTD.x.part0 = " + json.dumps(items, indent=2) + ";").encode()
        assert list(iter_json_array(io.BytesIO(data), "f", after="=")) == items
    finally:
        stream.CHUNK = original


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('= [ {"a": 1}, {"a": ', "line 1"),
        ('= [ {"a": 1}\n, {"a": 2}\n', "cut short"),
        ('= [ {"a": 1} ] trailing', "after the list"),
        ("= {}", "expected a list"),
        ("", "expected '='"),
        ("= ", "empty"),
    ],
)
def test_bad_arrays_say_where(text: str, problem: str) -> None:
    with pytest.raises(BadExport, match=problem):
        list(iter_json_array(io.BytesIO(text.encode()), "f.js", after="="))


def test_a_truncated_part_in_an_archive_writes_nothing(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from netdash.cli import cli

    folder = tmp_path / "twitter"
    import shutil

    shutil.copytree(FIXTURES / "twitter", folder)
    follower = folder / "data" / "follower.js"
    follower.write_text(follower.read_text()[:300])
    archive = zip_folder(folder, tmp_path / "cut.zip")
    db = tmp_path / "j.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "import", str(archive)])
    assert result.exit_code == 2, result.output
    assert "follower.js: line" in result.output
    assert not db.exists()  # nothing written: not even the empty journal this run created

"""Kill `netdash import` or `netdash restore` with SIGKILL at random moments; the journal must
hold all or nothing.

    python scripts/crash_safety.py [--kills 20] [--followers 200000] [--seed 1] [--restore]

Each round starts a fresh journal (one earlier import in it), launches the import of a large
Twitter archive, kills it after a random delay, then checks `PRAGMA integrity_check` and that
the journal holds either all of that import or none of it. With ``--restore`` each round instead
restores a JSON export of such a journal into an empty one and kills that: the journal must be
empty or whole, and the next restore must tidy away the killed one's scratch journal. Prints one
line per round and exits non-zero at the first failure.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path


def build_archive(path: Path, followers: int, generated: str, first_id: int) -> None:
    manifest = {
        "userInfo": {"accountId": "1", "userName": "crash_test"},
        "archiveInfo": {"generationDate": generated},
        "dataTypes": {
            "follower": {"files": [{"fileName": "data/follower.js", "count": str(followers)}]}
        },
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data/manifest.js", "window.__THAR_CONFIG = " + json.dumps(manifest))
        rows = ",".join(
            json.dumps({"follower": {"accountId": str(first_id + index)}})
            for index in range(followers)
        )
        archive.writestr("data/follower.js", f"window.YTD.follower.part0 = [{rows}]")


def timed_run(command: list[str], env: dict[str, str]) -> float:
    """Seconds one uninterrupted run takes: the kills are spread over that span."""
    started = time.perf_counter()
    subprocess.run(command, check=True, env=env, capture_output=True)
    return time.perf_counter() - started


def kill_after(command: list[str], env: dict[str, str], delay: float) -> None:
    """Start a command and SIGKILL it after ``delay`` seconds (if it is still running)."""
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()


def inspect(journal: Path) -> tuple[str, int, int]:
    """The journal's integrity check, its imports and its follower rows."""
    with sqlite3.connect(journal) as conn:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        imports = conn.execute("SELECT COUNT(*) FROM imports").fetchone()[0]
        followers = conn.execute("SELECT COUNT(*) FROM follower_accounts").fetchone()[0]
    return str(integrity), int(imports), int(followers)


def run(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--followers", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--restore", action="store_true", help="kill restores, not imports")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        first, second = folder / "first.zip", folder / "second.zip"
        build_archive(first, 10, "2026-01-01T00:00:00.000Z", first_id=5 * 10**12)
        build_archive(second, args.followers, "2026-02-01T00:00:00.000Z", first_id=10**12)
        env = {**os.environ, "NETDASH_TODAY": "2026-11-26"}
        command = [sys.executable, "-m", "netdash", "--db"]
        full = timed_run([*command, str(folder / "timing.db"), "import", str(second)], env)
        if args.restore:
            return _kill_restores(folder, command, env, rng, args.kills, 10 + args.followers)
        for round_number in range(1, args.kills + 1):
            journal = folder / f"round-{round_number}.db"
            subprocess.run(
                [*command, str(journal), "import", str(first)],
                check=True,
                env=env,
                capture_output=True,
            )
            delay = rng.uniform(0.05, full * 1.1)
            kill_after([*command, str(journal), "import", str(second)], env, delay)
            integrity, imports, followers = inspect(journal)
            whole = (imports, followers) in ((1, 10), (2, 10 + args.followers))
            print(
                f"round {round_number:2d}: killed after {delay:.2f} s · integrity {integrity}"
                f" · imports {imports} · followers {followers} · {'ok' if whole else 'PARTIAL'}"
            )
            if integrity != "ok" or not whole:
                return 1
    print(f"{args.kills} kills, the journal held all or none of the import every time")
    return 0


def _kill_restores(
    folder: Path,
    command: list[str],
    env: dict[str, str],
    rng: random.Random,
    kills: int,
    expected: int,
) -> int:
    whole = folder / "whole.db"
    subprocess.run([*command, str(whole), "import", str(folder / "first.zip")], check=True, env=env)
    subprocess.run(
        [*command, str(whole), "import", str(folder / "second.zip")], check=True, env=env
    )
    export = folder / "export.json"
    subprocess.run([*command, str(whole), "export", "-o", str(export)], check=True, env=env)
    full = timed_run([*command, str(folder / "timed.db"), "restore", str(export)], env)
    for round_number in range(1, kills + 1):
        target = folder / f"restore-{round_number}" / "journal.db"
        target.parent.mkdir()
        subprocess.run([*command, str(target), "stats"], check=True, env=env, capture_output=True)
        delay = rng.uniform(0.05, full * 1.1)
        kill_after([*command, str(target), "restore", str(export)], env, delay)
        integrity, imports, followers = inspect(target)
        ok = (imports, followers) in ((0, 0), (2, expected))
        if followers == 0:  # killed before it landed: a second restore must work and tidy up
            subprocess.run([*command, str(target), "restore", str(export)], check=True, env=env,
                           capture_output=True)  # fmt: skip
            ok = ok and not list(target.parent.glob(".restore-*"))
        print(
            f"round {round_number:2d}: restore killed after {delay:.2f} s · integrity {integrity}"
            f" · followers {followers} · {'ok' if ok else 'PARTIAL'}"
        )
        if integrity != "ok" or not ok:
            return 1
    print(f"{kills} kills, every restore left the journal empty or whole")
    return 0


if __name__ == "__main__":
    sys.exit(run())

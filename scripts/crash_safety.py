"""Kill `netdash import` with SIGKILL at random moments; the journal must hold all or nothing.

    python scripts/crash_safety.py [--kills 20] [--followers 200000] [--seed 1]

Each round starts a fresh journal (one earlier import in it), launches the import of a large
Twitter archive, kills it after a random delay, then checks `PRAGMA integrity_check` and that
the journal holds either all of that import or none of it. Prints one line per round and exits
non-zero at the first failure.
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


def run(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--followers", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        first, second = folder / "first.zip", folder / "second.zip"
        build_archive(first, 10, "2026-01-01T00:00:00.000Z", first_id=5 * 10**12)
        build_archive(second, args.followers, "2026-02-01T00:00:00.000Z", first_id=10**12)
        env = {**os.environ, "NETDASH_TODAY": "2026-11-26"}
        command = [sys.executable, "-m", "netdash", "--db"]
        started = time.perf_counter()
        subprocess.run(
            [*command, str(folder / "timing.db"), "import", str(second)],
            check=True,
            env=env,
            capture_output=True,
        )
        full = time.perf_counter() - started
        for round_number in range(1, args.kills + 1):
            journal = folder / f"round-{round_number}.db"
            subprocess.run(
                [*command, str(journal), "import", str(first)],
                check=True,
                env=env,
                capture_output=True,
            )
            process = subprocess.Popen(
                [*command, str(journal), "import", str(second)],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            delay = rng.uniform(0.05, full * 1.1)
            time.sleep(delay)
            process.send_signal(signal.SIGKILL)
            process.wait()
            with sqlite3.connect(journal) as conn:
                integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
                imports = conn.execute("SELECT COUNT(*) FROM imports").fetchone()[0]
                followers = conn.execute("SELECT COUNT(*) FROM follower_accounts").fetchone()[0]
            whole = (imports, followers) in ((1, 10), (2, 10 + args.followers))
            print(
                f"round {round_number:2d}: killed after {delay:.2f} s · integrity {integrity}"
                f" · imports {imports} · followers {followers} · {'ok' if whole else 'PARTIAL'}"
            )
            if integrity != "ok" or not whole:
                return 1
    print(f"{args.kills} kills, the journal held all or none of the import every time")
    return 0


if __name__ == "__main__":
    sys.exit(run())

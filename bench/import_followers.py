"""Benchmark importing a 1,000,000-follower Twitter archive against plain sqlite3 executemany.

    python bench/import_followers.py [--followers 1000000]

Both run in fresh processes on fresh journal files, in the same run:
- baseline: the same rows, already in a Python list, inserted with one ``executemany`` into the
  same follower_accounts table in one transaction;
- netdash: ``open_export`` + ``import_snapshot`` on the zip (reading, validating, upserting,
  provenance) — what `netdash import twitter archive.zip` does.
Prints the time ratio (target at most 1.5) and each process's peak memory (ru_maxrss).
The archive is built once into bench/.cache/.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"

BASELINE = """
import json, resource, sys, time
from netdash.store.db import open_db
ids = json.load(open(sys.argv[2]))
db = open_db(sys.argv[1])
if sys.argv[3] == "tuned":
    db.execute("PRAGMA cache_size = -65536")  # the page cache netdash gives its imports
db.execute("INSERT INTO accounts(id, platform, handle, created_at)"
           " VALUES (1, 'twitter', 'me', 'x')")
rows = [(1, i, None, "2026-11-01T00:00:00Z", "2026-11-01T00:00:00Z") for i in ids]
started = time.perf_counter()
with db.conn:
    db.conn.executemany(
        "INSERT INTO follower_accounts(account_id, remote_id, handle, first_seen, last_seen)"
        " VALUES (?, ?, ?, ?, ?)", rows)
elapsed = time.perf_counter() - started
print(json.dumps({"seconds": elapsed,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

NETDASH = """
import json, resource, sys, time
from pathlib import Path
from netdash.importers.registry import open_export
from netdash.importers.source import sha256_of
from netdash.store.db import open_db
from netdash.store.imports import import_snapshot
db = open_db(sys.argv[1])
path = Path(sys.argv[2])
started = time.perf_counter()
with open_export(path, "twitter") as snapshot:
    result = import_snapshot(db, snapshot, file_name=path.name, sha256=sha256_of(path))
elapsed = time.perf_counter() - started
assert result.listed == result.followers, result
print(json.dumps({"seconds": elapsed, "listed": result.listed,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def build_archive(count: int) -> tuple[Path, Path]:
    CACHE.mkdir(exist_ok=True)
    archive = CACHE / f"twitter-{count}.zip"
    ids_file = CACHE / f"twitter-{count}-ids.json"
    if archive.exists() and ids_file.exists():
        return archive, ids_file
    print(f"building a {count:,}-follower archive once...", flush=True)
    rng = random.Random(1)
    ids = sorted({str(rng.randrange(10**7, 10**19)) for _ in range(count + count // 100)})[:count]
    rng.shuffle(ids)
    manifest = {
        "userInfo": {"accountId": "1", "userName": "bench_me", "displayName": "Bench"},
        "archiveInfo": {"generationDate": "2026-11-01T00:00:00.000Z", "isPartialArchive": False},
        "dataTypes": {
            "follower": {
                "files": [
                    {
                        "fileName": "data/follower.js",
                        "globalName": "YTD.follower.part0",
                        "count": str(count),
                    }
                ]
            },
            "following": {"files": []},
        },
    }
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("data/manifest.js", "window.__THAR_CONFIG = " + json.dumps(manifest, indent=2))
        with out.open("data/follower.js", "w") as handle:
            handle.write(b"window.YTD.follower.part0 = [\n")
            for index, account_id in enumerate(ids):
                entry = {
                    "follower": {
                        "accountId": account_id,
                        "userLink": f"https://twitter.com/intent/user?user_id={account_id}",
                    }
                }
                text = json.dumps(entry, indent=2, separators=(",", " : "))
                handle.write(("  " + text + (",\n" if index < count - 1 else "\n")).encode())
            handle.write(b"]\n")
    ids_file.write_text(json.dumps(ids))
    return archive, ids_file


def run(code: str, *args: str) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, "-c", code, *args],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ},
    ).stdout
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--followers", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    archive, ids_file = build_archive(args.followers)
    baseline_times, tuned_times, netdash_times = [], [], []
    baseline_peak = netdash_peak = 0.0
    with tempfile.TemporaryDirectory() as scratch:
        for run_index in range(args.runs):
            db = str(Path(scratch) / f"base-{run_index}.db")
            base = run(BASELINE, db, str(ids_file), "plain")
            tuned = run(BASELINE, db + ".tuned", str(ids_file), "tuned")
            ours = run(NETDASH, str(Path(scratch) / f"netdash-{run_index}.db"), str(archive))
            assert ours["listed"] == args.followers
            baseline_times.append(base["seconds"])
            tuned_times.append(tuned["seconds"])
            netdash_times.append(ours["seconds"])
            baseline_peak = max(baseline_peak, base["peak_mb"])
            netdash_peak = max(netdash_peak, ours["peak_mb"])
    baseline, tuned_best, ours_best = min(baseline_times), min(tuned_times), min(netdash_times)
    ratio = ours_best / baseline
    print(
        f"import    baseline executemany of {args.followers:,} rows: {baseline:.2f} s"
        f" (peak {baseline_peak:.0f} MB, rows held in a list);"
        f" with netdash's 64 MB page cache: {tuned_best:.2f} s"
    )
    print(
        f"import    netdash import of the {archive.stat().st_size / 1e6:.0f} MB zip:"
        f" {ours_best:.2f} s (peak {netdash_peak:.0f} MB, streamed)"
    )
    print(
        f"import    ratio: {ratio:.2f} against plain executemany (fastest of {args.runs};"
        f" target <= 1.50)  {'ok' if ratio <= 1.5 else 'OVER'};"
        f" {ours_best / tuned_best:.2f} against executemany with the same page cache"
    )


if __name__ == "__main__":
    main()

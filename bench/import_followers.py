"""Benchmark importing a 1,000,000-follower Twitter archive against plain sqlite3 executemany.

    python bench/import_followers.py [--followers 1000000]

Both run in fresh processes on fresh journal files, in the same run:
- baseline: the same rows, already in a Python list, inserted with one ``executemany`` into the
  same follower_accounts table in one transaction;
- netdash: ``open_export`` + ``import_snapshot`` on the zip (reading, validating, upserting,
  provenance) — what `netdash import twitter archive.zip` does.
Runs interleave (harness.interleave); prints medians and p95s of each kind and of the ratio to
the tuned baseline paired by round (target at most 1.2), and each kind's peak memory (ru_maxrss).
``--before SRC`` adds netdash from another source tree to the same loop, for an A/B.
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import compile_bytecode, interleave, median, p95

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


def run(code: str, *args: str, src: str | None = None) -> dict[str, float]:
    """One fresh process; ``src`` puts another source tree first (an A/B against a commit)."""
    env = {**os.environ}
    if src:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    output = subprocess.run(
        [sys.executable, "-c", code, *args], check=True, capture_output=True, text=True, env=env
    ).stdout
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--followers", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--before", metavar="SRC", help="also time netdash from this src folder (an A/B)"
    )
    args = parser.parse_args()
    compile_bytecode()
    archive, ids_file = build_archive(args.followers)
    kinds = ["plain", "tuned", "netdash", *(["before"] if args.before else [])]
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    peaks: dict[str, float] = dict.fromkeys(kinds, 0.0)
    with tempfile.TemporaryDirectory() as scratch:
        for index, kind in enumerate(interleave(kinds, args.runs)):
            db = str(Path(scratch) / f"{kind}-{index}.db")
            if kind in ("plain", "tuned"):
                result = run(BASELINE, db, str(ids_file), kind)
            else:
                src = args.before if kind == "before" else None
                result = run(NETDASH, db, str(archive), src=src)
                assert result["listed"] == args.followers
            Path(db).unlink()
            times[kind].append(result["seconds"])
            peaks[kind] = max(peaks[kind], result["peak_mb"])
    report(args, archive, times, peaks)


def report(
    args: argparse.Namespace,
    archive: Path,
    times: dict[str, list[float]],
    peaks: dict[str, float],
) -> None:
    for kind, seconds in times.items():
        print(
            f"import    {kind:<8} median {median(seconds):6.2f} s  p95 {p95(seconds):6.2f} s"
            f"  peak {peaks[kind]:4.0f} MB  ({len(seconds)} interleaved runs)"
        )
    for kind in [k for k in ("netdash", "before") if k in times]:
        ratios = [ours / base for ours, base in zip(times[kind], times["tuned"], strict=True)]
        print(
            f"import    {kind} ÷ executemany with the same 64 MB page cache: median"
            f" {median(ratios):.2f}, p95 {p95(ratios):.2f} (paired by round; target <= 1.20)"
            f"  {'ok' if median(ratios) <= 1.2 else 'OVER'};"
            f" ÷ plain executemany {median(times[kind]) / median(times['plain']):.2f}"
            f" ({archive.stat().st_size / 1e6:.0f} MB zip, {args.followers:,} followers)"
        )


if __name__ == "__main__":
    main()

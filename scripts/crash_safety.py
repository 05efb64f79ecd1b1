"""Kill netdash with SIGKILL at random moments while it writes; nothing may be lost or left.

    python scripts/crash_safety.py [--mode import|restore|backup|export|merge] [--kills 20]
                                   [--followers 200000] [--seed 1]

Each round starts from a fresh journal, launches the command, kills it after a random delay
spread over the time one uninterrupted run takes, then checks what is on disk:

- import: `PRAGMA integrity_check` is ok and the journal holds all of the import or none of it.
- restore: the journal is empty or whole, and the next command (any) removes the scratch
  journal the killed restore left.
- backup, export: the output is absent or complete (a whole journal with every row; JSON that
  parses with every row), and the next command removes the hidden partial file.
- merge: both people with all their interactions, or one person with all of them.

Every round ends by running `netdash stats`, after which no half-written file of netdash's may
remain. Prints one line per round and exits non-zero at the first failure.
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
from contextlib import closing
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
    with closing(sqlite3.connect(journal)) as conn, conn:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        imports = conn.execute("SELECT COUNT(*) FROM imports").fetchone()[0]
        followers = conn.execute("SELECT COUNT(*) FROM follower_accounts").fetchone()[0]
    return str(integrity), int(imports), int(followers)


MARK = ".netdash-part-"  # netdash.leftovers.MARK: in every temporary name netdash makes


def leftovers(folder: Path) -> list[Path]:
    """Half-written files of netdash's (and restore scratch folders) anywhere below ``folder``."""
    return [item for item in folder.rglob("*") if MARK in item.name or ".restore-" in item.name]


def run(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--mode", choices=["import", "restore", "backup", "export", "merge"], default="import"
    )
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--followers", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--restore", action="store_true", help="the same as --mode restore")
    args = parser.parse_args(argv)
    mode = "restore" if args.restore else args.mode
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        first, second = folder / "first.zip", folder / "second.zip"
        build_archive(first, 10, "2026-01-01T00:00:00.000Z", first_id=5 * 10**12)
        build_archive(second, args.followers, "2026-02-01T00:00:00.000Z", first_id=10**12)
        env = {
            **os.environ,
            "NETDASH_TODAY": "2026-11-26",
            "XDG_DATA_HOME": str(folder / "data"),
            "XDG_CONFIG_HOME": str(folder / "config"),
        }
        command = [sys.executable, "-m", "netdash", "--db"]
        if mode == "restore":
            return _kill_restores(folder, command, env, rng, args.kills, 10 + args.followers)
        if mode in ("backup", "export"):
            return _kill_copies(folder, command, env, rng, args.kills, mode)
        if mode == "merge":
            return _kill_merges(folder, command, env, rng, args.kills, args.followers)
        full = timed_run([*command, str(folder / "timing.db"), "import", str(second)], env)
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
            tidy = _tidied(command, journal, env, folder)
            print(
                f"round {round_number:2d}: killed after {delay:.2f} s · integrity {integrity}"
                f" · imports {imports} · followers {followers} · {'ok' if whole else 'PARTIAL'}"
                f"{'' if tidy else ' · LEFTOVERS'}"
            )
            if integrity != "ok" or not whole or not tidy:
                return 1
    print(f"{args.kills} kills, the journal held all or none of the import every time")
    return 0


def _tidied(command: list[str], journal: Path, env: dict[str, str], folder: Path) -> bool:
    """After any next command, no half-written file of netdash's is left anywhere."""
    subprocess.run([*command, str(journal), "stats"], check=True, env=env, capture_output=True)
    return not leftovers(folder)


def _full_journal(folder: Path, command: list[str], env: dict[str, str]) -> Path:
    journal = folder / "whole.db"
    for archive in ("first.zip", "second.zip"):
        subprocess.run(
            [*command, str(journal), "import", str(folder / archive)],
            check=True,
            env=env,
            capture_output=True,
        )
    return journal


def _kill_copies(
    folder: Path,
    command: list[str],
    env: dict[str, str],
    rng: random.Random,
    kills: int,
    mode: str,
) -> int:
    """Kill `backup` or `export`: the output is absent or whole, never half."""
    journal = _full_journal(folder, command, env)
    expected = inspect(journal)
    suffix = ".db" if mode == "backup" else ".json"

    def copy(target: Path) -> list[str]:
        if mode == "backup":
            return [*command, str(journal), "backup", str(target)]
        return [*command, str(journal), "export", "-o", str(target)]

    full = timed_run(copy(folder / f"timed{suffix}"), env)
    for round_number in range(1, kills + 1):
        target = folder / "out" / f"round-{round_number}{suffix}"
        target.parent.mkdir(exist_ok=True)
        delay = rng.uniform(0.02, full * 1.1)
        kill_after(copy(target), env, delay)
        if not target.exists():
            state, ok = "absent", True
        elif mode == "backup":
            found = inspect(target)
            state, ok = f"whole ({found[2]:,} followers)", found == expected
        else:
            with target.open(encoding="utf-8") as handle:
                tables = json.load(handle)["tables"]
            count = len(tables["follower_accounts"])
            state, ok = f"whole ({count:,} followers)", count == expected[2]
        tidy = _tidied(command, journal, env, folder)
        print(
            f"round {round_number:2d}: {mode} killed after {delay:.2f} s · output {state}"
            f" · {'ok' if ok else 'PARTIAL'}{'' if tidy else ' · LEFTOVERS'}"
        )
        if not ok or not tidy:
            return 1
    print(f"{kills} kills, every {mode} was whole or absent, and nothing half-written stayed")
    return 0


def _merge_journal(path: Path, interactions: int) -> None:
    """Two people with ``interactions`` entries each (and some together), written directly."""
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.executescript(
            "INSERT INTO people(id, name, created_at, updated_at) VALUES"
            " (1, 'Ana Souza', '2026-01-01', '2026-01-01'),"
            " (2, 'Ana S.', '2026-01-01', '2026-01-01');"
        )
        conn.executemany(
            "INSERT INTO interactions(id, occurred_on, kind, created_at) VALUES (?, ?, 'call', ?)",
            [(n, f"20{10 + n % 15}-01-01", "2026-01-01") for n in range(1, 2 * interactions + 1)],
        )
        conn.executemany(
            "INSERT INTO interaction_people(interaction_id, person_id) VALUES (?, ?)",
            [(n, 1 if n <= interactions else 2) for n in range(1, 2 * interactions + 1)]
            + [(n, 2) for n in range(1, interactions // 10)],
        )


def _kill_merges(
    folder: Path,
    command: list[str],
    env: dict[str, str],
    rng: random.Random,
    kills: int,
    size: int,
) -> int:
    """Kill `people merge`: both people and all their entries, or one with all of them."""
    interactions = max(1_000, size // 4)
    template = folder / "merge-template.db"
    subprocess.run([*command, str(template), "stats"], check=True, env=env, capture_output=True)
    _merge_journal(template, interactions)
    merge = ["people", "merge", "#1", "#2", "--yes"]

    def fresh(name: str) -> Path:
        path = folder / name
        with closing(sqlite3.connect(template)) as source, closing(sqlite3.connect(path)) as target:
            source.backup(target)
        return path

    full = timed_run([*command, str(fresh("timed-merge.db")), *merge], env)
    for round_number in range(1, kills + 1):
        journal = fresh(f"merge-{round_number}.db")
        delay = rng.uniform(0.02, full * 1.1)
        kill_after([*command, str(journal), *merge], env, delay)
        with closing(sqlite3.connect(journal)) as conn, conn:
            integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
            people = conn.execute("SELECT COUNT(*) FROM people").fetchone()[0]
            entries = conn.execute("SELECT COUNT(DISTINCT interaction_id) FROM interaction_people")
            linked = entries.fetchone()[0]
        ok = integrity == "ok" and people in (1, 2) and linked == 2 * interactions
        tidy = _tidied(command, journal, env, folder)
        print(
            f"round {round_number:2d}: merge killed after {delay:.2f} s · integrity {integrity}"
            f" · people {people} · entries {linked:,} · {'ok' if ok else 'PARTIAL'}"
            f"{'' if tidy else ' · LEFTOVERS'}"
        )
        if not ok or not tidy:
            return 1
    print(f"{kills} kills, every merge was all or nothing")
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
        ok = ok and _tidied(command, target, env, folder)  # any next command tidies up
        if followers == 0:  # killed before it landed: a second restore must work
            subprocess.run([*command, str(target), "restore", str(export)], check=True, env=env,
                           capture_output=True)  # fmt: skip
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

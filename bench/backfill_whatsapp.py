"""Benchmark the WhatsApp reader on a ten-year, 500,000-line chat: traces a second, peak memory.

    python bench/backfill_whatsapp.py [--lines 500000] [--runs 3] [--zip]

The chat (Android en-US, a 1:1 with Ana; one line in ten continues a message, one in fifty is
a system line or a deleted message) is built once into bench/.cache/. Each run is a fresh
process reading it through ``netdash.backfill.whatsapp.read`` (both passes) and draining the
traces, interleaved with the baseline: a regular expression matching each line's date and sender
(the least any reader of the format does). Prints the median of the runs' traces a second,
seconds and peak RSS (ru_maxrss), both readers' medians and p95s, and their ratios.
Issue 17 asks for under 200 MB whatever the size of the chat.
"""

from __future__ import annotations

import argparse
import random
import sys
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import median, reader_table, script_runs

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"

READ = """
import json, resource, sys, time
from pathlib import Path
from netdash.backfill import whatsapp
from netdash.domain.evidence import ReadOptions, Tally
tally = Tally()
started = time.perf_counter()
count = sum(1 for _ in whatsapp.read(Path(sys.argv[1]), ReadOptions(), tally))
elapsed = time.perf_counter() - started
print(json.dumps({"seconds": elapsed, "traces": count, "skipped": tally.skipped,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

BASELINE = """
import io, json, re, resource, sys, time, zipfile
from pathlib import Path
line_start = re.compile(r"(\\d{1,2})/(\\d{1,2})/(\\d{2}), (\\d{1,2}):(\\d{2}).(AM|PM) - ([^:]*): ")
started = time.perf_counter()
path = Path(sys.argv[1])
if path.suffix == ".zip":
    archive = zipfile.ZipFile(path)
    handle = io.TextIOWrapper(archive.open("_chat.txt"), encoding="utf-8")
else:
    handle = open(path, encoding="utf-8")
count = sum(1 for line in handle if line_start.match(line))
elapsed = time.perf_counter() - started
print(json.dumps({"seconds": elapsed, "lines": count,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

WORDS = "hi see you tomorrow at the cafe ok sounds good 👍 can't wait love it".split()


def build_chat(lines: int, zipped: bool) -> Path:
    """A chat of ``lines`` lines over ten years, written once."""
    folder = CACHE / f"whatsapp-{lines}"  # the file keeps the name the app gives it
    folder.mkdir(parents=True, exist_ok=True)
    text = folder / "WhatsApp Chat with Ana Souza.txt"
    if not text.exists():
        print(f"building a {lines:,}-line chat once...", flush=True)
        rng = random.Random(17)
        at = datetime(2016, 1, 1, 8, 0)
        step = timedelta(days=3650) / lines
        with open(text, "w", encoding="utf-8") as out:
            out.write(f"{stamp(at)} - Messages and calls are end-to-end encrypted.\n")
            for _ in range(lines - 1):
                at += step
                roll = rng.random()
                if roll < 0.1:
                    out.write(" ".join(rng.choices(WORDS, k=rng.randint(1, 12))) + "\n")
                elif roll < 0.12:
                    out.write(f"{stamp(at)} - Rui Costa: This message was deleted\n")
                else:
                    who = "Rui Costa" if roll < 0.56 else "Ana Souza"
                    body = " ".join(rng.choices(WORDS, k=rng.randint(1, 12)))
                    out.write(f"{stamp(at)} - {who}: {body}\n")
    if not zipped:
        return text
    archive = folder / "WhatsApp Chat - Ana Souza.zip"
    if not archive.exists():
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
            out.write(text, "_chat.txt")
    return archive


def stamp(at: datetime) -> str:
    hour = at.hour % 12 or 12
    half = "AM" if at.hour < 12 else "PM"
    return f"{at.month}/{at.day}/{at.year % 100:02d}, {hour}:{at.minute:02d}\u202f{half}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=500_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--zip", action="store_true", help="read it as iOS's zip")
    args = parser.parse_args()
    path = build_chat(args.lines, args.zip)
    both = script_runs({"netdash": READ, "baseline": BASELINE}, path, args.runs)
    runs = both["netdash"]
    seconds = median([r["seconds"] for r in runs])
    traces = runs[0]["traces"]
    print(f"{path.name}: {path.stat().st_size / 2**20:.1f} MB, {args.lines:,} lines")
    print(f"traces {traces:,.0f}, skipped {runs[0]['skipped']:,.0f}")
    print(f"median of {args.runs}: {seconds:.2f} s, {traces / seconds:,.0f} traces/s")
    print(f"peak RSS: median {median([r['peak_mb'] for r in runs]):.0f} MB (target < 200 MB)")
    print(reader_table(both, baseline="a regular expression over the lines"))


if __name__ == "__main__":
    main()

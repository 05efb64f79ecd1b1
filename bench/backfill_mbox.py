"""Benchmark the mbox reader: traces per second and peak memory on a generated Takeout mbox.

    python bench/backfill_mbox.py [--mb 50] [--runs 3]

The mbox is about ``--mb`` megabytes of Gmail-Takeout-like mail (``From <id>@xxx`` lines,
X-Gmail-Labels, Delivered-To, Received chains, a body of a few kilobytes; one in 25 carries a
300 KB base64 attachment; a third are mailing-list or no-reply mail that is skipped), written
once into bench/.cache/. Each run is a fresh process that reads every trace and reports its
time and peak RSS (``resource.getrusage``), interleaved with the standard library's
``mailbox.mbox`` reading each message's From and Date from the same file, the baseline; medians,
p95s and ratios are printed. ``--mb 2048`` is the 2 GB case of the issue: memory must stay where
it is for 50 MB.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import median, reader_table, script_runs

CACHE = Path(__file__).resolve().parent / ".cache"

READ = """
import json, resource, sys, time
from pathlib import Path
from netdash.backfill import mbox
from netdash.domain.evidence import ReadOptions, Tally
start = time.perf_counter()
tally = Tally()
count = sum(1 for _ in mbox.read(Path(sys.argv[1]), ReadOptions(time_zone="UTC"), tally))
took = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"traces": count, "skipped": tally.skipped, "seconds": took, "peak_mb": peak}))
"""

BASELINE = """
import json, mailbox, resource, sys, time
start = time.perf_counter()
box = mailbox.mbox(sys.argv[1], create=False)
count = sum(1 for message in box if message["From"] and message["Date"])
took = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"messages": count, "seconds": took, "peak_mb": peak}))
"""

PEOPLE = [f"Person {n} <person{n}@example.org>" for n in range(300)]
BODY = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\n") * 40
ATTACHMENT = ("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODkwYWJjZGVmZ2hpamtsbW5vcHFyc3R1\n") * 4000


def message(rng: random.Random, index: int) -> str:
    other = rng.choice(PEOPLE)
    sent = index % 3 == 1
    sender, to = ("Me <me@gmail.example>", other) if sent else (other, "Me <me@gmail.example>")
    extra = ""
    if index % 3 == 2:
        sender = rng.choice(["News <news@lists.example.com>", "no-reply@service.example"])
        extra = "List-Id: <news.lists.example.com>\n" if "news" in sender else ""
    day = 1 + index % 28
    headers = (
        f"From {1790000000000000000 + index}@xxx Mon Jan {day:02d} 10:00:00 +0000 2024\n"
        f"X-GM-THRID: {1790000000000000000 + index // 3}\n"
        f"X-Gmail-Labels: {'Sent' if sent else 'Inbox,Opened'}\n"
        + ("" if sent else "Delivered-To: me@gmail.example\n")
        + "Received: by 2002:a05:6000:1:b0:1:1 with SMTP id x;\n"
        f"        Mon, {day} Jan 2024 10:00:00 -0800 (PST)\n"
        "Received: from mail.example.org (mail.example.org. [192.0.2.1])\n"
        f"        by mx.google.com with ESMTPS id y; Mon, {day} Jan 2024 10:00:00 -0800\n"
        f"From: {sender}\nTo: {to}\nCc: {rng.choice(PEOPLE)}\n{extra}"
        f"Subject: =?UTF-8?Q?Re:_plans_n=C2=B0{index}?=\n"
        f"Date: Mon, {day} Jan 2024 10:{index % 60:02d}:00 +0100\n"
        f"Message-ID: <{index}@example.org>\n"
        + (f"In-Reply-To: <{index - 1}@example.org>\nReferences: <{index - 1}@example.org>\n"
           if index % 3 == 1 else "")
        + 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n'
    )  # fmt: skip
    body = f"--b\nContent-Type: text/plain\n\n{BODY}>From the archive\n"
    if index % 25 == 0:
        body += (
            f"--b\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n{ATTACHMENT}"
        )
    return headers + body + "--b--\n\n"


def write_mbox(path: Path, megabytes: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(17)
    written = 0
    index = 0
    with open(path, "w", encoding="utf-8") as out:
        while written < megabytes << 20:
            text = message(rng, index)
            out.write(text)
            written += len(text)
            index += 1
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    path = CACHE / f"takeout-{args.mb}mb.mbox"
    if not path.exists():
        write_mbox(path, args.mb)
    runs = script_runs({"netdash": READ, "baseline": BASELINE}, path, args.runs)
    results = runs["netdash"]
    first = results[0]
    seconds = median([r["seconds"] for r in results])
    size = path.stat().st_size / (1 << 20)
    messages = first["traces"] + first["skipped"]
    print(f"mbox: {size:.0f} MB, {messages:,} messages, {first['traces']:,} traces,")
    print(f"  median of {args.runs} runs: {messages / seconds:,.0f} messages/s,")
    print(f"  {first['traces'] / seconds:,.0f} traces/s ({seconds:.2f} s)")
    print(reader_table(runs, baseline="mailbox.mbox"))


if __name__ == "__main__":
    main()

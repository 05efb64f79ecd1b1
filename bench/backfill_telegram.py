"""How fast the Telegram backfill reader streams a large account export, in how much memory.

    python bench/backfill_telegram.py [--messages 500000] [--runs 3] [--keep]

Writes a Telegram Desktop account export (``result.json``, the layout the app writes: one-space
indents, text and text_entities, service lines, calls) of ``--messages`` messages over 200
personal chats and 20 groups, written as it is generated so the generator holds little. Then
reads it ``--runs`` times, each in a fresh interpreter, interleaved with the baseline (``json.load``
of the same file and a walk over its messages), and prints the median traces per second, megabytes
per second, and both readers' times and peak resident memory (``resource.getrusage``'s ru_maxrss,
of the reading process alone) with their ratios.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
from pathlib import Path
from typing import IO

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench.harness import reader_table, script_runs  # noqa: E402

START = 1_420_070_400  # 2015-01-01
YEARS = 10
WORDS = "the a harbour lunch tomorrow ok see you thanks great climbing book call later".split()

CHILD = """
import json, resource, sys, time
from pathlib import Path
from netdash.backfill import telegram
from netdash.domain.evidence import ReadOptions, Tally

tally = Tally()
began = time.perf_counter()
count = sum(1 for _ in telegram.read(Path(sys.argv[1]), ReadOptions(time_zone="UTC"), tally))
took = time.perf_counter() - began
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"traces": count, "seconds": took, "peak_mb": peak, "skipped": tally.skipped}))
"""

BASELINE = """
import json, resource, sys, time
began = time.perf_counter()
with open(sys.argv[1], encoding="utf-8") as handle:
    export = json.load(handle)
count = sum(
    1
    for chat in export["chats"]["list"]
    for message in chat["messages"]
    if message.get("from_id") or message.get("actor_id")
)
took = time.perf_counter() - began
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"messages": count, "seconds": took, "peak_mb": peak}))
"""


def _message(
    rng: random.Random, number: int, when: int, chat: int, group: bool
) -> dict[str, object]:
    sender = 777 if rng.random() < 0.45 else (rng.randrange(5000, 5200) if group else chat)
    if rng.random() < 0.01:
        return {
            "id": number,
            "type": "service",
            "date": "2020-01-01T10:00:00",
            "date_unixtime": str(when),
            "actor": f"Person {sender}",
            "actor_id": f"user{sender}",
            "action": "phone_call" if not group else "pin_message",
            "duration_seconds": rng.randrange(10, 3600),
            "text": "",
            "text_entities": [],
        }
    text = " ".join(rng.choices(WORDS, k=rng.randrange(2, 14)))
    return {
        "id": number,
        "type": "message",
        "date": "2020-01-01T10:00:00",
        "date_unixtime": str(when),
        "from": f"Person {sender}",
        "from_id": f"user{sender}",
        "text": text,
        "text_entities": [{"type": "plain", "text": text}],
    }


def generate(path: Path, messages: int, seed: int = 17) -> None:
    """An account export with ``messages`` messages, written chat by chat."""
    rng = random.Random(seed)
    chats = [(4000 + n, False) for n in range(200)] + [(9000 + n, True) for n in range(20)]
    share = [messages // len(chats)] * len(chats)
    share[0] += messages - sum(share)
    with path.open("w", encoding="utf-8") as out:
        head = {
            "about": "Here is the data you requested. Telegram",
            "personal_information": {"user_id": 777, "first_name": "Bo", "last_name": "Lind"},
        }
        out.write(json.dumps(head, indent=1)[:-2] + ',\n "chats": {\n  "about": "",\n  "list": [\n')
        for index, ((chat, group), count) in enumerate(zip(chats, share, strict=True)):
            _chat(out, rng, chat, group, count)
            out.write(",\n" if index < len(chats) - 1 else "\n")
        out.write('  ]\n },\n "left_chats": {"about": "", "list": []}\n}\n')


def _chat(out: IO[str], rng: random.Random, chat: int, group: bool, count: int) -> None:
    kind = "private_supergroup" if group else "personal_chat"
    out.write(f'   {{\n    "name": "Chat {chat}",\n    "type": "{kind}",\n    "id": {chat},\n')
    out.write('    "messages": [\n')
    when = START + rng.randrange(0, 86_400 * 30)
    step = max(1, YEARS * 365 * 86_400 // max(count, 1))
    for number in range(count):
        when += rng.randrange(1, 2 * step)
        text = json.dumps(_message(rng, number + 1, when, chat, group), indent=1)
        out.write("     " + text.replace("\n", "\n     "))
        out.write(",\n" if number < count - 1 else "\n")
    out.write("    ]\n   }")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=500_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="leave the generated file in place")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-telegram-"))
    path = folder / "result.json"
    generate(path, args.messages)
    size = path.stat().st_size / (1 << 20)
    print(f"result.json: {args.messages:,} messages, {size:,.0f} MB")
    runs = script_runs({"netdash": CHILD, "baseline": BASELINE}, path, args.runs)
    took = statistics.median(run["seconds"] for run in runs["netdash"])
    count, skipped = runs["netdash"][0]["traces"], runs["netdash"][0]["skipped"]
    print(
        f"traces: {count:,} (skipped {skipped:,}); median of {args.runs}: {took:.2f} s,"
        f" {count / took:,.0f} traces/s, {size / took:,.1f} MB/s"
    )
    print(reader_table(runs, baseline="json.load"))
    if args.keep:
        print(f"kept {path}")
    else:
        path.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()

"""Benchmark the sms-backup reader: traces per second and peak memory on a generated backup.

    python bench/backfill_sms_backup.py [--messages 200000] [--runs 3]

The backup is an ``sms-*.xml`` of ``--messages`` texts (one in 20 an MMS carrying a 30 KB
base64 photo, one in 10 a group MMS) and a ``calls-*.xml`` of a tenth as many calls, written
once into bench/.cache/. Each run is a fresh process that reads every trace and reports its
time and peak RSS (``resource.getrusage``), interleaved with the baseline: the standard
library's ``XMLPullParser`` reading each message's and call's attributes from the same files
(character references replaced first, which the app writes for emoji as surrogates), clearing as
it goes. Medians, p95s and ratios are printed. Memory must not grow with the
file: compare ``--messages 50000`` with ``--messages 500000``.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import median, reader_table, script_runs

CACHE = Path(__file__).resolve().parent / ".cache"
START_MS = 1_420_070_400_000  # 2015-01-01

READ = """
import json, resource, sys, time
from pathlib import Path
from netdash.backfill import sms_backup
from netdash.domain.evidence import ReadOptions, Tally
start = time.perf_counter()
count = sum(1 for _ in sms_backup.read(Path(sys.argv[1]), ReadOptions(time_zone="UTC"), Tally()))
took = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"traces": count, "seconds": took, "peak_mb": peak}))
"""

BASELINE = """
import json, re, resource, sys, time
from pathlib import Path
from xml.etree.ElementTree import XMLPullParser
start = time.perf_counter()
count = 0
reference = re.compile(rb"&#[0-9]+;")  # the app writes emoji as surrogate pairs: XML refuses them
for path in sorted(Path(sys.argv[1]).glob("*.xml")):
    parser = XMLPullParser()
    with open(path, "rb") as handle:
        while lines := handle.readlines(1 << 20):
            parser.feed(reference.sub(b"?", b"".join(lines)))
            for _, element in parser.read_events():
                if element.tag in ("sms", "mms", "call"):
                    count += bool(element.get("address") or element.get("number"))
                    element.clear()
took = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"records": count, "seconds": took, "peak_mb": peak}))
"""


def _number(rng: random.Random) -> str:
    return f"+4915{rng.randrange(10_000_000, 10_000_400)}"


def write_backup(folder: Path, messages: int) -> Path:
    """A folder with one sms and one calls backup; each file written a line at a time."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(17)
    photo = "A" * 30_000
    with open(folder / "sms-bench.xml", "w", encoding="utf-8") as out:
        out.write("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n")
        out.write(f'<smses count="{messages}" type="full">\n')
        for index in range(messages):
            stamp = START_MS + index * 60_000
            number = _number(rng)
            if index % 20 == 0:
                out.write(_mms(number, stamp, photo))
            elif index % 10 == 5:
                group = "~".join(_number(rng) for _ in range(4))
                out.write(_mms(group, stamp, ""))
            else:
                out.write(
                    f'  <sms protocol="0" address="{number}" date="{stamp}" type="{1 + index % 2}"'
                    f' subject="null" body="message {index} &amp; some words &#55357;&#56832;"'
                    ' toa="null" sc_toa="null" service_center="null" read="1" status="-1"'
                    ' locked="0" date_sent="0" readable_date="x"'
                    f' contact_name="Person {number}" />\n'
                )
        out.write("</smses>\n")
    with open(folder / "calls-bench.xml", "w", encoding="utf-8") as out:
        out.write(f'<?xml version="1.0"?>\n<calls count="{messages // 10}">\n')
        for index in range(messages // 10):
            out.write(
                f'  <call number="{_number(rng)}" duration="{index % 300}"'
                f' date="{START_MS + index * 600_000}" type="{1 + index % 5}" presentation="1"'
                ' readable_date="x" contact_name="(Unknown)" />\n'
            )
        out.write("</calls>\n")
    return folder


def _mms(address: str, stamp: int, photo: str) -> str:
    data = f' data="{photo}"' if photo else ""
    addrs = "".join(
        f'<addr address="{part}" type="{137 if i == 0 else 151}" charset="106" />'
        for i, part in enumerate([*address.split("~"), "+491500000000"])
    )
    return (
        f'  <mms date="{stamp}" msg_box="1" address="{address}" m_type="132"'
        f' contact_name="(Unknown)"><parts><part seq="0" ct="image/jpeg"{data} />'
        f'<part seq="1" ct="text/plain" text="words" /></parts><addrs>{addrs}</addrs></mms>\n'
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = CACHE / f"sms-backup-{args.messages}"
    if not (folder / "calls-bench.xml").exists():
        write_backup(folder, args.messages)
    size = sum(path.stat().st_size for path in folder.iterdir()) / (1 << 20)
    runs = script_runs({"netdash": READ, "baseline": BASELINE}, folder, args.runs)
    traces = runs["netdash"][0]["traces"]
    seconds = median([r["seconds"] for r in runs["netdash"]])
    print(f"sms-backup: {size:.0f} MB, {traces:,} traces, median of {args.runs} runs:")
    print(f"  {traces / seconds:,.0f} traces/s ({seconds:.2f} s)")
    print(reader_table(runs, baseline="XMLPullParser"))


if __name__ == "__main__":
    main()

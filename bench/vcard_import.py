"""Benchmark `netdash import vcard` on a 10,000- and a 100,000-card address book: speed and peak
memory, which must not grow with the number of cards (the import streams).

    python bench/vcard_import.py [--cards 10000 100000] [--runs 3]

Each card is realistic: a name (with N), one to three e-mails, one or two phones, an address, a
birthday, categories, an organisation; one card in 500 carries a 40 KB photo. The files are
built once into bench/.cache/. Every run is a fresh process (``bench/peak.py`` notes its VmHWM),
on a fresh copy of the journal, kinds interleaved round by round; medians are printed.

Kinds, for each size:
- ``fresh``: `netdash --db NEW import vcard FILE` on a journal that does not exist yet;
- ``demo``: the same into a copy of the normal demo journal (150 people: matching has someone
  to find, and the journal knows no UIDs, so the file is read once);
- ``read``: the baseline for speed: the same file read card by card by netdash's own reader
  (``iter_contacts_file``) and nothing written. It is the floor an import cannot go under, so
  the difference is what matching and writing cost; a third-party parser (vobject) would
  measure someone else's parser.
- ``python``: the baseline for memory: ``import sqlite_utils`` and nothing else, the least any
  netdash process holds.
"""

from __future__ import annotations

import argparse
import base64
import random
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import ROOT, compile_bytecode, interleave, median, timed_run

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"

READ = (
    "import sys; from pathlib import Path;"
    " from netdash.importers.contact_files import iter_contacts_file;"
    " n = sum(1 for _ in iter_contacts_file(Path(sys.argv[1]), 'vcard'));"
    " assert n == int(sys.argv[2]), n"
)
PYTHON = "import sqlite_utils"

GIVEN = ["Ada", "Grace", "Alan", "Tomás", "Chiara", "Wei", "Priya", "Olu", "Sven", "Maëlle"]
FAMILY = ["Lovelace", "Hopper", "Turing", "Reyes", "Rossi", "Zhang", "Raman", "Adeyemi", "Berg"]
TOWNS = ["Lisboa", "Berlin", "Nairobi", "Osaka", "Toronto", "Porto Alegre", "Tromsø"]
TAGS = ["Friends", "Work", "Family", "Climbing", "Book club", "Neighbours"]


def card(rng: random.Random, index: int, photo: str) -> str:
    """One vCard 3.0, unique by its number so every card is a new person."""
    given, family = rng.choice(GIVEN), f"{rng.choice(FAMILY)}-{index}"
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{family};{given};;;",
        f"FN:{given} {family}",
        f"UID:bench-{index}",
    ]
    for n in range(rng.randint(1, 3)):
        pref = ";TYPE=PREF" if n == 0 else ""
        lines.append(f"EMAIL;TYPE=INTERNET{pref}:{given.lower()}.{index}.{n}@example.org")
    for n in range(rng.randint(1, 2)):
        lines.append(f"TEL;TYPE=CELL:+351 91{n} {index:06d}")
    lines += [
        f"ADR;TYPE=HOME:;;Rua {index} 12;{rng.choice(TOWNS)};;{rng.randint(1000, 9999)};PT",
        f"BDAY:{rng.randint(1940, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        f"CATEGORIES:{','.join(rng.sample(TAGS, rng.randint(1, 2)))}",
        f"ORG:Company {index % 977}",
        "NOTE:Met at the conference\\, talked about maps.",
    ]
    if index % 500 == 0:
        lines.append(f"PHOTO;ENCODING=b;TYPE=JPEG:{photo}")
    lines.append("END:VCARD")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"


def fold(line: str) -> str:
    """RFC 6350 §3.2: lines over 75 octets folded (the photo, mostly)."""
    return "\r\n ".join(line[at : at + 74] for at in range(0, len(line), 74))


def build(cards: int) -> Path:
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"contacts-{cards}.vcf"
    if not path.exists():
        print(f"building a {cards:,}-card address book once...", flush=True)
        rng = random.Random(cards)
        photo = base64.b64encode(rng.randbytes(40_000)).decode()
        with path.open("w", encoding="utf-8", newline="") as out:
            for index in range(cards):
                out.write(card(rng, index, photo))
    return path


def demo_journal() -> Path:
    path = CACHE / "demo-normal.db"
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        argv = [sys.executable, "-m", "netdash", "demo", "--build-only", "--path", str(path)]
        timed_run(argv)
    return path


def run(kind: str, book: Path, cards: int, scratch: Path) -> tuple[float, float]:
    if kind == "python":
        return timed_run([sys.executable, "-c", PYTHON])
    if kind == "read":
        return timed_run([sys.executable, "-c", READ, str(book), str(cards)])
    journal = scratch / "journal.db"
    for side in scratch.glob("journal.db*"):
        side.unlink()
    if kind == "demo":
        shutil.copyfile(demo_journal(), journal)
    return timed_run(
        [sys.executable, "-m", "netdash", "--db", str(journal), "import", "vcard", str(book)]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    compile_bytecode()
    books = {cards: build(cards) for cards in args.cards}
    demo_journal()
    kinds = [
        f"{kind}@{cards}" for cards in args.cards for kind in ("python", "read", "fresh", "demo")
    ]
    seconds: dict[str, list[float]] = {kind: [] for kind in kinds}
    peaks: dict[str, list[float]] = {kind: [] for kind in kinds}
    with tempfile.TemporaryDirectory() as folder:
        for name in interleave(kinds, args.runs):
            kind, cards = name.split("@")
            elapsed, peak = run(kind, books[int(cards)], int(cards), Path(folder))
            seconds[name].append(elapsed)
            peaks[name].append(peak)
    for name in kinds:
        kind, cards = name.split("@")
        rate = int(cards) / median(seconds[name])
        speed = "" if kind == "python" else f"{rate:9,.0f} cards/s"
        print(
            f"{int(cards):>7,} cards  {kind:<6} {median(seconds[name]):7.2f} s {speed:>16}"
            f"  peak {median(peaks[name]):6.1f} MB  ({len(seconds[name])} runs)"
        )


if __name__ == "__main__":
    main()

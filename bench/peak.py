"""Run a Python command line (``-c CODE ...`` or ``-m MODULE ...``) in this process and write its
peak resident memory (VmHWM, in kB) to a file as it exits.

Why not the ``ru_maxrss`` that ``wait4`` reports: Linux carries the parent's high-water mark
across ``exec`` into the child's, so every command launched by a benchmark that had grown to
119 MB reported 119 MB. VmHWM belongs to the address space ``exec`` made, so it is the
command's own."""

from __future__ import annotations

import atexit
import os
import runpy
import sys


def _note(path: str) -> None:
    with open("/proc/self/status", encoding="ascii") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(path, "w", encoding="ascii") as out:
        out.write(peak)


def main() -> None:
    out, flag, target, *rest = sys.argv[1:]
    atexit.register(_note, out)
    sys.path[0] = "" if flag == "-c" else os.getcwd()  # as python itself sets it, not bench/
    if flag == "-c":
        sys.argv = ["-c", *rest]
        exec(compile(target, "<string>", "exec"), {"__name__": "__main__"})
    elif flag == "-m":
        sys.argv = [target, *rest]
        runpy.run_module(target, run_name="__main__", alter_sys=True)
    else:
        raise SystemExit(f"peak.py: -c CODE or -m MODULE, not {flag!r}")


if __name__ == "__main__":
    main()

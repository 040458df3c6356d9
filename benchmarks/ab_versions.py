#!/usr/bin/env python3
"""Same-run A/B of a `newsml` command: an earlier commit against the working tree (run by
hand, not part of the tests).

    python benchmarks/ab_versions.py --base 27b5a4c -- \\
        validate -q -j 1 benchmarks/_work/validate/newsml-g2
    python benchmarks/ab_versions.py --base 27b5a4c --clean /tmp/ab-out -- \\
        batch benchmarks/_work/batch/corpus-20000.tar.gz -o /tmp/ab-out -q -j 2

The base commit's ``src/`` is exported with ``git archive`` into ``benchmarks/_work/ab/``
(schemas are shared: they are vendored unchanged). Both versions run the same command
alternately (base, current, base, current, ...) so that the machine's drift hits both,
and the CPU time of the whole process tree (user + system, from ``RUSAGE_CHILDREN``) and
the wall time are printed per run, then the best and the median of each with the ratio
base / current (above 1: the current tree is faster). ``--clean DIR`` removes DIR before
every run (a batch's DEST). Exit codes of the command are shown, not checked.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "_work" / "ab"


def export(ref: str) -> Path:
    """The ``src/`` of ``ref`` in a folder of its own (reused when already there)."""
    sha = subprocess.run(["git", "rev-parse", "--short=12", ref], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.strip()
    dest = WORK / sha
    if not (dest / "src" / "newsml_tools").is_dir():
        shutil.rmtree(dest, ignore_errors=True)
        dest.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", sha, "src"], cwd=ROOT, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    schemas = dest / "schemas"
    if not schemas.exists():
        schemas.symlink_to(ROOT / "schemas")
    return dest / "src"


def run_once(src: Path, args: list[str], clean: str | None) -> tuple[float, float, int]:
    if clean:
        shutil.rmtree(clean, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(src)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "newsml_tools", *args], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, proc.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="git ref of the earlier version")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each version")
    parser.add_argument("--clean", help="a folder removed before every run (batch DEST)")
    parser.add_argument("command", nargs=argparse.REMAINDER,
                        help="-- then the newsml arguments")
    opts = parser.parse_args()
    args = opts.command[1:] if opts.command[:1] == ["--"] else opts.command
    if not args:
        parser.error("give the newsml command after --")
    versions = {"base": export(opts.base), "current": ROOT / "src"}
    results: dict[str, list[tuple[float, float]]] = {"base": [], "current": []}
    run_once(versions["current"], args, opts.clean)  # warm the OS file cache
    for i in range(opts.repeat):
        for name, src in versions.items():
            cpu, wall, code = run_once(src, args, opts.clean)
            results[name].append((cpu, wall))
            print(f"run {i + 1} {name:8s} cpu {cpu:7.2f} s  wall {wall:7.2f} s  exit {code}")
    for what, k in (("cpu", 0), ("wall", 1)):
        b = [r[k] for r in results["base"]]
        c = [r[k] for r in results["current"]]
        print(f"{what:4s} best {min(b):.2f} -> {min(c):.2f} s ({min(b) / min(c):.2f}x), "
              f"median {statistics.median(b):.2f} -> {statistics.median(c):.2f} s "
              f"({statistics.median(b) / statistics.median(c):.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

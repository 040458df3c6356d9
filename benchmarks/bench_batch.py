"""Benchmark ``newsml batch`` (run by hand; not part of the test suite).

    python benchmarks/bench_batch.py                 # 20,000 articles, -j 1 and -j 2
    python benchmarks/bench_batch.py --n 5000 --loop-sample 100 --dask

Generates a .tar.gz (or, with --format zip, a .zip) of N varied articles (from
examples/*.txt and tests/data/devset/**/*.txt: body paragraphs shuffled, numbers and some
names changed) into benchmarks/_work/batch/ (git ignored), then measures, each run as a
separate ``python -m newsml_tools batch`` process:

- articles/s with ``-j 1`` and ``-j 2`` (wall time of the whole command, start-up included);
- CPU time per article, user + system, of the whole process tree (parent and workers):
  the figure that does not depend on what else the machine is doing;
- peak memory: the parent's RSS and the sum over the process tree (sampled every 50 ms with
  psutil when installed), and ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` (largest process);
- memory with N/4 inputs against N inputs (should be flat: inputs are streamed);
- a plain loop running ``newsml convert FILE -o DIR`` once per file, timed on a sample and
  extrapolated to N (said so in the table);
- the in-process ceiling: ``convert_text`` in a loop on one core, and where its time goes.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import random
import re
import resource
import shutil
import subprocess
import sys
import tarfile
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "_work" / "batch"  # git-ignored; --work to put it elsewhere
NAMES = ["Maria Keller", "Tomás Rivera", "Aiko Tanaka", "Olu Adebayo", "Sven Larsen",
         "Priya Nair", "Chen Wei", "Fatima Zahra", "John Okafor", "Lena Novak"]
NAME_RE = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b")

try:
    import psutil
except ImportError:  # pragma: no cover
    psutil = None


def seeds() -> list[str]:
    paths = sorted((ROOT / "examples").glob("*.txt"))
    paths += sorted((ROOT / "tests" / "data" / "devset").glob("**/*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def vary(text: str, rng: random.Random) -> str:
    blocks = [b for b in text.split("\n\n") if b.strip()]
    head, body = blocks[:3], blocks[3:]
    rng.shuffle(body)

    def number(m: re.Match[str]) -> str:
        return str(rng.randrange(10 ** (len(m.group()) - 1), 10 ** len(m.group())))

    def name(m: re.Match[str]) -> str:
        return rng.choice(NAMES) if rng.random() < 0.3 else m.group()

    out = "\n\n".join(head + body)
    out = re.sub(r"(?<![\d-])\d{2,3}(?![\d:-])", number, out)  # leave dates and times alone
    return NAME_RE.sub(name, out) + "\n"


def make_corpus(n: int, path: Path) -> Path:
    """N varied articles as a .tar.gz (streamed by batch) or a .zip (central directory)."""
    if path.exists():
        return path
    rng = random.Random(n)
    texts = seeds()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    articles = ((f"d{i % 100:02d}/a{i:06d}.txt", vary(texts[i % len(texts)], rng).encode())
                for i in range(n))
    if path.name.endswith(".zip"):
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in articles:
                zf.writestr(name, data)
    else:
        with tarfile.open(tmp, "w:gz") as tf:
            for name, data in articles:
                info = tarfile.TarInfo(name)
                info.size = len(data)
                tf.addfile(info, io.BytesIO(data))
    tmp.replace(path)
    return path


def corpus_members(corpus: Path, count: int) -> list[tuple[str, bytes]]:
    out: list[tuple[str, bytes]] = []
    if corpus.name.endswith(".zip"):
        with zipfile.ZipFile(corpus) as zf:
            return [(n, zf.read(n)) for n in zf.namelist()[:count]]
    with tarfile.open(corpus, "r|*") as tf:
        for info in tf:
            fh = tf.extractfile(info)
            if fh is not None:
                out.append((info.name, fh.read()))
            if len(out) >= count:
                break
    return out


class TreeSampler(threading.Thread):
    """Peak RSS of a process and of it plus all its descendants."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_parent = 0
        self.peak_tree = 0
        self.stop = threading.Event()

    def run(self) -> None:
        if psutil is None:
            return
        try:
            proc = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self.stop.is_set():
            try:
                parent = proc.memory_info().rss
                tree = parent
                for child in proc.children(recursive=True):
                    with contextlib.suppress(psutil.Error):
                        tree += child.memory_info().rss
            except psutil.Error:
                break
            self.peak_parent = max(self.peak_parent, parent)
            self.peak_tree = max(self.peak_tree, tree)
            time.sleep(0.05)


def run_batch(corpus: Path, dest: Path, jobs: int, engine: str = "local") -> dict[str, float]:
    shutil.rmtree(dest, ignore_errors=True)
    cmd = [sys.executable, "-m", "newsml_tools", "batch", str(corpus), "-o", str(dest),
           "-j", str(jobs), "--engine", engine]
    env = {**os.environ, "CI": "true"}  # no progress bar; summary still printed
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the batch and its workers, reaped
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    sampler.stop.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"batch failed ({proc.returncode}):\n{err}")
    counts = dict(re.findall(r"^(ok|invalid|error|skipped)\s+(\d+)$", out, re.M))
    n = sum(int(v) for v in counts.values())
    inner = re.search(r"throughput\s+([\d,.]+)", out)
    return {"n": n, "wall": wall, "rate": n / wall, "cpu_us": cpu / max(n, 1) * 1e6,
            "inner_rate": float(inner.group(1).replace(",", "")) if inner else float("nan"),
            "peak_parent": sampler.peak_parent / 2**20, "peak_tree": sampler.peak_tree / 2**20,
            "maxrss_children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            **{k: int(v) for k, v in counts.items()}}


def loop_baseline(corpus: Path, sample: int, n: int) -> dict[str, float]:
    src = WORK / "loop-src"
    shutil.rmtree(src, ignore_errors=True)
    names = []
    for name, data in corpus_members(corpus, sample):
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_bytes(data)
        names.append(name)
    out = WORK / "loop-out"
    shutil.rmtree(out, ignore_errors=True)
    newsml = shutil.which("newsml")
    base = [newsml] if newsml else [sys.executable, "-m", "newsml_tools"]
    t0 = time.perf_counter()
    for name in names:
        subprocess.run([*base, "convert", str(src / name), "-o", str(out)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - t0
    return {"sample": len(names), "wall": wall, "rate": len(names) / wall,
            "extrapolated": wall / len(names) * n}


def in_process_ceiling(corpus: Path, count: int = 500) -> tuple[float, str]:
    from newsml_tools.convert import ConvertOptions, convert_text

    texts = [data.decode("utf-8") for _name, data in corpus_members(corpus, count)]
    options = ConvertOptions()
    convert_text(texts[0], options, source_name="warm-up")
    t0 = time.perf_counter()
    for i, text in enumerate(texts):
        convert_text(text, options, source_name=f"{i}.txt")
    rate = len(texts) / (time.perf_counter() - t0)
    prof = cProfile.Profile()
    prof.enable()
    for i, text in enumerate(texts[:200]):
        convert_text(text, options, source_name=f"{i}.txt")
    prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    total = stats.total_tt  # type: ignore[attr-defined]
    parts = {}
    for (file, _line, func), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        key = None
        if func == "read_article":
            key = "read_article (reader)"
        elif func == "render" and file.endswith("writers/__init__.py"):
            key = "render (writers)"
        elif func == "validate" and "validation" in file:
            key = "validate (validation)"
        elif func == "_quote_sources_match":
            key = "XF001 cross-check"
        if key:
            parts[key] = parts.get(key, 0.0) + ct
    lines = [f"    {k:<24} {v / total:6.1%}" for k, v in sorted(parts.items(), key=lambda x: -x[1])]
    return rate, "\n".join(lines)


def set_work(path: Path) -> None:
    global WORK
    WORK = path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--loop-sample", type=int, default=200)
    ap.add_argument("--dask", action="store_true", help="also time --engine dask -j 2")
    ap.add_argument("--work", type=Path, default=WORK, help=f"scratch folder [{WORK}]")
    ap.add_argument("--format", choices=["tar.gz", "zip"], default="tar.gz",
                    help="archive to generate (zip adds its central directory to memory)")
    args = ap.parse_args()
    set_work(args.work)

    big = make_corpus(args.n, WORK / f"corpus-{args.n}.{args.format}")
    small_n = max(args.n // 4, 1)
    small = make_corpus(small_n, WORK / f"corpus-{small_n}.{args.format}")
    rows = []
    for jobs in (1, 2):
        result = run_batch(big, WORK / f"out-j{jobs}", jobs)
        rows.append((f"batch -j {jobs}, {args.n:,} articles", result))
    rows.append((f"batch -j 2, {small_n:,} articles", run_batch(small, WORK / "out-small", 2)))
    if args.dask:
        rows.append((f"batch --engine dask -j 2, {args.n:,}",
                     run_batch(big, WORK / "out-dask", 2, "dask")))
    loop = loop_baseline(big, args.loop_sample, args.n)
    ceiling, where = in_process_ceiling(big)

    print(f"\nnewsml batch benchmark — {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"source: {big.name}")
    head = (f"{'run':<34} {'wall s':>8} {'art/s':>8} {'inner/s':>8} {'CPU us/art':>10} "
            f"{'parent MiB':>10} {'tree MiB':>9}  statuses")
    print(head)
    print("-" * len(head))
    for label, r in rows:
        statuses = " ".join(f"{k}={r[k]}" for k in ("ok", "invalid", "error", "skipped") if k in r)
        print(f"{label:<34} {r['wall']:8.2f} {r['rate']:8.0f} {r['inner_rate']:8.0f} "
              f"{r['cpu_us']:10.0f} {r['peak_parent']:10.1f} {r['peak_tree']:9.1f}  {statuses}")
    print(f"{'loop: newsml convert per file':<34} {loop['extrapolated']:8.1f} {loop['rate']:8.1f}"
          f"   (timed on {loop['sample']} files: {loop['wall']:.1f} s; wall for "
          f"{args.n:,} extrapolated)")
    best = max(r["rate"] for _label, r in rows[:2])
    print(f"\nspeed-up of batch (best of -j1/-j2) over the per-file loop: "
          f"{best / loop['rate']:.0f}x")
    print(f"memory, parent peak: {rows[2][1]['peak_parent']:.1f} MiB at {small_n:,} inputs vs "
          f"{rows[1][1]['peak_parent']:.1f} MiB at {args.n:,} (-j 2)")
    print(f"largest single process (RUSAGE_CHILDREN maxrss): "
          f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.1f} MiB")
    print(f"in-process convert_text ceiling (1 core, no I/O): {ceiling:,.0f} articles/s")
    print("where convert_text spends its time (cumulative, cProfile):")
    print(where)
    if psutil is None:
        print("(psutil not installed: peak RSS columns are 0)")


if __name__ == "__main__":
    main()

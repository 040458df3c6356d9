#!/usr/bin/env python3
"""Validation benchmark (run by hand, not part of the tests).

    python benchmarks/bench_validate.py            # 20,000 NewsML-G2 + 20,000 ninjs files
    python benchmarks/bench_validate.py -n 2000    # quicker
    python benchmarks/bench_validate.py --reuse    # keep the files generated last time

Generates varied documents under ``benchmarks/_work/`` (gitignored) from official IPTC
examples -- NewsML-G2 2.35 ``LISTING_2_NewsML-G2_Text_Document.xml`` and ninjs 3.1
``004_simple_text_article.json`` (from ``$NEWSML_STANDARDS`` or ``../shared/standards``,
else small built-in stand-ins) -- then times, in the same run:

- NewsML-G2: ``newsml validate -j 1 DIR``, ``newsml validate DIR`` (default jobs = all
  cores), both again with ``--schema-only`` (the schemas alone, xmllint's job) and
  ``xmllint --noout --schema <2.35 XSD> FILES…`` (one logical run, split into
  argument-list-sized invocations like ``xargs``);
- ninjs: ``newsml validate --kind ninjs DIR`` vs ``check-jsonschema --schemafile <ninjs
  3.1 schema> FILES…``;
- cold start: ``newsml validate one.xml`` (median of ``--cold-runs``) vs ``python -c pass``;
- the floor: in one process, the least any lxml-based validator does per file (read the
  bytes; parse with the schema attached, composed and plain Power), and the best ratio
  against xmllint that leaves for ``-j 1`` and the default jobs with no other work at all.

Prints throughput (files/s) and the ratios against the targets: >= 1.6x xmllint with the
default jobs (2 cores), >= 0.85x with -j 1, >= 5x check-jsonschema on ninjs, cold <= 0.25 s.
Needs ``xmllint`` (apt-get install libxml2-utils) and ``check-jsonschema`` (pip) for the
comparisons; a missing tool is reported and skipped.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "_work" / "validate"  # only this benchmark's own folder is wiped
STANDARDS = Path(os.environ.get("NEWSML_STANDARDS", ROOT.parent / "shared" / "standards"))
XSD = ROOT / "schemas" / "newsml-g2" / "2.35" / "NewsML-G2_2.35-spec-All-Power.xsd"
NINJS_SCHEMA = ROOT / "schemas" / "ninjs" / "3.1" / "ninjs-schema_3.1.json"
NEWSML = [sys.executable, "-m", "newsml_tools"]

_TEXT = (
    "government minister said on Tuesday that the central bank would keep rates "
    "unchanged while markets in Asia and Europe rallied after the announcement "
    "and analysts expected further growth in exports as the currency weakened "
    "Zürich São Paulo Kraków Москва 東京 „quoted“ — officials"
)
WORDS = _TEXT.split(" ")

FALLBACK_XML = """<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:example.com:1"
  version="1" standard="NewsML-G2" standardversion="2.35" conformance="power" xml:lang="en">
  <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"/>
  <itemMeta><itemClass qcode="ninat:text"/><provider qcode="nprov:EXAMPLE"/>
    <versionCreated>2018-11-21T16:25:32-05:00</versionCreated>
    <pubStatus qcode="stat:usable"/></itemMeta>
  <contentMeta><headline>Headline</headline></contentMeta>
  <contentSet><inlineXML contenttype="application/nitf+xml">
    <nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body><body.content>
    <p>Text.</p></body.content></body></nitf></inlineXML></contentSet>
</newsItem>
"""

FALLBACK_NINJS = {
    "uri": "http://ninjs.example.com/newsitems/1", "type": "text",
    "versionCreated": "2013-07-09T10:37:00Z",
    "headlines": [{"role": "main", "value": "Headline"}],
    "bodies": [{"role": "main", "contentType": "text/plain", "value": "Text."}],
}


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def xml_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def newsml_template() -> str:
    src = STANDARDS / "newsml-g2" / "2.35" / "examples" / "LISTING_2_NewsML-G2_Text_Document.xml"
    text = src.read_text(encoding="utf-8") if src.exists() else FALLBACK_XML
    # validate against 2.35 Power, like xmllint below
    text = text.replace('standardversion="2.24"', 'standardversion="2.35" conformance="power"')
    text = re.sub(r'\s+xsi:schemaLocation="[^"]*"', "", text)
    return text


def make_newsml(template: str, i: int, rng: random.Random) -> str:
    doc = re.sub(r'guid="([^"]*)"', lambda m: f'guid="{m.group(1)}-{i:06d}"', template, count=1)
    doc = re.sub(r'version="\d+"', f'version="{rng.randint(1, 40)}"', doc, count=1)
    day = 1 + i % 28
    doc = re.sub(r"<versionCreated>[^<]*</versionCreated>",
                 f"<versionCreated>2024-03-{day:02d}T{i % 24:02d}:{i % 60:02d}:00+01:00"
                 "</versionCreated>", doc)
    headline = xml_escape(sentence(rng, rng.randint(4, 12)))
    doc = re.sub(r"<headline>[^<]*</headline>", f"<headline>{headline}</headline>", doc)
    doc = re.sub(r"<hl1>[^<]*</hl1>", f"<hl1>{headline}</hl1>", doc)
    paras = "".join(f"<p>{xml_escape(sentence(rng, rng.randint(20, 90)))}</p>\n"
                    for _ in range(rng.randint(1, 8)))
    return re.sub(r"(<body\.content>)", lambda m: m.group(1) + "\n" + paras, doc, count=1)


def ninjs_template() -> dict:
    src = STANDARDS / "ninjs" / "3.1" / "examples" / "004_simple_text_article.json"
    return json.loads(src.read_text(encoding="utf-8")) if src.exists() else FALLBACK_NINJS


def make_ninjs(template: dict, i: int, rng: random.Random) -> str:
    doc = json.loads(json.dumps(template))
    doc["uri"] = f"{template['uri']}-{i:06d}"
    doc["versionCreated"] = f"2024-03-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00Z"
    doc["headlines"] = [{"role": "main", "value": sentence(rng, rng.randint(4, 12))}]
    body = " ".join(sentence(rng, rng.randint(20, 90)) for _ in range(rng.randint(1, 6)))
    doc.setdefault("bodies", [{"role": "main", "contentType": "text/plain", "value": ""}])
    doc["bodies"][0]["value"] = body
    if rng.random() < 0.5:
        doc["language"] = rng.choice(["en", "de", "fr", "pt-BR"])
    return json.dumps(doc, ensure_ascii=False, indent=rng.choice([None, 2]))


def generate(n_xml: int, n_ninjs: int) -> tuple[list[Path], list[Path]]:
    if WORK.exists():
        shutil.rmtree(WORK)
    rng = random.Random(20240301)
    xml_dir, ninjs_dir = WORK / "newsml-g2", WORK / "ninjs"
    tpl = newsml_template()
    xml_files, ninjs_files = [], []
    for i in range(n_xml):
        p = xml_dir / f"{i // 1000:02d}" / f"item-{i:06d}.xml"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(make_newsml(tpl, i, rng), encoding="utf-8")
        xml_files.append(p)
    jtpl = ninjs_template()
    for i in range(n_ninjs):
        p = ninjs_dir / f"{i // 1000:02d}" / f"item-{i:06d}.json"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(make_ninjs(jtpl, i, rng), encoding="utf-8")
        ninjs_files.append(p)
    return xml_files, ninjs_files


def existing() -> tuple[list[Path], list[Path]]:
    return (sorted((WORK / "newsml-g2").rglob("*.xml")),
            sorted((WORK / "ninjs").rglob("*.json")))


def arg_batches(files: list[Path], budget: int = 1_000_000) -> list[list[str]]:
    """Split like xargs so each command line stays below the OS argument limit."""
    batches, cur, size = [], [], 0
    for f in map(str, files):
        if cur and size + len(f) + 1 > budget:
            batches.append(cur)
            cur, size = [], 0
        cur.append(f)
        size += len(f) + 1
    if cur:
        batches.append(cur)
    return batches


def _children_cpu() -> float:
    import resource

    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def timed(label: str, cmds: list[list[str]], n: int, repeat: int) -> dict:
    """Run ``cmds`` one after the other as one logical run, ``repeat`` times; keep the best
    wall time (the machine may be shared and noisy) and the CPU time (user + sys of all
    processes) of that run, which other load disturbs far less."""
    best, best_cpu = float("inf"), 0.0
    codes: list[int] = []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), _children_cpu()
        codes = []
        for cmd in cmds:
            proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  cwd=ROOT)
            codes.append(proc.returncode)
            if proc.returncode != 0:
                tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
                print(f"    [{label}] exit {proc.returncode}: {' | '.join(tail)}")
        dt, cpu = time.perf_counter() - t0, _children_cpu() - c0
        if dt < best:
            best, best_cpu = dt, cpu
    rate = n / best if best else float("inf")
    print(f"  {label:<46} {best:7.2f} s  {rate:8.0f} files/s  cpu {best_cpu:6.2f} s "
          f"({1e6 * best_cpu / n:5.0f} us/file)  exit {max(codes)}")
    return {"seconds": best, "rate": rate, "cpu": best_cpu, "exit": max(codes)}


def cold_start(runs: int, one: Path) -> tuple[float, float, str]:
    """Median wall time of ``newsml validate one.xml`` and of ``python -c pass``
    (with hyperfine when it is installed, else a plain loop)."""
    newsml_bin = shutil.which("newsml")
    cmd = [newsml_bin] if newsml_bin else NEWSML
    ours = [*cmd, "validate", str(one)]
    base = [sys.executable, "-c", "pass"]
    hf = shutil.which("hyperfine")
    if hf:
        import shlex
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "hf.json"
            subprocess.run([hf, "--warmup", "2", "--runs", str(runs), "--style", "none",
                            "-N", "--export-json", str(out),
                            shlex.join(ours), shlex.join(base)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
                           check=True)
            data = json.loads(out.read_text())["results"]
        return data[0]["median"], data[1]["median"], "hyperfine"

    def median(argv: list[str]) -> float:
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
            times.append(time.perf_counter() - t0)
        return statistics.median(times)

    median(ours)  # warm the OS file cache
    return median(ours), median(base), "subprocess loop"


def libxml2_floor(files: list[Path], repeat: int) -> dict[str, float]:
    """Microseconds per file, best of ``repeat``, for what no lxml-based validator can skip:
    reading the bytes, and a one-pass parse with the schema attached (the composed 2.35
    Power + NITF schema newsml uses, and the plain Power XSD xmllint is given)."""
    from lxml import etree

    from newsml_tools.validation import xsd

    def best(fn) -> float:
        times = []
        for _ in range(repeat):
            t0 = time.process_time()
            fn()
            times.append(time.process_time() - t0)
        return 1e6 * min(times) / len(files)

    def read_all() -> list[bytes]:
        out = []
        for f in files:
            with open(f, "rb") as fh:
                out.append(fh.read())
        return out

    data = read_all()
    out = {"read": best(read_all)}
    for label, key in (("composed", "newsml-g2-2.35-power"),
                       ("plain", "newsml-g2-2.35-power-plain")):
        parser = xsd.validating_parser(key, blankless=True)
        out[label] = best(lambda p=parser: [etree.fromstring(d, p) for d in data])
    return out


def verdict(value: float, target: float, higher_is_better: bool = True) -> str:
    ok = value >= target if higher_is_better else value <= target
    return "OK" if ok else "MISSED"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=20_000, help="files per kind (default 20000)")
    ap.add_argument("--reuse", action="store_true", help="reuse benchmarks/_work files")
    ap.add_argument("--cold-runs", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=3, help="runs per command; best is kept")
    ap.add_argument("--skip", action="append", default=[],
                    choices=["xml", "ninjs", "cold", "floor"], help="skip a part")
    args = ap.parse_args(argv)

    if args.reuse and WORK.exists():
        xml_files, ninjs_files = existing()
    else:
        t0 = time.perf_counter()
        xml_files, ninjs_files = generate(args.n, args.n)
        print(f"generated {len(xml_files)} NewsML-G2 + {len(ninjs_files)} ninjs files in "
              f"{time.perf_counter() - t0:.1f} s under {WORK.relative_to(ROOT)}")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"python {sys.version.split()[0]}, {cores} cores")
    results: dict[str, dict] = {}
    newsml_bin = shutil.which("newsml")
    newsml = [newsml_bin] if newsml_bin else NEWSML
    xml_dir, ninjs_dir = str(WORK / "newsml-g2"), str(WORK / "ninjs")

    def nv(*extra: str) -> list[list[str]]:
        return [[*newsml, "validate", "-q", *extra]]

    rep = args.repeat
    if "xml" not in args.skip:
        n = len(xml_files)
        print(f"\nNewsML-G2 ({n} files; best of {rep})")
        results["xml_j1"] = timed("newsml validate -j 1", nv("-j", "1", xml_dir), n, rep)
        results["xml_jN"] = timed(f"newsml validate (default -j {cores})", nv(xml_dir), n, rep)
        # what xmllint does (schemas only): where the time beyond libxml2 goes
        results["xml_so1"] = timed("newsml validate --schema-only -j 1",
                                   nv("--schema-only", "-j", "1", xml_dir), n, rep)
        results["xml_soN"] = timed(f"newsml validate --schema-only (-j {cores})",
                                   nv("--schema-only", xml_dir), n, rep)
        if shutil.which("xmllint"):
            results["xmllint"] = timed(
                "xmllint --noout --schema 2.35 (1 logical run)",
                [["xmllint", "--noout", "--schema", str(XSD), *b]
                 for b in arg_batches(xml_files)], n, rep)
        else:
            print("  xmllint not found (apt-get install libxml2-utils): skipped")

    floor = None
    if "floor" not in args.skip and xml_files:
        floor = libxml2_floor(xml_files, rep)
        print(f"  floor in one process (CPU, best of {rep}): read {floor['read']:.0f} us/file, "
              f"parse + composed schema {floor['composed']:.0f} us, parse + plain Power "
              f"{floor['plain']:.0f} us")

    if "ninjs" not in args.skip:
        n = len(ninjs_files)
        print(f"\nninjs ({n} files; best of {rep})")
        results["ninjs_jN"] = timed(f"newsml validate --kind ninjs (-j {cores})",
                                    nv("--kind", "ninjs", ninjs_dir), n, rep)
        results["ninjs_j1"] = timed("newsml validate --kind ninjs -j 1",
                                    nv("--kind", "ninjs", "-j", "1", ninjs_dir), n, rep)
        cj = shutil.which("check-jsonschema")
        if cj:
            results["cjs"] = timed("check-jsonschema --schemafile ninjs 3.1",
                                   [[cj, "--schemafile", str(NINJS_SCHEMA), *b]
                                    for b in arg_batches(ninjs_files)], n, rep)
        else:
            print("  check-jsonschema not found (pip install check-jsonschema): skipped")

    cold = None
    if "cold" not in args.skip and xml_files:
        cold, py, how = cold_start(args.cold_runs, xml_files[0])
        print(f"\ncold start (median of {args.cold_runs}, {how}): newsml validate one.xml "
              f"{cold:.3f} s; python -c pass {py:.3f} s; difference {cold - py:.3f} s")

    print("\nratios (newsml / other, files/s):")
    if "xmllint" in results:
        x = results["xmllint"]["rate"]
        r_n = results["xml_jN"]["rate"] / x
        r_1 = results["xml_j1"]["rate"] / x
        print(f"  NewsML-G2 default jobs vs xmllint: {r_n:5.2f}x  "
              f"(target >= 1.6x: {verdict(r_n, 1.6)})")
        print(f"  NewsML-G2 -j 1 vs xmllint:         {r_1:5.2f}x  "
              f"(target >= 0.85x: {verdict(r_1, 0.85)})")
        so_n, so_1 = results["xml_soN"]["rate"] / x, results["xml_so1"]["rate"] / x
        print(f"  --schema-only (xmllint's work):    {so_n:5.2f}x default jobs, {so_1:.2f}x -j 1")
    if "cjs" in results:
        r = results["ninjs_jN"]["rate"] / results["cjs"]["rate"]
        r1 = results["ninjs_j1"]["rate"] / results["cjs"]["rate"]
        print(f"  ninjs vs check-jsonschema:         {r:5.2f}x  (target >= 5x: {verdict(r, 5)})"
              f"; -j 1: {r1:.2f}x")
    if "xmllint" in results:
        cpu = results["xmllint"]["cpu"] / results["xml_j1"]["cpu"]
        print(f"  NewsML-G2 CPU per file, xmllint / newsml: {cpu:5.2f} (the ratio -j 1 reaches "
              f"on an idle machine; x{cores} jobs at best)")
    if floor is not None and "xmllint" in results:
        x_us = 1e6 * results["xmllint"]["cpu"] / len(xml_files)
        least = floor["read"] + floor["composed"]
        print(f"  floor: xmllint {x_us:.0f} us/file against read + parse + composed schema "
              f"{least:.0f} us: with no other work per file -j 1 could reach "
              f"{x_us / least:.2f}x, -j {cores} {cores * x_us / least:.2f}x at most")
    if "cjs" in results:
        cpu = results["cjs"]["cpu"] / results["ninjs_j1"]["cpu"]
        print(f"  ninjs CPU per file, check-jsonschema / newsml: {cpu:5.2f}")
    if cold is not None:
        print(f"  cold start: {cold:.3f} s (target <= 0.25 s: {verdict(cold, 0.25, False)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

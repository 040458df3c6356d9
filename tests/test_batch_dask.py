"""The Dask engine gives the same outputs (byte for byte) and report as the local engine."""

from __future__ import annotations

import json
import re
import tarfile
from pathlib import Path

import pytest

pytest.importorskip("distributed")  # the [dask] extra; installed by '.[test]', so runs in CI

from newsml_tools.batch import BatchConfig, run_batch
from newsml_tools.convert import ConvertOptions


def article(i: int) -> str:
    return (
        f"Rail link {i} opens to passengers\n\n"
        f"By Ana Ruiz\n\n"
        f"MADRID, May 2 (Reuters) - The new rail link {i} opened on Friday with "
        f"{i * 3} trains a day.\n\n"
        f"“We waited years for this,” said commuter Luis Gomez.\n"
    )


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.name.startswith(".newsml-")}


def records(path: Path) -> list[dict]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        rec.pop("seconds")
        out.append(rec)
    return out


@pytest.mark.slow
def test_dask_engine_matches_local_engine(tmp_path):
    src = tmp_path / "src"
    for i in range(24):
        path = src / f"s{i % 3}" / f"{i:02d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article(i), encoding="utf-8")
    (src / "bad.txt").write_bytes(b"\xff not utf-8")
    archive = tmp_path / "extra.tar.gz"
    with tarfile.open(archive, "w:gz") as tf:
        tf.add(src / "s0" / "00.txt", arcname="in/tar.txt")
    options = ConvertOptions(provider="ACME")
    results = {}
    for engine in ("local", "dask"):
        config = BatchConfig(sources=[str(src), str(archive)], dest=str(tmp_path / engine),
                             options=options, jobs=2, engine=engine, chunk_size=5)
        results[engine] = run_batch(config)
    assert results["local"].counts == results["dask"].counts == {"ok": 25, "error": 1}
    local, dask = tree(tmp_path / "local"), tree(tmp_path / "dask")
    assert local.keys() == dask.keys()
    for name in local:
        if name != "batch-report.jsonl":
            assert local[name] == dask[name], name
    assert records(tmp_path / "local" / "batch-report.jsonl") == records(
        tmp_path / "dask" / "batch-report.jsonl")
    assert results["dask"].exit_code == results["local"].exit_code == 1


@pytest.mark.slow
def test_cli_with_a_scheduler_address(tmp_path):
    from click.testing import CliRunner
    from distributed import LocalCluster

    from newsml_tools.cli import main

    src = tmp_path / "src"
    src.mkdir()
    for i in range(6):
        (src / f"{i}.txt").write_text(article(i), encoding="utf-8")
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as cluster:
        res = CliRunner().invoke(main, ["batch", str(src), "-o", str(tmp_path / "out"),
                                        "--engine", "dask", "--scheduler",
                                        cluster.scheduler_address, "--to", "jsonld"])
    assert res.exit_code == 0, res.output
    assert re.search(r"^ok\s+6$", res.output, re.M), res.output
    assert sorted(p.name for p in (tmp_path / "out").glob("*.jsonld")) == [
        f"{i}.jsonld" for i in range(6)]

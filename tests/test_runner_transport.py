"""Worker -> parent transport: a chunk's results arrive equal to checking each file here."""

from __future__ import annotations

from pathlib import Path

from newsml_tools import runner
from newsml_tools.runner import CheckOptions, default_check_file, run_one

NAR = "http://iptc.org/std/nar/2006-10-01/"
VALID = f"""<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="{NAR}" guid="urn:newsml:example.com:1" version="1" standard="NewsML-G2"
  standardversion="2.35" conformance="power">
  <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"/>
  <itemMeta><itemClass qcode="ninat:text"/><provider qcode="nprov:EXAMPLE"/>
    <versionCreated>2018-11-21T16:25:32-05:00</versionCreated>
    <pubStatus qcode="stat:usable"/></itemMeta>
  <contentMeta><headline>Headline</headline></contentMeta>
</newsItem>
"""


def test_chunk_results_equal_in_process_results(tmp_path: Path) -> None:
    files = {
        "valid.xml": VALID,
        "invalid.xml": VALID.replace("</itemMeta>", "<bogus/></itemMeta>"),
        "warned.xml": VALID.replace("-05:00</versionCreated>", "</versionCreated>"),
        "broken.xml": VALID[:80],
        "ninjs.json": '{"uri": "http://x.example/1", "type": "text"}',
    }
    names = []
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        names.append(str(tmp_path / name))
    names.append(str(tmp_path / "missing.xml"))
    options = CheckOptions()
    expected = [run_one(n, default_check_file, options) for n in names]
    runner._WORKER = (default_check_file, options)  # what _init_worker sets in a worker
    try:
        packed = runner._work(names)
    finally:
        runner._WORKER = None
    assert runner._receive(names, packed) == expected
    # clean results travel as their kind alone, the rest in full
    assert packed[0] == "newsml-g2"
    assert all(not isinstance(p, str) for p in packed[1:4])

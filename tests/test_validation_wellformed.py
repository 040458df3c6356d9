"""Malformed XML is never valid: the one-pass validating parser must reject everything the
plain safe parser rejects (a truncated document, a bare "&", a broken attribute...).

lxml loses well-formedness errors when a schema and resolve_entities=False meet in one
parser (see validation/xsd.py); this walks thousands of damaged variants of real
documents through ``validate`` and the CLI.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from newsml_tools.cli import main
from newsml_tools.validation import validate
from newsml_tools.validation.xsd import SAFE_PARSER_OPTIONS

DATA = Path(__file__).parent / "data" / "validation" / "positive"
DOCS = sorted((DATA / "newsml-g2").glob("*.xml")) + sorted((DATA / "nitf").glob("*.xml"))
GOLDEN = sorted((Path(__file__).parent / "golden" / "convert").glob("*.newsml.xml"))[:2]
DAMAGE = [b"<", b"&", b">", b'"', b"'", b"", b"</", b"&amp", b"\x00", b"]]>", b"<!--"]


def _well_formed(data: bytes) -> bool:
    try:
        etree.fromstring(data, etree.XMLParser(**SAFE_PARSER_OPTIONS))
    except etree.XMLSyntaxError:
        return False
    return True


def _variants(doc: bytes, seed: int) -> list[bytes]:
    rng = random.Random(seed)
    cuts = [doc[:i] for i in range(1, len(doc), max(1, len(doc) // 150))]
    edits = []
    for _ in range(250):
        i = rng.randrange(len(doc))
        edits.append(doc[:i] + rng.choice(DAMAGE) + doc[i + rng.randrange(0, 3):])
    return cuts + edits


@pytest.mark.parametrize("path", DOCS + GOLDEN, ids=lambda p: p.name)
def test_no_malformed_variant_is_valid(path: Path) -> None:
    doc = path.read_bytes()
    assert validate(doc).valid
    accepted = [v for v in _variants(doc, len(doc))
                if not _well_formed(v) and validate(v).valid]
    assert accepted == [], accepted[0][-80:]


def test_truncated_and_bare_ampersand_are_parse_errors(tmp_path: Path) -> None:
    doc = (DATA / "newsml-g2" / "news-item-nitf.xml").read_bytes()
    (tmp_path / "cut.xml").write_bytes(doc[:-40])
    (tmp_path / "amp.xml").write_bytes(doc.replace(b"7-2", b"7 & 2"))
    result = CliRunner().invoke(main, ["validate", "-j", "1", "-f", "json", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.count('"rule": "parse"') == 2

"""Review finding, fixed: CR-only line endings (classic Mac OS, some newsroom exports) are
line breaks, so such a file reads exactly like its LF twin."""

from __future__ import annotations

from conftest import EXAMPLE
from newsml_tools import read_article


def test_cr_only_text_reads_like_lf_text() -> None:
    lf = EXAMPLE.read_text(encoding="utf-8")
    cr = read_article(lf.replace("\n", "\r"))
    ref = read_article(lf)
    assert cr.paragraphs == ref.paragraphs
    assert len(cr.media) == len(ref.media)
    assert [(q.text, q.speaker) for q in cr.quotes] == [(q.text, q.speaker) for q in ref.quotes]
    assert cr.provenance.spans["headline"] == ref.provenance.spans["headline"]
    assert cr.provenance.sha256 != ref.provenance.sha256  # the hash is of the bytes given


def test_crlf_text_reads_like_lf_text() -> None:  # holds today; keep it that way
    lf = EXAMPLE.read_text(encoding="utf-8")
    crlf, ref = read_article(lf.replace("\n", "\r\n")), read_article(lf)
    assert crlf.paragraphs == ref.paragraphs and len(crlf.media) == len(ref.media)

"""Review: the library API with odd inputs (convert_text never raises for any text)."""

from __future__ import annotations

from newsml_tools import ConvertOptions, convert_text

ALL = ("newsml-g2", "jsonld", "nitf", "ninjs")


def test_lone_surrogates_do_not_raise_and_outputs_are_utf8() -> None:
    conv = convert_text("Head\udcff line\n\nBody \ud800 text.\n", ConvertOptions(formats=ALL),
                        source_name="odd.txt")
    assert conv.ok, conv.findings
    assert "CV002" in [f.rule for f in conv.findings]
    for data in conv.outputs.values():
        data.decode("utf-8")  # strict: no surrogate leaked into the bytes


def test_guid_unchanged_for_ordinary_text() -> None:
    # the surrogate-tolerant hash must not move existing GUIDs
    conv = convert_text("Head\n\nBody text.\n", ConvertOptions(formats=("jsonld",)))
    assert b'"urn:newsml:newsml-tools:' in conv.outputs["jsonld"]

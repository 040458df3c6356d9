"""Properties of the whole pipeline: it never crashes and never hands back invalid output."""

from __future__ import annotations

from datetime import datetime, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsml_tools.convert import ConvertOptions, convert_text
from newsml_tools.validation import validate

OPTIONS = ConvertOptions(date=datetime(2024, 1, 1, tzinfo=timezone.utc))
# Text built from the pieces articles are made of, so examples hit the interesting paths.
PIECES = st.sampled_from([
    "Headline", "\n", "\n\n", " ", "“", "”", '"', "„", "“", "«", "»", "‘", "’", "said",
    "he added", "By Jane Doe", "(AP Photo/Evan Vucci)", "PARIS (AFP) -", "Reporting by X",
    "Headline: x\n", "---\n", "according to the ministry", "\u00a0", "\x00", "\x0b", "<", "&",
    "]]>", "Mr Chen", ",", ".", ":", "—",
])
TEXTS = st.one_of(st.text(max_size=400), st.lists(PIECES, max_size=60).map("".join))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_convert_never_raises_and_outputs_are_valid(text: str) -> None:
    conv = convert_text(text, OPTIONS, source_name="prop.txt")
    for fmt, data in conv.outputs.items():
        kind = "newsml-g2" if fmt == "newsml-g2" else "jsonld"
        assert validate(data, kind, filename=f"prop.{fmt}").valid

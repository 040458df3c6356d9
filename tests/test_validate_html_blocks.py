"""Finding JSON-LD blocks in HTML: one linear pass that reads comments, raw-text elements
and quoted attribute values the way an HTML tokenizer does (html.parser as the reference)."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from newsml_tools.validation.core import ld_json_blocks

LD = '<script type="application/ld+json">{"n": %d}</script>'
FRAGMENTS = st.sampled_from([
    "text ", "\n", "<p>", "</p>", "<!-- c -->", "<!-- <script type=\"application/ld+json\">"
    '{"n": -1}</script> -->', '<div title="<!--">', '<div title=\'-->\'>', "</div>",
    "<script>var a = '<!--';</script>", "<style>/* <!-- */</style>", "<script-data>x",
    '<script type="text/javascript">1 < 2</script>', "<br/>", '<a href="x?a=1&b=<2>">',
    "<!---->", "<!-- a -- b -->", "<SCRIPT type='application/ld+json; charset=utf-8'>"
    '{"n": 7}</SCRIPT >',
    # third review: a quote opens a value only after "=", bogus comments, <script/type=…>
    "<img src=a.jpg alt=Don't>", '<img alt="x"">', '<div x"y>', "<!DOCTYPE html>",
    "<?xml version='1.0'?>", '<!x <script type="application/ld+json">{"n": -2}</script> >',
    '<script/type="application/ld+json">{"n": 8}</script>', '<div title="a>b">',
    # fourth review: "=" that opens no value
    "<img src=a.jpg alt=x='>", "<b title='>", '<a ="> x', '<a b="x"="> x', '<a/="> x',
    '<a b= = "> x', "</>",
])


class _Reference(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.blocks: list[str] = []
        self._in_ld: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        kind = (dict(attrs).get("type") or "").split(";")[0].strip().lower()
        if tag == "script" and kind == "application/ld+json":
            self._in_ld = []

    def handle_data(self, data):
        if self._in_ld is not None:
            self._in_ld.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_ld is not None:
            self.blocks.append("".join(self._in_ld))
            self._in_ld = None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(FRAGMENTS, st.integers(0, 99).map(lambda n: LD % n)), max_size=25))
def test_blocks_match_an_html_tokenizer(parts: list[str]) -> None:
    page = "".join(parts)
    ref = _Reference()
    ref.feed(page)
    ref.close()
    assert [page[a:b] for a, b in ld_json_blocks(page)] == ref.blocks


def test_hostile_pages_end() -> None:
    """'<script' 40,000 times with no '>' took minutes (a lazy regex tried from every
    start); the scan is linear now, so this is a fraction of a second (no timing asserted:
    a quadratic scan would show as a suite that takes minutes)."""
    for page in ("<script" * 40_000, "<script>" * 40_000, "<!--" * 40_000,
                 '<div title="' * 40_000):
        assert list(ld_json_blocks(page)) == []


def test_end_tag_opener_without_a_name_is_a_bogus_comment() -> None:
    """"</ x", "</2", "</#x": a bogus comment up to the next ">" (it swallows a script
    start tag there, as in browsers)."""
    ld = '<script type="application/ld+json">{"n": 1}</script>'
    for opener in ("a </ ", "1</2 ", "</#x "):
        assert list(ld_json_blocks(opener + ld)) == []
        page = opener + "> " + ld
        assert [page[a:b] for a, b in ld_json_blocks(page)] == ['{"n": 1}']

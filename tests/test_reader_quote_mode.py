"""Which quotation marks are primary: “…” with ’ apostrophes never switches into
single-quote mode; ‘…’ is primary only when there are no double-quote quotations and
the ‘…’ pairs look like quotations."""

from __future__ import annotations

from newsml_tools.reader import read_article
from newsml_tools.reader.quotes import find_quotes

BRITISH_DOUBLE = """Where the tide goes out: life on Britain’s last working pier

By Harriet Vane

“You don’t come here for the weather,” says Dot Pringle, 71, who’s sold whelks from the
same hut since 1979. “You come ’cause your nan did, and you’d be daft not to.”

The pier’s owners say it’ll close in October. “It’s heartbreaking,” says Pringle. “I’d
stay till they carry me off, round’ere nobody’s in a hurry.”

‘Quiet’ is the word locals use. Ken Otley, who runs the arcade, isn’t giving up. “We’ll
fight it,” he says. “If they’d listened, we wouldn’t be here. I’ll tell you that for
nothing.”
"""


def test_curly_double_quotes_with_apostrophes_stay_in_double_mode() -> None:
    art = read_article(BRITISH_DOUBLE)
    texts = [q.text for q in art.quotes]
    assert "You don’t come here for the weather," in texts
    assert "I’ll tell you that for nothing." not in texts  # the quote starts at “If
    assert any(t.startswith("If they’d listened") for t in texts)
    assert len(texts) == 6
    assert all("Quiet" not in t for t in texts)
    assert [q.speaker for q in art.quotes] == ["Dot Pringle"] * 4 + ["Ken Otley"] * 2


def test_only_apostrophes_no_quotes() -> None:
    paras = ["It’s the sort of place you’d miss, round’ere.", "Don’t ask ’em, they’ll say no."]
    assert find_quotes(paras) == []


def test_single_quotes_primary_when_no_double_quotations() -> None:
    paras = ["‘We don’t get many visitors,’ says landlord Tom Briggs.", "‘Yes,’ he says."]
    spans = find_quotes(paras)
    assert [paras[q.paragraph][q.start : q.end] for q in spans] == [
        "We don’t get many visitors,",
        "Yes,",
    ]


def test_lone_scare_quote_is_not_single_quote_mode() -> None:
    # one ‘Quiet’ and dialect apostrophes, no speech: nothing to quote
    paras = ["Locals call it ‘Quiet’ and don’t mind.", "It’s round’ere somewhere."]
    assert find_quotes(paras) == []


def test_stray_double_mark_does_not_hide_single_quotations() -> None:
    # a 12" record (a stray straight mark) in copy quoted with ‘…’
    paras = ["He sold the 12\" single for £40.", "‘It was a steal, honestly,’ says Briggs."]
    spans = find_quotes(paras)
    assert [paras[q.paragraph][q.start : q.end] for q in spans] == [
        "It was a steal, honestly,"
    ]


HARD_WRAPPED_DIALECT = """Last orders at the Fox and Hounds

By Harriet Vane

“We don’t get many visitors round ’ere, and we like it that way, we ain’t goin’
anywhere,” says landlord Tom Briggs, who’s been pullin’ pints since ’89 and is stayin’
put. “I’ll tell you what, though, it’s never dull, and the regulars keep comin’
back for more. You’d be surprised who walks in of a Friday, honest,” he says, laughin’
at the thought.

The regulars agree, mostly. “It’s the last proper pub for miles, this,” says Dot.
"""


def test_hard_wrapped_lines_ending_in_dialect_apostrophes_stay_one_paragraph() -> None:
    # "goin’" / "stayin’" at a line break is not a sentence end: the block is wrapped
    # prose, so quotes running across its lines are kept
    art = read_article(HARD_WRAPPED_DIALECT)
    assert len(art.paragraphs) == 2
    assert [q.speaker for q in art.quotes] == ["Tom Briggs", "Tom Briggs", "Dot"]
    assert art.quotes[0].text.startswith("We don’t get many visitors")
    assert art.quotes[0].text.endswith("anywhere,")


def _texts(paras: list[str]) -> list[str]:
    return [paras[q.paragraph][q.start : q.end] for q in find_quotes(paras)]


def test_straight_single_quotes_when_there_are_no_other_quotations() -> None:
    # British copy typed on a plain keyboard: ' is both the quote mark and the apostrophe
    paras = [
        "'People think it's romantic,' he says. 'It is, for about a fortnight.'",
        "The workers' canteen shut in the '90s. 'You don't do it for the money,' he says.",
    ]
    assert _texts(paras) == [
        "People think it's romantic,",
        "It is, for about a fortnight.",
        "You don't do it for the money,",
    ]


def test_straight_apostrophes_alone_are_not_quotations() -> None:
    paras = ["It's the workers' canteen, shut since the '90s.", "Don't ask 'em."]
    assert _texts(paras) == []


def test_straight_singles_never_override_double_quotations() -> None:
    paras = ['"We stay," she said. The \'old guard\' left, and the council\'s plan failed.']
    assert _texts(paras) == ["We stay,"]


def test_straight_single_quote_article_attributes_speakers() -> None:
    art = read_article(
        "Ferry keeps going\n\nDennis Trelawny is on the slipway at dawn.\n\n"
        "'People think it's romantic,' he says. 'Then it's just wet.'\n"
    )
    assert [(q.text, q.speaker) for q in art.quotes] == [
        ("People think it's romantic,", "Dennis Trelawny"),
        ("Then it's just wet.", "Dennis Trelawny"),
    ]

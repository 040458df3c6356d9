"""The reader's fast paths (pre-checks before regexes, memoised helpers) give exactly
what the plain regexes give, on random and news-like strings."""

from __future__ import annotations

import random
import re

import pytest

from newsml_tools.reader import cues, dateline, language, speakers

_WORDS = (  # noqa: SIM905
    "said has had was is also later recently simply a la le lui sich publicly family Italy "
    "who which der die qui que quien quienes che il quale statement spokesman office team "
    "blog Jane Doe's Reuters’ the of, ; : . — “ ” \" ' ’ - x-ray Kim Jong-un O'Neil 12 é ß"
).split()


def _samples(n: int = 3000) -> list[str]:
    rng = random.Random(7)
    out = []
    for _ in range(n):
        words = [rng.choice(_WORDS) for _ in range(rng.randrange(0, 40))]
        seps = [rng.choice([" ", "  ", "\n", "\xa0", "", ", "]) for _ in words]
        out.append("".join(w + s for w, s in zip(words, seps, strict=True)).rstrip())
    out += ["", " ", "a", " a", " has", "\n lui", " x  publicly", "x publicly", "x fly"]
    out += ["‘ who", "-" * 80, "b" * 70 + " said"]
    return out


@pytest.mark.parametrize("text", _samples())
def test_fast_paths_equal_regexes(text: str) -> None:
    def same(a, b) -> bool:  # type: ignore[no-untyped-def]
        return (a is None and b is None) or (
            a is not None and b is not None and a.span() == b.span() and a.group() == b.group()
        )

    assert same(cues.aux_tail(text), cues.AUX_TAIL.search(text))
    assert same(cues.relative_end(text), cues.RELATIVE.search(text))
    assert same(cues.owner_noun(text), cues.OWNER_NOUN.search(text))
    words = list(cues.WORD.finditer(text))
    assert same(cues.last_word(text), words[-1] if words else None)


_DE = "amt ämter Verband GEWERKSCHAFT werke bank x ß ſ K 1 _ é- Landes Stadt".split()  # noqa: SIM905


def test_german_org_suffix_fast_path() -> None:
    from newsml_tools.reader import names

    rng = random.Random(11)
    for _ in range(5000):
        text = "".join(
            rng.choice(_DE) + rng.choice(["", "", " ", "-", ".", "\n"])
            for _ in range(rng.randrange(0, 8))
        )
        fast = names.DE_ORG_SUFFIX_AT.search(text) is not None
        assert fast == (names._DE_ORG_SUFFIX.search(text) is not None), text


def test_normalize_ws_fast_path() -> None:
    import re

    from newsml_tools.reader.blocks import normalize_ws

    ws = re.compile(r"\s+")
    rng = random.Random(13)
    alphabet = "ab \t\n\xa0\u2028\u3000\x1c\x85.x  "
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))
        assert normalize_ws(text) == ws.sub(" ", text).strip(), repr(text)


def test_find_quotes_closing_mark_jump_at_the_length_limit() -> None:
    from newsml_tools.reader.quotes import MAX_QUOTE_CHARS, find_quotes

    for k in range(MAX_QUOTE_CHARS - 2, MAX_QUOTE_CHARS + 2):
        spans = find_quotes(["“" + "x" * k + "” tail"])
        assert bool(spans) == (k + 1 <= MAX_QUOTE_CHARS), k


_PIECES = (  # noqa: SIM905
    "the la l' l’ he she His her Him ministra group Group party x-group × ÷ é ß 1 _ - — – ― "
    "-- .- Amazonia Viva said PARIS (Reuters) und and le der “ ” « » „ \xa0 … ’s . , ;"
).split()


def _mixed(n: int = 4000) -> list[str]:
    rng = random.Random(11)
    return [
        "".join(rng.choice(_PIECES) + rng.choice(["", " ", "  ", "\n"]) for _ in range(k))
        for k in (rng.randrange(0, 30) for _ in range(n))
    ]


def test_word_before_capital_possessive_scan() -> None:
    """Giving letters back never lets the space-then-capital lookahead match."""
    plain = re.compile(r"\b[A-Za-zÀ-ÿ-]{2,}(?= [A-ZÀ-ÖØ-Þ])")
    for text in _mixed():
        fast = [m.span() for m in speakers._WORD_BEFORE_CAP.finditer(text)]
        assert fast == [m.span() for m in plain.finditer(text)], text


def test_gender_pronoun_charset_search() -> None:
    plain = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im)\b")
    for text in _mixed():
        fast = [m.span() for m in speakers._GENDER_PRONOUN.finditer(text)]
        assert fast == [m.span() for m in plain.finditer(text)], text


def test_language_token_words_are_the_tokens() -> None:
    odd = ["é", "ß", "€", "°", "²", "½", "٣", "_", "\u0301", "\ud800", "K", "İ", "中", "·"]
    rng = random.Random(29)
    texts = [*_mixed(), *_samples(500)]
    texts += [_joined(rng, [*_WORDS, *odd], " .\n“—", 12) for _ in range(5000)]
    for text in texts:
        for form in (text, text.lower()):
            words = language.token_words(form)
            if words is not None:
                assert [w.decode() for w in words] == language._TOKEN.findall(form), form
    assert language.token_words("Tomás Rivera dijo “sí”") == [
        b"Tom\xc3\xa1s",
        b"Rivera",
        b"dijo",
        b"s\xc3\xad",
    ]


def test_dateline_dash_pre_check() -> None:
    """No dash, no dateline: every pattern would need one."""
    for text in _mixed():
        if not any(d in text for d in dateline._DASHES):
            assert not any(p.match(text) for p in dateline._PATTERNS), text


_NAMING_WORDS = (  # noqa: SIM905
    "itself THEMSELVES himself herself named titled entitled known as so-called the word "
    "term phrase hashtag slogan motto book film song album show novel play x ſo-called "
    "bathe ihashtag The Hashtag , . \n \t \xa0 itſelf"
).split(" ")


def _joined(rng: random.Random, words: list[str], seps: str, most: int) -> str:
    """Up to ``most`` random words, each followed by a random separator (one character of
    ``seps`` or nothing)."""
    return "".join(
        rng.choice(words) + rng.choice(["", " ", *seps]) for _ in range(rng.randrange(0, most))
    )


def test_names_thing_equals_the_naming_search() -> None:
    rng = random.Random(19)
    for _ in range(30000):
        text = _joined(rng, _NAMING_WORDS, " \n-\t", 8)
        assert cues.names_thing(text) == (cues.NAMING.search(text) is not None), repr(text)


_VERB_WORDS = (  # noqa: SIM905
    "said says so-called unsaid essays sagte a déclaré dit dijo added Said SAID said2 _said "
    "saidé ésaid ½said said² told tells x “ ” ‘ ’ — – … « » „ \xa0 , . - ' 3"
).split(" ")


def test_reporting_verbs_in_equals_the_word_scan() -> None:
    rng = random.Random(17)
    for _ in range(20000):
        text = _joined(rng, _VERB_WORDS, " -.\n’—", 10)
        n = len(text)
        ranges = [(0, None), (rng.randrange(0, n + 1), None)]
        ranges += [tuple(sorted((rng.randrange(0, n + 1), rng.randrange(0, n + 1)))) for _ in "ab"]
        for start, end in ranges:
            stop = n if end is None else end
            fast = [(m.span(), m.group()) for m in cues.reporting_verbs_in(text, start, end)]
            slow = [(m.span(), m.group()) for m in cues._reporting_verbs_scan(text, start, stop)]
            assert fast == slow, (text, start, end)


_TYPE_WORDS = (  # noqa: SIM905
    "group Group GROUP start-up startup up Amazonia Viva x-group -group 3group group3 Égroup "
    "ministry the said Kelvin \u212a company comPany union ×group ÷ À Þ ß é party NGO ngo"
).split(" ")


def test_type_word_before_capital_equals_the_word_scan() -> None:
    assert all(
        t.replace("-", "").isascii() and t.replace("-", "").isalpha() and t.count("-") <= 1
        for t in speakers._ORG_TYPE_SET
    ), "the reversed pre-check reads ASCII type words with at most one hyphen"
    rng = random.Random(23)
    for _ in range(30000):
        text = _joined(rng, _TYPE_WORDS, "  -.\n’—", 8)
        slow = not speakers._ORG_TYPE_SET.isdisjoint(
            map(str.lower, speakers._WORD_BEFORE_CAP.findall(text))
        )
        assert speakers.type_word_before_capital(text) == slow, repr(text)


def test_name_run_lookahead_only_prunes() -> None:
    """The lookahead inside ``NAME_RUN`` names every letter a run can go on with."""
    alternatives = [speakers._PARTICLE, speakers._PREFIXED.split("-", 1)[0]]
    firsts = {w[0] for a in alternatives for w in a.removeprefix("(?:").rstrip(")").split("|")}
    assert all(f in speakers._RUN_GOES_ON for f in firsts), firsts
    plain = re.compile(speakers.NAME_RUN.pattern.replace(speakers._RUN_GOES_ON, ""))
    rng = random.Random(31)
    words = [*_WORDS, "van", "von", "de", "al-Amr", "el-Sayed", "&", "y", "of", "Ibn", "ibn"]
    for _ in range(20000):
        text = _joined(rng, words, "  \n\t", 10)
        assert [m.span() for m in speakers.NAME_RUN.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ], text


def test_name_runs_kept_whole_need_no_split() -> None:
    rng = random.Random(37)
    words = ["Putin.", "Putin's", "Jones’", "U.S.", "Dr.", "Mr", "J.", "Ab.", "Kim", "O'Neil"]
    words += ["al-Amr", "x-al-Faisal", "said", "the", "’s", "s'"]
    for _ in range(50000):
        text = _joined(rng, words, "  \xa0\t.-\n", 8)
        assert speakers.name_runs(text) == speakers.name_runs(text, split_all=True), text


def test_gender_noun_tail_search() -> None:
    nouns = re.findall(r"[a-z]+", speakers._GENDER_NOUN.pattern.split(")[")[0])
    assert max(map(len, nouns)) == speakers._GENDER_NOUN_SPAN
    rng = random.Random(41)
    words = [*nouns, "x", "the", "ms.", "mr,", "a-son", "ſon", "businesswoman", "é", "1"]
    for _ in range(30000):
        before = _joined(rng, words, " ,.\n\t\xa0-", 6)
        fast, slow = speakers._gender_noun(before), speakers._GENDER_NOUN.search(before)
        assert (fast and (fast.span(), fast.groups())) == (slow and (slow.span(), slow.groups()))


def test_prep_before_tail_search() -> None:
    rng = random.Random(43)
    words = ["by", "of", "against", "about", "and", "the", "a", "an", "Smith", "xby", "iby", "x"]
    for _ in range(30000):
        text = _joined(rng, words, "  \n\t\xa0,", 7)
        end = rng.randrange(0, len(text) + 1)
        fast, slow = cues.prep_before(text, end), cues.PREP_BEFORE.search(text[:end])
        assert (fast and (fast.span(), fast.groupdict())) == (
            slow and (slow.span(), slow.groupdict())
        ), (text, end)


def test_abbrev_end_equals_the_search() -> None:
    rng = random.Random(47)
    words = ["said", "Mr", "etc", "approx", "U.s", "J", "xMr", "vs", "ca", "Mrs", "é", "1", "a"]
    for _ in range(30000):
        head = _joined(rng, words, " .\n(", 4)[-12:]
        assert cues.abbrev_end(head) == (cues.ABBREV.search(head) is not None), repr(head)


def test_is_footer_pre_checks() -> None:
    from newsml_tools.reader import footer

    rng = random.Random(53)
    words = (  # noqa: SIM905
        "Reporting by Jane Doe ; Editing Writing von Text writer reporter contributed "
        "Associated Press AP staff to this report . ( ) REPORTING BY contrıbuted ſub "
        "Sub-editing CONTRİBUTED x the"
    ).split()
    for _ in range(30000):
        text = _joined(rng, words, "  \n\xa0", 9)
        t = " ".join(text.split())
        slow = len(t) <= 600 and bool(
            footer._FOOTER_START.match(t) or footer._CONTRIBUTED.fullmatch(t)
        )
        assert footer.is_footer(text) == slow, text


def test_literal_pre_checks_of_attribution_patterns() -> None:
    """What the attribution rules test before trying these patterns: every match has it."""
    from newsml_tools.reader import attribution

    rng = random.Random(59)
    words = ["Explica", "Ferrandis", "que", "said", "saying", "adding", "X", ":", ",", "a", "é"]
    for _ in range(30000):
        text = _joined(rng, words, "  \n\t,:", 6)
        if cues.PARTICIPLE.search(text):
            assert "ing" in text, text
        if attribution._VERB_FIRST.match(text):
            assert text.rstrip().endswith((":", ",", "que")), text


def test_literal_pre_checks_of_front_and_name_patterns() -> None:
    """Every match of these patterns has what is tested before trying them."""
    from newsml_tools.reader import byline, caption, footer
    from newsml_tools.reader.names import is_agency

    rng = random.Random(61)
    words = (  # noqa: SIM905
        "Jane Doe | Reuters REUTERS The Associated Press AP , – - ( ) Reporting by Photo "
        "Caption : publicly family Gewerkschaftschef Sprecherin x . the"
    ).split()
    for _ in range(30000):
        text = _joined(rng, words, "  \n\t", 7)
        nm = byline._NAME_AGENCY.fullmatch(text.strip())
        if nm and is_agency(nm.group("agency")):
            assert byline._ends_with_agency(text), text
        if footer._INLINE.search(text):
            assert text.rstrip().endswith(")"), text
        if caption._CAPTION_LABEL.match(text):
            assert ":" in text, text
        for word in text.split():
            if cues._ADVERB_WORD.fullmatch(word):
                assert word.endswith("ly"), word
            if speakers._DE_ROLE.fullmatch(word):
                assert len(word) >= 8, word

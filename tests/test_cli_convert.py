"""`newsml convert` and `newsml inspect` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from conftest import EXAMPLE
from newsml_tools.cli import main
from newsml_tools.validation import validate

NITF = "{http://iptc.org/std/NITF/2006-10-18/}"
DATE = "2024-06-19T08:30:00Z"
HEADLINE = "Putin’s Visit to North Korea Marks a New Era in Bilateral Relations"
CREDIT = "Reuters: Kremlin.ru/Handout"
EXPECTED_QUOTES = [
    ("Relations between our countries are entering a new era of blossoming, which cannot be "
     "compared even with the period of Korean-Soviet relations of the last century,",
     {"Kim Jong Un"}),
    ("strengthen", {"Kim Jong Un"}),
    ("We very much appreciate your systematic and permanent support of Russian policy, "
     "including on the Ukrainian issue,", {"Vladimir Putin"}),
    ("based on the principles of equality and mutual respect of interests.", {"Vladimir Putin"}),
    ("strategic partnership", {"the Kremlin", "The Kremlin", "Kremlin", None}),
    ("comprehensive strategic partnership treaty", {"Yuri Ushakov", None}),
]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _convert_example(runner: CliRunner, out: Path, *extra: str) -> tuple[bytes, bytes]:
    result = runner.invoke(main, ["convert", str(EXAMPLE), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return ((out / "putin-north-korea.newsml.xml").read_bytes(),
            (out / "putin-north-korea.jsonld").read_bytes())


def test_example_converts_to_valid_newsml_and_jsonld(runner: CliRunner, tmp_path: Path) -> None:
    xml, jsonld = _convert_example(runner, tmp_path, "--date", DATE)

    report = validate(xml, "newsml-g2", filename="example.newsml.xml")
    assert report.valid, report.findings
    root = etree.fromstring(xml)
    assert root.findtext("{http://iptc.org/std/nar/2006-10-01/}contentMeta/"
                         "{http://iptc.org/std/nar/2006-10-01/}headline") == HEADLINE
    assert root.findtext(f".//{NITF}media-producer") == CREDIT
    assert root.findtext(f".//{NITF}media-caption").startswith("Russia’s President Vladimir Putin")
    xml_quotes = [(q.text, q.get("quote-source")) for q in root.iter(NITF + "q")]
    assert [t for t, _ in xml_quotes] == [t for t, _ in EXPECTED_QUOTES]
    for (_, speaker), (_, allowed) in zip(xml_quotes, EXPECTED_QUOTES, strict=True):
        assert speaker in allowed

    assert validate(jsonld, "jsonld", filename="example.jsonld").valid
    doc = json.loads(jsonld)
    assert doc["headline"] == HEADLINE
    assert doc["image"][0]["creditText"] == CREDIT
    assert doc["image"][0]["caption"].startswith("Russia’s President Vladimir Putin")
    quotes = [p for p in doc["hasPart"] if p["@type"] == "Quotation"]
    assert [q["text"] for q in quotes] == [t for t, _ in EXPECTED_QUOTES]
    for quote, (_, allowed) in zip(quotes, EXPECTED_QUOTES, strict=True):
        assert quote.get("creator", {}).get("name") in allowed


def test_same_input_and_date_give_byte_identical_output(runner: CliRunner, tmp_path: Path) -> None:
    first = _convert_example(runner, tmp_path / "a", "--date", DATE)
    second = _convert_example(runner, tmp_path / "b", "--date", DATE)
    assert first == second


def test_source_date_epoch_stands_in_for_date(runner: CliRunner, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    explicit = _convert_example(runner, tmp_path / "a", "--date", DATE)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1718785800")  # 2024-06-19T08:30:00Z
    from_env = _convert_example(runner, tmp_path / "b")
    assert explicit == from_env


def test_without_any_date_warns_and_stays_deterministic(runner: CliRunner, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    result = runner.invoke(main, ["convert", str(EXAMPLE), "-o", str(tmp_path)])
    assert result.exit_code == 0
    assert "[CV001]" in result.output
    assert "1970-01-01T00:00:00Z" in (tmp_path / "putin-north-korea.jsonld").read_text("utf-8")


def test_one_format_to_stdout(runner: CliRunner) -> None:
    result = runner.invoke(main, ["convert", str(EXAMPLE), "--to", "jsonld", "--date", DATE])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["headline"] == HEADLINE


def test_stdin_input(runner: CliRunner) -> None:
    text = "A headline\n\n“Hello,” said Jane Doe.\n"
    result = runner.invoke(main, ["convert", "-", "--to", "newsml-g2", "--date", DATE],
                           input=text.encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert b"<hl1>A headline</hl1>" in result.stdout_bytes


def test_options_reach_the_output(runner: CliRunner) -> None:
    result = runner.invoke(main, ["convert", str(EXAMPLE), "--to", "jsonld", "--date",
                                  "2024-06-19T17:30:00+09:00", "--provider", "Acme News",
                                  "--lang", "en-GB", "--guid", "urn:newsml:acme:1"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["datePublished"] == "2024-06-19T17:30:00+09:00"
    assert doc["publisher"]["name"] == "Acme News"
    assert doc["inLanguage"] == "en-GB"
    assert doc["identifier"] == "urn:newsml:acme:1"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["convert", "missing.txt", "-o", "out"], "missing.txt: cannot read"),
        (["convert", str(EXAMPLE)], "give -o DIR"),
        (["convert", str(EXAMPLE), "-o", "out", "--date", "yesterday"], "not an ISO 8601"),
        (["convert", str(EXAMPLE.parent), "-o", "out"], "is a directory"),
        (["inspect", "missing.txt"], "missing.txt: cannot read"),
    ],
)
def test_bad_input_is_a_clear_error_with_exit_2(runner: CliRunner, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                args: list[str], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_invalid_utf8_names_file_line_and_column(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Headline\n\nCaf\u00e9 au lait".encode("latin-1"))
    result = runner.invoke(main, ["convert", str(bad), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert f"{bad}:3:4: not valid UTF-8" in result.output
    assert not (tmp_path / "out").exists()


def test_one_bad_file_does_not_stop_the_others(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["convert", "nope.txt", str(EXAMPLE), "-o", str(tmp_path),
                                  "--date", DATE])
    assert result.exit_code == 2
    assert (tmp_path / "putin-north-korea.newsml.xml").exists()


def test_invalid_output_is_not_written(runner: CliRunner, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import newsml_tools.convert as convert_module

    real_render = convert_module.render

    def broken_render(article, fmt, options):  # type: ignore[no-untyped-def]
        data = real_render(article, fmt, options)
        return data.replace(b' guid="', b' guidx="') if fmt == "newsml-g2" else data

    monkeypatch.setattr(convert_module, "render", broken_render)
    result = runner.invoke(main, ["convert", str(EXAMPLE), "-o", str(tmp_path), "--date", DATE])
    assert result.exit_code == 1
    assert "error [" in result.output
    assert "not written" in result.output
    assert list(tmp_path.iterdir()) == []  # neither format: the item is all or nothing


def test_inspect_shows_fields_with_their_source_spans(runner: CliRunner) -> None:
    result = runner.invoke(main, ["inspect", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    view = json.loads(result.stdout)
    assert view["headline"] == HEADLINE
    assert view["provenance"]["spans"]["headline"]["text"].strip() == HEADLINE
    first = view["quotes"][0]
    assert first["speaker"] == "Kim Jong Un"
    assert "Kim Jong Un" in first["speaker_span"]["text"]
    assert first["rule"]


def test_an_internal_error_is_one_line_and_exit_123(runner: CliRunner, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import newsml_tools.reader as reader_module

    def explode(text: str, *, source_name: str | None = None) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(reader_module, "read_article", explode)
    monkeypatch.delenv("NEWSML_DEBUG", raising=False)
    result = runner.invoke(main, ["inspect", str(EXAMPLE)])
    assert result.exit_code == 123
    assert "newsml: internal error: RuntimeError: boom" in result.output
    assert "Traceback" not in result.output


def test_a_crash_on_one_input_does_not_stop_the_others(runner: CliRunner, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import newsml_tools.convert as convert_module

    real = convert_module.read_article

    def fragile(text: str, *, source_name: str | None = None):  # type: ignore[no-untyped-def]
        if "CRASH" in text:
            raise RuntimeError("reader bug")
        return real(text, source_name=source_name)

    monkeypatch.setattr(convert_module, "read_article", fragile)
    monkeypatch.delenv("NEWSML_DEBUG", raising=False)
    bad = tmp_path / "bad.txt"
    bad.write_text("CRASH\n\nbody\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(main, ["convert", str(bad), str(EXAMPLE), "-o", str(out),
                                  "--date", DATE])
    assert result.exit_code == 123
    assert f"internal error on {bad}" in result.output
    assert (out / "putin-north-korea.jsonld").exists()


def test_every_format_converts_and_validates(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["convert", str(EXAMPLE), "-o", str(tmp_path), "--to", "all",
                                  "--date", DATE])
    assert result.exit_code == 0, result.output
    kinds = {".newsml.xml": "newsml-g2", ".jsonld": "jsonld", ".nitf.xml": "nitf",
             ".ninjs.json": "ninjs"}
    for suffix, kind in kinds.items():
        data = (tmp_path / f"putin-north-korea{suffix}").read_bytes()
        assert validate(data, kind, filename=suffix).valid
    ninjs = json.loads((tmp_path / "putin-north-korea.ninjs.json").read_text("utf-8"))
    assert ninjs["headlines"] == [{"role": "main", "value": HEADLINE}]
    assert ninjs["associations"][0]["by"] == CREDIT
    assert 'data-speaker="Kim Jong Un"' in ninjs["bodies"][1]["value"]


@pytest.mark.parametrize(("value", "message"), [("docx", "choose from"), ("jsonld,pdf", "pdf")])
def test_unknown_format_is_a_usage_error(runner: CliRunner, value: str, message: str) -> None:
    result = runner.invoke(main, ["convert", str(EXAMPLE), "--to", value])
    assert result.exit_code == 2
    assert message in result.output


def test_cli_format_names_match_the_writers() -> None:
    from newsml_tools.cli.convert_cmd import FORMAT_NAMES
    from newsml_tools.writers import FORMATS

    assert tuple(FORMATS) == FORMAT_NAMES


def test_an_unreadable_date_header_is_named_in_the_warning(runner: CliRunner, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    story = tmp_path / "story.txt"
    story.write_text('Headline: X\nDate: yesterday\n\n"Hello," said Jo Bloggs.\n', "utf-8")
    result = runner.invoke(main, ["convert", str(story), "--to", "jsonld"])
    assert result.exit_code == 0
    assert "[CV001] the Date: header 'yesterday' is not a date this tool reads" in result.output


def test_closed_stdout_is_a_usage_error_not_a_crash(tmp_path: Path) -> None:
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "newsml_tools", "convert", str(EXAMPLE), "--to", "jsonld",
         "--date", DATE], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        close_fds=True, preexec_fn=lambda: __import__("os").close(1),
    )
    assert proc.returncode == 2, proc.stderr
    assert "cannot write to standard output" in proc.stderr
    assert "internal error" not in proc.stderr

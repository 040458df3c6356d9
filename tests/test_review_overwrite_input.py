"""Review: no command overwrites one of its own inputs."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from newsml_tools.cli import main

ARTICLE = b"A headline\n\nA paragraph of text.\n"


def test_convert_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    story = tmp_path / "story.jsonld"  # plain text under an unlucky name
    story.write_bytes(ARTICLE)
    result = CliRunner().invoke(main, ["convert", str(story), "-o", str(tmp_path), "--to",
                                       "jsonld", "--date", "2024-06-19"])
    assert result.exit_code == 2, result.output
    assert story.read_bytes() == ARTICLE
    assert str(story) in result.output and "overwrite" in result.output


def test_validate_refuses_a_report_over_an_input(tmp_path: Path) -> None:
    feed = tmp_path / "feed.json"
    feed.write_bytes(b'{"uri": "urn:a:b"}')
    result = CliRunner().invoke(main, ["validate", str(feed), "-o", str(feed), "-f", "json",
                                       "-j", "1"])
    assert result.exit_code == 2, result.output
    assert feed.read_bytes() == b'{"uri": "urn:a:b"}'
    assert "overwrite" in result.output

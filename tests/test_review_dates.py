"""Review: dates the schemas cannot carry are refused where they are given."""

from __future__ import annotations

from datetime import datetime

import pytest
from click.testing import CliRunner

from conftest import EXAMPLE
from newsml_tools import ConvertOptions, convert_text
from newsml_tools.cli import main
from newsml_tools.convert import DateError, parse_date


@pytest.mark.parametrize("value", ["2024-06-19T08:30:00-23:59", "2024-06-19T08:30:00+14:01",
                                   "2024-06-19T08:30:00-14:30"])
def test_date_offsets_beyond_xml_schema_range_are_refused(value: str) -> None:
    with pytest.raises(DateError, match="14:00"):
        parse_date(value)


@pytest.mark.parametrize("value", ["2024-06-19T08:30:00-14:00", "2024-06-19T08:30:00+14:00",
                                   "2024-06-19T08:30:00+05:45"])
def test_date_offsets_within_range_are_kept(value: str) -> None:
    assert parse_date(value).isoformat().endswith(value[-6:])


def test_naive_datetime_option_is_utc_as_in_the_cli() -> None:
    conv = convert_text("Head\n\nBody text.\n",
                        ConvertOptions(formats=("jsonld",), date=datetime(2024, 1, 1)))
    assert conv.ok, conv.findings
    assert b'"datePublished": "2024-01-01T00:00:00Z"' in conv.outputs["jsonld"]


def test_cli_date_offset_out_of_range_is_a_usage_error(tmp_path) -> None:
    result = CliRunner().invoke(main, ["convert", str(EXAMPLE), "-o", str(tmp_path),
                                       "--date", "9999-12-31T23:59:59-23:59"])
    assert result.exit_code == 2, result.output
    assert "--date" in result.output and "14:00" in result.output

"""The thin click layer: parse arguments, call library functions, render their data."""

from __future__ import annotations

import click

from newsml_tools import __version__
from newsml_tools.cli.batch_cmd import batch
from newsml_tools.cli.convert_cmd import convert, inspect
from newsml_tools.cli.validate_cmd import rules, validate


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsml")
def main() -> None:
    """Convert plain news text to NewsML-G2 / JSON-LD and validate IPTC news markup."""


main.add_command(convert)
main.add_command(inspect)
main.add_command(validate)
main.add_command(rules)
main.add_command(batch)

"""The thin click layer: parse arguments, call library functions, render their data.

Exit codes, for every command: 0 success/valid, 1 invalid, 2 usage error or unreadable
input, 123 internal error (a bug: one line on stderr, ``NEWSML_DEBUG=1`` for the
traceback), 130 interrupted (143 on SIGTERM, 129 on SIGHUP: they stop a command the way
Ctrl-C does, see ``newsml_tools.interrupts``).
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from newsml_tools import __version__
from newsml_tools.cli.batch_cmd import batch
from newsml_tools.cli.convert_cmd import convert, inspect
from newsml_tools.cli.validate_cmd import WRITE_FAILURES, rules, validate
from newsml_tools.interrupts import exit_code, terminate_as_interrupt

EXIT_INTERNAL = 123
EXIT_USAGE = 2  # also: an output that cannot be written



class GuardedGroup(click.Group):
    """No command ever ends in a Python traceback: bugs become one line and exit 123."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with terminate_as_interrupt():
                return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except KeyboardInterrupt as exc:
            click.echo("newsml: interrupted", err=True)
            sys.exit(exit_code(exc))
        except BrokenPipeError:  # `newsml ... | head`: the reader left, nothing to report
            sys.stderr.close()
            sys.exit(0)
        except OSError as exc:
            if exc.errno not in WRITE_FAILURES or os.environ.get("NEWSML_DEBUG"):
                raise _internal(exc) from None
            # a full disk or a failing device: the environment's problem, not a bug
            click.echo(f"newsml: error: cannot write: {exc.strerror or exc}", err=True)
            _drop_stdout()
            sys.exit(EXIT_USAGE)
        except Exception as exc:
            raise _internal(exc) from None


def _internal(exc: BaseException) -> BaseException:
    """A bug: one line and exit 123 (the exception itself under NEWSML_DEBUG)."""
    if os.environ.get("NEWSML_DEBUG"):
        return exc
    click.echo(f"newsml: internal error: {type(exc).__name__}: {exc} "
               "(set NEWSML_DEBUG=1 for a traceback; please report this)", err=True)
    return SystemExit(EXIT_INTERNAL)


def _drop_stdout() -> None:
    """Unwritten output must not fail again (with a traceback) when Python exits."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass


@click.group(cls=GuardedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsml")
def main() -> None:
    """Convert plain news text to NewsML-G2 / JSON-LD and validate IPTC news markup."""


main.add_command(convert)
main.add_command(inspect)
main.add_command(validate)
main.add_command(rules)
main.add_command(batch)

"""``newsml batch``: bulk conversion of folders and archives (parallel, resumable)."""

from __future__ import annotations

import os
import re
import sys
from datetime import datetime
from typing import Any

import click

from newsml_tools.cli.convert_cmd import conversion_options, options_from_cli
from newsml_tools.findings import EXIT_USAGE

_SIZE = re.compile(r"^\s*(\d+)\s*([kmgt]?)(i?b)?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}
MAX_PROBLEMS_SHOWN = 10


class ByteSize(click.ParamType):
    """``16777216``, ``16M``, ``16MiB``, ``2G`` (binary units)."""

    name = "size"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        m = _SIZE.match(str(value))
        if not m:
            self.fail(f"{value!r} is not a size such as 16M or 1G", param, ctx)
        return int(m.group(1)) * _UNITS[m.group(2).lower()]


def _default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


@click.command()
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option("-o", "--output", "dest", required=True, metavar="DEST",
              help="Output folder (mirrors each input's relative path), or a .zip file.")
@conversion_options
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes [default: all cores].")
@click.option("--resume", is_flag=True,
              help="Skip inputs whose input hash, options and outputs are unchanged since "
                   "the previous run into DEST; redo the rest.")
@click.option("--report", "report", metavar="FILE",
              help="JSON Lines report, one record per input [default: "
                   "DEST/batch-report.jsonl; for out.zip: out.report.jsonl].")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="local: a process pool; dask: a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler address, tcp://HOST:PORT (with --engine dask) [default: "
                   "a LocalCluster]. $NEWSML_DASK_TIMEOUT: seconds to wait for it (30).")
@click.option("--include", multiple=True, metavar="GLOB",
              help="Inputs to take from folders and archives, ignoring case (repeatable) "
                   "[default: *.txt].")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Inputs to leave out, ignoring case: a GLOB without / matches file and "
                   "folder names, one with / the relative path (repeatable).")
@click.option("--max-member-bytes", type=ByteSize(), default="16M", show_default=True,
              help="Largest input (file, archive member, JSON line) read.")
@click.option("--max-total-bytes", type=ByteSize(), default="8G", show_default=True,
              help="Most bytes expanded from one archive (decompression-bomb bound).")
@click.option("--chunk-size", type=click.IntRange(min=1), default=64, hidden=True)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def batch(sources: tuple[str, ...], dest: str, to: str, date: datetime | None,
          provider: str | None, lang: str | None, guid: str | None, jobs: int | None,
          resume: bool, report: str | None, engine: str, scheduler: str | None,
          include: tuple[str, ...], exclude: tuple[str, ...], max_member_bytes: int,
          max_total_bytes: int, chunk_size: int, quiet: bool) -> None:
    """Convert every article in folders, .zip / .tar(.gz) archives and .jsonl files.

    Each input becomes DEST/<relative path>.newsml.xml and/or .jsonld (only outputs that
    pass validation are written) and exactly one record in the JSON Lines report.
    Exit code: 0 every input ok (or skipped), 1 some input invalid or failed, 2 usage
    error or an unreadable SOURCE.
    """
    from newsml_tools.batch import (
        BatchConfig,
        BatchEngineError,
        BatchError,
        BatchInterrupted,
        BatchWriteError,
        EngineError,
        SourceError,
        run_batch,
    )
    from newsml_tools.batch.progress import (
        ProgressBar,
        format_summary,
        progress_wanted,
        terminal_safe,
    )

    if guid:
        raise click.UsageError("--guid names one item; give per-article guids in a .jsonl "
                               'SOURCE ({"guid": ...}) instead')
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    if report == "-":  # stdout carries the summary: a report there would be mixed into it
        raise click.UsageError("--report - is not supported: give a file")
    options = options_from_cli(to, date, provider, lang)
    config = BatchConfig(
        sources=list(sources), dest=dest, options=options, jobs=jobs or _default_jobs(),
        resume=resume, report=report, engine=engine, scheduler=scheduler,
        include=include or ("*.txt",), exclude=exclude, max_member_bytes=max_member_bytes,
        max_total_bytes=max_total_bytes, chunk_size=chunk_size,
        date_now=bool(click.get_current_context().meta.get("newsml.date_now")),
    )
    if resume and dest.lower().endswith(".zip"):
        click.echo("newsml: note: a .zip DEST is written in one go, so --resume converts "
                   "everything again", err=True)
    bar = ProgressBar(sys.stderr) if progress_wanted(sys.stderr, quiet) else None
    config.count_total = bar is not None

    def notify(message: str) -> None:
        if bar is not None:
            bar.close()  # on a line of its own; the next record redraws the bar
        click.echo(f"newsml: {terminal_safe(message)}", err=True)

    config.notify = notify
    problems: list[str] = []
    n_problems = 0

    def on_record(rec: dict[str, Any], done: int, total: int | None) -> None:
        nonlocal n_problems
        if rec["status"] in ("invalid", "error"):
            n_problems += 1
            if len(problems) < MAX_PROBLEMS_SHOWN:
                problems.append(_problem_line(rec))
        if bar is not None:
            bar(rec, done, total)

    try:
        result = run_batch(config, progress=on_record)
    except (BatchWriteError, BatchEngineError) as exc:
        if bar is not None:
            bar.close()
        done = exc.result
        click.echo(f"newsml: error: {terminal_safe(str(exc))}; stopped after "
                   f"{done.total:,} inputs", err=True)
        if exc.published:
            fix = ("free some space, then " if isinstance(exc, BatchWriteError)
                   else "when the engine works again, ")
            click.echo(f"newsml: their records are in {terminal_safe(done.report)}; {fix}"
                       "run the same command with --resume", err=True)
        sys.exit(EXIT_USAGE)
    except (SourceError, BatchError, EngineError) as exc:
        if bar is not None:
            bar.close()
        click.echo(f"newsml: error: {terminal_safe(str(exc))}", err=True)
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt as exc:
        from newsml_tools.batch.work import STATUSES
        from newsml_tools.interrupts import exit_code

        if bar is not None:
            bar.close()
        if isinstance(exc, BatchInterrupted):
            done = exc.result
            counts = ", ".join(f"{done.counts[s]:,} {s}" for s in STATUSES if done.counts[s])
            click.echo(f"newsml: interrupted after {done.total:,} inputs"
                       + (f" ({counts})" if counts else "")
                       + f"; their records are in {terminal_safe(done.report)}", err=True)
        click.echo("newsml: run the same command with --resume to finish", err=True)
        sys.exit(exit_code(exc))
    if bar is not None:
        bar.close()
    for line in problems:
        click.echo(line, err=True)
    if n_problems > len(problems):
        click.echo(f"newsml: ... and {n_problems - len(problems)} more; see "
                   f"{terminal_safe(result.report)}", err=True)
    for message in result.empty_sources:
        click.echo(f"newsml: error: {terminal_safe(message)}", err=True)
    if not quiet:
        click.echo(format_summary(result))  # (ids escaped there)
    sys.exit(result.exit_code)


def _problem_line(rec: dict[str, Any]) -> str:
    """One line (ids and messages may hold ESC, CR, LF ...: escaped; the report keeps
    them as they are)."""
    from newsml_tools.batch.progress import terminal_safe

    reason = rec.get("error")
    if not reason:
        errors = [f for f in rec.get("findings", []) if f.get("severity") == "error"]
        first = errors[0] if errors else (rec.get("findings") or [{}])[0]
        reason = f"{first.get('rule', '?')}: {first.get('message', 'failed validation')}"
        if len(errors) > 1:
            reason += f" (+{len(errors) - 1} more)"
    return terminal_safe(f"newsml: {rec['id']}: {rec['status']}: {reason}")

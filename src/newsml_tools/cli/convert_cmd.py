"""``newsml convert`` and ``newsml inspect``; the conversion options are shared with ``batch``."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

import click

from newsml_tools import option_checks
from newsml_tools.findings import EXIT_INVALID, EXIT_OK, EXIT_USAGE

F = TypeVar("F", bound=Callable[..., Any])
EXIT_INTERNAL = 123  # as in newsml_tools.cli: a bug, reported in one line
FORMAT_NAMES = ("newsml-g2", "jsonld", "nitf", "ninjs")  # = writers.FORMATS, kept import-free
MAX_INPUT_BYTES = 16 * 1024 * 1024  # one article; the same bound as batch's --max-member-bytes


class FormatList(click.ParamType):
    """``newsml-g2``, ``jsonld,ninjs`` or ``all``: a comma-separated list of formats."""

    name = "FORMAT[,FORMAT...]"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> tuple[str, ...]:
        if isinstance(value, tuple):
            return value
        names = [part.strip().lower() for part in str(value).split(",") if part.strip()]
        if names == ["all"]:
            return FORMAT_NAMES
        unknown = [n for n in names if n not in FORMAT_NAMES]
        if unknown or not names:
            self.fail(f"{value!r}: choose from {', '.join(FORMAT_NAMES)} or all (comma-separated)",
                      param, ctx)
        return tuple(dict.fromkeys(names))  # keep the order given, drop repeats


class InputError(Exception):
    """An input that cannot be read as text; the message names the file and place."""


def _parse_date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    if value is None:
        return None
    if value.strip().lower() == "now":  # wall-clock time only when asked for
        ctx.meta["newsml.date_now"] = True  # (batch: the same "now" for --resume)
        return datetime.now(timezone.utc).replace(microsecond=0)
    from newsml_tools.convert import DateError, parse_date

    try:
        return parse_date(value)
    except DateError as exc:
        raise click.BadParameter(str(exc)) from None


def _checked(problem: Callable[[str], str | None]) -> Callable[..., str | None]:
    """A click callback refusing what ``option_checks`` refuses, in its words."""

    def callback(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        message = problem(value) if value else None
        if message is not None:
            raise click.BadParameter(message)
        return value

    return callback


_check_lang = _checked(option_checks.lang_problem)
_check_provider = _checked(option_checks.provider_problem)
_check_guid = _checked(option_checks.guid_problem)


def conversion_options(func: F) -> F:
    """The options every conversion command accepts, with one meaning everywhere."""
    decorators = [
        click.option("--to", "to", type=FormatList(), default="newsml-g2,jsonld",
                     show_default=True,
                     help="Output formats, comma-separated: newsml-g2, jsonld, nitf, ninjs, "
                          "or all."),
        click.option("--date", callback=_parse_date_option, metavar="ISO8601|now",
                     help="Publication/version time (default: the article's Date: header, "
                          "else SOURCE_DATE_EPOCH). A time without zone is UTC."),
        click.option("--provider", envvar="NEWSML_PROVIDER", metavar="ID",
                     callback=_check_provider,
                     help="Provider of the item (a literal, or a QCode such as nprov:AFP). "
                          "Default: the article's Source: header, else 'newsml-tools'."),
        click.option("--lang", metavar="CODE", callback=_check_lang,
                     help="Language tag (BCP 47), overriding detection."),
        click.option("--guid", metavar="URI", callback=_check_guid,
                     help="Item GUID, for one INPUT (default: a GUID:/ID: header that is a "
                          "URI, else derived from provider, date and content; batch: give "
                          "per-record guids in a .jsonl SOURCE)."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def options_from_cli(to: tuple[str, ...] | str, date: datetime | None, provider: str | None,
                     lang: str | None, guid: str | None = None) -> Any:
    from newsml_tools.convert import ConvertOptions, DateError, source_date_epoch

    formats = FormatList().convert(to, None, None)
    if date is None:  # checked once, up front: garbage here is the caller's, not a bug
        try:
            source_date_epoch()
        except DateError as exc:
            raise click.UsageError(f"{exc} (give whole seconds since 1970, or --date)") from None
    return ConvertOptions(formats=formats, date=date, provider=provider, lang=lang, guid=guid)


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 (a BOM is dropped); invalid bytes are an error naming line and column. A NUL
    byte is valid UTF-8 but never text: BOM-less UTF-16 would otherwise convert into a
    headline of U+FFFD-separated letters."""
    nul = data.find(b"\0")
    if nul >= 0:
        hint = " (UTF-16?)" if data[1::2].count(0) * 4 > len(data) else ""
        raise InputError(f"{name}:{_line_column(data, nul)}: a NUL byte: not UTF-8 "
                         f"text{hint}; convert the file to UTF-8 first")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}:{_line_column(data, exc.start)}: not valid UTF-8 (byte "
            f"0x{data[exc.start]:02x}); convert the file to UTF-8 first"
        ) from None


def _line_column(data: bytes, at: int) -> str:
    """``line:column`` (1-based, the column in bytes) of byte ``at``."""
    line = data.count(b"\n", 0, at) + 1
    column = at - data.rfind(b"\n", 0, at)  # 1-based: the newline's own index is 0
    return f"{line}:{column}"


def read_input(path: str) -> tuple[str, str]:
    """Return ``(display name, text)`` for a path or ``-`` (stdin); reads are bounded."""
    from newsml_tools.validation.safety import TooLarge, read_file_limited, read_limited

    name = "<stdin>" if path == "-" else path
    try:
        if path == "-":
            data = read_limited(sys.stdin.buffer, MAX_INPUT_BYTES)
        else:
            data = read_file_limited(path, MAX_INPUT_BYTES)
    except TooLarge as exc:
        raise InputError(f"{name}: too large: {exc}") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory (use `newsml batch` for folders)") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return name, decode_text(data, name)


def _same_file(a: str | os.PathLike[str], b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def _stem(path: str) -> str:
    if path == "-":
        return "stdin"
    name = Path(path).name
    return name[: -len(".txt")] if name.lower().endswith(".txt") else Path(name).stem


def _echo_findings(findings: list[Any]) -> None:
    from newsml_tools.findings import format_finding

    for finding in findings:
        click.echo(format_finding(finding), err=True)


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write <stem>.newsml.xml, .jsonld, .nitf.xml, .ninjs.json here "
                   "(else: stdout, one format).")
@conversion_options
def convert(inputs: tuple[str, ...], output_dir: Path | None, to: str, date: datetime | None,
            provider: str | None, lang: str | None, guid: str | None) -> None:
    """Convert plain-text articles to NewsML-G2, JSON-LD, NITF or ninjs, validated first.

    INPUT is a UTF-8 text file, or - for standard input. Outputs that fail validation are
    not written: their findings are printed and the exit code is 1.
    """
    from newsml_tools.convert import convert_text, write_outputs

    options = options_from_cli(to, date, provider, lang, guid)
    if output_dir is None and (len(options.formats) > 1 or len(inputs) > 1):
        raise click.UsageError(
            "give -o DIR to write several formats or inputs (stdout takes one of each)"
        )
    if guid and len(inputs) > 1:
        raise click.UsageError("--guid names one item; give it with a single INPUT")

    exit_code = EXIT_OK
    seen_stems: dict[str, str] = {}
    for path in inputs:
        try:
            name, text = read_input(path)
        except InputError as exc:
            click.echo(f"newsml: error: {exc}", err=True)
            exit_code = EXIT_USAGE
            continue
        stem = _stem(path)
        if output_dir is not None and stem in seen_stems:
            click.echo(f"newsml: error: {name}: its outputs would overwrite those of "
                       f"{seen_stems[stem]} (same name)", err=True)
            exit_code = EXIT_USAGE
            continue
        seen_stems[stem] = name
        try:
            conv = convert_text(text, options, source_name=name)
        except Exception as exc:  # a bug on one input must not cost the others their output
            if os.environ.get("NEWSML_DEBUG"):
                raise
            click.echo(f"newsml: internal error on {name}: {type(exc).__name__}: {exc} "
                       "(set NEWSML_DEBUG=1 for a traceback; please report this)", err=True)
            exit_code = max(exit_code, EXIT_INTERNAL)
            continue
        _echo_findings(conv.findings)
        if not conv.ok:
            missing = [fmt for fmt in options.formats if fmt not in conv.outputs]
            click.echo(f"newsml: {name}: not written: "
                       f"{', '.join(missing) or 'output'} failed validation", err=True)
            exit_code = max(exit_code, EXIT_INVALID)
            continue
        if output_dir is None:
            if sys.stdout is None:  # started with stdout closed (`>&-`): nowhere to write
                click.echo(f"newsml: error: {name}: cannot write to standard output: it is "
                           "closed (give -o DIR)", err=True)
                exit_code = EXIT_USAGE
                continue
            sys.stdout.buffer.write(conv.outputs[options.formats[0]])
            sys.stdout.buffer.flush()
        else:
            from newsml_tools.convert import output_paths

            clash = [str(p) for p in output_paths(output_dir, stem, tuple(conv.outputs)).values()
                     if path != "-" and _same_file(p, path)]
            if clash:
                click.echo(f"newsml: error: {name}: not written: the output {clash[0]} would "
                           "overwrite this input (rename it, or give another -o)", err=True)
                exit_code = max(exit_code, EXIT_USAGE)
                continue
            try:
                for written in write_outputs(conv, output_dir, stem):
                    click.echo(f"wrote {written}", err=True)
            except OSError as exc:  # an unwritable -o: the caller's to fix, not a bug
                where = exc.filename or output_dir
                click.echo(f"newsml: error: {name}: cannot write {where}: "
                           f"{exc.strerror or exc}", err=True)
                exit_code = max(exit_code, EXIT_USAGE)
    sys.exit(exit_code)


def _with_span_text(node: Any, source: str) -> Any:
    """Annotate every ``{"start", "end"}`` span with the source text it covers."""
    if isinstance(node, dict):
        if set(node) == {"start", "end"} and all(isinstance(v, int) for v in node.values()):
            return {**node, "text": source[node["start"] : node["end"]]}
        return {key: _with_span_text(value, source) for key, value in node.items()}
    if isinstance(node, list):
        return [_with_span_text(value, source) for value in node]
    return node


@click.command()
@click.argument("input_path", metavar="INPUT")
def inspect(input_path: str) -> None:
    """Print the extracted Article as JSON, each span with the text it came from."""
    from newsml_tools.reader import read_article

    try:
        name, text = read_input(input_path)
    except InputError as exc:
        click.echo(f"newsml: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    article = read_article(text, source_name=name)
    view = _with_span_text(article.to_dict(), text)
    click.echo(json.dumps(view, ensure_ascii=False, indent=2))

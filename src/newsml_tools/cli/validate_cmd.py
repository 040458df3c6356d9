"""``newsml validate`` and ``newsml rules``: parse arguments -> runner -> reporter.

Everything heavy (the validator, lxml, the reporters) is imported inside the command
functions so ``newsml validate one.xml`` starts fast.

Exit codes: 0 every input valid; 1 some input invalid (errors, or warnings with
``--strict``; an input over ``--max-bytes`` is a SEC002 error); 2 usage error or an input
that could not be read (missing, unreadable, a pattern or folder that matched nothing);
123 internal error (a bug in newsml-tools:
a one-line message on stderr, no traceback unless ``NEWSML_DEBUG=1``); 130 interrupted
(Ctrl-C).
"""

from __future__ import annotations

import errno
import os
import sys

import click

EXIT_INTERNAL = 123
# a full disk or a failing device while writing output: the environment's, not a bug (exit 2)
WRITE_FAILURES = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})
KINDS = ("auto", "newsml-g2", "nitf", "ninjs", "jsonld", "html")
FORMATS = ("text", "json", "junit", "sarif", "github", "gitlab")


class CannotWrite(click.ClickException):
    """The report could not be written: exit 2 (like any input/output problem), not 1."""

    exit_code = 2


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def _internal_error(exc: BaseException) -> None:
    if os.environ.get("NEWSML_DEBUG"):
        raise exc
    if isinstance(exc, OSError) and exc.errno in WRITE_FAILURES:
        raise exc  # a full disk is not a bug: the group reports it (exit 2)
    click.echo(
        f"newsml: internal error: {type(exc).__name__}: {exc} "
        "(set NEWSML_DEBUG=1 for a traceback; please report this)",
        err=True,
    )
    sys.exit(EXIT_INTERNAL)


def _check_rule_prefixes(values: tuple[str, ...], option: str) -> tuple[str, ...]:
    """Every --select/--ignore value must select at least one known rule id."""
    if not values:
        return values
    from newsml_tools.runner import rule_matches

    known = list(_known_rules())
    if not known:  # no registry to check against: accept anything
        return values
    out = []
    for v in values:
        for part in v.split(","):
            part = part.strip()
            if not part:
                continue
            if not any(rule_matches(k, (part,)) for k in known):
                raise click.BadParameter(
                    f"{part!r} matches no rule id (see `newsml rules`)", param_hint=option
                )
            out.append(part)
    return tuple(out)


def _check_ninjs_version(version: str | None) -> None:
    if version is None:
        return
    try:
        from newsml_tools.validation.ninjs import NINJS_VERSIONS
    except ImportError:  # pragma: no cover - validator layout changed: let it decide
        return
    if version not in NINJS_VERSIONS:
        raise click.BadParameter(
            f"unknown ninjs version {version!r}; known: {', '.join(NINJS_VERSIONS)}",
            param_hint="--ninjs-version",
        )


def _check_schema(schema: str | None) -> None:
    """Load --schema once up front: a broken schema is a usage error, not one per file.

    (The validator caches the compiled schema, so forked workers reuse this one.)
    """
    if schema is None:
        return
    try:
        with open(schema, "rb") as fh:
            head = fh.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
        if head.startswith((b"{", b"[")):
            from newsml_tools.validation.jschema import get_json_schema

            get_json_schema(schema)
        else:
            from newsml_tools.validation.xsd import get_schema

            get_schema(schema)
    except ImportError:  # pragma: no cover - validator layout changed: let it decide
        return
    except Exception as exc:  # whatever the loader raises: the schema is unusable
        raise click.BadParameter(f"cannot use {schema}: {exc}", param_hint="--schema") from None


_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}


def _parse_size(value: str | None) -> int | None:
    """``123``, ``64K``, ``200M``, ``1G`` (binary units; a trailing ``B``/``iB`` is fine)."""
    if value is None:
        return None
    v = value.strip().upper().removesuffix("IB").removesuffix("B")
    unit = v[-1:] if v[-1:] in _UNITS and v[-1:] else ""
    number = v[: -len(unit)] if unit else v
    try:
        n = int(float(number) * _UNITS[unit])
    except (ValueError, OverflowError):  # "inf", "1e400"
        raise click.BadParameter(f"{value!r} is not a size like 200M",
                                 param_hint="--max-bytes") from None
    if n <= 0:
        raise click.BadParameter("must be positive", param_hint="--max-bytes")
    return n


def _known_rules() -> list[str]:
    try:
        from newsml_tools.validation import RULES
    except ImportError:
        return []
    return list(RULES)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--kind", type=click.Choice(KINDS), default="auto", show_default=True,
              help="Document kind; auto detects it per file.")
@click.option("--schema", type=click.Path(exists=True, dir_okay=False),
              help="Validate against this schema (XSD or JSON Schema) instead of the built-in one.")
@click.option("--ninjs-version", metavar="V", help="ninjs schema version (default: detected).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0,
              help="Processes to use (0 = all cores [default]; 1 = no pool).")
@click.option("--include", multiple=True, metavar="GLOB",
              help="File-name globs checked inside directories (repeatable; replaces the "
              "default *.xml *.json *.jsonld *.html *.htm *.nitf).")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Skip files/folders matching GLOB inside directories and patterns (repeatable).")
@click.option("--files-from", metavar="LIST", type=click.Path(allow_dash=True, dir_okay=False),
              help="Read more input paths from LIST, one per line ('-' = stdin).")
@click.option("--select", multiple=True, metavar="RULE",
              help="Only report rules starting with RULE (repeatable, comma-separated ok).")
@click.option("--ignore", multiple=True, metavar="RULE",
              help="Do not report rules starting with RULE (repeatable; 'parse', 'kind' and "
              "SEC001-SEC003, which mean the input was not validated, are never ignored).")
@click.option("--strict", is_flag=True, help="Warnings make a file invalid (exit 1).")
@click.option("--schema-only", is_flag=True,
              help="Check against the schemas only, as xmllint does: parse and schema errors "
              "and hostile-input refusals, none of the rules beyond the schemas (faster).")
@click.option("--output-format", "-f", "output_format", type=click.Choice(FORMATS),
              default=None,
              help="Report format [default: text; github on GitHub Actions to stdout].")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write the report to this file instead of stdout.")
@click.option("-q", "--quiet", is_flag=True, help="No summary line.")
@click.option("--max-bytes", metavar="SIZE", callback=lambda c, p, v: _parse_size(v),
              help="Refuse inputs larger than SIZE (e.g. 200M; default 64M).")
@click.option("--show-files", is_flag=True,
              help="Only list the files that would be checked (after --include/--exclude).")
@click.option("--cache/--no-cache", default=False, show_default=True,
              help="Reuse results for unchanged files (in $NEWSML_CACHE_DIR or "
              "~/.cache/newsml-tools).")
def validate(files, kind, schema, ninjs_version, jobs, include, exclude, files_from, select,
             ignore, strict, schema_only, output_format, output, quiet, max_bytes, show_files,
             cache) -> None:
    """Validate NewsML-G2, NITF, ninjs and JSON-LD files, directories and glob patterns.

    FILE may be a file, a directory (searched recursively), a quoted glob such as
    'feeds/**/*.xml', or '-' for standard input.

    Exit status: 0 all valid, 1 some invalid, 2 usage error or unreadable input,
    123 internal error, 130 interrupted. See docs/ci-integration.md.
    """
    try:
        _validate(files, kind, schema, ninjs_version, jobs, include, exclude, files_from,
                  select, ignore, strict, output_format, output, quiet, max_bytes, show_files,
                  cache, not schema_only)
    except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort,
            SystemExit):
        raise
    except KeyboardInterrupt as exc:
        from newsml_tools.interrupts import exit_code

        click.echo("newsml: interrupted", err=True)
        sys.exit(exit_code(exc))
    except Exception as exc:
        _internal_error(exc)


def _validate(files, kind, schema, ninjs_version, jobs, include, exclude, files_from, select,
              ignore, strict, output_format, output, quiet, max_bytes, show_files,
              cache, rules=True) -> None:
    paths = list(files)
    if files_from:
        if files_from == "-" and "-" in paths:
            raise click.UsageError("'-' cannot be both an input and --files-from (stdin once)")
        from newsml_tools.runner import ListError, read_files_from
        from newsml_tools.validation.safety import TooLarge

        try:
            paths += [p for p in read_files_from(files_from) if p != "-"]
        except ListError as exc:
            raise click.BadParameter(f"{files_from}: {exc}", param_hint="--files-from") \
                from None
        except TooLarge as exc:
            raise click.BadParameter(f"{files_from}: too large for a list of paths: {exc}",
                                     param_hint="--files-from") from None
        except OSError as exc:
            raise click.BadParameter(f"cannot read {files_from}: {exc.strerror or exc}",
                                     param_hint="--files-from") from None
    elif not paths:
        raise click.UsageError("no input: give FILE..., a directory, '-' or --files-from")
    if show_files:
        from newsml_tools.reporters._common import posix_path
        from newsml_tools.runner import expand_paths

        targets = expand_paths(paths, include=include or None, exclude=exclude,
                               stdin_limit=max_bytes)
        _echo_stdout("".join(
            f"{posix_path(t.name)}\n" if t.error is None
            else f"{posix_path(t.name)}: unreadable: {t.error}\n" for t in targets))
        sys.exit(2 if any(t.error for t in targets) else 0)
    _check_ninjs_version(ninjs_version)
    _check_schema(schema)
    select = _check_rule_prefixes(select, "--select")
    ignore = _check_rule_prefixes(ignore, "--ignore")
    if output_format is None:  # annotations under GitHub Actions, unless writing a file
        to_stdout = not output or output == "-"
        on_actions = os.environ.get("GITHUB_ACTIONS") == "true"
        output_format = "github" if on_actions and to_stdout else "text"

    from newsml_tools.reporters import REPORTERS
    from newsml_tools.runner import validate_paths

    to_file = bool(output) and output != "-"
    if to_file and any(_same_file(p, output) for p in paths if p != "-"):
        raise click.BadParameter(f"{output} is one of the inputs; the report would "
                                 "overwrite it", param_hint="-o/--output")
    report = validate_paths(
        paths, jobs=jobs or None, kind=None if kind == "auto" else kind, schema=schema,
        ninjs_version=ninjs_version, select=select, ignore=ignore, strict=strict,
        include=include or None, exclude=exclude, max_bytes=max_bytes, cache=cache,
        rules=rules, not_inputs=(output,) if to_file else (),
    )
    reporter = REPORTERS[output_format](quiet=quiet)
    rendered = reporter.render(report)
    if output and output != "-":
        from newsml_tools.atomic import write_report

        if any(_same_file(r.file, output) for r in report.results):
            raise click.BadParameter(f"{output} is one of the inputs; the report would "
                                     "overwrite it", param_hint="-o/--output")
        try:
            write_report(output, rendered.encode("utf-8", "backslashreplace"))
        except OSError as exc:
            raise CannotWrite(f"cannot write {output}: {exc.strerror or exc}") from None
    else:
        _echo_stdout(rendered)
    if not quiet and (reporter.summary_on_stderr or (output and output != "-")):
        click.echo(report.summary(), err=True)
    if not report.results and not quiet:
        click.echo("newsml: warning: no files found to validate", err=True)
    sys.exit(report.exit_code)


def _echo_stdout(text: str) -> None:
    """Write ``text`` to stdout; a closed pipe (``newsml … | head``) is not an error.

    Lone surrogates (a JSON ``"\\udc80"`` escape in a guid or key, an undecodable file
    name) are written as ``\\udc80``, as with ``-o FILE``: under a C/POSIX locale stdout
    would otherwise write them as raw bytes (surrogateescape) -- invalid UTF-8."""
    text = _no_surrogates(text)
    stream = sys.stdout
    if stream is None:  # started with stdout closed (">&-"): like a full disk, exit 2
        raise CannotWrite("cannot write the report: standard output is closed")
    try:
        try:
            stream.write(text)
        except UnicodeEncodeError:  # a console that cannot show some character
            stream.flush()
            stream.buffer.write(text.encode(stream.encoding or "utf-8", "backslashreplace"))
        stream.flush()
    except BrokenPipeError:
        # Python would complain again when flushing stdout at exit: point it at devnull
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
        except (OSError, ValueError, AttributeError):  # pragma: no cover - not a real fd
            pass


def _no_surrogates(text: str) -> str:
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text",
              show_default=True)
def rules(fmt: str) -> None:
    """List every rule: id, default severity, document kinds and description."""
    try:
        from newsml_tools.reporters._common import rule_table
        from newsml_tools.validation import RULES

        table = rule_table(RULES)
        if fmt == "json":
            import json

            data = [{"id": rid, **table[rid]} for rid in sorted(table)]
            _echo_stdout(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
            return
        rows = [(rid, m["severity"], ",".join(m["kinds"]) or "all", m["description"])
                for rid, m in sorted(table.items())]
        head = ("ID", "SEVERITY", "KINDS")
        w = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(head)]
        lines = [f"{'ID':<{w[0]}}  {'SEVERITY':<{w[1]}}  {'KINDS':<{w[2]}}  DESCRIPTION"]
        lines += [f"{rid:<{w[0]}}  {sev:<{w[1]}}  {kinds:<{w[2]}}  {desc}"
                  for rid, sev, kinds, desc in rows]
        _echo_stdout("\n".join(lines) + "\n")
    except Exception as exc:
        _internal_error(exc)

"""GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=[rule]::message``.

Severity error → ``::error``, warning → ``::warning``, info → ``::notice``. Data is
escaped as the Actions runner expects (``%`` → ``%25``, CR → ``%0D``, LF → ``%0A``);
property values additionally escape ``:`` → ``%3A`` and ``,`` → ``%2C``. Other control
characters are shown as ``\\xNN``.
"""

from __future__ import annotations

from newsml_tools.findings import Report, Severity
from newsml_tools.reporters._common import full_message, posix_path, printable
from newsml_tools.reporters.base import Reporter

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(s: str) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(s)


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    name = "github"
    extension = "txt"

    def render(self, report: Report) -> str:
        out: list[str] = []
        for r in report.results:
            if r.error is not None:
                path = escape_property(posix_path(r.file, self.base))
                out.append(f"::error file={path},title=unreadable::{escape_data(r.error)}")
            for f in r.findings:
                props = [f"file={escape_property(posix_path(f.file or r.file, self.base))}"]
                if f.line is not None:
                    props.append(f"line={f.line}")
                    if f.column is not None:
                        props.append(f"col={f.column}")
                props.append(f"title={escape_property(f'[{f.rule}]')}")
                out.append(
                    f"::{COMMANDS[f.severity]} {','.join(props)}::{escape_data(full_message(f))}"
                )
        return "".join(line + "\n" for line in out)

"""``file:line:col: severity [rule] message (hint)`` per finding, then a summary line."""

from __future__ import annotations

from newsml_tools.findings import Report
from newsml_tools.reporters._common import full_message, one_line, posix_path
from newsml_tools.reporters.base import Reporter


class TextReporter(Reporter):
    """One line per finding (grep-able, clickable in editors), then ``Report.summary()``.

    A location is ``file:line:col`` when both are known, ``file:line`` or just ``file``
    otherwise. Unreadable inputs are ``file: unreadable: reason``. ``quiet`` drops the summary.
    """

    name = "text"
    extension = "txt"
    summary_on_stderr = False

    def render(self, report: Report) -> str:
        lines: list[str] = []
        for r in report.results:
            if r.error is not None:
                lines.append(f"{posix_path(r.file, self.base)}: unreadable: {one_line(r.error)}")
            for f in r.findings:
                loc = posix_path(f.file or r.file, self.base)
                if f.line is not None:
                    loc += f":{f.line}"
                    if f.column is not None:
                        loc += f":{f.column}"
                lines.append(f"{loc}: {f.severity.value} [{f.rule}] {one_line(full_message(f))}")
        if not self.quiet:
            lines.append(report.summary())
        return "".join(line + "\n" for line in lines)

"""JUnit XML: one ``<testcase>`` per input file.

Layout (what Jenkins, GitLab and junitparser read)::

    <testsuites name="newsml validate" tests="3" failures="1" errors="1" skipped="0">
      <testsuite name="newsml validate" tests="3" failures="1" errors="1" skipped="0">
        <testcase name="feeds/a.xml" classname="newsml.validate.newsml-g2" file="feeds/a.xml">
          <failure type="xsd" message="2 errors">…one finding per line…</failure>
        </testcase>
        <testcase …><error type="unreadable" message="…">…</error></testcase>
      </testsuite>
    </testsuites>

An invalid file gets ``<failure>`` (with ``--strict`` warnings count), an unreadable one
``<error>``; findings that do not fail the file go to ``<system-out>``. No ``time``
attributes: output is deterministic.
"""

from __future__ import annotations

from newsml_tools.findings import Report, Severity
from newsml_tools.reporters._common import full_message, one_line, posix_path, xml_safe
from newsml_tools.reporters.base import Reporter

SUITE_NAME = "newsml validate"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class JunitReporter(Reporter):
    name = "junit"
    extension = "xml"

    def render(self, report: Report) -> str:
        import xml.etree.ElementTree as ET

        def el(parent, tag: str, attrib: dict[str, str], text: str | None = None):
            node = ET.SubElement(parent, tag, {k: xml_safe(v) for k, v in attrib.items()})
            if text is not None:
                node.text = xml_safe(text)
            return node

        counts = {
            "tests": str(len(report.results)),
            "failures": str(report.invalid),
            "errors": str(report.unreadable),
            "skipped": "0",
        }
        root = ET.Element("testsuites", {"name": SUITE_NAME, **counts})
        suite = el(root, "testsuite", {"name": SUITE_NAME, **counts})
        failing = {Severity.ERROR, Severity.WARNING} if report.strict else {Severity.ERROR}
        for r in report.results:
            path = posix_path(r.file, self.base)
            case = el(suite, "testcase", {
                "name": path,
                "classname": f"newsml.validate.{r.kind or 'unknown'}",
                "file": path,
            })
            if r.error is not None:
                el(case, "error", {"type": "unreadable", "message": one_line(r.error)}, r.error)
            bad = [f for f in r.findings if f.severity in failing]
            rest = [f for f in r.findings if f.severity not in failing]
            if bad and r.error is None:
                n_err = sum(1 for f in bad if f.severity is Severity.ERROR)
                n_warn = len(bad) - n_err
                parts = [_plural(n_err, "error")] if n_err else []
                if n_warn:
                    parts.append(_plural(n_warn, "warning"))
                el(case, "failure", {"type": bad[0].rule, "message": ", ".join(parts)},
                   "\n".join(self._line(path, f) for f in bad))
            if rest or (bad and r.error is not None):
                shown = rest if r.error is None else r.findings
                el(case, "system-out", {}, "\n".join(self._line(path, f) for f in shown))
        ET.indent(root, space="  ")
        body = ET.tostring(root, encoding="unicode")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"

    @staticmethod
    def _line(path: str, f) -> str:
        loc = path
        if f.line is not None:
            loc += f":{f.line}"
            if f.column is not None:
                loc += f":{f.column}"
        return f"{loc}: {f.severity.value} [{f.rule}] {one_line(full_message(f))}"

"""Render a ``Report``: ``REPORTERS[name](**options).render(report) -> str``.

Formats: ``text``, ``json``, ``junit``, ``sarif``, ``github``, ``gitlab``. Adding a format
means adding a ``Reporter`` subclass and one line here.
"""

from __future__ import annotations

from newsml_tools.reporters.base import Reporter
from newsml_tools.reporters.github import GithubReporter
from newsml_tools.reporters.gitlab import GitlabReporter
from newsml_tools.reporters.json_report import JsonReporter
from newsml_tools.reporters.junit import JunitReporter
from newsml_tools.reporters.sarif import SarifReporter
from newsml_tools.reporters.text import TextReporter

REPORTERS: dict[str, type[Reporter]] = {
    cls.name: cls
    for cls in (TextReporter, JsonReporter, JunitReporter, SarifReporter, GithubReporter,
                GitlabReporter)
}

__all__ = ["REPORTERS", "Reporter", "get_reporter"]


def get_reporter(name: str, **options) -> Reporter:
    """An instance of the reporter called ``name`` (``KeyError`` if unknown)."""
    return REPORTERS[name](**options)

"""The reporter interface: a reporter renders a finished ``Report`` to a string."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from newsml_tools.findings import Report


class Reporter:
    """Base class. Subclasses set ``name``/``extension`` and implement ``render``.

    ``rules`` is a ``RULES``-like mapping (rule id -> object with ``severity``,
    ``description``, ``kinds``); ``None`` means "the validator's registry". ``base`` is the
    directory that reported paths are made relative to (default: the working directory).
    """

    name: ClassVar[str] = ""
    extension: ClassVar[str] = "txt"
    #: whether the CLI should print ``Report.summary()`` to stderr (the format has no place
    #: for it on stdout)
    summary_on_stderr: ClassVar[bool] = True

    def __init__(
        self, *, rules: Mapping[str, Any] | None = None, base: str | None = None,
        quiet: bool = False,
    ) -> None:
        self.rules = rules
        self.base = base
        self.quiet = quiet

    def render(self, report: Report) -> str:  # pragma: no cover - interface
        raise NotImplementedError

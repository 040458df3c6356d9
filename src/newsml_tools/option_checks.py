"""What ``--lang``, ``--provider`` and ``--guid`` accept, for the command line and for a
batch's per-record fields alike: one check, one wording. What the writers and the
schemas accept; anything else is refused up front (exit 2, or an ``error`` record),
before a batch has converted a single input into an invalid output.

Import-light (``re`` only at load): the CLI builds its options from it at start-up.
"""

from __future__ import annotations

import re
from collections.abc import Callable

LANG = re.compile(  # BCP 47, as the JSON-LD profile checks it
    r"[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
    r"(-[A-WY-Za-wy-z0-9](-[A-Za-z0-9]{2,8})+)*(-[Xx](-[A-Za-z0-9]{1,8})+)?"
)
_QCODE = re.compile(r"[^\s:]+:\S+")
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S+")
_CONTROL = re.compile("[\x00-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def lang_problem(value: str) -> str | None:
    if not LANG.fullmatch(value):
        return f"{value!r} is not a BCP 47 language tag (e.g. en, en-GB, pt-BR, und)"
    return None


def provider_problem(value: str) -> str | None:
    if _CONTROL.search(value) or not value.strip():
        return (f"{value!r}: give a name (\"Acme News\") or a QCode (nprov:AFP), without "
                "control characters or line breaks")
    from newsml_tools.writers.options import URI_PREFIXES

    if ":" in value and " " not in value and "://" not in value \
            and not value.lower().startswith(URI_PREFIXES):
        if not _QCODE.fullmatch(value):
            return f"{value!r} is not a QCode (scheme:code, e.g. nprov:AFP)"
        from newsml_tools.validation.iptc_catalog import IPTC_CATALOG_ALIASES

        alias = value.split(":", 1)[0]
        if alias not in IPTC_CATALOG_ALIASES:  # the item could not declare it (NG001)
            return (f"{value!r}: the scheme {alias!r} is not one the IPTC catalog declares "
                    "(providers are nprov:…); give a name (\"Acme News\") or a URI instead")
    return None


def guid_problem(value: str) -> str | None:
    if not _URI.fullmatch(value) or _CONTROL.search(value):
        return (f"{value!r} is not a URI (e.g. urn:newsml:example.com:1 or "
                "tag:example.com,2024:1)")
    return None


#: per-record field (and option) name -> its check
PROBLEMS: dict[str, Callable[[str], str | None]] = {
    "lang": lang_problem, "provider": provider_problem, "guid": guid_problem,
}

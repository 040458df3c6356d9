"""Scheme aliases declared by the IPTC NewsML-G2 standards catalog, embedded as data.

Source: the IPTC catalog ``http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_NN.xml``
(NN = 27 … 40; each release only adds schemes), the ``<scheme alias=…>`` entries, as
referenced by every IPTC NewsML-G2 example. Embedded so that rule NG001 needs no network.
This list was transcribed by hand (no network access while writing it); an alias missing
here makes NG001 report a false "undeclared" — extend the set and add a test when that
happens. Aliases the official examples and unit-test files use together with an IPTC-only
catalogRef were cross-checked against it.
"""

from __future__ import annotations

import re

IPTC_CATALOG_HREF = re.compile(
    r"^https?://(www\.)?iptc\.org/std/catalog/catalog\.IPTC-G2-Standards_\d+\.xml$"
)

IPTC_CATALOG_ALIASES: frozenset[str] = frozenset(
    {
        # nature, status, signals, providers
        "ninat",
        "stat",
        "sig",
        "nprov",
        "edconf",
        "evstat",
        "eventstatus",
        # roles
        "nrol",
        "crol",
        "drol",
        "isrol",
        # subjects, genres, scenes, products, geography
        "subj",
        "medtop",
        "genre",
        "scene",
        "prodcode",
        "iso3166-1a2",
        "iso3166-1a3",
        "loctype",
        "geoprop",
        # concepts and relations
        "cpnat",
        "cinat",
        "catinat",
        "cptype",
        "cprel",
        "crel",
        "irel",
        # renditions and technical characteristics
        "rnd",
        "frmt",
        "aucodec",
        "vidcodec",
        "colsp",
        "colin",
        "viddef",
        "vidscale",
        "imgtype",
        # metadata provenance
        "howextr",
        "why",
        "digsrctype",
    }
)

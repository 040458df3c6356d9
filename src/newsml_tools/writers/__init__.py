"""Writers: one per format, each turning an ``Article`` into bytes.

``render(article, fmt, options)`` is the one entry point; ``FORMATS`` maps a format name
to its writer module so adding a format touches one place.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from newsml_tools.model import Article
from newsml_tools.writers.options import RenderOptions

# format name -> (module, validation kind, output suffix)
FORMATS: dict[str, tuple[str, str, str]] = {
    "newsml-g2": ("newsml_tools.writers.newsml_g2", "newsml-g2", ".newsml.xml"),
    "jsonld": ("newsml_tools.writers.jsonld", "jsonld", ".jsonld"),
    "nitf": ("newsml_tools.writers.nitf_body", "nitf", ".nitf.xml"),
    "ninjs": ("newsml_tools.writers.ninjs", "ninjs", ".ninjs.json"),
}
# What `convert` writes unless told otherwise: the two formats partners ask for most.
DEFAULT_FORMATS: tuple[str, ...] = ("newsml-g2", "jsonld")


def writer_for(fmt: str) -> Callable[[Article, RenderOptions], bytes]:
    try:
        module, _kind, _suffix = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}") from None
    render_fn: Callable[[Article, RenderOptions], bytes] = import_module(module).render
    return render_fn


def render(article: Article, fmt: str, options: RenderOptions) -> bytes:
    """Render ``article`` as ``fmt`` (a key of ``FORMATS``)."""
    return writer_for(fmt)(article, options)


__all__ = ["DEFAULT_FORMATS", "FORMATS", "RenderOptions", "render", "writer_for"]

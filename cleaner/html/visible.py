"""HTML visible text: what a reader sees of a page, a line per block element as a copy-paste gives
it (scripts and styles left out), and the kind of page region each line sits in.

The rescue looks for article text the extraction missed in these lines, and the accounting lists
every line the article does not show; a line inside a `<nav>`, `<footer>`, `<form>` or `<aside>`
(or an element with the matching ARIA role) is removed as that region (`html.nav`, …) when no
rule names it, a finer reason than "not extracted".
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import lxml.html
from lxml import etree

from cleaner.errors import InputError
from cleaner.html.extract import parse_html

# Elements that start a new line of visible text.
# fmt: off
_BLOCK_ELEMENTS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td",
    "th", "title", "tr", "ul",
})
# fmt: on
# Elements whose content a reader never sees.
_HIDDEN_ELEMENTS = frozenset({"script", "style", "noscript", "template", "svg", "iframe"})
# Page regions, by element and by ARIA role (on block containers only: a line break inserted
# for an inline element would cut a line), and the reason a line inside one is removed with.
REGIONS = {
    "nav": ("navigation", "html.nav"),
    "footer": ("contentinfo", "html.footer"),
    "form": ("search", "html.form"),
    "aside": ("complementary", "html.aside"),
}
_ROLE_HOLDERS = ("div", "section", "ul", "header")
# Region marks in the stylesheet's output, on lines of their own: private-use characters, which
# a page's text does not use for layout and XML allows.
_OPEN, _CLOSE = "\ue000", "\ue001"


# Posts of social networks embedded in a story (a tweet quoted by the article), by the classes
# of their markup before its script turns it into a frame.
_POST = "post"
_POST_MARKUP = " | ".join(
    f"blockquote[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"
    for name in ("twitter-tweet", "instagram-media", "tiktok-embed", "bluesky-embed", "threads-embed")
)


@dataclass(frozen=True, slots=True)
class VisiblePage:
    """The page's visible text, for each of its lines inside a region the region's reason (the
    innermost region: a form in a footer is a form), and the lines of embedded posts."""

    text: str
    regions: dict[str, str]
    posts: frozenset[str] = frozenset()


def visible_text(page: str | lxml.html.HtmlElement) -> str:
    """The visible text of a page (its HTML, or its tree from `parse_html`), one block element
    per line ("" for a page lxml cannot read: the rescue is an extra, never a reason to fail)."""
    return visible_page(page).text


def visible_page(page: str | lxml.html.HtmlElement) -> VisiblePage:
    """The visible text of a page with the region of each line (see `VisiblePage`).

    The walk is an XSLT stylesheet that libxslt runs in C, faster than the same
    walk in Python over lxml's elements.
    """
    try:
        root = parse_html(page) if isinstance(page, str) else page
        marked = str(_visible_text_stylesheet()(root))
    except (InputError, etree.XSLTError):
        return VisiblePage("", {})
    lines: list[str] = []
    regions: dict[str, str] = {}
    posts: set[str] = set()
    open_marks: list[str] = []
    # What the open marks say of the lines inside them, updated when a mark opens or closes (a
    # page has a few dozen marks and hundreds of lines): the innermost region's reason, and
    # whether an embedded post holds them.
    region: str | None = None
    in_post = False
    for raw in marked.split("\n"):
        if not raw:
            continue  # most lines: the line breaks around block elements
        if raw.startswith(_OPEN) or raw == _CLOSE:
            if raw == _CLOSE:
                open_marks.pop()
            else:
                open_marks.append(raw[1:])
            region = next((REGIONS[mark][1] for mark in reversed(open_marks) if mark in REGIONS), None)
            in_post = _POST in open_marks
        elif line := " ".join(raw.split()):
            lines.append(line)
            if region:
                regions.setdefault(line, region)
            if in_post:
                posts.add(line)
    return VisiblePage("\n".join(lines), regions, frozenset(posts))


def _region_template(name: str, match: str) -> str:
    return f"""  <xsl:template match="{match}">
    <xsl:text>&#10;{_OPEN}{name}&#10;</xsl:text><xsl:apply-templates/><xsl:text>&#10;{_CLOSE}&#10;</xsl:text>
  </xsl:template>"""


_REGION_TEMPLATES = "\n".join(
    [
        *(
            _region_template(name, "|".join([name, *(f"{tag}[@role='{role}']" for tag in _ROLE_HOLDERS)]))
            for name, (role, _) in REGIONS.items()
        ),
        _region_template(_POST, _POST_MARKUP),
    ]
)
# Hidden elements give nothing (their tails, being the parent's text, still show); block
# elements give their content between line breaks; text nodes give their text; regions give
# their content between their marks (line breaks around them, as blocks).
_VISIBLE_TEXT = f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:template match="{"|".join(sorted(_HIDDEN_ELEMENTS))}"/>
  <xsl:template match="{"|".join(sorted(_BLOCK_ELEMENTS - set(REGIONS)))}">
    <xsl:text>&#10;</xsl:text><xsl:apply-templates/><xsl:text>&#10;</xsl:text>
  </xsl:template>
{_REGION_TEMPLATES}
</xsl:stylesheet>"""
_PER_THREAD = threading.local()


def _visible_text_stylesheet() -> etree.XSLT:
    """The compiled stylesheet, one per thread: lxml does not promise that one XSLT object
    may run in several threads at once."""
    stylesheet: etree.XSLT | None = getattr(_PER_THREAD, "stylesheet", None)
    if stylesheet is None:
        stylesheet = _PER_THREAD.stylesheet = etree.XSLT(etree.XML(_VISIBLE_TEXT))
    return stylesheet

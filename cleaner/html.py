"""HTML: turn a page's HTML into blocks and metadata with trafilatura.

The only importer of trafilatura. trafilatura finds the article and gives its structure
(headings, paragraphs, list items, quotes) and metadata; captions come from the page's own
`<figcaption>` markup, because trafilatura drops them. The blocks then go through the same rules
as text input.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import lxml.html
import regex
import trafilatura
from lxml import etree
from trafilatura.settings import Document

from cleaner.assemble import PageMetadata
from cleaner.errors import InputError
from cleaner.model import BlockKind
from cleaner.repair import fix_surrogates

_HTML_START = regex.compile(
    r"(?i)^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", regex.DOTALL
)
# lxml refuses str input that still declares a byte encoding.
_XML_DECLARATION = regex.compile(r"^\s*<\?xml[^>]*>")
_CREDIT_CLASS = regex.compile(r"(?i)credit|copyright|photographer|source|byline|attribution")
_SPACES = regex.compile(r"\s+")
# libxml2 suggests lifting its limits; newsclean keeps them on purpose, so the advice is dropped.
_HUGE_HINT = regex.compile(r",?\s*(?:use|try) XML_PARSE_HUGE(?: option)?")
_BLOCK_TAGS = {
    "p": BlockKind.PARAGRAPH,
    "head": BlockKind.HEADING,
    "item": BlockKind.ITEM,
    "quote": BlockKind.QUOTE,
    "code": BlockKind.PARAGRAPH,
}
_CONTAINERS = {"list", "quote", "table", "row", "div", "body"}


@dataclass(frozen=True, slots=True)
class HtmlCaption:
    """A caption from the page markup, with the credit markup inside it when there is one."""

    text: str
    credit: str | None


@dataclass(frozen=True, slots=True)
class Extraction:
    """The article's blocks (text, kind) in page order, its captions and the page metadata."""

    blocks: tuple[tuple[str, BlockKind], ...]
    captions: tuple[HtmlCaption, ...]
    metadata: PageMetadata
    description: str | None  # the page's description, only when the page shows it as a dek
    warnings: tuple[str, ...] = ()  # what was lost on the way (the parser gave up early)

    def texts(self) -> list[str]:
        """Every text of the extraction in a fixed order, for `with_texts` (empty for None)."""
        meta = self.metadata
        return [
            *(text for text, _ in self.blocks),
            *(part for caption in self.captions for part in (caption.text, caption.credit or "")),
            *(
                value or ""
                for value in (meta.title, meta.author, meta.published, meta.sitename, self.description)
            ),
        ]

    def with_texts(self, texts: list[str]) -> Extraction:
        """The same extraction with its texts replaced (repaired), in the order of `texts()`."""
        values = iter(texts)
        blocks = tuple((next(values), kind) for _, kind in self.blocks)
        captions = tuple(HtmlCaption(next(values), next(values) or None) for _ in self.captions)
        title, author, published, sitename, description = (next(values) or None for _ in range(5))
        metadata = PageMetadata(title, author, published, sitename, self.metadata.url)
        return Extraction(blocks, captions, metadata, description, self.warnings)


def looks_like_html(text: str) -> bool:
    """Whether a document starts like an HTML page (doctype, or an html/head/body element)."""
    return _HTML_START.match(text[:2048]) is not None


def extract_html(html: str, *, url: str | None = None, source: str = "-") -> Extraction:
    """Extract the article of an HTML page; raise `InputError` when the page cannot be parsed."""
    # A parser per call: lxml parsers must not be shared between threads, and this one's error
    # log tells whether it gave up early. huge_tree stays off, keeping libxml2's limits (depth
    # 256, text nodes of 10 MB) that bound the work on hostile pages; no_network is lxml's
    # default, stated because newsclean never opens a connection.
    parser = lxml.html.HTMLParser(huge_tree=False, no_network=True)
    try:
        # lxml stops at the first surrogate code point of a str, dropping the rest of the page.
        tree = lxml.html.fromstring(_XML_DECLARATION.sub("", fix_surrogates(html), count=1), parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise InputError(source, f"cannot parse HTML: {error}") from error
    warnings = tuple(
        f"the HTML parser gave up at line {error.line}, column {error.column} "
        f"({_HUGE_HINT.sub('', error.message.strip())}); the rest of the page is lost"
        for error in parser.error_log
        if error.level_name == "FATAL"
    )
    captions = tuple(_captions(tree))
    try:
        document = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as error:  # trafilatura raises many kinds; each page gets an error record
        raise InputError(source, f"HTML extraction failed: {type(error).__name__}: {error}") from error
    if not isinstance(document, Document) or document.body is None:
        return Extraction((), captions, PageMetadata(url=url), None, warnings)
    metadata = PageMetadata(
        title=_clean(document.title),
        author=_clean(document.author),
        published=_clean(document.date),
        sitename=_clean(document.sitename),
        url=url,
    )
    blocks = tuple(_blocks(document.body))
    description = _clean(document.description)
    if description and not _shown(tree, description):
        description = None  # a summary for search engines, not a dek printed on the page
    return Extraction(blocks, captions, metadata, description, warnings)


def _blocks(element: etree._Element) -> Iterator[tuple[str, BlockKind]]:
    """The text blocks of trafilatura's XML body, in order."""
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _BLOCK_TAGS and not any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in child):
            text = _clean(" ".join(child.itertext()))
            if text:
                yield text, _BLOCK_TAGS[tag]
        elif tag == "row":
            cells = [_clean(" ".join(cell.itertext())) for cell in child]
            text = " | ".join(cell for cell in cells if cell)
            if text:
                yield text, BlockKind.PARAGRAPH
        elif tag in _CONTAINERS or tag in _BLOCK_TAGS:
            yield from _blocks(child)


def _captions(tree: lxml.html.HtmlElement) -> Iterator[HtmlCaption]:
    """Each `<figcaption>` of the page, its credit split out by the markup when marked up."""
    for figcaption in tree.iter("figcaption"):
        credit_parts = [
            _clean(" ".join(node.itertext()))
            for node in figcaption.iter()
            if node is not figcaption and _CREDIT_CLASS.search(node.get("class", "") or "")
        ]
        credit = next((part for part in credit_parts if part), None)
        text = _clean(" ".join(figcaption.itertext())) or ""
        if credit and text.endswith(credit):
            text = text[: -len(credit)].strip()
        if text or credit:
            yield HtmlCaption(text, credit)


def _shown(tree: lxml.html.HtmlElement, text: str) -> bool:
    """Whether an element of the page body shows exactly this text."""
    body = tree.find("body")
    if body is None:
        return False
    return any(
        _clean(element.text_content()) == text
        for element in body.iter("p", "h2", "h3", "div", "span", "strong", "em")
        if len(element.text_content()) < len(text) * 2
    )


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    return _SPACES.sub(" ", text).strip() or None

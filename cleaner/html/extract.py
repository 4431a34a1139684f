"""HTML: turn a page's HTML into the article's blocks, captions and metadata, with trafilatura.

The only importer of trafilatura (and of htmldate, its date finder). trafilatura finds the
article and gives its structure as XML (headings, paragraphs, list items, quotes, table rows);
its metadata functions read the page's title, author, date and site name. Each XML element
becomes a block, split at line breaks so that a block is a line, as in text input.
Captions come from the page's own markup (`<figure>`/`<figcaption>`, caption classes), with the
credit split out where the markup marks it, because trafilatura drops or inlines them. The
blocks then go through the same rules as text input.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import lxml.html
import regex
import trafilatura
from htmldate import find_date
from lxml import etree
from trafilatura import metadata as trafilatura_metadata
from trafilatura.settings import Document

from cleaner.errors import InputError
from cleaner.html.author import page_author
from cleaner.html.parser import load_page
from cleaner.html.prescan import prepare
from cleaner.label.features import word_count
from cleaner.model import BlockKind, PageMetadata
from cleaner.read.repair import fix_surrogates

_SPACES = regex.compile(r"\s+")
# libxml2 stops parsing at this depth of nesting (its safety limit, which newsclean keeps: no
# huge_tree): what lies deeper, and everything after it, is not in the tree.
PARSER_MAX_DEPTH = 256
# An element at that depth (the root is at depth 1), looked for by libxml2 rather than a walk
# in Python: a path of one step a level visits each element once, where counting each one's
# ancestors visits them again for each level (docs/performance.md). One compiled XPath serves
# all threads: lxml runs its calls one at a time.
_AT_DEPTH_LIMIT = etree.XPath(f"boolean({'/*' * PARSER_MAX_DEPTH})")

# trafilatura's XML: block elements and what they are; containers only hold blocks.
_KINDS = {
    "p": BlockKind.PARAGRAPH,
    "head": BlockKind.HEADING,
    "item": BlockKind.ITEM,
    "quote": BlockKind.QUOTE,
    "code": BlockKind.PARAGRAPH,
    "row": BlockKind.PARAGRAPH,
}
_CONTAINERS = {"list", "table", "div", "body", "main", "section", "article", "note"}
_LINE_BREAK = "lb"

# Caption markup: a `<figcaption>`, or an element whose class or itemprop says caption.
_CAPTION_CLASS = regex.compile(
    r"(?i)(?:^|[\s_-])(?:wp-caption-text|caption|figcaption|bildunterschrift|legende)(?:$|[\s_-])"
)
_CREDIT_CLASS = regex.compile(r"(?i)credit|copyright|photographer|attribution|bildquelle|fotograf")
_CREDIT_ITEMPROP = regex.compile(r"(?i)copyrightHolder|creditText|creator|author")
# The label a page prints before a credit: "Credit...", "Photo:", "Foto:", "Image: ".
_CREDIT_LABEL = regex.compile(
    r"(?i)^\(?\s*(?:photo(?:graph)?|image|picture|credit|foto|bild(?:quelle)?|quelle|source)s?"
    r"\s*(?:\.{2,}|…|:|-|—)\s*"
)
CAPTION_MAX_CHARS = 600

# What marks an extracted block as a dek: words for a subtitle. A "lead", "intro" or "teaser"
# paragraph is the lede (the German Vorspann), which belongs to the article's text.
_DEK_WORDS = r"dek|deck|standfirst|sub-?title|sub-?head(?:line)?|subline|strap(?:line)?"
_DEK_CLASS = regex.compile(rf"(?i)(?:^|[\s_-])(?:{_DEK_WORDS})(?:$|[\s_-])")
_DEK_TAGS = {"h2", "h3", "h4", "h5", "h6"}
# Right under the headline, a summary or an excerpt is the dek too: there it sums the story up
# for the reader, where elsewhere on a page such classes mark teasers of other stories.
_UNDER_HEADLINE_CLASS = regex.compile(rf"(?i)(?:^|[\s_-])(?:{_DEK_WORDS}|summary|excerpt)(?:$|[\s_-])")
# A dek sums the story up in a sentence; two or three sentences under the headline are its lede
# (the German Vorspann, a "teaser" paragraph), which belongs to the article's text.
DEK_MAX_CHARS = 200
# A dek is a phrase or a sentence: not a word or two (a "Contents" heading), not a line of
# fields ("by Name | Filed under: News"), not a time stamp ("1.11.23 20:19 by Name").
DEK_MIN_WORDS = 5
HEADLINE_MIN_WORDS = 4
# The elements of the page body whose first text node holds a text's start: a test on each
# element's own text, not on the text of all it holds (which grows with the page's depth).
_HOLDS_START = "//body//*[contains(text(), $start)]"
# Where a `<title>` joins the headline and the site's name.
_TITLE_PARTS = regex.compile(r"\s+[|–—-]\s+")
_NOT_A_DEK = regex.compile(r"\s\|\s|\b\d{1,2}:\d{2}\b")
# The elements that may show a description as their whole text (`_shown`).
_HOLDER_TAGS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "div", "span", "strong", "em"})


# A card shown on hover (a person's picture and stories), inside a paragraph; not its trigger.
_HOVER_CARD_CLASS = regex.compile(r"(?i)(?:^|[\s_-])(?:rollover|hover-?card|popover|tooltip)(?:$|[\s_-])")
_HOVER_TRIGGER_CLASS = regex.compile(r"(?i)trigger|indicator|icon")
# One path compiled once: a union of two paths sorts and merges their node-sets (0.18 against
# 0.13 ms a page). lxml runs an XPath's calls one at a time, so one object serves all threads.
_INLINE_IN_PARAGRAPH = etree.XPath("//p/descendant::*[self::span or self::div][@class]")


@dataclass(frozen=True, slots=True)
class HtmlCaption:
    """A caption from the page markup, with the credit markup inside it when there is one."""

    text: str
    credit: str | None


@dataclass(frozen=True, slots=True)
class HtmlBlock:
    """A block of the extracted article; `linked` when the page shows its whole text as a link."""

    text: str
    kind: BlockKind
    linked: bool = False


@dataclass(frozen=True, slots=True)
class Extraction:
    """The article's blocks in page order, its captions and the page metadata.

    `description` is the page's description only when the page prints it as a dek (under the
    headline, or marked up as one); a description that is the lede stays a body block.
    `not_headline` is the `<h1>` that trafilatura took for the title when the page's `<title>`
    shows the headline is another line (`printed_title`): a logo or a section's name.
    """

    blocks: tuple[HtmlBlock, ...]
    captions: tuple[HtmlCaption, ...]
    metadata: PageMetadata
    description: str | None
    warnings: tuple[str, ...] = ()
    not_headline: str | None = None

    def texts(self) -> list[str]:
        """Every text of the extraction in a fixed order, for `with_texts` (empty for None)."""
        meta = self.metadata
        return [
            *(block.text for block in self.blocks),
            *(part for caption in self.captions for part in (caption.text, caption.credit or "")),
            *(
                value or ""
                for value in (
                    meta.title,
                    meta.author,
                    meta.published,
                    meta.sitename,
                    self.description,
                    self.not_headline,
                )
            ),
        ]

    def with_texts(self, texts: list[str]) -> Extraction:
        """The same extraction with its texts replaced (repaired), in the order of `texts()`."""
        values = iter(texts)
        blocks = tuple(HtmlBlock(next(values), block.kind, block.linked) for block in self.blocks)
        captions = tuple(HtmlCaption(next(values), next(values) or None) for _ in self.captions)
        title, author, published, sitename, description, not_headline = (
            next(values) or None for _ in range(6)
        )
        metadata = PageMetadata(title, author, published, sitename, self.metadata.url)
        return Extraction(blocks, captions, metadata, description, self.warnings, not_headline)


@dataclass(frozen=True, slots=True)
class BodyParts:
    """The elements of the page body that the extraction reads, each kind in page order: the
    caption markup (outermost only), the links, the `<h1>`s, and the elements that may show a
    description as their whole text (`_HOLDER_TAGS`)."""

    captions: tuple[lxml.html.HtmlElement, ...] = ()
    links: tuple[lxml.html.HtmlElement, ...] = ()
    headlines: tuple[lxml.html.HtmlElement, ...] = ()
    holders: tuple[lxml.html.HtmlElement, ...] = ()


def parse_html(html: str, source: str = "-") -> lxml.html.HtmlElement:
    """The page's element tree (`parse_page` without its warnings)."""
    return parse_page(html, source)[0]


def parse_page(html: str, source: str = "-") -> tuple[lxml.html.HtmlElement, tuple[str, ...]]:
    """The page's element tree, parsed as trafilatura parses (its fixes for libxml2 included, so
    that it extracts what it would from the text; `cleaner.html.parser`), and what the prescan
    changed in the markup; raise `InputError` when the markup is over the prescan's budgets or
    there is no tree."""
    prepared = prepare(html, source)
    try:
        # lxml stops at the first surrogate code point of a str, dropping the rest of the page.
        tree = load_page(fix_surrogates(prepared.html))
    except Exception as error:  # lxml and trafilatura raise many kinds on broken input
        raise InputError(source, f"cannot parse HTML: {type(error).__name__}: {error}") from error
    if not isinstance(tree, lxml.html.HtmlElement):
        raise InputError(source, "cannot parse HTML: no document element")
    _drop_hover_cards(tree)
    return tree, prepared.warnings


def _after_a_link(element: lxml.html.HtmlElement) -> bool:
    """Whether a link comes before an element among its siblings (or inside one of them)."""
    return any(
        isinstance(sibling.tag, str) and (sibling.tag == "a" or sibling.find(".//a") is not None)
        for sibling in element.itersiblings(preceding=True)
    )


def _drop_hover_cards(tree: lxml.html.HtmlElement) -> None:
    """Drop the hover cards inside paragraphs (their text after them stays).

    A link to a person or a term may carry a card that the page shows only on hover: a name,
    a picture, a list of other stories. It sits inside the paragraph, so extraction and a
    copy-paste both glue its text into the sentence ("Jane RoeJane Ann RoeOther headline").
    A reader never sees it in the sentence, so it is not part of the page's visible text. Only
    a box right after a link is a card: a term marked up as a tooltip's trigger is the text.
    """
    cards = [
        element
        for element in _INLINE_IN_PARAGRAPH(tree)
        if _HOVER_CARD_CLASS.search(element.get("class") or "")
        and not _HOVER_TRIGGER_CLASS.search(element.get("class") or "")
        and _after_a_link(element)
    ]
    for card in cards:
        if card.getparent() is not None:
            card.drop_tree()


def extract_html(html: str, *, url: str | None = None, source: str = "-") -> Extraction:
    """Extract the article of an HTML page; raise `InputError` when the page cannot be parsed
    or trafilatura fails on it."""
    tree, warnings = parse_page(html, source)
    extraction = extract_tree(tree, url=url, source=source)
    return dataclasses.replace(extraction, warnings=(*warnings, *extraction.warnings))


def extract_tree(tree: lxml.html.HtmlElement, *, url: str | None = None, source: str = "-") -> Extraction:
    """Extract the article of a page parsed by `parse_html`, leaving the tree as it was
    (trafilatura works on a copy); raise `InputError` when trafilatura fails on it."""
    cut = _cut_short(tree)
    parts = body_parts(tree)
    captions = tuple(_captions(parts.captions))
    body = _run_trafilatura(tree, url, source)
    if body is None:
        warning = "no article text found in the HTML"
        return Extraction((), captions, PageMetadata(url=url), None, (*cut, warning))
    document = page_metadata(tree, url, source)
    first_title = _clean(document.title)
    metadata = PageMetadata(
        title=printed_title(tree, first_title),
        author=_clean(document.author),
        published=_clean(document.date),
        sitename=_clean(document.sitename),
        url=url,
    )
    links = _link_texts(parts.links)
    blocks = tuple(HtmlBlock(text, kind, _linked(text, links)) for text, kind in xml_blocks(body))
    description = _clean(document.description)
    if description and not _is_dek(parts, description, blocks):
        description = None
    dek = printed_dek(parts, metadata.title) or description
    not_headline = first_title if first_title != metadata.title else None
    return Extraction(blocks, captions, metadata, dek, cut, not_headline)


def printed_title(tree: lxml.html.HtmlElement, title: str | None) -> str | None:
    """The headline: the metadata's title, unless it has nothing in common with the page's
    `<title>` and the page prints a part of that `<title>` as a line of its own.

    Without a title in the meta tags, trafilatura takes the page's first `<h1>`, which on some
    sites is the logo; the `<title>` then still names the story ("Headline - Site"), and the
    page shows that headline. A part of the `<title>` shorter than the `<h1>` (or than
    `HEADLINE_MIN_WORDS` words) is a section's name ("News - Site"), and the `<h1>` is right.
    """
    page_title = _clean(tree.findtext(".//title"))
    if not title or not page_title or title in page_title:
        return title
    # A headline, not a section's name: longer than what it replaces, a few words at least, and
    # with no word of it (a logo that shares the site's name with the `<title>` is no headline).
    least = max(HEADLINE_MIN_WORDS, len(_words(title)) + 1)
    parts = [
        part
        for part in _TITLE_PARTS.split(page_title)
        if len(_words(part)) >= least and not _words(part) & _words(title)
    ]
    return next((part for part in parts if _printed(tree, part)), title)


def _printed(tree: lxml.html.HtmlElement, text: str) -> bool:
    """Whether an element of the page body prints exactly this text (spaces aside)."""
    start = text.split()[0]
    return any(_clean(element.text_content()) == text for element in tree.xpath(_HOLDS_START, start=start))


def _words(text: str) -> set[str]:
    return {word.casefold() for word in regex.findall(r"\w+", text)}


def _cut_short(tree: lxml.html.HtmlElement) -> tuple[str, ...]:
    """A warning when the parser reached its depth limit and so left out the rest of the page.

    A page nested exactly that deep loses nothing, but no real page is; one that reaches the
    limit is nearly always broken markup (thousands of unclosed elements) that lost its end.
    """
    if not _AT_DEPTH_LIMIT(tree):
        return ()
    return (
        f"the HTML is nested {PARSER_MAX_DEPTH} elements deep, where the parser stops: "
        "what lies deeper and the rest of the page are lost",
    )


def _run_trafilatura(tree: lxml.html.HtmlElement, url: str | None, source: str) -> etree._Element | None:
    """trafilatura's extraction of the tree (which it copies) as its XML body, or None when it
    finds no article.

    trafilatura raises many kinds of errors on broken pages; each becomes an `InputError` naming
    the input, so a batch goes on.
    """
    options: dict[str, Any] = {
        "url": url,
        "include_comments": False,
        "include_tables": True,
        "include_images": False,
        # Any format but "python" (the default) leaves out the body's plain text, which only
        # that format builds (0.15 ms a page) and newsclean does not read; the body is the same.
        "output_format": "txt",
    }
    try:
        document = trafilatura.bare_extraction(tree, **options)
    except Exception as error:  # any failure of trafilatura is an error record for this input
        raise InputError(source, f"HTML extraction failed: {type(error).__name__}: {error}") from error
    return document.body if isinstance(document, Document) else None


def page_metadata(tree: lxml.html.HtmlElement, url: str | None, source: str) -> Document:
    """The page metadata newsclean uses (title, author, date, site name, description), read as
    trafilatura's `extract_metadata` reads them, with its own functions in its order.

    `extract_metadata` also reads categories, tags and a licence, which newsclean does not use
    and which cost more than the five fields (docs/performance.md); so its
    steps for the five are called here one by one, and tests/test_html.py checks that they
    agree with it.
    """
    try:
        document = trafilatura_metadata.examine_meta(tree)
        if document.author and " " not in document.author:
            document.author = None  # trafilatura's rule: a one-word meta author is a handle
        # trafilatura guards this step the same way: JSON-LD is often broken.
        with contextlib.suppress(Exception):
            document = trafilatura_metadata.extract_meta_json(tree, document)
        document.title = document.title or trafilatura_metadata.extract_title(tree)
        document.author = document.author or page_author(tree)
        document.url = document.url or trafilatura_metadata.extract_url(tree, url)
        document.date = find_date(tree, extensive_search=False, original_date=True, url=document.url)
        document.sitename = _sitename(tree, document)
        document.clean_and_trim()  # entities, control characters, spaces, length: as trafilatura
    except Exception as error:  # as for the extraction: one error record for this input
        raise InputError(source, f"HTML metadata failed: {type(error).__name__}: {error}") from error
    return document


def _sitename(tree: lxml.html.HtmlElement, document: Document) -> str | None:
    """The site's name as trafilatura gives it: from the metadata, else from the `<title>`,
    else from the URL's host."""
    sitename = document.sitename or trafilatura_metadata.extract_sitename(tree)
    if sitename:
        sitename = sitename.lstrip("@")
        if sitename and "." not in sitename and not sitename[0].isupper():
            sitename = sitename.title()
        return sitename
    match = trafilatura_metadata.META_URL.match(document.url or "")
    return match[1] if match else None


def xml_blocks(
    element: etree._Element, kind: BlockKind = BlockKind.PARAGRAPH
) -> Iterator[tuple[str, BlockKind]]:
    """The text blocks of trafilatura's XML body, in order: one per line of each block element.

    Text directly in a container (trafilatura leaves some paragraphs as the tail of a heading)
    is a paragraph; a block that holds other blocks (a list item with a sub-list, a quote of
    paragraphs) gives its own text as blocks around theirs.
    """
    buffer: list[str] = [element.text or ""]
    for child in element:
        tag = _tag(child)
        if tag in _KINDS or tag in _CONTAINERS:
            yield from _lines("".join(buffer), kind)
            buffer = []
            if tag == "code" and _is_code_block(child) and "\n" in (code := _code_text(child)):
                yield code, BlockKind.CODE
            elif tag == "row":
                text = " | ".join(filter(None, (_clean(_inline_text(cell)) for cell in child)))
                if text:
                    yield text, BlockKind.PARAGRAPH
            else:
                yield from xml_blocks(child, _KINDS.get(tag, BlockKind.PARAGRAPH))
        else:
            buffer.append(_inline_text(child))
        buffer.append(child.tail or "")
    yield from _lines("".join(buffer), kind)


def _is_code_block(element: etree._Element) -> bool:
    """Whether a `<code>` of trafilatura's XML is text only: it also wraps headings and tables
    that a page laid out in a `<pre>`, and those are blocks of their own."""
    return not any(_tag(node) in _KINDS or _tag(node) in _CONTAINERS for node in element.iterdescendants())


def _code_text(element: etree._Element) -> str:
    """The text of a code block (a `<pre>`) as printed: its lines keep their indentation, with
    no blank lines around them and no spaces at their ends."""
    lines = [line.rstrip() for line in _inline_text(element).split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


def _inline_text(element: etree._Element) -> str:
    """The text of an inline element, a line break as a newline."""
    if _tag(element) == _LINE_BREAK:
        return "\n"
    parts = [element.text or ""]
    for child in element:
        parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _lines(text: str, kind: BlockKind) -> Iterator[tuple[str, BlockKind]]:
    for line in text.split("\n"):
        cleaned = _clean(line)
        if cleaned:
            yield cleaned, kind


def body_parts(tree: lxml.html.HtmlElement) -> BodyParts:
    """The elements of the page body that the extraction reads (see `BodyParts`), in one walk.

    Each element of the walk costs a Python object and a few attribute reads; one walk that
    sorts them serves the captions, the links and the dek, which each walked the body before.
    """
    body = tree.find("body")
    if body is None:
        return BodyParts()
    captions: list[lxml.html.HtmlElement] = []
    links: list[lxml.html.HtmlElement] = []
    headlines: list[lxml.html.HtmlElement] = []
    holders: list[lxml.html.HtmlElement] = []
    for element in body.iter():
        tag = element.tag
        if not isinstance(tag, str):
            continue  # a comment or a processing instruction
        if tag == "a":
            links.append(element)
        elif tag == "h1":
            headlines.append(element)
        elif tag in _HOLDER_TAGS:
            holders.append(element)
        if _marks_caption(element) and not _inside(element, captions[-3:]):
            captions.append(element)
    return BodyParts(tuple(captions), tuple(links), tuple(headlines), tuple(holders))


def _marks_caption(element: lxml.html.HtmlElement) -> bool:
    """Whether an element is caption markup: a `<figcaption>`, or a caption class or itemprop."""
    if element.tag == "figcaption":
        return True
    classes = element.get("class")
    if classes and _may_name_caption(classes) and _CAPTION_CLASS.search(classes):
        return True
    return (element.get("itemprop") or "").startswith("caption")


def _inside(element: lxml.html.HtmlElement, outers: Iterable[lxml.html.HtmlElement]) -> bool:
    """Whether an element lies inside one of these."""
    return any(element in set(outer.iterdescendants()) for outer in outers)


def _may_name_caption(classes: str) -> bool:
    """Whether a class attribute may match `_CAPTION_CLASS`: an ASCII value only with a word that
    each of its names holds ("caption", "bildunterschrift", "legende") in some case, which
    substring tests find faster than the search; a value with other letters may always (some,
    such as `ſ` for `s`, match ASCII letters of the pattern when case is ignored).

    >>> _may_name_caption("Wp-Caption-Text"), _may_name_caption("hero image"), _may_name_caption("ſ")
    (True, False, True)
    """
    if not classes.isascii():
        return True
    lowered = classes.lower()
    return "caption" in lowered or "bildunterschrift" in lowered or "legende" in lowered


def page_captions(tree: lxml.html.HtmlElement) -> Iterator[HtmlCaption]:
    """The captions of the page's pictures, each with its credit when the markup marks it."""
    return _captions(body_parts(tree).captions)


def _captions(elements: Iterable[lxml.html.HtmlElement]) -> Iterator[HtmlCaption]:
    """The captions that caption markup gives (see `page_captions`)."""
    for element in elements:
        text = _clean(element.text_content()) or ""
        if len(text) > CAPTION_MAX_CHARS:
            continue
        marked = _credit_of(element)
        credit = None
        if marked:
            text = _without(text, marked)
            credit = _CREDIT_LABEL.sub("", marked).strip(" ()") or None
        if text or credit:
            yield HtmlCaption(text, credit)


def _credit_of(caption: lxml.html.HtmlElement) -> str | None:
    """The text of the credit markup inside a caption (or beside it in its figure)."""
    scopes = [caption]
    parent = caption.getparent()
    if parent is not None and parent.tag == "figure":
        scopes.append(parent)
    for scope in scopes:
        for node in scope.iterdescendants():
            if node is caption or not isinstance(node.tag, str):
                continue
            marked = _CREDIT_CLASS.search(node.get("class") or "") or _CREDIT_ITEMPROP.search(
                node.get("itemprop") or ""
            )
            if marked:
                credit = _clean(node.text_content())
                if credit:
                    return credit
    return None


def _without(text: str, credit: str) -> str:
    """A caption's text without its credit (which ends or starts it)."""
    if text.endswith(credit):
        return text[: -len(credit)].strip()
    if text.startswith(credit):
        return text[len(credit) :].strip()
    return text


def link_texts(tree: lxml.html.HtmlElement) -> frozenset[str]:
    """The texts of the page's links, spaces normalised."""
    return _link_texts(body_parts(tree).links)


def _link_texts(links: Iterable[lxml.html.HtmlElement]) -> frozenset[str]:
    """The texts of these links, spaces normalised."""
    return frozenset(filter(None, (_clean(text_content(link)) for link in links)))


def _linked(text: str, links: frozenset[str]) -> bool:
    """Whether a block is one whole link of the page (a teaser, a menu entry, a tag)."""
    return text in links or text.rstrip(" .,;:»›>→") in links


def _is_dek(parts: BodyParts, description: str, blocks: tuple[HtmlBlock, ...]) -> bool:
    """Whether the page prints its description as a dek.

    A description equal to a block after the first one below the headline is body text (the
    lede or a later paragraph); equal to that first block, it is the dek only when the page
    marks it up as one (a subheading, or a dek class); not extracted at all, it is the dek when
    the page shows it.
    """
    texts = [block.text for block in blocks]
    lead = next((i for i, block in enumerate(blocks) if block.kind is not BlockKind.HEADING), 0)
    if description in texts[lead + 1 :]:
        return False
    element = _shown(parts.holders, description)
    if element is None:
        return False
    if description in texts[: lead + 1]:
        return element.tag in _DEK_TAGS or _marked_as_dek(element)
    return True


def printed_dek(parts: BodyParts, title: str | None) -> str | None:
    """The dek the page prints right under its headline, whatever its description says: the
    element after the `<h1>` (or after the header box that holds only it) when it is an `<h2>`
    or has a dek class (`dek`, `standfirst`, `subtitle`, `summary`, `excerpt`, …), and reads as
    a dek: `DEK_MIN_WORDS` words to `DEK_MAX_CHARS` characters, no fields or time stamp."""
    headline = _headline_element(parts.headlines, title)
    if headline is None:
        return None
    following = _next_element(headline)
    parent = headline.getparent()
    if (
        following is None
        and parent is not None
        and _clean(parent.text_content()) == _clean(headline.text_content())
    ):
        following = _next_element(parent)
    if following is None:
        return None
    marked = following.tag == "h2" or _UNDER_HEADLINE_CLASS.search(following.get("class") or "") is not None
    text = _clean(following.text_content())
    if not marked or not text or len(text) > DEK_MAX_CHARS or word_count(text) < DEK_MIN_WORDS:
        return None
    return None if _NOT_A_DEK.search(text) else text


def _headline_element(
    headlines: Iterable[lxml.html.HtmlElement], title: str | None
) -> lxml.html.HtmlElement | None:
    """The page's `<h1>` that shows its title (the first one when the title is unknown): a page
    may also set its logo or a section name in an `<h1>`."""
    for heading in headlines:
        text = _clean(heading.text_content())
        if text and (title is None or text in title or title in text):
            return heading
    return None


def _next_element(element: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The next sibling that is an element (comments and processing instructions skipped)."""
    return next((node for node in element.itersiblings() if isinstance(node.tag, str)), None)


def _marked_as_dek(element: lxml.html.HtmlElement) -> bool:
    for node in (element, element.getparent()):
        if node is not None and _DEK_CLASS.search(f"{node.get('class') or ''} {node.get('itemprop') or ''}"):
            return True
    return False


def _shown(holders: Sequence[lxml.html.HtmlElement], text: str) -> lxml.html.HtmlElement | None:
    """The innermost (last in page order) of these elements that shows exactly this text, if any.

    An element whose text is at least twice as long as this one shows something else; so does
    every element around it, whose text holds its text. The elements are read from the last
    one up, so that those around a long one come after it and are passed over without their
    text being built (that of the wrappers of a page is most of its text, again and again).
    """
    limit = len(text) * 2
    long: set[lxml.html.HtmlElement] = set()
    for element in reversed(holders):
        if element in long:
            continue
        content = text_content(element)
        if len(content) < limit:
            if _clean(content) == text:
                return element
            continue
        long.add(element)
        for around in element.iterancestors():
            if around in long:
                break
            long.add(around)
    return None


def text_content(element: lxml.html.HtmlElement) -> str:
    """An element's `text_content()`: its own text when it holds no other node, as three links
    in four and most short paragraphs do, which costs no XPath evaluation (`text_content` runs
    `string()` on the element: about 1 µs, against 0.1 µs for `len` and `text`)."""
    if len(element):  # an element child, or a comment or processing instruction
        content: str = element.text_content()
        return content
    return element.text or ""


def _tag(element: etree._Element) -> str:
    return element.tag if isinstance(element.tag, str) else ""


def _clean(text: str | None) -> str | None:
    """A text with each run of spaces as one space and none at its ends, None when empty.

    `str.split` splits where `_SPACES` (the `regex` module's `\\s`, Unicode's White_Space)
    matches and also at the four information separators U+001C–U+001F, which `str.isspace`
    counts as spaces and `\\s` does not; a text without them is cleaned by `split` and `join`,
    at a third of the cost of the substitution (links and the description's holders make some
    300 texts a page).
    """
    if text is None:
        return None
    if "\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text:
        return _SPACES.sub(" ", text).strip() or None
    return " ".join(text.split()) or None

"""HTML author: trafilatura's search of the page for its author, in one walk of the tree.

`trafilatura.metadata.extract_author` copies the whole tree, prunes from the copy what cannot
hold the article's author (comment sections, sidebars, dates, figures), then runs three XPath
searches over it and takes the first element whose text is a name's length. libxml2 evaluates
every test of those predicates on every element: 6 ms a page on scrapinghub-dev, a fifth of
the HTML path (docs/performance.md, "Sixth round"). The tests read the element's own tag and
attributes (one, its `<rel>` children), so `page_author` reads them once an element, in one
walk of the page's tree, finds the same candidates in the same order, and copies and prunes
only the candidate it reads, when it holds something the search prunes.

It follows the expressions of the trafilatura it was written for, which `KNOWN_EXPRESSIONS`
identifies; with any other trafilatura, `page_author` calls `extract_author` itself.
tests/test_html_author.py checks that both give the same author.
"""

from __future__ import annotations

import hashlib
import re
from copy import deepcopy
from dataclasses import dataclass, field

import lxml.html
from lxml import etree
from trafilatura import metadata as trafilatura_metadata
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.json_metadata import normalize_authors
from trafilatura.utils import trim
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

# The SHA-256 (its first 16 hex digits) of the XPath sources of AUTHOR_XPATHS and
# AUTHOR_DISCARD_XPATHS that the functions below implement (trafilatura 2.3).
KNOWN_EXPRESSIONS = "bd5f280624916a83"

# trafilatura's longest author, in characters (its `len_limit`), and its shortest (exclusive).
_AUTHOR_MAX_CHARS = 120
_AUTHOR_MIN_CHARS = 2

# The three searches, in trafilatura's order. lxml's EXSLT `re:test` is Python's `re.search`.
_NAMED_TAGS = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
_NAMED_CLASS = re.compile(r"author-?name|AuthorName|authorName")
_BYLINE_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
_BYLINE_CLASSES = frozenset({"byline", "username", "byl", "BBL"})
_BYLINE_ID = re.compile(r"author|zuozhe|bianji|xiaobian")
_BYLINE_CLASS = re.compile(
    r"author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name"
)
_ANY_ID = re.compile(r"[Aa]uthor")
_ANY_CLASS = re.compile(r"[Aa]uthor|screenname|writer|[Bb]yline")
# What an element's class or id holds, or which other attribute it has, for any of the three
# searches to take it (each of their class and id tests contains one of these).
_CANDIDATE_MARKS = re.compile(
    r"[Aa]uthor|[Bb]yl|BBL|username|screenname|writer|channel-name|zuozhe|bianji|xiaobian"
    r"|submitted-by|posted-by|journalist-name"
)
_OTHER_MARKS = frozenset({"rel", "itemprop", "data-testid", "data-component"})

# What the search prunes first: these elements, with all they hold.
_PRUNED_TAGS = frozenset({"a", "div", "section", "span"})
_PRUNED_CLASSES = frozenset({"comments", "title", "date"})
_PRUNED_ID = re.compile(r"^comments|comment-?list|ProductReviews")
_PRUNED_CLASS = re.compile(
    r"^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram"
    r"|article-(?:share|support)|print|category|meta-date|meta-reviewer"
)
_ALWAYS_PRUNED_TAGS = frozenset({"time", "figure"})
_ELEMENTS = etree.XPath("count(descendant-or-self::*)")


def expressions_digest() -> str:
    """The digest of the installed trafilatura's author expressions (`KNOWN_EXPRESSIONS`)."""
    sources = "\n".join(expression.path for expression in (*AUTHOR_XPATHS, *AUTHOR_DISCARD_XPATHS))
    return hashlib.sha256(sources.encode()).hexdigest()[:16]


_FOLLOWS_TRAFILATURA = expressions_digest() == KNOWN_EXPRESSIONS


def page_author(tree: lxml.html.HtmlElement) -> str | None:
    """The author that `trafilatura.metadata.extract_author` finds in the page, or None."""
    if not _FOLLOWS_TRAFILATURA:
        return trafilatura_metadata.extract_author(tree)
    pruning = _Pruning(tree)
    rels = list(tree.iter("rel"))
    if any(pruning.holds_pruned(rel) for rel in rels):
        # The first search reads a `<rel>` child's text as the pruning leaves it (no page has one).
        return trafilatura_metadata.extract_author(tree)
    me_parents = {rel.getparent() for rel in rels if _string_value(rel) == "me"}
    named: list[etree._Element] = []
    bylines: list[etree._Element] = []
    marked: list[etree._Element] = []
    for element in tree.iter(etree.Element):
        if not _may_be_candidate(element, me_parents):
            continue
        tag = element.tag
        attributes = element.attrib
        if tag == "author" or (tag in _NAMED_TAGS and _is_named(element, attributes, me_parents)):
            named.append(element)
        if tag in _BYLINE_TAGS and _is_byline(attributes):
            bylines.append(element)
        if _is_marked(attributes):
            marked.append(element)
    for candidate in (*named, *bylines, *marked):
        if pruning.removes(candidate):
            continue
        shown = candidate
        if pruning.holds_pruned(candidate):
            if not pruning.may_copy(candidate):
                # Candidates nested in candidates, each holding what the search prunes (a page
                # built so): one copy of the whole tree, trafilatura's way, costs less.
                return trafilatura_metadata.extract_author(tree)
            # A copy pruned as trafilatura prunes: the tails of what goes join the text before.
            shown = prune_unwanted_nodes(deepcopy(candidate), AUTHOR_DISCARD_XPATHS)
        text = trim(" ".join(shown.itertext()))
        if text and _AUTHOR_MIN_CHARS < len(text) < _AUTHOR_MAX_CHARS:
            return normalize_authors(None, text)
    return None


def _may_be_candidate(element: etree._Element, me_parents: set[etree._Element]) -> bool:
    """Whether any of the three searches could take this element: a quick test that passes all
    they take and few else (most elements have no attribute a search reads, or a class and an
    id that mention no author)."""
    names = element.keys()
    if not names:
        return element.tag == "author" or element in me_parents
    # One search of class and id together: it may take an element that neither alone would.
    marks = f"{element.get('class') or ''} {element.get('id') or ''}"
    return (
        _CANDIDATE_MARKS.search(marks) is not None
        or not _OTHER_MARKS.isdisjoint(names)
        or element.tag == "author"
        or element in me_parents
    )


def _is_named(element: etree._Element, attributes: etree._Attrib, me_parents: set[etree._Element]) -> bool:
    """The first search: an element that names the author by its markup."""
    return (
        attributes.get("rel") == "author"
        or attributes.get("id") == "author"
        or attributes.get("class") == "author"
        or attributes.get("itemprop") == "author name"
        or element in me_parents
        or attributes.get("data-testid") in ("AuthorCard", "AuthorURL")
        or _NAMED_CLASS.search(attributes.get("class") or "") is not None
    )


def _is_byline(attributes: etree._Attrib) -> bool:
    """The second search: a byline or an author box."""
    element_class = attributes.get("class") or ""
    return (
        element_class in _BYLINE_CLASSES
        or "author" in (attributes.get("itemprop") or "")
        or _BYLINE_ID.search(attributes.get("id") or "") is not None
        or _BYLINE_CLASS.search(element_class) is not None
    )


def _is_marked(attributes: etree._Attrib) -> bool:
    """The third search, of any element: one whose attributes mention an author or a byline."""
    return (
        "Byline" in (attributes.get("data-component") or "")
        or "author" in (attributes.get("itemprop") or "")
        or _ANY_ID.search(attributes.get("id") or "") is not None
        or _ANY_CLASS.search(attributes.get("class") or "") is not None
    )


def _is_pruned(element: etree._Element, root: etree._Element) -> bool:
    """Whether the search prunes this element (with all it holds) before it looks."""
    tag = element.tag
    if tag in _ALWAYS_PRUNED_TAGS:
        return True
    # The first pruning looks below the root (`.//*`), never at the root itself.
    if tag not in _PRUNED_TAGS or element is root:
        return False
    attributes = element.attrib
    element_id = attributes.get("id") or ""
    element_class = attributes.get("class") or ""
    return (
        element_id == "comments"
        or element_class in _PRUNED_CLASSES
        or _PRUNED_ID.search(element_id) is not None
        or _PRUNED_CLASS.search(element_class) is not None
        or "Figure" in (attributes.get("data-component") or "")
    )


@dataclass
class _Pruning:
    """What the search prunes from one page's tree, each element's answer worked out once (a
    page's candidates share their ancestors, and may hold one another)."""

    root: etree._Element
    pruned: dict[etree._Element, bool] = field(default_factory=dict)
    holding: dict[etree._Element, bool] = field(default_factory=dict)
    copied: int = 0  # elements of the candidates copied to be pruned
    budget: int | None = None  # elements of the tree, counted at the first copy

    def may_copy(self, candidate: etree._Element) -> bool:
        """Whether copying the candidate keeps the copies within one copy of the tree, which is
        what trafilatura's search makes (a page copies a byline or two of a few elements)."""
        if self.budget is None:
            self.budget = int(_ELEMENTS(self.root))
        self.copied += int(_ELEMENTS(candidate))
        return self.copied <= self.budget

    def removes(self, candidate: etree._Element) -> bool:
        """Whether the pruning takes the candidate out: it or an element that holds it goes."""
        return self.is_pruned(candidate) or any(
            self.is_pruned(element) for element in candidate.iterancestors()
        )

    def is_pruned(self, element: etree._Element) -> bool:
        answer = self.pruned.get(element)
        if answer is None:
            answer = self.pruned[element] = _is_pruned(element, self.root)
        return answer

    def holds_pruned(self, element: etree._Element) -> bool:
        """Whether an element holds one that the pruning takes out. Recursive: the parser
        nests elements at most PARSER_MAX_DEPTH (256) deep."""
        answer = self.holding.get(element)
        if answer is None:
            answer = False
            for child in element.iterchildren(etree.Element):
                if self.is_pruned(child) or self.holds_pruned(child):
                    answer = True
                    break
            self.holding[element] = answer
        return answer


def _string_value(element: etree._Element) -> str:
    """An element's XPath string value: all the text it holds."""
    return "".join(element.itertext())

"""HTML parsing: a page's text into the element tree that trafilatura and newsclean read.

trafilatura parses with `lxml.html`'s parser, whose element class lookup
(`HtmlElementClassLookup.lookup`) is a Python method: it runs each time lxml makes a Python
object for an element of the tree, which trafilatura's passes and newsclean's walks do some
4,400 times a page (about 7 % of the HTML path, docs/performance.md). The parser here has
trafilatura's settings and gives every element `lxml.html`'s own class, `HtmlElement` (with its
comment, processing-instruction and entity classes), by a lookup that lxml runs in C. What that
leaves out are the classes `lxml.html` gives form controls (`FormElement`, `InputElement`,
`SelectElement`, `TextareaElement`, `LabelElement`), whose extras (`.fields`, `.value`, …)
neither trafilatura nor newsclean reads. trafilatura copies the tree it is given, and lxml's
copies keep the parser and so the lookup.

`load_page` is trafilatura's `load_html` for a text, with this parser; tests/test_html_parser.py
checks that the two give the same tree.
"""

from __future__ import annotations

import lxml.html
from lxml import etree
from trafilatura.utils import is_dubious_html, repair_faulty_html

# trafilatura.utils.HTML_PARSER's settings. lxml runs one parse at a time with a parser (it holds
# a lock for it), so one serves all threads, as trafilatura's does.
PAGE_PARSER = etree.HTMLParser(
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
)
PAGE_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement,
        comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction,
        entity=lxml.html.HtmlEntity,
    )
)


def load_page(html: str) -> lxml.html.HtmlElement | None:
    """The tree of a page's text, as trafilatura's `load_html` builds it (its repairs for libxml2,
    its second try from bytes, its rejection of a text that does not look like HTML and gives
    fewer than two elements), or None."""
    beginning = html[:50].lower()
    dubious = is_dubious_html(beginning)
    html = repair_faulty_html(html, beginning)
    tree: lxml.html.HtmlElement | None = None
    from_bytes = False
    try:
        tree = lxml.html.fromstring(html, parser=PAGE_PARSER)
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        tree = _from_bytes(html)
        from_bytes = True
    except Exception:  # as trafilatura: any failure of the first try leads to the second
        tree = None
    if (tree is None or len(tree) < 1) and not from_bytes:
        tree = _from_bytes(html)
    if tree is not None and dubious and len(tree) < 2:
        return None
    return tree


def _from_bytes(html: str) -> lxml.html.HtmlElement | None:
    """The tree parsed from the text's UTF-8 bytes (trafilatura's `fromstring_bytes`)."""
    try:
        return lxml.html.fromstring(html.encode("utf8", "surrogatepass"), parser=PAGE_PARSER)
    except Exception:  # as trafilatura: no tree
        return None

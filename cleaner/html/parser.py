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

`load_page` is trafilatura's `load_html` for a text, with this parser and a cheaper look for the
characters XML does not allow; tests/test_html_parser.py checks that the two give the same tree.
"""

from __future__ import annotations

import lxml.html
from lxml import etree
from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML, INVALID_XML_CHARS, is_dubious_html

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
    html = repair_markup(html, beginning)
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


# The characters trafilatura removes before parsing (`INVALID_XML_CHARS`: controls other than
# tab and line breaks, U+FFFE, U+FFFF): a byte table that maps each control to 0, all else to 1.
_CONTROLS = bytes(0 if (i < 0x20 and i not in b"\t\n\r") else 1 for i in range(256))


def has_invalid_xml_chars(html: str) -> bool:
    """Whether a text holds a character that `INVALID_XML_CHARS` matches.

    That regex scans a page in about 0.7 ms (it tests each character against its class); the
    controls are single bytes of the UTF-8 encoding, which a table maps and `in` finds at memory
    speed (0.2 ms), and U+FFFE and U+FFFF are two searches of the text. Pages hold none of them
    nearly always (one of the 350 dev pages).
    """
    if "\ufffe" in html or "\uffff" in html:
        return True
    return b"\x00" in html.encode("utf-8", "surrogatepass").translate(_CONTROLS)


def repair_markup(html: str, beginning: str) -> str:
    """trafilatura's `repair_faulty_html` (`beginning`: the text's first 50 characters, lower
    case): the characters XML does not allow removed (looked for by `has_invalid_xml_chars`
    first), a doctype's faulty slash and a self-closing `<html/>` fixed for libxml2."""
    if has_invalid_xml_chars(html):
        html = INVALID_XML_CHARS.sub("", html)
    if "doctype" in beginning:
        first, _, rest = html.partition("\n")
        html = DOCTYPE_TAG.sub("", first, count=1) + "\n" + rest
    for line in html[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            return FAULTY_HTML.sub(r"\1>", html, count=1)
    return html


def _from_bytes(html: str) -> lxml.html.HtmlElement | None:
    """The tree parsed from the text's UTF-8 bytes (trafilatura's `fromstring_bytes`)."""
    try:
        return lxml.html.fromstring(html.encode("utf8", "surrogatepass"), parser=PAGE_PARSER)
    except Exception:  # as trafilatura: no tree
        return None

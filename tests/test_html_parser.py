"""The page parser (`cleaner.html.parser`): the tree trafilatura's `load_html` gives, with
`lxml.html`'s element class chosen in C for every element."""

from __future__ import annotations

import copy
from pathlib import Path

import lxml.html
import pytest
import trafilatura
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from trafilatura.utils import INVALID_XML_CHARS, load_html, repair_faulty_html

from cleaner.html.extract import _run_trafilatura, parse_html
from cleaner.html.parser import PAGE_PARSER, has_invalid_xml_chars, load_page, repair_markup

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

_FORM_PAGE = (
    "<!DOCTYPE html><html><head><title>Pier vote</title></head><body>"
    "<form action='/s'><label for='q'>Search</label><input id='q' name='q'>"
    "<select name='s'><option>a</option></select><textarea name='t'>x</textarea></form>"
    "<article><h1>Pier vote</h1><p>The board voted on Tuesday to rebuild the pier, which the "
    "storm broke in two last winter, at a cost of four million.</p>"
    "<p>Work starts in the spring and ends before the summer season, the board said.</p>"
    "</article></body></html>"
)

_TEXTS = [
    _FORM_PAGE,
    "<html><body><p>One</p><p>Two</p></body></html>",
    '<?xml version="1.0" encoding="utf-8"?><html><body><p>declared</p></body></html>',
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN">\n<html><body><p>doctype</p></body></html>',
    '<html lang="en"/>\n<head></head><body><p>self-closing html</p></body>',
    "<p>a fragment</p>",
    "<div><p>a fragment</p><p>of two</p></div> and text",
    "plain text, no markup",
    "",
    "   ",
    "<html><body>\x00\x0bcontrol characters</body></html>",
]


def _samples() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.html"))]


@pytest.mark.parametrize("text", _TEXTS + _samples())
def test_the_tree_is_trafilaturas(text: str) -> None:
    theirs = load_html(text)
    ours = load_page(text)
    assert (ours is None) == (theirs is None)
    if ours is not None and theirs is not None:
        assert etree.tostring(ours, encoding="unicode") == etree.tostring(theirs, encoding="unicode")


def test_every_element_is_a_plain_html_element() -> None:
    # lxml.html's own parser gives form controls classes of their own, through its lookup in
    # Python; the page parser's lookup in C gives every element HtmlElement.
    tree = load_page(_FORM_PAGE)
    assert tree is not None
    assert tree.getroottree().parser is PAGE_PARSER
    assert {type(element) for element in tree.iter()} == {lxml.html.HtmlElement}
    assert type(load_html(_FORM_PAGE).find(".//form")) is not lxml.html.HtmlElement  # type: ignore[union-attr]


def test_pages_and_their_copies_keep_the_parser() -> None:
    # trafilatura works on copies of the tree: they must keep the parser, and so its lookup.
    tree = parse_html(_FORM_PAGE)
    assert tree.getroottree().parser is PAGE_PARSER
    for duplicate in (copy.copy(tree), copy.deepcopy(tree)):
        assert duplicate.getroottree().parser is PAGE_PARSER
        assert {type(element) for element in duplicate.iter()} == {lxml.html.HtmlElement}


def test_trafilatura_reads_the_tree_as_its_own() -> None:
    for text in [_FORM_PAGE, *_samples()]:
        ours = trafilatura.extract(load_page(text), with_metadata=True, output_format="json")
        theirs = trafilatura.extract(load_html(text), with_metadata=True, output_format="json")
        assert ours == theirs


@pytest.mark.parametrize(
    "char", [*(chr(code) for code in range(0x80)), "\ufffe", "\uffff", "\ufffd", "\ud800"]
)
def test_each_character_xml_does_not_allow_is_found(char: str) -> None:
    for text in (char, f"a{char}b", f"€{char}😀"):
        assert has_invalid_xml_chars(text) == (INVALID_XML_CHARS.search(text) is not None)


# Pieces of markup around what the repair looks at: every control character, the two
# non-characters, line breaks, doctypes and self-closing `<html/>` tags, and other text.
_REPAIR_PIECES = st.one_of(
    st.sampled_from(
        [
            *(chr(code) for code in range(0x20)),
            "\ufffe",
            "\uffff",
            "\ud800",
            "\n",
            "<!DOCTYPE html/>",
            "< ! doctype x />",
            "<html",
            '<html lang="en"',
            "/>",
            " />",
            ">",
            "é",
            "€",
            "😀",
        ]
    ),
    st.text(max_size=5),
)


@given(st.lists(_REPAIR_PIECES, max_size=20).map("".join))
def test_the_repair_is_trafilaturas(text: str) -> None:
    assert has_invalid_xml_chars(text) == (INVALID_XML_CHARS.search(text) is not None)
    beginning = text[:50].lower()
    assert repair_markup(text, beginning) == repair_faulty_html(text, beginning)


def test_the_extraction_builds_no_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    # newsclean reads trafilatura's XML body; the plain text of its default "python" format
    # is left out, and the body is the one that format gives.
    tree = load_page(_FORM_PAGE)
    theirs = trafilatura.bare_extraction(tree, include_comments=False, include_tables=True)
    assert isinstance(theirs, trafilatura.settings.Document)

    def refused(*args: object, **kwargs: object) -> str:
        raise AssertionError("the plain text was built")

    monkeypatch.setattr(trafilatura.core, "xmltotxt", refused)
    ours = _run_trafilatura(tree, None, "page.html")
    assert ours is not None
    assert etree.tostring(ours) == etree.tostring(theirs.body)

"""Sniff: tell HTML from text by its markup, without the HTML stack.

A page may start with anything (an XML declaration, a comment, a `<style>` or `<script>`, a
bare `<div>`), so the start alone does not decide: a document is HTML when it opens with a
known element, or when known HTML elements make up its first kilobytes. Plain text that quotes
a tag or two (`<b>` in a sentence about markup) stays text.
"""

from __future__ import annotations

import regex

_HEAD_CHARS = 8192
# Elements of HTML pages, as tags open or close them.
_ELEMENTS = (
    "html|head|body|meta|title|link|style|script|noscript|base|div|span|p|a|img|br|hr|ul|ol|li|"
    "table|tr|td|th|tbody|thead|h[1-6]|header|footer|nav|main|article|section|aside|figure|"
    "figcaption|form|input|button|iframe|svg|picture|source|strong|em|b|i|blockquote|pre|code"
)
_TAG = regex.compile(rf"(?i)</?(?:{_ELEMENTS})\b[^<>]{{0,2000}}>")
# What may come before the first element: spaces, comments, an XML declaration, a doctype.
_PROLOGUE = regex.compile(r"(?is)\s*(?:<!--.*?-->\s*|<\?xml\b[^>]*>\s*|<!doctype\b[^>]*>\s*)*")
_HTML_DOCTYPE = regex.compile(r"(?i)<!doctype\s+html\b")
# Tags an HTML page has at least in its first kilobytes, and the least share of them in its text.
_MIN_TAGS = 8
_MIN_TAG_SHARE = 0.05


def looks_like_html(text: str) -> bool:
    """Whether a document is HTML: it opens with an HTML element after its prologue, or its
    first kilobytes hold many HTML tags.

    >>> looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    True
    >>> looks_like_html('<?xml version="1.0"?>\\n<div class="story"><p>Hi</p></div>')
    True
    >>> looks_like_html("Harbor Bridge Reopens")
    False
    >>> looks_like_html("Use <b> for bold text, the manual says.")
    False
    """
    head = text[:_HEAD_CHARS]
    prologue = _PROLOGUE.match(head)
    assert prologue is not None  # it matches the empty string
    if _HTML_DOCTYPE.search(prologue.group()) or _TAG.match(head, prologue.end()):
        return True
    tags = _TAG.findall(head)
    return len(tags) >= _MIN_TAGS and sum(map(len, tags)) >= len(head) * _MIN_TAG_SHARE

"""Sniff: tell HTML from text by how a document starts, without the HTML stack."""

from __future__ import annotations

import regex

_HTML_START = regex.compile(
    r"(?i)^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", regex.DOTALL
)


def looks_like_html(text: str) -> bool:
    """Whether a document starts like an HTML page (doctype, or an html/head/body element).

    >>> looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    True
    >>> looks_like_html("Harbor Bridge Reopens")
    False
    """
    return _HTML_START.match(text[:2048]) is not None

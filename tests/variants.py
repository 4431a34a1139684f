"""Transformations of one article's raw text: the same article as scrapers deliver it.

Used by tests/test_variants.py on our own seed-layout sample and by bench/check_seed.py on the
real seed article. Each variant returns the raw input (str or bytes) for the cleaner.
"""

from __future__ import annotations

import codecs
import html
import re
from collections.abc import Callable
from html.entities import codepoint2name

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-1252 codec)

from cleaner.model import Article


def crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


def cp1252(text: str) -> bytes:
    return text.encode("cp1252")


def mojibake(text: str) -> bytes:
    """UTF-8 read as Windows-1252 and saved again as UTF-8: "Trump’s" becomes "Trumpâ€™s"."""
    return text.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8")


def entities(text: str) -> bytes:
    """Every non-ASCII character as an HTML entity, named where HTML has a name."""

    def entity(char: str) -> str:
        name = codepoint2name.get(ord(char))
        return f"&{name};" if name else f"&#{ord(char)};"

    return "".join(entity(c) if ord(c) > 127 else c for c in text).encode("ascii")


def bom(text: str) -> bytes:
    return codecs.BOM_UTF8 + text.encode("utf-8")


def odd_spaces(text: str) -> bytes:
    """NBSPs between words, stray spaces and tabs around lines, doubled spaces."""
    lines = []
    for number, line in enumerate(text.split("\n")):
        if line.strip():
            line = line.replace(" ", "\u00a0", 2).replace(". ", ".  ")
            line = ("\t" if number % 2 else "  ") + line + (" \u00a0" if number % 3 else "\t")
        lines.append(line)
    return "\n".join(lines).encode("utf-8")


def single_newlines(text: str) -> bytes:
    return re.sub(r"\n\s*\n+", "\n", text).encode("utf-8")


TEXT_VARIANTS: dict[str, Callable[[str], bytes]] = {
    "crlf": crlf,
    "cp1252": cp1252,
    "mojibake": mojibake,
    "entities": entities,
    "bom": bom,
    "odd-spaces": odd_spaces,
    "single-newlines": single_newlines,
}


def as_html(article: Article, removed_in_footer: bool = True) -> str:
    """A plain news page carrying the article: headline, dek, figure, paragraphs, footer."""
    esc = html.escape
    figures = "".join(
        f'<figure><img src="photo{n}.jpg" alt=""><figcaption>{esc(c.text)} '
        f'<span class="credit">{esc(c.credit or "")}</span></figcaption></figure>'
        for n, c in enumerate(article.captions)
    )
    paragraphs = "".join(f"<p>{esc(p)}</p>" for p in article.body)
    footer = "".join(f"<p>{esc(r.text)}</p>" for r in article.removed) if removed_in_footer else ""
    dek = f'<p class="dek">{esc(article.subtitle)}</p>' if article.subtitle else ""
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{esc(article.title or '')} | {esc(article.publisher or 'News')}</title>"
        f'<meta name="description" content="{esc(article.subtitle or "")}"></head>'
        '<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>'
        f"<article><h1>{esc(article.title or '')}</h1>{dek}{figures}{paragraphs}</article>"
        f"<footer>{footer}</footer></body></html>"
    )


def same_article(a: Article, b: Article, fields: tuple[str, ...]) -> list[str]:
    """The fields in which two articles differ."""

    def value(article: Article, field: str) -> object:
        if field == "captions":
            return [(c.text, c.credit) for c in article.captions]
        return getattr(article, field)

    return [field for field in fields if value(a, field) != value(b, field)]


TEXT_FIELDS = ("title", "subtitle", "body", "captions", "publisher", "copyright", "byline", "dateline")
HTML_FIELDS = ("title", "subtitle", "body", "captions")

"""cleaner.html.author: the page's author, as trafilatura's `extract_author` finds it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from trafilatura import metadata as trafilatura_metadata

from cleaner.html import author
from cleaner.html.author import KNOWN_EXPRESSIONS, expressions_digest, page_author
from cleaner.html.extract import parse_html

SAMPLES = Path(__file__).parent.parent / "samples"
PARAGRAPH = "The harbor board voted on Tuesday to rebuild the old pier before the summer season. " * 3


def _page(body: str) -> str:
    return f"<html><head><title>Pier vote</title></head><body>{body}<p>{PARAGRAPH}</p></body></html>"


def _both(html: str) -> tuple[str | None, str | None]:
    return page_author(parse_html(html)), trafilatura_metadata.extract_author(parse_html(html))


def test_the_installed_trafilatura_has_the_expressions_the_walk_follows() -> None:
    # If this fails, trafilatura changed its author search: page_author then calls it (right,
    # slower) until cleaner/html/author.py follows the new expressions and KNOWN_EXPRESSIONS.
    assert expressions_digest() == KNOWN_EXPRESSIONS


def test_the_walk_finds_the_author_without_trafilatura_s_search(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(_: object) -> None:
        raise AssertionError("extract_author was called")

    monkeypatch.setattr(trafilatura_metadata, "extract_author", refuse)
    assert page_author(parse_html(_page("<div class='byline'>By Jane Roe</div>"))) == "Jane Roe"


def test_a_byline_holding_a_date_is_pruned_without_trafilatura_s_search(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(_: object) -> None:
        raise AssertionError("extract_author was called")

    monkeypatch.setattr(trafilatura_metadata, "extract_author", refuse)
    byline = "<div class='byline'>By Jane <time>May 2</time>Roe</div>"
    assert page_author(parse_html(_page(byline))) == "Jane Roe"


def test_candidates_that_would_copy_more_than_the_tree_are_left_to_trafilatura(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = trafilatura_metadata.extract_author
    calls: list[object] = []

    def counted(tree: object) -> str | None:
        calls.append(tree)
        return real(tree)

    monkeypatch.setattr(trafilatura_metadata, "extract_author", counted)
    body = f"<p>{PARAGRAPH}</p>"
    for _ in range(6):  # each holds the next, and a date that the search prunes
        body = f"<div class='author'><time>May 2</time>{body}</div>"
    html = _page(body)
    assert page_author(parse_html(html)) == real(parse_html(html))
    assert len(calls) == 1


def test_with_other_expressions_trafilatura_s_search_is_called(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(author, "_FOLLOWS_TRAFILATURA", False)
    monkeypatch.setattr(trafilatura_metadata, "extract_author", lambda _: "Their Answer")
    assert page_author(parse_html(_page("<div class='byline'>By Jane Roe</div>"))) == "Their Answer"


BYLINES = {
    "rel author link": "<p>By <a rel='author' href='/jr'>Jane Roe</a></p>",
    "id author": "<div id='author'>Jane Roe</div>",
    "itemprop author name": "<span itemprop='author name'>Jane Roe</span>",
    "a rel element saying me": "<span><rel>me</rel>Jane Roe</span>",
    "a rel element saying me around a date": "<span><rel>m<time>May 2</time>e</rel>Jane Roe</span>",
    "test id": "<div data-testid='AuthorCard'>Jane Roe, Staff Writer</div>",
    "author-name class": "<strong class='post author-name'>Jane Roe</strong>",
    "author element": "<author>Jane Roe</author>",
    "username class": "<h4 class='username'>jroe99</h4>",
    "itemprop containing author": "<h3 itemprop='creator author'>Jane Roe</h3>",
    "Chinese editor id": "<p id='zuozhe'>Wang Fang</p>",
    "posted-by class": "<span class='meta posted-by'>Posted by Jane Roe</span>",
    "Byline component": "<section data-component='ArticleByline'>Jane Roe and John Doe</section>",
    "writer class on any tag": "<li class='writer'>Jane Roe</li>",
    "Author id on any tag": "<td id='topAuthor'>Jane Roe</td>",
    "first search before the second": "<div class='byline'>Desk staff</div><a rel='author'>Jane Roe</a>",
    "too short, then the next": "<span class='byline'>JR</span><span class='author'>Jane Roe</span>",
    "too long": f"<span class='byline'>{'Jane Roe ' * 20}</span>",
    "in the comments": "<div class='comments'><span class='author'>A Reader</span></div>",
    "in a sidebar": "<section class='col sidebar'><div class='author'>Other Writer</div></section>",
    "in a figure": "<figure><figcaption class='author'>Photo Person</figcaption></figure>",
    "a date inside the byline": (
        "<div class='byline'>By Jane<time>May 2</time> Roe, <span class='date'>x</span>ok</div>"
    ),
    "a pruned element first in the byline": "<p class='byline'><span class='print'>Print</span>Jane Roe</p>",
    "a quote box holding a byline": "<div class='pull-quote'><p class='byline'>Quoted Person</p></div>",
    "comments list id prefix": "<div id='comments-list'><p class='author'>A Reader</p></div>",
    "Comments class, capitalised": "<span class='Comments box'><a class='author'>A Reader</a></span>",
    "a comments class not at the start": "<span class='has-comments'><a class='author'>Jane Roe</a></span>",
    "a comments id not at the start": "<div id='old-comments'><p class='author'>Jane Roe</p></div>",
    "nothing": "<p>No byline here.</p>",
}


@pytest.mark.parametrize("body", BYLINES.values(), ids=BYLINES.keys())
def test_the_walk_agrees_with_trafilatura(body: str) -> None:
    ours, theirs = _both(_page(body))
    assert ours == theirs


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.html")), ids=lambda path: path.name)
def test_the_walk_agrees_with_trafilatura_on_the_samples(path: Path) -> None:
    ours, theirs = _both(path.read_text(encoding="utf-8"))
    assert ours == theirs


_TAGS = st.sampled_from(
    ["div", "span", "p", "a", "section", "h3", "li", "time", "figure", "strong", "author"]
)
_CLASSES = st.sampled_from(
    ["", "author", "byline", "comments", "Comments x", "x comments", "sidebar", "date", "title", "print-me",
     "author-name", "writer", "meta", "byl", "quote", "article-share", "AuthorName"]
)  # fmt: skip
_IDS = st.sampled_from(["", "author", "comments", "old-comments", "comment-list", "topAuthor", "main"])
_TEXTS = st.sampled_from(["", "Jane Roe", " By ", "JR", "x\n", "and John Doe"])


@st.composite
def _elements(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(_TAGS)
    attributes = "".join(
        f" {name}='{value}'" for name, value in (("class", draw(_CLASSES)), ("id", draw(_IDS))) if value
    )
    children = draw(st.lists(_elements(depth + 1), max_size=3)) if depth < 3 else []
    inner = draw(_TEXTS) + "".join(child + draw(_TEXTS) for child in children)
    return f"<{tag}{attributes}>{inner}</{tag}>"


@settings(max_examples=300, deadline=None)
@given(st.lists(_elements(), min_size=1, max_size=4))
def test_the_walk_agrees_with_trafilatura_on_any_nesting(elements: list[str]) -> None:
    ours, theirs = _both(_page("".join(elements)))
    assert ours == theirs

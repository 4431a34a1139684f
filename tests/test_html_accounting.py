"""HTML accounting: every visible line of a page is in the article or in `removed` with a reason,
in page order, and the conservation check fails when a line is lost or counted twice.
Invented pages only."""

from __future__ import annotations

from dataclasses import replace

import pytest
from helpers import SAMPLES, assert_html_conserved, visible_lines
from hypothesis import example, given
from properties import html_pages

from cleaner import Article, Cleaner
from cleaner.emit import explain
from cleaner.html.account import NOT_EXTRACTED, article_shows, showing_block
from cleaner.model import BlockKind

PARAGRAPHS = [
    f"The harbor commission voted on Tuesday to rebuild the old ferry pier, part {n} of a plan that "
    "residents of the island have requested for more than a decade, the commission's chair said."
    for n in range(6)
]
PAGE = (
    "<!DOCTYPE html><html><head><title>Pier vote | Harbor Ledger</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/news'>News</a><ul><li>Sports</li><li>Opinion</li></ul></nav>"
    "<header><div><a href='/login'>Log In</a></div><div><a href='/subscribe'>Subscribe</a></div></header>"
    "<article><h1>Pier vote</h1>"
    + "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    + "</article><aside><h3>Most read</h3><ul><li><a href='/a'>Ferry fares to rise this summer, "
    "the board says</a></li></ul></aside>"
    "<form><label>Your email address</label><button>Sign up</button></form>"
    "<footer><p>© 2025 The Harbor Ledger Company. All rights reserved.</p></footer></body></html>"
)


@pytest.fixture(scope="module")
def page_article(cleaner: Cleaner) -> Article:
    return cleaner.clean(PAGE, input_format="html")


def test_every_line_the_article_does_not_show_is_removed_with_a_reason(page_article: Article) -> None:
    assert list(page_article.body) == PARAGRAPHS
    removed = {item.text: item.reason for item in page_article.removed}
    assert removed["Log In"] == "auth.sign-in"  # a rule's id where a rule names the line
    assert removed["© 2025 The Harbor Ledger Company. All rights reserved."] == "legal.copyright"
    assert removed["Opinion"] == "html.nav"  # else the region of the page it sits in
    assert removed["Ferry fares to rise this summer, the board says"] == "html.aside"
    assert removed["Your email addressSign up"] == "html.form"  # a label and a button, inline
    assert removed["Pier vote | Harbor Ledger"] == NOT_EXTRACTED  # else: the extraction left it out
    assert not set(PARAGRAPHS) & set(removed)
    assert_html_conserved(PAGE, page_article)


def test_the_article_fields_come_from_its_own_blocks_only(page_article: Article) -> None:
    # The footer's copyright line is removed, but it is not the article's copyright.
    assert page_article.copyright is None
    assert page_article.flags == ()


def test_explain_shows_the_whole_page_in_page_order(page_article: Article) -> None:
    rows = explain(page_article).splitlines()[1:]
    assert [int(row.split()[0]) for row in rows] == list(range(1, len(rows) + 1))
    assert all(row.endswith(trace.block.text) for row, trace in zip(rows, page_article.trace, strict=True))
    texts = [trace.block.text for trace in page_article.trace]
    assert texts.index("Home News") < texts.index("Pier vote") < texts.index(PARAGRAPHS[0])
    assert texts.index(PARAGRAPHS[-1]) < texts.index("Most read")
    assert len(rows) == len(page_article.trace) == len(page_article.body) + len(page_article.removed) + 1


def test_a_dropped_paragraph_fails_the_check(page_article: Article) -> None:
    dropped = replace(page_article, body=page_article.body[1:])
    with pytest.raises(AssertionError, match="missing"):
        assert_html_conserved(PAGE, dropped)


def test_a_line_counted_twice_fails_the_check(page_article: Article) -> None:
    outside = next(t for t in page_article.trace if t.block.kind is BlockKind.LINE)
    inside = next(t for t in page_article.trace if t.block.text == PARAGRAPHS[0])
    twice = replace(outside, block=replace(outside.block, text=PARAGRAPHS[0]))
    trace = tuple(twice if t is outside else t for t in page_article.trace)
    removed = tuple(
        replace(r, text=PARAGRAPHS[0]) if r.line == outside.block.line else r for r in page_article.removed
    )
    assert inside.decision.reason == "structure.body"
    with pytest.raises(AssertionError, match="removed twice"):
        assert_html_conserved(PAGE, replace(page_article, trace=trace, removed=removed))


def test_short_lines_are_shown_only_by_a_block_of_the_same_text() -> None:
    shows = article_shows([["Pier vote"], [PARAGRAPHS[0]], ["Photo by Jane Roe", "Jane Roe"]])
    assert showing_block("Pier vote", shows) == 0
    assert showing_block("Jane Roe", shows) == 2  # a caption's credit, printed on its own line
    assert showing_block("Pier", shows) is None
    assert showing_block("The harbor commission voted on Tuesday to rebuild it.", shows) == 1


@pytest.mark.parametrize("name", sorted(path.name for path in SAMPLES.glob("*.html")))
def test_every_visible_line_of_the_html_samples_is_accounted_for(cleaner: Cleaner, name: str) -> None:
    raw = (SAMPLES / name).read_bytes()
    article = cleaner.clean(raw, input_format="html")
    assert article.removed
    assert_html_conserved(raw, article)
    assert len(visible_lines(raw)) > len(article.body)


@pytest.mark.slow
@given(raw=html_pages())
@example(raw="<p>Home</p><p>Home</p><figure><figcaption>Home</figcaption></figure>")
@example(raw="<title>Harbor Bridge Reopens</title><h1>Harbor Bridge Reopens</h1><script>Menu</script>")
def test_every_visible_line_of_any_html_page_is_accounted_for(cleaner: Cleaner, raw: str) -> None:
    try:
        article = cleaner.clean(raw, input_format="html")
    except Exception as error:  # a refused page has nothing to account for
        assert type(error).__name__ == "InputError", error
        return
    assert_html_conserved(raw, article)

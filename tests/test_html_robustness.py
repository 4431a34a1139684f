"""HTML robustness: hostile pages give an article (with a warning when something was lost) or an
error naming the input, never a crash, and what the parser keeps is bounded by libxml2's limits."""

from __future__ import annotations

from helpers import assert_schema_valid

from cleaner import Cleaner
from cleaner.html.extract import extract_html

PARA = (
    "The harbor board voted on Tuesday to rebuild the north pier, ending a two-year argument over "
    "whether the crumbling structure was worth saving, the board’s chairwoman said."
)


def page(body: str, head: str = "<title>Pier Vote</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def test_html_nested_50000_levels_deep_is_cut_with_a_warning(cleaner: Cleaner) -> None:
    deep = page(f"<p>{PARA}</p>" + "<div>" * 50_000 + "<p>Deep inside.</p>" + "</div>" * 50_000)
    article = cleaner.clean(deep, source="deep.html")
    assert article.body == (PARA,)
    assert article.warnings == (
        "the HTML is nested 256 elements deep, where the parser stops: what lies deeper and the rest "
        "of the page are lost",
    )
    assert_schema_valid(article.to_dict())


def test_html_nested_less_deep_than_the_parser_limit_has_no_warning() -> None:
    nested = page(f"<p>{PARA}</p>" + "<div>" * 200 + f"<p>{PARA}</p>" + "</div>" * 200)
    assert extract_html(nested).warnings == ()


def test_a_page_that_is_mostly_script_and_style_keeps_its_text(cleaner: Cleaner) -> None:
    script = "<script>" + "var tracker = {id: 1, events: []};\n" * 20_000 + "</script>"
    style = "<style>" + ".ad { display: none; }\n" * 20_000 + "</style>"
    article = cleaner.clean(page(f"<article><p>{PARA}</p></article>", head=script + style))
    assert article.body == (PARA,)
    assert not any("tracker" in removal.text or "display" in removal.text for removal in article.removed)


def test_a_page_with_no_text_says_so(cleaner: Cleaner) -> None:
    article = cleaner.clean(page("<script>var x = 1;</script><div></div>"))
    assert (article.body, article.warnings) == ((), ("no article text found in the HTML",))


def test_lone_surrogates_do_not_cut_the_page_short(cleaner: Cleaner) -> None:
    """lxml stops parsing at the first surrogate of a str; they become U+FFFD first."""
    html = page(f"<article><p>Broken \ud800 character here.</p><p>{PARA}</p></article>")
    article = cleaner.clean(html)
    assert PARA in article.body
    article.to_json().encode("utf-8")


def test_nul_characters_in_a_str_do_not_cut_the_page_short(cleaner: Cleaner) -> None:
    article = cleaner.clean(page(f"<article><p>Before\x00after.</p><p>{PARA}</p></article>"))
    assert PARA in article.body

"""HTML robustness: hostile pages give an article (with a warning when something was lost) or an
error naming the input, never a crash, and what the parser keeps is bounded by libxml2's limits."""

from __future__ import annotations

import pytest
from helpers import assert_schema_valid

from cleaner import Cleaner, InputError
from cleaner.html.extract import extract_html, parse_html
from cleaner.read.repair import fix_surrogates

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


def _story(middle: str) -> str:
    return page(f"<article><h1>Pier Vote</h1><p>{PARA}</p>{middle}<p>{PARA} Again.</p></article>")


@pytest.mark.parametrize("reference", ["&#11;", "&#1;", "&#x1F;", "&#0;", "&#x0b"])
def test_references_to_control_characters_do_not_empty_the_article(cleaner: Cleaner, reference: str) -> None:
    article = cleaner.clean(_story(f"<p>A soft{reference}return in the middle.</p>"))
    assert article.body == (PARA, "A soft return in the middle.", f"{PARA} Again.")
    assert article.warnings == ("1 character reference(s) to control characters replaced by spaces",)


@pytest.mark.parametrize(
    "huge",
    [
        '<p><img src="data:image/png;base64,' + "A" * 11_000_000 + '"></p>',
        "<script>var x = '<b>" + "A" * 11_000_000 + "';</script>",
        "<pre>" + "word " * 2_200_000 + "</pre>",
    ],
    ids=["data-uri", "inline-script", "text-node"],
)
def test_a_node_over_10_mb_loses_only_itself(cleaner: Cleaner, huge: str) -> None:
    article = Cleaner(max_bytes=None).clean(_story(huge))
    assert article.body == (PARA, f"{PARA} Again.")
    assert article.warnings == (
        "1 attribute value(s) or text node(s) over 10 MB left out (the parser's limit)",
    )


@pytest.mark.parametrize(
    "start",
    [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        "<style>p { margin: 0 }</style>",
        "<script>var x = 1;</script>",
        "<!-- saved from url -->\n  ",
        "\n\n   ",
    ],
)
def test_html_is_sniffed_by_its_markup_not_its_first_bytes(cleaner: Cleaner, start: str) -> None:
    html = f"{start}<div class='story'><h1>Pier Vote</h1><p>{PARA}</p><p>{PARA} Again.</p></div>"
    article = cleaner.clean(html)
    assert article.title == "Pier Vote"
    assert PARA in article.body and not any("<" in text for text in article.body)


def test_text_that_mentions_a_tag_stays_text(cleaner: Cleaner) -> None:
    article = cleaner.clean(f"Markup For Beginners\n\nWrap a word in <b> to make it bold.\n\n{PARA}")
    assert article.title == "Markup For Beginners"
    assert "Wrap a word in <b> to make it bold." in (article.subtitle, *article.body)


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        (_story("<ul>" + "<li><a href='/s'>Story</a></li>" * 31_000 + "</ul>"), "over 60,000 HTML elements"),
        (_story("<p>" + "<a href='/t'><span>w</span></a> " * 1_300 + "</p>"), "over 5,000 inline HTML tags"),
        (
            _story("<div>" + ("<i " + " ".join(f"a{j}=1" for j in range(1_000)) + ">w</i>") * 301 + "</div>"),
            "over 300,000 HTML attributes",
        ),
    ],
    ids=["elements", "inline-run", "attributes"],
)
def test_markup_over_a_budget_is_refused_before_parsing(html: str, problem: str) -> None:
    with pytest.raises(InputError, match=rf"^links\.html: too much markup: {problem}"):
        Cleaner(max_bytes=None).clean(html, source="links.html")


def test_a_surrogate_past_the_first_million_characters_is_replaced() -> None:
    # The surrogate search encodes a page in pieces of 1M characters; lxml stops at a surrogate.
    html = page("<p>" + "x" * 1_100_000 + "</p><p>Pier \udcff vote</p><p>After it.</p>")
    assert "After it." in parse_html(html).text_content()


def test_a_surrogate_pair_split_between_two_pieces_is_joined() -> None:
    text = "x" * ((1 << 20) - 1) + "\ud83d\ude00"
    assert fix_surrogates(text) == "x" * ((1 << 20) - 1) + "😀"

"""HTML rescue: the article's start that trafilatura left out, taken back from the page's visible
text where the text path keeps it right under the headline, and nowhere else. Invented pages."""

from __future__ import annotations

from cleaner import clean
from cleaner.html.rescue import (
    Headed,
    _grams,
    extracted_grams,
    first_extracted,
    last_extracted,
    lead_in,
    trigrams,
)
from cleaner.html.visible import visible_page
from cleaner.model import Block, Decision, Label

PARAGRAPH = (
    "The harbor commission voted on Tuesday to rebuild the old ferry pier, a project that "
    "residents of the island have requested for more than a decade, officials said."
)
LEDE = (
    "Islanders who have crossed the strait by an aging ferry for decades will get a new pier within "
    "two years, after a vote that ended a long and bitter fight over its cost, the commission said."
)
BIO = (
    "Jane Roe covers the harbor, the ferries and the island's council for the paper, and before "
    "that reported on shipping and the fishing fleet for a decade from the mainland office."
)
BODY = Decision(Label.BODY, "structure.body")
REMOVED = Decision(Label.BOILERPLATE, "navigation.furniture")
HEADED = Headed(frozenset({"Pier vote"}), "Pier vote")


def _lines(*texts: str) -> list[Block]:
    return [Block(i, i + 1, text) for i, text in enumerate(texts)]


def test_a_lede_in_a_box_of_its_own_above_the_story_is_the_articles_start() -> None:
    paragraphs = "".join(f"<p>{PARAGRAPH} Part {n}.</p>" for n in range(6))
    html = (
        "<!DOCTYPE html><html><head><title>Pier vote</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<header><h1>Pier vote</h1><div class='meta'>By Jane Roe</div></header>"
        f"<div class='intro-box'><div><p>{LEDE}</p></div></div><div class='ad'>Advertisement</div>"
        f"<main><div class='story'>{paragraphs}</div></main>"
        "<footer><a href='/'>Home</a> <a href='/about'>About us</a></footer></body></html>"
    )
    article = clean(html, input_format="html")
    assert article.title == "Pier vote"
    assert article.body[0] == LEDE
    assert len(article.body) == 7
    reasons = [trace.decision.reason for trace in article.trace if trace.block.text == LEDE]
    assert reasons == ["html.page-text"]


def test_the_lede_is_looked_for_only_when_a_paragraph_comes_right_before_the_first_one() -> None:
    lines = _lines("Pier vote", LEDE, "Advertisement", f"{PARAGRAPH} Part 0.")
    assert first_extracted(lines, [f"{PARAGRAPH} Part 0."]) == 3
    assert first_extracted(lines[2:], [f"{PARAGRAPH} Part 0."]) is None


def test_a_lede_is_taken_past_a_removed_line_and_under_the_headline_only() -> None:
    extracted = [f"{PARAGRAPH} Part 0."]
    lines = _lines("Pier vote", LEDE, "Advertisement", extracted[0])
    decisions = [Decision(Label.TITLE, "structure.title"), BODY, REMOVED, BODY]
    assert lead_in(lines, decisions, 3, extracted, HEADED) == (LEDE,)
    above_headline = _lines("Home", LEDE, "Pier vote", extracted[0])
    assert lead_in(above_headline, [REMOVED, BODY, REMOVED, BODY], 3, extracted, HEADED) == ()


def test_a_box_under_a_line_the_extraction_has_is_no_lede() -> None:
    extracted = ["Fact check", f"{PARAGRAPH} Part 0."]
    lines = _lines("Pier vote", "Fact check", LEDE, extracted[1])
    decisions = [REMOVED, BODY, BODY, BODY]
    assert lead_in(lines, decisions, 3, extracted, HEADED) == ()


def test_an_authors_box_before_the_story_is_no_lede() -> None:
    extracted = [f"{PARAGRAPH} Part 0."]
    lines = _lines("Pier vote", "Jane Roe", BIO, extracted[0])
    decisions = [REMOVED, REMOVED, BODY, BODY]
    assert lead_in(lines, decisions, 3, extracted, HEADED) == ()


def test_a_post_embedded_between_paragraphs_is_kept_where_the_story_quotes_it() -> None:
    paragraphs = [f"<p>{PARAGRAPH} Part {n}.</p>" for n in range(6)]
    post = (
        "<blockquote class='twitter-tweet'><p>The new pier looks great from the ferry!</p>"
        "— Jane Roe (@janeroe) March 3, 2025</blockquote>"
    )
    html = (
        "<!DOCTYPE html><html><head><title>Pier vote</title></head><body><article><h1>Pier vote</h1>"
        f"{''.join(paragraphs[:3])}<div class='embed'>{post}</div>{''.join(paragraphs[3:])}"
        "</article></body></html>"
    )
    article = clean(html, input_format="html")
    body = list(article.body)
    assert "The new pier looks great from the ferry!" in body
    assert body.index("The new pier looks great from the ferry!") == 3
    posted = {trace.block.text: trace.decision.reason for trace in article.trace}
    assert posted["— Jane Roe (@janeroe) March 3, 2025"] == "html.embedded-post"  # trafilatura left it out


def test_lines_of_embedded_posts_are_known_from_the_markup() -> None:
    html = (
        "<html><body><p>Story</p><blockquote class='quote twitter-tweet'><p>Hello pier</p></blockquote>"
        "<blockquote><p>A quote</p></blockquote></body></html>"
    )
    assert visible_page(html).posts == {"Hello pier"}


def test_the_trigrams_of_an_extraction_are_built_once_for_all_the_rescues_looks() -> None:
    extracted = [PARAGRAPH, LEDE]
    lines = _lines("Pier vote", LEDE, PARAGRAPH, BIO)
    _grams.cache_clear()
    first_extracted(lines, extracted)
    last_extracted(lines, extracted)
    assert _grams.cache_info().misses == 1  # the second look read the first one's trigrams
    assert extracted_grams(extracted) == trigrams(PARAGRAPH) | trigrams(LEDE)


def test_other_texts_are_cut_into_words_by_the_unicode_pattern() -> None:
    # A combining accent is a word character for `regex`, not for `re`.
    accented = "cafe\u0301"
    assert trigrams(f"Straße vor dem {accented}") == {
        ("Straße", "vor", "dem"),
        ("vor", "dem", accented),
    }

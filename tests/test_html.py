"""HTML: blocks from trafilatura's XML, captions and credits from the markup, the dek, links,
errors as InputError, and the HTML revisions of the text passes. Invented pages only."""

from __future__ import annotations

import importlib
from concurrent.futures import ThreadPoolExecutor

import pytest
from helpers import assert_html_conserved
from lxml import etree

from cleaner import InputError, clean
from cleaner.emit import to_markdown
from cleaner.html.extract import extract_html, page_captions, page_metadata, parse_html, xml_blocks
from cleaner.html.labels import revise
from cleaner.html.rescue import continuation, last_extracted, trigrams
from cleaner.html.visible import visible_page, visible_text
from cleaner.model import Block, BlockKind, Decision, Label
from cleaner.read.segment import segment_text

PARAGRAPH = (
    "The harbor commission voted on Tuesday to rebuild the old ferry pier, a project that "
    "residents of the island have requested for more than a decade, officials said."
)
LATER = (
    "Work on the new pier is expected to take two years, and the ferry will dock on the north shore "
    "in the meantime, the commission's chair told reporters after the vote on Tuesday evening."
)


def _page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head><title>Pier vote</title>{head}</head><body>{body}</body></html>"


def _article(extra: str = "", before: str = "") -> str:
    paragraphs = "".join(f"<p>{PARAGRAPH} Part {n}.</p>" for n in range(6))
    return _page(
        f"<nav><a href='/'>Home</a></nav><article><h1>Pier vote</h1>{before}{paragraphs}{extra}</article>"
    )


def test_xml_blocks_keep_text_between_elements_and_split_line_breaks() -> None:
    body = etree.fromstring(
        "<body><head rend='h2'>Deals</head>Text after the heading.<p>One<lb/>Two <hi>bold</hi>.</p>"
        "<list><item>First</item><item>Second<list><item>Nested</item></list></item></list></body>"
    )
    assert list(xml_blocks(body)) == [
        ("Deals", BlockKind.HEADING),
        ("Text after the heading.", BlockKind.PARAGRAPH),
        ("One", BlockKind.PARAGRAPH),
        ("Two bold.", BlockKind.PARAGRAPH),
        ("First", BlockKind.ITEM),
        ("Second", BlockKind.ITEM),
        ("Nested", BlockKind.ITEM),
    ]


def test_comments_inside_a_paragraph_do_not_cut_it() -> None:
    html = _article(extra="<p>But no one <!-- -->ran on the issue<!-- --> that autumn, the clerk said.</p>")
    blocks = [block.text for block in extract_html(html).blocks]
    assert "But no one ran on the issue that autumn, the clerk said." in blocks


def test_captions_come_from_the_markup_with_the_credit_split_out() -> None:
    tree = parse_html(
        _page(
            "<figure><img src='a.jpg'><figcaption>Boats in the harbor. "
            "<span class='credit'>Photo: Jane Roe/AP</span></figcaption></figure>"
            "<figure><figcaption><span>Workers at the pier.</span><span itemprop='copyrightHolder'>"
            "<span>Credit...</span><span>John Doe/Reuters</span></span></figcaption></figure>"
            "<div class='wp-caption-text'>A ferry at dawn.</div>"
        )
    )
    captions = [(c.text, c.credit) for c in page_captions(tree)]
    assert captions == [
        ("Boats in the harbor.", "Jane Roe/AP"),
        ("Workers at the pier.", "John Doe/Reuters"),
        ("A ferry at dawn.", None),
    ]


def test_caption_classes_are_found_in_any_case() -> None:
    tree = parse_html(
        _page(
            "<div class='Bildunterschrift'>Der Hafen am Morgen.</div>"
            "<p class='photo-Caption'>Boats at the pier.</p>"
            "<span class='LEGENDE'>Le port.</span><span class='captioned'>Not a caption.</span>"
            "<span itemprop='caption'>A ferry at dawn.</span>"
        )
    )
    texts = [caption.text for caption in page_captions(tree)]
    assert texts == ["Der Hafen am Morgen.", "Boats at the pier.", "Le port.", "A ferry at dawn."]


HEADS = {
    "meta tags": (
        "<meta property='og:title' content='Pier vote passes'>"
        "<meta name='author' content='Jane Roe'><meta property='og:site_name' content='harbor news'>"
        "<meta name='description' content='The island gets its pier back.'>"
        "<meta property='article:published_time' content='2024-03-05T10:00:00Z'>"
        "<link rel='canonical' href='https://news.example.org/2024/03/pier'>"
    ),
    "JSON-LD": (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",'
        ' "headline": "Pier vote passes", "author": {"@type": "Person", "name": "John Doe"},'
        ' "datePublished": "2023-11-02", "publisher": {"@type": "Organization", "name": "Harbor Post"}}'
        "</script>"
    ),
    "one-word author and entities": (
        "<meta name='author' content='jroe'><meta property='og:site_name' content='Tom &amp;amp; Jerry'>"
    ),
    "broken JSON-LD": '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>',
    "nothing": "",
}


@pytest.mark.parametrize("head", HEADS.values(), ids=HEADS.keys())
def test_page_metadata_reads_what_trafilatura_extract_metadata_reads(head: str) -> None:
    from trafilatura.metadata import extract_metadata

    byline = "<div class='author'>By Jane Roe</div><time datetime='2024-03-06'>March 6, 2024</time>"
    html = _page(f"<article><h1>Pier vote</h1>{byline}<p>{PARAGRAPH}</p></article>", head)
    url = "https://www.example.com/pier"
    ours = page_metadata(parse_html(html), url, "page.html")
    date_params = {"extensive_search": False, "original_date": True}
    theirs = extract_metadata(parse_html(html), url, date_params)
    fields = ("title", "author", "date", "sitename", "description", "url")
    assert [getattr(ours, field) for field in fields] == [getattr(theirs, field) for field in fields]


def test_a_dek_under_the_headline_is_the_subtitle_and_a_lede_stays_body() -> None:
    dek = "Residents have waited ten years for a new pier."
    shown = _article(before=f"<p class='dek'>{dek}</p>")
    article = clean(shown.replace("</head>", f"<meta name='description' content='{dek}'></head>"))
    assert article.subtitle == dek
    assert dek not in article.body
    lede = f"{PARAGRAPH} Part 0."
    as_lede = _article().replace("<title>", f"<meta name='description' content='{lede}'><title>")
    article = clean(as_lede)
    assert article.subtitle is None
    assert lede in article.body


def test_a_short_description_of_three_sentences_is_the_lede_not_a_dek() -> None:
    for text, is_dek in (
        ("Is the old pier safe? The council says it is. Our reporter went to see for himself.", False),
        ("Is the old pier safe? The council says it is, and the ferry is back.", True),
    ):
        shown = _article(before=f"<p class='dek'>{text}</p>")
        article = clean(shown.replace("</head>", f"<meta name='description' content='{text}'></head>"))
        assert (article.subtitle == text) is is_dek
        assert (text in article.body) is not is_dek


def test_a_long_description_shown_in_the_header_is_the_lede_not_a_dek() -> None:
    lede = (
        "Ten years after the storm took the old pier, the harbor commission has agreed to rebuild it. "
        "The vote was unanimous, work is to begin in the spring, and the ferry will use a temporary dock "
        "on the north shore until then."
    )
    header = f"<header><h1>Pier vote</h1><div class='intro'>{lede}</div></header>"
    paragraphs = "".join(f"<p>{PARAGRAPH} Part {n}.</p>" for n in range(6))
    html = _page(f"{header}<main><article>{paragraphs}</article></main>")
    article = clean(html.replace("</head>", f"<meta name='description' content='{lede}'></head>"))
    assert article.subtitle is None
    assert article.body[0] == lede


def test_whole_links_after_the_last_paragraph_are_teasers() -> None:
    texts = [PARAGRAPH, "Shop the list:", "Lamp", PARAGRAPH, "More stories:", "Bridge reopens", "Fares rise"]
    blocks = [Block(i, i + 1, text) for i, text in enumerate(texts)]
    decisions = [Decision(Label.BODY, "structure.body")] * len(blocks)
    linked = [False, False, True, False, False, True, True]
    revised = revise(blocks, decisions, linked)
    assert [d.reason for d in revised[4:]] == ["html.tail-link-heading", "html.tail-link", "html.tail-link"]
    assert revised[2].label is Label.BODY  # a link between paragraphs is the article's


def test_a_paragraph_over_a_read_more_link_is_a_teaser_card() -> None:
    summary = "The ferry is back on the old pier, and so are the anglers."
    texts = [PARAGRAPH, "Pier reopens", summary, "Read more", "The council met twice.", "More:", PARAGRAPH]
    blocks = [Block(i, i + 1, text) for i, text in enumerate(texts)]
    decisions = [Decision(Label.BODY, "structure.body")] * len(blocks)
    decisions[3] = Decision(Label.BOILERPLATE, "related.read-more-link")
    linked = [False, True, False, True, False, True, False]
    revised = revise(blocks, decisions, linked)
    assert [d.reason for d in revised[1:3]] == ["html.teaser", "html.teaser"]
    assert [d.label for d in revised[4:]] == [Label.BODY] * 3  # "More:" leads into a source
    unlinked = revise(blocks, decisions, [False] * len(blocks))
    assert unlinked[2].label is Label.BODY  # "Read more" that is no link says nothing of the paragraph


def test_revise_keeps_repeated_lines_of_an_extraction_and_undoes_a_false_end() -> None:
    blocks = [Block(i, i + 1, text) for i, text in enumerate(["Yes", PARAGRAPH, "Yes", PARAGRAPH])]
    decisions = [
        Decision(Label.BOILERPLATE, "structure.repeated"),
        Decision(Label.BODY, "structure.body"),
        Decision(Label.BOILERPLATE, "structure.repeated"),
        Decision(Label.BOILERPLATE, "structure.after-end"),
    ]
    revised = revise(blocks, decisions, [False] * 4)
    assert [d.label for d in revised] == [Label.BODY] * 4


@pytest.mark.parametrize(
    ("module", "function", "error", "message"),
    [
        ("trafilatura", "bare_extraction", RecursionError("maximum recursion depth exceeded"),
         "HTML extraction failed: RecursionError"),
        ("trafilatura.metadata", "examine_meta", ValueError("bad meta"),
         "HTML metadata failed: ValueError: bad meta"),
    ],
)  # fmt: skip
def test_a_page_that_breaks_trafilatura_is_an_input_error(
    monkeypatch: pytest.MonkeyPatch, module: str, function: str, error: Exception, message: str
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(importlib.import_module(module), function, broken)
    with pytest.raises(InputError, match=rf"^page\.html: {message}"):
        extract_html(_article(), source="page.html")


def test_html_that_cannot_be_parsed_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"^empty\.html: cannot parse HTML"):
        extract_html("", source="empty.html")


def test_a_page_without_article_text_gives_an_empty_article_with_a_warning() -> None:
    article = clean(_page("<div></div>"), input_format="html")
    assert article.body == ()
    assert "no article text found in the HTML" in article.warnings


def _split_article(rest: str) -> str:
    """A story that goes on after an ad slot, in a container of its own, then a footer."""
    first = "".join(f"<p>{PARAGRAPH} Part {n}.</p>" for n in range(6))
    return _page(
        f"<article><h1>Pier vote</h1><div class='body'>{first}</div></article>"
        f"<div class='ad'>Advertisement</div><div class='rest'>{rest}</div>"
        "<footer><a href='/'>Home</a> <a href='/about'>About us</a></footer>"
    )


def test_the_rest_of_an_article_after_an_ad_slot_is_rescued_from_the_page_text() -> None:
    rest = "".join(f"<p>{LATER} Note {n}.</p>" for n in range(5))
    article = clean(_split_article(rest), input_format="html")
    assert article.body[-1] == f"{LATER} Note 4."
    assert len(article.body) == 11
    rescued = [trace.decision.reason for trace in article.trace if "Note" in trace.block.text]
    assert rescued == ["html.page-text"] * 5


def test_a_short_box_after_the_article_is_not_rescued() -> None:
    rest = f"<p>{LATER} Note 0.</p><p>{LATER} Note 1.</p>"
    article = clean(_split_article(rest), input_format="html")
    assert len(article.body) == 6


def test_a_continuation_starts_right_after_the_extraction_past_removed_lines_only() -> None:
    texts = [PARAGRAPH, "Advertisement", *(f"{LATER} Note {n}." for n in range(5)), "Home"]
    lines = [Block(i, i + 1, text) for i, text in enumerate(texts)]
    body = Decision(Label.BODY, "structure.body")
    decisions = [
        body,
        Decision(Label.BOILERPLATE, "ads.marker"),
        *[body] * 5,
        Decision(Label.BOILERPLATE, "x"),
    ]
    assert last_extracted(lines, [PARAGRAPH]) == 0
    assert continuation(lines, decisions, 0, [PARAGRAPH]) == tuple(texts[2:7])
    kept_between = [body, body, *decisions[2:]]  # a line the text path kept: not a continuation
    assert continuation(lines, kept_between, 0, [PARAGRAPH]) == ()
    assert last_extracted(lines[:2], [PARAGRAPH]) is None  # nothing follows: no labelling needed


def test_visible_text_gives_one_line_per_block_as_a_copy_paste_does() -> None:
    lines = segment_text(visible_text(_page("<h1>Pier</h1><p>One <b>two</b></p><ul><li>Three</li></ul>")))
    assert [line.text for line in lines] == ["Pier vote", "Pier", "One two", "Three"]  # <title> first
    assert trigrams("One two") == set()


def test_visible_text_leaves_out_scripts_and_styles_but_not_the_text_after_them() -> None:
    page = _page("<p>Before<script>var x = 1;</script> after</p><style>p {}</style><div>Next</div>")
    assert visible_text(page).split("\n")[1:] == ["Before after", "Next"]


def test_visible_text_is_the_same_from_a_tree_and_in_any_thread() -> None:
    page = _page("<h1>Pier</h1><p>One <b>two</b></p>")
    expected = visible_text(page)
    assert visible_text(parse_html(page)) == expected
    with ThreadPoolExecutor(4) as pool:
        assert set(pool.map(visible_text, [page] * 16)) == {expected}


DEK = "Residents have waited ten years for a new pier, and the vote gives it to them."
DEK_MARKUP = {
    "dek class": f"<h1>Pier vote</h1><p class='dek'>{DEK}</p>",
    "standfirst in a header box": (
        f"<header><h1>Pier vote</h1></header><div class='article-standfirst'>{DEK}</div>"
    ),
    "summary class": f"<h1>Pier vote</h1><p class='story-summary'>{DEK}</p>",
    "h2 right after": f"<h1>Pier vote</h1><h2>{DEK}</h2>",
}


@pytest.mark.parametrize("head", DEK_MARKUP.values(), ids=DEK_MARKUP.keys())
def test_a_dek_printed_under_the_headline_is_the_subtitle_without_a_description(head: str) -> None:
    paragraphs = "".join(f"<p>{PARAGRAPH} Part {n}.</p>" for n in range(6))
    article = clean(_page(f"<article>{head}{paragraphs}</article>"), input_format="html")
    assert article.subtitle == DEK
    assert DEK not in article.body
    assert len(article.body) == 6


def test_what_follows_the_headline_without_dek_markup_is_not_a_dek() -> None:
    long_dek = f"{DEK} {DEK} {DEK}"
    for head in (
        f"<h1>Pier vote</h1><p>{DEK}</p>",  # a plain first paragraph is the lede
        f"<h1>Pier vote</h1><p class='lead'>{DEK}</p>",  # so is a lead paragraph
        f"<h1>Pier vote</h1><p class='dek'>{long_dek}</p>",  # longer than a dek
        f"<p class='dek'>{DEK}</p><h1>Pier vote</h1>",  # not under the headline
        "<h1>Pier vote</h1><h2>Contents</h2>",  # a heading, not a phrase
        "<h1>Pier vote</h1><div class='subhead'>by Jane Roe | Filed under: Harbor | 3</div>",  # fields
        "<h1>Pier vote</h1><div class='subtitle'>5.3.24 10:15 by Jane Roe, 4 min read</div>",  # a stamp
    ):
        paragraphs = "".join(f"<p>{PARAGRAPH} Part {n}.</p>" for n in range(6))
        article = clean(_page(f"<article>{head}{paragraphs}</article>"), input_format="html")
        assert article.subtitle is None, head


def test_the_seed_page_with_its_dek_only_in_the_markup_cleans_as_the_seed_text() -> None:
    from helpers import SAMPLES

    html = clean((SAMPLES / "seed-layout-dek-html.html").read_bytes(), input_format="html")
    text = clean((SAMPLES / "seed-layout.txt").read_bytes(), input_format="text")
    assert "description" not in (SAMPLES / "seed-layout-dek-html.html").read_text(encoding="utf-8")
    assert (html.title, html.subtitle, html.body) == (text.title, text.subtitle, text.body)
    assert [(c.text, c.credit) for c in html.captions] == [(c.text, c.credit) for c in text.captions]


def test_a_hover_card_after_a_link_is_not_glued_into_the_sentence() -> None:
    card = (
        "<span class='rollover-card'><img src='a.jpg' alt=''><a href='/p/roe'>Jane Ann Roe</a>"
        "<a href='/s/1'>Other pier story</a></span>"
    )
    html = _article(extra=f"<p>Chair <a href='/p/roe'>Jane Roe</a>{card} said the vote was fair.</p>")
    article = clean(html, input_format="html")
    assert "Chair Jane Roe said the vote was fair." in article.body
    assert not any("Other pier story" in trace.block.text for trace in article.trace)


def test_a_term_marked_as_a_tooltips_trigger_stays_in_its_sentence() -> None:
    html = _article(extra="<p>Chair <span class='tooltip_term'>Jane Roe</span> said the vote was fair.</p>")
    assert "Chair Jane Roe said the vote was fair." in clean(html, input_format="html").body


def test_visible_lines_know_the_page_region_they_sit_in() -> None:
    page = visible_page(
        _page(
            "<nav><ul><li>Sports</li></ul></nav><div role='navigation'>Weather</div>"
            "<p>Story</p><footer><p>Contact</p><form><label>Email</label></form><p>Imprint</p></footer>"
            "<p>Said</p><aside><p>Most read</p></aside>"
        )
    )
    assert page.text.split("\n")[1:] == [
        "Sports",
        "Weather",
        "Story",
        "Contact",
        "Email",
        "Imprint",
        "Said",
        "Most read",
    ]
    assert page.regions == {
        "Sports": "html.nav",
        "Weather": "html.nav",
        "Contact": "html.footer",
        "Email": "html.form",  # the innermost region
        "Imprint": "html.footer",  # the form closed
        "Most read": "html.aside",
    }


CODE = "def pier(n):\n    if n > 2:\n        return n\n\n    return 0"


def test_a_pre_block_is_one_body_block_that_keeps_its_indentation() -> None:
    html = _article(extra=f"<pre><code>\n{CODE}\n   \n</code></pre><p>{LATER}</p>")
    article = clean(html, input_format="html")
    assert CODE in article.body
    assert article.body.index(CODE) == article.body.index(LATER) - 1
    assert_html_conserved(html, article)


def test_markdown_fences_a_code_block() -> None:
    article = clean(_article(extra=f"<pre>{CODE}</pre><p>{LATER}</p>"), input_format="html")
    assert f"```\n{CODE}\n```" in to_markdown(article)


def test_a_code_block_is_repaired_after_its_indentation() -> None:
    html = _article(extra="<pre>if pier:\n    print(&quot;caf\u00c3\u00a9&quot;)\n</pre>")
    assert 'if pier:\n    print("café")' in clean(html, input_format="html").body


def test_a_logo_in_the_h1_is_not_the_headline_when_the_title_tag_names_a_printed_line() -> None:
    headline = "Harbor board approves the new ferry pier"
    paragraphs = "".join(f"<p>{PARAGRAPH} Part {n}.</p>" for n in range(6))
    html = (
        f"<!DOCTYPE html><html><head><title>{headline} - Harbor Ledger</title></head><body>"
        f"<h1>Ledger Daily</h1><article><dl><dt>{headline}</dt></dl>{paragraphs}</article></body></html>"
    )
    article = clean(html, input_format="html")
    assert article.title == headline
    assert "Ledger Daily" not in article.body


def test_a_section_name_in_the_title_tag_does_not_replace_the_h1() -> None:
    paragraphs = "".join(f"<p>{PARAGRAPH} Part {n}.</p>" for n in range(6))
    html = (
        "<!DOCTYPE html><html><head><title>News - Harbor Ledger</title></head><body>"
        f"<div>News</div><article><h1>Pier vote</h1>{paragraphs}</article></body></html>"
    )
    assert clean(html, input_format="html").title == "Pier vote"

"""Reasons: every name a labelling pass (not a rule) gives as the reason of a decision.

A rule's reason is its id; the passes give these. They reach the output (`removed[].reason`,
`--explain`), so each is named and explained once here; the rule reference
(docs/rules-reference.md) lists them, and tests/test_reasons.py checks that the code gives no
reason this table lacks, and that the table holds none that the code never gives.
"""

from __future__ import annotations

# A line that settling cut carries the reason the second pass gave it, after this prefix.
SETTLE_PREFIX = "settle."

REASONS: dict[str, str] = {
    "structure.title": "the headline: the headline-like line above the story's first paragraph",
    "structure.page-title": (
        'the page\'s `<title>` line ("Headline | Site"): removed when a later line shows the '
        "headline, or the title itself when the headline found lies below kept text"
    ),
    "structure.title-copy": "another copy of the headline (breadcrumb, share text)",
    "structure.subtitle": "the dek: the short line between the headline and the byline, photo or lede",
    "structure.caption": "a caption: the line next to a lone photo-credit line, which it takes as its credit",
    "structure.byline": "a byline no rule knew, among the lines right under the headline",
    "structure.byline-affiliation": 'the organisation line right under a byline ("Associated Press")',
    "structure.repeated": "a short line without sentence punctuation that occurs twice or more on the page",
    "structure.publisher": "a line that only names the publisher the copyright line names",
    "structure.link-list": "a short line under a related-stories heading (a rule with action list)",
    "structure.before-article": "an undecided line above the article's region (menus, teasers)",
    "structure.after-article": "an undecided line below the article's region (footer, teasers)",
    "structure.after-end": "a line after an end-of-article marker (a rule with action end)",
    "structure.low-content": "a line inside the article poor in stopwords that does not end like a sentence",
    "structure.body": "a body paragraph: no rule and no other pass decided the line",
    "html.title": "the headline of an HTML page: the heading that shows its metadata title, or that title",
    "html.description": (
        "the dek of an HTML page: printed under its headline (an `<h2>`, a dek or standfirst "
        "class), else its description where the page prints it as one"
    ),
    "html.figcaption": "a caption from the page's markup (`<figcaption>`, a caption class), with its credit",
    "html.extracted": (
        "a block of trafilatura's extraction that a text-page pass would have removed (a repeated "
        "line, a caption paired with a credit, text after a false end marker): body"
    ),
    "html.page-text": (
        "the lede or the rest of the article, found in the page's visible text right before the "
        "extraction's first paragraph or after its end"
    ),
    "html.not-headline": "the heading taken for the title where the page's <title> names another line",
    "html.embedded-post": "a line of a post embedded in the story (a tweet) that the extraction left out",
    "html.repeated-run": "a run of body lines that repeats an earlier run: the page rendered the story again",
    "html.image-url": "a line of the extraction that is only the address of a picture",
    "html.time-stamp": "a line of the extraction that is only a date or a time (an update stamp)",
    "html.head-repeated": "the first body line, repeating the headline, the dek or the byline above it",
    "html.listed-link": "a whole link right under a related-stories heading inside the article",
    "html.teaser": "a paragraph right over a read-more link, and a whole link over it: a teaser card",
    "html.tail-link": "a whole link at the end of the extraction, after its last paragraph: a teaser",
    "html.tail-link-heading": "the short heading over the teasers at the end of the extraction",
    "html.nav": "a line of the page that the article does not show, in a <nav> (or role=navigation)",
    "html.footer": "a line of the page that the article does not show, in a <footer> (or role=contentinfo)",
    "html.form": "a line of the page that the article does not show, in a <form> (or role=search)",
    "html.aside": "a line of the page that the article does not show, in an <aside> (or role=complementary)",
    "html.not-extracted": (
        "a line of the page's visible text that the article does not show and no rule names: "
        "the extraction left it out and no page region names it (menus, modals, teasers)"
    ),
}

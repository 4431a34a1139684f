"""Assemble: turn labelled blocks into an `Article`.

Every block lands in exactly one place: the title, the subtitle, a body paragraph, a caption
(text, or the credit of a caption next to it), or `removed`. Byline, date, dateline, copyright
and publisher are values read off blocks (removed ones, or the first body paragraph for the
dateline), so they never count a block twice; so is the title when the headline is only part
of a line (a page's `<title>` line, in `removed` with the label `title`). The language is the
body's; the publication date is read in it (`cleaner.label.metadata.article_date`), or comes
from the HTML metadata.

An HTML page's visible lines that its article does not show (`outside`) are listed in `removed`
and in the trace in page order; the article's fields are read from its own blocks only.
"""

from __future__ import annotations

from collections.abc import Sequence

from cleaner.label.byline import article_byline
from cleaner.label.features import ends_sentence, is_prose, word_count
from cleaner.label.language import detect_language
from cleaner.label.metadata import ArticleDate, article_date, find_dateline, find_publisher, strip_byline
from cleaner.members import BODY, BYLINE, CAPTION, COPYRIGHT, CREDIT, SUBTITLE, TITLE
from cleaner.model import Article, Block, Caption, Decision, Label, PageMetadata, Removal, Repair, Trace

PAYWALL_TEASER_WORDS = 200
ARTICLE_MIN_WORDS = 5
HIGH_REMOVAL_SHARE = 0.5
_PAYWALL_RULES = {"auth.paywall", "auth.already-subscriber"}
# The rules that find where a comment section starts (it is left out from there on).
_COMMENT_RULES = {"comments.heading", "comments.count-on-title", "comments.prompt", "comments.form"}
# A story of one paragraph, or of fewer words than this, is a short one: still an article.
SHORT_ARTICLE_WORDS = 80
_KEPT = {Label.TITLE, Label.SUBTITLE, Label.BODY, Label.CAPTION}


def assemble(
    blocks: Sequence[Block],
    decisions: Sequence[Decision],
    *,
    source: str = "-",
    url: str | None = None,
    site: str | None = None,
    repairs: Sequence[Repair] = (),
    warnings: Sequence[str] = (),
    metadata: PageMetadata | None = None,
    outside: Sequence[Trace] = (),
) -> Article:
    """Build the article; `metadata` fills fields the text itself does not give, `outside` are
    removed lines that are not blocks of the article (numbered with them)."""
    title = subtitle = None
    body: list[str] = []
    captions: list[Caption] = []
    removed: list[Removal] = []
    for block, decision in zip(blocks, decisions, strict=True):
        label = decision.label
        if label is TITLE and title is None and decision.text and decision.text != block.text:
            # The headline is part of the line (the page's `<title>` with the site's name): the
            # title is read off the line, and the line is accounted for in `removed`.
            title = decision.text
            removed.append(Removal(block.line, block.text, label, decision.reason))
        elif label is TITLE and title is None:
            title = block.text
        elif label is SUBTITLE and subtitle is None:
            subtitle = block.text
        elif label is BODY:
            body.append(block.text)
        elif label is CAPTION:
            credit_line = blocks[decision.paired_with].line if decision.paired_with is not None else None
            captions.append(Caption(decision.text or block.text, decision.credit, block.line, credit_line))
        elif label is CREDIT and decision.paired_with is not None:
            continue  # the credit of the caption next to it
        else:
            removed.append(Removal(block.line, block.text, label, decision.reason))
    meta = metadata or PageMetadata()
    copyright_line = _first(removed, COPYRIGHT)
    byline = article_byline(blocks, decisions) or _lone_by_byline(removed)
    language = detect_language(body)
    date = _published(article_date(blocks, decisions, language), meta.published)
    repeated = [r.text for r in removed if r.reason == "structure.repeated"]
    return Article(
        source=source,
        url=url or meta.url,
        site=site,
        title=title or meta.title,
        subtitle=subtitle,
        byline=byline or meta.author,
        dateline=find_dateline(body[0]) if body else None,
        published=date.published,
        published_text=date.text,
        language=language,
        body=tuple(body),
        captions=tuple(captions),
        publisher=find_publisher(copyright_line, repeated) or meta.sitename,
        copyright=copyright_line,
        removed=_removals_in_order(removed, outside),
        repairs=tuple(repairs),
        warnings=tuple(warnings),
        flags=quality_flags(blocks, decisions),
        trace=_trace_in_order(
            [Trace(block, decision) for block, decision in zip(blocks, decisions, strict=True)], outside
        ),
    )


def _removals_in_order(own: Sequence[Removal], outside: Sequence[Trace]) -> tuple[Removal, ...]:
    """The article's removals with the lines outside it, by line number."""
    lines = [Removal(t.block.line, t.block.text, t.decision.label, t.decision.reason) for t in outside]
    return tuple(sorted((*own, *lines), key=lambda removal: removal.line)) if lines else tuple(own)


def _trace_in_order(own: Sequence[Trace], outside: Sequence[Trace]) -> tuple[Trace, ...]:
    """The article's trace with the lines outside it, by line number."""
    return tuple(sorted((*own, *outside), key=lambda trace: trace.block.line)) if outside else tuple(own)


def _published(found: ArticleDate, page_date: str | None) -> ArticleDate:
    """The text's date, or the HTML metadata's (htmldate's) when the page has one.

    htmldate reads the page's markup, which says more reliably than any visible line which
    date is the publication's; a date line of the text that agrees with it adds its time of
    day and its wording.
    """
    if page_date is None:
        return found
    if found.published is not None and found.published[:10] == page_date[:10]:
        return found
    return ArticleDate(page_date, None)


def _lone_by_byline(removed: Sequence[Removal]) -> str | None:
    """A byline whose names are not on its "By" line: the first byline line with a name."""
    return next((strip_byline(r.text) for r in removed if r.label is BYLINE and strip_byline(r.text)), None)


def _first(removed: Sequence[Removal], label: Label) -> str | None:
    return next((r.text for r in removed if r.label is label), None)


def quality_flags(blocks: Sequence[Block], decisions: Sequence[Decision]) -> tuple[str, ...]:
    """Warnings about the result as a whole, for a reader deciding whether to trust it.

    - `no-article`: nothing kept reads like running text (no sentence of five words or more);
    - `paywall-teaser`: the body is a short teaser above a subscription prompt;
    - `short`: an article of one paragraph of running text, or of under 80 words, with no
      subscription prompt (a brief, a news flash): kept whole, and worth knowing;
    - `comments`: the page has a comment section, left out from its heading, prompt or form on;
    - `high-removal`: most of the page's running text was removed (comments, teasers, or a
      story that the region finder cut).
    """
    if not blocks:
        return ()
    flags = []
    body = [b for b, d in zip(blocks, decisions, strict=True) if d.label is BODY]
    sentences = [b for b in body if word_count(b.text) >= ARTICLE_MIN_WORDS and ends_sentence(b.text)]
    if not sentences:
        flags.append("no-article")
    body_words = sum(word_count(block.text) for block in body)
    if body_words < PAYWALL_TEASER_WORDS and any(d.reason in _PAYWALL_RULES for d in decisions):
        flags.append("paywall-teaser")
    elif sentences and (len(sentences) == 1 or body_words < SHORT_ARTICLE_WORDS):
        flags.append("short")
    if any(d.reason in _COMMENT_RULES for d in decisions):
        flags.append("comments")
    prose = [(b, d) for b, d in zip(blocks, decisions, strict=True) if is_prose(b.text)]
    prose_chars = sum(len(b.text) for b, _ in prose)
    removed = sum(len(b.text) for b, d in prose if d.label not in _KEPT)
    if prose_chars and removed / prose_chars > HIGH_REMOVAL_SHARE:
        flags.append("high-removal")
    return tuple(flags)

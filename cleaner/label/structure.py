"""Structure: label every block from the rule matches and the shape of the page.

Rules decide what they recognise; the passes here decide the rest from position and
neighbours, each under its own `structure.*` name so that every decision can be explained.
Two entry points: `label_page` for a whole page as text (the article must be found in it) and
`label_article` for blocks that are the article already (an HTML extraction). In order:

1. `structure.link-list`: the short lines under a "Related" or "Most read" heading;
2. `structure.page-title` and `structure.title`: the page's `<title>` line, and the headline
   (the block that line repeats, or the headline-like block above the story's first paragraph);
3. `structure.caption`: a lone credit line pairs with the caption next to it;
4. `structure.byline` and `structure.byline-affiliation`: a byline no rule knew right under
   the headline (`cleaner.label.byline`), and the organisation line under a byline;
5. `structure.title-copy` and `structure.subtitle`: copies of the headline, and the dek
   between the title and the byline, credit or first paragraph;
6. `structure.repeated`: short lines that occur more than once on the page (a site name);
7. `structure.publisher`: lines that only name the publisher of the copyright line;
8. whole pages only: `structure.before-article`, `structure.after-article`,
   `structure.after-end` and `structure.low-content`, the lines outside the article's region
   (`cleaner.label.region`) and the lines inside it that are no text; and the title comes
   first: a title found below kept text moves up to the page-title line that names it, or is
   a subheading (`cleaner.label.settle` then relies on the printed order);
9. `structure.body`: everything else.

The blocks are numbered from 0 in their order (`Block.index`, as the segmenter and the HTML
reader number them), so a block's index is its position: the passes read a block's decision at
it, and walk blocks and decisions side by side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice, pairwise
from typing import Final

import regex

from cleaner.label.byline import byline_names
from cleaner.label.content import Stopwords, classify, detect_stopwords
from cleaner.label.features import ends_sentence, is_prose, word_count
from cleaner.label.headline import headline_like, headline_part, shown_headline, site_part
from cleaner.label.lists import introduced_lists, quantity_lists
from cleaner.label.metadata import find_dateline, find_publisher, names_publisher
from cleaner.label.region import (
    BAD,
    END,
    GOOD,
    ITEM,
    NEAR_GOOD,
    NEUTRAL,
    RULE,
    SHORT,
    Region,
    Role,
    find_region,
    weighs_words,
    weights,
)
from cleaner.matching.matcher import Match
from cleaner.matching.rules import Action
from cleaner.members import BODY, BOILERPLATE, BYLINE, CAPTION, COPYRIGHT, CREDIT, SUBTITLE, TITLE
from cleaner.model import Block, Decision, Label

# The structure passes' own decisions: immutable, so one of each serves every line it labels (a
# page takes hundreds, and building a frozen dataclass costs more than labelling the line).
# Read as constants for the reason `cleaner.members` gives; this is the only module that reads them.
_END_ACTION: Final = Action.END
_LIST_ACTION: Final = Action.LIST
_AFTER_ARTICLE_DECISION: Final = Decision(BOILERPLATE, "structure.after-article")
_AFTER_END_DECISION: Final = Decision(BOILERPLATE, "structure.after-end")
_BEFORE_ARTICLE_DECISION: Final = Decision(BOILERPLATE, "structure.before-article")
_BODY_DECISION: Final = Decision(BODY, "structure.body")
_BYLINE_DECISION: Final = Decision(BYLINE, "structure.byline")
_BYLINE_AFFILIATION_DECISION: Final = Decision(BYLINE, "structure.byline-affiliation")
_LINK_LIST_DECISION: Final = Decision(BOILERPLATE, "structure.link-list")
_LOW_CONTENT_DECISION: Final = Decision(BOILERPLATE, "structure.low-content")
_PAGE_TITLE_DECISION: Final = Decision(BOILERPLATE, "structure.page-title")
_PUBLISHER_DECISION: Final = Decision(BOILERPLATE, "structure.publisher")
_REPEATED_DECISION: Final = Decision(BOILERPLATE, "structure.repeated")
_SUBTITLE_DECISION: Final = Decision(SUBTITLE, "structure.subtitle")
_TITLE_DECISION: Final = Decision(TITLE, "structure.title")
_TITLE_COPY_DECISION: Final = Decision(BOILERPLATE, "structure.title-copy")

SUBTITLE_MAX_CHARS = 400
BYLINE_BLOCKS = 6  # how far under the headline a byline may stand
LEAD_DEK_MAX_CHARS = 250
CAPTION_MAX_CHARS = 320
REPEATED_MAX_WORDS = 8
REPEATED_MAX_CHARS = 80
# A headline printed three times or more on a page is a teaser repeated in its boxes; twice, it
# can be the story's subheading in a table of contents.
TEASER_MIN_COPIES = 3
TEASER_MAX_WORDS = 14
TEASER_MAX_CHARS = 120
NAME_MAX_WORDS = 6
HEADLINE_TO_STORY_BLOCKS = 15  # how far below the headline a full page's story may begin
ANCHORED_SHARE = 0.5  # the story below the headline must weigh this share of the heaviest run
# Lines after a "Related" heading's links in which two paragraphs of running text in a row say
# the story goes on (the box's own teaser can come first).
STORY_LOOKAHEAD = 4
# A text with furniture that rules know is still an article already when at most this many
# short lines come before its first paragraph and rules decide at most this share of its lines
# (bench/invariants.py measures it).
ARTICLE_SHORT_WORDS = 3
ARTICLE_MAX_SHORT_HEAD = 2
ARTICLE_MAX_RULED_SHARE = 0.03
PASTED_HEAD_BLOCKS = 12  # a story that starts this early is a pasted article, not a full page
FULL_PAGE_HEAD_BLOCKS = 12  # how far above the story a full page's headline may sit

_BYLINES = {Label.BYLINE, Label.DATE, Label.DATELINE}
_PHOTOS = {Label.CREDIT, Label.CAPTION}
# A lede reports: past-tense attribution, a weekday, a dateline. A dek sums up in the present.
_LEDE_SIGNS = regex.compile(
    r"\b(?:said|told|according to|announced|reported|(?:on |last |this )?(?:Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday)|yesterday|today)\b"
)
_NAME_WORD = regex.compile(
    r"^(?:\p{Lu}[\p{L}.'’&-]*|of|the|for|and|de|del|la|le|du|der|die|das|für|und|y|et|&)$"
)


Known = Match | Decision | None  # what a rule or the segmenter decided about a block, if anything


@dataclass(frozen=True, slots=True)
class _Labelled:
    """The passes' work on a page so far: undecided blocks are None; `classes` holds the text
    role of each block no rule decided, `region` the article's run of blocks."""

    decisions: list[Decision | None]
    classes: list[Role | None]
    region: Region
    title: int | None
    headline: int | None  # the block that the page's `<title>` line names


def label_page(
    blocks: Sequence[Block],
    known: Sequence[Known],
    stopwords: Stopwords | None = None,
    page_ruled: bool | None = None,
) -> list[Decision]:
    """A decision for every block of a whole page: the passes in order, and then what lies
    outside the article's region goes. A text that is an article already (a copy of one, or
    newsclean's own text output) keeps every line no rule removes, up to an end marker.

    `stopwords` is the language to judge running text by, and `page_ruled` whether rules found
    furniture on the page, when the text was cut from a page (settling an article cleaned from
    it); by default the text's own lines tell both."""
    labelled = _label(blocks, known, stopwords)
    decisions, title = labelled.decisions, labelled.title
    if _is_article(blocks, known, page_ruled):
        _keep_whole(blocks, decisions, labelled.region)
    elif not labelled.region.empty:
        _apply_region(blocks, decisions, labelled.classes, labelled.region)
    if title is not None and any(d is None for d in decisions[:title]):
        _title_below_text(blocks, decisions, title, labelled.headline is not None)
    return _with_body(decisions)


def label_article(blocks: Sequence[Block], known: Sequence[Known]) -> list[Decision]:
    """A decision for every block of an article that an extractor already cut out of its page
    (HTML input): the passes in order, with no region to find."""
    return _with_body(_label(blocks, known).decisions)


def _label(blocks: Sequence[Block], known: Sequence[Known], stopwords: Stopwords | None = None) -> _Labelled:
    """What rules (or the segmenter) decided, then the passes that every input takes."""
    decisions: list[Decision | None] = [item.decision if isinstance(item, Match) else item for item in known]
    ends = [isinstance(item, Match) and item.rule.action is _END_ACTION for item in known]
    classes = _content_classes(blocks, decisions, stopwords)
    titled = any(d is not None and d.label is TITLE for d in decisions)  # by the HTML markup
    headline = None if titled else _page_headline(blocks, decisions, classes)
    _drop_link_lists(blocks, known, decisions, classes, headline)
    _mark_lists(blocks, decisions, classes)
    ends = [end or _closes_story(i, known, decisions, classes) for i, end in enumerate(ends)]
    region = _find_region(blocks, decisions, ends, classes, headline)
    title: int | None = None
    read_off = False  # the title is read off the `<title>` line: no dek stands under that line
    if headline is not None:
        decisions[0] = _PAGE_TITLE_DECISION
        decisions[headline] = _TITLE_DECISION
        title = headline
    elif not titled and _titles_full_page(blocks, decisions, region):
        decisions[0] = Decision(TITLE, "structure.page-title", text=headline_part(blocks[0].text))
        title, read_off = 0, True
    else:
        title = _find_title(blocks, decisions, region)
        if title is not None:
            decisions[title] = _TITLE_DECISION
    _pair_captions(blocks, decisions)
    if title is not None:
        _find_bylines(blocks, decisions, title)
    _find_affiliations(blocks, decisions)
    if title is not None:
        _drop_title_copies(blocks, decisions, title)
        if not read_off:
            _find_subtitle(blocks, decisions, title)
    _drop_repeated(blocks, decisions)
    _drop_publisher_lines(blocks, decisions)
    return _Labelled(decisions, classes, region, title, headline)


def _with_body(decisions: Sequence[Decision | None]) -> list[Decision]:
    return [decision or _BODY_DECISION for decision in decisions]


def page_stopwords(blocks: Sequence[Block], decisions: Sequence[Decision | None]) -> Stopwords:
    """The stoplist of the language that the page's undecided blocks are written in."""
    return detect_stopwords([block.text for i, block in enumerate(blocks) if decisions[i] is None])


def _drop_link_lists(
    blocks: Sequence[Block],
    known: Sequence[Known],
    decisions: list[Decision | None],
    classes: list[Role | None],
    headline: int | None,
) -> None:
    """The short lines under a "Related" or "Most read" heading, up to the next running text.

    A box of headlines inside a story ends where the story resumes, or at the story's own
    headline; a list of teasers with summaries is left to the region finder, which sees its
    summaries stand alone.
    """
    texty = (GOOD, NEAR_GOOD)
    for index, item in enumerate(known):
        if not isinstance(item, Match) or item.rule.action is not _LIST_ACTION:
            continue
        for i in (b.index for b in blocks[index + 1 :] if decisions[b.index] is None):
            if classes[i] in texty or i == headline:
                break
            decisions[i] = _LINK_LIST_DECISION
            classes[i] = None


def _closes_story(
    index: int, known: Sequence[Known], decisions: Sequence[Decision | None], classes: Sequence[Role | None]
) -> bool:
    """Whether a "Related" or "Most read" heading ends the story, as an end marker does: when
    what follows its list of links is not the story going on (two paragraphs of running text in
    a row within a few lines, or the page's last lines) but teasers, a headline with its summary
    each, or the footer. A box of links in the middle of a story is followed by the rest of it."""
    item = known[index]
    if not isinstance(item, Match) or item.rule.action is not _LIST_ACTION:
        return False
    undecided = (classes[i] for i in range(index + 1, len(known)) if decisions[i] is None)
    following = list(islice(undecided, STORY_LOOKAHEAD))
    texty = [role in (GOOD, NEAR_GOOD) for role in following]
    if len(following) <= 1:
        return not any(texty)  # the story's last paragraph, or nothing more
    return not any(a and b for a, b in pairwise(texty))


def _mark_lists(
    blocks: Sequence[Block], decisions: Sequence[Decision | None], classes: list[Role | None]
) -> None:
    """The undecided lines of a list that the story introduces are its items (and their links or
    header rows, neutral): short as they are, the story goes on through them."""
    texts = [block.text for block in blocks]
    for run in [*introduced_lists(texts), *quantity_lists(texts)]:
        for i in range(run.start, run.end + 1):
            if decisions[i] is None and classes[i] is not GOOD:
                classes[i] = ITEM if i in run.items else NEUTRAL


def _content_classes(
    blocks: Sequence[Block], decisions: Sequence[Decision | None], stopwords: Stopwords | None
) -> list[Role | None]:
    """The revised content class of each undecided block (None for decided ones), judged by the
    given stoplist or by the one the undecided blocks' own text fits."""
    if stopwords is None:
        stopwords = page_stopwords(blocks, decisions)
    return [
        None if decisions[i] is not None else classify(block.text, stopwords)
        for i, block in enumerate(blocks)
    ]


def _find_region(
    blocks: Sequence[Block],
    decisions: Sequence[Decision | None],
    ends: Sequence[bool],
    classes: Sequence[Role | None],
    headline: int | None,
) -> Region:
    """The article's region: the heaviest run of text, or the one that begins within a few blocks
    below the page's headline when that one is not much lighter. A headline printed only after
    the heaviest run is a copy (a share box, a list of other stories) and anchors nothing."""
    roles = [_role(decisions[i], ends[i], classes[i]) for i in range(len(blocks))]
    # Only the blocks that weigh by their words are counted: counting them all was a tenth of labelling.
    words = [
        word_count(block.text) if weighs_words(role) else 0 for block, role in zip(blocks, roles, strict=True)
    ]
    scores = weights(roles, words)
    free = find_region(roles, scores)
    if headline is None or (not free.empty and free.end < headline):
        return free
    anchored = find_region(roles, scores, range(headline + 1, headline + 1 + HEADLINE_TO_STORY_BLOCKS))
    return anchored if anchored.score >= ANCHORED_SHARE * free.score else free


def _role(decision: Decision | None, end: bool, cls: Role | None) -> Role:
    if end:
        return END
    if decision is None:
        return cls if cls is not None else SHORT
    if decision.label in (BOILERPLATE, COPYRIGHT):
        return RULE
    return NEUTRAL


def _is_article(blocks: Sequence[Block], known: Sequence[Known], page_ruled: bool | None) -> bool:
    """Whether a text is an article with no page around it: rules find no furniture on its page,
    or its running text starts at once (at most a title, a dek and a byline of short lines before
    it) and rules find hardly any furniture in it. A whole page opens with menus, sharing and
    sign-in prompts, and rules find a tenth of its lines or more (bench/invariants.py: all but a
    handful of the dev pages; a table or a list of steps, cleaned out of its page, has none).
    `page_ruled` says it for the page a text was cut from; by default the text's lines say it.
    """
    ruled = sum(1 for item in known if isinstance(item, Match))
    if not (ruled > 0 if page_ruled is None else page_ruled):
        return True
    first_prose = next((b.index for b in blocks if is_prose(b.text)), None)
    if first_prose is None:
        return False
    short_head = sum(1 for b in blocks[:first_prose] if len(b.text.split()) <= ARTICLE_SHORT_WORDS)
    return short_head <= ARTICLE_MAX_SHORT_HEAD and ruled <= ARTICLE_MAX_RULED_SHARE * len(blocks)


def _keep_whole(blocks: Sequence[Block], decisions: list[Decision | None], region: Region) -> None:
    """An article keeps its lines, except what follows an end-of-article marker; between the
    first and last lines it keeps anyway, repeated lines too (a table's cells, a refrain, a
    quoted post, a "Show the answer" under each exercise), where around them a line printed
    twice is a masthead."""
    kept = [b.index for b in blocks if decisions[b.index] is None]
    for i, decision in enumerate(decisions):
        inside = bool(kept) and kept[0] < i < kept[-1]
        if decision is not None and decision.reason == "structure.repeated" and inside:
            decisions[i] = None
        if decisions[i] is None and region.cut is not None and i > region.cut:
            decisions[i] = _AFTER_END_DECISION


def _apply_region(
    blocks: Sequence[Block],
    decisions: list[Decision | None],
    classes: Sequence[Role | None],
    region: Region,
) -> None:
    """Undecided blocks outside the article go; inside it, so do lines poor in stopwords that do
    not end like a sentence (a sentence full of names and scores is still the story)."""
    for i, decision in enumerate(decisions):
        if decision is not None:
            continue
        if i < region.start:
            decisions[i] = _BEFORE_ARTICLE_DECISION
        elif region.cut is not None and i > region.cut:
            decisions[i] = _AFTER_END_DECISION
        elif i > region.end:
            decisions[i] = _AFTER_ARTICLE_DECISION
        elif classes[i] is BAD and not ends_sentence(blocks[i].text):
            decisions[i] = _LOW_CONTENT_DECISION


def _title_below_text(
    blocks: Sequence[Block], decisions: list[Decision | None], title: int, from_page_title: bool
) -> None:
    """The title is printed first, so it must come first: a title found below kept text is
    moved up to the page's first line when that line, the page `<title>`, names it; otherwise
    it was a subheading of the story. Its dek goes back to the story either way."""
    decisions[title] = None
    for i, decision in enumerate(decisions):
        if decision is not None and decision.reason == "structure.subtitle":
            decisions[i] = None
    if from_page_title:
        decisions[0] = Decision(TITLE, "structure.page-title", text=blocks[title].text)
        decisions[title] = _TITLE_COPY_DECISION


def _find_title(blocks: Sequence[Block], decisions: list[Decision | None], region: Region) -> int | None:
    """The headline, among the undecided blocks above the story's first paragraph.

    In a pasted article (the story starts within a few blocks) the first headline-like block
    is the title; on a full page, where menus come first, it is the headline-like block
    nearest above the story, or the one before it when that one is in Title Case and the
    nearer one is not (a dek). None when a rule or the HTML found the title already.
    """
    if any(d is not None and d.label is TITLE for d in decisions):
        return None
    lede = _lede(blocks, decisions, region)
    head = [b for b in blocks[:lede] if decisions[b.index] is None]
    candidates = [b for b in head if headline_like(b.text)]
    if not candidates:
        return None
    if lede <= PASTED_HEAD_BLOCKS:
        return candidates[0].index
    near = [b for b in candidates if lede - b.index <= FULL_PAGE_HEAD_BLOCKS]
    if not near:
        return None
    title = near[-1]
    before = next((b for b in reversed(head) if b.index < title.index), None)
    if before is not None and before in near and _title_case(before.text) > _title_case(title.text) + 0.3:
        title = before
    return title.index


def _lede(blocks: Sequence[Block], decisions: Sequence[Decision | None], region: Region) -> int:
    """The index of the story's first paragraph of prose (the region's start if none)."""
    if region.empty:
        return len(blocks)
    for block in blocks[region.start : region.end + 1]:
        if decisions[block.index] is None and is_prose(block.text):
            return block.index
    return region.start


def _page_headline(
    blocks: Sequence[Block], decisions: Sequence[Decision | None], classes: Sequence[Role | None]
) -> int | None:
    """The block that shows the headline of a full page's first line, its `<title>`
    (`cleaner.label.headline`), above the first block of running text when it is not the same."""
    if len(blocks) < 2 or decisions[0] is not None:
        return None
    texts = [block.text if decisions[i] is None else None for i, block in enumerate(blocks) if i > 0]
    story = next((i - 1 for i in range(1, len(blocks)) if classes[i] is GOOD), len(blocks))
    if story < PASTED_HEAD_BLOCKS and not site_part(blocks[0].text):
        return None  # an article that opens with its headline (a copy, or newsclean's own text)
    found = shown_headline(blocks[0].text, texts, story)
    return None if found is None else found + 1


def _titles_full_page(blocks: Sequence[Block], decisions: Sequence[Decision | None], region: Region) -> bool:
    """Whether the first line, the `<title>` of a full page (its story starts far below), gives
    the headline, no block below showing it: the page's own name for the story beats guessing
    among the short lines above the story (labels, credits, share buttons)."""
    if not blocks or decisions[0] is not None or not headline_like(blocks[0].text):
        return False
    return _lede(blocks, decisions, region) > PASTED_HEAD_BLOCKS


def _title_case(text: str) -> float:
    """The share of words that start with a capital letter."""
    words = [word for word in text.split() if word[:1].isalpha()]
    return sum(1 for word in words if word[0].isupper()) / len(words) if words else 0.0


def _pair_captions(blocks: Sequence[Block], decisions: list[Decision | None]) -> None:
    """Give each lone credit line to the caption before it, or else to the one after it.

    A credit next to a caption that already ends with the same credit is a duplicate (the page
    printed the credit twice) and stays removed.
    """
    for block in blocks:
        decision = decisions[block.index]
        if decision is None or decision.label is not CREDIT or decision.paired_with is not None:
            continue
        credit = decision.credit or block.text
        neighbours = [i for i in (block.index - 1, block.index + 1) if 0 <= i < len(blocks)]
        if any(_has_credit(decisions[i], credit) for i in neighbours):
            continue
        for i in neighbours:
            if _caption_candidate(blocks[i], decisions[i]):
                decisions[i] = Decision(
                    CAPTION,
                    "structure.caption",
                    text=blocks[i].text,
                    credit=credit,
                    paired_with=block.index,
                )
                decisions[block.index] = Decision(CREDIT, decision.reason, credit=credit, paired_with=i)
                break


def _has_credit(decision: Decision | None, credit: str) -> bool:
    return (
        decision is not None
        and decision.label is CAPTION
        and decision.credit is not None
        and (credit in decision.credit or decision.credit in credit)
    )


def _caption_candidate(block: Block, decision: Decision | None) -> bool:
    if decision is not None:
        return decision.label is CAPTION and decision.credit is None and decision.paired_with is None
    return len(block.text) <= CAPTION_MAX_CHARS and len(block.text.split()) > 2


def _find_bylines(blocks: Sequence[Block], decisions: list[Decision | None], title: int) -> None:
    """A byline no rule knew ("Jane Doe @janedoe / 2 days", "By Jane Doe - 11/19/19 06:56 AM")
    among the few lines right under the headline, before the story's first paragraph."""
    for block in blocks[title + 1 : title + 1 + BYLINE_BLOCKS]:
        if is_prose(block.text):
            break
        if decisions[block.index] is None and byline_names(block.text) is not None:
            decisions[block.index] = _BYLINE_DECISION


def _find_affiliations(blocks: Sequence[Block], decisions: list[Decision | None]) -> None:
    """A short name line right under a byline ("Associated Press") belongs to the byline."""
    for i in range(1, len(blocks)):
        before = decisions[i - 1]
        after_byline = before is not None and before.label is BYLINE
        if after_byline and decisions[i] is None and _name_like(blocks[i].text):
            decisions[i] = _BYLINE_AFFILIATION_DECISION


def _name_like(text: str) -> bool:
    """A proper name of a few capitalised words ("The Northgate Examiner"), not a sentence."""
    words = text.split()
    return 0 < len(words) <= NAME_MAX_WORDS and all(_NAME_WORD.match(word) for word in words)


def _drop_title_copies(blocks: Sequence[Block], decisions: list[Decision | None], title: int) -> None:
    """Pages print the headline twice or more (page title, breadcrumb, share text): one is the title."""
    title_decision = decisions[title]
    headline = (title_decision.text if title_decision else None) or blocks[title].text
    for i, block in enumerate(blocks):
        if decisions[i] is None and block.text == headline:
            decisions[i] = _TITLE_COPY_DECISION


def _find_subtitle(blocks: Sequence[Block], decisions: list[Decision | None], title: int) -> None:
    """The block right after the title is the dek when a byline or date follows it; or when it
    is short, does not read like a lede (no past-tense attribution, weekday or dateline), and a
    photo or a longer first paragraph follows it."""
    dek = title + 1
    while dek < len(blocks) and (d := decisions[dek]) is not None and d.reason == "structure.title-copy":
        dek += 1
    after = dek + 1
    if after >= len(blocks) or decisions[dek] is not None:
        return
    text = blocks[dek].text
    following = decisions[after]
    if following is not None and following.label in _BYLINES:
        if len(text) <= SUBTITLE_MAX_CHARS:
            decisions[dek] = _SUBTITLE_DECISION
        return
    if len(text) > LEAD_DEK_MAX_CHARS or _LEDE_SIGNS.search(text) or find_dateline(text) is not None:
        return
    if byline_names(text) is not None:
        return  # "Jane Doe @janedoe / 2 days": the byline, not a dek
    lede = blocks[after].text
    photo_follows = following is not None and following.label in _PHOTOS
    longer_follows = following is None and is_prose(lede) and len(lede) > len(text) * 1.5
    if photo_follows or longer_follows:
        decisions[dek] = _SUBTITLE_DECISION


def _drop_repeated(blocks: Sequence[Block], decisions: list[Decision | None]) -> None:
    """Short lines without sentence punctuation that occur twice or more are page furniture, and
    so are headline-long ones that occur three times or more."""
    texts = [block.text for block in blocks]
    counts: dict[str, int] = {}
    for text in texts:
        counts[text] = counts.get(text, 0) + 1
    for i, text in enumerate(texts):
        if decisions[i] is not None or counts[text] < 2:
            continue
        short = len(text) <= REPEATED_MAX_CHARS and len(text.split()) <= REPEATED_MAX_WORDS
        teaser = (
            counts[text] >= TEASER_MIN_COPIES
            and len(text) <= TEASER_MAX_CHARS
            and len(text.split()) <= TEASER_MAX_WORDS
        )
        if (short or teaser) and not ends_sentence(text):
            decisions[i] = _REPEATED_DECISION


def _drop_publisher_lines(blocks: Sequence[Block], decisions: list[Decision | None]) -> None:
    """Lines that only name the publisher (as the copyright line gives it) are masthead or footer."""
    copyright_line: str | None = None
    repeated: list[str] = []
    for i, decision in enumerate(decisions):
        if decision is None:
            continue
        if copyright_line is None and decision.label is COPYRIGHT:
            copyright_line = blocks[i].text
        if decision.reason == "structure.repeated":
            repeated.append(blocks[i].text)
    publisher = find_publisher(copyright_line, repeated)
    if publisher is None:
        return
    for i, block in enumerate(blocks):
        if decisions[i] is None and names_publisher(block.text, publisher):
            decisions[i] = _PUBLISHER_DECISION

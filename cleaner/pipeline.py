"""Pipeline: decode, repair, segment, label and assemble one document.

`Cleaner` holds a compiled rule set and cleans any number of documents; it keeps no state
between documents, so one instance can serve many threads. `clean` is the one-call form.
Each document is checked against the cleaner's `Limits` (size, then time; see `limits`).
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import lxml.html

from cleaner.assemble import assemble
from cleaner.html.extract import Extraction, extract_tree, looks_like_html, parse_html
from cleaner.html.labels import html_page, revise
from cleaner.html.rescue import Continuation, anchor, continuation, last_extracted, visible_text
from cleaner.label.settle import settle
from cleaner.label.structure import label_blocks
from cleaner.limits import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, REGEX_TIMEOUT, Limits, TimeBudget
from cleaner.matching.matcher import Match, Matcher, MatcherCache, Positions
from cleaner.matching.rules import Pack, RuleSet, host_of, load_rules
from cleaner.model import Article, Block, Decision, Label, Repair
from cleaner.read.decode import decode
from cleaner.read.repair import fix_surrogates, repair, repair_texts
from cleaner.read.segment import segment_text

InputFormat = Literal["auto", "text", "html"]
INPUT_FORMATS: tuple[str, ...] = ("auto", "text", "html")


@dataclass(frozen=True, slots=True)
class Page:
    """A document cut into blocks, with what its segmenter already knows about some of them."""

    blocks: list[Block]
    preset: list[Decision | None]
    extraction: Extraction | None = None
    linked: list[bool] | None = None  # HTML: which blocks the page shows as whole links


@dataclass(frozen=True, slots=True)
class _Read:
    """A document read into blocks: the page, the repairs made, and its repaired text."""

    page: Page
    repairs: tuple[Repair, ...]
    text: str


class Cleaner:
    """A reusable cleaner: one compiled rule set, any number of documents, any number of threads.

    `max_bytes` and `timeout` bound each document (None: no limit); an input over a limit
    raises `InputError` naming it.
    """

    def __init__(
        self,
        ruleset: RuleSet | None = None,
        *,
        rule_paths: Sequence[Path] = (),
        regex_timeout: float = REGEX_TIMEOUT,
        max_bytes: int | None = DEFAULT_MAX_BYTES,
        timeout: float | None = DEFAULT_TIMEOUT,
    ) -> None:
        self.limits = Limits(max_bytes, timeout)
        self.ruleset = ruleset if ruleset is not None else load_rules(rule_paths)
        self._matchers = MatcherCache(self.ruleset, regex_timeout)

    def clean(
        self,
        raw: str | bytes,
        *,
        url: str | None = None,
        input_format: InputFormat = "auto",
        source: str = "-",
    ) -> Article:
        """Clean one document given as text or bytes; raise `InputError` if it cannot be read
        or is over a limit."""
        if input_format not in INPUT_FORMATS:
            raise ValueError(f"input_format must be one of {', '.join(INPUT_FORMATS)}, not {input_format!r}")
        source, url = fix_surrogates(source), fix_surrogates(url) if url else url
        self.limits.check_size(raw, source)
        budget = TimeBudget(self.limits.timeout, source)
        warnings: list[str] = []
        read = budget.run(lambda: self._read(raw, url, input_format, source, warnings))
        site_pack = self.ruleset.site_for(url, read.text)
        # Building a site's matcher, the first time one of its pages comes, is set-up: not timed.
        matcher = self._matchers.get(site_pack.name if site_pack else None, self.ruleset.rules_for(site_pack))
        return budget.run(lambda: _label(read, matcher, site_pack, url, source, warnings))

    def _read(
        self, raw: str | bytes, url: str | None, input_format: str, source: str, warnings: list[str]
    ) -> _Read:
        """Decode, repair and segment one document (through trafilatura for HTML)."""
        if isinstance(raw, bytes):
            decoded = decode(raw, source)
            text = decoded.text
            warnings.extend(decoded.warnings)
        else:
            text = raw
        is_html = input_format == "html" or (input_format == "auto" and looks_like_html(text))
        if is_html:
            tree = parse_html(text, source)
            extraction = extract_tree(tree, url=url, source=source)
            fixed, repairs = repair_texts(extraction.texts(), from_html=True)
            repaired_extraction = extraction.with_texts(fixed)
            html = html_page(repaired_extraction, self._continuation(tree, repaired_extraction, url))
            page = Page(html.blocks, html.preset, repaired_extraction, html.linked)
            return _Read(page, repairs, "\n".join(block.text for block in page.blocks))
        repaired = repair(text)
        blocks = segment_text(repaired.text)
        if not blocks:
            warnings.append("no text: the input is empty or blank")
        return _Read(Page(blocks, [None] * len(blocks)), repaired.repairs, repaired.text)

    def _continuation(
        self, tree: lxml.html.HtmlElement, extraction: Extraction, url: str | None
    ) -> Continuation | None:
        """The rest of the article when the page's visible text shows that the extraction
        stopped short of it (`cleaner.html.rescue`); the page text is labelled as text input
        is, and only on pages where a paragraph the extraction lacks follows its last one."""
        extracted = [block.text for block in extraction.blocks]
        page_text = repair(visible_text(tree)).text
        lines = segment_text(page_text)
        last = last_extracted(lines, extracted)
        if last is None:
            return None
        site_pack = self.ruleset.site_for(url, page_text)
        matcher = self._matchers.get(site_pack.name if site_pack else None, self.ruleset.rules_for(site_pack))
        # A rule timing out here only costs the cross-check; its warning would name a line of a
        # text the output does not show.
        decisions = _label_quietly(lines, matcher)
        texts = continuation(lines, decisions, last, extracted)
        return Continuation(anchor(extracted, lines[last].text), texts) if texts else None


def _label(
    read: _Read, matcher: Matcher, site_pack: Pack | None, url: str | None, source: str, warnings: list[str]
) -> Article:
    """Label the blocks of a document with rules and structure, and assemble the article."""
    page = read.page
    reported = len(warnings)
    matches = matcher.match(page.blocks, Positions.of(page.blocks), warnings)
    decisions = label_blocks(page.blocks, _merge(page.preset, matches), find_article=page.extraction is None)
    if page.extraction is None:
        # Lines no rule matched need not be tried again, unless a rule timed out (and was off).
        unmatched = {block.text for block, match in zip(page.blocks, matches, strict=True) if match is None}
        cleared = frozenset() if len(warnings) > reported else unmatched
        decisions = settle(page.blocks, decisions, lambda text: _relabel(text, matcher, cleared))
    if page.linked is not None:
        decisions = revise(page.blocks, decisions, page.linked)
    return assemble(
        page.blocks,
        decisions,
        source=source,
        url=url,
        site=_site_name(url, site_pack.hosts if site_pack else ()),
        repairs=read.repairs,
        warnings=[*warnings, *(page.extraction.warnings if page.extraction else ())],
        metadata=page.extraction.metadata if page.extraction else None,
    )


def _relabel(text: str, matcher: Matcher, cleared: Set[str]) -> tuple[list[Block], list[Decision]]:
    """Label a cleaned text as `Cleaner.clean` labels text input; `settle` runs it on the
    printed article, whose `cleared` lines no rule matched on the page. The text is not
    repaired again: its lines are repaired lines, and repair leaves its own output alone
    (tests/test_repair.py). A rule that times out here was already reported on the page."""
    blocks = segment_text(text)
    return blocks, _label_quietly(blocks, matcher, cleared)


def _label_quietly(blocks: list[Block], matcher: Matcher, cleared: Set[str] = frozenset()) -> list[Decision]:
    """Rules and structure for blocks of a text that is not the input as given (the printed
    article, an HTML page's visible text), without reporting rules that time out on them."""
    return label_blocks(blocks, matcher.match(blocks, Positions.of(blocks), [], cleared))


_DEFAULT_CLEANER: Cleaner | None = None


def clean(raw: str | bytes, *, url: str | None = None, input_format: InputFormat = "auto") -> Article:
    """Clean one document with the built-in rules (compiled once per process)."""
    global _DEFAULT_CLEANER
    if _DEFAULT_CLEANER is None:
        _DEFAULT_CLEANER = Cleaner()
    return _DEFAULT_CLEANER.clean(raw, url=url, input_format=input_format)


def _merge(
    preset: Sequence[Decision | None], matches: Sequence[Match | None]
) -> list[Match | Decision | None]:
    """What the segmenter knows wins over rules, except that a rule may split a caption's credit."""
    merged: list[Match | Decision | None] = []
    for known, match in zip(preset, matches, strict=True):
        splits_credit = (
            known is not None
            and known.label is Label.CAPTION
            and known.credit is None
            and match is not None
            and match.decision.label is Label.CAPTION
            and match.decision.credit is not None
        )
        merged.append(match if known is None or splits_credit else known)
    return merged


def _site_name(url: str | None, hosts: Sequence[str]) -> str | None:
    if url:
        return host_of(url) or None
    return hosts[0] if hosts else None

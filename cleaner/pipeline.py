"""Pipeline: read, match, label, settle and assemble one document.

`Cleaner` holds a compiled rule set and cleans any number of documents; it keeps no state
between documents, so one instance can serve many threads. `clean` is the one-call form.
Each document is checked against the cleaner's `Limits` (size, then time; see `limits`).

The read step is where text and HTML differ: it gives a `Document` whose blocks, preset
decisions and labelling (`Document.label`, `Document.settle`) fit its kind. Text input never
imports the HTML stack (trafilatura, lxml).
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

from cleaner.assemble import assemble
from cleaner.emit import paragraphs_text
from cleaner.errors import InputError
from cleaner.label.content import Stopwords
from cleaner.label.settle import settle
from cleaner.label.structure import label_page, page_stopwords
from cleaner.limits import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, REGEX_TIMEOUT, Limits, TimeBudget
from cleaner.matching.matcher import Match, Matched, Matcher, MatcherCache, Positions
from cleaner.matching.rules import Pack, RuleSet, Where, host_of, load_rules
from cleaner.model import Article, Block, Decision, Document, Label, Relabel
from cleaner.read.decode import decode
from cleaner.read.repair import fix_surrogates, repair
from cleaner.read.segment import segment_text
from cleaner.read.sniff import looks_like_html

if TYPE_CHECKING:
    from cleaner.html.account import MatchText
    from cleaner.html.read import LabelText

InputFormat = Literal["auto", "text", "html"]
# URL schemes of things that are no web page, so have no site.
_NOT_WEB_SCHEMES = frozenset({"javascript", "data", "mailto", "tel", "about", "blob", "file"})
INPUT_FORMATS: tuple[str, ...] = ("auto", "text", "html")


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
        raw = _checked_input(raw)
        if url:
            _check_url(url, source)
        self.limits.check_size(raw, source)
        budget = TimeBudget(self.limits.timeout, source)
        document = budget.run(lambda: self.read(raw, url=url, input_format=input_format, source=source))
        # Building a site's matcher, the first time one of its pages comes, is set-up: not timed.
        site, matcher = self._rules_for(url, document.text)
        return budget.run(lambda: self._label(document, matcher, url=url, site=site, source=source))

    def read(self, raw: str | bytes, *, url: str | None, input_format: InputFormat, source: str) -> Document:
        """Decode, repair and segment one document; HTML through trafilatura (`cleaner.html`)."""
        decoded = decode(raw, source) if isinstance(raw, bytes) else None
        text = decoded.text if decoded else str(raw)
        warnings = decoded.warnings if decoded else ()
        if input_format == "html" or (input_format == "auto" and looks_like_html(text)):
            from cleaner.html.read import read_html  # the HTML stack, only for HTML

            label_text, match_text = self._text_callbacks(url)
            return read_html(
                text,
                url=url,
                source=source,
                warnings=warnings,
                label_text=label_text,
                match_text=match_text,
            )
        return read_text(text, warnings)

    def _label(
        self, document: Document, matcher: Matcher, *, url: str | None, site: Pack | None, source: str
    ) -> Article:
        """Match, label, settle and assemble a document that has been read."""
        matched = matcher.match(document.blocks, Positions.of(document.blocks))
        decisions = document.label(document.blocks, _merge(document.preset, matched.found))
        settled = document.settle(document.blocks, decisions, _relabeller(matcher, matched, document.blocks))
        return assemble(
            document.blocks,
            settled,
            source=source,
            url=url,
            site=_site_name(url, site.hosts if site else ()),
            repairs=document.repairs,
            warnings=(*document.warnings, *matched.warnings),
            metadata=document.metadata,
            outside=document.outside,
        )

    def _rules_for(self, url: str | None, text: str) -> tuple[Pack | None, Matcher]:
        """The site pack of a document (by URL, else by a signature in its text) and its matcher."""
        site = self.ruleset.site_for(url, text)
        return site, self._matchers.get(site.name if site else None, self.ruleset.rules_for(site))

    def _text_callbacks(self, url: str | None) -> tuple[LabelText, MatchText]:
        """The HTML read step's two uses of the text path on one page's visible lines: labelling
        them as text input is labelled (the rescue; a rule timing out there only costs that
        cross-check), and the rule decisions for the lines its article does not show (the
        accounting, the reasons they are removed; a rule timing out there is treated as no match).

        Menus and footers repeat their lines, so the accounting matches each text once per place
        that a rule can tell apart (in the head, in the tail: `Positions.allows`), which is all
        that matching reads of a line besides its text. On a page that the rescue labelled, every
        line was matched already, by the same rules at the same places: the accounting reads those
        matches (unless a rule timed out there, which turned it off for the lines after).
        """
        labelled: list[tuple[list[Block], list[Match | None]]] = []

        def label_text(lines: list[Block], text: str) -> list[Decision]:
            _, matcher = self._rules_for(url, text)
            matched = matcher.match(lines, Positions.of(lines))
            if not matched.warnings:
                labelled.append((lines, matched.found))
            return label_page(lines, matched.found)

        def match_text(lines: list[Block], page: list[Block], text: str) -> list[Decision | None]:
            found = next((found for known, found in labelled if known is page), None)
            if found is None:
                found = self._match_lines(url, lines, page, text)
            else:  # the page's lines, numbered by their place in it (`segment_text`)
                found = [found[line.index] for line in lines]
            return [match.decision if match is not None else None for match in found]

        return label_text, match_text

    def _match_lines(
        self, url: str | None, lines: list[Block], page: list[Block], text: str
    ) -> list[Match | None]:
        """The rule matches of some lines of a page, each distinct text matched once per place."""
        _, matcher = self._rules_for(url, text)
        positions = Positions.of(page)
        allows, head, tail = positions.allows, Where.HEAD, Where.TAIL
        places = [(line.text, allows(head, line.index), allows(tail, line.index)) for line in lines]
        distinct: dict[tuple[str, bool, bool], Block] = {}
        for key, line in zip(places, lines, strict=True):
            distinct.setdefault(key, line)
        found = dict(zip(distinct, matcher.match(list(distinct.values()), positions).found, strict=True))
        return [found[key] for key in places]


def read_text(text: str, warnings: Sequence[str] = ()) -> Document:
    """The document of a text: repaired, cut into blocks, labelled as a whole page."""
    repaired = repair(text)
    blocks = tuple(segment_text(repaired.text))
    if not blocks:
        warnings = (*warnings, "no text: the input is empty or blank")
    return Document(
        blocks=blocks,
        preset=(None,) * len(blocks),
        repairs=repaired.repairs,
        warnings=tuple(warnings),
        text=repaired.text,
        label=label_page,
        settle=settle,
    )


def _relabeller(matcher: Matcher, matched: Matched, blocks: Sequence[Block]) -> Relabel:
    """Labels a cleaned article's paragraphs as `Cleaner.clean` labels text input, printed as
    the text output prints them; `settle` runs it. The text is not repaired again: its lines are
    repaired lines, and repair leaves its own output alone (tests/test_repair.py).

    Lines that no rule matched on the page need not be tried again, unless a rule timed out
    (and was off); a rule that times out here was already reported on the page.
    """

    @cache
    def page() -> tuple[Stopwords, bool, Set[str]]:
        """What the page tells every round, read once, when settling first asks (an HTML
        extraction is not settled and never does)."""
        found = matched.found
        # The article is in the page's language: a table of names in it must not make it Finnish.
        stopwords = page_stopwords(blocks, [None if match is None else match.decision for match in found])
        # Every line the article prints is one no rule matched: whether it was cut from a page
        # with furniture is the page's to say.
        page_ruled = any(match is not None for match in found)
        cleared: Set[str] = frozenset()
        if not matched.warnings:
            cleared = {block.text for block, match in zip(blocks, found, strict=True) if match is None}
        return stopwords, page_ruled, cleared

    def relabel(paragraphs: Sequence[str]) -> tuple[list[Block], list[Decision]]:
        stopwords, page_ruled, cleared = page()
        again = segment_text(paragraphs_text(paragraphs))
        found = matcher.match(again, Positions.of(again), cleared).found
        return again, label_page(again, found, stopwords, page_ruled)

    return relabel


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
    """What the read step knows wins over rules, except that a rule may split a caption's credit."""
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


def _checked_input(raw: object) -> str | bytes:
    """The input as str or bytes (a bytearray or memoryview is copied to bytes); a TypeError
    that says what to give for anything else."""
    if isinstance(raw, str | bytes):
        return raw
    if isinstance(raw, bytearray | memoryview):
        return bytes(raw)
    raise TypeError(f"clean() takes the document as str or bytes, not {type(raw).__name__}")


def _check_url(url: str, source: str) -> None:
    """Raise `InputError` for a URL that cannot be parsed (an unclosed IPv6 address)."""
    try:
        urlsplit(url).hostname  # noqa: B018 (parsing the host is what may fail)
    except ValueError as error:
        raise InputError(
            source, f"the URL {url!r} is not a URL ({error}); give one such as https://example.com/story"
        ) from None


def _site_name(url: str | None, hosts: Sequence[str]) -> str | None:
    """The site of a web page's URL; `javascript:`, `data:` and other schemes give none."""
    if url:
        return host_of(url) or None if urlsplit(url).scheme.lower() not in _NOT_WEB_SCHEMES else None
    return hosts[0] if hosts else None

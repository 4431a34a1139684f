"""Site: count the line families on a site's cleaned pages and decide which become rules.

Learning reads newsclean's own output of each page (the JSON record of `Article.to_dict`),
cleaned with the rules in force: which lines the page kept as its article, which the
structural passes removed, which a rule removed. Lines a rule already removes need no new
rule and are not counted; lines kept as the headline, dek, byline, date, a caption or a
credit are never learned (a teaser may show another page's headline). Every other line is
counted once per page in its family (`cleaner.learn.family`). A family seen on at least
`min_pages` pages and `min_share` of the site's pages is a finding:

- a rule, when its lines are short furniture;
- a report, not a rule, when a page kept one of its lines as article text and that line is
  prose (a sentence of `PROSE_WORDS` words or more): a standard disclaimer or a sponsor's note
  inside stories is the article's business, and a person decides;
- nothing when its lines hold no word (bare numbers, dates: "12", "March 3, 2025").

Lines longer than `MAX_CHARS` are not counted at all.

Counting keeps no page: a page adds its families to the site's counts and a bounded,
order-free sample of its article lines (for the rules' `keep` examples), so the result is the
same in any page order, and memory grows with the distinct short lines of a site.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cleaner.label.features import ends_sentence, word_count
from cleaner.label.reasons import REASONS, SETTLE_PREFIX
from cleaner.learn.family import Families, Family

PROSE_WORDS = 8
# The default support: on 3 pages or more, and on 40% of the site's pages or more (an A/B
# variant shown to half the visitors still qualifies; a teaser rotating through ten does not).
MIN_PAGES = 3
MIN_SHARE = 0.4
MAX_CHARS = 200
# Labels of lines that carry the article's own values; their families are never learned.
PROTECTED_LABELS = frozenset(
    {"title", "subtitle", "byline", "dateline", "date", "caption", "credit", "copyright"}
)
ARTICLE_SAMPLE = 400  # article lines kept per site for keep examples (the smallest hashes)
MATCH_EXAMPLES = 3


@dataclass(frozen=True, slots=True)
class Settings:
    """How much support a family needs to be learned."""

    min_pages: int = MIN_PAGES
    min_share: float = MIN_SHARE

    def needed(self, pages: int) -> int:
        """The pages a family must be seen on, of a site with `pages` pages.

        >>> Settings().needed(10), Settings().needed(3), Settings().needed(2)
        (4, 3, 3)
        """
        return max(self.min_pages, math.ceil(self.min_share * pages - 1e-9))


@dataclass(slots=True)
class _Counts:
    """What the pages of a site said about one family so far."""

    family: Family
    pages: int = 0
    texts: Counter[str] = field(default_factory=Counter)
    kept_prose: int = 0  # pages that kept one of its lines as article text, the line being prose


@dataclass(frozen=True, slots=True)
class Finding:
    """A family that recurs on a site: a rule to propose, or a line to report (`why_not`)."""

    family: Family
    pages: int
    of_pages: int
    examples: tuple[str, ...]  # its most frequent lines, most frequent first
    longest: int
    why_not: str | None = None  # None: propose a rule


@dataclass
class SiteCounts:
    """The families of one site's pages, counted page by page in any order."""

    host: str
    families: Families
    pages: int = 0
    counts: dict[str, _Counts] = field(default_factory=dict)
    protected: set[str] = field(default_factory=set)
    article: dict[str, tuple[str, str]] = field(default_factory=dict)  # hash → (line, family key)

    def add(self, record: Mapping[str, Any], max_chars: int = MAX_CHARS) -> None:
        """Count one cleaned page (an `Article.to_dict()` record). Lines longer than
        `max_chars` are not counted: no rule is learned for them, and memory stays with the
        short lines."""
        self.pages += 1
        seen: set[str] = set()
        kept_prose: set[str] = set()
        for text, kept in _candidates(record):
            if len(text) > max_chars:
                continue
            family = self.families.family_of(text)
            seen.add(family.key)
            self.counts.setdefault(family.key, _Counts(family)).texts[text] += 1
            if kept:
                self._sample(text, family.key)
                if is_prose_line(text):
                    kept_prose.add(family.key)
        for key in seen:
            self.counts[key].pages += 1
            self.counts[key].kept_prose += key in kept_prose
        self.protected.update(self.families.family_of(text).key for text in _protected(record))

    def _sample(self, text: str, key: str) -> None:
        """Keep the article lines with the smallest hashes: the same sample in any page order."""
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
        self.article[digest] = (text, key)
        if len(self.article) > ARTICLE_SAMPLE:
            del self.article[max(self.article)]

    def findings(self, settings: Settings) -> list[Finding]:
        """The families seen often enough, sorted by key: rules and reports."""
        needed = settings.needed(self.pages)
        found = []
        for key in sorted(self.counts):
            counts = self.counts[key]
            if counts.pages < needed or not counts.family.has_words:
                continue
            examples = tuple(text for text, _ in sorted(counts.texts.items(), key=lambda kv: (-kv[1], kv[0])))
            longest = max(len(text) for text in counts.texts)
            why_not = _why_not(counts, protected=key in self.protected)
            found.append(
                Finding(counts.family, counts.pages, self.pages, examples[:MATCH_EXAMPLES], longest, why_not)
            )
        return found

    def article_lines(self, settings: Settings) -> list[str]:
        """The sampled article lines that do not recur by `settings` (a line kept on many pages
        may be furniture the article region took in), sorted: the source of keep examples."""
        needed = settings.needed(self.pages)
        return sorted({text for text, key in self.article.values() if self.counts[key].pages < needed})


def _why_not(counts: _Counts, *, protected: bool) -> str | None:
    """Why a recurring family is reported instead of ruled, or None."""
    if protected:
        return "a page shows it as its headline, dek, byline, date, caption or credit"
    if counts.kept_prose:
        return f"prose inside the article on {counts.kept_prose} page(s)"
    return None


def is_prose_line(text: str) -> bool:
    """A sentence of some length: what a learned rule must never take out of an article.

    >>> is_prose_line("Ledger Plus members read this first")
    False
    >>> is_prose_line("He said it would rain for most of the week.")
    True
    """
    return ends_sentence(text) and word_count(text) >= PROSE_WORDS


def is_pass_reason(reason: str) -> bool:
    """Whether a removal's reason is a labelling pass (`structure.*`, `html.*`, `settle.*`),
    not a rule: only lines no rule removed are learned."""
    return reason in REASONS or reason.startswith(SETTLE_PREFIX)


def _candidates(record: Mapping[str, Any]) -> Iterable[tuple[str, bool]]:
    """The lines of a page that learning counts, each with whether the page kept it."""
    for removal in record.get("removed", ()):
        if removal["label"] == "boilerplate" and is_pass_reason(removal["reason"]):
            yield removal["text"], False
    for paragraph in record.get("body", ()):
        yield paragraph, True


def _protected(record: Mapping[str, Any]) -> Iterable[str]:
    """The lines a page shows as its own values: headline, dek, captions, byline, date."""
    for key in ("title", "subtitle"):
        if record.get(key):
            yield record[key]
    for caption in record.get("captions", ()):
        yield caption["text"]
    for removal in record.get("removed", ()):
        if removal["label"] in PROTECTED_LABELS:
            yield removal["text"]


def learn(host: str, records: Iterable[Mapping[str, Any]], families: Families | None = None) -> SiteCounts:
    """The counts of one site's cleaned pages (the library's way in; the CLI counts a batch
    with `cleaner.run.learning.count_sites`)."""
    counts = SiteCounts(host, families or Families.default())
    for record in records:
        counts.add(record)
    return counts

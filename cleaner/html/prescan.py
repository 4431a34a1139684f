"""Prescan: what a page's markup would cost, and what of it the parser cannot take, found by
fast scans of the text before libxml2 sees it.

A call into libxml2 (parsing, an XPath query of trafilatura's) cannot be interrupted by the
time limit's watchdog, and its cost grows with the number of elements and attributes, faster
than linearly for some shapes (thousands of inline elements in one paragraph). So a page over
the element or attribute budget is refused before parsing, with an error naming the input.
Two kinds of markup that libxml2 takes badly are changed first, each with a warning:
character references to C0 controls (`&#11;`, which makes it drop the article) become spaces,
and a single attribute value or text node over its 10 MB limit (a `data:` URI, an inline
script) is emptied, which loses that node instead of the rest of the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cleaner.errors import InputError

# Element and attribute budgets: far above real pages (the largest of the 350 dev pages has
# about 10,000 elements and 7,000 attributes), low enough that the slowest shapes of markup stay
# within the time limit (bench/hostile.py, docs/robustness.md).
MAX_ELEMENTS = 60_000
MAX_ATTRIBUTES = 300_000
# Tags of inline elements in a row with no block element between them: trafilatura's time on one
# paragraph grows faster than linearly with them (the dev pages have at most about 1,000).
MAX_INLINE_RUN = 5_000
# libxml2 refuses a text node or attribute value over 10,000,000 bytes (no huge_tree), a little
# less to be safe; in characters of up to 4 bytes, a node under this many characters is under it.
MAX_NODE_BYTES = 9_900_000
MAX_NODE_CHARS = MAX_NODE_BYTES // 4

# Each match of these holds one `<`, and each attribute one `=`: `check_budget`'s bounds.
_START_TAG = re.compile(r"<[A-Za-z]")
_TAG_NAME = re.compile(r"</?([A-Za-z][\w-]*)")
# Elements that start a new block of text; any other element counts as inline.
_BLOCK_ELEMENTS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)
_ATTRIBUTE = re.compile(r"""[\s"'][A-Za-z_:][-\w:.]*\s*=""")


def _either_case(name: str) -> str:
    """A pattern for a tag name in any mix of ASCII cases (not `(?i)`, which would also take
    letters such as `ſ` for `s`, where the tag's `str.lower()` does not)."""
    return "".join(f"[{char}{char.upper()}]" if char.isalpha() else char for char in name)


# Tags of block elements as `_TAG_NAME` finds them (the whole name, however its letters are
# cased), except the rare spellings with a letter outside ASCII that lowercases into ASCII (the
# Kelvin sign for `k`): those stretches are joined, which only makes them longer.
_BLOCK_NAMES = "|".join(_either_case(name) for name in sorted(_BLOCK_ELEMENTS))
_BLOCK_TAG = re.compile(rf"</?(?:{_BLOCK_NAMES})(?![\w-])")
# Decimal or hexadecimal references to C0 controls other than tab, LF and CR (and to NUL).
_CONTROL_REFERENCE = re.compile(
    r"&#(?:0*(?:[0-8]|1[124-9]|2[0-9]|3[01])(?![0-9])|[xX]0*(?:[0-8]|[bBcCeEfF]|1[0-9a-fA-F])(?![0-9a-fA-F]));?"
)
_HUGE_VALUE = re.compile(f"""=\\s*(?:"[^"]{{{MAX_NODE_CHARS},}}"|'[^']{{{MAX_NODE_CHARS},}}')""")
_HUGE_TEXT = re.compile(f">[^<]{{{MAX_NODE_CHARS},}}")
_RAW_TEXT_START = re.compile(r"(?i)<(script|style)\b[^>]*>")
_RAW_TEXT_END = {name: re.compile(rf"(?i)</{name}") for name in ("script", "style")}


@dataclass(frozen=True, slots=True)
class Prepared:
    """The markup to parse, and what was changed in it on the way."""

    html: str
    warnings: tuple[str, ...] = ()


def prepare(html: str, source: str) -> Prepared:
    """The markup with what libxml2 cannot take changed; raise `InputError` when the page is
    over the element or attribute budget."""
    check_budget(html, source)
    warnings = []
    html, references = _CONTROL_REFERENCE.subn(" ", html)
    if references:
        warnings.append(f"{references} character reference(s) to control characters replaced by spaces")
    if len(html) > MAX_NODE_CHARS:
        html, huge = _without_huge_nodes(html)
        if huge:
            warnings.append(
                f"{huge} attribute value(s) or text node(s) over 10 MB left out (the parser's limit)"
            )
    return Prepared(html, tuple(warnings))


def check_budget(html: str, source: str) -> None:
    """Raise `InputError` when the markup has more elements, inline tags in a row or attributes
    than the budgets (the cheapest count first, the run of inline tags once the elements are few).

    Each count is only made when a bound says the page could be over its budget: every tag (and
    so every element, and every inline tag of a run) starts with its own `<`, and every attribute
    ends with its own `=`, so a page with no more of those characters than a budget is within it.
    `str.count` runs at memory speed, where the exact scans cost a regex match each; a real page
    has far fewer of either character than the budgets of elements and attributes, and most
    have fewer `<` than the inline run's.
    """
    tags = html.count("<")
    if tags > MAX_ELEMENTS and _count(_START_TAG, html, MAX_ELEMENTS) > MAX_ELEMENTS:
        raise too_much_markup(source, f"{MAX_ELEMENTS:,} HTML elements")
    if tags > MAX_INLINE_RUN and _inline_run_over(html, MAX_INLINE_RUN):
        raise too_much_markup(source, f"{MAX_INLINE_RUN:,} inline HTML tags in one block")
    if html.count("=") > MAX_ATTRIBUTES and _count(_ATTRIBUTE, html, MAX_ATTRIBUTES) > MAX_ATTRIBUTES:
        raise too_much_markup(source, f"{MAX_ATTRIBUTES:,} HTML attributes")


def too_much_markup(source: str, budget: str) -> InputError:
    """The error for markup over a budget."""
    return InputError(
        source,
        f"too much markup: over {budget}, more than the time limit allows parsing; "
        "give the article's part of the page, or --input-format text",
    )


def _count(pattern: re.Pattern[str], text: str, limit: int) -> int:
    """The matches of `pattern` in `text`, counted up to one past `limit`."""
    count = 0
    for _ in pattern.finditer(text):
        count += 1
        if count > limit:
            break
    return count


def _inline_run_over(html: str, limit: int) -> bool:
    """Whether more than `limit` tags of inline elements come in a row.

    A run lies between two block tags, so only the stretches between block tags that hold more
    than `limit` `<` can hold a run over it, and only those are scanned tag by tag: the split
    and the counts run in C, where the scan costs a Python step a tag.
    """
    return any(
        _longest_inline_run(stretch) > limit
        for stretch in _BLOCK_TAG.split(html)
        if stretch.count("<") > limit
    )


def _longest_inline_run(html: str) -> int:
    """The most tags of inline elements in a row, with no tag of a block element between."""
    longest = run = 0
    for tag in _TAG_NAME.finditer(html):
        if tag.group(1).lower() in _BLOCK_ELEMENTS:
            run = 0
        else:
            run += 1
            longest = max(longest, run)
    return longest


def _without_huge_nodes(html: str) -> tuple[str, int]:
    """The markup with attribute values, text runs and script or style contents over libxml2's
    limit emptied, and how many there were."""
    html, values = _empty_huge(_HUGE_VALUE, html, '=""')
    html, raw_texts = _without_huge_raw_texts(html)
    html, texts = _empty_huge(_HUGE_TEXT, html, ">")
    return html, values + raw_texts + texts


def _empty_huge(pattern: re.Pattern[str], html: str, empty: str) -> tuple[str, int]:
    """The markup with each match of `pattern` over the limit replaced by `empty`."""
    huge = 0

    def replace(found: re.Match[str]) -> str:
        nonlocal huge
        if not _over_node_limit(found.group()):
            return found.group()
        huge += 1
        return empty

    return pattern.sub(replace, html), huge


def _over_node_limit(text: str) -> bool:
    """Whether a node's text is over libxml2's limit in UTF-8 bytes (only long texts are encoded)."""
    return len(text) > MAX_NODE_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_NODE_BYTES


def _without_huge_raw_texts(html: str) -> tuple[str, int]:
    """Script and style elements (whose text may hold `<`) emptied when over libxml2's limit."""
    parts = []
    huge = 0
    position = 0
    for start in _RAW_TEXT_START.finditer(html):
        if start.start() < position:
            continue  # inside a script already passed
        end = _RAW_TEXT_END[start.group(1).lower()].search(html, start.end())
        close = end.start() if end else len(html)
        if close - start.end() > MAX_NODE_CHARS and _over_node_limit(html[start.end() : close]):
            parts.append(html[position : start.end()])
            huge += 1
        else:
            parts.append(html[position:close])
        position = close
    parts.append(html[position:])
    return "".join(parts), huge

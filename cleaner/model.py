"""The data model: labels, blocks, decisions and the cleaned article.

Frozen dataclasses and enums only; the one behaviour here is turning an `Article` into the
JSON shape of schema v1 (`newsclean/1`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import MISSING, dataclass, field, fields
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from cleaner.matching.matcher import Match

SCHEMA_ID = "newsclean/1"

_Value = TypeVar("_Value")


def _quick_init(cls: type[_Value]) -> type[_Value]:
    """A frozen, slotted dataclass with an `__init__` that sets each slot through its descriptor.

    The `__init__` that `dataclass(frozen=True)` writes calls `object.__setattr__` once a field,
    which looks the setter up every time: building a `Block` took 0.75 µs against 0.46 µs this
    way, and a page builds several hundred blocks, decisions, removals and traces. The slot's
    descriptor is what `object.__setattr__` ends in, so the class is the same otherwise:
    frozen, hashable, picklable, with the same signature and defaults.
    """
    namespace: dict[str, Any] = {}
    parameters, body = [], []
    for number, item in enumerate(fields(cls)):  # type: ignore[arg-type]
        if item.default_factory is not MISSING:
            raise TypeError(f"{cls.__name__}.{item.name}: a default factory needs dataclass's __init__")
        namespace[f"_set{number}"] = cls.__dict__[item.name].__set__
        if item.default is MISSING:
            parameters.append(item.name)
        else:
            namespace[f"_default{number}"] = item.default
            parameters.append(f"{item.name}=_default{number}")
        body.append(f"    _set{number}(self, {item.name})")
    exec(f"def __init__(self, {', '.join(parameters)}):\n" + "\n".join(body), namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__annotations__ = {item.name: item.type for item in fields(cls)} | {"return": None}  # type: ignore[arg-type]
    setattr(cls, "__init__", init)  # noqa: B010 (mypy forbids assigning a method)
    return cls


class Label(StrEnum):
    """What a block of the page is."""

    TITLE = "title"
    SUBTITLE = "subtitle"
    BYLINE = "byline"
    DATELINE = "dateline"
    DATE = "date"
    BODY = "body"
    CAPTION = "caption"
    CREDIT = "credit"
    COPYRIGHT = "copyright"
    BOILERPLATE = "boilerplate"


class BlockKind(StrEnum):
    """Where a block came from: a line of text, or an element of the HTML."""

    LINE = "line"
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    ITEM = "item"
    QUOTE = "quote"
    CODE = "code"
    CAPTION = "caption"
    TITLE = "title"
    DESCRIPTION = "description"


@_quick_init
@dataclass(frozen=True, slots=True)
class Block:
    """One unit of the page: a line of text or an HTML paragraph, heading, item or caption.

    `line` is the 1-based line number in the repaired text, or the block's order number for
    HTML input, so that every removal can point back at its input.
    """

    index: int
    line: int
    text: str
    kind: BlockKind = BlockKind.LINE


@_quick_init
@dataclass(frozen=True, slots=True)
class Decision:
    """What one block was labelled, and why: a rule id or a `structure.*` test name.

    `text` is the part of the block the label takes when it is not all of it: a caption
    without the credit that ends its line (the credit is in `credit`), a page title without
    the site name. `paired_with` is the index of the other block of a caption/credit pair.
    """

    label: Label
    reason: str
    text: str | None = None
    credit: str | None = None
    paired_with: int | None = None


@_quick_init
@dataclass(frozen=True, slots=True)
class PageMetadata:
    """What the page itself says about the article (from HTML metadata), if anything."""

    title: str | None = None
    author: str | None = None
    published: str | None = None
    sitename: str | None = None
    url: str | None = None


# Labels the paragraphs of a cleaned article as text input is labelled: their blocks, decisions.
Relabel = Callable[[Sequence[str]], tuple[Sequence[Block], Sequence[Decision]]]
LabelStep = Callable[[Sequence[Block], Sequence["Match | Decision | None"]], list[Decision]]
SettleStep = Callable[[Sequence[Block], list[Decision], Relabel], list[Decision]]


@_quick_init
@dataclass(frozen=True, slots=True)
class Document:
    """A document read into blocks: what the read step hands to matching and labelling.

    `preset` holds what reading already knows about a block (HTML markup: the headline, a
    caption), `text` is where a site pack's signature is looked for. `label` and `settle` are
    the labelling this kind of input needs: a text is a whole page, in which the article must be
    found and whose printed article is labelled again until it settles; an HTML extraction is
    the article already, revised with what the markup says of its links. `outside` holds the
    lines of an HTML page's visible text that its article does not show, each with the decision
    that removes it (`cleaner.html.account`), numbered in page order with the blocks.
    """

    blocks: tuple[Block, ...]
    preset: tuple[Decision | None, ...]
    repairs: tuple[Repair, ...]
    warnings: tuple[str, ...]
    text: str
    label: LabelStep
    settle: SettleStep
    metadata: PageMetadata | None = None
    outside: tuple[Trace, ...] = ()


@_quick_init
@dataclass(frozen=True, slots=True)
class Caption:
    """A photo caption with its credit split out; `credit_line` is the line of a credit printed
    on a line of its own next to the caption (None when it is on the caption's line)."""

    text: str
    credit: str | None
    line: int
    credit_line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "credit": self.credit, "line": self.line, "credit_line": self.credit_line}


@_quick_init
@dataclass(frozen=True, slots=True)
class Removal:
    """A block that is not part of the article, with the label and reason that removed it."""

    line: int
    text: str
    label: Label
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "text": self.text, "label": str(self.label), "reason": self.reason}


@_quick_init
@dataclass(frozen=True, slots=True)
class Repair:
    """One kind of repair and on how many lines it changed something."""

    fix: str
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {"fix": self.fix, "count": self.count}


@_quick_init
@dataclass(frozen=True, slots=True)
class Trace:
    """One input block and the decision taken on it; what `--explain` shows."""

    block: Block
    decision: Decision


@dataclass(frozen=True)
class Article:
    """The cleaned article: schema v1 fields, plus the per-block trace for explanations."""

    source: str = "-"
    url: str | None = None
    site: str | None = None
    title: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    dateline: str | None = None
    published: str | None = None
    published_text: str | None = None
    language: str | None = None
    body: tuple[str, ...] = ()
    captions: tuple[Caption, ...] = ()
    publisher: str | None = None
    copyright: str | None = None
    removed: tuple[Removal, ...] = ()
    repairs: tuple[Repair, ...] = ()
    warnings: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    trace: tuple[Trace, ...] = field(default=(), repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of schema v1, keys in schema order."""
        return {
            "schema": SCHEMA_ID,
            "source": self.source,
            "url": self.url,
            "site": self.site,
            "title": self.title,
            "subtitle": self.subtitle,
            "byline": self.byline,
            "dateline": self.dateline,
            "published": self.published,
            "published_text": self.published_text,
            "language": self.language,
            "body": list(self.body),
            "captions": [caption.to_dict() for caption in self.captions],
            "publisher": self.publisher,
            "copyright": self.copyright,
            "removed": [removal.to_dict() for removal in self.removed],
            "repairs": [repair.to_dict() for repair in self.repairs],
            "warnings": list(self.warnings),
            "flags": list(self.flags),
        }

    def to_json(self, *, indent: int | None = 2, sort_keys: bool = False) -> str:
        """Serialise to JSON text (UTF-8 characters kept, no trailing newline)."""
        separators = None if indent is not None else (",", ":")
        return json.dumps(
            self.to_dict(),
            ensure_ascii=False,
            indent=indent,
            sort_keys=sort_keys,
            separators=separators,
        )

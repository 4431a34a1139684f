"""The data model: labels, blocks, decisions and the cleaned article.

Frozen dataclasses and enums only; the one behaviour here is turning an `Article` into the
JSON shape of schema v1 (`newsclean/1`).

A page builds several hundred blocks, decisions, removals and traces, so the value classes are
built the quickest way each build allows (see `_Value`): each class writes out its own
`__init__`, which the compiled build runs natively, and which the interpreted build replaces
with `_quick_init`'s.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import MISSING, dataclass, field, fields
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from cleaner.matching.matcher import Match

SCHEMA_ID = "newsclean/1"

# Whether this module runs compiled by mypyc (the wheel's build when a C compiler is there): its
# file is then an extension module.
COMPILED = Path(__file__).suffix in (".so", ".pyd")

_Class = TypeVar("_Class")


class _Value:
    """The base of the model's frozen value classes: how they are built and pickled.

    Each slotted class writes out an `__init__` that stores its fields in order, with the
    fields' defaults (an `Article`, one a page, keeps dataclass's). Compiled, those stores set
    the fields natively: a `Block` is built in about 0.05 µs, and compiled code reads its fields
    directly, not through Python's attribute lookup. Interpreted, a store would go through the
    frozen class's `__setattr__` and fail, so `_quick_init` replaces that `__init__` with one
    that sets the slots through their descriptors (0.46 µs a `Block`; dataclass's own takes
    0.75 µs).

    A value pickles as its class and its fields in order, built again by `__init__`: a compiled
    frozen class cannot unpickle through the `__setstate__` that dataclass writes, which sets
    its fields through `__setattr__`. Compiled, the classes cannot be subclassed in Python (as
    no compiled class can): they are values, to be built and read, not extended.
    """

    __slots__ = ()

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return type(self), tuple(getattr(self, item.name) for item in fields(self))  # type: ignore[arg-type]


def _quick_init(cls: type[_Class]) -> type[_Class]:
    """A frozen, slotted dataclass with an `__init__` that sets each slot through its descriptor
    (what the interpreted build runs; see `_Value`).

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


@dataclass(frozen=True, slots=True, init=False)
class Block(_Value):
    """One unit of the page: a line of text or an HTML paragraph, heading, item or caption.

    `line` is the 1-based line number in the repaired text, or the block's order number for
    HTML input, so that every removal can point back at its input.
    """

    index: int
    line: int
    text: str
    kind: BlockKind = BlockKind.LINE

    def __init__(self, index: int, line: int, text: str, kind: BlockKind = BlockKind.LINE) -> None:
        self.index = index  # type: ignore[misc]
        self.line = line  # type: ignore[misc]
        self.text = text  # type: ignore[misc]
        self.kind = kind  # type: ignore[misc]


@dataclass(frozen=True, slots=True, init=False)
class Decision(_Value):
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

    def __init__(
        self,
        label: Label,
        reason: str,
        text: str | None = None,
        credit: str | None = None,
        paired_with: int | None = None,
    ) -> None:
        self.label = label  # type: ignore[misc]
        self.reason = reason  # type: ignore[misc]
        self.text = text  # type: ignore[misc]
        self.credit = credit  # type: ignore[misc]
        self.paired_with = paired_with  # type: ignore[misc]


@dataclass(frozen=True, slots=True, init=False)
class PageMetadata(_Value):
    """What the page itself says about the article (from HTML metadata), if anything."""

    title: str | None = None
    author: str | None = None
    published: str | None = None
    sitename: str | None = None
    url: str | None = None

    def __init__(
        self,
        title: str | None = None,
        author: str | None = None,
        published: str | None = None,
        sitename: str | None = None,
        url: str | None = None,
    ) -> None:
        self.title = title  # type: ignore[misc]
        self.author = author  # type: ignore[misc]
        self.published = published  # type: ignore[misc]
        self.sitename = sitename  # type: ignore[misc]
        self.url = url  # type: ignore[misc]


# Labels the paragraphs of a cleaned article as text input is labelled: their blocks, decisions.
Relabel = Callable[[Sequence[str]], tuple[Sequence[Block], Sequence[Decision]]]
LabelStep = Callable[[Sequence[Block], Sequence["Match | Decision | None"]], list[Decision]]
SettleStep = Callable[[Sequence[Block], list[Decision], Relabel], list[Decision]]


@dataclass(frozen=True, slots=True, init=False)
class Document(_Value):
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

    def __init__(
        self,
        blocks: tuple[Block, ...],
        preset: tuple[Decision | None, ...],
        repairs: tuple[Repair, ...],
        warnings: tuple[str, ...],
        text: str,
        label: LabelStep,
        settle: SettleStep,
        metadata: PageMetadata | None = None,
        outside: tuple[Trace, ...] = (),
    ) -> None:
        self.blocks = blocks  # type: ignore[misc]
        self.preset = preset  # type: ignore[misc]
        self.repairs = repairs  # type: ignore[misc]
        self.warnings = warnings  # type: ignore[misc]
        self.text = text  # type: ignore[misc]
        self.label = label  # type: ignore[misc]
        self.settle = settle  # type: ignore[misc]
        self.metadata = metadata  # type: ignore[misc]
        self.outside = outside  # type: ignore[misc]


@dataclass(frozen=True, slots=True, init=False)
class Caption(_Value):
    """A photo caption with its credit split out; `credit_line` is the line of a credit printed
    on a line of its own next to the caption (None when it is on the caption's line)."""

    text: str
    credit: str | None
    line: int
    credit_line: int | None = None

    def __init__(self, text: str, credit: str | None, line: int, credit_line: int | None = None) -> None:
        self.text = text  # type: ignore[misc]
        self.credit = credit  # type: ignore[misc]
        self.line = line  # type: ignore[misc]
        self.credit_line = credit_line  # type: ignore[misc]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "credit": self.credit, "line": self.line, "credit_line": self.credit_line}


@dataclass(frozen=True, slots=True, init=False)
class Removal(_Value):
    """A block that is not part of the article, with the label and reason that removed it."""

    line: int
    text: str
    label: Label
    reason: str

    def __init__(self, line: int, text: str, label: Label, reason: str) -> None:
        self.line = line  # type: ignore[misc]
        self.text = text  # type: ignore[misc]
        self.label = label  # type: ignore[misc]
        self.reason = reason  # type: ignore[misc]

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "text": self.text, "label": str(self.label), "reason": self.reason}


@dataclass(frozen=True, slots=True, init=False)
class Repair(_Value):
    """One kind of repair and on how many lines it changed something."""

    fix: str
    count: int

    def __init__(self, fix: str, count: int) -> None:
        self.fix = fix  # type: ignore[misc]
        self.count = count  # type: ignore[misc]

    def to_dict(self) -> dict[str, Any]:
        return {"fix": self.fix, "count": self.count}


@dataclass(frozen=True, slots=True, init=False)
class Trace(_Value):
    """One input block and the decision taken on it; what `--explain` shows."""

    block: Block
    decision: Decision

    def __init__(self, block: Block, decision: Decision) -> None:
        self.block = block  # type: ignore[misc]
        self.decision = decision  # type: ignore[misc]


# Interpreted, the stores of the classes' own `__init__` would fail: see `_Value`.
if not COMPILED:
    for _value_class in (Block, Decision, PageMetadata, Document, Caption, Removal, Repair, Trace):
        _quick_init(_value_class)


@dataclass(frozen=True)
class Article(_Value):
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

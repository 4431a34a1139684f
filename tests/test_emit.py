"""Emit: Markdown rendering and the framing of several documents, as pure string functions."""

from __future__ import annotations

import json

from cleaner import emit
from cleaner.model import Article, Block, BlockKind, Caption, Decision, Label, Trace


def _traced(text: str, kind: BlockKind, label: Label = Label.BODY) -> Trace:
    return Trace(Block(0, 1, text, kind), Decision(label, "structure.body"))


ARTICLE = Article(
    source="a.html",
    title="Harbor Bridge Reopens",
    subtitle="Repairs took *two* years",
    byline="By Ada Lane",
    published="2025-03-03",
    published_text="March 3, 2025",
    body=(
        "The bridge reopened on Monday.",
        "What comes next",
        "Paint",
        "# 1 priority: safety",
        "3. Not a list",
    ),
    captions=(Caption("Cars cross the bridge.", "Jane Doe/AP", 7), Caption("The old span.", None, 9)),
    trace=(_traced("What comes next", BlockKind.HEADING), _traced("Paint", BlockKind.ITEM)),
)


def test_markdown_has_title_dek_byline_date_paragraphs_subheadings_lists_and_captions() -> None:
    assert emit.to_markdown(ARTICLE) == (
        "# Harbor Bridge Reopens\n\n"
        "*Repairs took \\*two\\* years*\n\n"
        "By Ada Lane · March 3, 2025\n\n"
        "The bridge reopened on Monday.\n\n"
        "## What comes next\n\n"
        "- Paint\n\n"
        "\\# 1 priority: safety\n\n"
        "3\\. Not a list\n\n"
        "*Cars cross the bridge.* (Jane Doe/AP)\n\n"
        "*The old span.*\n"
    )


def test_markdown_of_several_documents_names_each_source() -> None:
    out = emit.render(ARTICLE, "markdown", many=True)
    assert out.startswith("<!-- source: a.html -->\n\n# Harbor Bridge Reopens\n")


def test_markdown_of_an_empty_article_is_empty() -> None:
    assert emit.to_markdown(Article()) == ""


def test_several_json_documents_make_one_array_and_failures_take_no_separator() -> None:
    parts = [emit.pretty_json({"a": 1}), "", emit.pretty_json({"b": 2})]
    text = "".join(emit.framing("json", many=True).join(parts))
    assert json.loads(text) == [{"a": 1}, {"b": 2}]
    assert json.loads("".join(emit.framing("json", many=True).join([]))) == []
    assert "".join(emit.framing("jsonl", many=True).join(["x\n", "y\n"])) == "x\ny\n"


AWKWARD = {
    "text": '\x00\x1f\x7f\u2028\u2029"\\/é 中\t\n\r\b\f😀',
    "empty": [],
    "nested": [{"x": [], "y": {}}, None, True, False, -5, 0],
}


def test_json_is_written_as_the_json_module_writes_it() -> None:
    """orjson writes the output: the same bytes as `json.dumps(ensure_ascii=False)`, compact
    and indented (the dev sets' 700 outputs were compared too, docs/performance.md)."""
    assert emit.jsonl(AWKWARD) == json.dumps(AWKWARD, ensure_ascii=False, separators=(",", ":")) + "\n"
    assert emit.pretty_json(AWKWARD) == json.dumps(AWKWARD, ensure_ascii=False, indent=2) + "\n"


def test_what_orjson_refuses_is_written_by_the_json_module() -> None:
    huge = {"source": "in.jsonl:1", "id": 2**70}
    assert emit.jsonl(huge) == '{"source":"in.jsonl:1","id":1180591620717411303424}\n'
    assert emit.pretty_json(huge) == json.dumps(huge, ensure_ascii=False, indent=2) + "\n"

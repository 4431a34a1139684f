"""The model's value classes: frozen slotted dataclasses, each writing out its `__init__`, which
the compiled build runs natively and the interpreted build replaces with a quicker one."""

import ast
import copy
import dataclasses
import inspect
import pickle
from pathlib import Path

import pytest

import cleaner.model
from cleaner.model import (
    COMPILED,
    Article,
    Block,
    BlockKind,
    Caption,
    Decision,
    Document,
    Label,
    PageMetadata,
    Removal,
    Repair,
    Trace,
    _quick_init,
)

VALUE_CLASSES = [Block, Decision, PageMetadata, Document, Caption, Removal, Repair, Trace]
MODEL_SOURCE = Path(__file__).resolve().parent.parent / "cleaner" / "model.py"


def _plain_twin(cls: type) -> type:
    """The same fields as a dataclass with the `__init__` that `dataclass` writes."""
    return dataclasses.make_dataclass(
        cls.__name__,
        [(f.name, f.type, f) for f in dataclasses.fields(cls)],
        frozen=True,
        slots=True,
    )


def _class_source(cls: type) -> ast.ClassDef:
    """The definition of `cls` in the model's source."""
    for node in ast.parse(MODEL_SOURCE.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ClassDef) and node.name == cls.__name__:
            return node
    raise AssertionError(f"no class {cls.__name__} in {MODEL_SOURCE}")


@pytest.mark.parametrize("cls", VALUE_CLASSES, ids=lambda cls: cls.__name__)
def test_each_class_writes_out_an_init_that_stores_its_fields_in_order_with_their_defaults(cls: type) -> None:
    source = _class_source(cls)
    declared = [
        (node.target.id, ast.unparse(node.annotation))
        for node in source.body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
    ]
    (init,) = (node for node in source.body if isinstance(node, ast.FunctionDef) and node.name == "__init__")
    fields = dataclasses.fields(cls)
    assert [name for name, _ in declared] == [f.name for f in fields]
    assert [(p.arg, ast.unparse(p.annotation)) for p in init.args.args[1:] if p.annotation] == declared
    written_defaults = [eval(ast.unparse(default), vars(cleaner.model)) for default in init.args.defaults]
    assert written_defaults == [f.default for f in fields if f.default is not dataclasses.MISSING]
    assert [ast.unparse(statement) for statement in init.body] == [
        f"self.{f.name} = {f.name}" for f in fields
    ]


@pytest.mark.parametrize("cls", VALUE_CLASSES, ids=lambda cls: cls.__name__)
def test_each_build_runs_its_quickest_init(cls: type) -> None:
    if COMPILED:
        # mypyc's, in C: no Python code behind it.
        assert not inspect.isfunction(cls.__init__)
    else:
        # `_quick_init`'s: it sets the slots through their descriptors, never through
        # object.__setattr__, and takes the arguments and defaults of dataclass's own.
        assert "_set0" in cls.__init__.__code__.co_names
        assert "__setattr__" not in cls.__init__.__code__.co_names
        assert str(inspect.signature(cls)) == str(inspect.signature(_plain_twin(cls)))


def test_a_block_is_built_as_dataclass_builds_it() -> None:
    block = Block(3, 4, "Text")
    assert (block.index, block.line, block.text, block.kind) == (3, 4, "Text", BlockKind.LINE)
    assert Block(index=3, line=4, text="Text", kind=BlockKind.LINE) == block
    assert hash(block) == hash(Block(3, 4, "Text"))
    assert repr(block) == "Block(index=3, line=4, text='Text', kind=<BlockKind.LINE: 'line'>)"


def test_missing_or_unknown_arguments_are_refused_as_dataclass_refuses_them() -> None:
    with pytest.raises(TypeError):
        Block(3)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Decision(Label.BODY, "reason", colour="red")  # type: ignore[call-arg]


def test_a_value_stays_frozen() -> None:
    decision = Decision(Label.BODY, "structure.body")
    with pytest.raises(dataclasses.FrozenInstanceError):
        decision.reason = "other"  # type: ignore[misc]


def test_a_value_pickles_copies_and_replaces() -> None:
    trace = Trace(Block(0, 1, "Headline"), Decision(Label.TITLE, "structure.title"))
    assert pickle.loads(pickle.dumps(trace)) == trace
    assert copy.deepcopy(trace) == trace
    assert dataclasses.replace(trace.block, text="Other").text == "Other"
    assert pickle.loads(pickle.dumps(Decision(Label.CAPTION, "r", "A", "B", 3))) == Decision(
        Label.CAPTION, "r", "A", "B", 3
    )


def test_an_article_pickles_with_its_trace() -> None:
    trace = (Trace(Block(0, 1, "Body"), Decision(Label.BODY, "structure.body")),)
    article = Article(
        title="Headline", body=("Body",), removed=(Removal(2, "Share", Label.BOILERPLATE, "x"),), trace=trace
    )
    again = pickle.loads(pickle.dumps(article))
    assert again == article
    assert again.trace == trace


def test_a_default_factory_is_refused() -> None:
    with pytest.raises(TypeError, match="default factory"):

        @_quick_init
        @dataclasses.dataclass(frozen=True, slots=True)
        class WithFactory:
            items: list[str] = dataclasses.field(default_factory=list)

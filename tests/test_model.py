"""The model's value classes: frozen slotted dataclasses, built by a quicker `__init__`."""

import copy
import dataclasses
import inspect
import pickle

import pytest

from cleaner.model import (
    Block,
    BlockKind,
    Caption,
    Decision,
    Label,
    PageMetadata,
    Removal,
    Repair,
    Trace,
    _quick_init,
)

VALUE_CLASSES = [Block, Decision, PageMetadata, Caption, Removal, Repair, Trace]


def _plain_twin(cls: type) -> type:
    """The same fields as a dataclass with the `__init__` that `dataclass` writes."""
    return dataclasses.make_dataclass(
        cls.__name__,
        [(f.name, f.type, f) for f in dataclasses.fields(cls)],
        frozen=True,
        slots=True,
    )


@pytest.mark.parametrize("cls", VALUE_CLASSES, ids=lambda cls: cls.__name__)
def test_the_quick_init_takes_the_arguments_and_defaults_of_dataclass_s_own(cls: type) -> None:
    # Ours: it sets the slots through their descriptors, never through object.__setattr__.
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


def test_a_default_factory_is_refused() -> None:
    with pytest.raises(TypeError, match="default factory"):

        @_quick_init
        @dataclasses.dataclass(frozen=True, slots=True)
        class WithFactory:
            items: list[str] = dataclasses.field(default_factory=list)

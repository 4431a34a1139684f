"""The compiled build (hatch_build.py): every module it names exists, and where newsclean is
installed compiled, each of them is an extension module (a module mypyc refused would leave the
wheel pure, and one left out of the wheel would run pure beside compiled ones)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXTENSIONS = (".so", ".pyd")


def _compiled_paths() -> tuple[str, ...]:
    """`COMPILED` of hatch_build.py, read without importing it (hatchling is a build dependency)."""
    tree = ast.parse((ROOT / "hatch_build.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "COMPILED" for target in node.targets
        ):
            return tuple(ast.literal_eval(node.value))
    raise AssertionError("hatch_build.py defines no COMPILED")


COMPILED = _compiled_paths()


def _installed_compiled() -> bool:
    module = importlib.import_module("cleaner.label.structure")
    return (module.__file__ or "").endswith(EXTENSIONS)


def test_every_module_the_build_compiles_is_a_module_of_the_package() -> None:
    assert COMPILED
    for path in COMPILED:
        assert (ROOT / path).is_file(), path


@pytest.mark.parametrize("path", COMPILED)
def test_in_a_compiled_install_every_listed_module_is_compiled(path: str) -> None:
    if not _installed_compiled():
        pytest.skip("newsclean is installed pure here (an editable or NEWSCLEAN_PURE=1 install)")
    module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
    assert (module.__file__ or "").endswith(EXTENSIONS), module.__file__

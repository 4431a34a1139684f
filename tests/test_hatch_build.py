"""The compiled build (hatch_build.py): every module it names exists, and where newsclean is
installed compiled, each of them is an extension module (a module mypyc refused would leave the
wheel pure, and one left out of the wheel would run pure beside compiled ones)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXTENSIONS = (".so", ".pyd")
# Where a fresh interpreter imports each module from: this test run imports the sources of some
# modules for their doctests, under the same names, so its own `sys.modules` cannot say.
_WHERE = (
    "import importlib, json, sys; "
    "print(json.dumps({name: importlib.import_module(name).__file__ for name in sys.argv[1:]}))"
)


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


def _module(path: str) -> str:
    return path.removesuffix(".py").replace("/", ".")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The file each compiled module and `cleaner.label.structure` is imported from, in an
    isolated interpreter run outside the checkout."""
    names = ["cleaner.label.structure", *(_module(path) for path in COMPILED)]
    run = subprocess.run(
        [sys.executable, "-I", "-c", _WHERE, *names],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path_factory.mktemp("elsewhere"),
    )
    files: dict[str, str] = json.loads(run.stdout)
    return files


def test_every_module_the_build_compiles_is_a_module_of_the_package() -> None:
    assert COMPILED
    for path in COMPILED:
        assert (ROOT / path).is_file(), path


@pytest.mark.parametrize("path", COMPILED)
def test_in_a_compiled_install_every_listed_module_is_compiled(path: str, installed: dict[str, str]) -> None:
    if not installed["cleaner.label.structure"].endswith(EXTENSIONS):
        pytest.skip("newsclean is installed pure here (an editable or NEWSCLEAN_PURE=1 install)")
    assert installed[_module(path)].endswith(EXTENSIONS), installed[_module(path)]

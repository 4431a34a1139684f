"""Build hooks: the `newsclean` command, and the typed modules of both paths compiled with mypyc.

The command (`Scripts`, `CompiledModules.initialize`): on POSIX systems `newsclean` is
`newsclean_launcher.sh`, a POSIX sh script that runs the Python entry point, installed as
`newsclean-python`, and answers Ctrl-C and SIGTERM from its first line on (a Python interpreter
cannot in its first tens of milliseconds; docs/robustness.md). On Windows, which has no sh,
`newsclean` is the Python entry point itself.

`pip install .` builds a wheel; this hook compiles the modules in `COMPILED` to C extensions
that sit beside their `.py` files (Python imports the extension first) and makes the wheel
specific to the interpreter and platform. When that cannot be done (no C compiler, no Python
headers, mypyc refusing a module) the hook says so and the wheel is the pure-Python one, which
gives the same output, slower. `NEWSCLEAN_PURE=1` asks for the pure wheel; an editable install
(`pip install -e .`) is always pure, so that edits to the sources take effect.

The compiler runs in a subprocess, in a copy of the sources: a failure cannot leave half-built
files in the tree or stop the build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface
from hatchling.metadata.plugin.interface import MetadataHookInterface

ENTRY_POINT = "newsclean_entry:run"
LAUNCHER = "newsclean_launcher.sh"

# The modules a page spends newsclean's own time in, all strictly typed: for text (labelling,
# settling, matching, segmenting, assembling) and for HTML (the prescan, the walk of the body,
# the page's visible text, the rescue, the accounting, the labels; most of an HTML page's time
# is lxml's and trafilatura's, these are the Python loops around them), and the model, whose
# values every one of them builds and reads (`cleaner.model._Value` says how its classes are
# built and pickled in either build). Left pure: the CLI, I/O, the HTML parser (its work is
# lxml's), repair (its time is in ftfy and regex) and the rule loader.
COMPILED = (
    "cleaner/assemble.py",
    "cleaner/html/account.py",
    "cleaner/html/author.py",
    "cleaner/html/extract.py",
    "cleaner/html/labels.py",
    "cleaner/html/prescan.py",
    "cleaner/html/read.py",
    "cleaner/html/rescue.py",
    "cleaner/html/tidy.py",
    "cleaner/html/visible.py",
    "cleaner/label/byline.py",
    "cleaner/label/content.py",
    "cleaner/label/dates.py",
    "cleaner/label/features.py",
    "cleaner/label/headline.py",
    "cleaner/label/lists.py",
    "cleaner/label/metadata.py",
    "cleaner/label/reasons.py",
    "cleaner/label/region.py",
    "cleaner/label/settle.py",
    "cleaner/label/structure.py",
    "cleaner/matching/matcher.py",
    "cleaner/matching/prefilter.py",
    "cleaner/members.py",
    "cleaner/model.py",
    "cleaner/read/segment.py",
)

_MYPY_SETTINGS = "[mypy]\nignore_missing_imports = True\nwarn_return_any = False\n"

# Run in the copy of the sources: mypyc writes C, setuptools compiles it in place.
_BUILD = """
import sys
from mypyc.build import mypycify
from setuptools import Distribution
from setuptools.command.build_ext import build_ext

extensions = mypycify(sys.argv[1:], opt_level="3")
command = build_ext(Distribution({"name": "newsclean", "ext_modules": extensions}))
command.inplace = True
command.ensure_finalized()
command.run()
"""


class Scripts(MetadataHookInterface):  # type: ignore[misc]
    """The console scripts: `newsclean-python` beside the sh launcher on POSIX, `newsclean` on
    Windows (the launcher is added to the wheel by `CompiledModules.initialize`)."""

    PLUGIN_NAME = "custom"

    def update(self, metadata: dict[str, Any]) -> None:
        name = "newsclean" if os.name == "nt" else "newsclean-python"
        metadata["scripts"] = {name: ENTRY_POINT}


class CompiledModules(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        self._workdir: str | None = None
        if self.target_name == "wheel" and os.name != "nt":
            build_data["shared_scripts"][LAUNCHER] = "newsclean"
        if self.target_name != "wheel" or version == "editable":
            return
        if os.environ.get("NEWSCLEAN_PURE"):
            self.app.display_info("newsclean: NEWSCLEAN_PURE is set, building the pure-Python wheel")
            return
        self._workdir = tempfile.mkdtemp(prefix="newsclean-mypyc-")
        try:
            built = _compile(Path(self.root), Path(self._workdir))
        except (OSError, subprocess.SubprocessError, RuntimeError) as error:
            self.app.display_warning(
                f"newsclean: compiled modules skipped ({error}); "
                "the pure-Python wheel gives the same output, slower"
            )
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        for path in built:
            build_data["force_include"][str(path)] = path.relative_to(self._workdir).as_posix()
        self.app.display_info(f"newsclean: compiled {len(COMPILED)} modules with mypyc")

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)


def _compile(root: Path, workdir: Path) -> list[Path]:
    """The extension modules built from `COMPILED` in a copy of the sources under `workdir`."""
    skipped = shutil.ignore_patterns("*.so", "*.pyd", "__pycache__")
    shutil.copytree(root / "cleaner", workdir / "cleaner", ignore=skipped)
    # mypyc type-checks what it compiles. The build environment has none of the runtime
    # dependencies (lxml, orjson, …), so their values are Any there: the check that types are
    # right is CI's mypy run on the installed project, and here Any only has to compile.
    (workdir / "mypy.ini").write_text(_MYPY_SETTINGS, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", _BUILD, *COMPILED],
        cwd=workdir,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        last = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise RuntimeError(f"mypyc failed: {last[0][:200]}")
    suffixes = (".so", ".pyd")
    built = [
        path
        for path in workdir.rglob("*")
        if path.name.endswith(suffixes) and path.relative_to(workdir).parts[0] != "build"
    ]
    if len(built) < len(COMPILED):  # one per module, and mypyc's shared library
        raise RuntimeError(f"mypyc built {len(built)} extensions for {len(COMPILED)} modules")
    return built

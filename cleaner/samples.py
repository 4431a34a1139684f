"""Samples: check raw sample inputs against their golden JSON and expectations, or bless them.

A sample is `NAME.txt` or `NAME.html` (raw input), `NAME.json` (golden output: indent 2, sorted
keys, UTF-8, final newline) and optionally `NAME.expect.toml`, what a human expects of the
output: title, subtitle, paragraph count, first and last paragraph, snippets that must ("with")
and must not ("without") be in the body, and the captions. A folder's `blessed-with.json`
records, for each sample blessed with extra `--rules`, the rule paths it was blessed with
(relative to the folder), so that a check with other rules says so instead of a bare diff.
"""

from __future__ import annotations

import difflib
import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cleaner.model import Article
from cleaner.pipeline import Cleaner

INPUT_SUFFIXES = (".txt", ".html")
BLESSED_WITH = "blessed-with.json"


@dataclass(frozen=True, slots=True)
class SampleResult:
    """The outcome of checking one sample: problems is empty when it passes."""

    name: str
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def sample_inputs(folder: Path, names: tuple[str, ...] = ()) -> list[Path]:
    """The raw inputs of a samples folder, sorted, optionally only those named."""
    inputs = sorted(path for path in folder.iterdir() if path.suffix in INPUT_SUFFIXES and path.is_file())
    if names:
        inputs = [path for path in inputs if path.stem in names or path.name in names]
    return inputs


def clean_sample(cleaner: Cleaner, path: Path) -> Article:
    """Clean a sample as the tests and goldens see it: read as bytes, source = file name."""
    return cleaner.clean(path.read_bytes(), source=path.name)


def render_golden(article: Article) -> str:
    """The golden JSON text of an article: stable for diffs."""
    return json.dumps(article.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def check_sample(cleaner: Cleaner, path: Path, rules_problem: str | None = None) -> SampleResult:
    """Compare one sample's output with its golden file and its expectations; `rules_problem`
    says that the rules differ from those the golden was blessed with."""
    article = clean_sample(cleaner, path)
    problems: list[str] = [rules_problem] if rules_problem else []
    golden = path.with_suffix(".json")
    actual = render_golden(article)
    if not golden.exists():
        problems.append(f"no golden file {golden.name} (bless it to create one)")
    else:
        expected = golden.read_text(encoding="utf-8")
        if expected != actual:
            diff = difflib.unified_diff(
                expected.splitlines(),
                actual.splitlines(),
                f"{golden.name} (golden)",
                f"{path.name} (now)",
                lineterm="",
            )
            problems.append("output differs from golden:\n" + "\n".join(diff))
    expect = path.with_name(path.stem + ".expect.toml")
    if expect.exists():
        problems.extend(check_expectations(article, tomllib.loads(expect.read_text(encoding="utf-8"))))
    return SampleResult(path.name, tuple(problems))


def bless_sample(cleaner: Cleaner, path: Path) -> bool:
    """Write the golden file of a sample; True when it changed."""
    golden = path.with_suffix(".json")
    actual = render_golden(clean_sample(cleaner, path))
    if golden.exists() and golden.read_text(encoding="utf-8") == actual:
        return False
    golden.write_text(actual, encoding="utf-8")
    return True


def check_expectations(article: Article, expect: dict[str, Any]) -> list[str]:
    """What of a human-written expectation the article does not meet."""
    problems: list[str] = []
    body = article.body
    joined = "\n".join(body)
    for key in ("title", "subtitle"):
        if key in expect and getattr(article, key) != expect[key]:
            problems.append(f"{key}: expected {expect[key]!r}, got {getattr(article, key)!r}")
    if "body_paragraphs" in expect and len(body) != expect["body_paragraphs"]:
        problems.append(f"body: expected {expect['body_paragraphs']} paragraphs, got {len(body)}")
    for key, position in (("first_paragraph", 0), ("last_paragraph", -1)):
        got = body[position] if body else ""
        if key in expect and got != expect[key]:
            problems.append(f"{key}: expected {expect[key][:60]!r}…, got {got[:60]!r}…")
    problems.extend(f"body lacks {snippet!r}" for snippet in expect.get("with", []) if snippet not in joined)
    problems.extend(
        f"body contains {snippet!r}" for snippet in expect.get("without", []) if snippet in joined
    )
    expected_captions = [(c.get("text"), c.get("credit")) for c in expect.get("captions", [])]
    actual_captions = [(c.text, c.credit) for c in article.captions]
    if "captions" in expect and expected_captions != actual_captions:
        problems.append(f"captions: expected {expected_captions}, got {actual_captions}")
    return problems


def rules_key(folder: Path, rule_paths: tuple[Path, ...]) -> list[str]:
    """Rule paths as `blessed-with.json` records them: relative to the samples folder, POSIX."""
    return [Path(os.path.relpath(path.resolve(), folder.resolve())).as_posix() for path in rule_paths]


def blessed_with(folder: Path) -> dict[str, list[str]]:
    """The extra rule paths each sample of the folder was blessed with (none: not listed)."""
    manifest = folder / BLESSED_WITH
    if not manifest.exists():
        return {}
    recorded: dict[str, list[str]] = json.loads(manifest.read_text(encoding="utf-8"))
    return recorded


def record_rules(folder: Path, name: str, rule_paths: tuple[Path, ...]) -> None:
    """Record the rules sample `name` was blessed with; the file goes when no sample has any."""
    recorded = blessed_with(folder)
    recorded.pop(name, None)
    if rule_paths:
        recorded[name] = rules_key(folder, rule_paths)
    manifest = folder / BLESSED_WITH
    if recorded:
        manifest.write_text(json.dumps(recorded, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    else:
        manifest.unlink(missing_ok=True)


def rules_problem(folder: Path, name: str, rule_paths: tuple[Path, ...]) -> str | None:
    """What is wrong when a sample is checked with other rules than it was blessed with."""
    blessed = blessed_with(folder).get(name, [])
    if blessed == rules_key(folder, rule_paths):
        return None
    given = " ".join(rules_key(folder, rule_paths)) or "none"
    return f"blessed with --rules {' '.join(blessed) or '(none)'}, checked with --rules {given}"

"""CLI: the newsclean command in-process (CliRunner) and as the installed executable."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import SAMPLES, assert_schema_valid

from cleaner.cli import main

SEED_LAYOUT = SAMPLES / "seed-layout.txt"
GERMAN = SAMPLES / "german.txt"


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_one_file_gives_one_pretty_json_object() -> None:
    code, out, err = run(str(SEED_LAYOUT))
    assert code == 0, err
    record = json.loads(out)
    assert record["source"] == str(SEED_LAYOUT)
    assert out.startswith("{\n  ")
    assert_schema_valid(record)


def test_standard_input_as_default_and_as_dash() -> None:
    raw = SEED_LAYOUT.read_bytes()
    code_default, out_default, _ = run(stdin=raw)
    code_dash, out_dash, _ = run("-", stdin=raw)
    assert code_default == code_dash == 0
    assert json.loads(out_default)["source"] == "-"
    assert out_default == out_dash


def test_several_files_give_json_lines_with_their_source() -> None:
    code, out, _ = run(str(SEED_LAYOUT), str(GERMAN))
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["source"] for r in records] == [str(SEED_LAYOUT), str(GERMAN)]
    for record in records:
        assert_schema_valid(record)


def test_the_explicit_clean_command_is_the_same_as_the_default() -> None:
    assert run("clean", str(SEED_LAYOUT))[1] == run(str(SEED_LAYOUT))[1]


def test_text_format_prints_title_subtitle_and_paragraphs() -> None:
    code, out, _ = run("--format", "text", str(SEED_LAYOUT))
    assert code == 0
    parts = out.rstrip("\n").split("\n\n")
    assert parts[0].startswith("Marlow Bay Residents Vote")
    assert len(parts) == 2 + 11


def test_explain_shows_every_line_with_label_and_reason() -> None:
    code, out, _ = run("--explain", str(SEED_LAYOUT))
    assert code == 0
    assert "credits.agency-slash" in out and "structure.body" in out and "auth.sign-in" in out
    non_blank = [line for line in SEED_LAYOUT.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len([line for line in out.splitlines() if line[:5].strip().isdigit()]) == len(non_blank)


def test_a_bad_file_among_good_ones_gets_an_error_record_and_exit_1(tmp_path: Path) -> None:
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x00" * 50)
    code, out, err = run(str(SEED_LAYOUT), str(binary), str(tmp_path / "missing.txt"), str(GERMAN))
    assert code == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert [r.get("error", "ok")[:13] for r in records] == ["ok", "binary input ", "no such file", "ok"]
    assert err.count("\n") == 2 and "Traceback" not in err
    assert f"newsclean: {binary}: binary input" in err


def test_a_directory_without_inputs_is_an_error_naming_it(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("not an input", encoding="utf-8")
    code, _, err = run(str(tmp_path))
    assert code == 1
    assert err == f"newsclean: {tmp_path}: is a directory with no input file in it (see --glob)\n"


def test_output_file_is_written_atomically(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    code, out, _ = run("-o", str(target), str(SEED_LAYOUT))
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["title"]
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_url_is_recorded_and_sets_the_site() -> None:
    code, out, _ = run("--url", "https://news.example.org/a/1", str(SEED_LAYOUT))
    assert code == 0
    record = json.loads(out)
    assert (record["url"], record["site"]) == ("https://news.example.org/a/1", "news.example.org")


def test_a_broken_rule_file_exits_2_listing_every_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rule]]\nid = "Bad Id"\n\n[[rule]]\nid = "x.y"\nlabel = "nope"\n', encoding="utf-8")
    code, out, err = run("--rules", str(bad), str(SEED_LAYOUT))
    assert code == 2 and out == ""
    assert "rule id 'Bad Id' is missing or malformed" in err
    assert "rule x.y: label 'nope' is not one of" in err
    assert "Traceback" not in err


def test_unknown_option_is_a_usage_error() -> None:
    assert run("--no-such-option", str(SEED_LAYOUT))[0] == 2


def test_rules_list_and_check() -> None:
    code, out, _ = run("rules", "list")
    assert code == 0 and "auth.sign-in" in out and "credits.agency-slash" in out
    code, out, _ = run("rules", "check")
    assert code == 0 and out.endswith("all pass\n")


def test_samples_check_passes_on_the_repository_samples() -> None:
    code, out, _ = run("samples", "check", str(SAMPLES))
    assert code == 0, out
    assert out.endswith(" samples pass\n")


def test_samples_bless_writes_goldens_that_then_check(tmp_path: Path) -> None:
    shutil.copy(SEED_LAYOUT, tmp_path / "one.txt")
    code, out, _ = run("samples", "check", str(tmp_path))
    assert code == 1 and "no golden file one.json" in out
    assert run("samples", "bless", str(tmp_path))[0] == 0
    assert run("samples", "check", str(tmp_path))[0] == 0


def test_schema_command_prints_the_shipped_schema() -> None:
    code, out, _ = run("schema")
    assert code == 0 and json.loads(out)["$defs"]["article"]["properties"]["schema"] == {
        "const": "newsclean/1"
    }


def _installed() -> str:
    exe = shutil.which("newsclean") or str(Path(sys.executable).parent / "newsclean")
    assert Path(exe).exists(), "the newsclean command is not installed"
    return exe


def test_installed_command_reads_a_pipe_and_writes_json() -> None:
    proc = subprocess.run(
        [_installed()], input=SEED_LAYOUT.read_bytes(), capture_output=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert record["title"].startswith("Marlow Bay") and len(record["body"]) == 11


def test_installed_command_batch_with_a_failure(tmp_path: Path) -> None:
    missing = tmp_path / "gone.txt"
    proc = subprocess.run(
        [_installed(), "--input-format", "text", str(SEED_LAYOUT), str(missing)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1
    lines = proc.stdout.decode("utf-8").splitlines()
    assert json.loads(lines[1]) == {"source": str(missing), "error": "no such file"}
    assert proc.stderr.decode() == f"newsclean: {missing}: no such file\n"


@pytest.mark.parametrize("args", [["--help"], ["clean", "--help"], ["rules", "--help"], ["--version"]])
def test_help_and_version(args: list[str]) -> None:
    code, out, _ = run(*args)
    assert code == 0 and out

"""Batches: --jobs, input order, JSON Lines input and its error records, progress, interrupts.

The large batches run the installed command as a subprocess (that is what the acceptance
criterion names); the rest runs in-process through CliRunner or calls `cleaner.run.inputs` and
`cleaner.run.pool` directly. Inputs are the repository's samples, copied or wrapped into JSON
Lines under tmp_path.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import pty
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import SAMPLES, assert_schema_valid, interruptible, newsclean_command
from hostile import mojibake_line

from cleaner.cli import main
from cleaner.run import inputs, pool, window
from cleaner.run.progress import Progress

SAMPLE_INPUTS = sorted(path for path in SAMPLES.iterdir() if path.suffix in (".txt", ".html"))
SEED = SAMPLES / "seed-layout.txt"
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x00" * 50


def newsclean(*args: str | Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [newsclean_command(), *map(str, args)], input=stdin, capture_output=True, timeout=300, check=False
    )


def run(*args: str | Path, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(arg) for arg in args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def many_files(folder: Path, count: int) -> list[Path]:
    """`count` inputs copied from the samples in turn, every 97th one an image (an error)."""
    paths = []
    for number in range(count):
        sample = SAMPLE_INPUTS[number % len(SAMPLE_INPUTS)]
        path = folder / f"{number:04d}-{sample.name}"
        path.write_bytes(BINARY if number % 97 == 50 else sample.read_bytes())
        paths.append(path)
    return paths


def jsonl_of(records: list[object]) -> bytes:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records).encode()


def sample_records() -> list[dict[str, object]]:
    """One record per sample input, with an id and, for every other one, a URL."""
    records: list[dict[str, object]] = []
    for number, path in enumerate(SAMPLE_INPUTS):
        key = "html" if path.suffix == ".html" else "text"
        text = path.read_bytes().decode("utf-8", "replace")  # cp1252.txt is not UTF-8
        record: dict[str, object] = {"id": f"doc-{number}", key: text}
        if number % 2:
            record["url"] = f"https://news.example.org/{number}"
        records.append(record)
    return records


@pytest.mark.slow
def test_jobs_2_gives_the_same_bytes_as_jobs_1_on_1000_documents(tmp_path: Path) -> None:
    paths = many_files(tmp_path, 1000)
    one = newsclean("--jobs", "1", *paths)
    two = newsclean("--jobs", "2", *paths)
    assert one.returncode == two.returncode == 1  # the images
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr and b"Traceback" not in two.stderr
    records = [json.loads(line) for line in two.stdout.decode("utf-8").splitlines()]
    assert [record["source"] for record in records] == [str(path) for path in paths]
    errors = [number for number, record in enumerate(records) if "error" in record]
    assert errors == [number for number in range(1000) if number % 97 == 50]


@pytest.mark.slow
def test_jobs_2_on_json_lines_gives_the_same_bytes_as_jobs_1(tmp_path: Path) -> None:
    records: list[object] = [*sample_records() * 4, {"id": "bad"}, *sample_records()]
    path = tmp_path / "pages.jsonl"
    path.write_bytes(jsonl_of(records))
    one = newsclean("--input-format", "jsonl", path)
    two = newsclean("--input-format", "jsonl", "--jobs", "2", path)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout and one.stderr == two.stderr
    lines = two.stdout.decode("utf-8").splitlines()
    assert len(lines) == len(records)
    assert json.loads(lines[len(records) - len(SAMPLE_INPUTS) - 1]) == {
        "source": f"{path}:{len(records) - len(SAMPLE_INPUTS)}",
        "id": "bad",
        "error": 'has neither "text" nor "html"',
    }


def test_errors_mid_batch_keep_their_place_with_several_jobs(tmp_path: Path) -> None:
    image = tmp_path / "image.png"
    image.write_bytes(BINARY)
    folder = tmp_path / "empty"
    folder.mkdir()
    inputs = [SEED, image, tmp_path / "missing.txt", folder, *SAMPLE_INPUTS[:5]]
    code, out, err = run("--jobs", "2", *inputs)
    assert code == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert [record["source"] for record in records] == [str(path) for path in inputs]
    assert [record.get("error", "")[:12] for record in records[:4]] == [
        "",
        "binary input",
        "no such file",
        "is a directory"[:12],
    ]
    assert err.splitlines() == [
        f"newsclean: {image}: binary input (contains NUL bytes); expected text or HTML",
        f"newsclean: {tmp_path / 'missing.txt'}: no such file",
        f"newsclean: {folder}: is a directory with no input file in it (see --glob)",
        f"newsclean: {SAMPLES / 'cp1252.txt'}: warning: not UTF-8; read as cp1252",
    ]


@pytest.mark.slow
def test_the_limits_hold_inside_the_workers(tmp_path: Path) -> None:
    """--timeout is the worker's watchdog (rebuilt after fork); --max-bytes is checked on reading."""
    slow = tmp_path / "slow.txt"
    slow.write_bytes(mojibake_line(8_000_000))
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 12_000_000)
    proc = newsclean("--jobs", "2", "--timeout", "1", "--max-bytes", "10M", SEED, slow, big, SEED)
    assert proc.returncode == 1
    records = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert records[1]["error"].startswith("gave up after 1 s (the time limit per document)")
    assert records[2]["error"].startswith("too large: over the limit of 10 MB")
    assert records[0]["body"] == records[3]["body"] != []


def test_jobs_0_means_one_per_cpu_and_a_single_input_stays_pretty_json() -> None:
    code, out, _ = run("--jobs", "0", SEED)
    assert code == 0 and out.startswith("{\n  ")
    code, out, _ = run("--jobs", "0", SEED, SEED)
    assert code == 0 and len(out.splitlines()) == 2


@pytest.mark.slow
def test_run_in_processes_keeps_order_across_chunks() -> None:
    """More items than fit in flight, with chunks closed by size as well as by count."""
    big = "Headline\n\n" + "A sentence of the body, long enough to count. " * 23_000
    items = [inputs.WorkItem(f"doc{n}", big if n % 7 == 0 else f"Title {n}\n\nBody {n}.") for n in range(60)]
    settings = pool.Settings(output_format="jsonl")
    outcomes = list(pool.run_in_processes(iter(items), settings, jobs=2))
    assert [json.loads(outcome.output)["source"] for outcome in outcomes] == [item.source for item in items]
    assert [len(chunk) for chunk in pool.chunks(items[:15])] == [1, 7, 7]


class Handle:
    """A stand-in for a future: what `window.in_order` submitted, and whether it was cancelled."""

    def __init__(self, chunk: int, in_flight: list[int]) -> None:
        self.chunk = chunk
        self.cancelled = False
        in_flight.append(chunk)

    def cancel(self) -> bool:
        self.cancelled = True
        return True


def test_the_window_keeps_order_bounds_the_work_in_flight_and_cancels_on_close() -> None:
    read: list[int] = []
    in_flight: list[int] = []
    handles: list[Handle] = []

    def chunks() -> Iterator[int]:
        for number in range(10):
            read.append(number)
            yield number

    def submit(chunk: int) -> Handle:
        assert len(in_flight) < 3, "a chunk went out while the window was full"
        handles.append(Handle(chunk, in_flight))
        return handles[-1]

    def collect(chunk: int, handle: Handle) -> list[str]:
        in_flight.remove(chunk)
        return [f"{chunk}a", f"{chunk}b"]

    results = list(window.in_order(chunks(), submit, collect, 3))
    assert results == [f"{n}{part}" for n in range(10) for part in "ab"]
    read.clear()
    handles.clear()
    running = window.in_order(chunks(), submit, collect, 3)
    assert next(running) == "0a"
    assert read == [0, 1, 2, 3]  # the input is read only as far as the window reaches
    running.close()  # chunk 0 is being collected; 1 and 2 are still queued; 3 never went out
    assert [(handle.chunk, handle.cancelled) for handle in handles] == [(0, False), (1, True), (2, True)]


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the patch reaches workers by fork")
def test_a_worker_that_dies_costs_only_the_documents_in_flight(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cleaner.pipeline import Cleaner

    real_clean = Cleaner.clean

    def dies_on_the_poison(self: Cleaner, raw: bytes, **options: object) -> object:
        if b"poison" in raw:
            os._exit(3)  # as the kernel's OOM killer would end it: no exception, no cleanup
        return real_clean(self, raw, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(Cleaner, "clean", dies_on_the_poison)
    paths = [tmp_path / f"{n:03d}.txt" for n in range(150)]
    for number, path in enumerate(paths):
        path.write_bytes(b"poison\n" if number == 10 else f"Title {number}\n\nBody of {number}.\n".encode())
    code, out, err = run("--jobs", "2", *paths)
    assert code == 1 and "Traceback" not in err
    records = [json.loads(line) for line in out.splitlines()]
    assert [record["source"] for record in records] == [str(path) for path in paths]
    assert records[10]["error"].startswith("internal error: the worker process cleaning it died")
    assert all("error" not in record for record in records[100:])  # a new pool took over


def test_json_lines_records_carry_their_id_and_validate(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(jsonl_of(sample_records()))
    code, out, _ = run("--input-format", "jsonl", path)
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [(r["source"], r["id"]) for r in records] == [
        (f"{path}:{n + 1}", f"doc-{n}") for n in range(len(SAMPLE_INPUTS))
    ]
    assert list(records[0])[:3] == ["schema", "source", "id"]
    assert records[1]["url"] == "https://news.example.org/1"
    for record in records:
        assert_schema_valid(record)


def test_a_single_json_lines_record_still_gives_json_lines_and_stdin_is_dash() -> None:
    code, out, _ = run("--input-format", "jsonl", stdin=jsonl_of([{"id": 5, "text": "Title\n\nBody text."}]))
    assert code == 0 and out.count("\n") == 1
    assert json.loads(out)["source"] == "-:1" and json.loads(out)["id"] == 5


def test_text_and_html_keys_choose_the_path() -> None:
    html = (SAMPLES / "seed-layout-html.html").read_text(encoding="utf-8")
    code, out, _ = run("--input-format", "jsonl", stdin=jsonl_of([{"html": html}, {"text": html}]))
    as_html, as_text = (json.loads(line) for line in out.splitlines())
    assert code == 0
    assert as_html["title"] and not any("<" in paragraph for paragraph in as_html["body"])
    assert any("<" in text for text in [*as_text["body"], *(r["text"] for r in as_text["removed"])])


BAD_LINES = [
    (b"{not json", None, "not JSON: Expecting property name enclosed in double quotes (column 2)"),
    (b'"a string"', None, "not a JSON object but a string"),
    (b'{"id": 1}', 1, 'has neither "text" nor "html"'),
    (b'{"id": "x", "text": "a", "html": "b"}', "x", 'has both "text" and "html"; give one'),
    (b'{"id": 2, "text": ["a"]}', 2, '"text" must be a string, not an array'),
    (b'{"id": 3, "html": null}', 3, '"html" must be a string, not null'),
    (b'{"id": 4.5, "text": "a"}', None, '"id" must be a string or an integer, not a number'),
    (b'{"id": 5, "url": 7, "text": "a"}', 5, '"url" must be a string or null, not a number'),
    (b'{"text": "caf\xe9"}', None, "not UTF-8; JSON Lines must be UTF-8"),
    (b'{"id": 6, "text": "' + b"x" * 200 + b'"}', 6, "too large: over the limit of 100 bytes"),
]


@pytest.mark.parametrize(("line", "record_id", "error"), BAD_LINES, ids=[e[:24] for *_, e in BAD_LINES])
def test_a_malformed_line_is_an_error_record_naming_file_and_line(
    line: bytes, record_id: object, error: str, tmp_path: Path
) -> None:
    path = tmp_path / "in.jsonl"
    good = b'{"id": "ok", "text": "Title\\n\\nBody of the story."}\n'
    path.write_bytes(good + line + b"\n" + good)
    code, out, err = run("--input-format", "jsonl", "--max-bytes", "100", path)
    assert code == 1
    first, bad, last = (json.loads(text) for text in out.splitlines())
    assert first["id"] == last["id"] == "ok" and "error" not in last
    assert bad == {"source": f"{path}:2", "id": record_id, "error": bad["error"]}
    assert bad["error"].startswith(error)
    assert err.splitlines() == [f"newsclean: {path}:2: {bad['error']}"]


def test_blank_lines_and_a_bom_are_no_records_and_line_numbers_count_them(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    record = b'{"id": "a", "text": "Title\\n\\nBody."}\n'
    path.write_bytes(b"\xef\xbb\xbf" + record + b"\n   \n" + record)
    sources = [item.source for item in inputs.jsonl_items([path], None, None)]
    assert sources == [f"{path}:1", f"{path}:4"]


def test_a_line_far_over_the_limit_is_not_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"text": "' + b"y" * 2_000_000 + b'"}\n{"id": 1, "text": "T\\n\\nB."}\n')
    handle = io.BytesIO(path.read_bytes())
    reads: list[int] = []
    real_readline = handle.readline

    def counting_readline(size: int | None = -1) -> bytes:
        line = real_readline(size)
        reads.append(len(line))
        return line

    handle.readline = counting_readline  # type: ignore[method-assign]
    items = list(inputs._records(handle, "in.jsonl", None, 1_000))
    assert [(item.source, item.error is not None) for item in items] == [
        ("in.jsonl:1", True),
        ("in.jsonl:2", False),
    ]
    assert max(reads) <= 1 << 20  # never the whole 2 MB line at once


def test_missing_and_directory_json_lines_inputs_are_error_records(tmp_path: Path) -> None:
    code, out, _ = run("--input-format", "jsonl", tmp_path / "gone.jsonl", tmp_path)
    assert code == 1
    assert [json.loads(line) for line in out.splitlines()] == [
        {"source": str(tmp_path / "gone.jsonl"), "id": None, "error": "no such file"},
        {"source": str(tmp_path), "id": None, "error": "is a directory; give the files in it"},
    ]


def test_json_lines_input_is_read_lazily() -> None:
    """The first item comes out before the rest of the input exists."""

    def lines() -> Iterator[bytes]:
        yield b'{"id": 1, "text": "T\\n\\nB."}\n'
        raise AssertionError("read past the first record")

    class Lazy(io.RawIOBase):
        def __init__(self) -> None:
            self.source = lines()

        def readline(self, size: int | None = -1) -> bytes:
            return next(self.source)

    first = next(inputs._records(Lazy(), "-", None, None))  # type: ignore[arg-type]
    assert first.record_id == 1 and first.raw == "T\n\nB."


def test_no_progress_when_stderr_is_not_a_terminal() -> None:
    code, out, err = run(SEED, SEED, SEED)
    assert code == 0 and err == ""
    assert out.count("\n") == 3


def test_progress_on_request_goes_to_stderr_only(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    plain = run(SEED, missing, SEED)
    code, out, err = run("--progress", SEED, missing, SEED)
    assert code == 1 and out == plain[1]
    assert "newsclean: 3 of 3 documents (100%), 1 failed, " in err and err.endswith(" docs/s\n")
    assert f"\rnewsclean: {missing}: no such file\n" in err  # the counter was wiped first
    assert run("--no-progress", SEED, SEED)[2] == ""


def test_progress_counts_without_a_total_and_draws_nothing_when_off() -> None:
    stream = io.StringIO()
    counter = Progress(stream, enabled=True)
    for _ in range(3):
        counter.advance(failed=False)
    counter.close()
    assert stream.getvalue().rsplit("\r", 1)[-1].startswith("newsclean: 3 documents, ")
    silent = io.StringIO()
    counter = Progress(silent, enabled=False, total=3)
    counter.advance(failed=True)
    counter.wipe()
    counter.close()
    assert silent.getvalue() == ""


@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_an_interrupt_with_workers_leaves_no_output_and_no_traceback(
    stop: signal.Signals, tmp_path: Path
) -> None:
    """SIGINT goes to the whole process group, as a terminal's Ctrl-C does."""
    # A long page in the middle keeps the batch busy for seconds after the first records: the
    # records after it wait for it, in order.
    long_page = tmp_path / "long.txt"
    long_page.write_bytes(
        b"".join(b"Paragraph %d of a long page, said the council.\n\n" % n for n in range(100_000))
    )
    pages = [*many_files(tmp_path, 100), long_page, *many_files(tmp_path, 100)]
    target = tmp_path / "out" / "all.jsonl"
    target.parent.mkdir()
    proc = subprocess.Popen(
        [newsclean_command(), "--jobs", "2", "-o", str(target), *map(str, pages)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=interruptible,
    )
    deadline = time.monotonic() + 60
    while not any(path.stat().st_size for path in target.parent.iterdir()):  # records are being written
        assert proc.poll() is None and time.monotonic() < deadline, (
            "the batch ended before it was interrupted"
        )
        time.sleep(0.02)
    if stop is signal.SIGINT:
        os.killpg(proc.pid, stop)
    else:
        proc.send_signal(stop)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130
    lines = stderr.decode().splitlines()
    assert lines[-1] == f"newsclean: interrupted; {target} was not written", lines
    assert "Traceback" not in stderr.decode()
    assert stdout == b"" and list(target.parent.iterdir()) == []


def test_progress_is_on_by_default_when_stderr_is_a_terminal() -> None:
    controller, terminal = pty.openpty()
    try:
        proc = subprocess.run(
            [newsclean_command(), SEED, SEED],
            stdout=subprocess.PIPE,
            stderr=terminal,
            timeout=120,
            check=False,
        )
        os.close(terminal)
        terminal = -1
        shown = b""
        while select.select([controller], [], [], 0.5)[0]:
            try:
                part = os.read(controller, 4096)
            except OSError:  # the other end is closed: all read
                break
            if not part:
                break
            shown += part
    finally:
        if terminal >= 0:
            os.close(terminal)
        os.close(controller)
    assert proc.returncode == 0 and len(proc.stdout.splitlines()) == 2
    assert b"newsclean: 2 of 2 documents (100%), " in shown


def test_dask_scheduler_without_dask_installed_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # what `import distributed` sees without the extra
    code, out, err = run("--dask-scheduler", "tcp://127.0.0.1:8786", SEED, SEED)
    assert code == 2 and out == ""
    assert (
        err == "newsclean: --dask-scheduler needs Dask: pip install 'newsclean[dask]' (on every worker too)\n"
    )

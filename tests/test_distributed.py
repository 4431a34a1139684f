"""Dask: bags, dataframes and `--dask-scheduler` on a LocalCluster of 2 worker processes give
byte for byte what one process gives. Needs the extra: pip install '.[test,dask]' (CI has it).

Every test on the cluster is marked slow: starting and stopping it alone takes about 2 s."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import SAMPLES, newsclean_command

pytest.importorskip("distributed", reason="needs the dask extra: pip install '.[test,dask]'")
pytest.importorskip("dask.dataframe", reason="needs the dask extra: pip install '.[test,dask]'")

import dask.bag
import dask.dataframe
import pandas
from distributed import Client, LocalCluster

from cleaner import emit
from cleaner.run import cluster

SAMPLE_INPUTS = sorted(path for path in SAMPLES.iterdir() if path.suffix in (".txt", ".html"))


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """Two worker processes with one thread each; started once for the module (about a second).

    The dashboard address ":0" takes any free port: with None the scheduler's HTTP server still
    binds 8787, and the tests failed whenever something else (a real cluster) held that port.
    """
    with (
        LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0") as local,
        Client(local) as connected,
    ):
        yield connected


def records() -> list[dict[str, Any]]:
    """A record per sample (text or HTML by its kind), one that cannot be cleaned, one with a URL."""
    found: list[dict[str, Any]] = []
    for number, path in enumerate(SAMPLE_INPUTS):
        key = "html" if path.suffix == ".html" else "text"
        found.append({"id": f"s{number}", key: path.read_bytes().decode("utf-8", "replace")})
    found[3]["url"] = "https://news.example.org/a/3"
    found.append({"id": "broken", "text": "a", "html": "<p>b</p>"})
    return found


@pytest.mark.slow
def test_a_bag_cleaned_on_two_workers_equals_one_process(client: Any) -> None:
    inputs: list[dict[str, Any] | str] = [*records(), "Plain Headline\n\nA plain string is a document too."]
    bag = dask.bag.from_sequence(inputs, npartitions=5)
    on_cluster = cluster.clean_bag(bag).map(emit.jsonl).compute()
    here = [emit.jsonl(record) for record in cluster.clean_partition(inputs)]
    assert "".join(on_cluster) == "".join(here)
    assert json.loads(here[-2]) == {
        "source": "broken",
        "id": "broken",
        "error": 'has both "text" and "html"; give one',
    }
    assert json.loads(here[-1])["source"] == "-" and "id" not in json.loads(here[-1])
    assert json.loads(here[3])["site"] == "news.example.org"


@pytest.mark.slow
def test_each_worker_keeps_one_compiled_cleaner(client: Any) -> None:
    bag = dask.bag.from_sequence(records() * 3, npartitions=12)
    cluster.clean_bag(bag).compute()
    cleaners = client.run(lambda: [id(cleaner) for cleaner in cluster._CLEANERS.values()])
    assert len(cleaners) == 2 and all(len(ids) == 1 for ids in cleaners.values())
    cluster.clean_bag(bag).compute()
    assert client.run(lambda: [id(cleaner) for cleaner in cluster._CLEANERS.values()]) == cleaners


@pytest.mark.slow
def test_a_dataframe_cleaned_on_two_workers_equals_one_process(client: Any) -> None:
    table = pandas.DataFrame(records())
    here = cluster.clean_frame(table)
    on_cluster = cluster.clean_dataframe(dask.dataframe.from_pandas(table, npartitions=3)).compute()
    assert list(on_cluster.columns) == [*table.columns, *cluster.FRAME_COLUMNS]
    assert on_cluster["clean_json"].tolist() == here["clean_json"].tolist()
    assert here["clean_json"].tolist() == [
        emit.jsonl(r).rstrip("\n") for r in cluster.clean_partition(records())
    ]
    first = json.loads(here["clean_json"][0])
    assert here["clean_title"][0] == first["title"]
    assert here["clean_body"][0] == "\n\n".join(first["body"])
    assert here["clean_error"].tolist()[-1] == 'has both "text" and "html"; give one'
    assert here["clean_title"].tolist()[-1] is None


def test_a_frame_row_takes_missing_cells_as_absent_and_float_ids_as_integers() -> None:
    """pandas turns an integer column with a gap into floats, and a text/html pair into NaNs."""
    html = (SAMPLES / "seed-layout-html.html").read_text(encoding="utf-8")
    table = pandas.DataFrame(
        {"id": [1, None, 3], "text": ["Title\n\nBody.", None, "T\n\nB."], "html": [None, html, None]}
    )
    assert table["id"].dtype == float
    cleaned = cluster.clean_frame(table)
    assert [json.loads(line).get("id") for line in cleaned["clean_json"]] == [1, None, 3]
    assert cleaned["clean_error"].tolist() == [None, None, None]
    assert cleaned["clean_title"][1].startswith("Marlow Bay")


@pytest.mark.slow
def test_the_cli_on_a_scheduler_equals_one_process(client: Any, tmp_path: Path) -> None:
    image = tmp_path / "image.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x00" * 50)
    files = [*SAMPLE_INPUTS, image, *SAMPLE_INPUTS]
    lines = tmp_path / "pages.jsonl"
    lines.write_text("".join(json.dumps(record) + "\n" for record in records()), encoding="utf-8")
    address = client.scheduler.address
    for args in ([*map(str, files)], ["--input-format", "jsonl", str(lines)]):
        here = subprocess.run([newsclean_command(), *args], capture_output=True, timeout=300, check=False)
        there = subprocess.run(
            [newsclean_command(), "--dask-scheduler", address, *args],
            capture_output=True,
            timeout=300,
            check=False,
        )
        assert here.returncode == there.returncode == 1
        assert here.stdout == there.stdout and here.stderr == there.stderr


@pytest.mark.slow
def test_an_unreachable_scheduler_is_one_line_and_exit_2() -> None:
    proc = subprocess.run(
        [newsclean_command(), "--dask-scheduler", "tcp://127.0.0.1:9", str(SAMPLE_INPUTS[0])],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2 and proc.stdout == b""
    assert proc.stderr.decode().startswith("newsclean: tcp://127.0.0.1:9: cannot reach the Dask scheduler: ")
    assert proc.stderr.count(b"\n") == 1

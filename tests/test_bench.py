"""make bench's own pieces: the baseline view, the table, the statistics."""

import importlib
import sys
from pathlib import Path

import pytest
from django.urls import clear_url_caches

import newsroom.urls

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import common


@pytest.fixture
def bench_urls(monkeypatch):
    def load(enabled: bool):
        if enabled:
            monkeypatch.setenv("NEWSROOM_BENCH", "1")
        else:
            monkeypatch.delenv("NEWSROOM_BENCH", raising=False)
        importlib.reload(newsroom.urls)
        clear_url_caches()

    yield load
    load(False)


def test_hello_view_exists_only_in_the_bench_server(client, db, bench_urls):
    bench_urls(False)
    assert client.get("/_bench/hello").status_code == 404
    bench_urls(True)
    response = client.get("/_bench/hello")
    assert response.status_code == 200
    assert response.content == b"hello"
    assert "public" in response["Cache-Control"]  # through the same middleware as pages


def test_percentile_interpolates_between_ranks():
    values = [float(n) for n in range(1, 101)]
    assert common.percentile(values, 50) == pytest.approx(50.5)
    assert common.percentile(values, 95) == pytest.approx(95.05)
    assert common.percentile([3.0], 95) == 3.0


def test_targets_say_whether_they_are_met():
    assert common.at_least(0.6, 0.5) == ("≥ 0.5", True)
    assert common.at_most(50, 50) == ("< 50", False)
    assert common.at_most(49.9, 50) == ("< 50", True)


def test_table_states_target_and_misses(capsys):
    rows = [
        common.Row("search p95", 123.456, "ms", "< 100", False, "slowest: 'a|b'"),
        common.Row("queries: home", 7, "", "same as at 1,000", True, ""),
    ]
    common.print_table(rows)
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].split() == ["benchmark", "figure", "target", "met", "note"]
    assert "123.5 ms" in printed[2] and "NO" in printed[2]
    assert "7" in printed[3] and "yes" in printed[3]
    markdown = common.markdown_table(rows).splitlines()
    assert markdown[2] == "| search p95 | 123.5 ms | < 100 | NO | slowest: 'a\\|b' |"


@pytest.mark.parametrize("value", ["12", "lots", "-5"])
def test_a_bad_corpus_size_stops_with_a_message(monkeypatch, value):
    monkeypatch.setenv("BENCH_UPDATES", value)
    with pytest.raises(SystemExit, match="BENCH_UPDATES must be a whole number"):
        common.corpus_updates()


def test_corpus_size_defaults_to_a_million(monkeypatch):
    monkeypatch.delenv("BENCH_UPDATES", raising=False)
    assert common.corpus_updates() == 1_000_000
    monkeypatch.setenv("BENCH_UPDATES", "100_000")
    assert common.corpus_updates() == 100_000

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


def test_paced_readers_poll_at_their_pace_and_time_each_poll():
    """The paced-poll benchmark against a real server on 127.0.0.1: 20 readers polling every
    0.5 s ± 25 % for 3 s send about 120 polls, each timed from connect to last byte."""
    import concurrent.futures
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    import bench_http

    seen = []

    class Answer(BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append(self.path)
            body = b'{"cursor": "1"}'
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/live.json?after=1"
        # In a thread of its own: after a Playwright test this thread still holds the
        # browser's event loop, and asyncio.run() refuses to start inside a running one.
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            paced = pool.submit(bench_http.paced_pollers, url, readers=20, seconds=3, every=0.5)
            result = paced.result()
    finally:
        server.shutdown()
        server.server_close()
    assert result["failures"] == 0
    assert result["requests"] == len(seen)
    assert set(seen) == {"/live.json?after=1"}
    assert 80 <= result["requests"] <= 150  # 20 ÷ 0.5 × 3 = 120, the first poll of each spread
    assert 0 < result["p50"] <= result["p95"] <= result["p99"]

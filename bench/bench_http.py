"""Requests per second and latency through the production stack, measured with wrk.

gunicorn runs with gunicorn.conf.py on 127.0.0.1 and a free port, DEBUG off, whitenoise and
hashed static files, the origin cache in local memory (or Redis when REDIS_URL is set), on a
copy of a generated corpus of 1,000 updates in a temporary folder. NEWSROOM_BENCH=1 adds the
baseline: ``/_bench/hello``, a Django view answering "hello" through the same middleware
with no database, so each figure is also a ratio to what the same server does with nothing
to do. wrk runs on the same machine, so it takes some of the cores the server could use.

- **warm**: the briefing page served from the origin cache (one request primes it);
- **cold**: the same page from a second server started with NEWSROOM_SERVER_CACHE_SECONDS=0,
  so that every request misses the origin cache and renders the page (a cache that keeps
  nothing, rather than unique query strings: the cache key ignores unknown parameters),
  measured after WARM_UP_SECONDS of the same load, once every worker has started;
- **304**: the page revalidated with If-None-Match and its ETag;
- **poll**: a live briefing's ``live.json?after=<cursor>`` for a reader who is up to date,
  what nearly every poll is.

- **paced poll**: READERS simulated readers, each polling ``live.json`` every 12 s ± 25 %
  (uniformly), as the live page's script does, for PACED_SECONDS: about 170 requests/s at
  2,000 readers. Each poll opens a connection, sends the request and reads the answer, as a
  browser behind a proxy does with gunicorn's sync workers (no keep-alive); its latency runs
  from the connect to the last byte. The 200-connection wrk run, back to back, is kept as
  the throughput figure.

Targets (issue 14): warm ≥ 0.5× hello, 304 ≥ 0.8× hello, cold ≥ 0.1× hello, paced poll
p95 < 50 ms at 2,000 readers.
"""

import asyncio
import contextlib
import json
import os
import random
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from common import ROOT, Row, at_least, at_most, sqlite_corpus

# Why a cached answer costs several times hello (profiled in-process: about 1 ms of 2).
VERSION_QUERY = (
    "a cache hit asks no database (tests/test_cache.py); what is left, not profiled yet, is "
    "reading and unpickling the cached page and hashing its body for the ETag, which "
    "hello's five bytes do not pay"
)
SECONDS = 5  # each throughput run
POLL_SECONDS = 10  # the 200-connection runs
WARM_UP_SECONDS = 2  # the cold server's workers, before it is measured
CONNECTIONS = 10  # enough to keep every worker busy
POLLERS = 200
READERS = 2000  # the paced poll's simulated readers
POLL_EVERY = 12.0  # seconds between a reader's polls, ± POLL_JITTER of it
POLL_JITTER = 0.25
PACED_SECONDS = 36  # three polls per reader
WORKERS = int(os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1) + 1)

# wrk's report as one JSON line, with the 95th percentile its own summary leaves out.
REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK-JSON {"requests": %d, "seconds": %f, "socket_errors": %d, "bad_status": %d, ' ..
    '"p50": %f, "p95": %f, "p99": %f}\\n',
    summary.requests, summary.duration / 1e6, e.connect + e.read + e.write + e.timeout,
    e.status, latency:percentile(50) / 1e3, latency:percentile(95) / 1e3,
    latency:percentile(99) / 1e3))
end
"""


def find_wrk() -> str | None:
    if shutil.which("wrk"):
        return shutil.which("wrk")
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk is missing: apt-get install -y wrk …", file=sys.stderr)
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "wrk"], check=False, timeout=600,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
    return shutil.which("wrk")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 (loopback)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@contextlib.contextmanager
def gunicorn(database: Path, log: Path, **settings: str):
    """gunicorn as `make serve` runs it, on a free loopback port; yields its base URL."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "NEWSROOM_BENCH": "1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": "",  # a line per request would be measured too
        "GUNICORN_LOG_LEVEL": "warning",
        # Recycling a worker every 2,000 requests restarts all five within one run here:
        # the figures would measure Django starting up.
        "GUNICORN_MAX_REQUESTS": "0",
        **settings,
    }
    for name in ("DJANGO_DEBUG", "NEWSROOM_PLAIN_STATIC"):
        env.pop(name, None)
    gunicorn_bin = Path(sys.executable).with_name("gunicorn")
    with log.open("a") as output:
        server = subprocess.Popen(
            [str(gunicorn_bin), "-c", "gunicorn.conf.py"],
            cwd=ROOT, env=env, stdout=output, stderr=output,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError):
                if get(f"{base}/healthz")[0] == 200:
                    break
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not come up: see {log}\n{log.read_text()}")
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def wrk(
    binary: str, url: str, *, seconds: int = SECONDS, connections: int = CONNECTIONS,
    headers: dict | None = None,
) -> dict:  # fmt: skip
    """Run wrk against ``url`` (loopback only) for ``seconds``; its figures as a dict."""
    assert url.startswith("http://127.0.0.1:"), url
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(REPORT)
    command = [binary, "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    try:
        output = subprocess.run(
            [*command, "-s", script.name, url],
            capture_output=True, text=True, check=True, timeout=seconds + 60,
        ).stdout  # fmt: skip
    finally:
        os.unlink(script.name)
    line = next(x for x in output.splitlines() if x.startswith("WRK-JSON "))
    result = json.loads(line.removeprefix("WRK-JSON "))
    result["rate"] = result["requests"] / result["seconds"]
    return result


async def _poll_once(host: str, port: int, request: bytes) -> tuple[float, bool]:
    started = time.perf_counter()
    try:
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(request)
        await writer.drain()
        answer = await reader.read()  # the server closes the connection after the answer
        writer.close()
        await writer.wait_closed()
        ok = answer.startswith((b"HTTP/1.1 200", b"HTTP/1.0 200", b"HTTP/1.1 304"))
    except OSError:
        ok = False
    return (time.perf_counter() - started) * 1000, ok


async def _paced(url: str, readers: int, seconds: float, seed: int, every: float) -> dict:
    host_port, _, path = url.removeprefix("http://").partition("/")
    host, port = host_port.split(":")
    request = (
        f"GET /{path} HTTP/1.1\r\nHost: {host_port}\r\nAccept: application/json\r\n"
        "Connection: close\r\n\r\n"
    ).encode()
    rng = random.Random(seed)
    latencies, failures = [], 0
    end = time.perf_counter() + seconds

    async def reader_loop():
        nonlocal failures
        # Readers arrive spread over one period, so the rate is steady from the start.
        await asyncio.sleep(rng.uniform(0, every))
        while time.perf_counter() < end:
            ms, ok = await _poll_once(host, int(port), request)
            latencies.append(ms)
            failures += not ok
            pause = every * rng.uniform(1 - POLL_JITTER, 1 + POLL_JITTER)
            await asyncio.sleep(min(pause, max(end - time.perf_counter(), 0)))

    await asyncio.gather(*(reader_loop() for _ in range(readers)))
    elapsed = seconds  # the rate over the run: its polls were all sent inside it
    ordered = sorted(latencies)
    pick = lambda p: ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]  # noqa: E731
    return {
        "requests": len(latencies),
        "rate": len(latencies) / elapsed,
        "p50": pick(50),
        "p95": pick(95),
        "p99": pick(99),
        "failures": failures,
    }


def paced_pollers(
    url: str, readers: int = READERS, seconds: float = PACED_SECONDS, every: float = POLL_EVERY
) -> dict:
    """``readers`` readers polling ``url`` (loopback only) every ``every`` s ± 25 % for
    ``seconds``."""
    assert url.startswith("http://127.0.0.1:"), url
    return asyncio.run(_paced(url, readers, seconds, seed=14, every=every))


def live_briefing(database: Path) -> str:
    with contextlib.closing(sqlite3.connect(database)) as db:
        (slug,) = db.execute(
            "SELECT slug FROM briefings_briefing WHERE kind = 'live' AND coverage_end IS NULL "
            "AND status = 'published' ORDER BY coverage_start DESC LIMIT 1"
        ).fetchone()
    return slug


def errors(result: dict) -> str:
    bad = result["socket_errors"] + result["bad_status"]
    return f"; {bad:,} errors" if bad else ""


def run() -> list[Row]:
    binary = find_wrk()
    if binary is None:
        note = "not measured: wrk is missing (apt-get install wrk)"
        return [Row("http: requests/s through gunicorn", 0, "", "", False, note)]
    cache = "Redis" if os.environ.get("REDIS_URL") else "local memory"
    with tempfile.TemporaryDirectory() as tmp:
        database = Path(tmp, "bench.sqlite3")
        shutil.copy(sqlite_corpus(1000), database)
        log = Path(tmp, "gunicorn.log")
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
            cwd=ROOT, check=True, env={k: v for k, v in os.environ.items()
                                      if k not in ("DJANGO_DEBUG", "NEWSROOM_PLAIN_STATIC")},
        )  # fmt: skip
        slug = live_briefing(database)
        page_path = f"/briefings/{slug}/"

        with gunicorn(database, log) as base:
            status, headers, _ = get(base + page_path)
            assert status == 200 and "public" in headers.get("Cache-Control", ""), headers
            etag = headers["ETag"]
            assert get(base + page_path, {"If-None-Match": etag})[0] == 304
            cursor = json.loads(get(f"{base}{page_path}live.json")[2])["cursor"]
            poll = f"{base}{page_path}live.json?after={cursor}"
            assert get(poll)[0] == 200

            hello = wrk(binary, base + "/_bench/hello")
            warm = wrk(binary, base + page_path)
            revalidated = wrk(binary, base + page_path, headers={"If-None-Match": etag})
            polled = wrk(binary, poll)
            crowd = wrk(binary, poll, seconds=POLL_SECONDS, connections=POLLERS)
            paced = paced_pollers(poll)
        with gunicorn(database, log, NEWSROOM_SERVER_CACHE_SECONDS="0") as base:
            assert get(base + page_path)[0] == 200
            # Every worker's first requests load its templates, prepare its queries and (with
            # the cache in local memory) render the page's every update: worker start-up, not
            # rendering, and a large share of a 5-s run of a few hundred requests.
            wrk(binary, base + page_path, seconds=WARM_UP_SECONDS)
            cold = wrk(binary, base + page_path)

    setup = (
        f"gunicorn {WORKERS} sync workers, SQLite, {cache} cache, wrk -c{CONNECTIONS} {SECONDS} s"
    )

    def ratio(name: str, result: dict, target: float | None, note: str, why=VERSION_QUERY) -> Row:
        share = result["rate"] / hello["rate"]
        goal, met = at_least(share, target) if target else ("", None)
        return Row(
            name, share, "× hello", goal, met,
            f"{result['rate']:,.0f} req/s; {note}{errors(result)}"
            + (f"; why: {why}" if met is False else ""),
        )  # fmt: skip

    saturated = (
        f"back to back, no pause: {crowd['rate']:,.0f} req/s, so the latency is the queue "
        f"({POLLERS} ÷ throughput); {POLLERS} readers polling every 12 s send "
        f"{POLLERS / 12:.0f} req/s, {POLLERS / 12 / max(crowd['rate'], 1e-9):.0%} of that"
    )
    rows = [
        Row("http: hello (bare Django view)", hello["rate"], "req/s", "", None,
            setup + errors(hello)),
        ratio("http: briefing page, cold origin cache", cold, 0.1,
              "every request renders the page (NEWSROOM_SERVER_CACHE_SECONDS=0)",
              why=f"each render takes {1000 * WORKERS / cold['rate']:.0f} ms of a worker"),
        ratio("http: briefing page, warm origin cache", warm, 0.5, "served from the origin cache"),
        ratio("http: briefing page, 304 revalidation", revalidated, 0.8,
              "If-None-Match with the page's ETag"),
        ratio("http: poll endpoint (live.json)", polled, None, "reader up to date"),
    ]  # fmt: skip
    target, met = at_most(paced["p95"], 50)
    pacing = (
        f"{READERS:,} readers each polling every {POLL_EVERY:g} s ± {POLL_JITTER:.0%}, "
        f"{PACED_SECONDS} s: {paced['requests']:,} polls, {paced['rate']:,.0f} req/s, "
        f"p50 {paced['p50']:.1f} ms, p99 {paced['p99']:.1f} ms"
        + (f"; {paced['failures']:,} failed" if paced["failures"] else "")
    )
    rows += [
        Row(f"http: poll p95, {READERS:,} paced readers", paced["p95"], "ms", target, met,
            pacing),
        Row(f"http: poll throughput, {POLLERS} connections back to back", crowd["rate"], "req/s",
            "", None, f"wrk -c{POLLERS} {POLL_SECONDS} s; p50 {crowd['p50']:.0f} ms, p95 "
            f"{crowd['p95']:.0f} ms: {saturated}{errors(crowd)}"),
    ]  # fmt: skip
    return rows

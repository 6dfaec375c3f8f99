"""Search at scale: server time of ``/search/?q=`` over the generated corpus of 1,000,000
updates (BENCH_UPDATES), on SQLite (FTS5) and on PostgreSQL (tsvector and GIN).

In-process with the test client, like bench_scale: the whole page (count, ranking, snippets,
template), RUNS times each query of QUERIES after one warm-up, p50 and p95 over all of them.
The queries mix place and person names, topics, a phrase and a prefix, from rare to very
common; the corpus's vocabulary is small, so most words match a large share of it.

PostgreSQL is the server at BENCH_POSTGRES_URL (postgres://postgres@127.0.0.1:5432), database
newsroom_bench_<size>, generated on first use; skipped with a note when it does not answer.

Target (issue 6): search p95 < 100 ms at 1,000,000 updates on both databases.
"""

import time

from common import (
    POSTGRES_SERVER,
    Row,
    at_most,
    corpus_updates,
    isolated,
    percentile,
    postgres_corpus,
    sqlite_corpus,
)

QUERIES = [
    "Kharkiv",
    "Kovalenko",
    "grain exports",
    '"air defence"',
    "drone*",
    "talks Geneva",
    "blackouts Odesa",
    "sanctions",
    "shelters all-clear",
    "reconstruction Lviv",
    "ceasefire",  # nowhere in the corpus
]
RUNS = 3
TARGET_MS = 100


def measure(database_url: str) -> dict:
    from common import setup_django

    setup_django(database_url)
    from django.conf import settings
    from django.test import Client

    from briefings.search import search

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    times, matches = [], {}
    for query in QUERIES:
        assert client.get("/search/", {"q": query}).status_code == 200  # warm-up
        matches[query] = search(query).count()
        for _ in range(RUNS):
            start = time.perf_counter()
            response = client.get("/search/", {"q": query})
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
    by_query = {q: percentile(times[i * RUNS : (i + 1) * RUNS], 50) for i, q in enumerate(QUERIES)}
    slowest = max(by_query, key=by_query.get)
    return {
        "p50": percentile(times, 50),
        "p95": percentile(times, 95),
        "slowest": slowest,
        "slowest_ms": by_query[slowest],
        "slowest_matches": matches[slowest],
        "samples": len(times),
    }


def row(database: str, size: int, result: dict) -> list[Row]:
    target, met = at_most(result["p95"], TARGET_MS)
    slowest = (
        f"slowest: {result['slowest']!r}, {result['slowest_matches']:,} matches, "
        f"{result['slowest_ms']:.0f} ms"
    )
    if not met:
        slowest += (
            "; why: the newest 1,000 matches are read down the primary key (each row's "
            "tsvector checked) or, for a query matching ~1 % of updates, through the GIN "
            "index, whose bitmap holds every match and is ANDed with a range of ~150,000 "
            "ids: 30–60 ms of the page on a loaded machine"
            if database == "PostgreSQL"
            else "; why: bm25() weighs each phrase by how many updates hold it, which FTS5 "
            "counts by reading the phrase's every match (98 ms for '\"air defence\"' at "
            "1,000,000 updates), however few candidates are ranked"
        )
    return [
        Row(f"search p50, {size:,} updates, {database}", result["p50"], "ms", "", None,
            f"{len(QUERIES)} queries × {RUNS} runs"),
        Row(f"search p95, {size:,} updates, {database}", result["p95"], "ms", target, met, slowest),
    ]  # fmt: skip


def run() -> list[Row]:
    size = corpus_updates()
    rows = row(
        "SQLite", size, isolated("bench_search", "measure", f"sqlite:///{sqlite_corpus(size)}")
    )
    url = postgres_corpus(size)
    if url is None:
        rows.append(
            Row(f"search p95, {size:,} updates, PostgreSQL", 0, "ms", f"< {TARGET_MS}", False,
                f"not measured: no PostgreSQL server answers at {POSTGRES_SERVER}")
        )  # fmt: skip
    else:
        rows += row("PostgreSQL", size, isolated("bench_search", "measure", url))
    return rows

"""What the benchmarks share: the result row and the table, generated corpora, and running a
measurement in a process of its own (Django is set up once per process, on one database)."""

import hashlib
import json
import os
import sqlite3
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"  # git-ignored: generated databases and the latest table
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")


@dataclass
class Row:
    name: str
    figure: float
    unit: str
    target: str = ""  # e.g. "≥ 3000"; empty when a figure is for information
    met: bool | None = None
    note: str = ""


def at_least(value: float, target: float) -> tuple[str, bool]:
    return f"≥ {target:g}", value >= target


def at_most(value: float, target: float, strict: bool = True) -> tuple[str, bool]:
    if strict:
        return f"< {target:g}", value < target
    return f"≤ {target:g}", value <= target


def percentile(values: list[float], p: float) -> float:
    """The ``p``-th percentile, interpolated between the nearest ranks."""
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


median = statistics.median
RESULT_MARK = "BENCH-RESULT "


def isolated(module: str, function: str, *args):
    """Call ``module.function(*args)`` in a new process and return its result (JSON values
    in and out): how one benchmark measures on several databases."""
    process = subprocess.run(
        [sys.executable, __file__, module, function, json.dumps(args)],
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    line = next(x for x in reversed(process.stdout.splitlines()) if x.startswith(RESULT_MARK))
    return json.loads(line[len(RESULT_MARK) :])


def setup_django(database_url: str) -> None:
    """Point Django at a benchmark database before anything imports the models."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("NEWSROOM_PLAIN_STATIC", "1")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


HEADER = ("benchmark", "figure", "target", "met", "note")


def cells(row: Row) -> tuple[str, ...]:
    if row.figure != int(row.figure):
        figure = f"{row.figure:,.2f}" if abs(row.figure) < 10 else f"{row.figure:,.1f}"
    else:
        figure = f"{int(row.figure):,}"
    return (
        row.name,
        f"{figure} {row.unit}".strip(),
        row.target or "—",
        {True: "yes", False: "NO", None: ""}[row.met],
        row.note,
    )


def markdown_table(rows: list[Row]) -> str:
    lines = [HEADER, ("---",) * len(HEADER), *map(cells, rows)]
    return "\n".join(
        "| " + " | ".join(c.replace("|", "\\|") for c in line) + " |" for line in lines
    )


def print_table(rows: list[Row]) -> None:
    header = HEADER
    lines = [cells(r) for r in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(header, *lines, strict=False)]
    for line in [header, tuple("-" * w for w in widths), *lines]:
        print("  ".join(str(x).ljust(w) for x, w in zip(line, widths, strict=True)).rstrip())


def corpus_updates() -> int:
    """The size of the large corpus: 1,000,000 updates unless BENCH_UPDATES says otherwise."""
    value = os.environ.get("BENCH_UPDATES", "1000000").replace("_", "").replace(",", "")
    if not value.isdigit() or int(value) < 1000:
        sys.exit(f"BENCH_UPDATES must be a whole number of at least 1000, not {value!r}.")
    return int(value)


def manage(database_url: str, *args: str, script: Path = ROOT / "manage.py") -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "NEWSROOM_PLAIN_STATIC": "1"}
    subprocess.run([sys.executable, str(script), *args], env=env, check=True)


def generate_corpus(database_url: str, updates: int) -> None:
    manage(database_url, "--updates", str(updates), script=HERE / "generate_corpus.py")


def sqlite_corpus(updates: int) -> Path:
    """A SQLite database holding the generated corpus of ``updates`` updates.

    Generating 1,000,000 updates takes minutes, so the file is kept in bench/results/, named
    by the size and a digest of the generator's code, and reused by later runs (migrated
    first, in case migrations were added since). Benchmarks only read it.
    """
    source = (HERE / "corpus.py").read_bytes()
    key = hashlib.sha256(source + str(updates).encode()).hexdigest()[:12]
    path = RESULTS / f"corpus-{updates}-{key}.sqlite3"
    if path.exists():
        manage(f"sqlite:///{path}", "migrate", "--no-input", "--verbosity", "0")
        return path
    RESULTS.mkdir(exist_ok=True)
    partial = path.with_suffix(".partial")
    for leftover in RESULTS.glob(f"{partial.name}*"):
        leftover.unlink()
    print(f"generating a corpus of {updates:,} updates into {path.name} …", file=sys.stderr)
    manage(f"sqlite:///{partial}", "migrate", "--no-input", "--verbosity", "0")
    generate_corpus(f"sqlite:///{partial}", updates)
    # Fold the write-ahead log into the file, so that renaming the file moves everything.
    with sqlite3.connect(partial) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    os.replace(partial, path)
    return path


def postgres_corpus(updates: int) -> str | None:
    """The URL of a PostgreSQL database holding the corpus of ``updates`` updates, made on
    first use (generate_corpus does nothing when the same corpus is there); None when the
    server at BENCH_POSTGRES_URL does not answer."""
    import psycopg

    name = f"newsroom_bench_{updates}"
    try:
        with psycopg.connect(
            f"{POSTGRES_SERVER}/postgres", autocommit=True, connect_timeout=3
        ) as db:
            exists = db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                db.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError:
        return None
    url = f"{POSTGRES_SERVER}/{name}"
    manage(url, "migrate", "--no-input", "--verbosity", "0")
    generate_corpus(url, updates)
    return url


if __name__ == "__main__":  # the child side of isolated()
    import importlib

    sys.path[:0] = [str(ROOT), str(HERE)]
    name, function, args = sys.argv[1:]
    result = getattr(importlib.import_module(name), function)(*json.loads(args))
    print(RESULT_MARK + json.dumps(result), flush=True)

"""make bench: run every benchmark in this folder and print one table.

Each ``bench_*.py`` module has ``run() -> list[Row]``. Each runs in a process of its own,
since Django is set up once per process, on one database. Benchmarks make or reuse their own
databases (in a temporary folder, or generated corpora kept in bench/results/) and send load
only to 127.0.0.1; nothing here touches db.sqlite3.

    .venv/bin/python bench/run.py                 # everything
    .venv/bin/python bench/run.py bench_search    # some modules
    BENCH_UPDATES=100000 make bench               # a smaller "large" corpus, for a quick run

The table is also written to bench/results/latest.md.
"""

import dataclasses
import datetime as dt
import importlib
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from common import RESULTS, Row, corpus_updates, markdown_table, print_table  # noqa: E402

ROWS_MARK = "BENCH-ROWS "


def run_module(name: str) -> list[Row]:
    """Run one module in a child process and read its rows back."""
    process = subprocess.run(
        [sys.executable, __file__, "--child", name], stdout=subprocess.PIPE, text=True
    )
    lines = [line for line in process.stdout.splitlines() if line.startswith(ROWS_MARK)]
    if process.returncode or not lines:
        return [Row(f"{name}: failed", 0, "", "", False, f"exit status {process.returncode}")]
    return [Row(**row) for row in json.loads(lines[-1][len(ROWS_MARK) :])]


def main(names: list[str]) -> int:
    if names[:1] == ["--child"]:
        rows = importlib.import_module(names[1]).run()
        print(ROWS_MARK + json.dumps([dataclasses.asdict(row) for row in rows]), flush=True)
        return 0
    corpus_updates()  # a bad BENCH_UPDATES stops here, before anything runs
    modules = names or sorted(p.stem for p in HERE.glob("bench_*.py"))
    rows: list[Row] = []
    started = time.monotonic()
    for name in modules:
        print(f"running {name} …", file=sys.stderr, flush=True)
        rows.extend(run_module(name))
    heading = (
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{time.monotonic() - started:.0f} s"
    )
    print(heading)
    print_table(rows)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.md").write_text(f"{heading}\n\n{markdown_table(rows)}\n")
    return 1 if any(row.name.endswith(": failed") for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

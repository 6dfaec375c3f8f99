"""make bench: run every benchmark in this folder and print one table.

Each ``bench_*.py`` module has ``run() -> list[Row]``. Benchmarks make their own databases
in a temporary folder and send load only to 127.0.0.1; nothing here touches db.sqlite3.
"""

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from common import Row, print_table  # noqa: E402


def main(names: list[str]) -> int:
    rows: list[Row] = []
    modules = names or sorted(p.stem for p in HERE.glob("bench_*.py"))
    for name in modules:
        module = importlib.import_module(name)
        print(f"running {name} …", file=sys.stderr, flush=True)
        rows.extend(module.run())
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""What the benchmarks share: the result row and the table."""

import os
from dataclasses import dataclass


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


def setup_django(database_url: str) -> None:
    """Point Django at a benchmark database before anything imports the models."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("NEWSROOM_PLAIN_STATIC", "1")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def print_table(rows: list[Row]) -> None:
    header = ("benchmark", "figure", "target", "met", "note")
    lines = [
        (
            r.name,
            f"{r.figure:,.1f} {r.unit}"
            if r.figure != int(r.figure)
            else f"{int(r.figure):,} {r.unit}",
            r.target or "—",
            {True: "yes", False: "NO", None: ""}[r.met],
            r.note,
        )
        for r in rows
    ]
    widths = [max(len(str(x)) for x in col) for col in zip(header, *lines, strict=False)]
    for line in [header, tuple("-" * w for w in widths), *lines]:
        print("  ".join(str(x).ljust(w) for x, w in zip(line, widths, strict=True)).rstrip())

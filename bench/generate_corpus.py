"""generate_corpus: a synthetic corpus of the size the benchmarks need.

    DATABASE_URL=… .venv/bin/python bench/generate_corpus.py --updates 1000000 [--force …]

A script beside the benchmarks rather than a management command of the app: the generator
(bench/corpus.py) is benchmark code, and the app must not depend on it. Its arguments and
errors are a Django command's all the same (``Command`` below), so it is run like one and
tested with ``call_command(Command(), …)``.
"""

import os
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

HERE = Path(__file__).resolve().parent


def positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise ValueError(value)
    return number


positive.__name__ = "positive whole number"  # argparse names the type in its error


class Command(BaseCommand):
    help = (
        "Fill the database with a synthetic corpus for benchmarks: by default, per 1,000,000 "
        "updates, 5,000 briefings, 2,000 actors and 300 sources, with tags, citations, "
        "mentions and quotes. For benchmarks only: rows are bulk-inserted, bypassing save(), "
        "signals and simple-history (no revision history), and bodies are rendered as plain "
        "escaped paragraphs instead of Markdown (the slow part of saving an update). "
        "Refuses a database holding content it did not generate, unless --force; running it "
        "again with the same options changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--updates", type=positive, required=True, help="How many updates.")
        parser.add_argument("--briefings", type=positive, help="Default: one per 200 updates.")
        parser.add_argument("--actors", type=positive, help="Default: one per 500 updates.")
        parser.add_argument("--sources", type=positive, help="Default: one per 3,000 updates.")
        parser.add_argument("--seed", type=int, default=0, help="Same seed, same corpus.")
        parser.add_argument(
            "--batch-size", type=positive, default=5000, help="Updates per transaction."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add the corpus to a database that holds other content.",
        )

    def handle(self, *args, **options):
        import corpus  # bench/corpus.py, importable once Django is set up

        sizes = {name: options[name] for name in ("briefings", "actors", "sources")}
        wanted = corpus.Options.for_updates(options["updates"], seed=options["seed"], **sizes)
        if wanted.briefings > wanted.updates:
            raise CommandError(
                f"--briefings ({wanted.briefings:,}) cannot exceed --updates "
                f"({wanted.updates:,}): every briefing has at least its original entry."
            )
        present = corpus.existing_corpus(wanted)
        if present == "same":
            self.stdout.write("This corpus is already in the database: nothing to do.")
            return
        if present == "other":
            raise CommandError(
                f"A different or unfinished corpus with seed {wanted.seed} is in the database. "
                "Use another --seed, or start from an empty database."
            )
        if corpus.has_other_content() and not options["force"]:
            raise CommandError(
                "The database holds briefings, updates, actors or sources that "
                "generate_corpus did not make. Use an empty database, or --force to add "
                "the corpus to them."
            )
        started = time.monotonic()
        progress = self.stdout.write if options["verbosity"] > 1 else (lambda message: None)
        counts = corpus.generate(wanted, batch_size=options["batch_size"], progress=progress)
        # Rows went in around the change points: the stored counts are computed afterwards.
        from briefings.models import rebuild_counts

        rebuild_counts()
        # Statistics for the planner (and, on PostgreSQL, the dead rows of bulk updates gone),
        # as autovacuum would leave them some time after a real import: without them
        # PostgreSQL's search reads updates one by one where the GIN index would do.
        from django.db import connection

        # VACUUM cannot run inside a transaction (a caller's, or a test's): ANALYZE alone then.
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        seconds = time.monotonic() - started
        self.stdout.write(
            f"Generated {counts.updates:,} updates in {counts.briefings:,} briefings, "
            f"{counts.actors:,} actors, {counts.sources:,} sources, "
            f"{counts.citations:,} citations, {counts.mentions:,} mentions, "
            f"{counts.quotes:,} quotes, {counts.tagged:,} tags in {seconds:.1f} s "
            f"({counts.updates / max(seconds, 0.001):,.0f} updates/s)."
        )


def main(argv: list[str]) -> None:
    """Set Django up on DATABASE_URL (or the default database) and run the command."""
    sys.path[:0] = [str(HERE.parent), str(HERE)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    Command().run_from_argv(["generate_corpus.py", "generate_corpus", *argv])


if __name__ == "__main__":
    main(sys.argv[1:])

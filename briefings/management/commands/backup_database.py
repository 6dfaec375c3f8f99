"""backup_database: a consistent copy of the database, taken while the site runs."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from briefings.backup import BackupError, back_up, default_backup_path


class Command(BaseCommand):
    help = (
        "Back up the database: SQLite's online backup to a .sqlite3 file, or pg_dump's "
        "custom format for PostgreSQL. Safe while the site is running."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="The backup file (default: backups/newsroom-<UTC time>.sqlite3 or .dump).",
        )
        parser.add_argument("--directory", type=Path, default=Path("backups"))
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, **options):
        vendor = connections[options["database"]].vendor
        path = options["output"] or default_backup_path(options["directory"], vendor)
        try:
            back_up(path, using=options["database"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        size = path.stat().st_size
        self.stdout.write(f"Backed up the {vendor} database to {path} ({size:,} bytes).")

"""import_newsroom: load an export_newsroom file into a fresh database."""

from pathlib import Path

from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS

from briefings.backup import BackupError, import_json, media_path, restore_media
from briefings.management.base import NewsroomCommand


class Command(NewsroomCommand):
    help = "Load a JSON export (export_newsroom) into a freshly migrated, empty database."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar="FILE.json")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, **options):
        try:
            counts = import_json(options["file"], using=options["database"])
            files = restore_media(media_path(options["file"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(counts.values())
        self.stdout.write(f"Imported {rows:,} rows of {len(counts)} models from {options['file']}.")
        if files:
            self.stdout.write(f"Restored {files:,} media files.")

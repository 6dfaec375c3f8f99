"""export_newsroom: the content of the database as portable JSON with natural keys."""

from pathlib import Path

from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS

from briefings.backup import back_up_media, export_json, media_path
from briefings.management.base import NewsroomCommand


class Command(NewsroomCommand):
    help = (
        "Export briefings, updates, registry, tags, history, users and roles as JSON that "
        "import_newsroom loads into a fresh database, SQLite or PostgreSQL."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar="FILE.json")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, **options):
        path = options["file"]
        if path.suffix != ".json":
            raise CommandError(f"{path}: an export's name ends in .json")
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        try:
            with partial.open("w", encoding="utf-8") as stream:
                counts = export_json(stream, using=options["database"])
            partial.replace(path)
        finally:
            partial.unlink(missing_ok=True)
        rows = sum(counts.values())
        self.stdout.write(f"Exported {rows:,} rows of {len(counts)} models to {path}.")
        if files := back_up_media(media_path(path)):
            self.stdout.write(f"Exported {files:,} media files to {media_path(path)}.")

"""restore_database: replace the database with a backup made by backup_database."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from briefings.backup import BackupError, check_backup, existing_tables, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_database (a .sqlite3 file or a pg_dump archive) "
        "after checking it, replacing everything in the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar="FILE")
        parser.add_argument(
            "--force", action="store_true", help="Replace a database that has tables, unasked."
        )
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="Never ask."
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, **options):
        using = options["database"]
        connection = connections[using]
        try:
            check_backup(options["file"], connection.vendor)
            tables = existing_tables(using)
            if tables and not options["force"]:
                self.confirm(connection, len(tables), options["interactive"])
            restore(options["file"], using=using)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {options['file']} into the {connection.vendor} database.")

    def confirm(self, connection, table_count, interactive):
        name = connection.settings_dict["NAME"]
        warning = f"The database {name} has {table_count} tables: restoring replaces them all."
        if not (interactive and sys.stdin.isatty()):
            raise CommandError(f"{warning} Run it in a terminal to be asked, or with --force.")
        answer = input(f"{warning}\nType 'yes' to go ahead: ")
        if answer.strip().lower() != "yes":
            raise CommandError("Nothing restored.")

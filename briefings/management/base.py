"""The project's management commands start from ``NewsroomCommand`` here: on a database that has not
been migrated they stop with one line saying so, instead of Django's traceback from the first
query ("no such table: briefings_source")."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


class NewsroomCommand(BaseCommand):
    # Django's own check only prints a notice and goes on; check_migrations() below stops.
    requires_migrations_checks = True

    def execute(self, *args, **options):
        # The database the command works on: its --database option, where it has one.
        self._database = options.get("database") or DEFAULT_DB_ALIAS
        return super().execute(*args, **options)

    def check_migrations(self):
        connection = connections[self._database]
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            raise CommandError(
                f"The database is not set up ({len(plan)} migration(s) not applied): "
                "run `python manage.py migrate` first."
            )

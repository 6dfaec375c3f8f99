"""rebuild_search_index: index every update from scratch (after restoring a backup, or after
writing to the database behind Django's back)."""

from django.db import transaction

from briefings import search
from briefings.management.base import NewsroomCommand


class Command(NewsroomCommand):
    help = "Rebuild the full-text search index of updates (/search/)."

    def handle(self, *args, **options):
        with transaction.atomic():
            count = search.rebuild()
        self.stdout.write(f"Indexed {count} updates.")

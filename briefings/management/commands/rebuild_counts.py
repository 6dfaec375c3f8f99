"""rebuild_counts: recompute the stored counts (mentions per actor, citations per source, uses
per tag, updates per briefing) from scratch — after writing to the database behind Django's
back — or, with --check, say whether they are right."""

from django.core.management.base import CommandError

from briefings.management.base import NewsroomCommand
from briefings.models import counts


class Command(NewsroomCommand):
    help = "Recompute the stored counts that the actor, source, tag and briefing lists show."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Change nothing; exit with status 1 if a stored count is wrong.",
        )

    def handle(self, *args, check=False, **options):
        if check:
            wrong = counts.differences()
            if wrong:
                raise CommandError(
                    f"{len(wrong)} stored counts are wrong, e.g. {wrong[0]}; "
                    "run manage.py rebuild_counts"
                )
            self.stdout.write("The stored counts are right.")
            return
        done = counts.rebuild_counts()
        self.stdout.write(
            "Counted {updates} updates and {briefings} briefings readers may see: "
            "{actors} actors, {sources} sources and {tags} tags in use.".format(**done)
        )

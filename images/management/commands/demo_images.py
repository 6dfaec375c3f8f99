"""demo_images: the demo's live briefing gets its picture (after demo_content)."""

from briefings.management.base import NewsroomCommand

from ...demo import add_demo_images


class Command(NewsroomCommand):
    help = "Give the demo's live briefing an illustration drawn in code; a no-op once it has one."

    def handle(self, *args, **options):
        added = add_demo_images()
        self.stdout.write(f"Demo images: {'1 added' if added else 'nothing changed'}.")

"""Finish the demo after the seed import: one live briefing, and topics on the content."""

from briefings.management.base import NewsroomCommand

from ...demo import add_demo_content


class Command(NewsroomCommand):
    help = (
        "Add the demo's live briefing (its newest update less than an hour old) and tag the "
        "demo content by topic. A no-op while the live briefing is fresh; for a local demo only."
    )

    def handle(self, *args, **options):
        counts = add_demo_content()
        url = counts.pop("live briefing")
        changes = ", ".join(f"{n} {what}" for what, n in counts.items() if n) or "nothing changed"
        self.stdout.write(f"Demo content: {changes}. Live briefing: {url}")

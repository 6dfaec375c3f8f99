"""The demo's finishing touches, on top of the imported seed documents (``make run``).

The seeds are archives: every live log in them ended long ago, and none carries a topic. A
newcomer should see what the product does on a running story, so the demo adds one live
briefing whose latest update is less than an hour old, and tags the seed content by the
words in it. Running it again changes nothing while the live briefing is still fresh; once
it has gone stale (the next day's ``make run``), its timeline moves forward to now.
"""

import re
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Briefing, Citation, Source, Status, Update

IMPORT_KEY = "demo:live-briefing"
DEMO_SOURCES = ("Demo Wire (fictional)", "Demo Daily (fictional)")
# How long before now the newest demo update sits: "a fresh update from the last hour".
FRESH = timedelta(minutes=20)
STALE_AFTER = timedelta(hours=1)

# Topics, and the words that put a briefing or an update under them. Matched as word
# starts, case-insensitively: "Ukrain" finds Ukraine and Ukrainian.
TOPICS = {
    "Ukraine": ("Ukrain", "Kyiv", "Zelensky", "Umerov"),
    "Russia": ("Russia", "Kremlin", "Moscow", "Putin", "Peskov"),
    "Diplomacy": ("talks", "peace", "envoy", "negotiat", "ceasefire", "summit"),
    "United States": ("Trump", "Washington", "Witkoff", "Rubio", "White House"),
    "Energy": ("energy", "power grid", "gas", "oil"),
}


@dataclass(frozen=True)
class Entry:
    ago: timedelta  # before the newest entry
    body: str
    headline: str = ""
    key_event: bool = False
    original: bool = False


# The live briefing, oldest first. Fictional, and says so in its standfirst.
ENTRIES = (
    Entry(
        timedelta(hours=5),
        "Delegations arrive in Geneva for a second day of talks on a ceasefire. "
        "Both sides say they expect no agreement today.",
        original=True,
    ),
    Entry(
        timedelta(hours=3, minutes=40),
        "The talks resumed behind closed doors at 10:00 local time. A spokesperson said the "
        "first session would cover prisoner exchanges and the protection of power plants.",
    ),
    Entry(
        timedelta(hours=2, minutes=15),
        "A draft of the ceasefire terms has been published. It runs to twelve points, the "
        "first of which is a halt to strikes on energy infrastructure for 30 days.",
        headline="Draft ceasefire terms published",
        key_event=True,
    ),
    Entry(
        timedelta(hours=1),
        "Officials in Kyiv said they were studying the draft and would answer by the evening.",
    ),
    Entry(
        timedelta(0),
        "The afternoon session has ended. Negotiators will meet again tomorrow morning; "
        "both delegations called the day “constructive”.",
        headline="Talks to continue tomorrow",
    ),
)


def words_for(topic: str) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, TOPICS[topic])) + ")", re.IGNORECASE)


def tag_content() -> int:
    """Tag published briefings and updates by the words in them; return how many tags were
    added (0 when everything already carries its topics)."""
    patterns = {topic: words_for(topic) for topic in TOPICS}
    added = 0
    for queryset, text_of in (
        (Briefing.objects.published(), lambda b: f"{b.title} {b.standfirst}"),
        (Update.objects.published(), lambda u: f"{u.headline} {u.body}"),
    ):
        for item in queryset.prefetch_related("tags"):
            have = {tag.name for tag in item.tags.all()}
            text = text_of(item)
            wanted = [
                t for t, pattern in patterns.items() if t not in have and pattern.search(text)
            ]
            if wanted:
                item.tags.add(*wanted)
                added += len(wanted)
    return added


def _create_live_briefing(now) -> Briefing:
    newest = now - FRESH
    start = newest - ENTRIES[0].ago
    briefing = Briefing(
        import_key=IMPORT_KEY,
        title="Ceasefire talks in Geneva",
        standfirst="Envoys meet for a second day. A fictional story, written for the demo.",
        kind=Briefing.Kind.LIVE,
        time_zone="Europe/Kyiv",
        coverage_start=start,
    )
    briefing.publish(at=start)
    briefing.save()
    briefing.tags.add("Diplomacy", "Ukraine")
    # The story is made up, so it cites made-up outlets and names nobody real: words must
    # never be put in a real newsroom's or a real person's mouth, even in a demo.
    sources = [
        Source.objects.get_or_create(name=name, defaults={"is_reviewed": True})[0]
        for name in DEMO_SOURCES
    ]
    for entry in ENTRIES:
        update = Update.objects.create(
            briefing=briefing,
            posted_at=newest - entry.ago,
            headline=entry.headline,
            body=entry.body,
            is_original_entry=entry.original,
            is_key_event=entry.key_event,
            status=Status.PUBLISHED,
        )
        for position, source in enumerate(sources[:1] if entry.original else sources):
            role = Citation.Role.PRIMARY if position == 0 else Citation.Role.SEE_ALSO
            Citation.objects.create(update=update, source=source, role=role, position=position)
    return briefing


def _move_forward(briefing: Briefing, now) -> None:
    newest = briefing.updates.order_by("-posted_at").values_list("posted_at", flat=True)[0]
    shift = (now - FRESH) - newest
    briefing.updates.update(posted_at=F("posted_at") + shift, updated_at=now)
    briefing.coverage_start += shift
    briefing.published_at = briefing.coverage_start
    briefing.save()


@transaction.atomic
def add_demo_content() -> Counter:
    """Add (or refresh) the demo's live briefing and tag the content; return what changed."""
    counts = Counter()
    now = timezone.now()
    briefing = Briefing.objects.filter(import_key=IMPORT_KEY).first()
    if briefing is None:
        briefing = _create_live_briefing(now)
        counts["live briefing created"] += 1
    else:
        newest = briefing.updates.order_by("-posted_at").values_list("posted_at", flat=True)[:1]
        if not newest or now - newest[0] > STALE_AFTER or briefing.coverage_end:
            briefing.coverage_end = None
            _move_forward(briefing, now)
            counts["live briefing moved to now"] += 1
    counts["tags added"] += tag_content()
    counts["live briefing"] = briefing.get_absolute_url()
    return counts

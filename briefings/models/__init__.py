"""Briefings: running coverage of a story, its timestamped updates, and who and what they cite.

Visibility lives in one place: ``Briefing.objects.published()`` and
``Update.objects.published()``. Every public surface goes through them. A briefing's latest
change (``Briefing.latest_change``), which pages, the poll endpoint and the caches key on,
is a rule of this layer too, and so is keeping it in the cache (``briefing_state``).

One module per subject; everything is imported from ``briefings.models``.
"""

from .briefing import (
    CHANGE_OVERLAP,
    EPOCH,
    Briefing,
    BriefingQuerySet,
    Fingerprint,
    Resemblance,
    has_settled,
    to_cursor,
)
from .changes import BriefingState, briefing_changed, briefing_state, page_parts
from .common import KeepsStoredCounts, StaleVersion, Status, VersionedModel, unique_slug, zone_label
from .counts import rebuild_counts, rows_created, settle_due_counts, sync_updates
from .registry import Actor, RegistryEntry, RegistryQuerySet, Source
from .tags import TagUse, taggings_of, tags_in_use
from .text import DIRECTION_OVERRIDES, TAG, clean_typed_text, remove_tags
from .update import (
    CORRECTION_EXPLAINS_EDITS_WITHIN,
    Citation,
    Correction,
    Mention,
    PartOfUpdate,
    Quote,
    Update,
    UpdateQuerySet,
    newest_update_id,
)

__all__ = [
    "CHANGE_OVERLAP",
    "CORRECTION_EXPLAINS_EDITS_WITHIN",
    "DIRECTION_OVERRIDES",
    "EPOCH",
    "TAG",
    "Actor",
    "Briefing",
    "BriefingQuerySet",
    "BriefingState",
    "Citation",
    "Correction",
    "Fingerprint",
    "KeepsStoredCounts",
    "Mention",
    "PartOfUpdate",
    "Quote",
    "RegistryEntry",
    "RegistryQuerySet",
    "Resemblance",
    "Source",
    "StaleVersion",
    "Status",
    "TagUse",
    "Update",
    "UpdateQuerySet",
    "VersionedModel",
    "briefing_changed",
    "briefing_state",
    "clean_typed_text",
    "has_settled",
    "newest_update_id",
    "page_parts",
    "rebuild_counts",
    "remove_tags",
    "rows_created",
    "settle_due_counts",
    "sync_updates",
    "taggings_of",
    "tags_in_use",
    "to_cursor",
    "unique_slug",
    "zone_label",
]

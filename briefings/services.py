"""The newsroom's operations, apart from the screens that offer them: posting an update,
closing coverage, publishing, merging registry entries, bringing back a deleted update.

The admin's views and actions call these, and so can the API or a command: each takes the
user it acts for, records them in the history, and asks the permission policy
(briefings.permissions) when a user is given. ``user=None`` is the system itself (the
importer, a management command), which the policy does not apply to.
"""

from collections import Counter
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import permissions
from .models import (
    Actor,
    Briefing,
    Citation,
    Correction,
    Mention,
    Quote,
    RegistryEntry,
    Source,
    Status,
    Update,
)

# Posting and publishing ------------------------------------------------------------------------


@transaction.atomic
def post_update(
    briefing: Briefing,
    user,
    *,
    body: str,
    posted_at,
    headline: str = "",
    tags=(),
    sources=(),
    see_also=(),
    actors=(),
    publish: bool = False,
) -> Update:
    """A new update of ``briefing`` by ``user``, with its citations (``sources`` in the
    order cited, then ``see_also``), mentions (``actors``, in order) and tags; published at
    once or saved as a draft for an editor.

    Published with a ``posted_at`` still to come, it is scheduled: readers see it from
    that moment (``publish_at``), stamped with it, and not before."""
    update = Update(
        briefing=briefing,
        posted_at=posted_at,
        headline=headline,
        body=body,
        status=Status.PUBLISHED if publish else Status.DRAFT,
        author=user,
    )
    schedule_if_ahead(update)
    if user is not None and not permissions.may_save(user, update):
        raise PermissionDenied("Only an editor can publish; save the update as a draft.")
    update._history_user = user
    update.save()
    update.tags.set(list(tags))
    cited = list(sources)
    extra = [source for source in see_also if source not in cited]
    for position, source in enumerate(cited + extra):
        role = Citation.Role.PRIMARY if source in cited else Citation.Role.SEE_ALSO
        citation = Citation(update=update, source=source, role=role, position=position)
        citation._history_user = user
        citation.save()
    for position, actor in enumerate(actors):
        mention = Mention(update=update, actor=actor, position=position)
        mention._history_user = user
        mention.save()
    return update


def schedule_if_ahead(update: Update, now: datetime | None = None) -> bool:
    """Schedule ``update`` (being published, not yet saved) for its own time when that time
    is still to come and no other was set: published now, readers would see it at once,
    stamped hours ahead, above everything that happened since. The quick post, the full
    form and the Publish action all publish through this rule. True when it scheduled."""
    now = now or timezone.now()
    if update.status != Status.PUBLISHED or update.publish_at is not None:
        return False
    if update.posted_at is None or update.posted_at <= now:
        return False
    update.publish_at = update.posted_at
    return True


def is_scheduled(update: Update, now: datetime | None = None) -> bool:
    """Published, but readers see it only from ``publish_at``, still to come."""
    now = now or timezone.now()
    return update.status == Status.PUBLISHED and bool(update.publish_at and update.publish_at > now)


# How far a stamp may be from the row's creation and still be the default "now" it got then.
DEFAULT_STAMP_SLACK = timedelta(seconds=2)


def stamp_going_live(update: Update, *, stamp_typed: bool = False) -> bool:
    """Stamp ``update`` (about to be saved) with the moment it goes live, unless someone
    chose its time: an update written as a draft at 10:00 and published or scheduled for
    14:00 reads "14:00", not the moment its draft was created. True when it was restamped.

    Only an update going live by this save is restamped (a draft or a scheduled update
    becoming published or scheduled); one readers already see keeps its stamp. A stamp was
    chosen when the editor typed it in this form (``stamp_typed``), or when the stored one is
    neither the draft's creation moment nor a schedule this function stamped earlier.
    """
    now = timezone.now()
    if update.status != Status.PUBLISHED or stamp_typed:
        return False
    stored = None
    if update.pk is not None:
        stored = (
            Update.objects.filter(pk=update.pk)
            .values("status", "publish_at", "posted_at", "created_at")
            .first()
        )
    goes_live_at = update.publish_at if is_scheduled(update, now) else now
    if stored is None:
        # A new row: its stamp is the form's "now" unless typed; only a schedule moves it.
        if goes_live_at == now:
            return False
    else:
        was_public = stored["status"] == Status.PUBLISHED and (
            stored["publish_at"] is None or stored["publish_at"] <= now
        )
        left_alone = abs(stored["posted_at"] - stored["created_at"]) <= DEFAULT_STAMP_SLACK or (
            stored["publish_at"] is not None and stored["posted_at"] == stored["publish_at"]
        )
        if was_public or not left_alone:
            return False
    update.posted_at = goes_live_at
    return True


def set_status(updates, status: str, user) -> list[Update]:
    """Publish or unpublish each of ``updates`` (a queryset); returns those that changed.

    One save each, not queryset.update(): history, versions and live pages see it. A draft
    published here is stamped with the moment it goes live (its scheduled time, if any),
    unless someone chose its time (``stamp_going_live``).
    """
    if user is not None and not permissions.may_publish(user):
        raise PermissionDenied
    changed = []
    now = timezone.now()
    for update in updates.exclude(status=status):
        update.status = status
        update._history_user = user
        fields = ["status"]
        if schedule_if_ahead(update, now):
            # A draft whose time is still to come (a contributor's "15:15" typed at 09:00).
            fields.append("publish_at")
        if stamp_going_live(update):
            fields.append("posted_at")
        update.save(update_fields=fields)
        changed.append(update)
    return changed


def close_coverage(briefing: Briefing, user) -> bool:
    """End a live briefing's coverage now; readers' pages stop polling (live.json says so).
    False when it was not live."""
    if user is not None and not permissions.may_close_coverage(user, briefing):
        raise PermissionDenied
    if not briefing.is_live:
        return False
    briefing.coverage_end = timezone.now()
    if briefing.coverage_start and briefing.coverage_start > briefing.coverage_end:
        briefing.coverage_start = briefing.coverage_end
    briefing._history_user = user
    briefing._change_reason = "Coverage closed"
    briefing.save(update_fields=["coverage_end", "coverage_start"])
    return True


# Registry upkeep --------------------------------------------------------------------------------

# Fields the kept entry takes from a merged one when its own is blank.
FILLED_ON_MERGE = {
    Source: ["homepage", "country", "description"],
    Actor: ["title", "description", "wikidata_id"],
}


def _merged_list(*lists, exclude=()) -> list[str]:
    """Items of the lists in order, once each (case-insensitively), without ``exclude``."""
    seen = {item.casefold() for item in exclude}
    merged = []
    for items in lists:
        for item in items:
            if item and item.casefold() not in seen:
                seen.add(item.casefold())
                merged.append(item)
    return merged


def _absorb(kept: Citation | Mention, dropped: Citation | Mention) -> bool:
    """Let the row an update keeps take what the dropped one had more of: a citation
    becomes primary if either was, and keeps a URL. True when ``kept`` changed."""
    if not isinstance(kept, Citation):
        return False
    stronger = dropped.role == Citation.Role.PRIMARY
    if not (stronger or (dropped.url and not kept.url)):
        return False
    kept.role = Citation.Role.PRIMARY if stronger else kept.role
    kept.url = kept.url or dropped.url
    return True


def _move_references(keep: RegistryEntry, other: RegistryEntry, user, counts: Counter):
    """Move the citations or mentions of ``other`` to ``keep``. There is one per update and
    entry, so an update that refers to both keeps ``keep``'s row."""
    relation, field = type(keep).references, keep._meta.model_name
    for row in getattr(other, relation).all():
        row._history_user = user
        kept = getattr(keep, relation).filter(update_id=row.update_id).first()
        if kept is None:
            setattr(row, field, keep)
            row._change_reason = f"Merged {other.name} into {keep.name}"
            row.save()
            counts[f"{relation} moved"] += 1
        else:
            if _absorb(kept, row):
                kept._history_user = user
                kept.save()
            row.delete()
            counts[f"{relation} dropped"] += 1


def _move_other_rows(keep: RegistryEntry, other: RegistryEntry, counts: Counter):
    """What else points at an entry: an actor's quotes and members, a source's briefings."""
    if isinstance(keep, Actor):
        for quote in Quote.objects.filter(actor=other):
            quote.actor = keep
            quote.save()
            counts["quotes moved"] += 1
        Actor.objects.filter(affiliation=other).exclude(pk=keep.pk).update(
            affiliation=keep, updated_at=timezone.now()
        )
    else:
        Briefing.objects.filter(origin=other).update(
            origin=keep, updated_at=timezone.now(), version=F("version") + 1
        )


@transaction.atomic
def merge_into(keep: RegistryEntry, others, user=None) -> dict[str, int]:
    """Fold ``others`` (sources or actors) into ``keep``: what refers to them moves to
    ``keep``, their names and aliases (and a source's domains) become its own, blank fields
    are filled from theirs, and they are deleted. ``keep`` is reviewed afterwards: an editor
    chose it. Returns what moved, as counts."""
    if user is not None and not permissions.may_merge(user, type(keep)):
        raise PermissionDenied
    others = [other for other in others if other.pk != keep.pk]
    counts = Counter()
    for other in others:
        _move_references(keep, other, user, counts)
        _move_other_rows(keep, other, counts)
    keep.aliases = _merged_list(
        keep.aliases, *([o.name, *o.aliases] for o in others), exclude=[keep.name]
    )
    if isinstance(keep, Source):
        keep.domains = _merged_list(keep.domains, *(o.domains for o in others))
    if isinstance(keep, Actor) and keep.affiliation_id in {o.pk for o in others}:
        keep.affiliation = None
    for field in FILLED_ON_MERGE[type(keep)]:
        if not getattr(keep, field):
            setattr(keep, field, next((getattr(o, field) for o in others if getattr(o, field)), ""))
    for other in others:
        other._history_user = user
        other._change_reason = f"Merged into {keep.name}"
        other.delete()  # before keep's save: unique columns (wikidata_id) move to keep
    keep.is_reviewed = True
    keep._history_user = user
    keep._change_reason = "Merged in: " + ", ".join(o.name for o in others)
    keep.save()
    return dict(counts)


def is_unused(entry: RegistryEntry) -> bool:
    """Nothing refers to the entry: rejecting (deleting) it loses nothing."""
    if isinstance(entry, Actor):
        return not (entry.mentions.exists() or entry.quotes.exists() or entry.members.exists())
    return not (entry.citations.exists() or entry.originated_briefings.exists())


# Deleted updates ----------------------------------------------------------------------------------


def deleted_updates():
    """The last history record of every update that no longer exists, newest first."""
    return (
        Update.history.filter(history_type="-")
        .exclude(id__in=Update.objects.values("pk"))
        .select_related("history_user")
        .order_by("-history_date")
    )


class CannotRestore(Exception):
    pass


@transaction.atomic
def restore_update(record, user=None) -> tuple[Update, list[str]]:
    """Bring back a deleted update from its deletion record, with the citations, mentions
    and corrections deleted with it. Returns the update and notes on what could not come
    back (tags and quotes have no history)."""
    if user is not None and not permissions.may_publish(user):
        raise PermissionDenied
    if Update.objects.filter(pk=record.id).exists():
        raise CannotRestore("This update exists: it has been restored already.")
    if not Briefing.objects.filter(pk=record.briefing_id).exists():
        raise CannotRestore("Its briefing has been deleted too; restore the briefing first.")
    update = record.instance
    update._state.adding = True
    update._history_user = user
    update._change_reason = "Restored after deletion"
    update.save(force_insert=True)
    notes = []
    # Rows deleted with the update (a cascade) were recorded within moments of it.
    window = (
        record.history_date - timezone.timedelta(seconds=5),
        record.history_date + timezone.timedelta(seconds=5),
    )
    for model, related in [(Citation, Source), (Mention, Actor), (Correction, None)]:
        records = model.history.filter(
            update_id=record.id, history_type="-", history_date__range=window
        )
        for row in records:
            if related is not None:
                key = "source_id" if related is Source else "actor_id"
                if not related.objects.filter(pk=getattr(row, key)).exists():
                    notes.append(f"a {model._meta.verbose_name} of a since-deleted entry")
                    continue
            part = row.instance
            part._state.adding = True
            part._history_user = user
            part.save(force_insert=True)
    return update, notes

"""The newsroom's working rules, apart from the admin screens that apply them: what another
editor changed, who else is editing, merging registry entries and bringing back a deleted
update. Who may do what is briefings.permissions."""

import time

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Actor, Briefing, Citation, Correction, Mention, Quote, Source, Update

# Fields a reader or an editor would not call a change: derived or bookkeeping columns.
UNINTERESTING_FIELDS = ["body_html", "updated_at", "version", "edited_at", "import_digest"]


# What someone else changed -----------------------------------------------------------------


def changes_since(obj: Briefing | Update, loaded_version: int) -> list[str]:
    """Lines saying who changed what since ``loaded_version``, field by field, from the
    history: ‘Body (alice, 10:02): “…” → “…”’."""
    history = obj.history.filter(id=obj.pk)
    before = history.filter(version=loaded_version).order_by("-history_date").first()
    after = history.order_by("-history_date", "-history_id").first()
    if before is None or after is None or before.pk == after.pk:
        return []
    delta = after.diff_against(before, excluded_fields=UNINTERESTING_FIELDS)
    editors = sorted(
        {
            str(record.history_user or "the importer")
            for record in history.filter(version__gt=loaded_version).select_related("history_user")
        }
    )
    stamp = timezone.localtime(after.history_date).strftime("%H:%M")
    who = f"{', '.join(editors)}, {stamp}"
    return [
        f"{obj._meta.get_field(change.field).verbose_name.capitalize()} ({who}): "
        f"“{_short(change.old)}” → “{_short(change.new)}”"
        for change in delta.changes
    ]


def _short(value, limit=300) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Presence: who has a page open -------------------------------------------------------------

PRESENCE_TTL = 60  # seconds; the page's heartbeat comes every 20


def _presence_key(kind: str, pk) -> str:
    return f"briefings:presence:{kind}:{pk}"


def heartbeat(kind: str, pk, user) -> list[str]:
    """Note that ``user`` has the page open; return the names of the others who do.

    A warning, not a lock: two heartbeats at the same moment may drop one of them, and the
    next one (20 seconds later) puts it back.
    """
    key = _presence_key(kind, pk)
    now = time.time()
    present = {
        user_id: (name, seen)
        for user_id, (name, seen) in (cache.get(key) or {}).items()
        if now - seen < PRESENCE_TTL
    }
    present[user.pk] = (user.get_full_name() or user.get_username(), now)
    cache.set(key, present, PRESENCE_TTL)
    return sorted(name for user_id, (name, _) in present.items() if user_id != user.pk)


def leave(kind: str, pk, user) -> None:
    key = _presence_key(kind, pk)
    present = cache.get(key) or {}
    if present.pop(user.pk, None) is not None:
        cache.set(key, present, PRESENCE_TTL)


# Registry upkeep ---------------------------------------------------------------------------


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


@transaction.atomic
def merge_actors(keep: Actor, others, user=None) -> dict[str, int]:
    """Fold ``others`` into ``keep``: their mentions, quotes and members move to ``keep``,
    their names and aliases become its aliases, and they are deleted. Returns counts."""
    counts = {"mentions moved": 0, "mentions dropped": 0, "quotes moved": 0}
    others = [actor for actor in others if actor.pk != keep.pk]
    for other in others:
        for mention in Mention.objects.filter(actor=other).select_related("update"):
            mention._history_user = user
            # One mention per (update, actor): an update that names both keeps keep's.
            if Mention.objects.filter(update_id=mention.update_id, actor=keep).exists():
                mention.delete()
                counts["mentions dropped"] += 1
            else:
                mention.actor = keep
                mention._change_reason = f"Merged {other.name} into {keep.name}"
                mention.save()
                counts["mentions moved"] += 1
        for quote in Quote.objects.filter(actor=other):
            quote.actor = keep
            quote.save()
            counts["quotes moved"] += 1
        Actor.objects.filter(affiliation=other).exclude(pk=keep.pk).update(
            affiliation=keep, updated_at=timezone.now()
        )
    keep.aliases = _merged_list(
        keep.aliases, *([o.name, *o.aliases] for o in others), exclude=[keep.name]
    )
    for field in ["title", "description", "wikidata_id"]:
        if not getattr(keep, field):
            setattr(keep, field, next((getattr(o, field) for o in others if getattr(o, field)), ""))
    if keep.affiliation_id in {o.pk for o in others}:
        keep.affiliation = None
    for other in others:
        other._history_user = user
        other._change_reason = f"Merged into {keep.name}"
        other.delete()  # after its wikidata_id is free to move (a unique column)
    keep.is_reviewed = True
    keep._history_user = user
    keep._change_reason = "Merged in: " + ", ".join(o.name for o in others)
    keep.save()
    return counts


@transaction.atomic
def merge_sources(keep: Source, others, user=None) -> dict[str, int]:
    """Fold ``others`` into ``keep``: citations and originated briefings move, names,
    aliases and domains are kept, and the others are deleted. Returns counts."""
    counts = {"citations moved": 0, "citations dropped": 0}
    others = [source for source in others if source.pk != keep.pk]
    for other in others:
        for citation in Citation.objects.filter(source=other):
            citation._history_user = user
            # One citation per (update, source): keep keep's, taking the stronger role.
            existing = Citation.objects.filter(update_id=citation.update_id, source=keep).first()
            if existing is not None:
                stronger = citation.role == Citation.Role.PRIMARY
                if stronger or (citation.url and not existing.url):
                    existing.role = Citation.Role.PRIMARY if stronger else existing.role
                    existing.url = existing.url or citation.url
                    existing._history_user = user
                    existing.save()
                citation.delete()
                counts["citations dropped"] += 1
            else:
                citation.source = keep
                citation._change_reason = f"Merged {other.name} into {keep.name}"
                citation.save()
                counts["citations moved"] += 1
        Briefing.objects.filter(origin=other).update(
            origin=keep, updated_at=timezone.now(), version=F("version") + 1
        )
    keep.aliases = _merged_list(
        keep.aliases, *([o.name, *o.aliases] for o in others), exclude=[keep.name]
    )
    keep.domains = _merged_list(keep.domains, *(o.domains for o in others))
    for field in ["homepage", "country", "description"]:
        if not getattr(keep, field):
            setattr(keep, field, next((getattr(o, field) for o in others if getattr(o, field)), ""))
    for other in others:
        other._history_user = user
        other._change_reason = f"Merged into {keep.name}"
        other.delete()
    keep.is_reviewed = True
    keep._history_user = user
    keep._change_reason = "Merged in: " + ", ".join(o.name for o in others)
    keep.save()
    return counts


def is_unused(entry: Actor | Source) -> bool:
    if isinstance(entry, Actor):
        return not (entry.mentions.exists() or entry.quotes.exists() or entry.members.exists())
    return not (entry.citations.exists() or entry.originated_briefings.exists())


# Deleted updates ---------------------------------------------------------------------------


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


__all__ = [
    "CannotRestore",
    "changes_since",
    "deleted_updates",
    "heartbeat",
    "is_unused",
    "leave",
    "merge_actors",
    "merge_sources",
    "restore_update",
]

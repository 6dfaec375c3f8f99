"""Stored counts: mentions per actor, citations per source, uses per tag, updates per briefing.

Lists of actors, sources, tags and briefings show how often each is referred to where readers
can see it. Counting that on every request reads every mention of every published update (2 s
at 1,000,000 updates); these counts are stored instead, so a list costs the same at any size.

What is counted is what readers may see — the ``published()`` rule, the same one as
``RegistryQuerySet.public()``: a mention, citation or tagging of an update that is
published, due and in a published briefing (a tag on a published briefing too). Each
update carries whether the counts include it (``Update.is_counted``, and
``Briefing.is_counted`` for a briefing's own tags), and the counts move when that flag
flips or when a row of a counted update is added or removed, in the transaction of the
change, by ``UPDATE … SET n = n + d`` (never a read-modify-write).

A scheduled update or briefing becomes visible with no save, at its due moment, and a
count cannot change by itself. It is counted by the first list request after that moment
(``settle_due_counts()``, called by the views that show counts): two small queries on
partial indexes of what is not counted yet look for what came due, and only when something
has is anything counted. Until then it is not in a list, which is the safe
side: a scheduled update's actors are never listed before readers may see it.

Writes that send no signals (``bulk_create``, ``queryset.update()``) call ``rows_created()``
or ``sync_updates()`` themselves (the importer does); ``rebuild_counts()`` (the
``rebuild_counts`` command) recomputes everything after anything else, such as a restore.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Count, Exists, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils import timezone
from taggit.models import TaggedItem

from .briefing import Briefing
from .common import Status
from .registry import Actor, Source
from .tags import TagUse, taggings_of
from .update import Citation, Mention, Update

CHUNK = 2000

# The rows by which an update refers to an entry: (row model, its key to the entry, the
# entry model, the entry's stored count).
REFERENCES = (
    (Mention, "actor", Actor, "mention_count"),
    (Citation, "source", Source, "citation_count"),
)


def _chunks(pks: list[int]):
    for start in range(0, len(pks), CHUNK):
        yield pks[start : start + CHUNK]


def _add(model, field: str, amounts: dict[int, int], using: str) -> None:
    """Add ``amounts[pk]`` to ``model.field``: one UPDATE per distinct amount."""
    by_amount = defaultdict(list)
    for pk, n in amounts.items():
        if n:
            by_amount[n].append(pk)
    if model is TagUse and by_amount:
        TagUse.objects.using(using).bulk_create(
            [TagUse(tag_id=pk) for pk in amounts], ignore_conflicts=True
        )
    for n, pks in by_amount.items():
        for chunk in _chunks(pks):
            model._base_manager.using(using).filter(pk__in=chunk).update(**{field: F(field) + n})


def _taggings(model, using: str) -> models.QuerySet:
    return taggings_of(model).using(using)


def _grouped(queryset, key: str, sign: int) -> dict[int, int]:
    rows = queryset.order_by().values(key).annotate(n=Count("pk")).values_list(key, "n")
    return {pk: sign * n for pk, n in rows}


def _move_updates(pks: list[int], sign: int, using: str, flag: bool = True) -> None:
    """Count (``sign`` 1) or stop counting (-1) the updates ``pks``, all of them currently
    the other way; ``flag``: set their ``is_counted`` too."""
    for chunk in _chunks(pks):
        updates = Update._base_manager.using(using).filter(pk__in=chunk)
        if flag:
            updates.update(is_counted=sign > 0)
        for row_model, key, entry_model, field in REFERENCES:
            rows = row_model._base_manager.using(using).filter(update_id__in=chunk)
            _add(entry_model, field, _grouped(rows, key, sign), using)
        tagged = _taggings(Update, using).filter(object_id__in=chunk)
        _add(TagUse, "update_count", _grouped(tagged, "tag", sign), using)
        _add(Briefing, "update_count", _grouped(updates, "briefing", sign), using)


def _move_briefings(pks: list[int], sign: int, using: str) -> None:
    """Count or stop counting the briefings ``pks`` themselves (their tags)."""
    for chunk in _chunks(pks):
        Briefing._base_manager.using(using).filter(pk__in=chunk).update(is_counted=sign > 0)
        tagged = _taggings(Briefing, using).filter(object_id__in=chunk)
        _add(TagUse, "briefing_count", _grouped(tagged, "tag", sign), using)


def _flips(selection: models.QuerySet, published: models.QuerySet) -> tuple[list, list]:
    """Rows of ``selection`` that readers may see but are not counted, and the reverse."""
    public = set(published.values_list("pk", flat=True))
    flags = selection.values_list("pk", "is_counted")
    on = [pk for pk, counted in flags if not counted and pk in public]
    off = [pk for pk, counted in flags if counted and pk not in public]
    return on, off


def sync_updates(selection: models.QuerySet, using: str = "default") -> None:
    """Bring the updates of ``selection`` (a queryset of Update) in line with
    ``published()``, moving the counts of those that flipped."""
    selection = selection.using(using).order_by()
    on, off = _flips(selection, selection.published())
    _move_updates(on, 1, using)
    _move_updates(off, -1, using)


def sync_briefings(selection: models.QuerySet, using: str = "default") -> None:
    """The same for briefings, and then for all their updates."""
    selection = selection.using(using).order_by()
    pks = list(selection.values_list("pk", flat=True))  # before the flags it selects on move
    on, off = _flips(selection.filter(pk__in=pks), selection.filter(pk__in=pks).published())
    _move_briefings(on, 1, using)
    _move_briefings(off, -1, using)
    for chunk in _chunks(pks):
        sync_updates(Update.objects.filter(briefing__in=chunk), using)


def rows_created(rows: Iterable[models.Model], using: str = "default") -> None:
    """Count mentions, citations and taggings inserted without signals (``bulk_create``)
    whose update is counted; the rows of uncounted updates wait for ``sync_updates()``."""
    rows = list(rows)
    update_ids = {row.update_id for row in rows if hasattr(row, "update_id")}
    counted = set(
        Update._base_manager.using(using)
        .filter(pk__in=update_ids, is_counted=True)
        .values_list("pk", flat=True)
    )
    for row_model, key, entry_model, field in REFERENCES:
        amounts = defaultdict(int)
        for row in rows:
            if isinstance(row, row_model) and row.update_id in counted:
                amounts[getattr(row, f"{key}_id")] += 1
        _add(entry_model, field, amounts, using)


# Scheduled updates and briefings coming due ---------------------------------------------


def due_uncounted(now, using: str = "default") -> tuple[models.QuerySet, models.QuerySet]:
    """The briefings and the scheduled updates that came due by ``now`` and are not counted
    yet: read on the partial indexes of what is not counted (``briefing_uncounted``,
    ``update_uncounted``), so asking costs the same however much is counted."""
    briefings = Briefing.objects.using(using).filter(
        is_counted=False, status=Status.PUBLISHED, published_at__lte=now
    )
    updates = Update.objects.using(using).filter(
        is_counted=False,
        publish_at__isnull=False,
        publish_at__lte=now,
        status=Status.PUBLISHED,
        briefing__is_counted=True,
    )
    return briefings, updates


def settle_due_counts(using: str = "default") -> None:
    """Count the scheduled updates and briefings that have come due: two small queries on
    the partial indexes of what is not counted (a range of due moments up to now, which
    holds only what came due and is not counted yet), and the counting itself only when
    something has."""
    briefings, updates = due_uncounted(timezone.now(), using)
    if briefings.exists() or updates.exists():
        with transaction.atomic(using=using):
            sync_briefings(briefings, using)
            sync_updates(updates, using)


# Recomputing ----------------------------------------------------------------------------


def recount(using: str = "default") -> dict[str, dict[int, int]]:
    """What the stored counts should be, computed from the ``published()`` rule alone
    (non-zero counts only): for checks and tests."""
    updates = Update.objects.using(using).published()
    briefings = Briefing.objects.using(using).published()
    result = {}
    for row_model, key, entry_model, _ in REFERENCES:
        rows = row_model._base_manager.using(using).filter(update__in=updates.values("pk"))
        result[entry_model._meta.model_name] = _grouped(rows, key, 1)
    result["briefing"] = _grouped(updates, "briefing", 1)
    result["tag updates"] = _grouped(
        _taggings(Update, using).filter(object_id__in=updates.values("pk")), "tag", 1
    )
    result["tag briefings"] = _grouped(
        _taggings(Briefing, using).filter(object_id__in=briefings.values("pk")), "tag", 1
    )
    return result


def stored(using: str = "default") -> dict[str, dict[int, int]]:
    """The stored counts, in the shape of ``recount()``."""

    def nonzero(queryset, field):
        return dict(queryset.filter(**{f"{field}__gt": 0}).values_list("pk", field))

    return {
        "actor": nonzero(Actor._base_manager.using(using), "mention_count"),
        "source": nonzero(Source._base_manager.using(using), "citation_count"),
        "briefing": nonzero(Briefing._base_manager.using(using), "update_count"),
        "tag updates": nonzero(TagUse.objects.using(using), "update_count"),
        "tag briefings": nonzero(TagUse.objects.using(using), "briefing_count"),
    }


def rebuild_counts(using: str = "default") -> dict[str, int]:
    """Recompute every stored count and flag from the ``published()`` rule, in one
    transaction. Returns how many rows of each kind are counted."""
    with transaction.atomic(using=using):
        for model in (Briefing, Update):
            # Only the flags that are wrong: rewriting every row would leave as many dead
            # rows behind on PostgreSQL (and fill the uncounted rows' partial index).
            published = model.objects.using(using).published()
            published.filter(is_counted=False).update(is_counted=True)
            model._base_manager.using(using).filter(is_counted=True).exclude(
                Exists(published.filter(pk=OuterRef("pk")))
            ).update(is_counted=False)
        counted = Update._base_manager.using(using).filter(is_counted=True)
        for row_model, key, entry_model, field in REFERENCES:
            rows = row_model._base_manager.using(using).filter(
                **{key: OuterRef("pk")}, update__is_counted=True
            )
            number = rows.order_by().values(key).annotate(n=Count("pk")).values("n")
            entry_model._base_manager.using(using).update(**{field: Coalesce(Subquery(number), 0)})
        number = (
            counted.filter(briefing=OuterRef("pk"))
            .order_by()
            .values("briefing")
            .annotate(n=Count("pk"))
            .values("n")
        )
        Briefing._base_manager.using(using).update(update_count=Coalesce(Subquery(number), 0))
        TagUse.objects.using(using).all().delete()
        uses = defaultdict(lambda: [0, 0])
        for index, model in enumerate((Update, Briefing)):
            counted_rows = model._base_manager.using(using).filter(is_counted=True)
            tagged = _taggings(model, using).filter(object_id__in=counted_rows.values("pk"))
            for tag_id, n in _grouped(tagged, "tag", 1).items():
                uses[tag_id][index] = n
        TagUse.objects.using(using).bulk_create(
            [TagUse(tag_id=t, update_count=u, briefing_count=b) for t, (u, b) in uses.items()],
            batch_size=CHUNK,
        )
    return {
        "updates": counted.count(),
        "briefings": Briefing._base_manager.using(using).filter(is_counted=True).count(),
        "actors": Actor._base_manager.using(using).filter(mention_count__gt=0).count(),
        "sources": Source._base_manager.using(using).filter(citation_count__gt=0).count(),
        "tags": len(uses),
    }


# Change points --------------------------------------------------------------------------


@receiver(post_save, sender=Update, dispatch_uid="counts_update_saved")
def _update_saved(sender, instance, raw=False, using="default", **kwargs):
    if raw:
        return
    sync_updates(Update.objects.filter(pk=instance.pk), using)


@receiver(post_save, sender=Briefing, dispatch_uid="counts_briefing_saved")
def _briefing_saved(sender, instance, raw=False, using="default", **kwargs):
    if raw:
        return
    sync_briefings(Briefing.objects.filter(pk=instance.pk), using)


@receiver(pre_delete, sender=Update, dispatch_uid="counts_update_deleted")
def _update_deleted(sender, instance, using="default", **kwargs):
    # Before the rows that cascade with it go: they then find the update uncounted.
    if (
        Update._base_manager.using(using)
        .filter(pk=instance.pk, is_counted=True)
        .update(is_counted=False)
    ):
        _move_updates([instance.pk], -1, using, flag=False)


@receiver(pre_delete, sender=Briefing, dispatch_uid="counts_briefing_deleted")
def _briefing_deleted(sender, instance, using="default", **kwargs):
    # Its updates, deleted with it, are each uncounted by _update_deleted.
    if Briefing._base_manager.using(using).filter(pk=instance.pk, is_counted=True).exists():
        _move_briefings([instance.pk], -1, using)


def _add_if_counted(model, field, pk, owner, owner_pk, sign, using) -> None:
    """``model.field += sign`` for row ``pk`` if ``owner`` (Update or Briefing) ``owner_pk``
    is counted: one query."""
    is_counted = owner._base_manager.using(using).filter(pk=owner_pk, is_counted=True)
    if model is TagUse:
        TagUse.objects.using(using).get_or_create(tag_id=pk)
    model._base_manager.using(using).filter(pk=pk).filter(Exists(is_counted)).update(
        **{field: F(field) + sign}
    )


def _reference(instance):
    for row_model, key, entry_model, field in REFERENCES:
        if isinstance(instance, row_model):
            return key, entry_model, field
    return None


@receiver(pre_save, dispatch_uid="counts_reference_moving")
def _reference_moving(sender, instance, raw=False, using="default", **kwargs):
    if raw or instance._state.adding or sender not in (Mention, Citation):
        return
    key, _, _ = _reference(instance)
    stored = sender._base_manager.using(using).filter(pk=instance.pk)
    instance._counted_as = stored.values_list("update_id", f"{key}_id").first()


@receiver(post_save, dispatch_uid="counts_reference_saved")
def _reference_saved(sender, instance, created, raw=False, using="default", **kwargs):
    if raw or sender not in (Mention, Citation):
        return
    key, entry_model, field = _reference(instance)
    now = (instance.update_id, getattr(instance, f"{key}_id"))
    before = None if created else getattr(instance, "_counted_as", None)
    if before == now:
        return
    if before is not None:
        _add_if_counted(entry_model, field, before[1], Update, before[0], -1, using)
    _add_if_counted(entry_model, field, now[1], Update, now[0], 1, using)


@receiver(post_delete, dispatch_uid="counts_reference_deleted")
def _reference_deleted(sender, instance, using="default", **kwargs):
    if sender in (Mention, Citation):
        key, entry_model, field = _reference(instance)
        entry_id = getattr(instance, f"{key}_id")
        _add_if_counted(entry_model, field, entry_id, Update, instance.update_id, -1, using)
    elif sender is TaggedItem:
        _tagging_changed(instance, -1, using)


@receiver(post_save, sender=TaggedItem, dispatch_uid="counts_tagging_saved")
def _tagging_saved(sender, instance, created, raw=False, using="default", **kwargs):
    if created and not raw:
        _tagging_changed(instance, 1, using)


def _tagging_changed(tagging, sign: int, using: str) -> None:
    for model, field in ((Update, "update_count"), (Briefing, "briefing_count")):
        content_type = ContentType.objects.db_manager(using).get_for_model(model)
        if tagging.content_type_id == content_type.pk:
            _add_if_counted(TagUse, field, tagging.tag_id, model, tagging.object_id, sign, using)


def differences(using: str = "default") -> list[str]:
    """Stored counts that differ from ``recount()``: "actor 12: stored 3, should be 4"."""
    should, have = recount(using), stored(using)
    wrong = []
    for kind, numbers in should.items():
        for pk in sorted(set(numbers) | set(have[kind])):
            if numbers.get(pk, 0) != have[kind].get(pk, 0):
                wrong.append(
                    f"{kind} {pk}: stored {have[kind].get(pk, 0)}, should be {numbers.get(pk, 0)}"
                )
    return wrong

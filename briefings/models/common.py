"""What the app's models share: statuses, slugs, zone labels and optimistic locking."""

import zoneinfo
from datetime import datetime

from django.db import models, router, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


def unique_slug(model: type[models.Model], text: str, *, exclude_pk=None, max_length=100) -> str:
    """A slug for ``text`` that no other row of ``model`` has: "nato", "nato-2", …"""
    base = slugify(text)[:max_length].strip("-") or model._meta.model_name
    taken = set(
        model._default_manager.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        suffix = f"-{n}"
        slug = base[: max_length - len(suffix)] + suffix
        n += 1
    return slug


def zone_label(moment: datetime, time_zone: str) -> str:
    """The zone's abbreviation at ``moment``: "GMT", "BST", "EET", "EST" …

    UTC is shown as GMT, as the newsroom's own documents write it ("UPDATE 1515 GMT").
    """
    if time_zone == "UTC":
        return "GMT"
    return moment.astimezone(zoneinfo.ZoneInfo(time_zone)).strftime("%Z")


class StaleVersion(Exception):
    """A save based on a version of the row that someone else has saved over since."""

    def __init__(self, instance, loaded_version):
        self.instance = instance
        self.loaded_version = loaded_version
        super().__init__(
            f"{instance._meta.verbose_name} {instance.pk} was saved by someone else "
            f"after version {loaded_version} was loaded"
        )


class KeepsStoredCounts(models.Model):
    """A model with stored counts (``stored_counts``), which only ``briefings.models.counts``
    writes, with ``UPDATE … SET n = n + d`` in the transaction of each change: a save of an
    instance loaded earlier leaves them out, or it would write back the number it was
    loaded with over changes made since."""

    stored_counts: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):
        kept = [v for v in values if v[0].attname not in self.stored_counts]
        return super()._do_update(base_qs, using, pk_val, kept, update_fields, forced_update)


class VersionedModel(models.Model):
    """Optimistic locking on ``version``: a save succeeds only over the version it was loaded
    with, so two people saving the same row can never silently overwrite each other.

    The claim is one statement, ``UPDATE … SET version = version + 1 WHERE pk = … AND
    version = <loaded>``, inside the save's transaction: the database serialises two
    concurrent claims on the row (PostgreSQL's row lock, SQLite's write lock), so exactly
    one of them changes a row and the other raises ``StaleVersion``.
    """

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding or self.pk is None:
            return super().save(*args, **kwargs)
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            previous = self.claim_next_version(using)
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version", "updated_at"}
            self.before_versioned_save(previous, kwargs.get("update_fields"))
            return super().save(*args, **kwargs)

    def claim_next_version(self, using) -> dict:
        """Move the stored row from our version to the next one; return its previous values
        of ``tracked_fields``, or raise ``StaleVersion``."""
        row = type(self)._base_manager.using(using).filter(pk=self.pk)
        claimed = row.filter(version=self.version).update(
            version=F("version") + 1, updated_at=timezone.now()
        )
        if not claimed:
            raise StaleVersion(self, self.version)
        self.version += 1
        # Read after the claim: the row is ours now, and only its version has moved.
        return row.values(*self.tracked_fields).get() if self.tracked_fields else {}

    tracked_fields: tuple[str, ...] = ()

    def before_versioned_save(self, previous: dict, update_fields) -> None:
        """A hook for a subclass that reacts to what the save changes."""

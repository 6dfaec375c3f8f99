"""Updates, the timestamped entries of a briefing, and what is shown inside them."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from ..markup import render_markdown
from .common import KeepsStoredCounts, Status, VersionedModel, zone_label

# A correction written up to this long before a material edit still explains it: the
# correction is typed into the same form as the edit, and its time is set when the form is.
CORRECTION_EXPLAINS_EDITS_WITHIN = timedelta(minutes=15)


class UpdateQuerySet(models.QuerySet):
    def published(self, now: datetime | None = None) -> "UpdateQuerySet":
        """What readers may see: published, due, and in a published briefing (at ``now``)."""
        now = now or timezone.now()
        return self.filter(
            Q(publish_at__isnull=True) | Q(publish_at__lte=now),
            status=Status.PUBLISHED,
            briefing__status=Status.PUBLISHED,
            briefing__published_at__lte=now,
        )

    def published_in_order(self) -> "UpdateQuerySet":
        """``published()``, asked so that the database can walk the updates in the order a
        page asks for (the index on ``posted_at``) and check each one's briefing by its key,
        stopping when the page is full. ``published()`` joins the briefings, and SQLite then
        lists every published briefing's updates and sorts them all to keep the newest 50
        (the site feed: 84 ms of SQL at 100,000 updates, against 1 ms this way)."""
        now = timezone.now()
        briefings = self.model._meta.get_field("briefing").related_model.objects.published()
        return self.filter(
            Q(publish_at__isnull=True) | Q(publish_at__lte=now), status=Status.PUBLISHED
        ).filter(Exists(briefings.filter(pk=OuterRef("briefing"))))

    def referred_to_by(
        self,
        rows: models.QuerySet,
        key: str,
        count: int,
        reach: int,
        total: int | None = None,
        *,
        newest_only: bool = False,
    ):
        """Published updates that ``rows`` refer to (the mentions of one actor, the citations
        of one source, the taggings of one tag; ``key`` names their column holding the
        update's id), newest first, found the cheaper of two ways:

        - from the rows: all ``count`` of them (a stored count), their updates then sorted,
          which is cheap for an actor named a few hundred times;
        - from the newest updates: walked in order (the index on ``posted_at``), each looked
          up in the rows' index, until ``reach`` (how far down the list the page reads) are
          found: about ``reach × total / count`` lookups, cheap for an actor named in a
          quarter of everything (25,340 mentions at 100,000 updates: 1 ms, against 43 ms
          from the rows).

        A lookup in the walk costs about a quarter of a row read from the rows, so the walk
        is taken when ``reach × total < 4 × count²``; the cheaper way then reads at most
        about √(reach × total) rows, whatever the entry (1,000 for the first page at 100,000
        updates, 3,000 at 1,000,000). ``total`` is the newest update's id, an estimate good
        enough to choose by: given (``newest_update_id()`` annotated on the entry's own row),
        or one query on the primary key."""
        if total is None:
            total = next(iter(self.model._base_manager.aggregate(n=models.Max("pk")).values()))
        total = total or 0
        if reach * total < 4 * count * count:
            return self.filter(Exists(rows.filter(**{key: OuterRef("pk")})))
        if newest_only:
            # The caller reads only the newest ``reach``: they are picked on narrow rows
            # (id and time) before whole ones are read. Sorting whole rows made SQLite read
            # every candidate's body: 16.5 → 6.5 ms for a source cited 1,945 times among
            # 1,000,000 updates. Not for a filter other filters narrow further.
            newest = self.filter(pk__in=rows.values(key)).newest_first().values("pk")[:reach]
            return self.filter(pk__in=newest)
        return self.filter(pk__in=rows.values(key))

    def newest_first(self) -> "UpdateQuerySet":
        """Newest first; the id breaks ties (imported entries share a minute)."""
        return self.order_by("-posted_at", "-pk")

    def in_reading_order(self) -> "UpdateQuerySet":
        """Newest first, entries of the same minute in document order, the original entry last."""
        return self.order_by("is_original_entry", "-posted_at", "position", "-pk")

    def _gallery(self) -> models.QuerySet:
        return self.model._meta.get_field("gallery").related_model.objects.all()

    def for_display(self) -> "UpdateQuerySet":
        """Everything a rendered update needs, in a constant number of queries."""
        return self.select_related("briefing").prefetch_related(*self.shown_inside())

    def shown_inside(self, tags: bool = True) -> list:
        """The rows shown inside a rendered update, as lookups for ``prefetch_related()`` or
        ``prefetch_related_objects()`` (a briefing's page reads its updates' tags itself:
        ``templatetags/fragments.py``)."""
        return [
            models.Prefetch(
                "citations",
                queryset=Citation.objects.select_related("source").order_by("position", "pk"),
            ),
            models.Prefetch(
                "mentions",
                queryset=Mention.objects.filter(actor__is_reviewed=True)
                .select_related("actor")
                .order_by("position", "pk"),
            ),
            models.Prefetch("corrections", queryset=Correction.objects.order_by("published_at")),
            *(["tags"] if tags else []),
            "embeds",  # embeds.Embed, by name: this app does not import that one
            # images.UpdateImage with its image, in one query and in order (its Meta.ordering);
            # found through the relation, as this app imports nothing of that one.
            models.Prefetch("gallery", queryset=self._gallery().select_related("image")),
        ]


def newest_update_id() -> models.Subquery:
    """The newest update's id, to annotate an entry's row with (the ``total`` of
    ``UpdateQuerySet.referred_to_by``): read with the entry, in the same query."""
    return models.Subquery(Update._base_manager.order_by("-pk").values("pk")[:1])


class Update(VersionedModel, KeepsStoredCounts):
    """One timestamped entry of a briefing: "UPDATE 1515 GMT: …", or one digest bullet."""

    briefing = models.ForeignKey(
        "briefings.Briefing", on_delete=models.CASCADE, related_name="updates"
    )
    posted_at = models.DateTimeField(default=timezone.now, db_index=True)
    headline = models.CharField(max_length=300, blank=True)
    section = models.CharField(
        max_length=200, blank=True, help_text="A digest's topic heading; bullets are grouped by it."
    )
    body = models.TextField(help_text="Markdown. HTML is shown as text.")
    body_html = models.TextField(editable=False)
    byline = models.CharField(max_length=200, blank=True, help_text="Who wrote this entry.")
    credit = models.CharField(
        max_length=300, blank=True, help_text="Photo or map credit: “Photograph: …/Reuters”."
    )
    is_original_entry = models.BooleanField(
        "original entry", default=False, help_text="The entry coverage opened with; shown last."
    )
    is_key_event = models.BooleanField("key event", default=False)
    is_pinned = models.BooleanField("pinned", default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        null=True, blank=True, help_text="Leave empty to publish now; a future time schedules it."
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="briefing_updates",
    )
    position = models.PositiveIntegerField(
        default=0, help_text="Document order among entries posted at the same time."
    )
    tags = TaggableManager(blank=True)
    # NULL, not "", for rows that were not imported: a unique column may hold many NULLs.
    import_key = models.CharField(max_length=64, null=True, unique=True, editable=False)  # noqa: DJ001
    version = models.PositiveIntegerField(default=1, editable=False)
    edited_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the headline or body of the published update was last changed.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    # Whether the stored counts include this update: true exactly when readers may see it
    # (``published()``), kept so by ``briefings.models.counts``.
    is_counted = models.BooleanField(default=False, editable=False)

    history = HistoricalRecords(excluded_fields=["is_counted"])
    objects = UpdateQuerySet.as_manager()
    stored_counts = ("is_counted",)

    class Meta:
        ordering = ["is_original_entry", "-posted_at", "position", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["briefing"],
                condition=Q(is_original_entry=True),
                name="one_original_entry_per_briefing",
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="update_status_is_known"
            ),
        ]
        indexes = [
            models.Index(fields=["briefing", "status", "posted_at"]),
            # Scheduled updates waiting to be counted when they come due (counts.py).
            models.Index(
                fields=["publish_at"],
                condition=Q(is_counted=False),
                name="update_uncounted",
            ),
        ]
        permissions = [
            ("publish_update", "Can publish, schedule and unpublish updates, and edit anyone's")
        ]

    def __str__(self):
        return self.headline or self.body[:80]

    # What a save compares with the stored row: see before_versioned_save().
    tracked_fields = ("status", "publish_at", "headline", "body")

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("briefings:update", args=[self.briefing.slug, self.pk])

    @property
    def anchor(self) -> str:
        return f"update-{self.pk}"

    def get_anchor_url(self) -> str:
        """Where the update sits on its briefing's page."""
        return f"{self.briefing.get_absolute_url()}#{self.anchor}"

    @property
    def zone_label(self) -> str:
        return zone_label(self.posted_at, self.briefing.time_zone)

    def cited(self) -> tuple[list["Citation"], list["Citation"]]:
        """Primary and see-also citations, in order, from the prefetched rows."""
        citations = list(self.citations.all())
        primary = [c for c in citations if c.role == Citation.Role.PRIMARY]
        see_also = [c for c in citations if c.role == Citation.Role.SEE_ALSO]
        return primary, see_also

    def before_versioned_save(self, previous, update_fields):
        """A material edit — headline or body — of an update readers could see is dated,
        so that readers are told ("Updated 10:02 GMT") unless a correction explains it."""
        now = timezone.now()
        was_public = previous["status"] == Status.PUBLISHED and (
            previous["publish_at"] is None or previous["publish_at"] <= now
        )
        material = (previous["headline"], previous["body"]) != (self.headline, self.body)
        if was_public and material:
            self.edited_at = now
            if update_fields is not None:
                update_fields.add("edited_at")

    @property
    def unexplained_edit_at(self) -> datetime | None:
        """When readers should read "Updated …": the last material edit, unless a correction
        was published around or after it (the correction says what changed)."""
        if self.edited_at is None:
            return None
        since = self.edited_at - CORRECTION_EXPLAINS_EDITS_WITHIN
        if any(c.published_at >= since for c in self.corrections.all()):
            return None
        return self.edited_at


class PartOfUpdate(models.Model):
    """A row shown inside an update (citation, mention, quote, correction): saving or
    deleting it moves the update's ``updated_at``, which is how readers' pages and caches
    learn that the update changed."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.touch_update()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.touch_update()
        return result

    def touch_update(self):
        Update.objects.filter(pk=self.update_id).update(updated_at=timezone.now())


class Citation(PartOfUpdate):
    """An update citing a source: rendered "(NBC News; see also Reuters)"."""

    class Role(models.TextChoices):
        PRIMARY = "primary", "Primary"
        SEE_ALSO = "see_also", "See also"

    update = models.ForeignKey(Update, on_delete=models.CASCADE, related_name="citations")
    source = models.ForeignKey(
        "briefings.Source", on_delete=models.PROTECT, related_name="citations"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.PRIMARY)
    url = models.URLField("URL", max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["update", "source"], name="cite_a_source_once"),
        ]

    def __str__(self):
        return f"{self.source} ({self.get_role_display()})"


class Mention(PartOfUpdate):
    """An update being about an actor."""

    update = models.ForeignKey(Update, on_delete=models.CASCADE, related_name="mentions")
    actor = models.ForeignKey("briefings.Actor", on_delete=models.PROTECT, related_name="mentions")
    surface = models.CharField(
        max_length=200, blank=True, help_text="The spelling found in the text, if different."
    )
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["update", "actor"], name="mention_an_actor_once"),
        ]

    def __str__(self):
        return str(self.actor)


class Quote(PartOfUpdate):
    """Words an actor is quoted as saying in an update: the actor's statement timeline."""

    update = models.ForeignKey(Update, on_delete=models.CASCADE, related_name="quotes")
    actor = models.ForeignKey("briefings.Actor", on_delete=models.PROTECT, related_name="quotes")
    text = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.actor}: “{self.text[:60]}”"


class Correction(PartOfUpdate):
    """A dated, public note on an update: a mistake is corrected in the open, never silently."""

    update = models.ForeignKey(Update, on_delete=models.CASCADE, related_name="corrections")
    text = models.TextField()
    published_at = models.DateTimeField(default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["published_at", "pk"]

    def __str__(self):
        return f"Correction, {self.published_at:%d %b %Y %H:%M}: {self.text[:60]}"

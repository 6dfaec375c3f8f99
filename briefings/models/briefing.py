"""Briefings: running coverage of one story, and how to tell when it last changed."""

import zoneinfo
from datetime import UTC, datetime, timedelta

from django.db import models
from django.db.models import Max, Min, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from ..fields import validate_time_zone
from .common import KeepsStoredCounts, Status, VersionedModel, unique_slug
from .registry import Source
from .update import Update

# Change tracking: when anything readers see of a briefing last changed. Pages, the poll
# endpoint and the caches in front of them are keyed on it.

# A change is looked for a little before the moment asked about: an update saved just before
# a reader's request but committed just after it carries an older ``updated_at`` than the
# answer that missed it. Until this long after a change, an answer may still be incomplete.
CHANGE_OVERLAP = timedelta(seconds=5)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def to_cursor(moment: datetime | None) -> str:
    """A change moment as readers pass it back: microseconds since the epoch, "0" for none."""
    if moment is None:
        return "0"
    return str((moment - EPOCH) // timedelta(microseconds=1))


def has_settled(moment: datetime | None) -> bool:
    """Whether an answer made now about a change at ``moment`` can be kept: not within
    CHANGE_OVERLAP of it, when a transaction that began before it may still commit."""
    return moment is None or timezone.now() - moment >= CHANGE_OVERLAP


class BriefingQuerySet(models.QuerySet):
    def published(self, now: datetime | None = None) -> "BriefingQuerySet":
        """What readers may see: published, and not scheduled for later (than ``now``)."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=now or timezone.now())

    def live(self) -> "BriefingQuerySet":
        """Live logs whose coverage has not ended."""
        return self.filter(Briefing.live_condition())

    def with_change_moments(self, now: datetime | None = None) -> "BriefingQuerySet":
        """Briefings with when their updates were last saved, last came due and last deleted,
        in the same query: with the briefing's own ``updated_at`` they make its
        ``latest_change`` at no further cost."""
        now = now or timezone.now()

        def latest(queryset, field):
            return models.Subquery(
                queryset.order_by().values("briefing_id").annotate(at=Max(field)).values("at")
            )

        updates = Update.objects.filter(briefing=models.OuterRef("pk"))
        deletions = Update.history.filter(briefing_id=models.OuterRef("pk"), history_type="-")
        return self.annotate(
            last_saved_at=latest(updates, "updated_at"),
            last_due_at=latest(updates.filter(publish_at__lte=now), "publish_at"),
            last_deleted_at=latest(deletions, "history_date"),
        )

    def with_version_moments(self, now: datetime | None = None) -> "BriefingQuerySet":
        """``with_change_moments()``, and when the next scheduled update of each briefing
        comes due (``next_due_at``): until then, its latest change cannot move by itself."""
        now = now or timezone.now()
        due = Update.objects.filter(
            briefing=models.OuterRef("pk"), status=Status.PUBLISHED, publish_at__gt=now
        )
        return self.with_change_moments(now).annotate(
            next_due_at=models.Subquery(
                due.order_by().values("briefing_id").annotate(at=Min("publish_at")).values("at")
            )
        )

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Briefing(VersionedModel, KeepsStoredCounts):
    """One running story: a live log, a topic digest or a single report."""

    class Kind(models.TextChoices):
        LIVE = "live", "Live log"
        DIGEST = "digest", "Digest"
        ARTICLE = "article", "Article"

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    standfirst = models.TextField(blank=True, help_text="One or two sentences under the title.")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.LIVE)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when first published; a future time schedules it."
    )
    coverage_start = models.DateTimeField(null=True, blank=True)
    coverage_end = models.DateTimeField(
        null=True, blank=True, help_text="A live log is live until its coverage has an end."
    )
    time_zone = models.CharField(
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text="Timestamps are shown in this zone; UTC is shown as GMT.",
    )
    byline = models.CharField(max_length=300, blank=True)
    credit = models.CharField(
        max_length=300, blank=True, help_text="For example “Map: Institute for the Study of War”."
    )
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="continuations",
        help_text="The briefing this one continues.",
    )
    previous_title = models.CharField(
        max_length=300,
        blank=True,
        help_text="How the document names the coverage it continues, when that briefing is "
        "not in Newsroom: “Wednesday’s Coverage: …”.",
    )
    origin = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="originated_briefings",
        help_text="Where an imported document came from.",
    )
    origin_url = models.URLField(max_length=500, blank=True)
    tags = TaggableManager(blank=True)
    # NULL, not "", for rows that were not imported: a unique column may hold many NULLs.
    import_key = models.CharField(max_length=64, null=True, unique=True, editable=False)  # noqa: DJ001
    import_digest = models.CharField(
        max_length=64,
        blank=True,
        db_index=True,
        editable=False,
        help_text="Hash of the imported text and options: an unchanged document is skipped.",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Stored by the change points (models.changes) in the transaction of the change, so that
    # the sitemap dates a briefing without reading its updates. NULL for rows written
    # around them (the benchmark corpus): updated_at stands in.
    changed_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)

    # Stored counts (``briefings.models.counts``): whether readers may see the briefing (its
    # tags are counted then), and how many of its updates they may see.
    is_counted = models.BooleanField(default=False, editable=False)
    update_count = models.IntegerField(
        default=0, editable=False, help_text="Updates readers may see."
    )

    history = HistoricalRecords(
        excluded_fields=["import_digest", "changed_at", "is_counted", "update_count"]
    )
    stored_counts = ("is_counted", "update_count")
    objects = BriefingQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="briefing_status_is_known"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["live", "digest", "article"]),
                name="briefing_kind_is_known",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | Q(published_at__isnull=False),
                name="published_briefing_has_published_at",
            ),
            models.CheckConstraint(
                condition=Q(coverage_end__isnull=True)
                | Q(coverage_start__isnull=True)
                | Q(coverage_end__gte=models.F("coverage_start")),
                name="coverage_ends_after_it_starts",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "published_at"]),
            # Published briefings waiting to be counted when they come due (counts.py). On
            # the status too: given the index above with the same two columns, SQLite's
            # planner took that one and walked every published briefing (~1 ms at 5,000).
            models.Index(
                fields=["status", "published_at"],
                condition=Q(is_counted=False),
                name="briefing_uncounted",
            ),
        ]
        permissions = [("close_coverage", "Can close a briefing's coverage")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Briefing, self.title, exclude_pk=self.pk, max_length=200)
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("briefings:briefing", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @staticmethod
    def live_condition() -> Q:
        return Q(kind="live") & (Q(coverage_end__isnull=True) | Q(coverage_end__gt=timezone.now()))

    @property
    def is_live(self) -> bool:
        return self.kind == self.Kind.LIVE and (
            self.coverage_end is None or self.coverage_end > timezone.now()
        )

    def publish(self, at: datetime | None = None) -> None:
        """Mark the briefing published (unsaved): at ``at`` if given (an import publishes at
        the start of its coverage), else now. Publishing on import is decided here only."""
        self.status = Status.PUBLISHED
        self.published_at = at or timezone.now()

    @property
    def is_published(self) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def latest_change(self) -> datetime | None:
        """When anything readers see of this briefing last changed: the briefing saved, an
        update saved (or a citation, mention or correction of it), come due or deleted.

        No query for a briefing fetched ``with_change_moments()``; one otherwise.
        """
        if hasattr(self, "last_saved_at"):
            moments = self
        else:
            moments = Briefing.objects.with_change_moments().only("updated_at").get(pk=self.pk)
        candidates = [
            moments.last_saved_at,
            moments.last_due_at,
            moments.last_deleted_at,
            moments.updated_at,
        ]
        return max((m for m in candidates if m is not None), default=None)


class Resemblance(models.Model):
    """Two briefings telling one story: a rewrite of the same text, or the same event.

    Stored in both directions, so ``briefing.resemblances`` lists every counterpart.
    """

    class Kind(models.TextChoices):
        DUPLICATE = "duplicate", "Duplicate (a rewrite)"
        RELATED = "related", "Related (the same event)"

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="resemblances")
    other = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    score = models.FloatField(help_text="How much text the two share, 0–1.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "-score"]
        constraints = [
            models.UniqueConstraint(fields=["briefing", "other"], name="resemble_once"),
            models.CheckConstraint(
                condition=~Q(briefing=models.F("other")), name="resemble_another"
            ),
        ]

    def __str__(self):
        return f"{self.briefing} ~ {self.other} ({self.kind})"


class Fingerprint(models.Model):
    """A briefing's text sketch for near-duplicate detection (importing.similarity).

    Kept apart from Briefing so that pages never load it.
    """

    briefing = models.OneToOneField(Briefing, on_delete=models.CASCADE, related_name="fingerprint")
    data = models.JSONField()

    def __str__(self):
        return f"Fingerprint of {self.briefing}"

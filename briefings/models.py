"""Briefings: running coverage of a story, its timestamped updates, and who and what they cite.

Visibility lives in one place: ``Briefing.objects.published()`` and
``Update.objects.published()``. Every public surface goes through them.
"""

import re
import zoneinfo
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models, router, transaction
from django.db.models import F, Max, Q
from django.db.models.functions import Coalesce
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItem

from .fields import ListField, validate_time_zone
from .markup import render_markdown


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


# Registry: who and what updates refer to --------------------------------------------------


class RegistryQuerySet(models.QuerySet):
    """Sources and actors: who and what published updates refer to."""

    def referring_updates(self) -> "UpdateQuerySet":
        """Published updates that refer to the entry of the outer query (for ``Exists``)."""
        path = f"{self.model.references}__{self.model._meta.model_name}"
        return Update.objects.published().filter(**{path: models.OuterRef("pk")})

    def public(self) -> "RegistryQuerySet":
        """What readers may see: entries an editor has reviewed (the importer's proposals
        stay private until then) that a published update refers to. An entry nothing
        public refers to has no page, no feed and no place in a list or the sitemap."""
        # EXISTS, not a join: an entry is checked once, however often it is referred to.
        return self.filter(is_reviewed=True).filter(models.Exists(self.referring_updates()))

    def with_published_references(self) -> "RegistryQuerySet":
        """Each entry with how many published updates refer to it (``reference_count``) and
        when the latest of them last changed (``last_referenced_at``), in the same query."""
        relation = self.model.references
        published = Q(**{f"{relation}__update__in": Update.objects.published()})
        return self.annotate(
            reference_count=models.Count(relation, filter=published),
            last_referenced_at=Max(f"{relation}__update__updated_at", filter=published),
        )

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class RegistryEntry(models.Model):
    """What Source and Actor share: a slug made from the name, a public page, natural keys
    in exports, and the rule for when readers may see one (``RegistryQuerySet.public``)."""

    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RegistryQuerySet.as_manager()

    # Set by each subclass: the URL name of its page, and the related name of the rows by
    # which updates refer to an entry (citations of a source, mentions of an actor).
    url_name: str
    references: str

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(type(self), self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(self.url_name, args=[self.slug])

    def natural_key(self):
        # The slug, in JSON exports (export_newsroom): references read as names, not ids.
        return (self.slug,)


class Source(RegistryEntry):
    """An outlet or originator that updates cite: a news agency, a think tank, a ministry."""

    class Kind(models.TextChoices):
        NEWS_AGENCY = "news_agency", "News agency"
        NEWSPAPER = "newspaper", "Newspaper"
        BROADCASTER = "broadcaster", "Broadcaster"
        THINK_TANK = "think_tank", "Think tank"
        GOVERNMENT = "government", "Government"
        SOCIAL_MEDIA = "social_media", "Social media"
        OTHER = "other", "Other"

    class Reliability(models.TextChoices):
        # The Admiralty (NATO) source grading.
        A = "A", "A – Completely reliable"
        B = "B", "B – Usually reliable"
        C = "C", "C – Fairly reliable"
        D = "D", "D – Not usually reliable"
        E = "E", "E – Unreliable"
        F = "F", "F – Reliability cannot be judged"

    name = models.CharField(max_length=200, unique=True)
    aliases = ListField(help_text="Other names the outlet is cited by, one a line: AP, AP News.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    homepage = models.URLField(blank=True)
    domains = ListField(help_text="Web domains of the outlet, one a line: apnews.com.")
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166 code: US, GB, UA.")
    reliability = models.CharField(max_length=1, choices=Reliability.choices, default=Reliability.F)
    is_reviewed = models.BooleanField(
        "reviewed",
        default=True,
        help_text="Unticked for outlets the importer proposed and no editor has checked yet.",
    )

    history = HistoricalRecords()

    url_name = "briefings:source"
    references = "citations"

    class Meta(RegistryEntry.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(reliability__in=["A", "B", "C", "D", "E", "F"]),
                name="source_reliability_is_a_grade",
            ),
        ]
        permissions = [("merge_registry", "Can merge actors and sources")]


class Actor(RegistryEntry):
    """A person, organisation, state or armed group that updates are about."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"
        STATE = "state", "State"
        ARMED_GROUP = "armed_group", "Armed group"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PERSON)
    aliases = ListField(help_text="Other spellings and transliterations, one a line.")
    title = models.CharField(
        max_length=200, blank=True, help_text="For example “Foreign Minister of Ukraine”."
    )
    affiliation = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        help_text="The organisation or state the actor belongs to.",
    )
    wikidata_id = models.CharField(
        "Wikidata ID",
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^Q[1-9][0-9]*$", "Enter a Wikidata Q-number, e.g. Q42.")],
    )
    is_reviewed = models.BooleanField(
        "reviewed",
        default=True,
        help_text="Unticked for names the importer proposed and no editor has checked yet.",
    )

    history = HistoricalRecords()

    url_name = "briefings:actor"
    references = "mentions"

    class Meta(RegistryEntry.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["wikidata_id"],
                condition=~Q(wikidata_id=""),
                name="actor_unique_wikidata_id",
            ),
        ]


# Briefings and their updates ---------------------------------------------------------------


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
    def published(self) -> "BriefingQuerySet":
        """What readers may see: published, and not scheduled for later."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())

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

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Briefing(VersionedModel):
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

    history = HistoricalRecords(excluded_fields=["import_digest"])
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
        indexes = [models.Index(fields=["status", "published_at"])]
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


# A correction written up to this long before a material edit still explains it: the
# correction is typed into the same form as the edit, and its time is set when the form is.
CORRECTION_EXPLAINS_EDITS_WITHIN = timedelta(minutes=15)


class UpdateQuerySet(models.QuerySet):
    def published(self) -> "UpdateQuerySet":
        """What readers may see: published, due, and in a published briefing."""
        now = timezone.now()
        return self.filter(
            Q(publish_at__isnull=True) | Q(publish_at__lte=now),
            status=Status.PUBLISHED,
            briefing__status=Status.PUBLISHED,
            briefing__published_at__lte=now,
        )

    def newest_first(self) -> "UpdateQuerySet":
        """Newest first; the id breaks ties (imported entries share a minute)."""
        return self.order_by("-posted_at", "-pk")

    def in_reading_order(self) -> "UpdateQuerySet":
        """Newest first, entries of the same minute in document order, the original entry last."""
        return self.order_by("is_original_entry", "-posted_at", "position", "-pk")

    def for_display(self) -> "UpdateQuerySet":
        """Everything a rendered update needs, in a constant number of queries."""
        return self.select_related("briefing").prefetch_related(
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
            "tags",
        )


class Update(VersionedModel):
    """One timestamped entry of a briefing: "UPDATE 1515 GMT: …", or one digest bullet."""

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="updates")
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

    history = HistoricalRecords()
    objects = UpdateQuerySet.as_manager()

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
        indexes = [models.Index(fields=["briefing", "status", "posted_at"])]
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


# Topics: django-taggit's tags, as readers see them ------------------------------------------


def tagged_items(model: type[models.Model], published: models.QuerySet) -> models.QuerySet:
    """Taggings of the rows of ``published`` (briefings or updates)."""
    # Matched by app label and model name rather than ContentType.get_for_model(), whose
    # per-process cache would make a page's query count depend on what ran before it.
    return TaggedItem.objects.filter(
        content_type__app_label=model._meta.app_label,
        content_type__model=model._meta.model_name,
        object_id__in=published.values("pk"),
    )


def tags_in_use() -> models.QuerySet:
    """Tags on at least one published update or briefing, with how many published updates
    carry them (``update_count``), by name. A tag used only on drafts, scheduled updates or
    draft briefings is not among them: readers never learn its name."""
    update_items = tagged_items(Update, Update.objects.published())
    briefing_items = tagged_items(Briefing, Briefing.objects.published())
    update_count = (
        update_items.filter(tag=models.OuterRef("pk"))
        .order_by()
        .values("tag")
        .annotate(n=models.Count("pk"))
        .values("n")
    )
    return (
        Tag.objects.filter(
            Q(pk__in=update_items.values("tag")) | Q(pk__in=briefing_items.values("tag"))
        )
        .annotate(update_count=Coalesce(models.Subquery(update_count), 0))
        .order_by("name")
    )


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
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
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
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="mentions")
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
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="quotes")
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


# Typed text: what every text field of this app and of its tags loses on save ---------------

# Unicode direction overrides ("\u202e") in a title or a name make text on a page read
# backwards (an old spoofing trick); nobody types them on purpose. Every text field loses
# them. Marks (U+200E, U+200F) that right-to-left text needs are kept.
DIRECTION_OVERRIDES = dict.fromkeys(
    map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)
# Headlines, titles and names (every one-line field: CharField, and the names of a
# ListField) are plain text: anything shaped like an HTML tag is removed, so no feed
# reader that renders an RSS <title> as HTML can be handed markup. Only a "<" followed by
# a letter, "/", "!" or "?" opens a tag, as in HTML: "<100 casualties" and "a < b" stay.
# Not django.utils.html.strip_tags: it is made for HTML and rewrites "AT&T" as "AT&T;".
TAG = re.compile(r"<[A-Za-z/!?][^<>]*>")


def remove_tags(text: str) -> str:
    """``text`` without anything shaped like a tag; repeated, so "<<b>script>" goes too."""
    while TAG.search(text):
        text = TAG.sub("", text)
    return text


def _cleaned(value, *, one_line: bool):
    if isinstance(value, str):
        value = value.translate(DIRECTION_OVERRIDES)
        return remove_tags(value) if one_line else value
    if isinstance(value, list):
        return [_cleaned(item, one_line=True) for item in value]
    return value


@receiver(pre_save)
def clean_typed_text(sender, instance, raw=False, **kwargs):
    """Direction overrides out of every text field; tags out of every one-line field.
    Multi-line fields (TextField) are Markdown or shown escaped, so they keep their "<"."""
    if raw or sender._meta.app_label not in {"briefings", "taggit"}:
        return
    for field in sender._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField | ListField):
            value = getattr(instance, field.attname)
            one_line = isinstance(field, models.CharField)
            setattr(instance, field.attname, _cleaned(value, one_line=one_line))

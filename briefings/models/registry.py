"""The registry: sources and actors, who and what updates refer to."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Max, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from ..fields import ListField
from .common import KeepsStoredCounts, unique_slug


class RegistryQuerySet(models.QuerySet):
    """Sources and actors: who and what published updates refer to."""

    def referring_updates(self) -> models.QuerySet:
        """Published updates that refer to the entry of the outer query (for ``Exists``)."""
        from .update import Update  # Update's citations and mentions point here

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
        from .update import Update

        relation = self.model.references
        published = Q(**{f"{relation}__update__in": Update.objects.published()})
        return self.annotate(
            reference_count=models.Count(relation, filter=published),
            last_referenced_at=Max(f"{relation}__update__updated_at", filter=published),
        )

    def listed(self) -> "RegistryQuerySet":
        """``public()`` read from the stored count (``briefings.models.counts``): the same
        entries, with no look at the updates, so a list costs the same at any size. A view
        that shows it calls ``settle_due_counts()`` first, to count what came due."""
        return self.filter(is_reviewed=True, **{f"{self.model.count_field}__gt": 0})

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class RegistryEntry(KeepsStoredCounts):
    """What Source and Actor share: a slug made from the name, a public page, natural keys
    in exports, and the rule for when readers may see one (``RegistryQuerySet.public``)."""

    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RegistryQuerySet.as_manager()

    # Set by each subclass: the URL name of its page, the related name of the rows by
    # which updates refer to an entry (citations of a source, mentions of an actor), and
    # the stored count of those rows whose update readers may see.
    url_name: str
    references: str
    count_field: str

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

    citation_count = models.IntegerField(
        default=0, editable=False, help_text="Citations in updates readers may see."
    )

    history = HistoricalRecords(excluded_fields=["citation_count"])

    url_name = "briefings:source"
    references = "citations"
    count_field = "citation_count"
    stored_counts = ("citation_count",)

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

    mention_count = models.IntegerField(
        default=0, editable=False, help_text="Mentions in updates readers may see."
    )

    history = HistoricalRecords(excluded_fields=["mention_count"])

    url_name = "briefings:actor"
    references = "mentions"
    count_field = "mention_count"
    stored_counts = ("mention_count",)

    class Meta(RegistryEntry.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["wikidata_id"],
                condition=~Q(wikidata_id=""),
                name="actor_unique_wikidata_id",
            ),
        ]

"""Topics: django-taggit's tags, as readers see them."""

from django.db import models
from django.db.models import Q
from taggit.models import Tag, TaggedItem


def taggings_of(model: type[models.Model]) -> models.QuerySet:
    """Every tagging of a ``model`` row (a briefing or an update)."""
    # Matched by app label and model name rather than ContentType.get_for_model(), whose
    # per-process cache would make a page's query count depend on what ran before it.
    return TaggedItem.objects.filter(
        content_type__app_label=model._meta.app_label, content_type__model=model._meta.model_name
    )


class TagUse(models.Model):
    """How often a tag is used where readers can see it, stored (``briefings.models.counts``)
    because taggit's Tag has no room for it: on published updates, on published briefings."""

    tag = models.OneToOneField(Tag, on_delete=models.CASCADE, primary_key=True, related_name="use")
    update_count = models.IntegerField(default=0)
    briefing_count = models.IntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(
                fields=["tag"],
                condition=Q(update_count__gt=0) | Q(briefing_count__gt=0),
                name="tag_in_use",
            )
        ]

    def __str__(self):
        return f"{self.tag}: {self.update_count} updates, {self.briefing_count} briefings"


def tags_in_use() -> models.QuerySet:
    """Tags on at least one published update or briefing, with how many published updates
    carry them (``update_count``), by name. A tag used only on drafts, scheduled updates or
    draft briefings is not among them: readers never learn its name. Read from the stored
    counts (``TagUse``), so it costs the same however many taggings there are: a view that
    shows it calls ``settle_due_counts()`` first (not done here: this is also called when
    modules are imported, to make querysets)."""
    return (
        Tag.objects.filter(Q(use__update_count__gt=0) | Q(use__briefing_count__gt=0))
        .annotate(update_count=models.F("use__update_count"))
        .order_by("name")
    )

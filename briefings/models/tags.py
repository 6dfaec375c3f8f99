"""Topics: django-taggit's tags, as readers see them."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from taggit.models import Tag, TaggedItem

from .briefing import Briefing
from .update import Update


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

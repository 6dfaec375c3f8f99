"""The registry of people, organisations, states and armed groups that updates are about."""

from django.contrib import admin
from django.db.models import Count

from ..models import Actor
from .registry import RegistryAdmin


@admin.register(Actor)
class ActorAdmin(RegistryAdmin):
    list_display = ["name", "kind", "title", "affiliation", "is_reviewed", "mentions_column"]
    list_filter = ["is_reviewed", "kind"]
    search_fields = ["name", "aliases", "title"]
    ordering = ["name", "pk"]  # the counts group the query, which drops Meta.ordering
    autocomplete_fields = ["affiliation"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "aliases", "kind", "title", "affiliation", "is_reviewed"]}),
        (
            "Advanced",
            {"classes": ["collapse"], "fields": ["slug", "wikidata_id", "description"]},
        ),
    ]

    def get_queryset(self, request):
        # select_related: the changelist shows each actor's affiliation.
        return (
            super()
            .get_queryset(request)
            .select_related("affiliation")
            .annotate(mentions_total=Count("mentions"))
        )

    @admin.display(description="mentions", ordering="mentions_total")
    def mentions_column(self, obj):
        # Every row, drafts' included; not named mention_count: that is Actor.mention_count, the
        # stored count of what readers see, and the field would take the column's place.
        return obj.mentions_total

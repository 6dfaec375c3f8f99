"""The registry of outlets that updates cite."""

from django.contrib import admin
from django.db.models import Count

from ..models import Source
from .base import URL_FIELDS
from .registry import RegistryAdmin


@admin.register(Source)
class SourceAdmin(RegistryAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["name", "kind", "reliability", "country", "is_reviewed", "citations_column"]
    list_filter = ["is_reviewed", "kind", "reliability", "country"]
    search_fields = ["name", "aliases", "domains"]
    ordering = ["name", "pk"]  # the counts group the query, which drops Meta.ordering
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "aliases", "kind", "reliability", "is_reviewed"]}),
        ("Web", {"fields": ["homepage", "domains", "country"]}),
        ("Advanced", {"classes": ["collapse"], "fields": ["slug", "description"]}),
    ]

    def get_queryset(self, request):
        # One query for the citation counts of the whole changelist page.
        return super().get_queryset(request).annotate(citations_total=Count("citations"))

    @admin.display(description="citations", ordering="citations_total")
    def citations_column(self, obj):
        # Every row, drafts' included; not named citation_count: that is Source.citation_count, the
        # stored count of what readers see, and the field would take the column's place.
        return obj.citations_total

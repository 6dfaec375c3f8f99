"""Filters of the briefing list. Updates are filtered by the stream's own FilterSet,
``briefings.filters.UpdateFilter``."""

import django_filters

from briefings.models import Briefing, tags_in_use


class BriefingFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Briefing.Kind.choices)
    live = django_filters.BooleanFilter(
        method="filter_live", label="Live logs whose coverage has not ended (true), or the rest"
    )
    # Only topics readers can see: a slug used on drafts alone is as unknown as a made-up one.
    tag = django_filters.ModelChoiceFilter(
        field_name="tags", to_field_name="slug", queryset=tags_in_use(), label="Topic slug"
    )

    class Meta:
        model = Briefing
        fields = ["kind", "live", "tag"]

    def filter_live(self, queryset, name, value):
        condition = Briefing.live_condition()
        return queryset.filter(condition) if value else queryset.exclude(condition)

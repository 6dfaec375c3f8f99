"""The update stream's filters (``/updates/`` and ``/updates.json``), one FilterSet for both."""

import django_filters
from django import forms
from django.db.models import Q

from .models import Actor, Briefing, Source, Update, tags_in_use

MAX_QUERY = 200


class UpdateFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date is before the start date.")
        return cleaned


class UpdateFilter(django_filters.FilterSet):
    # The menus' querysets are callables, made for each request: what is public depends
    # on the time now (scheduled updates, briefings published later).
    q = django_filters.CharFilter(
        label="Words", method="filter_words", max_length=MAX_QUERY, strip=True
    )
    actor = django_filters.ModelChoiceFilter(
        label="Actor",
        field_name="mentions__actor",
        to_field_name="slug",
        queryset=lambda request: Actor.objects.public().order_by("name", "pk"),
        empty_label="Any actor",
    )
    source = django_filters.ModelChoiceFilter(
        label="Source",
        field_name="citations__source",
        to_field_name="slug",
        queryset=lambda request: Source.objects.public().order_by("name"),
        empty_label="Any source",
    )
    tag = django_filters.ModelChoiceFilter(
        label="Topic",
        field_name="tags",
        to_field_name="slug",
        queryset=lambda request: tags_in_use(),
        empty_label="Any topic",
    )
    briefing = django_filters.ModelChoiceFilter(
        label="Briefing",
        to_field_name="slug",
        # Briefings imported together share a publication time: the id breaks the tie.
        queryset=lambda request: Briefing.objects.published().order_by("-published_at", "-pk"),
        empty_label="Any briefing",
    )
    kind = django_filters.ChoiceFilter(
        label="Kind",
        field_name="briefing__kind",
        choices=Briefing.Kind.choices,
        empty_label="Any kind",
    )
    date_from = django_filters.DateFilter(
        label="From",
        field_name="posted_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label="To",
        field_name="posted_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Update
        form = UpdateFilterForm
        fields = ["q", "actor", "source", "tag", "briefing", "kind", "date_from", "date_to"]

    def filter_words(self, queryset, name, value):
        """Every word must appear in the headline or the body."""
        for word in value.split()[:20]:
            queryset = queryset.filter(Q(headline__icontains=word) | Q(body__icontains=word))
        return queryset

    def filter_queryset(self, queryset):
        # A reader's combination of filters can join citations and mentions several times;
        # filtering by primary keys keeps each update once without DISTINCT over the body.
        filtered = super().filter_queryset(queryset)
        return queryset.filter(pk__in=filtered.values("pk"))

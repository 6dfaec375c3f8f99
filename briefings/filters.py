"""The update stream's filters (``/updates/`` and ``/updates.json``), one FilterSet for both."""

import django_filters
from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html

from .models import Actor, Briefing, Source, Update, tags_in_use

MAX_QUERY = 200
SUGGESTIONS = 10  # names offered by /updates/suggest.json as a reader types


# What a type-to-search field accepts, made for each request (what is public depends on the
# time now: scheduled updates, briefings published later), the most referred to (or newest)
# first: a name shared by several means the first.
def public_actors():
    return Actor.objects.public().order_by("-mention_count", "name", "pk")


def public_sources():
    return Source.objects.public().order_by("-citation_count", "name", "pk")


def public_briefings():
    # Briefings imported together share a publication time: the id breaks the tie.
    return Briefing.objects.published().order_by("-published_at", "-pk")


# What suggestions are drawn from, and the field that names them. The registry's from its
# stored counts (``listed()``: ``public()`` with no look at the updates), so a suggestion
# costs the same however many updates there are.
NAMED = {
    "actor": (lambda: Actor.objects.listed().order_by("-mention_count", "name", "pk"), "name"),
    "source": (lambda: Source.objects.listed().order_by("-citation_count", "name", "pk"), "name"),
    "briefing": (public_briefings, "title"),
}


def suggestions(field: str, typed: str) -> list[dict[str, str]]:
    """Up to SUGGESTIONS entries of ``field`` whose name contains ``typed``."""
    entries, name = NAMED[field]
    found = entries().filter(**{f"{name}__icontains": typed.strip()})[:SUGGESTIONS]
    return [{"value": entry.slug, "label": getattr(entry, name)} for entry in found]


class SuggestInput(forms.TextInput):
    """A text field that takes a name or an address (slug); with JavaScript its
    ``<datalist>`` is filled from /updates/suggest.json as the reader types."""

    def __init__(self, field: str):
        super().__init__(attrs={"autocomplete": "off", "spellcheck": "false"})
        self.field = field

    def render(self, name, value, attrs=None, renderer=None):
        listed = f"{name}-suggestions"
        attrs = {
            **(attrs or {}),
            "list": listed,
            "data-suggest": f"{reverse('briefings:update_suggestions')}?field={self.field}",
        }
        return super().render(name, value, attrs, renderer) + format_html(
            '<datalist id="{}"></datalist>', listed
        )


class NamedEntryField(forms.CharField):
    """A public actor, source or briefing given by its address (slug) or its name; the
    most referred to (or newest) when several share the name."""

    def __init__(self, *, entries, name_field, noun, **kwargs):
        self.entries, self.name_field, self.noun = entries, name_field, noun
        super().__init__(max_length=300, strip=True, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        entries = self.entries()
        found = (
            entries.filter(slug=value).first()
            or entries.filter(**{f"{self.name_field}__iexact": value}).first()
        )
        if found is None:
            raise forms.ValidationError(
                "No %(noun)s called “%(value)s”: choose one of the names offered, or leave "
                "it empty.",
                code="invalid_choice",
                params={"noun": self.noun, "value": value},
            )
        return found


class NamedEntryFilter(django_filters.Filter):
    field_class = NamedEntryField


class UpdateFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date is before the start date.")
        return cleaned


class UpdateFilter(django_filters.FilterSet):
    # The topic menu's queryset is a callable, made for each request: what is public
    # depends on the time now (scheduled updates, briefings published later).
    q = django_filters.CharFilter(
        label="Words", method="filter_words", max_length=MAX_QUERY, strip=True
    )
    # Type-to-search fields rather than menus of every actor, source and briefing (720 KB
    # of options at 1,000,000 updates): the page weighs the same at any size.
    actor = NamedEntryFilter(
        label="Actor",
        field_name="mentions__actor",
        entries=public_actors,
        name_field="name",
        noun="actor",
        widget=SuggestInput("actor"),
    )
    source = NamedEntryFilter(
        label="Source",
        field_name="citations__source",
        entries=public_sources,
        name_field="name",
        noun="source",
        widget=SuggestInput("source"),
    )
    tag = django_filters.ModelChoiceFilter(
        label="Topic",
        field_name="tags",
        to_field_name="slug",
        queryset=lambda request: tags_in_use(),
        empty_label="Any topic",
    )
    briefing = NamedEntryFilter(
        label="Briefing",
        entries=public_briefings,
        name_field="title",
        noun="briefing",
        widget=SuggestInput("briefing"),
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

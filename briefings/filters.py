"""The update stream's filters (``/updates/`` and ``/updates.json``), one FilterSet for both."""

from datetime import date, datetime, time, timedelta

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from .models import (
    Actor,
    Briefing,
    Citation,
    Mention,
    Source,
    Update,
    newest_update_id,
    taggings_of,
    tags_in_use,
)
from .pagination import BOUND
from .search import newest_matches

MAX_QUERY = 200
SUGGESTIONS = 10  # names offered by /updates/suggest.json as a reader types


# What a type-to-search field accepts, made for each request (what is public depends on the
# time now: scheduled updates, briefings published later), the most referred to (or newest)
# first: a name shared by several means the first. The registry's from its stored counts
# (``listed()``, settled by the views for what came due).
def public_actors():
    return _with_total(Actor.objects.listed().order_by("-mention_count", "name", "pk"))


def public_sources():
    return _with_total(Source.objects.listed().order_by("-citation_count", "name", "pk"))


def _with_total(entries):
    # The newest update's id, read with the entry: referred_to_by() chooses its way by it.
    return entries.annotate(newest_update_id=newest_update_id())


def public_briefings():
    # Briefings imported together share a publication time: the id breaks the tie.
    return Briefing.objects.published().order_by("-published_at", "-pk")


# What suggestions are drawn from, and the field that names them. The registry's from its
# stored counts (``listed()``: ``public()`` with no look at the updates), so a suggestion
# costs the same however many updates there are.
NAMED = {
    "actor": (public_actors, "name"),
    "source": (public_sources, "name"),
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


# The API's schema (drf-spectacular) would read the model field and say "integer": the
# field takes an address (slug) or a name.
@extend_schema_field(OpenApiTypes.STR)
class NamedEntryFilter(django_filters.Filter):
    field_class = NamedEntryField


class UpdateFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date is before the start date.")
        return cleaned


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


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
        field_name="mentions__actor",  # what the API schema describes
        method="filter_actor",
        entries=public_actors,
        name_field="name",
        noun="actor",
        widget=SuggestInput("actor"),
    )
    source = NamedEntryFilter(
        label="Source",
        field_name="citations__source",  # what the API schema describes
        method="filter_source",
        entries=public_sources,
        name_field="name",
        noun="source",
        widget=SuggestInput("source"),
    )
    tag = django_filters.ModelChoiceFilter(
        label="Topic",
        field_name="tags",  # what the API schema describes
        method="filter_tag",
        to_field_name="slug",
        queryset=lambda request: tags_in_use().annotate(newest_update_id=newest_update_id()),
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
        field_name="briefing__kind",  # what the API schema describes
        method="filter_kind",
        choices=Briefing.Kind.choices,
        empty_label="Any kind",
    )
    date_from = django_filters.DateFilter(
        label="From",
        method="filter_from",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label="To",
        method="filter_to",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Update
        form = UpdateFilterForm
        fields = ["q", "actor", "source", "tag", "briefing", "kind", "date_from", "date_to"]

    def filter_words(self, queryset, name, value):
        """Updates holding every word (or "phrase", or prefix*) in their headline, body or
        briefing's title, as search finds them: the newest 1,000 such, from the search index."""
        return queryset.filter(pk__in=newest_matches(value))

    # An actor's, a source's or a topic's updates are found the cheaper way for how many
    # there are (``referred_to_by``, by the stored count): from its mentions for an actor
    # named a few hundred times, by walking the newest updates for one named in a quarter of
    # everything (joining the mentions and sorting them took 1–2 s for the most mentioned
    # actor at 1,000,000 updates). The walk reads as far as the bounded count does.

    def filter_actor(self, queryset, name, actor):
        rows = Mention.objects.filter(actor=actor)
        total = actor.newest_update_id
        return queryset.referred_to_by(rows, "update", actor.mention_count, BOUND + 1, total)

    def filter_source(self, queryset, name, source):
        rows = Citation.objects.filter(source=source)
        total = source.newest_update_id
        return queryset.referred_to_by(rows, "update", source.citation_count, BOUND + 1, total)

    def filter_tag(self, queryset, name, tag):
        rows = taggings_of(Update).filter(tag=tag)
        total = tag.newest_update_id
        return queryset.referred_to_by(rows, "object_id", tag.update_count, BOUND + 1, total)

    def filter_kind(self, queryset, name, kind):
        # EXISTS on the briefing's key, as published_in_order() checks it: a join would let
        # the database list every briefing's updates and sort them.
        return queryset.filter(Exists(Briefing.objects.filter(pk=OuterRef("briefing"), kind=kind)))

    # Days as ranges of posted_at in the site's time zone, which the index on posted_at
    # answers; "posted_at's date ≥ d" is a function of every row (29 s at 1,000,000 updates).

    def filter_from(self, queryset, name, day):
        return queryset.filter(posted_at__gte=_start_of(day))

    def filter_to(self, queryset, name, day):
        return queryset.filter(posted_at__lt=_start_of(day + timedelta(days=1)))

    # No DISTINCT and no "pk IN (…)" around the filters: each joins mentions, citations or
    # taggings on one actor, source or tag, which an update has at most once (unique
    # constraints), so no update is listed twice; and "pk IN (every match)" made SQLite list
    # every published update before taking a page (3.5 s at 1,000,000 updates).

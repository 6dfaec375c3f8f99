"""The editors' side: briefings with their updates, and the source and actor registries."""

import zoneinfo
from functools import partial

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin
from taggit.forms import TagWidget
from taggit.models import Tag

from .admin_import import import_view
from .fields import time_zone_choices
from .models import (
    Actor,
    Briefing,
    Citation,
    Correction,
    Mention,
    Quote,
    Resemblance,
    Source,
    Update,
    zone_label,
)

TAG_SUGGESTIONS = 10

# Links typed without a scheme are https:// (Django 6's default; 5.2 warns otherwise).
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


def https_formfield(field, **kwargs):
    """ModelForm.Meta.formfield_callback: the same default for forms built outside an admin."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class TagSuggestWidget(TagWidget):
    """taggit's comma-separated tag input, with suggestions of existing tags as one types.

    django-taggit has no admin autocomplete (jazzband/django-taggit#33); a small script
    (admin/tag-suggest.js) fills a <datalist> from the staff-only suggestions view.
    """

    template_name = "admin/briefings/tag_suggest_widget.html"

    class Media:
        js = ["briefings/admin/tag-suggest.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-suggest-url"] = reverse("admin:briefings_tag_suggest")
        context["widget"]["attrs"]["autocomplete"] = "off"
        context["widget"]["datalist_id"] = f"{context['widget']['attrs']['id']}-suggestions"
        context["widget"]["attrs"]["list"] = context["widget"]["datalist_id"]
        return context


class InBriefingTimeZone:
    """Show and read the form's date-times in the briefing's own zone.

    Editors think in the zone the briefing is written in ("UPDATE 1515 GMT"), so the change
    form activates that zone for the whole request: the widgets show 15:15 and a time typed
    in is read as 15:15 there, not in the server's UTC.
    """

    def briefing_time_zone(self, request, object_id) -> str | None:
        raise NotImplementedError

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        name = self.briefing_time_zone(request, object_id)
        if not name:
            return super().changeform_view(request, object_id, form_url, extra_context)
        extra_context = {**(extra_context or {}), "briefing_time_zone": name}
        with timezone.override(zoneinfo.ZoneInfo(name)):
            return super().changeform_view(request, object_id, form_url, extra_context)


# Registry ----------------------------------------------------------------------------------


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["name", "kind", "reliability", "country", "is_reviewed", "citation_count"]
    list_filter = ["is_reviewed", "kind", "reliability", "country"]
    search_fields = ["name", "aliases", "domains"]
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
    def citation_count(self, obj):
        return obj.citations_total


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "title", "affiliation", "is_reviewed", "mention_count"]
    list_filter = ["is_reviewed", "kind"]
    search_fields = ["name", "aliases", "title"]
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
    def mention_count(self, obj):
        return obj.mentions_total


# Briefings and updates ---------------------------------------------------------------------


class BriefingForm(forms.ModelForm):
    time_zone = forms.ChoiceField(choices=time_zone_choices, initial="UTC")

    class Meta:
        model = Briefing
        formfield_callback = https_formfield
        fields = [
            "title", "standfirst", "kind", "status", "tags", "coverage_start", "coverage_end",
            "time_zone", "published_at", "byline", "credit", "slug", "previous",
            "previous_title", "origin", "origin_url",
        ]  # fmt: skip
        widgets = {"tags": TagSuggestWidget}


class ResemblanceInline(admin.TabularInline):
    """Briefings the importer found telling the same story: rewrites and related reports."""

    model = Resemblance
    fk_name = "briefing"
    fields = ["other_link", "kind", "score"]
    readonly_fields = fields
    extra = 0
    can_delete = True
    verbose_name = "resembling briefing"
    verbose_name_plural = "also reported as"

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="briefing")
    def other_link(self, obj):
        url = reverse("admin:briefings_briefing_change", args=[obj.other_id])
        return format_html('<a href="{}">{}</a>', url, obj.other)


class UpdateInline(admin.TabularInline):
    """The briefing's updates, newest first; "Post an update" adds one with its sources."""

    model = Update
    fields = ["posted_at", "headline", "body", "status", "is_key_event", "is_pinned"]
    extra = 0
    show_change_link = True
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3})}}

    def get_queryset(self, request):
        return super().get_queryset(request).in_reading_order()


@admin.register(Briefing)
class BriefingAdmin(InBriefingTimeZone, SimpleHistoryAdmin):
    form = BriefingForm
    formfield_overrides = URL_FIELDS
    change_form_template = "admin/briefings/briefing/change_form.html"
    list_display = ["title", "kind", "status", "is_live_now", "published_at", "update_count"]
    list_filter = ["status", "kind", "tags"]
    search_fields = ["title", "standfirst", "slug", "byline"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["previous", "origin"]
    inlines = [UpdateInline, ResemblanceInline]
    change_list_template = "admin/briefings/briefing/change_list.html"
    fieldsets = [
        (None, {"fields": ["title", "standfirst", "kind", "status", "tags"]}),
        ("Coverage", {"fields": ["coverage_start", "coverage_end", "time_zone", "published_at"]}),
        ("Credits", {"fields": ["byline", "credit"]}),
        (
            "Advanced",
            {
                "classes": ["collapse"],
                "fields": ["slug", "previous", "previous_title", "origin", "origin_url"],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(updates_total=Count("updates"))

    def briefing_time_zone(self, request, object_id):
        if object_id is None:
            return None
        return Briefing.objects.filter(pk=object_id).values_list("time_zone", flat=True).first()

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(partial(import_view, self)),
                name="briefings_briefing_import",
            ),
            path(
                "tag-suggestions/",
                self.admin_site.admin_view(self.tag_suggestions),
                name="briefings_tag_suggest",
            ),
            *super().get_urls(),
        ]

    def tag_suggestions(self, request):
        """Names of existing tags starting with ``q``, for the tag input's suggestions."""
        prefix = request.GET.get("q", "").strip()[:100]
        names = []
        if prefix:
            names = list(
                Tag.objects.filter(name__istartswith=prefix)
                .order_by("name")
                .values_list("name", flat=True)[:TAG_SUGGESTIONS]
            )
        return JsonResponse({"results": names})

    @admin.display(description="live", boolean=True)
    def is_live_now(self, obj):
        return obj.is_live

    @admin.display(description="updates", ordering="updates_total")
    def update_count(self, obj):
        return obj.updates_total

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_published else None


class CitationInline(admin.TabularInline):
    model = Citation
    formfield_overrides = URL_FIELDS
    fields = ["source", "role", "url", "position"]
    autocomplete_fields = ["source"]
    extra = 1


class MentionInline(admin.TabularInline):
    model = Mention
    fields = ["actor", "surface", "position"]
    autocomplete_fields = ["actor"]
    extra = 1


class QuoteInline(admin.StackedInline):
    model = Quote
    fields = ["actor", "text", "position"]
    autocomplete_fields = ["actor"]
    extra = 0


class CorrectionInline(admin.StackedInline):
    model = Correction
    fields = ["text", "published_at"]
    extra = 0


class UpdateForm(forms.ModelForm):
    class Meta:
        model = Update
        fields = [
            "briefing", "posted_at", "headline", "body", "tags", "status", "publish_at",
            "is_key_event", "is_pinned", "section", "byline", "is_original_entry", "position",
            "author",
        ]  # fmt: skip
        widgets = {
            "tags": TagSuggestWidget,
            "body": forms.Textarea(attrs={"rows": 12, "cols": 80, "autofocus": True}),
        }


@admin.register(Update)
class UpdateAdmin(InBriefingTimeZone, SimpleHistoryAdmin):
    form = UpdateForm
    list_display = ["stamp", "summary", "briefing", "status", "is_key_event", "is_pinned"]
    list_display_links = ["stamp", "summary"]
    list_filter = ["status", "is_key_event", "is_pinned", "briefing__kind", "tags"]
    list_select_related = ["briefing"]
    search_fields = ["headline", "body", "section", "briefing__title"]
    date_hierarchy = "posted_at"
    autocomplete_fields = ["briefing"]
    inlines = [CitationInline, MentionInline, QuoteInline, CorrectionInline]
    fieldsets = [
        (None, {"fields": ["briefing", "posted_at", "headline", "body", "tags"]}),
        ("Publishing", {"fields": ["status", "publish_at", "is_key_event", "is_pinned"]}),
        (
            "Advanced",
            {
                "classes": ["collapse"],
                "fields": ["section", "byline", "is_original_entry", "position", "author"],
            },
        ),
    ]

    def briefing_time_zone(self, request, object_id):
        if object_id is not None:
            updates = Update.objects.filter(pk=object_id)
            return updates.values_list("briefing__time_zone", flat=True).first()
        briefing_id = request.GET.get("briefing") or request.POST.get("briefing")
        if briefing_id and str(briefing_id).isdigit():
            briefings = Briefing.objects.filter(pk=briefing_id)
            return briefings.values_list("time_zone", flat=True).first()
        return None

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="time", ordering="posted_at")
    def stamp(self, obj):
        local = obj.posted_at.astimezone(zoneinfo.ZoneInfo(obj.briefing.time_zone))
        label = zone_label(obj.posted_at, obj.briefing.time_zone)
        return format_html("{} {} <small>{}</small>", f"{local:%H:%M}", label, f"{local:%d %b}")

    @admin.display(description="update")
    def summary(self, obj):
        return obj.headline or obj.body[:90]

    def view_on_site(self, obj):
        return obj.get_absolute_url()

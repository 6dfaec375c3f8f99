"""Rows shown inside a briefing's or an update's change page."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from .. import permissions
from ..forms import UpdateFlagsForm, UpdateFlagsFormSet
from ..models import Citation, Correction, Mention, Quote, Resemblance, Update
from .base import URL_FIELDS, update_stamp, update_state

# On a briefing's page ------------------------------------------------------------------------


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
    """The briefing's updates, newest first, with their key-event, pinned and original-entry
    marks; the form above the page posts new ones, the change link edits one."""

    model = Update
    form = UpdateFlagsForm
    formset = UpdateFlagsFormSet
    fields = [
        "stamp", "summary", "state", "is_key_event", "is_pinned", "is_original_entry",
        "loaded_version",
    ]  # fmt: skip
    readonly_fields = ["stamp", "summary", "state"]
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        updates = super().get_queryset(request).select_related("briefing").in_reading_order()
        return permissions.visible_updates(request.user, updates)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # Key events, pinning and the original entry are an editor's choices.
        return permissions.may_publish(request.user)

    @admin.display(description="time")
    def stamp(self, obj):
        return update_stamp(obj)

    @admin.display(description="update")
    def summary(self, obj):
        return obj.headline or obj.body[:90]

    @admin.display(description="state")
    def state(self, obj):
        return update_state(obj)


# On an update's page -------------------------------------------------------------------------


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
    """Public notes on a published update: readers see "Correction, 14 Nov 2024 10:02 GMT"."""

    model = Correction
    fields = ["text", "published_at"]
    extra = 0

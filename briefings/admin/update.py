"""Updates: the full change form with citations, mentions, quotes and corrections,
publishing, previewing as readers will see it, and deleted updates."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import Truncator

from .. import permissions, services
from ..forms import UpdateForm
from ..models import Briefing, Correction, Status, Update
from .base import (
    ErrorSummaryAdmin,
    InBriefingTimeZone,
    PresenceAdmin,
    VersionedAdmin,
    admin_moment,
    autosave_saved,
    update_stamp,
    update_state,
)
from .inlines import CitationInline, CorrectionInline, MentionInline, QuoteInline

# What only an editor sets on an update.
EDITOR_FIELDS = ["status", "publish_at", "is_key_event", "is_pinned", "is_original_entry", "author"]


@admin.register(Update)
class UpdateAdmin(ErrorSummaryAdmin, PresenceAdmin, InBriefingTimeZone, VersionedAdmin):
    form = UpdateForm
    change_list_template = "admin/briefings/update/change_list.html"
    actions = ["publish_selected", "unpublish_selected"]
    # The state beside the time: a table wider than the screen scrolls, and what scrolls out
    # of sight at 1280 px is the last columns.
    list_display = ["stamp", "state", "summary", "briefing_title", "is_key_event", "is_pinned"]
    list_display_links = ["stamp", "summary"]
    list_filter = ["status", "is_key_event", "is_pinned", "briefing__kind", "tags"]
    list_select_related = ["briefing"]
    search_fields = ["headline", "body", "section", "briefing__title"]
    date_hierarchy = "posted_at"
    autocomplete_fields = ["briefing"]
    inlines = [CitationInline, MentionInline, QuoteInline, CorrectionInline]
    fieldsets = [
        (None, {"fields": ["briefing", "posted_at", "headline", "body", "tags", "loaded_version"]}),
        ("Publishing", {"fields": ["status", "publish_at", "is_key_event", "is_pinned"]}),
        (
            "Advanced",
            {
                "classes": ["collapse"],
                "fields": [
                    "section",
                    "byline",
                    "is_original_entry",
                    "position",
                    "author",
                    "version",
                    "edited_at",
                ],
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        if getattr(request, "revision_is_read_only", False):
            return super().get_readonly_fields(request, obj)
        readonly = ["version", "edited_at"]
        if not permissions.may_publish(request.user):
            readonly += EDITOR_FIELDS
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user  # get_form builds a new class per request
        return form

    def has_publish_permission(self, request):
        return permissions.may_publish(request.user)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/preview/",
                view(self.preview_view),
                name="briefings_update_preview",
            ),
            path("deleted/", view(self.deleted_view), name="briefings_update_deleted"),
            path(
                "deleted/<int:history_id>/restore/",
                view(self.restore_view),
                name="briefings_update_restore",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id):
        """The update exactly as readers will see it on its permalink, whatever its status.

        admin_view() makes the response private and uncached; X-Robots-Tag keeps it
        unindexed.
        """
        update = self.get_object(request, unquote(object_id))
        if update is None:
            raise Http404("No such update, or not one you may see.")
        if not self.has_view_permission(request, update):
            raise PermissionDenied
        update = Update.objects.for_display().get(pk=update.pk)
        response = TemplateResponse(
            request,
            "admin/briefings/update/preview.html",
            {
                "update": update,
                "is_visible": Update.objects.published().filter(pk=update.pk).exists(),
            },
        )
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def deleted_view(self, request):
        if not permissions.may_publish(request.user):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": "Deleted updates",
            "opts": self.opts,
            "records": services.deleted_updates()[:200],
        }
        return TemplateResponse(request, "admin/briefings/update/deleted.html", context)

    def restore_view(self, request, history_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not permissions.may_publish(request.user):
            raise PermissionDenied
        record = get_object_or_404(Update.history.filter(history_type="-"), history_id=history_id)
        try:
            update, notes = services.restore_update(record, request.user)
        except services.CannotRestore as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect(reverse("admin:briefings_update_deleted"))
        self.log_addition(request, update, "Restored after deletion.")
        text = "Restored the update"
        if notes:
            text += "; could not bring back " + ", ".join(notes)
        messages.success(request, text + ". Its tags and quotes have no history: add them again.")
        return HttpResponseRedirect(reverse("admin:briefings_update_change", args=[update.pk]))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["preview_url"] = reverse("admin:briefings_update_preview", args=[obj.pk])
        context["autosave_key"] = self.autosave_key(request, obj)
        context["max_upload_bytes"] = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or ""
        return super().render_change_form(request, context, add, change, form_url, obj)

    def autosave_key(self, request, obj=None) -> str:
        """Under what the browser keeps the text of this form until it is saved
        (autosave.js): per update, or per briefing for a new one."""
        if obj is not None and obj.pk:
            return f"update:{obj.pk}"
        briefing = request.GET.get("briefing", "")
        return f"briefing:{briefing}:new" if briefing.isdigit() else "update:new"

    def message_user(self, request, message, level=messages.INFO, extra_tags="", *args, **kwargs):
        # Django's "was changed successfully" after a save: the browser's copy is saved now.
        key = getattr(request, "autosave_saved_key", None)
        if key and level == messages.SUCCESS and not extra_tags:
            extra_tags = autosave_saved(key)
        return super().message_user(request, message, level, extra_tags, *args, **kwargs)

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
        if services.schedule_if_ahead(obj):
            when = admin_moment(obj.publish_at, obj.briefing.time_zone, zone=True)
            self.message_user(
                request,
                f"Scheduled for {when}: its time is still to come, so readers see it then.",
                messages.INFO,
            )
        # A scheduled or newly published update reads the moment it goes live, unless the
        # editor typed a time (the field keeps the value shown when the form was opened).
        services.stamp_going_live(obj, stamp_typed="posted_at" in form.changed_data)
        super().save_model(request, obj, form, change)
        request.autosave_saved_key = self.autosave_key(request, None if not change else obj)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            instance._history_user = request.user
            if isinstance(instance, Correction) and instance.author_id is None:
                instance.author = request.user
            instance.save()
        for obj in formset.deleted_objects:
            obj._history_user = request.user
            obj.delete()
        formset.save_m2m()

    @admin.action(
        description="Publish selected updates (at their scheduled time, if any)",
        permissions=["publish"],
    )
    def publish_selected(self, request, queryset):
        changed = services.set_status(queryset, Status.PUBLISHED, request.user)
        for update in changed:
            self.log_change(request, update, "Published.")
        scheduled = sum(services.is_scheduled(update) for update in changed)
        later = f" ({scheduled} scheduled: readers see them at their time)" if scheduled else ""
        self.message_user(request, f"Published {len(changed)} updates{later}.", messages.SUCCESS)

    @admin.action(description="Unpublish selected updates (back to draft)", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        count = self._set_status(request, queryset, Status.DRAFT, "Unpublished.")
        self.message_user(request, f"Unpublished {count} updates: readers no longer see them.")

    def _set_status(self, request, queryset, status, message) -> int:
        changed = services.set_status(queryset, status, request.user)
        for update in changed:
            self.log_change(request, update, message)
        return len(changed)

    @admin.display(description="time", ordering="posted_at")
    def stamp(self, obj):
        return update_stamp(obj)

    @admin.display(description="state", ordering="status")
    def state(self, obj):
        return update_state(obj)

    @admin.display(description="update")
    def summary(self, obj):
        return Truncator(obj.headline or obj.body).chars(90)

    @admin.display(description="briefing", ordering="briefing__title")
    def briefing_title(self, obj):
        return Truncator(obj.briefing.title).chars(50)

    def view_on_site(self, obj):
        return obj.get_absolute_url()

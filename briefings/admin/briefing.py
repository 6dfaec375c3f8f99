"""Briefings: the change form with its updates, the quick "Post update" form, closing
coverage, importing a document and tag suggestions."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import escape, format_html
from taggit.models import Tag

from .. import embed, permissions, services
from ..admin_import import import_view
from ..forms import BriefingForm, QuickUpdateForm
from ..models import Briefing, Status, Update
from .base import (
    URL_FIELDS,
    ErrorSummaryAdmin,
    InBriefingTimeZone,
    PresenceAdmin,
    VersionedAdmin,
    admin_moment,
    autosave_saved,
    error_summary,
)
from .inlines import ResemblanceInline, UpdateInline

TAG_SUGGESTIONS = 10


@admin.register(Briefing)
class BriefingAdmin(ErrorSummaryAdmin, PresenceAdmin, InBriefingTimeZone, VersionedAdmin):
    form = BriefingForm
    formfield_overrides = URL_FIELDS
    change_form_template = "admin/briefings/briefing/change_form.html"
    list_display = ["title", "kind", "status", "is_live_now", "published", "updates_column"]
    list_filter = ["status", "kind", "tags"]
    search_fields = ["title", "standfirst", "slug", "byline"]
    date_hierarchy = "published_at"
    # The model's own order, said again: the update counts group the query, and a grouped
    # query keeps no Meta.ordering (the autocomplete's pages would be unordered).
    ordering = ["-published_at", "-created_at", "-pk"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["previous", "origin"]
    inlines = [UpdateInline, ResemblanceInline]
    change_list_template = "admin/briefings/briefing/change_list.html"
    actions = ["close_coverage_selected"]
    fieldsets = [
        (None, {"fields": ["title", "standfirst", "kind", "status", "tags", "loaded_version"]}),
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

    readonly_fields = ["embed_code"]

    def get_fieldsets(self, request, obj=None):
        # A briefing has a widget once it exists; a read-only revision shows model fields only.
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or "embed_code" not in self.get_readonly_fields(request, obj):
            return fieldsets
        return [*fieldsets, ("Embed on another site", {"fields": ["embed_code"]})]

    @admin.display(description="Widget code")
    def embed_code(self, obj):
        """The snippet partners paste (briefings/embed.py), shown as text to copy."""
        return format_html(
            "<pre><code>{}</code></pre><p>It shows the briefing once it is published.</p>",
            escape(embed.snippet(obj)),
        )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(updates_total=Count("updates"))

    def briefing_time_zone(self, request, object_id):
        if object_id is None:
            return None
        return Briefing.objects.filter(pk=object_id).values_list("time_zone", flat=True).first()

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="briefings_briefing_import"),
            path("tag-suggestions/", view(self.tag_suggestions), name="briefings_tag_suggest"),
            path(
                "<path:object_id>/post-update/",
                view(self.post_update_view),
                name="briefings_briefing_post_update",
            ),
            path(
                "<path:object_id>/close-coverage/",
                view(self.close_coverage_view),
                name="briefings_briefing_close_coverage",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Upload, preview and confirm a document (the importer's screen)."""
        return import_view(self, request)

    def post_update_view(self, request, object_id):
        """The quick "Post update" form, when it was posted with errors (or without script)."""
        briefing = self.get_object(request, unquote(object_id))
        if briefing is None:
            raise Http404
        update_admin = self.admin_site._registry[Update]
        if not update_admin.has_add_permission(request):
            raise PermissionDenied
        publish = "_publish" in request.POST
        if publish and not permissions.may_publish(request.user):
            raise PermissionDenied("Only an editor can publish; save the update as a draft.")
        form = QuickUpdateForm(
            request.POST or None, request.FILES or None, time_zone=briefing.time_zone
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            update = services.post_update(
                briefing,
                request.user,
                headline=data["headline"],
                body=data["body"],
                posted_at=data["posted_at"],
                tags=data["tags"],
                sources=form.ordered("sources"),
                see_also=form.ordered("see_also"),
                actors=form.ordered("actors"),
                publish=publish,
            )
            form.attach_parts(update, request.user)  # the photo (images/), if one was given
            update_admin.log_addition(request, update, [{"added": {}}])
            saved = autosave_saved(f"briefing:{briefing.pk}:quick")
            messages.success(request, posted_message(update, request.user), extra_tags=saved)
            return HttpResponseRedirect(
                reverse("admin:briefings_briefing_change", args=[briefing.pk])
            )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Post an update to “{briefing}”",
            "quick_error_summary": error_summary(form) if form.is_bound else [],
            "opts": self.opts,
            "original": briefing,
            "quick_form": form,
            "max_upload_bytes": settings.DATA_UPLOAD_MAX_MEMORY_SIZE or "",
            "cancel_url": reverse("admin:briefings_briefing_change", args=[briefing.pk]),
            "media": self.media + form.media,
            "can_publish": permissions.may_publish(request.user),
        }
        return TemplateResponse(request, "admin/briefings/briefing/post_update.html", context)

    def close_coverage_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_close_coverage_permission(request):
            raise PermissionDenied
        briefing = self.get_object(request, unquote(object_id))
        if briefing is None:
            raise Http404
        if services.close_coverage(briefing, request.user):
            self.log_change(request, briefing, "Closed the coverage.")
            messages.success(request, "Coverage closed: readers’ pages stop following it.")
        else:
            messages.warning(request, "This briefing is not live: there is no coverage to close.")
        return HttpResponseRedirect(reverse("admin:briefings_briefing_change", args=[briefing.pk]))

    def has_close_coverage_permission(self, request):
        return permissions.may_close_coverage(request.user)

    @admin.action(
        description="Close coverage of selected live briefings", permissions=["close_coverage"]
    )
    def close_coverage_selected(self, request, queryset):
        closed = 0
        for briefing in queryset:
            if services.close_coverage(briefing, request.user):
                self.log_change(request, briefing, "Closed the coverage.")
                closed += 1
        self.message_user(request, f"Closed the coverage of {closed} live briefings.")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            quick_form = QuickUpdateForm(time_zone=obj.time_zone)
            context.update(
                quick_form=quick_form,
                max_upload_bytes=settings.DATA_UPLOAD_MAX_MEMORY_SIZE or "",
                media=context["media"] + quick_form.media,
                can_post_update=self.admin_site._registry[Update].has_add_permission(request),
                can_publish=permissions.may_publish(request.user),
                can_close_coverage=self.has_close_coverage_permission(request) and obj.is_live,
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

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

    @admin.display(description="published at", ordering="published_at")
    def published(self, obj):
        if obj.published_at is None:
            return "—"
        return admin_moment(obj.published_at, obj.time_zone)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if getattr(form, "slug_taken", None):
            messages.info(
                request,
                f"Another briefing has the address “{form.slug_taken}”, so this one is at "
                f"“{obj.slug}” (Advanced, Slug).",
            )

    @admin.display(description="live", boolean=True)
    def is_live_now(self, obj):
        return obj.is_live

    # Not named update_count: that is Briefing's stored count of the updates readers see,
    # and a model field of the same name would take the column's place.
    @admin.display(description="updates", ordering="updates_total")
    def updates_column(self, obj):
        return obj.updates_total

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_published else None


def posted_message(update, user) -> str:
    """What the editor reads after posting: what happened to the update, and who does what
    next — where to see it, when readers will, or who publishes the draft."""
    briefing = update.briefing
    when = admin_moment(update.posted_at, briefing.time_zone, zone=True)
    if services.is_scheduled(update):
        return format_html(
            "Scheduled the update for {}: readers see it then, not before. "
            "<a href='{}'>Preview it</a>.",
            admin_moment(update.publish_at, briefing.time_zone, zone=True),
            reverse("admin:briefings_update_preview", args=[update.pk]),
        )
    if update.status == Status.PUBLISHED:
        return format_html(
            "Published the update of {}{}. <a href='{}'>See it on the site</a>.",
            when,
            "" if briefing.is_published else " (readers see it once the briefing is published)",
            update.get_absolute_url(),
        )
    who = (
        "readers do not see it until you publish it"
        if permissions.may_publish(user)
        else "an editor reviews and publishes it"
    )
    return format_html(
        "Saved the update of {} as a draft: {}. <a href='{}'>Preview it</a>.",
        when,
        who,
        reverse("admin:briefings_update_preview", args=[update.pk]),
    )

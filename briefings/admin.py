"""The editors' side: briefings with their updates, and the source and actor registries."""

import zoneinfo
from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin
from taggit.models import Tag

from . import admin_editorial as editorial_views
from . import editorial, permissions
from .admin_import import import_view
from .admin_widgets import TagSuggestWidget
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
    StaleVersion,
    Status,
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


# No lost edits -----------------------------------------------------------------------------


class VersionField(forms.IntegerField):
    """The row's version when the form was loaded, carried in a hidden input."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data):
        return False  # bookkeeping, never an editor's change


class VersionedForm(forms.ModelForm):
    """A change form that refuses to save over someone else's newer save.

    The form carries the version it was loaded with. If the row has moved on when it is
    submitted, the form is invalid: the message lists what the other person changed, the
    editor's own text stays in the form, and the hidden version now points at the newer
    save, so saving again (after re-applying) deliberately replaces it. The model's save
    makes the same check atomically, for two saves in the same instant.
    """

    loaded_version = VersionField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_change:
            version = self.instance.version
            if self.is_revert:
                # A past revision shown for reverting: the revert replaces the current one.
                version = self.stored_version() or version
            self.fields["loaded_version"].initial = version

    @property
    def is_change(self) -> bool:
        return self.instance.pk is not None and not self.instance._state.adding

    @property
    def is_revert(self) -> bool:
        """The form of a past revision (simple-history's revert page)."""
        return getattr(self.instance, "_history", None) is not None

    def will_save(self) -> bool:
        return self.is_change and (self.has_changed() or self.is_revert)

    def stored_version(self) -> int | None:
        rows = type(self.instance)._base_manager.filter(pk=self.instance.pk)
        return rows.values_list("version", flat=True).first()

    def clean(self):
        cleaned = super().clean()
        if not self.will_save():
            return cleaned
        loaded = cleaned.get("loaded_version")
        current = self.stored_version()
        name = self.instance._meta.verbose_name
        if current is None:
            raise ValidationError(f"This {name} has been deleted since you opened it.")
        if loaded is None:
            raise ValidationError(
                f"This form does not say which version of the {name} it was loaded with: "
                "reload the page and make your changes again."
            )
        if loaded != current:
            changes = editorial.changes_since(self.instance, loaded)
            # Saving again now replaces the newer version on purpose: the editor has seen it.
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded_version")] = str(current)
            raise ValidationError(
                [
                    f"Someone else saved this {name} while you were editing it, so your "
                    "changes were not saved. Your text is still in the form below. "
                    + ("What they changed:" if changes else "See its history for their changes.")
                    + " Re-apply what you need and save again to replace their version.",
                    *changes,
                ]
            )
        return cleaned

    def save(self, commit=True):
        loaded = self.cleaned_data.get("loaded_version")
        if loaded is not None and self.will_save():
            self.instance.version = loaded
        return super().save(commit)


class PolicyAdmin(SimpleHistoryAdmin):
    """A ModelAdmin whose every permission question, revision history pages included, is
    put to the permission policy (briefings.permissions).

    django-simple-history's revert page checks only view permission and then saves
    whatever is posted, so reverting is checked here as the save it is: the user must be
    allowed to save the resulting object over the stored one. Its history pages list and
    show only revisions the user may see.
    """

    def get_queryset(self, request):
        return permissions.visible(request.user, self.model, super().get_queryset(request))

    def has_view_permission(self, request, obj=None):
        return permissions.may_view(request.user, self.model, obj)

    def has_add_permission(self, request):
        return permissions.may_add(request.user, self.model)

    def has_change_permission(self, request, obj=None):
        return permissions.may_change(request.user, self.model, obj)

    def has_delete_permission(self, request, obj=None):
        return permissions.may_delete(request.user, self.model, obj)

    def save_model(self, request, obj, form, change):
        # The last word for every form that saves (change form, revert page): what is
        # about to be written, whatever the form showed or left out.
        if not permissions.may_save(request.user, obj, permissions.stored_state(obj)):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        records = super().get_history_queryset(request, history_manager, pk_name, object_id)
        return permissions.visible(request.user, self.model, records)

    def revert_disabled(self, request, obj=None):
        if obj is None:
            return True
        return not permissions.may_save(request.user, obj, permissions.stored_state(obj))

    def _visible_object(self, request, object_id):
        """The object as this user may see it; None for a deleted object's history, which
        only someone who sees every object of the model may look at."""
        obj = self.get_object(request, object_id)
        if obj is None and not permissions.may_view_all(request.user, self.model):
            raise Http404
        return obj

    def history_view(self, request, object_id, extra_context=None):
        self._visible_object(request, unquote(object_id))
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._visible_object(request, unquote(object_id))
        if not str(version_id).isdigit():
            raise Http404
        records = self.model.history.filter(**{self.opts.pk.attname: unquote(object_id)})
        revision = get_object_or_404(records, history_id=version_id).instance
        if not self.has_view_permission(request, revision):
            raise Http404
        if request.method == "POST" and self.revert_disabled(request, revision):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class VersionedAdmin(PolicyAdmin):
    """Optimistic locking and readable history for Briefing and Update."""

    history_list_display = ["version"]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleVersion:
            # Another save won between this form's check and its save (the whole request
            # was rolled back). Run it again: now the form's check sees the newer version.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        try:
            return super().history_form_view(request, object_id, version_id, extra_context)
        except StaleVersion:
            self.message_user(
                request,
                "Someone saved this since you opened the revision, or it has been deleted: "
                "nothing was reverted. Look at its history again.",
                messages.ERROR,
            )
            return HttpResponseRedirect(request.path)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """simple-history's field-by-field differences, without bookkeeping fields."""
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(
                    current,
                    excluded_fields=editorial.UNINTERESTING_FIELDS,
                    foreign_keys_are_objs=foreign_keys_are_objs,
                )
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current


class ReviewedHistoryAdmin(PolicyAdmin):
    """The registries' queue: the importer's unreviewed proposals, accepted, rejected or
    merged into an entry that exists."""

    actions = ["accept_selected", "reject_selected", "merge_selected"]

    def has_merge_permission(self, request):
        return permissions.may_merge(request.user, self.model)

    @admin.action(description="Accept selected (mark reviewed)", permissions=["change"])
    def accept_selected(self, request, queryset):
        accepted = 0
        for entry in queryset.filter(is_reviewed=False):
            entry.is_reviewed = True
            entry._history_user = request.user
            entry.save()
            self.log_change(request, entry, "Accepted (reviewed).")
            accepted += 1
        self.message_user(request, f"Accepted {accepted}.", messages.SUCCESS)

    @admin.action(description="Reject selected (delete if unused)", permissions=["delete"])
    def reject_selected(self, request, queryset):
        rejected, kept = [], []
        for entry in queryset:
            if editorial.is_unused(entry):
                entry._history_user = request.user
                rejected.append(str(entry))
                entry.delete()
            else:
                kept.append(str(entry))
        if rejected:
            self.message_user(request, f"Rejected and deleted {len(rejected)}.", messages.SUCCESS)
        if kept:
            self.message_user(
                request,
                f"Kept {', '.join(kept)}: still cited or mentioned. Merge them into the right "
                "entry instead.",
                messages.WARNING,
            )

    @admin.action(description="Merge selected into one…", permissions=["merge"])
    def merge_selected(self, request, queryset):
        return editorial_views.merge_action(self, request, queryset)


# Registry ----------------------------------------------------------------------------------


@admin.register(Source)
class SourceAdmin(ReviewedHistoryAdmin):
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
class ActorAdmin(ReviewedHistoryAdmin):
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


class BriefingForm(VersionedForm):
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


class UpdateFlagsForm(VersionedForm):
    class Meta:
        model = Update
        fields = ["is_key_event", "is_pinned", "is_original_entry"]


class UpdateFlagsFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        originals = [
            form
            for form in self.forms
            if form.cleaned_data.get("is_original_entry") and not self._should_delete_form(form)
        ]
        if len(originals) > 1:
            raise ValidationError("Only one update can be the original entry.")

    def save_existing_objects(self, commit=True):
        # The database allows one original entry at a time: save the update losing the
        # mark before the one gaining it.
        n = self.initial_form_count()
        self.forms[:n] = sorted(
            self.forms[:n], key=lambda form: bool(form.cleaned_data.get("is_original_entry"))
        )
        return super().save_existing_objects(commit)


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


@admin.register(Briefing)
class BriefingAdmin(InBriefingTimeZone, VersionedAdmin):
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
            path(
                "<path:object_id>/post-update/",
                self.admin_site.admin_view(partial(editorial_views.post_update_view, self)),
                name="briefings_briefing_post_update",
            ),
            path(
                "<path:object_id>/close-coverage/",
                self.admin_site.admin_view(partial(editorial_views.close_coverage_view, self)),
                name="briefings_briefing_close_coverage",
            ),
            path(
                "<path:object_id>/presence/",
                self.admin_site.admin_view(
                    partial(editorial_views.presence_view, self, kind="briefing")
                ),
                name="briefings_briefing_presence",
            ),
            *super().get_urls(),
        ]

    def has_close_coverage_permission(self, request):
        return permissions.may_close_coverage(request.user)

    @admin.action(
        description="Close coverage of selected live briefings", permissions=["close_coverage"]
    )
    def close_coverage_selected(self, request, queryset):
        closed = 0
        for briefing in queryset:
            if editorial_views.close_coverage(briefing, request.user):
                self.log_change(request, briefing, "Closed the coverage.")
                closed += 1
        self.message_user(request, f"Closed the coverage of {closed} live briefings.")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            quick_form = editorial_views.QuickUpdateForm(time_zone=obj.time_zone)
            context.update(
                quick_form=quick_form,
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
    """Public notes on a published update: readers see "Correction, 14 Nov 2024 10:02 GMT"."""

    model = Correction
    fields = ["text", "published_at"]
    extra = 0


def update_stamp(obj) -> str:
    local = obj.posted_at.astimezone(zoneinfo.ZoneInfo(obj.briefing.time_zone))
    label = zone_label(obj.posted_at, obj.briefing.time_zone)
    return format_html("{} {} <small>{}</small>", f"{local:%H:%M}", label, f"{local:%d %b}")


def update_state(obj) -> str:
    """Draft, Scheduled for 15:15 GMT 14 Nov, or Published."""
    if obj.status != Status.PUBLISHED:
        return "Draft"
    if obj.publish_at and obj.publish_at > timezone.now():
        local = obj.publish_at.astimezone(zoneinfo.ZoneInfo(obj.briefing.time_zone))
        label = zone_label(obj.publish_at, obj.briefing.time_zone)
        return f"Scheduled for {local:%H:%M} {label} {local:%d %b}"
    return "Published"


class UpdateForm(VersionedForm):
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

    # Set by UpdateAdmin.get_form for the request's user.
    user = None

    def clean(self):
        cleaned = super().clean()
        # The admin already leaves these fields out of a contributor's form; this guard
        # holds even for a form built some other way, and for reverting to a revision.
        if self.user is not None and not permissions.may_publish(self.user):
            status = cleaned.get("status", self.instance.status)
            publish_at = cleaned.get("publish_at", self.instance.publish_at)
            if status != Status.DRAFT or publish_at is not None:
                raise ValidationError(
                    "Only an editor can publish or schedule an update: save it as a draft "
                    "and an editor will publish it."
                )
            if self.is_change and self.instance.author_id != self.user.pk:
                raise ValidationError("You can edit only your own drafts.")
        return cleaned


# What only an editor sets on an update.
EDITOR_FIELDS = ["status", "publish_at", "is_key_event", "is_pinned", "is_original_entry", "author"]


@admin.register(Update)
class UpdateAdmin(InBriefingTimeZone, VersionedAdmin):
    form = UpdateForm
    change_list_template = "admin/briefings/update/change_list.html"
    actions = ["publish_selected", "unpublish_selected"]
    list_display = ["stamp", "summary", "briefing", "state", "is_key_event", "is_pinned"]
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
                view(partial(editorial_views.preview_view, self)),
                name="briefings_update_preview",
            ),
            path(
                "<path:object_id>/presence/",
                view(partial(editorial_views.presence_view, self, kind="update")),
                name="briefings_update_presence",
            ),
            path(
                "deleted/",
                view(partial(editorial_views.deleted_updates_view, self)),
                name="briefings_update_deleted",
            ),
            path(
                "deleted/<int:history_id>/restore/",
                view(partial(editorial_views.restore_update_view, self)),
                name="briefings_update_restore",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["preview_url"] = reverse("admin:briefings_update_preview", args=[obj.pk])
        return super().render_change_form(request, context, add, change, form_url, obj)

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
        count = self._set_status(request, queryset, Status.PUBLISHED, "Published.")
        self.message_user(request, f"Published {count} updates.", messages.SUCCESS)

    @admin.action(description="Unpublish selected updates (back to draft)", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        count = self._set_status(request, queryset, Status.DRAFT, "Unpublished.")
        self.message_user(request, f"Unpublished {count} updates: readers no longer see them.")

    def _set_status(self, request, queryset, status, message) -> int:
        """One save each, not queryset.update(): history, versions and live pages see it."""
        changed = 0
        for update in queryset.exclude(status=status):
            update.status = status
            update._history_user = request.user
            update.save(update_fields=["status"])
            self.log_change(request, update, message)
            changed += 1
        return changed

    @admin.display(description="time", ordering="posted_at")
    def stamp(self, obj):
        return update_stamp(obj)

    @admin.display(description="state", ordering="status")
    def state(self, obj):
        return update_state(obj)

    @admin.display(description="update")
    def summary(self, obj):
        return obj.headline or obj.body[:90]

    def view_on_site(self, obj):
        return obj.get_absolute_url()

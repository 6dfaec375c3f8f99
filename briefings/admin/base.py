"""What the newsroom's ModelAdmins share: the permission policy asked for every
permission (revision history pages included), optimistic locking, the briefing's time
zone on its forms, and who else has a page open."""

import zoneinfo

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.forms.forms import NON_FIELD_ERRORS
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from .. import permissions, presence, revisions
from ..models import StaleVersion, Status, zone_label

# Links typed without a scheme are https:// (Django 6's default; 5.2 warns otherwise).
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


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
        if self.revert_disabled(request, revision):
            if request.method == "POST":
                raise PermissionDenied
            # Shown as text, like Django's view-only change form: inputs under a page
            # whose only button is "Close" would take typing that can never be saved.
            request.revision_is_read_only = True
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_readonly_fields(self, request, obj=None):
        if getattr(request, "revision_is_read_only", False):
            # django-simple-history hands self.prepopulated_fields to the page as they are,
            # so those and the fields they are made from stay form fields (slug, title);
            # nothing on the page can be saved anyway.
            prepopulated = {*self.prepopulated_fields}.union(*self.prepopulated_fields.values())
            shown = (
                flatten_fieldsets(self.fieldsets)
                if self.fieldsets
                else [f.name for f in self.model._meta.get_fields() if getattr(f, "editable", 0)]
            )
            model_fields = {f.name for f in self.model._meta.get_fields()}
            return [n for n in shown if n in model_fields and n not in prepopulated]
        return super().get_readonly_fields(request, obj)


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
                    excluded_fields=revisions.UNINTERESTING_FIELDS,
                    foreign_keys_are_objs=foreign_keys_are_objs,
                )
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current


class InBriefingTimeZone:
    """Show and read the form's date-times in the briefing's own zone.

    Editors think in the zone the briefing is written in ("UPDATE 1515 GMT"), so the change
    form activates that zone for the whole request: the widgets show 15:15 and a time typed
    in is read as 15:15 there, not in the server's UTC.
    """

    def briefing_time_zone(self, request, object_id) -> str | None:
        raise NotImplementedError

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # An id that is not a number (a mistyped address) is the admin's to answer: it says
        # the object does not exist. Looking the zone up with it would raise, a 500.
        valid = object_id is None or str(object_id).isdigit()
        name = self.briefing_time_zone(request, object_id) if valid else None
        if not name:
            return super().changeform_view(request, object_id, form_url, extra_context)
        extra_context = {**(extra_context or {}), "briefing_time_zone": name}
        with timezone.override(zoneinfo.ZoneInfo(name)):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            # A TemplateResponse renders after this returns, outside the zone: the widgets
            # would show UTC while a post is read in the zone, and every save would move
            # the times by the zone's offset. Render it here, in the zone.
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            return response


class PresenceAdmin:
    """The heartbeat of an open change page (presence.js): notes the editor and answers
    who else has the same briefing or update open."""

    def get_urls(self):
        return [
            path(
                "<path:object_id>/presence/",
                self.admin_site.admin_view(self.presence_view),
                name=f"{self.opts.app_label}_{self.opts.model_name}_presence",
            ),
            *super().get_urls(),
        ]

    def presence_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404
        kind = self.opts.model_name
        if request.POST.get("leave"):
            presence.leave(kind, obj.pk, request.user)
            return JsonResponse({"others": [], "message": ""})
        others = presence.heartbeat(kind, obj.pk, request.user)
        return JsonResponse({"others": others, "message": presence.presence_message(others, kind)})


# Errors where the editor looks, and the browser's copy of unsaved text ------------------------


def field_anchor(field) -> str:
    """The id of the input to fix: the first of a split date and time, which has no label."""
    if field.id_for_label:
        return field.id_for_label
    if isinstance(field.field.widget, forms.MultiWidget) and field.auto_id:
        return f"{field.auto_id}_0"
    return field.auto_id or ""


def error_summary(form, formsets=()) -> list[dict]:
    """Every field error of ``form`` and its inline ``formsets``, each with the id of what to
    fix, for the list at the top of the form: an error on a field inside a collapsed
    section 1,200 px down is otherwise never seen. Errors of the form as a whole are shown
    at the top already (Django's non_field_errors)."""
    items = []
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS:
            continue
        field = form[name] if name in form.fields else None
        items.append(
            {
                "label": field.label if field is not None else name,
                "anchor": field_anchor(field) if field is not None else "",
                "text": " ".join(errors),
            }
        )
    for formset in formsets:
        name = formset.model._meta.verbose_name
        for error in formset.non_form_errors():
            anchor = f"{formset.prefix}-group"
            items.append({"label": name.capitalize(), "anchor": anchor, "text": error})
        for number, inline in enumerate(formset.forms, start=1):
            for field_name, errors in inline.errors.items():
                field = inline[field_name] if field_name in inline.fields else None
                label = f"{name.capitalize()} {number}" + (f", {field.label}" if field else "")
                anchor = field_anchor(field) if field is not None else f"{formset.prefix}-group"
                items.append({"label": label, "anchor": anchor, "text": " ".join(errors)})
    return items


class ErrorSummaryAdmin:
    """Puts ``error_summary`` in the change form's context (change_form.html shows it)."""

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context.get("adminform").form if context.get("adminform") else None
        if form is not None and form.is_bound:
            formsets = [inline.formset for inline in context.get("inline_admin_formsets", [])]
            context["error_summary"] = error_summary(form, formsets)
        return super().render_change_form(request, context, add, change, form_url, obj)


def autosave_saved(key: str) -> str:
    """The extra_tags of a success message saying the text kept in the browser under
    ``key`` is saved now: the message's page (admin/base_site.html) tells autosave.js,
    which forgets it. A message, because it reaches the next page whatever page that is."""
    return f"autosave:{key}"


# How moments are written in the admin --------------------------------------------------------


def admin_moment(moment, time_zone: str, *, zone: bool = False) -> str:
    """The admin's one way of writing a moment: "13 Nov 2024, 15:15" in ``time_zone`` (the
    briefing's), with " (Europe/Kyiv)" after it when ``zone`` (UTC is written GMT)."""
    local = moment.astimezone(zoneinfo.ZoneInfo(time_zone))
    text = f"{local.day} {local:%b %Y, %H:%M}"
    if zone:
        text += f" ({'GMT' if time_zone == 'UTC' else time_zone})"
    return text


def update_stamp(obj) -> str:
    zone = obj.briefing.time_zone
    label = zone_label(obj.posted_at, zone)
    return format_html("{} <small>{}</small>", admin_moment(obj.posted_at, zone), label)


def update_state(obj) -> str:
    """Draft, Scheduled for 14 Nov 2024, 15:15 (GMT), or Published."""
    if obj.status != Status.PUBLISHED:
        return "Draft"
    if obj.publish_at and obj.publish_at > timezone.now():
        return "Scheduled for " + admin_moment(obj.publish_at, obj.briefing.time_zone, zone=True)
    return "Published"

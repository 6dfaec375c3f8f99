"""Editors' screens beyond the plain change forms: posting an update from the briefing's
page, previewing a draft as readers will see it, closing coverage, who else is editing,
deleted updates and merging registry entries."""

import datetime as dt
import zoneinfo

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from taggit.forms import TagField

from . import editorial, permissions
from .admin_widgets import TagSuggestWidget
from .models import Actor, Citation, Mention, Source, Status, Update, zone_label

# Posting from the briefing's page -----------------------------------------------------------


class QuickUpdateForm(forms.Form):
    """One update with its sources, actors and tags, typed at the top of the briefing."""

    headline = forms.CharField(required=False, max_length=300)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 4, "cols": 80}))
    sources = forms.ModelMultipleChoiceField(
        Source.objects.all(),
        required=False,
        widget=AutocompleteSelectMultiple(Citation._meta.get_field("source"), admin.site),
        help_text="In the order they are cited.",
    )
    see_also = forms.ModelMultipleChoiceField(
        Source.objects.all(),
        required=False,
        label="See also",
        widget=AutocompleteSelectMultiple(Citation._meta.get_field("source"), admin.site),
    )
    actors = forms.ModelMultipleChoiceField(
        Actor.objects.all(),
        required=False,
        widget=AutocompleteSelectMultiple(Mention._meta.get_field("actor"), admin.site),
    )
    tags = TagField(required=False, widget=TagSuggestWidget, help_text="Comma-separated.")
    posted_at = forms.CharField(
        required=False,
        label="Time",
        max_length=20,
        help_text="Blank for now; 15:15 for today, or 2024-11-13 15:15, in the briefing’s zone.",
        widget=forms.TextInput(attrs={"size": 16, "placeholder": "now"}),
    )

    def __init__(self, *args, time_zone="UTC", **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zoneinfo.ZoneInfo(time_zone)
        self.fields["headline"].widget.attrs.update(autofocus=True, size=60)

    def clean_posted_at(self):
        text = self.cleaned_data["posted_at"].strip()
        now = timezone.now()
        if not text:
            return now
        today = now.astimezone(self.zone).date()
        for pattern in ["%H:%M", "%H%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"]:
            try:
                parsed = dt.datetime.strptime(text, pattern)
            except ValueError:
                continue
            if parsed.year == 1900:  # a time alone: today, in the briefing's zone
                parsed = dt.datetime.combine(today, parsed.time())
            return parsed.replace(tzinfo=self.zone)
        raise ValidationError("Type a time as 15:15, or a date and time as 2024-11-13 15:15.")

    def ordered(self, name):
        """The chosen rows in the order they were picked (the browser sends them so)."""
        chosen = {str(row.pk): row for row in self.cleaned_data[name]}
        return [chosen[pk] for pk in dict.fromkeys(self.data.getlist(self.add_prefix(name)))]


def post_update_view(model_admin, request, object_id):
    briefing = get_object_or_404(model_admin.get_queryset(request), pk=object_id)
    update_admin = model_admin.admin_site._registry[Update]
    if not update_admin.has_add_permission(request):
        raise PermissionDenied
    publish = "_publish" in request.POST
    if publish and not permissions.may_publish(request.user):
        raise PermissionDenied("Only an editor can publish; save the update as a draft.")
    form = QuickUpdateForm(request.POST or None, time_zone=briefing.time_zone)
    if request.method == "POST" and form.is_valid():
        update = post_update(briefing, form, request.user, publish=publish)
        update_admin.log_addition(request, update, [{"added": {}}])
        stamp = timezone.localtime(update.posted_at, briefing.zone).strftime("%H:%M")
        label = f"{stamp} {zone_label(update.posted_at, briefing.time_zone)}"
        if publish:
            text = format_html(
                "Published the update of {}. <a href='{}'>See it on the site</a>.",
                label,
                update.get_absolute_url(),
            )
        else:
            text = format_html(
                "Saved the update of {} as a draft: an editor publishes it. "
                "<a href='{}'>Preview it</a>.",
                label,
                reverse("admin:briefings_update_preview", args=[update.pk]),
            )
        messages.success(request, text)
        return HttpResponseRedirect(reverse("admin:briefings_briefing_change", args=[briefing.pk]))
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Post an update to “{briefing}”",
        "opts": model_admin.opts,
        "original": briefing,
        "quick_form": form,
        "media": model_admin.media + form.media,
        "can_publish": permissions.may_publish(request.user),
    }
    return TemplateResponse(request, "admin/briefings/briefing/post_update.html", context)


@transaction.atomic
def post_update(briefing, form, user, *, publish: bool) -> Update:
    data = form.cleaned_data
    update = Update(
        briefing=briefing,
        posted_at=data["posted_at"],
        headline=data["headline"],
        body=data["body"],
        status=Status.PUBLISHED if publish else Status.DRAFT,
        author=user,
    )
    update._history_user = user
    update.save()
    update.tags.set(data["tags"])
    cited = form.ordered("sources")
    see_also = [s for s in form.ordered("see_also") if s not in cited]
    for position, source in enumerate(cited + see_also):
        role = Citation.Role.PRIMARY if source in cited else Citation.Role.SEE_ALSO
        citation = Citation(update=update, source=source, role=role, position=position)
        citation._history_user = user
        citation.save()
    for position, actor in enumerate(form.ordered("actors")):
        mention = Mention(update=update, actor=actor, position=position)
        mention._history_user = user
        mention.save()
    return update


# Preview -------------------------------------------------------------------------------------


def preview_view(model_admin, request, object_id):
    """The update exactly as readers will see it on its permalink, whatever its status.

    admin_view() makes the response private and uncached; X-Robots-Tag keeps it unindexed.
    """
    if not model_admin.get_queryset(request).filter(pk=object_id).exists():
        raise Http404("No such update, or not one you may see.")
    update = Update.objects.for_display().get(pk=object_id)
    if not model_admin.has_view_permission(request, update):
        raise PermissionDenied
    response = TemplateResponse(
        request,
        "admin/briefings/update/preview.html",
        {"update": update, "is_visible": Update.objects.published().filter(pk=update.pk).exists()},
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# Closing coverage ----------------------------------------------------------------------------


def close_coverage(briefing, user) -> bool:
    """End a live briefing's coverage now; readers' pages stop polling (live.json says so)."""
    if not briefing.is_live:
        return False
    briefing.coverage_end = timezone.now()
    if briefing.coverage_start and briefing.coverage_start > briefing.coverage_end:
        briefing.coverage_start = briefing.coverage_end
    briefing._history_user = user
    briefing._change_reason = "Coverage closed"
    briefing.save(update_fields=["coverage_end", "coverage_start"])
    return True


def close_coverage_view(model_admin, request, object_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not model_admin.has_close_coverage_permission(request):
        raise PermissionDenied
    briefing = get_object_or_404(model_admin.get_queryset(request), pk=object_id)
    if close_coverage(briefing, request.user):
        model_admin.log_change(request, briefing, "Closed the coverage.")
        messages.success(request, "Coverage closed: readers’ pages stop following it.")
    else:
        messages.warning(request, "This briefing is not live: there is no coverage to close.")
    return HttpResponseRedirect(reverse("admin:briefings_briefing_change", args=[briefing.pk]))


# Presence ------------------------------------------------------------------------------------


def presence_view(model_admin, request, object_id, kind):
    """The heartbeat of an open change page: notes the editor, answers who else is there."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    obj = model_admin.get_object(request, object_id)
    if obj is None or not model_admin.has_view_permission(request, obj):
        raise Http404
    if request.POST.get("leave"):
        editorial.leave(kind, obj.pk, request.user)
        return JsonResponse({"others": [], "message": ""})
    others = editorial.heartbeat(kind, obj.pk, request.user)
    return JsonResponse({"others": others, "message": presence_message(others, kind)})


def presence_message(others: list[str], kind: str) -> str:
    if not others:
        return ""
    if len(others) == 1:
        who = others[0]
    elif len(others) == 2:
        who = f"{others[0]} and {others[1]}"
    else:
        who = f"{len(others)} people ({', '.join(others)})"
    verb = "is" if len(others) == 1 else "are"
    return f"{who} {verb} editing this {kind} too: save often, and check before overwriting."


# Deleted updates -----------------------------------------------------------------------------


def deleted_updates_view(model_admin, request):
    if not permissions.may_publish(request.user):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Deleted updates",
        "opts": model_admin.opts,
        "records": editorial.deleted_updates()[:200],
    }
    return TemplateResponse(request, "admin/briefings/update/deleted.html", context)


def restore_update_view(model_admin, request, history_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not permissions.may_publish(request.user):
        raise PermissionDenied
    record = get_object_or_404(Update.history.filter(history_type="-"), history_id=history_id)
    try:
        update, notes = editorial.restore_update(record, request.user)
    except editorial.CannotRestore as exc:
        messages.error(request, str(exc))
        return HttpResponseRedirect(reverse("admin:briefings_update_deleted"))
    model_admin.log_addition(request, update, "Restored after deletion.")
    text = "Restored the update"
    if notes:
        text += "; could not bring back " + ", ".join(notes)
    messages.success(request, text + ". Its tags and quotes have no history: add them again.")
    return HttpResponseRedirect(reverse("admin:briefings_update_change", args=[update.pk]))


# Merging registry entries ---------------------------------------------------------------------


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(
        queryset=None, widget=forms.RadioSelect, empty_label=None, label="Keep"
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = queryset


def merge_action(model_admin, request, queryset):
    """The "Merge selected" action: choose the entry to keep, then fold the others into it."""
    entries = list(queryset)
    if len(entries) < 2:
        model_admin.message_user(request, "Select two or more entries to merge.", messages.ERROR)
        return None
    form = MergeForm(
        request.POST if "keep" in request.POST else None,
        queryset=queryset.model.objects.filter(pk__in=[e.pk for e in entries]),
    )
    if form.is_valid():
        keep = form.cleaned_data["keep"]
        others = [e for e in entries if e.pk != keep.pk]
        merge = editorial.merge_actors if queryset.model is Actor else editorial.merge_sources
        counts = merge(keep, others, request.user)
        model_admin.log_change(request, keep, f"Merged in {', '.join(map(str, others))}.")
        done = ", ".join(f"{n} {what}" for what, n in counts.items() if n) or "nothing to move"
        model_admin.message_user(
            request,
            f"Merged {', '.join(map(str, others))} into {keep}: {done}. "
            "Their names are kept as aliases.",
            messages.SUCCESS,
        )
        return None
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Merge {model_admin.opts.verbose_name_plural}",
        "opts": model_admin.opts,
        "entries": entries,
        "form": form,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/briefings/merge.html", context)

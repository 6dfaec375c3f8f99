"""What the source and actor registries share: the queue of the importer's unreviewed
proposals — accepted, rejected, or merged into an entry that exists."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse

from .. import permissions, services
from ..forms import MergeForm
from .base import PolicyAdmin


class RegistryAdmin(PolicyAdmin):
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
            if services.is_unused(entry):
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
        """Choose the entry to keep, then fold the others into it."""
        entries = list(queryset)
        if len(entries) < 2:
            self.message_user(request, "Select two or more entries to merge.", messages.ERROR)
            return None
        form = MergeForm(
            request.POST if "keep" in request.POST else None,
            queryset=queryset.model.objects.filter(pk__in=[e.pk for e in entries]),
        )
        if form.is_valid():
            keep = form.cleaned_data["keep"]
            others = [e for e in entries if e.pk != keep.pk]
            counts = services.merge_into(keep, others, request.user)
            self.log_change(request, keep, f"Merged in {', '.join(map(str, others))}.")
            done = ", ".join(f"{n} {what}" for what, n in counts.items() if n) or "nothing to move"
            self.message_user(
                request,
                f"Merged {', '.join(map(str, others))} into {keep}: {done}. "
                "Their names are kept as aliases.",
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": f"Merge {self.opts.verbose_name_plural}",
            "opts": self.opts,
            "entries": entries,
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/briefings/merge.html", context)

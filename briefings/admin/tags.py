"""Topics: django-taggit's tag admin, with its merge screen asking for permission."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(TaggitTagAdmin):
    """taggit's merge screen (merge-tags/) checks only that the user is staff: the sweep of
    every admin URL found a contributor, who may not even see tags, creating tags and
    moving taggings there. Merging is changing tags."""

    @admin.action(description="Merge selected tags", permissions=["change"])
    def render_tag_form(self, request, queryset):
        return super().render_tag_form(request, queryset)

    def merge_tags_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        chosen = request.session.get("selected_tag_ids", "").split(",")
        if not all(pk.isdigit() for pk in chosen):
            # taggit would look up "" and fail with a 500: nothing was chosen.
            self.message_user(request, "Choose the tags to merge first.", messages.WARNING)
            return redirect("admin:taggit_tag_changelist")
        with transaction.atomic():  # the new tag and the moved taggings, or nothing
            return super().merge_tags_view(request)

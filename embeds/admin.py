"""The cards of an update, typed or corrected on the update's full form."""

from django.contrib import admin
from django.db import models
from django.forms import Textarea

from briefings.models import Update

from .models import Embed


class EmbedInline(admin.StackedInline):
    model = Embed
    extra = 0
    fields = ["url", "provider_name", "author", "title", "text", "position"]
    readonly_fields = ["provider_name"]
    formfield_overrides = {
        models.URLField: {"assume_scheme": "https"},
        models.TextField: {"widget": Textarea(attrs={"rows": 3, "cols": 80})},
    }
    verbose_name = "embedded post or video"
    verbose_name_plural = "Embedded posts and videos (a link alone on a line of the body makes one)"

    @admin.display(description="provider")
    def provider_name(self, obj):
        return obj.provider_label if obj and obj.provider else "—"


# The update's form is the briefings app's; its cards are added from here, so that the
# briefings app never imports this one (tests/test_layers.py).
update_admin = admin.site._registry[Update]
if EmbedInline not in update_admin.inlines:
    update_admin.inlines = [*update_admin.inlines, EmbedInline]

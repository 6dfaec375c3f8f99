"""The image library, and images on the update and briefing forms."""

from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html

from briefings.models import Briefing, Update

from .forms import ImageForm
from .models import Image, LeadImage, UpdateImage
from .processing import renditions


class HasFileFilter(admin.SimpleListFilter):
    title = "file"
    parameter_name = "file"

    def lookups(self, request, model_admin):
        return [("slot", "Slots: file still to attach"), ("stored", "Stored")]

    def queryset(self, request, queryset):
        if self.value() == "slot":
            return queryset.slots()
        if self.value() == "stored":
            return queryset.exclude(file="")
        return queryset


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumbnail", "description", "kind", "credit", "dimensions", "uses"]
    list_display_links = ["thumbnail", "description"]
    list_filter = [HasFileFilter, "kind", "is_decorative", "source"]
    search_fields = ["alt_text", "caption", "credit", "rights", "source__name", "key"]
    autocomplete_fields = ["source"]
    date_hierarchy = "created_at"
    readonly_fields = ["preview", "dimensions", "stored_size", "uploaded_by", "created_at"]
    fieldsets = [
        (None, {"fields": ["preview", "upload", "kind", "alt_text", "is_decorative"]}),
        ("Caption and credit", {"fields": ["caption", "credit", "source", "rights"]}),
        (
            "Stored file",
            {
                "classes": ["collapse"],
                "fields": ["dimensions", "stored_size", "uploaded_by", "created_at"],
            },
        ),
    ]

    def get_queryset(self, request):
        # One query for the page's use counts, not two per row.
        return (
            super()
            .get_queryset(request)
            .annotate(gallery_uses=Count("in_galleries", distinct=True))
            .annotate(lead_uses=Count("as_lead", distinct=True))
        )

    def save_model(self, request, obj, form, change):
        if obj.uploaded_by_id is None and form.cleaned_data.get("upload"):
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="")
    def thumbnail(self, obj):
        if obj.is_slot:
            return format_html('<span class="image-slot">{}</span>', "Slot: attach the file")
        smallest = next((r for r in renditions(obj) if r.format == "JPEG"), None)
        if smallest is None:
            return "—"
        return format_html(
            '<img class="image-thumb" src="{}" alt="" width="80" height="{}">',
            smallest.url,
            max(1, round(80 * obj.height / obj.width)),
        )

    @admin.display(description="image")
    def description(self, obj):
        return str(obj)

    @admin.display(description="size")
    def dimensions(self, obj):
        return f"{obj.width} × {obj.height}" if obj.width else "—"

    @admin.display(description="stored size")
    def stored_size(self, obj):
        return f"{obj.file_size / 1024:,.0f} KB" if obj.file_size else "—"

    @admin.display(description="used in")
    def uses(self, obj):
        gallery = getattr(obj, "gallery_uses", 0)
        lead = getattr(obj, "lead_uses", 0)
        parts = [f"{gallery} update{'s' * (gallery != 1)}"] if gallery else []
        parts += [f"{lead} lead"] if lead else []
        return ", ".join(parts) or "—"

    @admin.display(description="preview")
    def preview(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        if obj.is_slot:
            return format_html(
                '<p class="image-slot">{}</p>',
                "A slot the importer made from a caption or credit: attach the file below.",
            )
        jpegs = [r for r in renditions(obj) if r.format == "JPEG"]
        if not jpegs:
            return "—"
        shown = next((r for r in jpegs if r.width >= 480), jpegs[-1])
        return format_html(
            '<img class="image-preview" src="{}" alt="{}" width="{}" height="{}">',
            shown.url,
            obj.alt,
            shown.width,
            shown.height,
        )


class UpdateImageInline(admin.TabularInline):
    model = UpdateImage
    extra = 0
    autocomplete_fields = ["image"]
    fields = ["image", "position"]
    verbose_name = "image"
    verbose_name_plural = "images (pick from the library, or + to upload)"


class LeadImageInline(admin.StackedInline):
    model = LeadImage
    extra = 0
    max_num = 1
    autocomplete_fields = ["image"]
    verbose_name_plural = "lead image (pick from the library, or + to upload)"


# The briefings app imports nothing of this one (tests/test_layers.py), so the inlines are
# added to its registered admins here, when the admin loads this module.
for model, inline, first in [(Update, UpdateImageInline, False), (Briefing, LeadImageInline, True)]:
    registered = admin.site._registry[model]
    if inline not in registered.inlines:
        others = list(registered.inlines)
        registered.inlines = [inline, *others] if first else [*others, inline]

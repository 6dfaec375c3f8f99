"""API keys in the admin: issue (the key is shown once, on the page that follows), revoke."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse

from .models import ApiKey


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "created_at", "created_by", "last_used_at", "active"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix"]
    readonly_fields = ["prefix", "created_at", "created_by", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    @admin.display(boolean=True, description="active")
    def active(self, key):
        return key.is_active

    def get_readonly_fields(self, request, obj=None):
        # Nothing to show but the name before the key exists.
        return self.readonly_fields if obj else []

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            # Kept on the request for response_add, never stored: only the digest is.
            request._issued_api_key = obj.set_new_key()
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        """The one page that shows the new key."""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "key": obj,
            "raw_key": request._issued_api_key,
            "title": "API key issued",
        }
        return TemplateResponse(request, "admin/api/apikey/issued.html", context)

    @admin.action(description="Revoke selected API keys", permissions=["change"])
    def revoke(self, request, queryset):
        keys = list(queryset.active())
        for key in keys:
            key.revoke()
        self.message_user(request, f"{len(keys)} API key(s) revoked.", messages.SUCCESS)

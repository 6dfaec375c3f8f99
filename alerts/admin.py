"""Subscribers, newsletters, and webhooks with their delivery logs.

A newsletter goes out in three steps on its page: **Preview** (the HTML as subscribers will
see it), **Send a test to me** (to the editor's own address), then **Send to subscribers**
(a confirmation page with the count). The send only queues; the worker sends.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import URLField
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from . import audience, emails, tasks
from .models import (
    DeliveryStatus,
    EmailDelivery,
    Message,
    Subscriber,
    Subscription,
    Webhook,
    WebhookDelivery,
)


class SubscriptionInline(admin.TabularInline):
    model = Subscription
    extra = 0
    fields = ["kind", "briefing", "tag", "confirmed_at", "created_at"]
    readonly_fields = fields
    can_delete = True

    def has_add_permission(self, request, obj=None):
        return False  # Only readers subscribe themselves: consent is theirs to give.


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "confirmed_at", "created_at", "last_alert_at"]
    list_filter = [("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["email"]
    readonly_fields = ["email", "consented_at", "confirmed_at", "last_alert_at", "created_at"]
    inlines = [SubscriptionInline]

    def has_add_permission(self, request):
        return False


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "kind", "briefing", "created_at", "test_sent_at", "sent_at"]
    list_filter = ["kind"]
    fields = ["subject", "briefing", "kind", "created_by", "test_sent_at", "sent_at"]
    readonly_fields = ["kind", "created_by", "test_sent_at", "sent_at"]
    autocomplete_fields = ["briefing"]
    change_form_template = "admin/alerts/message/change_form.html"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.kind = Message.Kind.NEWSLETTER
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def has_change_permission(self, request, obj=None):
        # A message that went out is a record, not a draft.
        if obj is not None and (obj.sent_at or obj.kind == Message.Kind.ALERT):
            return False
        return super().has_change_permission(request, obj)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/preview/", wrap(self.preview_view), name="alerts_message_preview"),
            path("<int:pk>/test/", wrap(self.test_view), name="alerts_message_test"),
            path("<int:pk>/send/", wrap(self.send_view), name="alerts_message_send"),
            *super().get_urls(),
        ]

    def newsletter(self, request, pk) -> Message:
        if not request.user.has_perm("alerts.send_newsletter"):
            raise PermissionDenied
        return get_object_or_404(Message, pk=pk, kind=Message.Kind.NEWSLETTER)

    def preview_view(self, request, pk):
        message = self.newsletter(request, pk)
        email = emails.test_email(message, request.user.email or "preview@localhost")
        html = email.alternatives[0][0]
        response = HttpResponse(html)
        # The preview is the email's own HTML, with its own <style>: shown in a sandbox.
        response["Content-Security-Policy"] = (
            "sandbox; default-src 'none'; style-src 'unsafe-inline'"
        )
        return response

    def test_view(self, request, pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        message = self.newsletter(request, pk)
        if not request.user.email:
            messages.error(request, "Your account has no email address to send the test to.")
        else:
            # A test goes to one editor and is sent now, so they can look at it at once.
            emails.test_email(message, request.user.email).send()
            Message.objects.filter(pk=pk).update(test_sent_at=timezone.now())
            messages.success(request, f"A test was sent to {request.user.email}.")
        return redirect("admin:alerts_message_change", pk)

    def send_view(self, request, pk):
        message = self.newsletter(request, pk)
        if message.sent_at:
            messages.error(request, "This newsletter was sent already.")
            return redirect("admin:alerts_message_change", pk)
        recipients = audience.newsletter_audience(message).count()
        if request.method == "POST":
            # Marked now, so that a second press is refused; the task fills in the time.
            if Message.objects.filter(pk=pk, sent_at__isnull=True).update(sent_at=timezone.now()):
                tasks.enqueue(tasks.send_newsletter, message.pk)
                messages.success(request, f"Sending to {recipients} subscribers.")
            return redirect("admin:alerts_message_change", pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "message": message,
            "audience": recipients,
            "updates": emails.message_updates(message).count(),
            "title": f"Send “{message.subject}”",
        }
        return TemplateResponse(request, "admin/alerts/message/send.html", context)


class DeliveryLog(admin.ModelAdmin):
    list_filter = ["status"]
    date_hierarchy = "created_at"
    actions = ["retry_now"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Retry the selected failed deliveries now")
    def retry_now(self, request, queryset):
        failed = queryset.filter(status=DeliveryStatus.FAILED)
        pks = list(failed.values_list("pk", flat=True))
        failed.update(status=DeliveryStatus.PENDING, attempts=0, due_at=timezone.now())
        for pk in pks:
            tasks.enqueue_delivery(self.model, pk)
        self.message_user(request, f"{len(pks)} queued again.")


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(DeliveryLog):
    list_display = ["message", "subscriber", "status", "attempts", "due_at", "done_at"]
    list_select_related = ["message", "subscriber"]
    readonly_fields = [
        "subscriber",
        "message",
        "status",
        "attempts",
        "due_at",
        "done_at",
        "last_error",
    ]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(DeliveryLog):
    list_display = [
        "event",
        "update_id",
        "webhook",
        "status",
        "response_status",
        "attempts",
        "due_at",
        "done_at",
    ]
    list_filter = ["status", "event", "webhook"]
    list_select_related = ["webhook"]
    readonly_fields = [
        "webhook",
        "event",
        "event_id",
        "update_id",
        "status",
        "response_status",
        "attempts",
        "due_at",
        "done_at",
        "last_error",
        "payload",
    ]


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    # Links typed without a scheme are https:// (Django 6's default; 5.2 warns otherwise).
    formfield_overrides = {URLField: {"assume_scheme": "https"}}
    list_display = ["url", "description", "is_active", "created_at", "log"]
    list_filter = ["is_active"]
    fields = ["url", "description", "secret", "is_active"]

    @admin.display(description="Deliveries")
    def log(self, obj):
        from django.utils.html import format_html

        url = reverse("admin:alerts_webhookdelivery_changelist") + f"?webhook__id__exact={obj.pk}"
        return format_html('<a href="{}">Log</a>', url)

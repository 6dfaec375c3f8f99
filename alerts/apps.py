from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = "Email alerts and webhooks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Receivers on the briefings models: a published, corrected or removed update is
        # looked at again by a background task (alerts.announce), never in the request.
        from . import signals  # noqa: F401

from django.apps import AppConfig


class EmbedsConfig(AppConfig):
    name = "embeds"
    verbose_name = "Embedded posts and videos"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from briefings import markup

        from . import providers, signals  # noqa: F401

        # A bare link that becomes a card is not also printed as a link in the body.
        if providers.embeddable not in markup.bare_link_claims:
            markup.bare_link_claims.append(providers.embeddable)

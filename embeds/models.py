"""An embedded post or video: a card stored with its update, framed from the provider only
when a reader asks."""

from django.core.exceptions import ValidationError
from django.db import models

from briefings.models.text import DIRECTION_OVERRIDES, remove_tags

from . import providers


class Embed(models.Model):
    """A post or video shown in an update as a card: provider, author, text or title and a
    link. What the card says is stored here (typed by the editor, or fetched once by oEmbed
    in the background), so the card survives the original's deletion and a reader's page
    asks the provider for nothing until the reader chooses to load it."""

    update = models.ForeignKey("briefings.Update", on_delete=models.CASCADE, related_name="embeds")
    url = models.URLField(
        "address",
        max_length=providers.MAX_URL,
        help_text="The post or video: X, YouTube, Telegram, Bluesky, Mastodon, Facebook, "
        "Instagram, TikTok or Vimeo.",
    )
    provider = models.CharField(max_length=20, choices=providers.CHOICES, editable=False)
    author = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=300, blank=True, help_text="A video's title.")
    text = models.TextField(
        blank=True, help_text="A post's words, as the card shows them (kept if the post goes)."
    )
    position = models.PositiveSmallIntegerField(default=0)
    # Where the reader's "Load content" button points: made from the address, never typed.
    frame_url = models.URLField(max_length=600, blank=True, editable=False)
    from_body = models.BooleanField(
        default=False,
        editable=False,
        help_text="Made from a bare link on a line of its own in the body; goes with the line.",
    )
    fetched_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["update", "url"], name="embed_an_address_once"),
            models.CheckConstraint(
                condition=models.Q(provider__in=list(providers.PROVIDERS)),
                name="embed_provider_is_known",
            ),
        ]

    def __str__(self):
        return f"{self.provider_label}: {self.author or self.url}"

    def save(self, *args, **kwargs):
        # The briefings app's rule for typed text (briefings.models.text): no direction
        # overrides anywhere, no tags in a one-line field. Fetched text obeys it too.
        for field in self._meta.concrete_fields:
            value = getattr(self, field.attname)
            if isinstance(field, models.CharField | models.TextField) and isinstance(value, str):
                value = value.translate(DIRECTION_OVERRIDES)
                one_line = isinstance(field, models.CharField) and field.choices is None
                setattr(self, field.attname, remove_tags(value) if one_line else value)
        provider, frame_url = providers.recognise(self.url)
        if provider is not None:
            self.provider = provider.key
            # A frame address learnt by the fetch (a Bluesky post's DID) stays while the
            # address names the same post.
            same_post = self.frame_url.rsplit("/", 1)[-1] == self.url.rstrip("/").rsplit("/", 1)[-1]
            if frame_url or not same_post:
                self.frame_url = frame_url
        super().save(*args, **kwargs)

    def clean(self):
        provider, _ = providers.recognise(self.url or "")
        if self.url and provider is None:
            labels = ", ".join(p.label for p in providers.PROVIDERS.values())
            raise ValidationError(
                {"url": f"Not the address of a post or video of a provider we embed ({labels})."}
            )

    @property
    def provider_info(self) -> providers.Provider:
        return providers.PROVIDERS[self.provider]

    @property
    def provider_label(self) -> str:
        provider = providers.PROVIDERS.get(self.provider)
        return provider.label if provider else self.provider

    @property
    def link(self) -> str:
        """The address as a link, for http(s) addresses only (the field validates, but a
        row written by other means must not become a javascript: link)."""
        return self.url if self.url.lower().startswith(("https://", "http://")) else ""

    @property
    def loadable_url(self) -> str:
        """The iframe address, when it is on one of the hosts the CSP allows."""
        allowed = providers.frame_hosts()
        if any(self.frame_url.startswith(f"https://{host}/") for host in allowed):
            return self.frame_url
        return ""

    def as_json(self) -> dict:
        return {
            "url": self.url,
            "provider": self.provider_label,
            "author": self.author,
            "title": self.title,
            "text": self.text,
        }

"""API keys: what an admin issues to a partner so that its reads are not rate-limited.

A key is shown once, when it is issued; only its SHA-256 digest is stored. A fast hash is
enough here, unlike for passwords: a key is 256 random bits, so there is nothing to guess
from a leaked digest, and the unique digest is also how a request's key is looked up.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

PREFIX = "nr_"


def digest(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()


class ApiKeyQuerySet(models.QuerySet):
    def active(self) -> "ApiKeyQuerySet":
        return self.filter(revoked_at__isnull=True)


class ApiKey(models.Model):
    name = models.CharField(max_length=200, help_text="Who the key is for, and what for.")
    # The first characters of the key, to tell keys apart in the admin and in a partner's
    # message ("our key nr_AbC… stopped working") without storing the key.
    prefix = models.CharField(max_length=12, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        verbose_name = "API key"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def set_new_key(self) -> str:
        """Give this row a new random key and return it: the only time it can be read."""
        raw = PREFIX + secrets.token_urlsafe(32)
        self.prefix = raw[:10]
        self.digest = digest(raw)
        return raw

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

"""Background work of the embeds: filling a new card from its provider's oEmbed."""

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from . import oembed
from .models import Embed


def fetch_later(embed_id: int) -> None:
    """Ask the provider about this card once the transaction commits (a rolled-back save
    asks nothing)."""
    transaction.on_commit(lambda: fetch_card.enqueue(embed_id))


@task()
def fetch_card(embed_id: int) -> None:
    fill_card(embed_id)


def fill_card(embed_id: int) -> bool:
    """Fill the card's empty fields from oEmbed; what the editor typed is kept. True when
    the provider answered. Safe to run twice: a card once fetched is not asked again."""
    embed = Embed.objects.filter(pk=embed_id, fetched_at__isnull=True).first()
    if embed is None:
        return False
    card = oembed.fetch(embed.url)  # outside any transaction: the network may be slow
    if card is None:
        return False
    with transaction.atomic():
        embed = Embed.objects.select_for_update().filter(pk=embed_id).first()
        if embed is None or embed.fetched_at is not None:
            return False
        for name in ("author", "title", "text"):
            if not getattr(embed, name) and getattr(card, name):
                setattr(embed, name, getattr(card, name))
        if card.frame_url:
            embed.frame_url = card.frame_url
        embed.fetched_at = timezone.now()
        embed.save()
    return True

"""Where embeds meet their updates.

- A bare link to a post or video on a line of its own in an update's body becomes a card
  (as in WordPress); taking the line out takes the card away. Done when the save commits,
  after the admin's inline rows are saved, so a link typed both in the body and in the
  inline is one card.
- A card saved or deleted moves its update's ``updated_at`` and the briefing's version
  (briefings.models.changes), as a citation does: pages, caches and the live poller see it.
  The update's ``version`` is left alone: a card filled in the background must not make an
  editor's open form stale.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from briefings.markup import bare_links
from briefings.models import Update
from briefings.models.changes import briefing_changed

from . import providers, tasks
from .models import Embed


def urls_in_body(body: str) -> list[str]:
    """The addresses of posts and videos alone on a line of ``body``, once each, in order."""
    # Every provider answers on https: "youtu.be/…" typed bare (linkified as http://) too.
    links = bare_links(body)
    secure = (f"https://{url[7:]}" if url.startswith("http://") else url for url in links)
    return [url for url in dict.fromkeys(secure) if providers.embeddable(url)]


def sync_from_body(update_id: int) -> None:
    update = Update._base_manager.filter(pk=update_id).only("pk", "body").first()
    if update is None:
        return
    wanted = urls_in_body(update.body)
    with transaction.atomic():
        existing = {embed.url: embed for embed in Embed.objects.filter(update_id=update_id)}
        for embed in existing.values():
            if embed.from_body and embed.url not in wanted:
                embed.delete()
        position = max((e.position for e in existing.values()), default=-1) + 1
        for url in wanted:
            if url not in existing:
                Embed(update_id=update_id, url=url, from_body=True, position=position).save()
                position += 1


@receiver(post_save, sender=Update, dispatch_uid="embeds.update_saved")
def update_saved(sender, instance, raw=False, created=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and "body" not in update_fields):
        return
    if created and not urls_in_body(instance.body):
        return  # a new update with no such link has no card to make: no query (the importer)
    update_id = instance.pk
    transaction.on_commit(lambda: sync_from_body(update_id))


@receiver(post_save, sender=Embed, dispatch_uid="embeds.embed_saved")
@receiver(post_delete, sender=Embed, dispatch_uid="embeds.embed_deleted")
def embed_changed(sender, instance, raw=False, created=False, using="default", **kwargs):
    if raw:
        return
    updates = Update._base_manager.using(using).filter(pk=instance.update_id)
    updates.update(updated_at=timezone.now())
    slugs = list(updates.values_list("briefing__slug", flat=True))
    if slugs:
        briefing_changed(*slugs, using=using)
    if created and instance.fetched_at is None:
        tasks.fetch_later(instance.pk)

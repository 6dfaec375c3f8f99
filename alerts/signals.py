"""Where the briefings models tell this app that readers may see something new.

Receivers only enqueue, once the transaction commits (a rolled-back save announces
nothing); the task then asks ``Update.objects.published()`` what readers see, so a draft
or a scheduled update never goes out. A scheduled update or briefing is looked at again
when it comes due: visibility is a query, and nothing else would notice that moment.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from briefings.models import Briefing, Correction, Update

from . import tasks


def announce_later(update_id: int, due_at=None) -> None:
    def go():
        tasks.enqueue(tasks.announce, [update_id])
        if due_at is not None:
            tasks.enqueue(tasks.announce, [update_id], at=due_at)

    transaction.on_commit(go)


@receiver(post_save, sender=Update, dispatch_uid="alerts.update_saved")
def update_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        announce_later(instance.pk, instance.publish_at)


@receiver(post_delete, sender=Update, dispatch_uid="alerts.update_deleted")
def update_deleted(sender, instance, **kwargs):
    announce_later(instance.pk)


@receiver(post_save, sender=Correction, dispatch_uid="alerts.correction_saved")
@receiver(post_delete, sender=Correction, dispatch_uid="alerts.correction_deleted")
def correction_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        announce_later(instance.update_id)


@receiver(post_save, sender=Briefing, dispatch_uid="alerts.briefing_saved")
def briefing_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return

    def go():
        tasks.enqueue(tasks.announce_briefing, instance.pk)
        if instance.published_at is not None:
            tasks.enqueue(tasks.announce_briefing, instance.pk, at=instance.published_at)

    transaction.on_commit(go)

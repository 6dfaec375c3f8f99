"""Who gets what: the confirmed subscribers a key event or a newsletter is for."""

from django.db.models import Q

from briefings.models import Update

from .models import Message, Subscriber, Subscription


def subscribers_of(update: Update):
    """Confirmed subscribers who follow this update's briefing, or one of its topics or its
    briefing's topics."""
    tag_ids = [*update.tags.values_list("pk", flat=True)]
    tag_ids += update.briefing.tags.values_list("pk", flat=True)
    follows = Subscription.objects.filter(confirmed_at__isnull=False).filter(
        Q(briefing=update.briefing_id) | Q(tag__in=tag_ids)
    )
    return Subscriber.objects.filter(pk__in=follows.values("subscriber"))


def newsletter_audience(message: Message):
    """Confirmed subscribers to the daily digest, or to a topic of the briefing sent."""
    wanted = Q(kind=Subscription.Kind.DIGEST)
    if message.briefing_id is not None:
        wanted |= Q(kind=Subscription.Kind.TOPIC, tag__in=message.briefing.tags.all())
    follows = Subscription.objects.filter(wanted, confirmed_at__isnull=False)
    return Subscriber.objects.filter(pk__in=follows.values("subscriber"))

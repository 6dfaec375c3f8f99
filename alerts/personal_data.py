"""Everything stored about a subscriber's address: exported on request, erased on request
(or when they unsubscribe from everything). Sent-message logs go with the address."""

from .models import Subscriber


def export(email: str) -> dict | None:
    subscriber = Subscriber.objects.filter(email=email.strip().lower()).first()
    if subscriber is None:
        return None

    def stamp(moment):
        return moment.isoformat() if moment else None

    return {
        "email": subscriber.email,
        "consented_at": stamp(subscriber.consented_at),
        "confirmed_at": stamp(subscriber.confirmed_at),
        "created_at": stamp(subscriber.created_at),
        "subscriptions": [
            {
                "what": str(s),
                "created_at": stamp(s.created_at),
                "confirmed_at": stamp(s.confirmed_at),
            }
            for s in subscriber.subscriptions.select_related("briefing", "tag")
        ],
        "emails": [
            {"subject": d.message.subject, "status": d.status, "sent_at": stamp(d.done_at)}
            for d in subscriber.deliveries.select_related("message")
        ],
    }


def erase(email: str) -> int:
    deleted, _ = Subscriber.objects.filter(email=email.strip().lower()).delete()
    return deleted

"""Who else has a briefing or update open in the admin: a warning for editors, not a lock."""

import time

from django.core.cache import cache

PRESENCE_TTL = 60  # seconds; the page's heartbeat comes every 20


def _presence_key(kind: str, pk) -> str:
    return f"briefings:presence:{kind}:{pk}"


def heartbeat(kind: str, pk, user) -> list[str]:
    """Note that ``user`` has the page open; return the names of the others who do.

    A warning, not a lock: two heartbeats at the same moment may drop one of them, and the
    next one (20 seconds later) puts it back.
    """
    key = _presence_key(kind, pk)
    now = time.time()
    present = {
        user_id: (name, seen)
        for user_id, (name, seen) in (cache.get(key) or {}).items()
        if now - seen < PRESENCE_TTL
    }
    present[user.pk] = (user.get_full_name() or user.get_username(), now)
    cache.set(key, present, PRESENCE_TTL)
    return sorted(name for user_id, (name, _) in present.items() if user_id != user.pk)


def leave(kind: str, pk, user) -> None:
    key = _presence_key(kind, pk)
    present = cache.get(key) or {}
    if present.pop(user.pk, None) is not None:
        cache.set(key, present, PRESENCE_TTL)


def presence_message(others: list[str], kind: str) -> str:
    if not others:
        return ""
    if len(others) == 1:
        who = others[0]
    elif len(others) == 2:
        who = f"{others[0]} and {others[1]}"
    else:
        who = f"{len(others)} people ({', '.join(others)})"
    verb = "is" if len(others) == 1 else "are"
    return f"{who} {verb} editing this {kind} too: save often, and check before overwriting."

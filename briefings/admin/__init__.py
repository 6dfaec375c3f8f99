"""The editors' side: briefings with their updates, and the source and actor registries.

One module per ModelAdmin; each screen beyond Django's own is a method of its ModelAdmin,
reached from its get_urls(). Who may do what is asked of briefings.permissions, and the
operations themselves live in briefings.services.
"""

from . import actor, briefing, source, tags, update

__all__ = ["actor", "briefing", "source", "tags", "update"]

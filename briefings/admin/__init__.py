"""The editors' side: briefings with their updates, and the source and actor registries.

One module per ModelAdmin; each screen beyond Django's own is a method of its ModelAdmin,
reached from its get_urls(). Who may do what is asked of briefings.permissions, and the
operations themselves live in briefings.services.
"""

from django.contrib import admin

from . import actor, briefing, source, tags, update

# The admin says whose it is (its pages' titles, header and home); the icon and stylesheet
# come with admin/briefings/base_site.html.
admin.site.site_header = "Newsroom"
admin.site.site_title = "Newsroom"
admin.site.index_title = "Briefings, updates and the registries"

__all__ = ["actor", "briefing", "source", "tags", "update"]

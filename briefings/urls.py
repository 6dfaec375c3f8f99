from django.urls import path

from . import embed, live, views
from .feeds import (
    ActorUpdatesFeed,
    BriefingUpdatesFeed,
    SourceUpdatesFeed,
    TagUpdatesFeed,
    UpdatesFeed,
)

app_name = "briefings"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("briefings/", views.BriefingListView.as_view(), name="briefing_list"),
    path("briefings/<slug:slug>/", views.BriefingDetailView.as_view(), name="briefing"),
    path("briefings/<slug:slug>/live.json", live.live_json, name="live"),
    path(
        "briefings/<slug:slug>/updates/<int:pk>/",
        views.UpdateDetailView.as_view(),
        name="update",
    ),
    path("embed/briefings/<slug:slug>/", embed.briefing_widget, name="embed"),
    path("updates/", views.UpdateStreamView.as_view(), name="update_list"),
    path("updates.json", views.update_stream_json, name="update_list_json"),
    path("updates/suggest.json", views.update_suggestions, name="update_suggestions"),
    path("actors/", views.ActorListView.as_view(), name="actor_list"),
    path("actors/<slug:slug>/", views.ActorDetailView.as_view(), name="actor"),
    path("sources/", views.SourceListView.as_view(), name="source_list"),
    path("sources/<slug:slug>/", views.SourceDetailView.as_view(), name="source"),
    path("tags/", views.TagListView.as_view(), name="tag_list"),
    path("tags/<slug:slug>/", views.TagDetailView.as_view(), name="tag"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("healthz", views.healthz, name="healthz"),
    # Feeds: every one in Atom, RSS and JSON Feed, named <url_name of its class>_<format>.
    # The JSON Feeds are feed.json: updates.json is the update stream's JSON (above).
    path("feeds/updates.atom", UpdatesFeed("atom"), name="site_feed_atom"),
    path("feeds/updates.rss", UpdatesFeed("rss"), name="site_feed_rss"),
    path("feeds/feed.json", UpdatesFeed("json"), name="site_feed_json"),
    path(
        "briefings/<slug:slug>/updates.atom",
        BriefingUpdatesFeed("atom"),
        name="briefing_feed_atom",
    ),
    path("briefings/<slug:slug>/updates.rss", BriefingUpdatesFeed("rss"), name="briefing_feed_rss"),
    path("briefings/<slug:slug>/feed.json", BriefingUpdatesFeed("json"), name="briefing_feed_json"),
    path("tags/<slug:slug>/updates.atom", TagUpdatesFeed("atom"), name="tag_feed_atom"),
    path("tags/<slug:slug>/updates.rss", TagUpdatesFeed("rss"), name="tag_feed_rss"),
    path("tags/<slug:slug>/feed.json", TagUpdatesFeed("json"), name="tag_feed_json"),
    path("actors/<slug:slug>/updates.atom", ActorUpdatesFeed("atom"), name="actor_feed_atom"),
    path("actors/<slug:slug>/updates.rss", ActorUpdatesFeed("rss"), name="actor_feed_rss"),
    path("actors/<slug:slug>/feed.json", ActorUpdatesFeed("json"), name="actor_feed_json"),
    path("sources/<slug:slug>/updates.atom", SourceUpdatesFeed("atom"), name="source_feed_atom"),
    path("sources/<slug:slug>/updates.rss", SourceUpdatesFeed("rss"), name="source_feed_rss"),
    path("sources/<slug:slug>/feed.json", SourceUpdatesFeed("json"), name="source_feed_json"),
]

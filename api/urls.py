from django.urls import path

from . import views

app_name = "api"

urlpatterns = [
    path("briefings/", views.BriefingList.as_view(), name="briefing_list"),
    path("briefings/<slug:slug>/", views.BriefingDetail.as_view(), name="briefing"),
    path("updates/", views.UpdateList.as_view(), name="update_list"),
    path("updates/<int:pk>/", views.UpdateDetail.as_view(), name="update"),
    path("actors/", views.ActorList.as_view(), name="actor_list"),
    path("actors/<slug:slug>/", views.ActorDetail.as_view(), name="actor"),
    path("sources/", views.SourceList.as_view(), name="source_list"),
    path("sources/<slug:slug>/", views.SourceDetail.as_view(), name="source"),
    path("tags/", views.TagList.as_view(), name="tag_list"),
    path("tags/<slug:slug>/", views.TagDetail.as_view(), name="tag"),
    path("openapi.json", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
]

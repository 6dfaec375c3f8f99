"""``/api/v1/``: read-only endpoints over what readers may see.

Every queryset starts from ``published()`` (briefings, updates), ``public()`` (reviewed
actors and sources) or ``tags_in_use()``; lists are cursor-paginated; every answer goes
through ``http.for_readers`` (CORS, Cache-Control, ETag and 304).
"""

from django.db.models import Exists, F, OuterRef
from django.views.generic import TemplateView
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.settings import patched_settings
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView, exception_handler

from briefings.filters import UpdateFilter
from briefings.models import Actor, Briefing, Source, Update, settle_due_counts, tags_in_use

from . import http
from .auth import ApiKeyAuthentication
from .filters import BriefingFilter
from .pagination import Cursor
from .serializers import (
    ActorSerializer,
    BriefingSerializer,
    SourceSerializer,
    TagSerializer,
    UpdateSerializer,
)
from .throttling import AnonymousAddressThrottle


def published_briefings():
    # The origin is linked to only when it has a page of its own, as on the briefing's page.
    origin_is_public = Exists(Source.objects.listed().filter(pk=OuterRef("origin")))
    return (
        Briefing.objects.published()
        .select_related("previous", "origin")
        .prefetch_related("tags")
        .annotate(origin_is_public=origin_is_public)
    )


def listed(model: type[Actor | Source]):
    """Public actors or sources with how many published updates refer to them, both read
    from the stored counts (``listed()``): counting every reference on each request took
    26 s for the actor list at 1,000,000 updates. An update refers to an entry at most once
    (a unique constraint), so the stored count is the number of updates."""
    settle_due_counts()
    return model.objects.listed().annotate(reference_count=F(model.count_field))


def public_actors():
    # The affiliation is linked to only when it has a page of its own, as on the actor's page.
    affiliation_is_public = Exists(Actor.objects.listed().filter(pk=OuterRef("affiliation")))
    return (
        listed(Actor)
        .select_related("affiliation")
        .annotate(affiliation_is_public=affiliation_is_public)
    )


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="For a 400: what is wrong with each query parameter.",
    )


def api_exception_handler(exc, context):
    """DRF's answers, in one shape: ``{"detail": …}``, with ``errors`` per parameter for a
    filter that does not validate."""
    response = exception_handler(exc, context)
    if response is not None and not (isinstance(response.data, dict) and "detail" in response.data):
        response.data = {"detail": "The query parameters are not valid.", "errors": response.data}
    return response


class ReadSchema(AutoSchema):
    """Each operation's schema lists the errors it can answer with, too."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = {"429": "Too many requests without an API key: wait Retry-After seconds."}
        errors["401"] = "The API key is unknown or was revoked."
        if self._is_list_view():
            errors["400"] = "A query parameter is not valid."
            errors["404"] = "The cursor is not valid."
        else:
            errors["404"] = "Nothing published has this address."
        for code, description in errors.items():
            responses[code] = self._get_response_for_code(ErrorSerializer, code)
            responses[code]["description"] = description
        responses["304"] = {"description": "Not modified: the ETag in If-None-Match is current."}
        return responses


class Unlisted(AutoSchema):
    """Not an operation of the API: left out of the schema."""

    def is_excluded(self):
        return True


class ReadView(generics.GenericAPIView):
    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [AllowAny]
    throttle_classes = [AnonymousAddressThrottle]
    renderer_classes = [JSONRenderer]
    pagination_class = Cursor
    schema = ReadSchema()

    def get_exception_handler(self):
        return api_exception_handler

    def options(self, request, *args, **kwargs):
        """A CORS preflight: the headers say what is allowed, no body."""
        return Response(status=204)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return http.for_readers(request._request, response)


class ReadList(ReadView, generics.ListAPIView):
    pass


class ReadDetail(ReadView, generics.RetrieveAPIView):
    lookup_field = "slug"


class BriefingList(ReadList):
    """Published briefings, the latest first."""

    serializer_class = BriefingSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = BriefingFilter
    pagination_class = type("BriefingCursor", (Cursor,), {"ordering": ("-published_at", "-pk")})

    def get_queryset(self):
        return published_briefings()


class BriefingDetail(ReadDetail):
    serializer_class = BriefingSerializer

    def get_queryset(self):
        return published_briefings()


class UpdateList(ReadList):
    """Published updates, newest first, with the filters of the site's update stream
    (``/updates/``): words, actor, source, topic, briefing, kind and dates."""

    serializer_class = UpdateSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = UpdateFilter
    pagination_class = type("UpdateCursor", (Cursor,), {"ordering": ("-posted_at", "-pk")})

    def get_queryset(self):
        # Walked newest first on the posted_at index, each update's briefing checked by its
        # key: published() joins the briefings and sorts every published update (3.5 s at
        # 1,000,000 updates).
        settle_due_counts()  # the actor and source filters read the stored counts
        return Update.objects.published_in_order().for_display()


class UpdateDetail(ReadDetail):
    serializer_class = UpdateSerializer
    lookup_field = "pk"

    def get_queryset(self):
        return Update.objects.published().for_display()


class RegistryList(ReadList):
    pagination_class = type("SlugCursor", (Cursor,), {"ordering": ("slug",)})


class ActorList(RegistryList):
    """Actors an editor has reviewed, by slug."""

    serializer_class = ActorSerializer

    def get_queryset(self):
        return public_actors()


class ActorDetail(ReadDetail):
    serializer_class = ActorSerializer

    def get_queryset(self):
        return public_actors()


class SourceList(RegistryList):
    """Sources (outlets) an editor has reviewed, by slug."""

    serializer_class = SourceSerializer

    def get_queryset(self):
        return listed(Source)


class SourceDetail(ReadDetail):
    serializer_class = SourceSerializer

    def get_queryset(self):
        return listed(Source)


class TagList(RegistryList):
    """Topics on at least one published update or briefing, by slug."""

    serializer_class = TagSerializer

    def get_queryset(self):
        return tags_in_use()


class TagDetail(ReadDetail):
    serializer_class = TagSerializer

    def get_queryset(self):
        return tags_in_use()


# drf-spectacular's settings for this API, kept here rather than in the site's settings.
SCHEMA_SETTINGS = {
    "TITLE": "Newsroom API",
    "DESCRIPTION": (
        "Read-only access to published briefings, their updates, and the actors, sources "
        "and topics they refer to. Lists are cursor-paginated: follow `next`. Without an API "
        "key (`Authorization: Bearer <key>`), reads are rate-limited per client address."
    ),
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "ENUM_NAME_OVERRIDES": {
        "BriefingKindEnum": "briefings.models.Briefing.Kind",
        "ActorKindEnum": "briefings.models.Actor.Kind",
        "SourceKindEnum": "briefings.models.Source.Kind",
        "CitationRoleEnum": "briefings.models.Citation.Role",
    },
}


class SchemaView(APIView):
    """``openapi.json``: the OpenAPI 3.1 description of the endpoints above.

    drf-spectacular's own SpectacularAPIView is not used: its method is decorated for
    whichever schema class is DRF's global default when it is imported, and this app sets
    its schema class on its views instead of in the site's settings.
    """

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []
    renderer_classes = [JSONRenderer]
    schema = Unlisted()

    def get(self, request):
        with patched_settings(SCHEMA_SETTINGS):
            generator = SchemaGenerator()
            return Response(generator.get_schema(request=request, public=True))

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return http.for_readers(request._request, response)


class DocsView(TemplateView):
    """Interactive docs: Swagger UI from this site's static files (the CSP allows no CDN
    and no inline script)."""

    template_name = "api/docs.html"

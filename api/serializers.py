"""What the API says about briefings, updates, actors, sources and topics.

Every object carries ``url``, its page on the site, and ``api_url`` where it has an
endpoint of its own. References to actors and sources name them always (as the pages do)
but link them only once an editor has reviewed them, like the pages.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse
from taggit.models import Tag

from briefings.models import Actor, Briefing, Citation, Correction, Mention, Source, Update
from briefings.structured_data import absolute_url
from embeds.models import Embed


@extend_schema_field(
    # anyOf, not drf-spectacular's oneOf: "" would match both of its alternatives.
    {"anyOf": [{"type": "string", "format": "uri"}, {"type": "string", "maxLength": 0}]}
)
class OptionalURLField(serializers.CharField):
    """A link that may be missing: an absolute URL or ""."""


def page_url(serializer, path: str) -> str:
    return absolute_url(path, serializer.context.get("request"))


def api_url(serializer, name: str, *args) -> str:
    return page_url(serializer, reverse(f"api:{name}", args=args))


class TagRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = ["name", "slug"]


class TagSerializer(serializers.ModelSerializer):
    update_count = serializers.IntegerField(help_text="Published updates with this topic.")
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Tag
        fields = ["name", "slug", "update_count", "url", "api_url"]

    def get_url(self, tag) -> str:
        return page_url(self, reverse("briefings:tag", args=[tag.slug]))

    def get_api_url(self, tag) -> str:
        return api_url(self, "tag", tag.slug)


class RegistryFields(serializers.ModelSerializer):
    """Fields Source and Actor share."""

    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()

    def get_url(self, obj) -> str:
        return page_url(self, obj.get_absolute_url())

    def get_api_url(self, obj) -> str:
        return api_url(self, self.Meta.model._meta.model_name, obj.slug)


class SourceSerializer(RegistryFields):
    homepage = OptionalURLField()
    reference_count = serializers.IntegerField(help_text="Published updates citing the source.")

    class Meta:
        model = Source
        fields = [
            "slug",
            "name",
            "aliases",
            "kind",
            "homepage",
            "domains",
            "country",
            "reliability",
            "description",
            "reference_count",
            "url",
            "api_url",
        ]


class ActorRefSerializer(RegistryFields):
    class Meta:
        model = Actor
        fields = ["slug", "name", "kind", "url", "api_url"]


class ActorSerializer(RegistryFields):
    affiliation = serializers.SerializerMethodField()
    reference_count = serializers.IntegerField(help_text="Published updates mentioning the actor.")

    class Meta:
        model = Actor
        fields = [
            "slug",
            "name",
            "kind",
            "title",
            "aliases",
            "affiliation",
            "wikidata_id",
            "description",
            "reference_count",
            "url",
            "api_url",
        ]

    @extend_schema_field(ActorRefSerializer(allow_null=True))
    def get_affiliation(self, actor):
        affiliation = actor.affiliation
        if affiliation is None or not actor.affiliation_is_public:
            return None
        return ActorRefSerializer(affiliation, context=self.context).data


class CitedSourceSerializer(serializers.Serializer):
    """A source as an update cites it: a published update refers to it, so it has a page
    of its own once an editor has reviewed it (RegistryQuerySet.public)."""

    name = serializers.CharField()
    slug = serializers.SerializerMethodField(help_text="Null until an editor reviews the source.")
    api_url = serializers.SerializerMethodField()

    def get_slug(self, source) -> str | None:
        return source.slug if source.is_reviewed else None

    def get_api_url(self, source) -> str | None:
        return api_url(self, "source", source.slug) if source.is_reviewed else None


class CitationSerializer(serializers.ModelSerializer):
    source = CitedSourceSerializer()
    url = OptionalURLField(help_text="The page cited, when the citation names one.")

    class Meta:
        model = Citation
        fields = ["source", "role", "url"]


class CorrectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Correction
        fields = ["text", "published_at"]


class EmbedSerializer(serializers.ModelSerializer):
    """An embedded post or video, as its card says it (what the provider says may differ)."""

    provider = serializers.CharField(source="provider_label")
    url = serializers.URLField(source="link", help_text="The post or video at its provider.")

    class Meta:
        model = Embed
        fields = ["provider", "url", "author", "title", "text"]


class BriefingRefSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Briefing
        fields = ["slug", "title", "kind", "url", "api_url"]

    def get_url(self, briefing) -> str:
        return page_url(self, briefing.get_absolute_url())

    def get_api_url(self, briefing) -> str:
        return api_url(self, "briefing", briefing.slug)


class UpdateSerializer(serializers.ModelSerializer):
    briefing = BriefingRefSerializer()
    body_html = serializers.CharField(help_text="The body, rendered and sanitised.")
    citations = serializers.SerializerMethodField()
    actors = serializers.SerializerMethodField()
    tags = TagRefSerializer(many=True)
    corrections = CorrectionSerializer(many=True)
    embeds = EmbedSerializer(many=True, help_text="Embedded posts and videos, in order.")
    edited_at = serializers.DateTimeField(
        source="unexplained_edit_at",
        allow_null=True,
        help_text="When the text was last changed, unless a correction says what changed.",
    )
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Update
        fields = [
            "id",
            "briefing",
            "posted_at",
            "section",
            "headline",
            "body_html",
            "byline",
            "credit",
            "is_key_event",
            "is_pinned",
            "is_original_entry",
            "version",
            "edited_at",
            "citations",
            "actors",
            "tags",
            "corrections",
            "embeds",
            "url",
            "api_url",
        ]

    @extend_schema_field(CitationSerializer(many=True))
    def get_citations(self, update):
        # Primary sources first, then "see also", as the pages write them.
        primary, see_also = update.cited()
        return CitationSerializer([*primary, *see_also], many=True, context=self.context).data

    @extend_schema_field(ActorRefSerializer(many=True))
    def get_actors(self, update):
        # for_display() prefetches the mentions of reviewed actors only.
        mentions: list[Mention] = list(update.mentions.all())
        actors = [mention.actor for mention in mentions]
        return ActorRefSerializer(actors, many=True, context=self.context).data

    def get_url(self, update) -> str:
        return page_url(self, update.get_absolute_url())

    def get_api_url(self, update) -> str:
        return api_url(self, "update", update.pk)


class BriefingSerializer(BriefingRefSerializer):
    is_live = serializers.BooleanField()
    tags = TagRefSerializer(many=True)
    previous = serializers.SerializerMethodField()
    origin = serializers.SerializerMethodField()
    updates_api_url = serializers.SerializerMethodField()
    live_url = serializers.SerializerMethodField()
    embed_url = serializers.SerializerMethodField()
    origin_url = OptionalURLField()

    class Meta:
        model = Briefing
        fields = [
            "slug",
            "title",
            "standfirst",
            "kind",
            "is_live",
            "published_at",
            "coverage_start",
            "coverage_end",
            "time_zone",
            "byline",
            "credit",
            "previous",
            "previous_title",
            "origin",
            "origin_url",
            "tags",
            "url",
            "api_url",
            "updates_api_url",
            "live_url",
            "embed_url",
        ]

    @extend_schema_field(BriefingRefSerializer(allow_null=True))
    def get_previous(self, briefing):
        previous = briefing.previous
        if previous is None or not previous.is_published:
            return None
        return BriefingRefSerializer(previous, context=self.context).data

    @extend_schema_field(CitedSourceSerializer(allow_null=True))
    def get_origin(self, briefing):
        origin = briefing.origin
        if origin is None:
            return None
        public = briefing.origin_is_public
        return {
            "name": origin.name,
            "slug": origin.slug if public else None,
            "api_url": api_url(self, "source", origin.slug) if public else None,
        }

    def get_updates_api_url(self, briefing) -> str:
        return f"{api_url(self, 'update_list')}?briefing={briefing.slug}"

    def get_live_url(self, briefing) -> str | None:
        """The poll endpoint, while the briefing is live."""
        if not briefing.is_live:
            return None
        return page_url(self, reverse("briefings:live", args=[briefing.slug]))

    def get_embed_url(self, briefing) -> str:
        return page_url(self, reverse("briefings:embed", args=[briefing.slug]))

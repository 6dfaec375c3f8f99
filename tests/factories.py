"""factory-boy factories for the briefings models. Defaults give published, visible rows."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from briefings.models import (
    Actor,
    Briefing,
    Citation,
    Correction,
    Mention,
    Quote,
    Source,
    Status,
    Update,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"editor{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@newsroom.invalid")
    is_staff = True
    password = factory.django.Password("correct horse battery")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Outlet {n}")
    kind = Source.Kind.NEWSPAPER


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Actor {n}")
    kind = Actor.Kind.PERSON


class BriefingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Briefing
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Briefing number {n}")
    kind = Briefing.Kind.LIVE
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1))
    coverage_start = factory.LazyAttribute(lambda b: b.published_at)


class UpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Update
        skip_postgeneration_save = True

    briefing = factory.SubFactory(BriefingFactory)
    posted_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(minutes=5))
    body = factory.Sequence(lambda n: f"Body of update {n}.")
    status = Status.PUBLISHED


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    update = factory.SubFactory(UpdateFactory)
    source = factory.SubFactory(SourceFactory)


class MentionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mention

    update = factory.SubFactory(UpdateFactory)
    actor = factory.SubFactory(ActorFactory)


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    update = factory.SubFactory(UpdateFactory)
    actor = factory.SubFactory(ActorFactory)
    text = "We will see."


class CorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Correction

    update = factory.SubFactory(UpdateFactory)
    text = "An earlier version misstated the number of drones."


class EmbedFactory(factory.django.DjangoModelFactory):
    """An embedded post (embeds/): an X post with its card typed in."""

    class Meta:
        model = "embeds.Embed"

    update = factory.SubFactory(UpdateFactory)
    url = factory.Sequence(lambda n: f"https://x.com/newsroom/status/{1000 + n}")
    author = "Newsroom"
    text = "Sirens in Kyiv."

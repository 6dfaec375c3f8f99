"""Readers' pages for subscriptions: subscribe, confirm, unsubscribe, manage.

They are their own pages, linked from the briefing and topic pages, so that those stay the
same for every reader and cacheable: these set the CSRF cookie and are never cached. Every
answer to the subscribe form is the same whether or not the address is known.
"""

from django.core import signing
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from taggit.models import Tag

from briefings.models import Briefing, tags_in_use

from . import ratelimit, tasks, tokens
from .forms import ManageForm, SubscribeForm
from .models import Subscriber, Subscription


def private(response):
    response["X-Robots-Tag"] = "noindex"
    return response


def target_of(briefing_slug=None, tag_slug=None) -> dict:
    """What a subscribe page is for: readers may follow only what they can see."""
    if briefing_slug is not None:
        briefing = get_object_or_404(Briefing.objects.published(), slug=briefing_slug)
        return {"kind": Subscription.Kind.BRIEFING, "briefing": briefing}
    if tag_slug is not None:
        if not tags_in_use().filter(slug=tag_slug).exists():
            raise Http404("No such topic.")
        return {"kind": Subscription.Kind.TOPIC, "tag": Tag.objects.get(slug=tag_slug)}
    return {"kind": Subscription.Kind.DIGEST}


@never_cache
def subscribe(request, briefing_slug=None, tag_slug=None):
    target = target_of(briefing_slug, tag_slug)
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if ratelimit.allow(email):
            with transaction.atomic():
                subscriber, _ = Subscriber.objects.get_or_create(email=email)
                subscription, _ = Subscription.objects.get_or_create(
                    subscriber=subscriber, **target
                )
                transaction.on_commit(
                    lambda: tasks.enqueue(tasks.send_confirmation, subscription.pk)
                )
        return redirect("alerts:subscribe_sent")
    label = str(Subscription(**target))
    return private(render(request, "alerts/subscribe.html", {"form": form, "label": label}))


@never_cache
def subscribe_sent(request):
    return private(render(request, "alerts/subscribe_sent.html"))


def invalid_link(request):
    return private(render(request, "alerts/link_invalid.html", status=400))


@never_cache
def confirm(request, token):
    try:
        subscriber, subscription = tokens.read(tokens.CONFIRM, token, expiring=True)
    except (signing.BadSignature, LookupError):
        return invalid_link(request)
    if request.method == "POST":
        # A POST, not the GET of the link: mail scanners open links, people press buttons.
        now = timezone.now()
        Subscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True).update(
            confirmed_at=now
        )
        Subscriber.objects.filter(pk=subscriber.pk, confirmed_at__isnull=True).update(
            confirmed_at=now
        )
        return redirect("alerts:manage", tokens.make(tokens.MANAGE, subscriber))
    context = {"subscription": subscription}
    return private(render(request, "alerts/confirm.html", context))


@csrf_exempt  # RFC 8058: mail clients POST to the link with no token; the link is the token.
@never_cache
def unsubscribe(request, token):
    try:
        subscriber, _ = tokens.read(tokens.UNSUBSCRIBE, token)
    except signing.BadSignature:
        return invalid_link(request)
    except LookupError:
        subscriber = None  # Already gone: unsubscribing twice is not an error.
    if request.method == "POST":
        if subscriber is not None:
            subscriber.delete()
        return private(render(request, "alerts/unsubscribed.html"))
    return private(render(request, "alerts/unsubscribe.html", {"gone": subscriber is None}))


@never_cache
def manage(request, token):
    try:
        subscriber, _ = tokens.read(tokens.MANAGE, token)
    except (signing.BadSignature, LookupError):
        return invalid_link(request)
    initial = {"keep": subscriber.subscriptions.filter(confirmed_at__isnull=False)}
    form = ManageForm(request.POST or None, subscriber=subscriber, initial=initial)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["erase"]:
            subscriber.delete()
            return private(render(request, "alerts/unsubscribed.html"))
        kept = [s.pk for s in form.cleaned_data["keep"]]
        subscriber.subscriptions.exclude(pk__in=kept).delete()
        return redirect(request.path)
    context = {"form": form, "subscriber": subscriber}
    return private(render(request, "alerts/manage.html", context))

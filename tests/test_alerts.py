"""Email alerts, newsletters and webhooks, end to end: a real SMTP server (aiosmtpd) and a
real HTTP receiver on 127.0.0.1, the database task queue run by its own worker."""

import asyncio
import email
import email.policy
import hashlib
import hmac
import http.server
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alerts import tokens
from alerts.models import (
    EmailDelivery,
    Message,
    Subscriber,
    Subscription,
    Webhook,
    WebhookDelivery,
)
from briefings.models import Status

from .factories import BriefingFactory, CitationFactory, SourceFactory, UpdateFactory
from .task_queue import run_ready_tasks

ROOT = Path(__file__).resolve().parent.parent
SITE = "https://news.example.org"


# A real SMTP server ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """aiosmtpd's handler: every message accepted, parsed; ``hold`` stalls a DATA command
    (the client waits for the server's answer) until ``release`` is set."""

    def __init__(self):
        self.messages: list[EmailMessage] = []
        self.hold = threading.Event()
        self.holding = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        if self.hold.is_set():
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.02)
            return "451 Not now"
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(parsed)
        return "250 OK"

    def to(self, address):
        return [m for m in self.messages if m["To"] == address]

    def wait_for(self, count, timeout=10.0):
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages


@pytest.fixture
def inbox(settings):
    handler = Inbox()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = False
    settings.NEWSROOM_SITE_URL = SITE
    settings.NEWSROOM_RETRY_SECONDS = 0.2
    handler.port = port
    yield handler
    handler.release.set()
    controller.stop()


def run_worker(until=lambda: True, timeout=15.0):
    """Run the queue's worker in this process until nothing is ready and ``until()`` holds
    (retries wait in the queue with a run_after: keep going until they are done)."""
    deadline = time.monotonic() + timeout
    while True:
        run_ready_tasks()
        waiting = DBTaskResult.objects.ready().exists()
        if (not waiting and until()) or time.monotonic() > deadline:
            return
        time.sleep(0.05)


def parts(message: EmailMessage) -> tuple[str, str]:
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    return text, html


def path_of(url: str) -> str:
    assert url.startswith(SITE + "/"), url
    return urlsplit(url).path


def links(text: str) -> list[str]:
    return re.findall(r"https?://[^\s<>\"]+", text)


def subscribe(client, url, address):
    return client.post(url, {"email": address, "consent": "on"})


def subscribe_and_confirm(client, inbox, url, address) -> Subscriber:
    seen = len(inbox.to(address))
    subscribe(client, url, address)
    run_worker(until=lambda: len(inbox.to(address)) > seen)
    text, _ = parts(inbox.to(address)[-1])
    confirm = next(u for u in links(text) if "/alerts/confirm/" in u)
    assert client.get(path_of(confirm)).status_code == 200
    client.post(path_of(confirm))
    return Subscriber.objects.get(email=address)


# Readers: subscribe, confirm, receive, unsubscribe --------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_reader_subscribes_confirms_gets_alert_and_newsletter_then_unsubscribes(
    client, inbox, editor_client, editor, settings
):
    settings.NEWSROOM_ALERT_MINUTES = 0
    briefing = BriefingFactory(title="Summit talks")
    UpdateFactory(briefing=briefing, body="Delegations arrive.")
    reader = "reader@example.net"

    subscriber = subscribe_and_confirm(
        client, inbox, reverse("alerts:subscribe_briefing", args=[briefing.slug]), reader
    )
    confirmation = inbox.to(reader)[0]
    assert "Confirm your subscription" in confirmation["Subject"]
    assert subscriber.subscriptions.get().confirmed_at is not None
    Subscription.objects.create(subscriber=subscriber, kind="digest", confirmed_at=timezone.now())

    # A key event on the live briefing: an alert with both parts, its sources and permalink.
    key = UpdateFactory(briefing=briefing, headline="Ceasefire agreed", is_key_event=True)
    CitationFactory(update=key, source=SourceFactory(name="NBC News"))
    CitationFactory(update=key, source=SourceFactory(name="Reuters"), role="see_also")
    run_worker(until=lambda: len(inbox.to(reader)) >= 2)
    alert = inbox.to(reader)[1]
    assert alert["Subject"] == "Key event: Summit talks"
    text, html = parts(alert)
    for part in (text, html):
        assert "Ceasefire agreed" in part
        assert "(NBC News; see also Reuters)" in part
        assert SITE + key.get_absolute_url() in part
    assert "Delegations arrive." not in text  # Only the key event.
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = alert["List-Unsubscribe"].strip().strip("<>")
    assert unsubscribe_url in text and unsubscribe_url in html
    assert alert["Message-ID"].startswith("<alerts.")
    # Every link in it leads somewhere: the permalink, the briefing, the manage page.
    for url in set(links(text)) - {unsubscribe_url}:
        assert client.get(path_of(url)).status_code == 200, url
    manage_url = next(u for u in links(text) if "/alerts/manage/" in u)
    assert b"Key events: Summit talks" in client.get(path_of(manage_url)).content

    # A newsletter from the admin: preview, test to the editor, then the send.
    message = Message.objects.create(
        kind=Message.Kind.NEWSLETTER, subject="Today's digest", briefing=briefing
    )
    preview = editor_client.get(reverse("admin:alerts_message_preview", args=[message.pk]))
    assert b"Ceasefire agreed" in preview.content and b"Delegations arrive." in preview.content
    assert "sandbox" in preview["Content-Security-Policy"]
    editor_client.post(reverse("admin:alerts_message_test", args=[message.pk]))
    assert inbox.to(editor.email)[-1]["Subject"] == "[Test] Today's digest"
    assert not inbox.to(reader)[2:]
    confirm_page = editor_client.get(reverse("admin:alerts_message_send", args=[message.pk]))
    assert b"<strong>1</strong> confirmed subscriber" in confirm_page.content
    editor_client.post(reverse("admin:alerts_message_send", args=[message.pk]))
    run_worker(until=lambda: len(inbox.to(reader)) >= 3)
    newsletter = inbox.to(reader)[2]
    assert newsletter["Subject"] == "Today's digest"
    text, _ = parts(newsletter)
    assert "Delegations arrive." in text and "Ceasefire agreed" in text
    # Sending again is refused: the message went out.
    editor_client.post(reverse("admin:alerts_message_send", args=[message.pk]))
    run_worker()
    assert len(inbox.to(reader)) == 3

    # One click (RFC 8058): a POST with the header's body, no page, no token.
    response = client.post(
        path_of(unsubscribe_url),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscriber.objects.filter(email=reader).exists()

    UpdateFactory(briefing=briefing, headline="Talks collapse", is_key_event=True)
    second = Message.objects.create(kind=Message.Kind.NEWSLETTER, subject="More", briefing=briefing)
    editor_client.post(reverse("admin:alerts_message_send", args=[second.pk]))
    run_worker()
    time.sleep(0.3)
    assert len(inbox.to(reader)) == 3


@pytest.mark.django_db(transaction=True)
def test_key_events_are_batched_per_subscriber(client, inbox, settings):
    settings.NEWSROOM_ALERT_MINUTES = 1.5 / 60  # 1.5 s
    briefing = BriefingFactory()
    reader = "batch@example.net"
    subscribe_and_confirm(
        client, inbox, reverse("alerts:subscribe_briefing", args=[briefing.slug]), reader
    )
    started = time.monotonic()
    UpdateFactory(briefing=briefing, headline="First", is_key_event=True)
    run_worker(until=lambda: len(inbox.to(reader)) >= 2)
    UpdateFactory(briefing=briefing, headline="Second", is_key_event=True)
    UpdateFactory(briefing=briefing, headline="Third", is_key_event=True)
    UpdateFactory(briefing=briefing, headline="Not key")
    run_worker(until=lambda: len(inbox.to(reader)) >= 3)
    elapsed = time.monotonic() - started
    alerts = inbox.to(reader)[1:]
    assert [a["Subject"].split(":")[0] for a in alerts] == ["Key event", "2 key events"]
    text, _ = parts(alerts[1])
    assert "Second" in text and "Third" in text and "Not key" not in text
    assert elapsed >= 1.5


# The public forms -----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_subscribe_answers_alike_for_known_and_unknown_addresses_and_is_rate_limited(
    client, inbox, settings
):
    settings.NEWSROOM_SUBSCRIBE_PER_HOUR = 2
    url = reverse("alerts:subscribe")
    known = "known@example.net"
    subscribe_and_confirm(client, inbox, url, known)
    answers = [subscribe(client, url, a) for a in (known, "new@example.net")]
    assert {(r.status_code, r["Location"]) for r in answers} == {
        (302, reverse("alerts:subscribe_sent"))
    }
    run_worker(until=lambda: len(inbox.to("new@example.net")) == 1)
    # The known address is told it is subscribed already (in its own inbox, not the page).
    assert "already subscribed" in parts(inbox.to(known)[-1])[0]
    # A third ask within the hour changes nothing a visitor sees, and sends nothing.
    before = len(inbox.messages)
    answer = subscribe(client, url, known)
    assert (answer.status_code, answer["Location"]) == (302, reverse("alerts:subscribe_sent"))
    run_worker()
    assert len(inbox.messages) == before
    # The address is never on a public page.
    sent_page = client.get(reverse("alerts:subscribe_sent"))
    assert known.encode() not in sent_page.content


@pytest.mark.django_db
def test_subscribe_form_needs_csrf_and_consent(client):
    strict = type(client)(enforce_csrf_checks=True)
    url = reverse("alerts:subscribe")
    assert strict.post(url, {"email": "a@example.net", "consent": "on"}).status_code == 403
    page = strict.get(url)
    assert "csrftoken" in page.cookies and "no-cache" in page["Cache-Control"]
    token = page.cookies["csrftoken"].value
    refused = strict.post(url, {"email": "a@example.net", "csrfmiddlewaretoken": token})
    assert refused.status_code == 200 and not Subscriber.objects.exists()


@pytest.mark.django_db
def test_subscribe_pages_only_for_what_readers_see(client):
    draft = BriefingFactory(status=Status.DRAFT, published_at=None)
    assert client.get(reverse("alerts:subscribe_briefing", args=[draft.slug])).status_code == 404
    assert client.get(reverse("alerts:subscribe_tag", args=["nothing-here"])).status_code == 404


@pytest.mark.django_db
def test_confirmation_links_expire_and_links_cannot_be_forged(client, settings):
    subscriber = Subscriber.objects.create(email="late@example.net")
    subscription = Subscription.objects.create(subscriber=subscriber, kind="digest")
    token = tokens.make(tokens.CONFIRM, subscriber, subscription)
    url = reverse("alerts:confirm", args=[token])
    assert client.get(url).status_code == 200
    settings.NEWSROOM_CONFIRM_HOURS = -1
    assert client.post(url).status_code == 400
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None
    # A confirmation token is not an unsubscribe or manage token, and an edit breaks it.
    for name in ("alerts:unsubscribe", "alerts:manage"):
        assert client.get(reverse(name, args=[token])).status_code == 400
    forged = signing.dumps({"r": subscriber.pk, "e": "0" * 16}, salt=tokens.MANAGE)
    assert client.get(reverse("alerts:manage", args=[forged])).status_code == 400


# Personal data --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_personal_data_is_exported_and_erased_by_command():
    from django.core.management import call_command

    subscriber = Subscriber.objects.create(email="me@example.net")
    Subscription.objects.create(subscriber=subscriber, kind="digest")
    out = __import__("io").StringIO()
    call_command("subscriber_data", "ME@example.net", stdout=out)
    data = json.loads(out.getvalue())
    assert data["email"] == "me@example.net" and data["subscriptions"][0]["what"]
    call_command("subscriber_data", "me@example.net", "--erase", stdout=out)
    assert not Subscriber.objects.exists() and not Subscription.objects.exists()


# Webhooks -------------------------------------------------------------------------------------


class Receiver(http.server.BaseHTTPRequestHandler):
    failures_left = 0
    received: list = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((dict(self.headers), body))
        if type(self).failures_left > 0:
            type(self).failures_left -= 1
            self.send_response(503)
        else:
            self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver(settings):
    settings.NEWSROOM_RETRY_SECONDS = 0.2
    settings.NEWSROOM_SITE_URL = SITE
    Receiver.received = []
    Receiver.failures_left = 0
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    yield server
    server.shutdown()
    server.server_close()


def verified_events(secret):
    events = []
    for headers, body in Receiver.received:
        t, v1 = (part.split("=", 1)[1] for part in headers["Newsroom-Signature"].split(","))
        expected = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
        assert hmac.compare_digest(expected, v1)
        assert abs(time.time() - int(t)) < 60
        event = json.loads(body)
        assert headers["Newsroom-Delivery"] == event["id"]
        assert headers["Newsroom-Event"] == event["event"]
        events.append(event)
    return events


@pytest.mark.django_db(transaction=True)
def test_webhooks_arrive_signed_and_are_retried_until_the_receiver_recovers(receiver):
    from briefings.models import Correction

    hook = Webhook.objects.create(url=receiver.url, description="Partner")
    Receiver.failures_left = 2
    update = UpdateFactory(headline="Bridge reopened")
    CitationFactory(update=update, source=SourceFactory(name="NBC News"))
    started = time.monotonic()
    run_worker(until=lambda: WebhookDelivery.objects.filter(status="sent").count() == 1)
    elapsed = time.monotonic() - started
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("sent", 3, 204)
    assert elapsed >= 0.2 * 0.8 * 3  # two waits: 0.2 s and 0.4 s, less jitter
    events = verified_events(hook.secret)
    assert len(events) == 3 and len({e["id"] for e in events}) == 1  # one event, three tries
    payload = events[0]["update"]
    assert events[0]["event"] == "update.published"
    assert payload["url"] == SITE + update.get_absolute_url()
    assert payload["sources_line"] == "(NBC News)"

    Correction.objects.create(update=update, text="The bridge is in Kherson.")
    run_worker(until=lambda: WebhookDelivery.objects.filter(status="sent").count() == 2)
    update.refresh_from_db()
    update.status = Status.DRAFT
    update.save()
    run_worker(until=lambda: WebhookDelivery.objects.filter(status="sent").count() == 3)
    events = verified_events(hook.secret)
    assert [e["event"] for e in events[3:]] == ["update.corrected", "update.removed"]
    assert events[3]["update"]["corrections"][0]["text"] == "The bridge is in Kherson."
    # A removed update's text may be a draft's now: only its id goes out.
    assert events[4]["update"] == {"id": update.pk, "briefing": {"slug": update.briefing.slug}}


@pytest.mark.django_db(transaction=True)
def test_a_receiver_that_never_recovers_is_given_up_on(receiver, settings):
    settings.NEWSROOM_DELIVERY_ATTEMPTS = 3
    settings.NEWSROOM_RETRY_SECONDS = 0.05
    Webhook.objects.create(url=receiver.url)
    Receiver.failures_left = 100
    UpdateFactory()
    run_worker(until=lambda: WebhookDelivery.objects.filter(status="failed").exists())
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("failed", 3, "HTTP 503")
    assert len(Receiver.received) == 3


# The draft-leak rule --------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_drafts_and_scheduled_updates_go_out_by_neither_email_nor_webhook(
    client, inbox, receiver, settings
):
    settings.NEWSROOM_ALERT_MINUTES = 0
    briefing = BriefingFactory()
    reader = "leak@example.net"
    subscribe_and_confirm(
        client, inbox, reverse("alerts:subscribe_briefing", args=[briefing.slug]), reader
    )
    Webhook.objects.create(url=receiver.url)
    draft = UpdateFactory(
        briefing=briefing, headline="Secret draft", status=Status.DRAFT, is_key_event=True
    )
    scheduled = UpdateFactory(
        briefing=briefing,
        headline="Embargoed",
        is_key_event=True,
        publish_at=timezone.now() + timezone.timedelta(hours=1),
    )
    hidden_briefing = BriefingFactory(status=Status.DRAFT, published_at=None)
    UpdateFactory(briefing=hidden_briefing, headline="In a draft briefing", is_key_event=True)
    run_worker()
    time.sleep(0.2)
    assert len(inbox.to(reader)) == 1  # the confirmation only
    assert Receiver.received == [] and not EmailDelivery.objects.exists()

    # Flip the switch: published, they go out.
    draft.status = Status.PUBLISHED
    draft.save()
    scheduled.publish_at = timezone.now() - timezone.timedelta(seconds=1)
    scheduled.save()
    run_worker(until=lambda: len(Receiver.received) == 2 and len(inbox.to(reader)) >= 2)
    bodies = " ".join(parts(m)[0] for m in inbox.to(reader)[1:])
    assert "Secret draft" in bodies and "Embargoed" in bodies
    assert "In a draft briefing" not in bodies
    assert {json.loads(b)["update"]["headline"] for _, b in Receiver.received} == {
        "Secret draft",
        "Embargoed",
    }


# A killed worker loses and duplicates nothing -------------------------------------------------

KILL_SEED = """
from django.utils import timezone
from alerts.models import Message, Subscriber, Subscription
from alerts.tasks import enqueue, send_newsletter
from briefings.models import Briefing, Status, Update
b = Briefing.objects.create(title="Kill test", status=Status.PUBLISHED,
                            published_at=timezone.now())
Update.objects.create(briefing=b, body="Something happened.", status=Status.PUBLISHED)
for n in range({count}):
    s = Subscriber.objects.create(email=f"r{{n}}@example.net", confirmed_at=timezone.now())
    Subscription.objects.create(subscriber=s, kind="digest", confirmed_at=timezone.now())
m = Message.objects.create(kind="newsletter", subject="Kill test", briefing=b)
enqueue(send_newsletter, m.pk)
"""


def test_a_worker_killed_mid_batch_loses_and_duplicates_nothing(tmp_path):
    count, kill_at = 12, 5
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    env = {
        **os.environ,
        "NEWSROOM_SQLITE_PATH": str(tmp_path / "kill.sqlite3"),
        "DJANGO_EMAIL_HOST": "127.0.0.1",
        "DJANGO_EMAIL_PORT": str(port),
        "NEWSROOM_DELIVERY_LEASE_SECONDS": "2",
        "NEWSROOM_TASK_QUEUE": "database",
    }
    env.pop("DATABASE_URL", None)

    def manage(*args, **kwargs):
        return subprocess.run(  # noqa: S603 (our own manage.py)
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            **kwargs,
        )

    def worker():
        return subprocess.Popen(
            [sys.executable, "manage.py", "worker", "--interval", "0.05", "--sweep", "0.5"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    try:
        manage("migrate", "--no-input", "--verbosity", "0")
        manage("shell", "-c", KILL_SEED.format(count=count))
        first = worker()
        # Let it send some, then stall the next one in mid-send and kill the worker there.
        deadline = time.monotonic() + 60
        while len(inbox.messages) < kill_at and time.monotonic() < deadline:
            time.sleep(0.01)
        inbox.hold.set()
        assert inbox.holding.wait(30), "the worker never reached the stalled message"
        first.send_signal(signal.SIGKILL)
        first.wait()
        sent_before_kill = len(inbox.messages)
        inbox.hold.clear()
        inbox.release.set()

        second = worker()
        started = time.monotonic()
        inbox.wait_for(count, timeout=60)
        recovered_in = time.monotonic() - started
        time.sleep(1.0)  # anything extra would arrive now
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=30)
    finally:
        controller.stop()

    recipients = [m["To"] for m in inbox.messages]
    assert kill_at <= sent_before_kill < count
    assert sorted(recipients) == sorted(f"r{n}@example.net" for n in range(count))
    assert len(set(recipients)) == count
    print(f"killed after {sent_before_kill}/{count}; the rest in {recovered_in:.1f} s")


# Hostile text ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_hostile_text_renders_as_text_in_emails_and_webhooks(settings):
    from alerts import emails, webhooks
    from briefings.models import Update

    from .factories import CorrectionFactory
    from .test_injection import PAYLOADS, problems_in

    settings.NEWSROOM_SITE_URL = SITE
    links_ = {"unsubscribe_url": SITE + "/u/", "manage_url": SITE + "/m/"}

    def email_html(text: str) -> str:
        briefing = BriefingFactory(title=text)
        update = UpdateFactory(briefing=briefing, headline=text, body=text)
        CitationFactory(update=update, source=SourceFactory(name=f"{text} {update.pk}"))
        CorrectionFactory(update=update, text=text)
        message = Message.objects.create(kind="newsletter", subject=text, briefing=briefing)
        updates = Update.objects.for_display().filter(pk=update.pk)
        _, html = emails.render(message, updates, links_)
        payload = webhooks.update_payload(updates.get())
        assert problems_in(payload["update"]["body_html"]) == []
        return html

    def styles(problems):
        return [p for p in problems if p == "<style>" or p.endswith(" style=…>")]

    # The template's own inline styles and dark-mode <style> are all the checker may find:
    # no more of them than in a message of plain words (a headline that was nothing but a
    # tag is empty, and so has one fewer), and nothing else.
    baseline = styles(problems_in(email_html("Plain words")))
    for payload in PAYLOADS:
        found = problems_in(email_html(payload))
        assert [p for p in found if p not in styles(found)] == [], payload
        assert len(styles(found)) <= len(baseline) and styles(found).count("<style>") == 1


# The production queue: Redis, run by RQ ---------------------------------------------------------

RQ_SEED = """
from alerts.models import Subscriber, Subscription, Webhook
from alerts.tasks import enqueue, send_newsletter
from alerts.models import Message
from briefings.models import Briefing, Status, Update
from django.utils import timezone
Webhook.objects.create(url="{hook}")
b = Briefing.objects.create(title="On Redis", status=Status.PUBLISHED, published_at=timezone.now())
Update.objects.create(briefing=b, body="Queued in Redis.", status=Status.PUBLISHED)
for n in range(3):
    s = Subscriber.objects.create(email=f"rq{{n}}@example.net", confirmed_at=timezone.now())
    Subscription.objects.create(subscriber=s, kind="digest", confirmed_at=timezone.now())
enqueue(send_newsletter, Message.objects.create(kind="newsletter", subject="RQ", briefing=b).pk)
"""


# In one process after the rest of the suite, the retry sometimes never arrives (2 of 3 full
# SQLite runs; never alone in 5 runs): cause not found yet, so make test runs it on its own.
@pytest.mark.isolated
def test_the_redis_queue_sends_and_retries_with_the_same_worker_command(tmp_path, receiver):
    import redis

    from .conftest import require_service

    url = "redis://127.0.0.1:6379/13"
    try:
        # A worker killed in an earlier run leaves RQ's scheduler lock behind, and a new
        # scheduler waits for it to expire: start from an empty database of our own.
        redis.Redis.from_url(url).flushdb()
    except redis.exceptions.ConnectionError:
        require_service("Redis on 127.0.0.1:6379")
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    Receiver.failures_left = 1  # the webhook call is retried through RQ's scheduler
    env = {
        **os.environ,
        "NEWSROOM_SQLITE_PATH": str(tmp_path / "rq.sqlite3"),
        "NEWSROOM_TASK_QUEUE": "redis",
        "REDIS_URL": url,
        "DJANGO_EMAIL_HOST": "127.0.0.1",
        "DJANGO_EMAIL_PORT": str(port),
        "NEWSROOM_RETRY_SECONDS": "0.5",
    }
    env.pop("DATABASE_URL", None)
    run = {"cwd": ROOT, "env": env, "check": True, "capture_output": True}
    try:
        subprocess.run([sys.executable, "manage.py", "migrate", "--no-input"], **run)
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "worker"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            seed = RQ_SEED.format(hook=receiver.url)
            subprocess.run([sys.executable, "manage.py", "shell", "-c", seed], **run)  # noqa: S603
            inbox.wait_for(3, timeout=60)
            deadline = time.monotonic() + 60
            while len(Receiver.received) < 2 and time.monotonic() < deadline:
                time.sleep(0.1)
        finally:
            worker.terminate()  # RQ's warm shutdown: the job in hand is finished first
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
    finally:
        controller.stop()
    assert sorted(m["To"] for m in inbox.messages) == [f"rq{n}@example.net" for n in range(3)]
    assert len(Receiver.received) == 2  # refused once, then delivered
    # Through Redis: the database queue was never used.
    import sqlite3

    with sqlite3.connect(tmp_path / "rq.sqlite3") as db:
        table = DBTaskResult._meta.db_table
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)  # noqa: S608


# Managing subscriptions, erasure, the admin -----------------------------------------------------


@pytest.mark.django_db
def test_the_manage_page_keeps_what_is_ticked_and_erases_on_request(client, settings):
    briefing = BriefingFactory()
    subscriber = Subscriber.objects.create(email="keep@example.net", confirmed_at=timezone.now())
    keep = Subscription.objects.create(
        subscriber=subscriber, kind="digest", confirmed_at=timezone.now()
    )
    Subscription.objects.create(
        subscriber=subscriber, kind="briefing", briefing=briefing, confirmed_at=timezone.now()
    )
    url = reverse("alerts:manage", args=[tokens.make(tokens.MANAGE, subscriber)])
    page = client.get(url)
    assert page.status_code == 200 and "no-cache" in page["Cache-Control"]
    assert page["X-Robots-Tag"] == "noindex"
    client.post(url, {"keep": [keep.pk]})
    assert list(subscriber.subscriptions.all()) == [keep]
    client.post(url, {"keep": [keep.pk], "erase": "on"})
    assert not Subscriber.objects.exists() and not Subscription.objects.exists()
    # The link dies with the address.
    assert client.get(url).status_code == 400


@pytest.mark.django_db
def test_unconfirmed_addresses_are_erased_after_the_confirmation_window(settings):
    from alerts.tasks import purge_unconfirmed

    fresh = Subscriber.objects.create(email="fresh@example.net")
    Subscription.objects.create(subscriber=fresh, kind="digest")
    old = Subscriber.objects.create(email="old@example.net")
    Subscription.objects.create(subscriber=old, kind="digest")
    kept = Subscriber.objects.create(email="kept@example.net", confirmed_at=timezone.now())
    Subscription.objects.create(subscriber=kept, kind="digest", confirmed_at=timezone.now())
    past = timezone.now() - timezone.timedelta(hours=settings.NEWSROOM_CONFIRM_HOURS + 1)
    Subscriber.objects.filter(email__in=["old@example.net", "kept@example.net"]).update(
        created_at=past
    )
    Subscription.objects.filter(subscriber__in=[old, kept]).update(created_at=past)
    assert purge_unconfirmed() == 1
    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "fresh@example.net",
        "kept@example.net",
    }


@pytest.mark.django_db
def test_admin_screens_answer(editor_client):
    from django.contrib import admin

    from alerts import models

    message = Message.objects.create(kind="newsletter", subject="Digest")
    hook = Webhook.objects.create(url="https://partner.example/hook")
    WebhookDelivery.objects.create(webhook=hook, event="update.published", update_id=1, payload={})
    registered = [m for m in admin.site._registry if m._meta.app_label == "alerts"]
    assert {m.__name__ for m in registered} >= {
        "Subscriber",
        "Message",
        "Webhook",
        "WebhookDelivery",
        "EmailDelivery",
    }
    for model in registered:
        name = f"admin:alerts_{model._meta.model_name}_changelist"
        assert editor_client.get(reverse(name)).status_code == 200, name
    assert editor_client.get(reverse("admin:alerts_message_add")).status_code == 200
    page = editor_client.get(reverse("admin:alerts_message_change", args=[message.pk]))
    assert reverse("admin:alerts_message_send", args=[message.pk]).encode() in page.content
    assert models.Webhook.objects.get().secret  # a secret is made for every webhook


@pytest.mark.django_db
def test_editors_send_newsletters_and_contributors_cannot(client):
    from importlib import import_module

    from django.apps import apps

    from .roles import role_user

    contributor, editor = role_user("Contributor"), role_user("Editor")
    import_module("alerts.migrations.0002_roles").grant(apps, None)
    message = Message.objects.create(kind="newsletter", subject="Digest")
    client.force_login(editor)
    assert client.get(reverse("admin:alerts_message_send", args=[message.pk])).status_code == 200
    assert client.get(reverse("admin:alerts_webhook_changelist")).status_code == 403
    client.force_login(contributor)
    for name in ("preview", "send"):
        response = client.get(reverse(f"admin:alerts_message_{name}", args=[message.pk]))
        assert response.status_code == 403, name
    assert client.post(reverse("admin:alerts_message_send", args=[message.pk])).status_code == 403
    message.refresh_from_db()
    assert message.sent_at is None


@pytest.mark.django_db
def test_a_newsletter_rendered_once_still_shows_each_reader_what_is_published_now(settings):
    from alerts import emails

    from .factories import CorrectionFactory

    settings.NEWSROOM_SITE_URL = SITE
    briefing = BriefingFactory()
    kept = UpdateFactory(briefing=briefing, headline="Stays up")
    pulled = UpdateFactory(briefing=briefing, headline="Pulled later")
    message = Message.objects.create(kind="newsletter", subject="Digest", briefing=briefing)
    deliveries = []
    for n in range(3):
        reader = Subscriber.objects.create(email=f"d{n}@example.net", confirmed_at=timezone.now())
        Subscription.objects.create(subscriber=reader, kind="digest", confirmed_at=timezone.now())
        deliveries.append(EmailDelivery.objects.create(subscriber=reader, message=message))

    def text_of(delivery):
        email_ = emails.for_delivery(delivery)
        assert email_.to == [delivery.subscriber.email]
        assert tokens.make(tokens.MANAGE, delivery.subscriber) in email_.body
        return email_.body

    assert "Pulled later" in text_of(deliveries[0])
    pulled.status = Status.DRAFT
    pulled.save()
    CorrectionFactory(update=kept, text="A late correction.")
    second = text_of(deliveries[1])
    assert "Pulled later" not in second and "A late correction." in second
    kept.status = Status.DRAFT
    kept.save()
    assert emails.for_delivery(deliveries[2]) is None


@pytest.mark.django_db
def test_the_subscription_pages_are_valid_html(client, tmp_path):
    """They are left out of the site-wide page checks (they set a CSRF cookie), so they are
    checked here with the same Nu HTML Checker."""
    import shutil

    from .conftest import require_service
    from .test_html_validity import VNU_JAR

    java = shutil.which("java")
    if not java or not VNU_JAR.exists():
        require_service("the Nu HTML Checker: java and node_modules/vnu-jar (npm ci)")
    briefing = BriefingFactory()
    subscriber = Subscriber.objects.create(email="valid@example.net", confirmed_at=timezone.now())
    subscription = Subscription.objects.create(
        subscriber=subscriber, kind="briefing", briefing=briefing, confirmed_at=timezone.now()
    )
    pages = {
        "subscribe": reverse("alerts:subscribe"),
        "subscribe-briefing": reverse("alerts:subscribe_briefing", args=[briefing.slug]),
        "sent": reverse("alerts:subscribe_sent"),
        "confirm": reverse(
            "alerts:confirm", args=[tokens.make(tokens.CONFIRM, subscriber, subscription)]
        ),
        "unsubscribe": reverse(
            "alerts:unsubscribe", args=[tokens.make(tokens.UNSUBSCRIBE, subscriber)]
        ),
        "manage": reverse("alerts:manage", args=[tokens.make(tokens.MANAGE, subscriber)]),
        "invalid": reverse("alerts:manage", args=["nonsense"]),
    }
    for name, path in pages.items():
        (tmp_path / f"{name}.html").write_bytes(client.get(path).content)
    invalid = client.post(reverse("alerts:subscribe"), {"email": "not an address"})
    (tmp_path / "subscribe-errors.html").write_bytes(invalid.content)
    result = subprocess.run(  # noqa: S603 (the jar and our own temp files)
        [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only"]
        + [str(p) for p in sorted(tmp_path.iterdir())],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    messages = json.loads(result.stderr)["messages"]
    assert messages == [], [(m.get("url"), m["message"]) for m in messages]


@pytest.mark.django_db(transaction=True)
def test_the_sweep_requeues_what_a_lost_task_left(inbox, settings):
    from alerts.models import PendingAlert
    from alerts.tasks import recover

    settings.NEWSROOM_ALERT_MINUTES = 0
    reader = Subscriber.objects.create(email="lost@example.net", confirmed_at=timezone.now())
    update = UpdateFactory(headline="Waited too long", is_key_event=True)
    DBTaskResult.objects.all().delete()  # the tasks the save enqueued are "lost"
    Subscription.objects.create(
        subscriber=reader, kind="briefing", briefing=update.briefing, confirmed_at=timezone.now()
    )
    long_ago = timezone.now() - timezone.timedelta(minutes=10)
    PendingAlert.objects.create(subscriber=reader, update=update)
    PendingAlert.objects.update(created_at=long_ago)
    message = Message.objects.create(kind="newsletter", subject="Lost", briefing=update.briefing)
    Subscription.objects.create(subscriber=reader, kind="digest", confirmed_at=timezone.now())
    claimed = EmailDelivery.objects.create(
        subscriber=reader, message=message, status="sending", attempts=1, lease_until=long_ago
    )
    assert recover() == 2  # the expired claim and the unbatched key event
    run_worker(until=lambda: len(inbox.messages) == 2)
    subjects = sorted(m["Subject"] for m in inbox.messages)
    assert subjects == [f"Key event: {update.briefing.title}", "Lost"]
    claimed.refresh_from_db()
    assert (claimed.status, claimed.attempts) == ("sent", 2)
    assert recover() == 0

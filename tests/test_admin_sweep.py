"""Every admin URL under every role, against one table derived from the permission policy.

The URLs are walked from the URL resolver — every ModelAdmin's get_urls(), the admin
site's own views and third-party ones (simple-history's revert pages, taggit's merge,
django-axes's logs, other apps' admins) — and filled with real objects: a contributor's
own draft, someone else's draft, published content, one row of every other model. Each
is requested by an anonymous visitor, a contributor, an editor and an admin, with a GET
and with a POST carrying a valid CSRF token and the fields the page's own form has (as an
admin loaded it). The outcome must be what ``expected()`` derives from
briefings.permissions: allowed, refused (403, 404 for what the user may not know exists,
405 for the wrong method) or sent to sign in. A refused POST must leave every table as it
was. A URL the table does not know fails the test: a URL added later is swept as soon as
it exists, and must be given its rule here.

Each request runs in a savepoint that is rolled back, so every one starts from the same
database.
"""

import datetime as dt
import re
import time
import uuid
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection, models, transaction
from django.http import HttpRequest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from briefings import permissions as policy
from briefings.models import Actor, Briefing, Source, Status, Update

from .admin_forms import form_data
from .factories import (
    ActorFactory,
    BriefingFactory,
    CitationFactory,
    CorrectionFactory,
    SourceFactory,
    UpdateFactory,
    UserFactory,
)
from .roles import role_user

ROLES = ["anonymous", "Contributor", "Editor", "Admin"]
ALLOWED, REFUSED, LOGIN = "allowed", "refused", "sign in"
CSRF_SECRET = "s" * 32  # a well-formed CSRF cookie secret; the form token repeats it

# The report of the last run, for the README's Reliability table.
COUNTS = {}


# The URLs ---------------------------------------------------------------------------------------


@dataclass
class Route:
    name: str | None
    pattern: str
    model_admin: admin.ModelAdmin | None  # None: a view of the admin site itself

    @property
    def kind(self) -> str:
        """The view's kind: the URL name without the model's prefix ("change", "preview")."""
        if self.name is None:
            return "object redirect" if self.model_admin else "catch-all"
        if self.model_admin is not None:
            opts = self.model_admin.opts
            return self.name.removeprefix(f"{opts.app_label}_{opts.model_name}_")
        return self.name


def admin_routes() -> list[Route]:
    """Every URL pattern under the admin, with the ModelAdmin whose get_urls() gave it."""
    site = next(
        p
        for p in get_resolver().url_patterns
        if isinstance(p, URLResolver) and p.app_name == "admin"
    )
    by_prefix = {
        f"{model._meta.app_label}/{model._meta.model_name}/": model_admin
        for model, model_admin in admin.site._registry.items()
    }
    routes = []
    for pattern in site.url_patterns:
        if isinstance(pattern, URLPattern):
            routes.append(Route(pattern.name, str(pattern.pattern), None))
            continue
        # The second hop: one ModelAdmin's get_urls(), included under its model's path.
        model_admin = by_prefix[str(pattern.pattern)]
        for inner in pattern.url_patterns:
            assert isinstance(inner, URLPattern), f"a third hop under {pattern.pattern}"
            routes.append(Route(inner.name, str(inner.pattern), model_admin))
    return routes


# The objects ------------------------------------------------------------------------------------


def plausible_row(model):
    """One saved row of a model no factory knows, its required fields filled plausibly."""
    values = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.has_default() or field.null or field.blank:
            continue
        if isinstance(field, models.ForeignKey):
            related = field.related_model
            values[field.name] = related._default_manager.first() or plausible_row(related)
        elif field.choices:
            values[field.name] = field.choices[0][0]
        elif isinstance(field, models.EmailField):
            values[field.name] = f"{uuid.uuid4().hex[:8]}@example.invalid"
        elif isinstance(field, models.URLField):
            values[field.name] = "https://example.invalid/hook"
        elif isinstance(field, models.DateTimeField):
            values[field.name] = timezone.now()
        elif isinstance(field, models.DateField):
            values[field.name] = timezone.now().date()
        elif isinstance(field, models.UUIDField):
            values[field.name] = uuid.uuid4()
        elif isinstance(field, models.BooleanField):
            values[field.name] = False
        elif isinstance(field, models.IntegerField | models.FloatField | models.DecimalField):
            values[field.name] = 1
        elif isinstance(field, models.JSONField):
            values[field.name] = {}
        elif isinstance(field, models.CharField | models.TextField | models.SlugField):
            values[field.name] = f"sweep-{uuid.uuid4().hex[:8]}"[: field.max_length]
        else:
            raise AssertionError(f"no plausible value for {model.__name__}.{field.name}")
    return model._default_manager.create(**values)


@pytest.fixture
def world(db):
    """Users of each role, a contributor's own and someone else's objects, one row of every
    other registered model, and a deleted update (the restore screen's)."""
    users = {role: role_user(role, f"sweep-{role.lower()}") for role in ROLES[1:]}
    other = role_user("Contributor", "sweep-other")
    briefing = BriefingFactory(title="Sweep live")
    own_draft = UpdateFactory(
        briefing=briefing, author=users["Contributor"], status=Status.DRAFT, body="Own draft."
    )
    others_draft = UpdateFactory(briefing=briefing, author=other, status=Status.DRAFT)
    published = UpdateFactory(briefing=briefing, author=other, body="Published.")
    CitationFactory(update=published, source=SourceFactory(name="Sweep source"))
    CorrectionFactory(update=published)
    gone = UpdateFactory(briefing=briefing, author=other)
    gone.delete()
    objects = {
        Briefing: [briefing, BriefingFactory(status=Status.DRAFT, title="Sweep draft")],
        Update: [own_draft, others_draft, published],
        Source: [Source.objects.get(name="Sweep source")],
        Actor: [ActorFactory(name="Sweep actor", is_reviewed=False)],
    }
    published.tags.add("sweep-topic")
    for model in admin.site._registry:
        if model not in objects:
            row = model._default_manager.first() or plausible_row(model)
            objects[model] = [row]
    return {
        "users": users,
        "objects": objects,
        "deleted": Update.history.filter(history_type="-").get(),
    }


# The cases --------------------------------------------------------------------------------------


@dataclass
class Case:
    route: Route
    url: str
    obj: object = None  # the object the URL is about
    revision: object = None  # for a revert page: the revision shown
    query: str = ""


def cases(route: Route, world) -> list[Case]:
    """The concrete URLs of a route: one per fixture object it can be about."""
    ma, kind = route.model_admin, route.kind
    objs = world["objects"][ma.model] if ma else []
    if kind == "catch-all":
        return [Case(route, f"/{settings.ADMIN_URL}no-such-page/")]
    if kind == "object redirect":
        change = f"admin:{_info(ma)}_change"
        return [Case(route, reverse(change, args=[o.pk]).removesuffix("change/"), o) for o in objs]
    if kind == "app_list":
        labels = sorted({m._meta.app_label for m in admin.site._registry})
        return [Case(route, reverse("admin:app_list", args=[label])) for label in labels]
    if kind == "view_on_site":
        briefing = world["objects"][Briefing][0]
        content_type = ContentType.objects.get_for_model(Briefing)
        return [Case(route, reverse("admin:view_on_site", args=[content_type.pk, briefing.pk]))]
    if kind == "autocomplete":
        query = "?app_label=briefings&model_name=update&field_name=briefing&term=Sweep"
        return [Case(route, reverse("admin:autocomplete"), query=query)]
    if kind == "restore":
        record = world["deleted"]
        return [Case(route, reverse(f"admin:{route.name}", args=[record.history_id]))]
    if kind == "simple_history":
        return [
            Case(route, reverse(f"admin:{route.name}", args=[o.pk, revision.history_id]), o, r)
            for o in objs
            for revision in [o.history.earliest("history_date")]
            for r in [revision.instance]
        ]
    if re.search(r"<(?:\w+:)?(object_id|pk|id)>", route.pattern):
        return [Case(route, reverse(f"admin:{route.name}", args=[o.pk]), o) for o in objs]
    return [Case(route, reverse(f"admin:{route.name}"))]


def _info(model_admin) -> str:
    return f"{model_admin.opts.app_label}_{model_admin.opts.model_name}"


# The table --------------------------------------------------------------------------------------


def _declared(user, case, action: str) -> bool:
    """Apps outside the newsroom's policy: Django's model permissions, as their ModelAdmin
    narrows them (read-only logs, no adding subscribers)."""
    ma = case.route.model_admin
    request = type("Request", (), {"user": user})()
    if action == "add":
        return ma.has_add_permission(request)
    return getattr(ma, f"has_{action}_permission")(request, case.obj)


def may(user, case, action: str) -> bool:
    """May ``user`` ``action`` ("view", "add", "change", "delete") the case's object?"""
    model = case.route.model_admin.model
    if model._meta.app_label != "briefings":
        return _declared(user, case, action)
    if action == "add":
        return policy.may_add(user, model)
    return getattr(policy, f"may_{action}")(user, model, case.obj)


def staff(user, case) -> bool:
    return True


def never(user, case) -> bool:
    return False


def model_perm(codename):
    return lambda user, case: user.has_perm(codename)


def briefing_add_update(user, case) -> bool:
    return policy.may_add(user, Update) and policy.may_view(user, Briefing, case.obj)


def app_visible(user, case) -> bool:
    label = case.url.rstrip("/").rsplit("/", 1)[-1]
    return any(
        any(ma.get_model_perms(type("Request", (), {"user": user})()).values())
        for model, ma in admin.site._registry.items()
        if model._meta.app_label == label
    )


def revert(user, case) -> bool:
    return policy.may_save(user, case.revision, policy.stored_state(case.revision))


def revision_visible(user, case) -> bool:
    model = case.route.model_admin.model
    return policy.may_view(user, model, case.obj) and policy.may_view(user, model, case.revision)


def can(action):
    return lambda user, case: may(user, case, action)


# kind → (who may GET it, who may POST to it). Anonymous visitors are sent to sign in
# everywhere but the sign-in page itself.
TABLE = {
    # Django's admin site
    "index": (staff, staff),
    "login": (never, staff),  # a GET when signed in already is sent on to the index
    "logout": (never, staff),  # POST only (Django 5)
    "password_change": (staff, staff),
    "password_change_done": (staff, never),  # GET only
    "jsi18n": (staff, never),  # GET only
    "autocomplete": (lambda u, c: policy.may_view(u, Briefing), never),
    "view_on_site": (staff, staff),
    "app_list": (app_visible, app_visible),
    "catch-all": (never, never),
    # Every ModelAdmin
    "changelist": (can("view"), can("view")),
    "add": (can("add"), can("add")),
    "change": (can("view"), can("change")),
    "delete": (can("delete"), can("delete")),
    "history": (can("view"), can("view")),
    "object redirect": (staff, staff),
    # django-simple-history: a revert is the save it makes
    "simple_history": (revision_visible, revert),
    # briefings
    "import": (can("add"), can("add")),
    "briefings_tag_suggest": (staff, staff),
    "post_update": (briefing_add_update, briefing_add_update),
    "close_coverage": (never, lambda u, c: policy.may_close_coverage(u, c.obj)),
    "presence": (never, can("view")),
    "preview": (can("view"), can("view")),
    "deleted": (lambda u, c: policy.may_publish(u),) * 2,
    "restore": (never, lambda u, c: policy.may_publish(u)),
    # django-taggit, django.contrib.auth
    "merge_tags": (can("change"), can("change")),
    "password_change_user": (can("change"), can("change")),
    # alerts
    "alerts_message_preview": (model_perm("alerts.send_newsletter"),) * 2,
    "alerts_message_test": (never, model_perm("alerts.send_newsletter")),
    "alerts_message_send": (model_perm("alerts.send_newsletter"),) * 2,
}
# Names that differ from their kind: auth's "<id>/password/" is the user's "password_change".
ALIASES = {"auth_user_password_change": "password_change_user"}
for name in ["alerts_message_preview", "alerts_message_test", "alerts_message_send"]:
    ALIASES[name] = name


def expected(role, user, case, method) -> str:
    kind = ALIASES.get(case.route.name, case.route.kind)
    if kind not in TABLE:
        raise AssertionError(
            f"the sweep's table does not know {case.route.name or case.route.pattern} "
            f"({kind}): give it a rule in TABLE"
        )
    if role == "anonymous":
        return ALLOWED if kind == "login" else LOGIN
    rule = TABLE[kind][0 if method == "GET" else 1]
    return ALLOWED if rule(user, case) else REFUSED


def outcome(response, anonymous: bool) -> str:
    login = reverse("admin:login")
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(login):
            return LOGIN
        if location == reverse("admin:index") and anonymous:
            return LOGIN  # the index sends them on to sign in
        if location == reverse("admin:index") and (
            response.request["REQUEST_METHOD"] == "GET"
            or "Perhaps it was deleted?" in notes(response)
        ):
            # "… doesn't exist. Perhaps it was deleted?": the admin's answer for an object
            # the user may not see; or a signed-in user sent away from the sign-in page.
            return REFUSED
        return ALLOWED
    if response.status_code in {403, 404, 405}:
        return REFUSED
    if response.status_code == 200:
        return ALLOWED
    return f"HTTP {response.status_code}"


def notes(response) -> str:
    """The messages a response leaves for the next page, as one text."""
    morsel = response.cookies.get("messages")
    if morsel is None or not morsel.value:
        return ""
    stored = CookieStorage(HttpRequest())._decode(morsel.value) or []
    return " ".join(str(message) for message in stored)


# Requests ---------------------------------------------------------------------------------------


def snapshot() -> dict[str, list]:
    """Every row of every table (sessions aside: signing in is the sweep's own doing)."""
    rows = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table == "django_session":
                continue
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 (names from the schema)
            rows[table] = sorted(map(repr, cursor.fetchall()))
    return rows


def client_for(role, user) -> Client:
    client = Client(enforce_csrf_checks=True, raise_request_exception=True)
    if user is not None:
        client.force_login(user)
    client.cookies[settings.CSRF_COOKIE_NAME] = CSRF_SECRET
    return client


def in_savepoint(call):
    """Run ``call`` and roll back whatever it wrote."""
    with transaction.atomic():
        result = call()
        transaction.set_rollback(True)
    return result


def post_data(loader, case) -> dict:
    """The fields of the page's own form, as an admin would post them back."""
    page = in_savepoint(lambda: loader.get(case.url + case.query))
    data = {}
    if page.status_code == 200 and b"<form" in page.content:
        for form_id in re.findall(rb'<form[^>]*id="([\w-]+)"', page.content):
            try:
                data.update(form_data(page, form_id.decode()))
            except AssertionError:
                continue  # a form without fields (the search box has one, too)
    data["csrfmiddlewaretoken"] = CSRF_SECRET
    return data


def test_every_admin_url_under_every_role(world, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    started = time.monotonic()
    routes = admin_routes()
    loader = client_for("root", UserFactory(username="sweep-root", is_superuser=True))
    clients = {
        role: (client_for(role, world["users"].get(role)), world["users"].get(role))
        for role in ROLES
    }
    failures, requests, urls = [], 0, 0
    by_outcome = {ALLOWED: 0, REFUSED: 0, LOGIN: 0}
    for route in routes:
        for case in cases(route, world):
            urls += 1
            try:
                data = post_data(loader, case)
            except Exception as error:  # a 500 for the admin: reported with the rest
                failures.append(f"GET {case.url} as an admin: {type(error).__name__}: {error}")
                data = {"csrfmiddlewaretoken": CSRF_SECRET}
            for role, (client, user) in clients.items():
                for method in ["GET", "POST"]:
                    want = expected(role, user, case, method)
                    before = snapshot() if method == "POST" and want != ALLOWED else None

                    def send(client=client, method=method, before=before, case=case, data=data):
                        # Signing out (or in) replaces the client's cookies; the database is
                        # rolled back, so the old session is valid again: keep using it.
                        cookies = {name: c.value for name, c in client.cookies.items()}
                        client.cookies.pop("messages", None)  # each response's own notes
                        if method == "GET":
                            response = client.get(case.url + case.query)
                        else:
                            response = client.post(case.url + case.query, data)
                        changed = None
                        if before is not None:
                            after = snapshot()
                            changed = [t for t in before if before[t] != after.get(t)]
                        for name, value in cookies.items():
                            client.cookies[name] = value
                        client.cookies.pop("messages", None)
                        return response, changed

                    requests += 1
                    where = f"{method} {case.url}{case.query} as {role}"
                    try:
                        response, changed = in_savepoint(send)
                    except Exception as error:  # a 500: reported with the rest
                        failures.append(f"{where}: {type(error).__name__}: {error}")
                        continue
                    got = outcome(response, anonymous=user is None)
                    by_outcome[got] = by_outcome.get(got, 0) + 1
                    if got != want:
                        failures.append(f"{where}: {got} ({response.status_code}), not {want}")
                    if changed:
                        failures.append(f"{where}: refused, yet changed {changed}")
    COUNTS.update(
        routes=len(routes),
        urls=urls,
        roles=len(ROLES),
        requests=requests,
        seconds=round(time.monotonic() - started),
        **by_outcome,
    )
    print("admin sweep:", COUNTS)
    assert failures == [], "\n".join(failures)
    # The sweep reaches every kind of screen, and refuses as much as it allows.
    assert len(routes) >= 60 and by_outcome[REFUSED] > 100 and by_outcome[ALLOWED] > 100


def test_every_admin_url_is_reached_from_a_modeladmin_in_two_hops():
    """Admin site → a ModelAdmin's get_urls() → the view: no screen hangs anywhere else."""
    own = [r for r in admin_routes() if r.model_admin is None]
    site_views = {
        "index",
        "login",
        "logout",
        "password_change",
        "password_change_done",
        "autocomplete",
        "jsi18n",
        "view_on_site",
        "app_list",
        None,
    }
    assert {r.name for r in own} <= site_views


def test_the_table_knows_a_new_url_only_when_given_a_rule(world):
    """A route nobody described fails the sweep instead of passing unchecked."""
    route = Route("briefings_briefing_frobnicate", "<path:object_id>/frobnicate/", None)
    route.model_admin = admin.site._registry[Briefing]
    case = Case(route, "/x/", world["objects"][Briefing][0])
    with pytest.raises(AssertionError, match="does not know"):
        expected("Editor", world["users"]["Editor"], case, "GET")


def test_a_refused_post_that_writes_is_caught(world):
    """The database comparison sees a write that a refusal should not have made."""
    before = snapshot()
    Briefing.objects.filter(pk=world["objects"][Briefing][0].pk).update(
        title="Changed", updated_at=timezone.now() + dt.timedelta(seconds=1)
    )
    after = snapshot()
    assert [t for t in before if before[t] != after[t]] == ["briefings_briefing"]

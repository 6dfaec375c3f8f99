"""Error pages for the admin: inside the admin, with a way back, instead of the readers'
pages (the root URLconf's handler400/403/404/500 come here and hand the public site's
requests on to its own pages).

A post larger than Django accepts (DATA_UPLOAD_MAX_MEMORY_SIZE, DATA_UPLOAD_MAX_NUMBER_FIELDS)
is refused before any view runs, so no form can show it again: the editor is sent back to
the same form with a message, where the browser's copy of the text (autosave.js) is put
back.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse, HttpResponseRedirect
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import csrf, defaults

from .. import views

TOO_LARGE = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)

PAGES = {
    400: ("The request could not be read", "Nothing was saved."),
    403: ("You may not do this", "Your account has no permission for this page or action."),
    404: ("Not found", "There is nothing at this address, or nothing you may see."),
    413: ("Too large to post", "Nothing was saved."),
    "csrf": ("The form had expired", "Nothing was saved."),
}


def in_admin(request) -> bool:
    return request.path.startswith("/" + settings.ADMIN_URL)


def for_staff(request) -> bool:
    """An admin page asked for by someone signed in to the admin: others (the sign-in page
    included) get the public site's pages, which show nothing of the admin."""
    user = getattr(request, "user", None)
    return in_admin(request) and bool(user and user.is_active and user.is_staff)


def way_back(request) -> str:
    """The admin page the editor came from, when the browser says so; else the admin's home."""
    referer = request.META.get("HTTP_REFERER", "")
    came_from_admin = (
        url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        and f"/{settings.ADMIN_URL}" in referer
    )
    if came_from_admin and referer.split("#")[0] != request.build_absolute_uri():
        return referer
    return "/" + settings.ADMIN_URL


def admin_error(
    request, status: int, detail: str = "", back_url: str = "", page=None
) -> HttpResponse:
    title, text = PAGES[page or status]
    context = {
        "title": title,
        "text": text,
        "detail": detail,
        "status": status,
        "back_url": back_url or way_back(request),
        "site_header": admin.site.site_header,
        "site_title": admin.site.site_title,
        # The admin's header shows its user links (view site, password, sign out) only
        # when told the user may use the admin.
        "has_permission": admin.site.has_permission(request),
    }
    body = loader.render_to_string("admin/briefings/error.html", context, request)
    return HttpResponse(body, status=status)


def too_large_text(request) -> str:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
    sent = request.META.get("CONTENT_LENGTH", "")
    size = f"{int(sent) / 1024 / 1024:.1f} MB" if sent.isdigit() else "more"
    return (
        f"Nothing was posted: the form sent {size}, and a post may have "
        f"{limit / 1024 / 1024:g} MB at most. What you typed is kept in this browser and put "
        "back in the form; shorten it, or split it into several updates, and post again."
    )


def bad_request(request, exception):
    if not for_staff(request):
        return views.bad_request(request, exception)
    if isinstance(exception, TOO_LARGE):
        if request.method == "POST" and hasattr(request, "_messages"):
            # Back to the same form (a GET of the same address), with the message on top.
            messages.error(request, too_large_text(request))
            return HttpResponseRedirect(request.get_full_path(), status=303)
        return admin_error(request, 413, too_large_text(request))
    return admin_error(request, 400)


def permission_denied(request, exception):
    if not for_staff(request):
        return defaults.permission_denied(request, exception)
    reason = str(exception) if exception and str(exception) else ""
    return admin_error(request, 403, reason)


def csrf_failure(request, reason=""):
    """A form refused by the CSRF check (CSRF_FAILURE_VIEW): in the admin, usually a form
    left open while the session expired or the editor signed in again in another tab. Still
    a 403, with the way back to the same form, where the browser's copy puts the text back."""
    if not in_admin(request):
        return csrf.csrf_failure(request, reason)
    detail = (
        "You were signed out, or signed in again in another tab, since the form was opened. "
        "What you typed is kept in this browser: open the form again (sign in if asked) and "
        "post it again."
    )
    return admin_error(request, 403, detail, back_url=request.get_full_path(), page="csrf")


def page_not_found(request, exception):
    if not for_staff(request):
        return defaults.page_not_found(request, exception)
    return admin_error(request, 404)


def server_error(request):
    """A 500 inside the admin: a page that asks nothing of the database (it may be what
    failed, so whoever asked is not looked up either), with links back to the form and to
    the admin's home."""
    if not in_admin(request):
        return defaults.server_error(request)
    context = {"back_url": way_back(request), "home_url": "/" + settings.ADMIN_URL}
    body = loader.render_to_string("admin/briefings/500.html", context)
    return HttpResponse(body, status=500)

"""Serving stored images from the filesystem (the default storage), with the visibility rule.

Every stored name holds its image's random key and is never reused, so a public image is
served with a year's ``Cache-Control: immutable``. An image readers may not see yet (only
in a draft, a scheduled update or an unpublished briefing, or a library image in no
published page) answers 404 to readers and is served, uncached, to signed-in staff (the
admin's previews). With object storage (NEWSROOM_MEDIA_BUCKET) files are served by the
bucket or its CDN instead, and their unguessable names are what keeps drafts private.
"""

import mimetypes
import posixpath
import re

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

from .models import Image

# images/<key>.jpg and renditions/images/<key>.<hash>.webp
KEY = re.compile(r"^(?:renditions/)?images/([A-Za-z0-9_-]{16,32})\.(?:[0-9a-f]{12}\.)?[a-z]{3,4}$")
PUBLIC = "public, max-age=31536000, immutable"
TYPES = {".jpg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}


@require_safe
def media(request, path):
    name = posixpath.normpath(path)
    match = KEY.match(name)
    if match is None or name != path:
        raise Http404("No such image.")
    image = Image.objects.filter(key=match.group(1)).exclude(file="").first()
    if image is None:
        raise Http404("No such image.")
    # The public check first: a reader's request never reads the session, so the answer
    # is the same for everyone and may be kept by a CDN.
    if Image.objects.public().filter(pk=image.pk).exists():
        cache_control = PUBLIC
    elif request.user.is_active and request.user.is_staff:
        cache_control = "private, no-store"
    else:
        raise Http404("No such image.")
    try:
        handle = default_storage.open(name, "rb")
    except FileNotFoundError:
        raise Http404("No such image.") from None
    extension = posixpath.splitext(name)[1]
    content_type = TYPES.get(extension) or mimetypes.guess_type(name)[0]
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = cache_control
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
